import json

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from coeval.web.core.decorators import permission_required
from coeval.web.core.permissions import Permission
from coeval.web.programmes.views import load_cohort, load_programme, load_team
from coeval.web.workbook import actions, exchange, exports, services
from coeval.web.workbook import content as content_rules
from coeval.web.workbook import sections as spec
from coeval.web.workbook.forms import (
    AdoptForm,
    AdviceForm,
    CommentForm,
    DecisionForm,
    FaqForm,
    ImportForm,
    ReplyForm,
    ReviewForm,
)
from coeval.web.workbook.models import (
    AdviceQuestion,
    Comment,
    EvaluationPlan,
    Notification,
    Section,
    SectionRevision,
)

_PLAN = "team__cohort__programme"


def load_plan(plan_id):
    return get_object_or_404(EvaluationPlan.objects.select_related(_PLAN), pk=plan_id)


def load_section(plan_id, key):
    if key not in spec.SECTIONS_BY_KEY:
        raise Http404
    return get_object_or_404(
        Section.objects.select_related(f"plan__{_PLAN}"), plan_id=plan_id, key=key
    )


def load_revision(plan_id, key, number):
    return get_object_or_404(
        SectionRevision.objects.select_related(f"section__plan__{_PLAN}"),
        section__plan_id=plan_id,
        section__key=key,
        number=number,
    )


def load_comment(comment_id):
    return get_object_or_404(
        Comment.objects.select_related(f"section__plan__{_PLAN}"), pk=comment_id
    )


def load_question(question_id):
    return get_object_or_404(
        AdviceQuestion.objects.select_related(f"section__plan__{_PLAN}"), pk=question_id
    )


def _section_redirect(section):
    return redirect("workbook:section", plan_id=section.plan_id, key=section.key)


