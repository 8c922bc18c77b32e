from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from coeval.web.core.authorization import has_permission
from coeval.web.core.decorators import permission_required
from coeval.web.core.permissions import Permission
from coeval.web.datasets import actions, exports, mapping, rows, services
from coeval.web.datasets.forms import AnalysisForm, ConnectForm, MappingForm, UploadForm
from coeval.web.datasets.models import Analysis, Dataset
from coeval.web.programmes.models import Team, TeamMembership


def load_team(team_id):
    return get_object_or_404(Team.objects.select_related("cohort__programme"), pk=team_id)


def load_dataset(dataset_id):
    return get_object_or_404(Dataset.objects.select_related("team__cohort"), pk=dataset_id)


def load_analysis(analysis_id):
    return get_object_or_404(
        Analysis.objects.select_related("dataset__team__cohort"), pk=analysis_id
    )


def _also(request, permission, context):
    """A second permission some pages need (upload needs the row grant and the upload verb)."""
    if not has_permission(request.user, permission, context):
        raise PermissionDenied


@permission_required(Permission.DATASET_VIEW_OUTPUTS, load=load_team)
def team_data(request, team):
    context = services.team_data(team)
    context["rows_labels"] = {d.pk: services.rounded_rows(d.row_count) for d in context["datasets"]}
    return render(request, "datasets/team_data.html", context)


@permission_required(Permission.DATASET_VIEW_ROWS, load=load_team)
def upload(request, team):
    _also(request, Permission.DATASET_UPLOAD, team)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        dataset = actions.upload_dataset(
            request.user,
            team,
            name=form.cleaned_data["name"],
            upload=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
            is_aggregated=form.cleaned_data["shape"] == "aggregated",
        )
        messages.success(request, "Your file is uploaded. It is being checked now.")
        return redirect("datasets:dataset", dataset_id=dataset.pk)
    return render(request, "datasets/upload.html", {"form": form, "team": team})


@permission_required(Permission.DATASET_VIEW_ROWS, load=load_team)
def connect(request, team):
    _also(request, Permission.DATASET_UPLOAD, team)
    form = ConnectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        dataset = actions.connect_table(
            request.user,
            team,
            name=form.cleaned_data["name"],
            connection_url=form.cleaned_data["connection_url"],
            table_name=form.cleaned_data["table_name"],
            is_aggregated=form.cleaned_data["shape"] == "aggregated",
        )
        messages.success(request, "The table is connected. It is being checked now.")
        return redirect("datasets:dataset", dataset_id=dataset.pk)
    return render(request, "datasets/connect.html", {"form": form, "team": team})


@permission_required(Permission.DATASET_VIEW_OUTPUTS, load=load_dataset)
def dataset_detail(request, dataset):
    can_rows = has_permission(request.user, Permission.DATASET_VIEW_ROWS, dataset)
    actions.record_access(request.user, dataset, f"Viewed the dataset {dataset.name}")
    context = services.dataset_summary(dataset, can_rows)
    return render(request, "datasets/dataset_detail.html", context)


@permission_required(Permission.DATASET_VIEW_OUTPUTS, load=load_dataset)
def dataset_status(request, dataset):
    response = render(request, "datasets/_dataset_status.html", {"dataset": dataset})
    if dataset.status != Dataset.Status.CHECKING and request.htmx:
        response["HX-Refresh"] = "true"  # the checked file brings new links to the page
    return response


@permission_required(Permission.DATASET_VIEW_ROWS, load=load_dataset)
def dataset_problems(request, dataset):
    actions.record_access(request.user, dataset, f"Viewed the validation report of {dataset.name}")
    return render(
        request, "datasets/problems.html", services.dataset_summary(dataset, can_view_rows=True)
    )


@permission_required(Permission.DATASET_VIEW_ROWS, load=load_dataset)
def dataset_preview(request, dataset):
    if dataset.status == Dataset.Status.CHECKING or not dataset.columns:
        columns, preview_rows = [], []
    else:
        columns, preview_rows = rows.preview(dataset)
    actions.record_access(request.user, dataset, f"Viewed the first rows of {dataset.name}")
    return render(
        request,
        "datasets/preview.html",
        {"dataset": dataset, "columns": columns, "rows": preview_rows},
    )


@permission_required(Permission.DATASET_VIEW_ROWS, load=load_dataset)
def dataset_mapping(request, dataset):
    _also(request, Permission.DATASET_UPLOAD, dataset)
    if not dataset.columns:
        messages.info(
            request, "The file must be checked and imported before its columns are matched."
        )
        return redirect("datasets:dataset", dataset_id=dataset.pk)
    samples = rows.samples(dataset)
    actions.record_access(request.user, dataset, f"Viewed example values of {dataset.name}")
    initial = dataset.mapping or mapping.suggest(dataset.columns, samples, dataset.is_aggregated)
    form = MappingForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        columns=dataset.columns,
        is_aggregated=dataset.is_aggregated,
        has_lookup=bool(dataset.mapping.get("imd_lookup")),
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.mapping()
        lookup = form.cleaned_data.get("imd_lookup")
        chosen["imd_lookup"] = (
            actions.keep_lookup(request.user, dataset, lookup)
            if lookup
            else dataset.mapping.get("imd_lookup")
        )
        if not chosen["imd_lookup"]:
            del chosen["imd_lookup"]
        problems = rows.check_mapping(dataset, chosen)
        dataset.mapping = chosen
        actions.save_mapping(request.user, dataset, chosen, problems, rows.periods(dataset))
        if dataset.status == Dataset.Status.READY:
            messages.success(request, "The columns are matched. You can now run an analysis.")
            return redirect("datasets:dataset", dataset_id=dataset.pk)
        messages.info(request, "The columns are matched, but some rows have problems. See below.")
        return redirect("datasets:problems", dataset_id=dataset.pk)
    return render(
        request,
        "datasets/mapping.html",
        {
            "dataset": dataset,
            "form": form,
            "samples": samples,
            "suggested": not dataset.mapping,
        },
    )


