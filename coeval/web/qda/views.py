"""Pages of the qualitative workspace. Each loads its object, checks one permission, and calls
one action or service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models.functions import Length
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from coeval.qualitative.agreement import Level
from coeval.qualitative.documents import DocumentImportError
from coeval.qualitative.refi import QdpxImportError
from coeval.qualitative.themes import ThemeError
from coeval.web.core.authorization import has_permission
from coeval.web.core.decorators import permission_required
from coeval.web.core.permissions import Permission
from coeval.web.qda import actions, forms, services
from coeval.web.qda import models as m


def load_team(team_id):
    from coeval.web.programmes.models import Team

    return get_object_or_404(Team.objects.select_related("cohort"), pk=team_id)


def load_project(project_id):
    return get_object_or_404(m.QdaProject.objects.select_related("team__cohort"), pk=project_id)


def load_document(document_id):
    return get_object_or_404(
        m.Document.objects.select_related("project__team__cohort"), pk=document_id
    )


def load_document_for_coding(document_id):
    # The text itself is not needed to apply a code, only its length.
    return get_object_or_404(
        m.Document.objects.select_related("project__team__cohort")
        .defer("plain_text", "original_text", "turns", "project__pseudonyms")
        .annotate(text_length=Length("plain_text")),
        pk=document_id,
    )


def load_pending(pending_id):
    return get_object_or_404(
        m.PendingDocument.objects.select_related("project__team__cohort"), pk=pending_id
    )


def load_code(code_id):
    return get_object_or_404(m.Code.objects.select_related("project__team__cohort"), pk=code_id)


def load_coding(coding_id):
    return get_object_or_404(
        m.Coding.objects.select_related("code__project__team__cohort", "selection__document"),
        pk=coding_id,
    )


def load_case(case_id):
    return get_object_or_404(m.Case.objects.select_related("project__team__cohort"), pk=case_id)


def load_theme(theme_id):
    return get_object_or_404(m.Theme.objects.select_related("project__team__cohort"), pk=theme_id)


def _chosen_code(request, project):
    wanted = request.GET.get("code", "")
    return project.codes.filter(pk=int(wanted)).first() if wanted.isdigit() else None


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- Projects ------------------------------------------------------------------------


@permission_required(Permission.QDA_VIEW, load=load_team)
def team_projects(request, team):
    return render(
        request,
        "qda/team_projects.html",
        {"team": team, "projects": services.projects_for_team(team), "form": forms.ProjectForm()},
    )


@permission_required(Permission.QDA_MANAGE, load=load_team)
def project_new(request, team):
    form = forms.ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = actions.create_project(request.user, team, **form.cleaned_data)
        messages.success(request, f"Project {project.name} started.")
        return redirect("qda:workspace", project_id=project.pk)
    return render(request, "qda/project_form.html", {"team": team, "form": form})


@permission_required(Permission.QDA_MANAGE, load=load_team)
def project_import(request, team):
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            project, kept = actions.import_qdpx(
                request.user, team, form.cleaned_data["file"].read()
            )
        except (QdpxImportError, ThemeError) as problem:
            form.add_error("file", f"The file was not imported: {problem}")
        else:
            messages.success(request, f"Imported {project.name}.")
            if kept:
                messages.info(
                    request,
                    "Kept read-only and included in every export: " + "; ".join(kept) + ".",
                )
            return redirect("qda:workspace", project_id=project.pk)
    return render(request, "qda/import.html", {"team": team, "form": form})


@permission_required(Permission.QDA_VIEW, load=load_project)
def workspace(request, project):
    context = services.workspace(project)
    context.update(project=project, upload_form=forms.UploadForm())
    return render(request, "qda/workspace.html", context)


@permission_required(Permission.QDA_MANAGE, load=load_project)
def project_settings(request, project):
    initial = {
        "name": project.name,
        "description": project.description,
        "approach": project.approach,
        "show_agreement": project.show_agreement,
    }
    form = forms.SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.update_settings(request.user, project, **form.cleaned_data)
        messages.success(request, "Settings saved.")
        return redirect("qda:workspace", project_id=project.pk)
    return render(request, "qda/settings.html", {"project": project, "form": form})


# --- Documents -----------------------------------------------------------------------


@permission_required(Permission.QDA_CODE, load=load_project)
def document_upload(request, project):
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        names = [n.strip() for n in form.cleaned_data["names"].splitlines() if n.strip()]
        try:
            pending = actions.upload_document(
                request.user, project, filename=upload.name, data=upload.read(), names=names
            )
        except DocumentImportError as problem:
            form.add_error("file", str(problem))
        else:
            return redirect("qda:review", pending_id=pending.pk)
    return render(request, "qda/upload.html", {"project": project, "form": form})


@permission_required(Permission.QDA_CODE, load=load_pending)
def document_review(request, pending):
    form = forms.ReviewForm(
        request.POST or None, proposals=pending.proposals, initial={"name": pending.name}
    )
    if request.method == "POST" and "discard" in request.POST:
        actions.discard_pending(request.user, pending)
        messages.success(request, "The upload was discarded. Nothing was saved.")
        return redirect("qda:workspace", project_id=pending.project_id)
    if request.method == "POST" and form.is_valid():
        document = actions.save_reviewed_document(
            request.user,
            pending,
            decisions=form.decisions(),
            name=form.cleaned_data["name"],
            keep_original=form.cleaned_data["keep_original"],
        )
        messages.success(request, f"{document.name} is saved and ready to code.")
        return redirect("qda:document", document_id=document.pk)
    preview = services.review_preview(pending)
    return render(
        request,
        "qda/review.html",
        {"pending": pending, "project": pending.project, "form": form, "preview": preview},
    )


@permission_required(Permission.QDA_VIEW, load=load_document)
def document(request, document):
    context = services.document_page(document, request.user)
    can_code = has_permission(request.user, Permission.QDA_CODE, document)
    context.update(
        document=document,
        project=document.project,
        can_code=can_code,
        form=forms.ApplyCodesForm(project=document.project) if can_code else None,
        memo_form=forms.MemoForm(),
    )
    return render(request, "qda/document.html", context)


@require_POST
@permission_required(Permission.QDA_CODE, load=load_document_for_coding)
def apply_codes(request, document):
    posted = [int(v) for v in request.POST.getlist("codes") if v.isdigit()]
    found = list(m.Code.objects.filter(project_id=document.project_id, pk__in=posted))
    form = forms.ApplyCodesForm(request.POST, choices=[(c.pk, c.name) for c in found])
    problem = None
    if form.is_valid():
        codes = [c for c in found if c.pk in form.cleaned_data["codes"]]
        try:
            actions.apply_codes(
                request.user,
                document,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                codes=codes,
            )
        except actions.WorkspaceError as error:
            problem = str(error)
    else:
        problem = " ".join(message for _, message in form.error_links())
    if _is_htmx(request):
        context = services.document_page(document, request.user)
        context.update(document=document, project=document.project, can_code=True, problem=problem)
        return render(request, "qda/_coded_text.html", context)
    if problem:
        messages.error(request, problem)
    else:
        messages.success(request, "Coded.")
    return redirect("qda:document", document_id=document.pk)


@require_POST
@permission_required(Permission.QDA_CODE, load=load_coding)
def remove_coding(request, coding):
    document = coding.selection.document
    actions.remove_coding(request.user, coding)
    messages.success(request, "Coding removed. Use Undo to put it back.")
    return redirect("qda:document", document_id=document.pk)


@require_POST
@permission_required(Permission.QDA_CODE, load=load_project)
def undo(request, project):
    try:
        messages.success(request, actions.undo_last(request.user, project))
    except actions.WorkspaceError as error:
        messages.error(request, str(error))
    back = request.POST.get("next", "")
    if back.startswith("/qualitative/"):
        return redirect(back)
    return redirect("qda:workspace", project_id=project.pk)


@require_POST
@permission_required(Permission.QDA_CODE, load=load_document)
def document_memo(request, document):
    form = forms.MemoForm(request.POST)
    if form.is_valid():
        actions.add_memo(
            request.user, document.project, text=form.cleaned_data["text"], document=document
        )
        messages.success(request, "Memo saved.")
    else:
        messages.error(request, "Write the memo before saving it.")
    return redirect("qda:document", document_id=document.pk)


@permission_required(Permission.QDA_CODE, load=load_coding)
def coding_memo(request, coding):
    form = forms.MemoForm(request.POST or None)
    document = coding.selection.document
    if request.method == "POST" and form.is_valid():
        actions.add_memo(
            request.user, document.project, text=form.cleaned_data["text"], coding=coding
        )
        messages.success(request, "Memo saved.")
        return redirect("qda:document", document_id=document.pk)
    return render(
        request,
        "qda/coding_memo.html",
        {
            "coding": coding,
            "document": document,
            "project": document.project,
            "excerpt": document.plain_text[coding.selection.start : coding.selection.end],
            "form": form,
        },
    )


# --- Codes ---------------------------------------------------------------------------


@permission_required(Permission.QDA_VIEW, load=load_project)
def codes(request, project):
    can_code = has_permission(request.user, Permission.QDA_CODE, project)
    form = None
    if can_code:
        form = forms.CodeForm(request.POST or None, project=project)
        if request.method == "POST" and form.is_valid():
            code = actions.save_code(request.user, project, **form.cleaned_data)
            messages.success(request, f"Code {code.name} added.")
            return redirect("qda:codes", project_id=project.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "qda/codes.html",
        {"project": project, "tree": services.code_tree(project), "form": form},
    )


@permission_required(Permission.QDA_VIEW, load=load_code)
def code_detail(request, code):
    context = services.code_page(code)
    can_code = has_permission(request.user, Permission.QDA_CODE, code)
    context.update(code=code, project=code.project, can_code=can_code)
    if can_code:
        context.update(
            form=forms.CodeForm(instance=code, project=code.project),
            merge_form=forms.MergeForm(code=code),
            split_form=forms.SplitForm(code=code),
            memo_form=forms.MemoForm(),
        )
    return render(request, "qda/code.html", context)


def _code_page_with(request, code, **forms_in_error):
    context = services.code_page(code)
    context.update(
        code=code,
        project=code.project,
        can_code=True,
        form=forms.CodeForm(instance=code, project=code.project),
        merge_form=forms.MergeForm(code=code),
        split_form=forms.SplitForm(code=code),
        memo_form=forms.MemoForm(),
    )
    context.update(forms_in_error)
    return render(request, "qda/code.html", context, status=200)


@require_POST
@permission_required(Permission.QDA_CODE, load=load_code)
def code_edit(request, code):
    form = forms.CodeForm(
        request.POST, instance=m.Code.objects.get(pk=code.pk), project=code.project
    )
    if form.is_valid():
        try:
            actions.save_code(request.user, code.project, code, **form.cleaned_data)
        except actions.WorkspaceError as error:
            form.add_error("parent", str(error))
        else:
            messages.success(request, "Code saved. Its codings are unchanged.")
            return redirect("qda:code", code_id=code.pk)
    return _code_page_with(request, code, form=form)


@require_POST
@permission_required(Permission.QDA_CODE, load=load_code)
def code_merge(request, code):
    form = forms.MergeForm(request.POST, code=code)
    if form.is_valid():
        try:
            into = actions.merge_codes(request.user, code, form.cleaned_data["into"])
        except actions.WorkspaceError as error:
            form.add_error("into", str(error))
        else:
            messages.success(request, f"Merged into {into.name}. All codings were kept.")
            return redirect("qda:code", code_id=into.pk)
    return _code_page_with(request, code, merge_form=form)


@require_POST
@permission_required(Permission.QDA_CODE, load=load_code)
def code_split(request, code):
    form = forms.SplitForm(request.POST, code=code)
    if form.is_valid():
        new = actions.split_code(
            request.user,
            code,
            new_name=form.cleaned_data["new_name"],
            codings=list(form.cleaned_data["codings"]),
        )
        messages.success(request, f"{new.name} now holds the codings you chose.")
        return redirect("qda:code", code_id=new.pk)
    return _code_page_with(request, code, split_form=form)


@require_POST
@permission_required(Permission.QDA_CODE, load=load_code)
def code_delete(request, code):
    try:
        actions.delete_code(request.user, code)
    except actions.WorkspaceError as error:
        messages.error(request, str(error))
        return redirect("qda:code", code_id=code.pk)
    messages.success(request, f"Code {code.name} deleted.")
    return redirect("qda:codes", project_id=code.project_id)


@require_POST
@permission_required(Permission.QDA_CODE, load=load_code)
def code_memo(request, code):
    form = forms.MemoForm(request.POST)
    if form.is_valid():
        actions.add_memo(request.user, code.project, text=form.cleaned_data["text"], code=code)
        messages.success(request, "Memo saved.")
        return redirect("qda:code", code_id=code.pk)
    return _code_page_with(request, code, memo_form=form)


# --- Search, cases and comparison ----------------------------------------------------


@permission_required(Permission.QDA_VIEW, load=load_project)
def search(request, project):
    query = request.GET.get("q", "")
    return render(
        request,
        "qda/search.html",
        {"project": project, "query": query, "hits": services.search(project, query)},
    )


@permission_required(Permission.QDA_VIEW, load=load_project)
def cases(request, project):
    context = services.cases_page(project)
    context["project"] = project
    return render(request, "qda/cases.html", context)


@permission_required(Permission.QDA_CODE, load=load_project)
def case_new(request, project):
    return _case_form(request, project, None)


@permission_required(Permission.QDA_CODE, load=load_case)
def case_edit(request, case):
    return _case_form(request, case.project, case)


def _case_form(request, project, case):
    form = forms.CaseForm(request.POST or None, project=project, case=case)
    if request.method == "POST" and form.is_valid():
        actions.save_case(
            request.user,
            project,
            case,
            name=form.cleaned_data["name"],
            documents=form.cleaned_data["documents"],
            values=form.values(),
        )
        messages.success(request, "Case saved.")
        return redirect("qda:cases", project_id=project.pk)
    return render(request, "qda/case_form.html", {"project": project, "case": case, "form": form})


@permission_required(Permission.QDA_VIEW, load=load_project)
def compare(request, project):
    variables = list(project.variables.all())
    variable = next((v for v in variables if str(v.pk) == request.GET.get("by")), None)
    variable = variable or next((v for v in variables if v.name == "IMD quintile"), None)
    variable = variable or (variables[0] if variables else None)
    code = _chosen_code(request, project)
    context = {"project": project, "variables": variables, "variable": variable, "code": code}
    context["code_choices"] = services.code_choices(project, codable_only=False)
    if variable is not None:
        context.update(services.comparison(project, variable, code))
    return render(request, "qda/compare.html", context)


# --- Agreement -----------------------------------------------------------------------


@permission_required(Permission.QDA_VIEW, load=load_project)
def agreement(request, project):
    if not project.agreement_offered:
        return render(request, "qda/agreement_off.html", {"project": project})
    level = request.GET.get("level", Level.CHARACTER)
    if level not in set(Level):
        level = Level.CHARACTER
    context = services.agreement_page(project, level)
    context.update(project=project, level=level)
    return render(request, "qda/agreement.html", context)


@permission_required(Permission.QDA_VIEW, load=load_project)
def disagreements(request, project):
    if not project.agreement_offered:
        return render(request, "qda/agreement_off.html", {"project": project})
    code = _chosen_code(request, project)
    return render(
        request,
        "qda/disagreements.html",
        {
            "project": project,
            "code": code,
            "rows": services.disagreements(project, code),
            "code_choices": services.code_choices(project, codable_only=False),
        },
    )


# --- Themes --------------------------------------------------------------------------


@permission_required(Permission.QDA_VIEW, load=load_project)
def themes(request, project):
    context = services.themes_page(project)
    context.update(
        project=project,
        journal_form=forms.JournalForm(),
        phase_form=forms.PhaseForm(),
    )
    return render(request, "qda/themes.html", context)


@permission_required(Permission.QDA_CODE, load=load_project)
def theme_new(request, project):
    form = forms.ThemeForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        theme = actions.save_theme(request.user, project, **form.cleaned_data)
        messages.success(request, f"Candidate theme {theme.name} added. Now choose its extracts.")
        return redirect("qda:theme", theme_id=theme.pk)
    return render(request, "qda/theme_form.html", {"project": project, "form": form})


@permission_required(Permission.QDA_VIEW, load=load_theme)
def theme(request, theme):
    can_code = has_permission(request.user, Permission.QDA_CODE, theme)
    form = None
    if can_code:
        form = forms.ThemeForm(request.POST or None, project=theme.project, theme=theme)
        if request.method == "POST" and form.is_valid():
            try:
                actions.save_theme(request.user, theme.project, theme, **form.cleaned_data)
            except actions.WorkspaceError as error:
                form.add_error("definition", str(error))
            else:
                messages.success(request, "Theme saved.")
                return redirect("qda:theme", theme_id=theme.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "qda/theme.html",
        {"project": theme.project, "theme": theme, "form": form, "can_code": can_code},
    )


@require_POST
@permission_required(Permission.QDA_CODE, load=load_theme)
def theme_status(request, theme):
    try:
        if request.POST.get("back"):
            actions.revisit_theme(request.user, theme, request.POST["back"])
        else:
            actions.advance_theme(request.user, theme)
    except (actions.WorkspaceError, ValueError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{theme.name} is now {theme.get_status_display().lower()}.")
    return redirect("qda:theme", theme_id=theme.pk)


@require_POST
@permission_required(Permission.QDA_CODE, load=load_project)
def journal(request, project):
    form = forms.JournalForm(request.POST)
    if form.is_valid():
        actions.write_journal(request.user, project, text=form.cleaned_data["text"])
        messages.success(request, "Journal entry saved.")
    else:
        messages.error(request, "Write the journal entry before saving it.")
    return redirect(reverse("qda:themes", args=[project.pk]) + "#journal")


@require_POST
@permission_required(Permission.QDA_CODE, load=load_project)
def phase(request, project):
    form = forms.PhaseForm(request.POST)
    if form.is_valid():
        actions.enter_phase(request.user, project, phase=form.cleaned_data["phase"])
        messages.success(request, "Phase recorded.")
    else:
        messages.error(request, "Choose a phase.")
    return redirect(reverse("qda:themes", args=[project.pk]) + "#phases")


@permission_required(Permission.QDA_CODE, load=load_project)
def candidates(request, project):
    form = forms.AcceptCandidateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        guids = [g for g in form.cleaned_data["guids"].split(",") if g]
        selections = list(m.Selection.objects.filter(document__project=project, guid__in=guids))
        codes = m.Code.objects.filter(codings__selection__in=selections).distinct()
        try:
            theme = actions.accept_candidate(
                request.user,
                project,
                name=form.cleaned_data["name"],
                model=services.candidate_model_name(),
                selections=selections,
                codes=list(codes),
            )
        except actions.WorkspaceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Candidate theme {theme.name} added. It is yours to shape.")
            return redirect("qda:theme", theme_id=theme.pk)
    context = services.candidate_groupings(project)
    context.update(project=project, form=form)
    return render(request, "qda/candidates.html", context)


# --- REFI-QDA ------------------------------------------------------------------------


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@permission_required(Permission.QDA_VIEW, load=load_project)
def export_qdpx(request, project):
    data = actions.export_qdpx(request.user, project)
    name = slugify(project.name) or "project"
    return _download(data, f"{name}.qdpx", "application/zip")


@permission_required(Permission.QDA_VIEW, load=load_project)
def export_qdc(request, project):
    try:
        data = actions.export_qdc(request.user, project)
    except actions.WorkspaceError as error:
        messages.error(request, str(error))
        return redirect("qda:workspace", project_id=project.pk)
    name = slugify(project.name) or "codebook"
    return _download(data, f"{name}.qdc", "application/xml")
