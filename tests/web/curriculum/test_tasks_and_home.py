"""Tasks between sessions, and "what is next for my team" on the home page."""

from datetime import timedelta

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from coeval.web.core.models import AuditEvent
from coeval.web.curriculum import actions, services
from coeval.web.curriculum.models import Task, TaskStatus


def _task_form(world, **changes):
    data = {
        "new-title": "Book a room for the focus group",
        "new-details": "",
        "new-owner": world.user("public_adviser").pk,
        "new-due_on": (timezone.localdate() + timedelta(days=10)).isoformat(),
        "new-status": "not_started",
        "new-session": "",
    }
    data.update(changes)
    return data


def test_a_team_member_adds_a_task_with_owner_due_date_and_status(world, client_for):
    response = client_for("practitioner").post(
        reverse("curriculum:task_new", args=[world.team.pk]), _task_form(world)
    )
    assert response.status_code == 302
    task = Task.objects.get()
    assert (task.team, task.owner, task.status) == (
        world.team,
        world.user("public_adviser"),
        TaskStatus.NOT_STARTED,
    )
    assert AuditEvent.objects.filter(action="created", target_id=str(task.pk)).exists()


def test_a_task_without_a_due_date_is_refused_and_the_typing_kept(world, client_for):
    response = client_for("practitioner").post(
        reverse("curriculum:task_new", args=[world.team.pk]),
        _task_form(world, **{"new-due_on": ""}),
    )
    html = response.content.decode()
    assert "Enter the due date" in html
    assert 'value="Book a room for the focus group"' in html
    assert not Task.objects.exists()


def test_only_members_of_the_team_can_own_its_tasks(world, client_for):
    response = client_for("practitioner").post(
        reverse("curriculum:task_new", args=[world.team.pk]),
        _task_form(world, **{"new-owner": world.user("other_team_member").pk}),
    )
    assert response.status_code == 200
    assert not Task.objects.exists()


def test_a_task_status_is_changed_and_audited(world, client_for):
    task = actions.save_task(
        world.user("project_lead"),
        world.team,
        {"title": "Draft survey", "due_on": timezone.localdate() + timedelta(days=3)},
    )
    client_for("analyst").post(
        reverse("curriculum:task_edit", args=[task.pk]),
        {
            "title": "Draft survey",
            "details": "",
            "owner": "",
            "due_on": task.due_on.isoformat(),
            "status": "done",
            "session": "",
        },
    )
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    event = AuditEvent.objects.get(action="updated", target_id=str(task.pk))
    assert event.changes["status"] == {"old": "not_started", "new": "done"}


def test_another_team_cannot_see_or_change_our_tasks(world, client_for):
    task = actions.save_task(
        world.user("project_lead"),
        world.team,
        {"title": "Secret plan", "due_on": timezone.localdate()},
    )
    client = client_for("other_team_member")
    assert client.get(reverse("curriculum:tasks", args=[world.team.pk])).status_code == 403
    assert client.post(reverse("curriculum:task_edit", args=[task.pk]), {}).status_code == 403


def test_a_methodological_adviser_sees_tasks_but_gets_no_form_to_add_them(world, client_for):
    html = (
        client_for("methodological_expert")
        .get(reverse("curriculum:tasks", args=[world.team.pk]))
        .content.decode()
    )
    assert "Tasks for Blood pressure team" in html
    assert "Add a task" not in html


def test_overdue_open_tasks_are_marked(world, client_for):
    actions.save_task(
        world.user("project_lead"),
        world.team,
        {"title": "Late task", "due_on": timezone.localdate() - timedelta(days=2)},
    )
    html = client_for("intern").get(reverse("curriculum:tasks", args=[world.team.pk])).content
    assert "Overdue" in html.decode()


def test_the_home_part_shows_my_teams_next_sessions_and_open_tasks(world, schedule):
    lead = world.user("project_lead")
    today = timezone.localdate()
    open_task = actions.save_task(lead, world.team, {"title": "Ask for IMD data", "due_on": today})
    actions.save_task(
        lead, world.team, {"title": "Finished thing", "due_on": today, "status": TaskStatus.DONE}
    )
    actions.save_task(
        world.user("other_team_member"),
        world.other_team,
        {"title": "Another team's work", "due_on": today},
    )
    part = services.home_page_part(lead)["curriculum"]
    now = timezone.now()
    assert part["open_tasks"] == [open_task]
    assert len(part["next_sessions"]) == 3
    assert all(s.ends_at >= now for s in part["next_sessions"])
    assert part["next_sessions"][0] == min(
        (s for s in schedule if s.ends_at >= now), key=lambda s: s.starts_at
    )


def test_the_home_part_template_shows_the_next_sessions_and_the_teams_tasks(world, schedule, rf):
    lead = world.user("project_lead")
    actions.save_task(
        lead, world.team, {"title": "Ask for IMD data", "due_on": timezone.localdate()}
    )
    request = rf.get("/")
    request.user = lead
    html = render_to_string(
        "curriculum/_home_part.html", services.home_page_part(lead), request=request
    )
    assert "Your next sessions and tasks" in html
    assert "Ask for IMD data" in html
    assert reverse("curriculum:tasks", args=[world.team.pk]) in html


def test_programme_staff_see_the_next_sessions_of_their_programme(world, schedule):
    part = services.home_page_part(world.user("academic_facilitator"))["curriculum"]
    assert part["next_sessions"] and part["open_tasks"] == []


def test_someone_with_no_team_gets_an_empty_home_part(db):
    from tests import factories

    part = services.home_page_part(factories.make_user())["curriculum"]
    assert part["next_sessions"] == [] and part["open_tasks"] == []