@permission_required(Permission.ANALYSIS_RUN, load=load_dataset)
def analysis_new(request, dataset):
    planned = services.planned_indicators(dataset.team)
    if request.method == "POST" and request.POST.get("plan_indicator"):
        chosen = next((p for p in planned if str(p.pk) == request.POST["plan_indicator"]), None)
        if chosen is None:
            raise PermissionDenied  # an indicator from another team's plan
        try:
            spec = mapping.spec_from_plan(dataset, chosen.spec)
            analysis = actions.start_analysis(
                request.user,
                dataset,
                title=chosen.name,
                spec=spec,
                planned_indicator_id=chosen.pk,
            )
        except (ValueError, actions.DatasetError) as error:
            messages.error(request, str(error))
            return redirect("datasets:analysis_new", dataset_id=dataset.pk)
        return redirect("datasets:analysis", analysis_id=analysis.pk)
    form = AnalysisForm(request.POST or None, dataset=dataset)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        spec = mapping.build_spec(
            dataset,
            indicator_name=data["indicator_name"],
            dimensions=data["dimensions"],
            before=data["before"],
            after=data["after"],
            statistic=data["statistic"],
            multiplier=data["multiplier"],
        )
        try:
            analysis = actions.start_analysis(
                request.user,
                dataset,
                title=data["title"],
                spec=spec,
                outcome_words=data["outcome_words"],
            )
        except actions.DatasetError as error:
            messages.error(request, str(error))
            return redirect("datasets:dataset", dataset_id=dataset.pk)
        return redirect("datasets:analysis", analysis_id=analysis.pk)
    return render(
        request,
        "datasets/analysis_new.html",
        {"dataset": dataset, "form": form, "planned": planned},
    )


@permission_required(Permission.DATASET_VIEW_OUTPUTS, load=load_analysis)
def analysis_detail(request, analysis):
    actions.record_access(request.user, analysis, f"Viewed the analysis {analysis.title}")
    context = {"analysis": analysis, "task": _task(analysis)}
    if analysis.status == Analysis.Status.DONE:
        context["outputs"] = services.analysis_outputs(analysis)
    return render(request, "datasets/analysis_detail.html", context)


def _task(analysis):
    from coeval.web.core.models import BackgroundTask

    return BackgroundTask.objects.filter(pk=analysis.task_id).first() if analysis.task_id else None


@permission_required(Permission.DATASET_VIEW_OUTPUTS, load=load_analysis)
def analysis_progress(request, analysis):
    response = render(
        request, "datasets/_analysis_progress.html", {"analysis": analysis, "task": _task(analysis)}
    )
    if analysis.is_finished and request.htmx:
        response["HX-Refresh"] = "true"  # show the results in place of the progress bar
    return response


def _download(request, analysis, content, content_type, extension):
    actions.record_access(
        request.user, analysis, f"Downloaded the analysis {analysis.title} as {extension.upper()}"
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="analysis-{analysis.pk}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _finished(analysis):
    if analysis.status != Analysis.Status.DONE:
        raise PermissionDenied  # nothing to publish yet


@permission_required(Permission.DATASET_VIEW_OUTPUTS, load=load_analysis)
def analysis_csv(request, analysis):
    _finished(analysis)
    return _download(request, analysis, exports.as_csv(analysis), "text/csv; charset=utf-8", "csv")


@permission_required(Permission.DATASET_VIEW_OUTPUTS, load=load_analysis)
def analysis_pdf(request, analysis):
    _finished(analysis)
    return _download(request, analysis, exports.as_pdf(analysis), "application/pdf", "pdf")


@permission_required(Permission.DATASET_VIEW_OUTPUTS, load=load_analysis)
def analysis_docx(request, analysis):
    _finished(analysis)
    return _download(
        request,
        analysis,
        exports.as_docx(analysis),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    )


@permission_required(Permission.DATASET_VIEW_OUTPUTS, load=load_analysis)
def analysis_api(request, analysis):
    actions.record_access(request.user, analysis, f"Read the analysis {analysis.title} by the API")
    if analysis.status != Analysis.Status.DONE:
        return JsonResponse({"id": analysis.pk, "status": analysis.status}, status=202)
    return JsonResponse(exports.as_json(analysis), json_dumps_params={"ensure_ascii": False})


@permission_required(Permission.DATA_ACCESS_GRANT, load=load_team)
def access(request, team):
    if request.method == "POST":
        membership = get_object_or_404(TeamMembership, pk=request.POST.get("membership"), team=team)
        try:
            if request.POST.get("change") == "grant":
                actions.grant_row_access(request.user, membership)
                messages.success(
                    request, f"{membership.user.display_name} can now see row-level data."
                )
            else:
                actions.revoke_row_access(request.user, membership)
                messages.success(
                    request, f"{membership.user.display_name} can no longer see row-level data."
                )
        except actions.DatasetError as error:
            messages.error(request, str(error))
        return redirect("datasets:access", team_id=team.pk)
    return render(
        request,
        "datasets/access.html",
        {"team": team, "memberships": services.memberships_for_access(team)},
    )
