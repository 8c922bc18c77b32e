"""The permission matrix for every curriculum page, for every persona."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from coeval.web.curriculum import actions
from tests.web.conftest import PERSONAS, PROGRAMME_STAFF, TEAM_ROLES, assert_access

EVERYONE = set(PERSONAS) - {"anonymous"}
OUR_TEAM = set(TEAM_ROLES)
FACILITATORS = {"programme_manager", "academic_facilitator"}


def test_my_schedules_is_for_everyone_signed_in(world, client_for):
    assert_access(client_for, reverse("curriculum:mine"), EVERYONE)


def test_the_cohort_schedule_is_shared_with_the_whole_programme(world, client_for, schedule):
    assert_access(client_for, reverse("curriculum:cohort", args=[world.cohort.pk]), EVERYONE)


def test_a_session_page_is_shared_with_the_whole_programme(client_for, session):
    assert_access(client_for, reverse("curriculum:session", args=[session.pk]), EVERYONE)


def test_only_the_programme_team_who_run_sessions_can_add_and_change_them(
    world, client_for, session
):
    assert_access(
        client_for, reverse("curriculum:session_new", args=[world.cohort.pk]), FACILITATORS
    )
    assert_access(client_for, reverse("curriculum:session_edit", args=[session.pk]), FACILITATORS)
    assert_access(client_for, reverse("curriculum:material_add", args=[session.pk]), FACILITATORS)
    assert_access(client_for, reverse("curriculum:generate", args=[world.cohort.pk]), FACILITATORS)


def test_only_facilitators_and_the_manager_record_attendance(client_for, session):
    assert_access(client_for, reverse("curriculum:attendance", args=[session.pk]), FACILITATORS)


def test_only_the_programme_manager_edits_the_template(world, client_for):
    item = actions.ensure_template(world.programme)[0]
    manager = {"programme_manager"}
    assert_access(client_for, reverse("curriculum:template", args=[world.programme.pk]), manager)
    assert_access(
        client_for, reverse("curriculum:template_item_new", args=[world.programme.pk]), manager
    )
    assert_access(client_for, reverse("curriculum:template_item_edit", args=[item.pk]), manager)


def test_a_teams_tasks_are_seen_by_the_team_and_the_programme_staff(world, client_for):
    url = reverse("curriculum:tasks", args=[world.team.pk])
    assert_access(client_for, url, OUR_TEAM | set(PROGRAMME_STAFF))


def test_tasks_are_changed_by_the_team_and_facilitators_but_not_advisers(world, client_for):
    task = actions.save_task(
        world.user("project_lead"),
        world.team,
        {"title": "Draft logic model", "due_on": timezone.localdate() + timedelta(days=7)},
    )
    allowed = OUR_TEAM | FACILITATORS
    assert_access(client_for, reverse("curriculum:task_new", args=[world.team.pk]), allowed)
    assert_access(client_for, reverse("curriculum:task_edit", args=[task.pk]), allowed)


def test_material_files_are_served_only_to_the_programme(world, client_for, session):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from coeval.web.curriculum.uploads import check_upload

    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 a workbook", "application/pdf")
    material = actions.add_material(
        world.user("programme_manager"), session, "Workbook", upload, check_upload(upload)
    )
    assert_access(client_for, reverse("curriculum:material_download", args=[material.pk]), EVERYONE)


def test_removing_material_is_for_facilitators_only(world, client_for, session):
    allowed_results = {}
    for persona in PERSONAS:
        material = actions.add_material(
            world.user("programme_manager"), session, f"Link for {persona}", link="https://a.test"
        )
        client = client_for(persona)
        response = client.post(reverse("curriculum:material_remove", args=[material.pk]))
        allowed_results[persona] = response.status_code
    assert {p for p, code in allowed_results.items() if code == 302} - {"anonymous"} == FACILITATORS
    assert all(
        code == 403 for p, code in allowed_results.items() if p not in FACILITATORS | {"anonymous"}
    )
