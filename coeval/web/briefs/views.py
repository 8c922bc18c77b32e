from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from coeval.web.briefs import actions, exporters, services
from coeval.web.briefs.forms import ApprovalForm, BriefForm
from coeval.web.briefs.models import Brief, BriefExport, BriefItem, BriefReleased
from coeval.web.briefs.readability import score
from coeval.web.core.decorators import permission_required
from coeval.web.core.models import BackgroundTask
from coeval.web.core.permissions import Permission


def load_team(team_id):
    from coeval.web.programmes.models import Team

    return get_object_or_404(Team.objects.select_related("cohort__programme"), pk=team_id)


def load_programme(programme_id):
    from coeval.web.programmes.models import Programme

    return get_object_or_404(Programme, pk=programme_id)


def load_brief(brief_id):
    return get_object_or_404(Brief.objects.select_related("team__cohort__programme"), pk=brief_id)


def load_released_brief(brief_id):
    brief = load_brief(brief_id)
    if not brief.is_released:
        raise Http404("This brief is not released")
    return brief


def load_item(item_id):
    return get_object_or_404(BriefItem.objects.select_related("brief__team__cohort"), pk=item_id)


def load_export(export_id):
    return get_object_or_404(
        BriefExport.objects.select_related("brief__team__cohort"), pk=export_id
    )


def _refused(request, brief, error):
    messages.error(request, str(error))
    return redirect("briefs:detail", brief_id=brief.pk)


@permission_required(Permission.TEAM_VIEW, load=load_team)
def team_briefs(request, team):
    return render(
        request, "briefs/team_briefs.html", {"team": team, "briefs": services.team_briefs(team)}
    )


@permission_required(Permission.BRIEF_EDIT, load=load_team)
def brief_new(request, team):
    form = BriefForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        brief = actions.create_brief(request.user, team, form.cleaned_data)
        messages.success(request, "Brief started. Now add the evidence.")
        return redirect("briefs:evidence", brief_id=brief.pk)
    return render(
        request,
        "briefs/brief_form.html",
        {"team": team, "form": form, "brief": None, "readability": _score(form, None)},
    )


@permission_required(Permission.TEAM_VIEW, load=load_brief)
def brief_detail(request, brief):
    return render(request, "briefs/brief.html", services.brief_page(brief))


@permission_required(Permission.KNOWLEDGE_MAP_VIEW, load=load_released_brief)
def brief_read(request, brief):
    """A released brief, readable across the programme (it is already public evidence)."""
    return render(request, "briefs/read.html", exporters.context(brief))


@permission_required(Permission.BRIEF_EDIT, load=load_brief)
def brief_edit(request, brief):
    if not brief.is_editable:
        return _refused(request, brief, "Only a draft can be changed.")
    initial = {k: getattr(brief, k) for k in ("format", "title", "key_messages", "recommendations")}
    form = BriefForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.update_brief(request.user, brief, form.cleaned_data)
        messages.success(request, "Brief saved.")
        return redirect("briefs:detail", brief_id=brief.pk)
    return render(
        request,
        "briefs/brief_form.html",
        {"team": brief.team, "form": form, "brief": brief, "readability": _score(form, brief)},
    )


def _score(form, brief):
    data = form.data if form.is_bound else form.initial
    if data.get("format", brief.format if brief else "") != "public":
        return None
    return score(f"{data.get('key_messages', '')}\n{data.get('recommendations', '')}")


@permission_required(Permission.BRIEF_EDIT, load=load_team)
def readability(request, team):
    """The live score beside a public summary as its author types (htmx)."""
    text = f"{request.POST.get('key_messages', '')}\n{request.POST.get('recommendations', '')}"
    public = request.POST.get("format") == "public"
    return render(
        request, "briefs/_readability.html", {"readability": score(text) if public else None}
    )