def _int(value, default=0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# --- Plans --------------------------------------------------------------------------


@permission_required(Permission.WORKBOOK_VIEW, load=load_team)
def team_plan(request, team):
    plan = EvaluationPlan.objects.filter(team=team).first()
    if plan is not None:
        return redirect("workbook:plan", plan_id=plan.pk)
    return render(request, "workbook/start.html", {"team": team})


@require_POST
@permission_required(Permission.WORKBOOK_EDIT, load=load_team)
def start_plan(request, team):
    plan = actions.start_plan(request.user, team)
    return redirect("workbook:plan", plan_id=plan.pk)


@permission_required(Permission.WORKBOOK_VIEW, load=load_plan)
def plan_detail(request, plan):
    return render(request, "workbook/plan.html", services.plan_overview(plan))


@require_POST
@permission_required(Permission.PLAN_SUBMIT, load=load_plan)
def plan_submit(request, plan):
    try:
        actions.submit_plan(request.user, plan)
        messages.success(request, "The plan is submitted. The steering group will decide.")
    except actions.WorkbookError as problem:
        messages.error(request, str(problem))
    return redirect("workbook:plan", plan_id=plan.pk)


@permission_required(Permission.PLAN_APPROVE, load=load_plan)
def plan_decision(request, plan):
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.decide_plan(
                request.user,
                plan,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
            )
            messages.success(request, "The decision is recorded.")
            return redirect("workbook:plan", plan_id=plan.pk)
        except actions.WorkbookError as problem:
            form.add_error(None, str(problem))
    return render(request, "workbook/decision.html", {"plan": plan, "form": form})


@permission_required(Permission.WORKBOOK_VIEW, load=load_plan)
def plan_contributions(request, plan):
    return render(request, "workbook/contributions.html", services.contributions(plan))


# --- Sections -----------------------------------------------------------------------


@permission_required(Permission.WORKBOOK_VIEW, load=load_section)
def section_detail(request, section):
    context = services.section_page(section, request.user)
    context["comment_form"] = CommentForm()
    return render(request, "workbook/section.html", context)


def _edit_context(section, values, base_revision, problems=None, **extra):
    return {
        "section": section,
        "plan": section.plan,
        "spec": section.spec,
        "fields": services.form_fields(section, values, problems),
        "problems": problems,
        "base_revision": base_revision,
        **extra,
    }


@permission_required(Permission.WORKBOOK_EDIT, load=load_section)
def section_edit(request, section):
    if request.method == "POST":
        values = content_rules.parse(section.spec, request.POST, section.content)
        base = _int(request.POST.get("base_revision"), -1)
        try:
            revision = actions.save_section(request.user, section, values, base)
        except actions.InvalidContent as invalid:
            actions.save_draft(request.user, section, values, base)  # nothing typed is lost
            context = _edit_context(section, values, base, invalid.problems)
            return render(request, "workbook/section_edit.html", context)
        except actions.Conflict as conflict:
            actions.save_draft(request.user, section, values, base)  # yours is kept too
            current = conflict.section
            context = _edit_context(
                current, values, current.revision, **services.conflict_view(current, values)
            )
            return render(request, "workbook/conflict.html", context, status=409)
        saved = f"“{section.spec.title}” is saved as revision {section.revision}."
        if revision.number != base + 1:
            saved += (
                " Someone else saved it while you were editing; they changed other parts, "
                "so both sets of changes are kept."
            )
        messages.success(request, saved)
        return _section_redirect(section)
    draft = services.draft_for(section, request.user)
    if draft is not None and draft.content != section.content:
        context = _edit_context(section, draft.content, draft.base_revision, restored=draft)
    else:
        context = _edit_context(section, section.content, section.revision)
    return render(request, "workbook/section_edit.html", context)


@require_POST
@permission_required(Permission.WORKBOOK_EDIT, load=load_section)
def section_autosave(request, section):
    values = content_rules.parse(section.spec, request.POST, section.content)
    base = _int(request.POST.get("base_revision"), section.revision)
    draft = actions.save_draft(request.user, section, values, base)
    when = timezone.localtime(draft.updated_at).strftime("%H:%M:%S")
    return HttpResponse(f"Draft kept at {when}. You can close this page and come back to it.")


@require_POST
@permission_required(Permission.WORKBOOK_EDIT, load=load_section)
def section_discard(request, section):
    actions.discard_draft(request.user, section)
    messages.success(request, "Your unsaved changes are discarded.")
    return _section_redirect(section)


@require_POST
@permission_required(Permission.WORKBOOK_EDIT, load=load_section)
def section_ready(request, section):
    try:
        actions.mark_ready(request.user, section)
        messages.success(request, "The facilitators are told that this section is ready.")
    except actions.WorkbookError as problem:
        messages.error(request, str(problem))
    return _section_redirect(section)


@permission_required(Permission.WORKBOOK_REVIEW, load=load_section)
def section_review(request, section):
    form = ReviewForm(request.POST or None, initial={"feedback": section.feedback})
    if request.method == "POST" and form.is_valid():
        actions.review_section(
            request.user,
            section,
            feedback=form.cleaned_data["feedback"],
            agreed=form.cleaned_data["outcome"] == "agreed",
        )
        messages.success(request, "Your review is recorded and the team is told.")
        return _section_redirect(section)
    context = services.section_page(section, request.user)
    context["form"] = form
    return render(request, "workbook/review.html", context)


@permission_required(Permission.WORKBOOK_VIEW, load=load_section)
def section_history(request, section):
    return render(
        request,
        "workbook/history.html",
        {"section": section, "plan": section.plan, "revisions": services.history(section)},
    )


@permission_required(Permission.WORKBOOK_VIEW, load=load_revision)
def revision_detail(request, revision):
    section = revision.section
    context = services.revision_diff(section, revision.number)
    context.update(section=section, plan=section.plan)
    return render(request, "workbook/revision.html", context)


@require_POST
@permission_required(Permission.WORKBOOK_EDIT, load=load_revision)
def revision_restore(request, revision):
    new = actions.restore_revision(request.user, revision.section, revision.number)
    messages.success(
        request, f"Revision {revision.number} is restored as revision {new.number}. "
        "Nothing was deleted."
    )  # fmt: skip
    return _section_redirect(revision.section)


# --- The logic model builder --------------------------------------------------------


@permission_required(Permission.WORKBOOK_EDIT, load=load_section)
def logic_model(request, section):
    if not section.spec.builder:
        raise Http404
    status, problem = "", ""
    if request.method == "POST":
        op = request.POST.get("op", "")
        try:
            actions.change_logic_model(request.user, section, op, request.POST)
            status = {
                "add_item": "Item added.",
                "edit_item": "Item changed.",
                "remove_item": "Item removed.",
                "add_link": "Link added.",
                "remove_link": "Link removed.",
            }[op]
        except actions.WorkbookError as error:
            problem = str(error)
        if not request.htmx and not problem:
            messages.success(request, status)
            return redirect("workbook:logic_model", plan_id=section.plan_id, key=section.key)
    context = services.builder_page(section)
    context.update(
        section=section, plan=section.plan, status=status, problem=problem, posted=request.POST
    )
    return render(request, "workbook/logic_model.html", context)


# --- Comments and "you said, we did" ----------------------------------------------------


@require_POST
@permission_required(Permission.WORKBOOK_VIEW, load=load_section)
def comment_add(request, section):
    form = CommentForm(request.POST)
    if form.is_valid():
        actions.add_comment(
            request.user, section, form.cleaned_data["kind"], form.cleaned_data["text"]
        )
        messages.success(request, "Thank you. Your comment is added.")
        return redirect(
            reverse("workbook:section", args=[section.plan_id, section.key]) + "#comments"
        )
    context = services.section_page(section, request.user)
    context["comment_form"] = form
    return render(request, "workbook/section.html", context)


@permission_required(Permission.WORKBOOK_EDIT, load=load_comment)
def comment_adopt(request, comment):
    revisions = list(comment.section.revisions.filter(number__gt=0).order_by("-number")[:20])
    form = AdoptForm(request.POST or None, revisions=revisions)
    if request.method == "POST" and form.is_valid():
        revision = comment.section.revisions.get(number=form.cleaned_data["revision"])
        actions.adopt_comment(request.user, comment, revision, form.cleaned_data["we_did"])
        messages.success(request, f"Marked as adopted. {comment.author_name} can see the change.")
        return _section_redirect(comment.section)
    return render(
        request,
        "workbook/adopt.html",
        {
            "comment": comment,
            "section": comment.section,
            "plan": comment.section.plan,
            "form": form,
        },
    )


@permission_required(Permission.SIGN_IN_PAGES)
def my_influence(request):
    return render(
        request, "workbook/influence.html", {"adopted": services.my_influence(request.user)}
    )


# --- Methodological advice ------------------------------------------------------------


@permission_required(Permission.ADVICE_ASK, load=load_section)
def advice_ask(request, section):
    form = AdviceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        question = actions.ask_advice(
            request.user, section, form.cleaned_data["subject"], form.cleaned_data["text"]
        )
        messages.success(request, "Your question is sent to the programme's advisers.")
        return redirect("workbook:advice", question_id=question.pk)
    return render(
        request,
        "workbook/advice_ask.html",
        {"section": section, "plan": section.plan, "form": form},
    )


@permission_required(Permission.WORKBOOK_VIEW, load=load_question)
def advice_thread(request, question):
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.answer_advice(request.user, question, form.cleaned_data["text"])
        messages.success(request, "Your reply is added.")
        return redirect("workbook:advice", question_id=question.pk)
    context = services.advice_thread(question)
    context["form"] = form
    return render(request, "workbook/advice.html", context)


@permission_required(Permission.ADVICE_ANSWER, load=load_question)
def advice_promote(request, question):
    replies = list(question.replies.all())
    initial = {"asked": question.text, "answer": replies[-1].text if replies else ""}
    form = FaqForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.promote_to_faq(request.user, question, **form.cleaned_data)
            messages.success(request, "The question is in the programme's FAQ.")
            return redirect(
                "workbook:faq", programme_id=question.section.plan.team.cohort.programme_id
            )
        except actions.WorkbookError as problem:
            form.add_error(None, str(problem))
    return render(
        request,
        "workbook/advice_promote.html",
        {
            "question": question,
            "section": question.section,
            "plan": question.section.plan,
            "form": form,
        },
    )


@permission_required(Permission.PROGRAMME_VIEW, load=load_programme)
def faq(request, programme):
    return render(
        request,
        "workbook/faq.html",
        {"programme": programme, "groups": services.programme_faq(programme)},
    )


# --- Notifications ------------------------------------------------------------------


@permission_required(Permission.SIGN_IN_PAGES)
def inbox(request):
    return render(request, "workbook/inbox.html", services.inbox(request.user))


@require_POST
@permission_required(Permission.SIGN_IN_PAGES)
def notification_open(request, notification_id):
    notification = get_object_or_404(Notification, pk=notification_id, user=request.user)
    return redirect(actions.open_notification(request.user, notification))


@require_POST
@permission_required(Permission.SIGN_IN_PAGES)
def notifications_read(request):
    actions.mark_all_read(request.user)
    return redirect("workbook:inbox")


# --- The cohort dashboard -----------------------------------------------------------


@permission_required(Permission.WORKBOOK_REVIEW, load=load_cohort)
def cohort_dashboard(request, cohort):
    return render(request, "workbook/cohort.html", services.cohort_progress(cohort))


# --- Export and import --------------------------------------------------------------


def _filename(plan, extension: str) -> str:
    from django.utils.text import slugify

    return f"{slugify(plan.team.name) or 'plan'}-evaluation-plan.{extension}"


@permission_required(Permission.WORKBOOK_VIEW, load=load_plan)
def export_docx(request, plan):
    response = HttpResponse(
        exports.plan_docx(plan),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(plan, "docx")}"'
    return response


@permission_required(Permission.WORKBOOK_VIEW, load=load_plan)
def export_pdf(request, plan):
    response = HttpResponse(exports.plan_pdf(plan), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(plan, "pdf")}"'
    return response


@permission_required(Permission.WORKBOOK_VIEW, load=load_plan)
def api_plan(request, plan):
    response = JsonResponse(exchange.plan_document(plan), json_dumps_params={"indent": 2})
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="{_filename(plan, "json")}"'
    return response


@permission_required(Permission.WORKBOOK_EDIT, load=load_team)
def import_plan(request, team):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        plan = actions.import_plan(request.user, team, form.cleaned_data["file"])
        messages.success(request, "The plan is imported. Each section has a new revision.")
        return redirect("workbook:plan", plan_id=plan.pk)
    return render(request, "workbook/import.html", {"team": team, "form": form})


@permission_required(Permission.SIGN_IN_PAGES)
def api_docs(request):
    """The JSON format, described for people writing tools against it."""
    return render(
        request,
        "workbook/api_docs.html",
        {"sections": spec.SECTIONS, "example": json.dumps(_example_document(), indent=2)},
    )


def _example_document():
    from coeval.web.workbook.content import empty_content

    return {
        "format": exchange.FORMAT,
        "version": exchange.VERSION,
        "plan": {"title": "Evaluation of community blood pressure checks"},
        "sections": [
            {"key": "purpose_questions", "content": empty_content(spec.get("purpose_questions"))}
        ],
    }
