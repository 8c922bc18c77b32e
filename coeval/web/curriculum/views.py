from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from coeval.web.core.authorization import has_permission
from coeval.web.core.decorators import permission_required
from coeval.web.core.permissions import Permission
from coeval.web.curriculum import actions, services
from coeval.web.curriculum.forms import (
    GenerateScheduleForm,
    MaterialForm,
    SessionForm,
    TaskForm,
    TemplateSessionForm,
)
from coeval.web.curriculum.models import Material, Session, Task, TemplateSession


def load_programme(programme_id):
    from coeval.web.programmes.models import Programme

    return get_object_or_404(Programme, pk=programme_id)


def load_cohort(cohort_id):
    from coeval.web.programmes.models import Cohort

    return get_object_or_404(Cohort.objects.select_related("programme"), pk=cohort_id)


def load_team(team_id):
    from coeval.web.programmes.models import Team

    return get_object_or_404(Team.objects.select_related("cohort__programme"), pk=team_id)


def load_session(session_id):
    return get_object_or_404(Session.objects.select_related("cohort__programme"), pk=session_id)


def load_material(material_id):
    return get_object_or_404(Material.objects.select_related("session__cohort"), pk=material_id)


def load_template_session(item_id):
    return get_object_or_404(TemplateSession.objects.select_related("programme"), pk=item_id)


def load_task(task_id):
    return get_object_or_404(Task.objects.select_related("team__cohort"), pk=task_id)


# --- Schedules ---------------------------------------------------------------


@permission_required(Permission.SIGN_IN_PAGES)
def my_schedules(request):
    cohorts = services.cohorts_visible_to(request.user)
    if len(cohorts) == 1:
        return redirect("curriculum:cohort", cohort_id=cohorts[0].pk)
    return render(request, "curriculum/my_schedules.html", {"cohorts": cohorts})


@permission_required(Permission.SESSION_VIEW, load=load_cohort)
def cohort_schedule(request, cohort):
    teams = [
        t
        for t in cohort.teams.order_by("name")
        if has_permission(request.user, Permission.TASK_VIEW, t)
    ]
    return render(
        request,
        "curriculum/schedule.html",
        {
            "cohort": cohort,
            "sessions": services.cohort_schedule(cohort),
            "now": timezone.now(),
            "task_teams": teams,
        },
    )


@permission_required(Permission.SESSION_MANAGE, load=load_cohort)
def generate_schedule(request, cohort):
    form = GenerateScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sessions = actions.generate_sessions(
                request.user,
                cohort,
                form.cleaned_data["start_date"],
                place=form.cleaned_data["place"],
                online_link=form.cleaned_data["online_link"],
            )
        except actions.ScheduleError as error:
            form.add_error("start_date", str(error))
        else:
            messages.success(request, f"{len(sessions)} sessions added to the schedule.")
            return redirect("curriculum:cohort", cohort_id=cohort.pk)
    return render(
        request,
        "curriculum/generate.html",
        {
            "cohort": cohort,
            "form": form,
            "template": services.template_for(cohort.programme)
            or actions.ensure_template(cohort.programme),
        },
    )


@permission_required(Permission.SESSION_MANAGE, load=load_cohort)
def session_new(request, cohort):
    form = SessionForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        session = actions.save_session(request.user, cohort, form.session_data())
        messages.success(request, f"“{session.title}” added to the schedule.")
        return redirect("curriculum:session", session_id=session.pk)
    return render(
        request, "curriculum/session_form.html", {"cohort": cohort, "form": form, "session": None}
    )


@permission_required(Permission.SESSION_VIEW, load=load_session)
def session_detail(request, session):
    return render(
        request,
        "curriculum/session.html",
        {"session": session, "cohort": session.cohort, **services.session_detail(session)},
    )


@permission_required(Permission.SESSION_MANAGE, load=load_session)
def session_edit(request, session):
    form = SessionForm(request.POST or None, cohort=session.cohort, session=session)
    if request.method == "POST" and form.is_valid():
        actions.save_session(request.user, session.cohort, form.session_data(), session=session)
        messages.success(request, "Session saved.")
        return redirect("curriculum:session", session_id=session.pk)
    return render(
        request,
        "curriculum/session_form.html",
        {"cohort": session.cohort, "form": form, "session": session},
    )


@permission_required(Permission.ATTENDANCE_RECORD, load=load_session)
def attendance(request, session):
    groups = services.cohort_people(session.cohort)
    if request.method == "POST":
        chosen = set(request.POST.getlist("present"))
        present = []
        for _label, team, people in groups:
            for user, role in people:
                if f"{team.pk if team else 0}:{user.pk}" in chosen:
                    present.append((user, role, team))
        # One row a person, even if someone is listed twice (staff and team member).
        unique = {user.pk: (user, role, team) for user, role, team in reversed(present)}
        actions.record_attendance(request.user, session, list(unique.values()))
        messages.success(request, f"Attendance saved: {len(unique)} people were there.")
        return redirect("curriculum:session", session_id=session.pk)
    recorded = {a.user_id for a in session.attendance.all()}
    return render(
        request,
        "curriculum/attendance.html",
        {"session": session, "cohort": session.cohort, "groups": groups, "recorded": recorded},
    )