@permission_required(Permission.BRIEF_EDIT, load=load_brief)
def brief_evidence(request, brief):
    if not brief.is_editable:
        return _refused(request, brief, "Only a draft can be changed.")
    if request.method == "POST":
        kind, _, source_id = request.POST.get("evidence", "").partition(":")
        try:
            item = actions.add_item(request.user, brief, kind, source_id)
        except actions.BriefError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"“{item.title}” added.")
        return redirect("briefs:evidence", brief_id=brief.pk)
    return render(
        request,
        "briefs/evidence.html",
        {
            "brief": brief,
            "team": brief.team,
            "items": list(brief.items.all()),
            "choices": services.evidence_choices(brief),
        },
    )


@require_POST
@permission_required(Permission.BRIEF_EDIT, load=load_item)
def item_remove(request, item):
    brief = item.brief
    try:
        actions.remove_item(request.user, item)
    except (actions.BriefError, BriefReleased) as error:
        return _refused(request, brief, error)
    messages.success(request, f"“{item.title}” taken out.")
    return redirect("briefs:evidence", brief_id=brief.pk)


@require_POST
@permission_required(Permission.BRIEF_EDIT, load=load_brief)
def brief_submit(request, brief):
    try:
        actions.submit_for_approval(request.user, brief)
    except (actions.BriefError, BriefReleased) as error:
        return _refused(request, brief, error)
    messages.success(request, "Sent to a facilitator for approval.")
    return redirect("briefs:detail", brief_id=brief.pk)


@require_POST
@permission_required(Permission.BRIEF_EDIT, load=load_brief)
def brief_take_back(request, brief):
    try:
        actions.take_back(request.user, brief)
    except actions.BriefError as error:
        return _refused(request, brief, error)
    messages.success(request, "The brief is a draft again.")
    return redirect("briefs:detail", brief_id=brief.pk)


@permission_required(Permission.BRIEF_APPROVE, load=load_brief)
def brief_approve(request, brief):
    form = ApprovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                actions.approve(request.user, brief, form.cleaned_data["note"])
                messages.success(request, "Approved. The brief is released.")
            else:
                actions.take_back(request.user, brief, form.cleaned_data["note"])
                messages.success(request, "Sent back to the team with your note.")
        except actions.BriefError as error:
            return _refused(request, brief, error)
        return redirect("briefs:detail", brief_id=brief.pk)
    return render(request, "briefs/approve.html", {**services.brief_page(brief), "form": form})


@permission_required(Permission.BRIEF_APPROVE, load=load_programme)
def approvals(request, programme):
    return render(
        request,
        "briefs/approvals.html",
        {"programme": programme, "briefs": services.waiting_for_approval(programme)},
    )


@require_POST
@permission_required(Permission.BRIEF_EDIT, load=load_brief)
def brief_new_version(request, brief):
    draft = actions.start_new_version(request.user, brief)
    messages.success(request, f"Version {draft.version} started. The released version stays.")
    return redirect("briefs:edit", brief_id=draft.pk)


@permission_required(Permission.TEAM_VIEW, load=load_brief)
def export_html(request, brief):
    response = HttpResponse(exporters.brief_html(brief), content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exporters.filename(brief, "html")}"'
    return response


@permission_required(Permission.TEAM_VIEW, load=load_brief)
def export_docx(request, brief):
    response = HttpResponse(
        exporters.brief_docx(brief),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{exporters.filename(brief, "docx")}"'
    return response


@require_POST
@permission_required(Permission.TEAM_VIEW, load=load_brief)
def export_pdf(request, brief):
    export = actions.request_pdf(request.user, brief)
    return redirect("briefs:export", export_id=export.pk)


@permission_required(Permission.TEAM_VIEW, load=load_export)
def export_status(request, export):
    task = BackgroundTask.objects.filter(pk=export.task_id).first() if export.task_id else None
    template = "briefs/_export_progress.html" if request.htmx else "briefs/export_status.html"
    return render(request, template, {"export": export, "brief": export.brief, "task": task})


@permission_required(Permission.TEAM_VIEW, load=load_export)
def export_download(request, export):
    if not export.is_ready:
        raise Http404("The PDF is not ready yet")
    response = HttpResponse(bytes(export.content), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response