@permission_required(Permission.SESSION_MANAGE, load=load_session)
def material_add(request, session):
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        actions.add_material(
            request.user,
            session,
            form.cleaned_data["title"],
            upload=form.cleaned_data.get("file") or None,
            file_type=form.file_type,
            link=form.cleaned_data.get("link", ""),
        )
        messages.success(request, "Material added.")
        return redirect("curriculum:session", session_id=session.pk)
    return render(
        request,
        "curriculum/material_form.html",
        {"session": session, "cohort": session.cohort, "form": form},
    )


@permission_required(Permission.SESSION_VIEW, load=load_material)
def material_download(request, material):
    if not material.file:
        raise Http404
    # Always a download, never shown inline: an uploaded file cannot run in our pages.
    return FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=material.original_name or material.file.name.rsplit("/", 1)[-1],
        content_type=material.content_type or "application/octet-stream",
    )


@require_POST
@permission_required(Permission.SESSION_MANAGE, load=load_material)
def material_remove(request, material):
    session_id = material.session_id
    actions.remove_material(request.user, material)
    messages.success(request, "Material removed.")
    return redirect("curriculum:session", session_id=session_id)


# --- The programme's schedule template ---------------------------------------


@permission_required(Permission.PROGRAMME_MANAGE, load=load_programme)
def template(request, programme):
    items = services.template_for(programme) or actions.ensure_template(programme)
    return render(request, "curriculum/template.html", {"programme": programme, "items": items})


@permission_required(Permission.PROGRAMME_MANAGE, load=load_programme)
def template_item_new(request, programme):
    form = TemplateSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.save_template_session(request.user, programme, form.cleaned_data)
        messages.success(request, "Session added to the template.")
        return redirect("curriculum:template", programme_id=programme.pk)
    return render(
        request,
        "curriculum/template_item_form.html",
        {"programme": programme, "form": form, "item": None},
    )


@permission_required(Permission.PROGRAMME_MANAGE, load=load_template_session)
def template_item_edit(request, item):
    form = TemplateSessionForm(request.POST or None, instance=item)
    if request.method == "POST":
        if "delete" in request.POST:
            actions.delete_template_session(request.user, item)
            messages.success(request, f"“{item.title}” removed from the template.")
            return redirect("curriculum:template", programme_id=item.programme_id)
        if form.is_valid():
            # Read the values, then let the action save and audit them.
            data = {k: form.cleaned_data[k] for k in form.Meta.fields}
            item.refresh_from_db()
            actions.save_template_session(request.user, item.programme, data, item=item)
            messages.success(request, "Template saved.")
            return redirect("curriculum:template", programme_id=item.programme_id)
    return render(
        request,
        "curriculum/template_item_form.html",
        {"programme": item.programme, "form": form, "item": item},
    )


# --- Tasks between sessions --------------------------------------------------


@permission_required(Permission.TASK_VIEW, load=load_team)
def team_tasks(request, team):
    form = None
    if has_permission(request.user, Permission.TASK_EDIT, team):
        form = TaskForm(team=team, prefix="new")
    return render(
        request,
        "curriculum/tasks.html",
        {
            "team": team,
            "cohort": team.cohort,
            "tasks": services.team_tasks(team),
            "form": form,
            "today": timezone.localdate(),
        },
    )


@permission_required(Permission.TASK_EDIT, load=load_team)
def task_new(request, team):
    form = TaskForm(request.POST or None, team=team, prefix="new")
    if request.method == "POST" and form.is_valid():
        task = actions.save_task(request.user, team, form.cleaned_data)
        messages.success(request, f"Task added: {task.title}")
        return redirect(reverse("curriculum:tasks", kwargs={"team_id": team.pk}))
    return render(
        request,
        "curriculum/task_form.html",
        {"team": team, "cohort": team.cohort, "form": form, "task": None},
    )


@permission_required(Permission.TASK_EDIT, load=load_task)
def task_edit(request, task):
    team = task.team
    form = TaskForm(request.POST or None, team=team, instance=task)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        task.refresh_from_db()
        actions.save_task(request.user, team, data, task=task)
        messages.success(request, "Task saved.")
        return redirect("curriculum:tasks", team_id=team.pk)
    return render(
        request,
        "curriculum/task_form.html",
        {"team": team, "cohort": team.cohort, "form": form, "task": task},
    )
