"""The programme evaluates itself: capacity surveys, workshop feedback, GRIPP2 reports."""

import datetime

import pytest
from django.utils import timezone

from coeval.web.curriculum.models import Attendance, Session
from coeval.web.surveys import actions
from coeval.web.surveys.models import CapacityResponse, Gripp2Report, WorkshopFeedback
from coeval.web.surveys.skills import ALL_ITEMS
from tests import factories
from tests.web.conftest import PROGRAMME_STAFF, TEAM_ROLES, assert_access

EVERYONE = set(PROGRAMME_STAFF) | set(TEAM_ROLES) | {"other_team_member"}
TEAM_VIEWERS = set(PROGRAMME_STAFF) | set(TEAM_ROLES)
RESULTS_VIEWERS = {"programme_manager", "academic_facilitator"}
EDITORS = {"programme_manager"} | set(TEAM_ROLES)


@pytest.fixture
def workshop(world):
    start = timezone.now() - datetime.timedelta(days=2)
    return Session.objects.create(
        cohort=world.cohort,
        kind="workshop",
        title="Workshop 1: logic models",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
    )


def _answers(value: int) -> dict:
    return {key: str(value) for key, _ in ALL_ITEMS}


def _respond(cohort, stage, value, count):
    for _ in range(count):
        actions.answer_capacity_survey(
            factories.make_user(), cohort, stage, {k: value for k, _ in ALL_ITEMS}
        )


def test_everyone_in_the_programme_can_answer_the_surveys(client_for, world, workshop):
    assert_access(client_for, f"/surveys/cohorts/{world.cohort.pk}/", EVERYONE)
    assert_access(client_for, f"/surveys/cohorts/{world.cohort.pk}/capacity/", EVERYONE)
    assert_access(client_for, f"/surveys/sessions/{workshop.pk}/feedback/", EVERYONE)


def test_cohort_results_are_for_facilitators_and_the_programme_manager(client_for, world):
    assert_access(client_for, f"/surveys/cohorts/{world.cohort.pk}/results/", RESULTS_VIEWERS)


def test_gripp2_pages_are_for_the_team_and_its_editors(client_for, world):
    assert_access(client_for, f"/surveys/teams/{world.team.pk}/gripp2/", TEAM_VIEWERS)
    assert_access(client_for, f"/surveys/teams/{world.team.pk}/gripp2/edit/", EDITORS)


def test_a_person_rates_each_skill_before_and_can_change_their_answers(client_for, world):
    client = client_for("public_adviser")
    url = f"/surveys/cohorts/{world.cohort.pk}/capacity/"
    client.post(url, {"stage": "pre", **_answers(3)})
    client.post(url, {"stage": "pre", **_answers(4), "comment": "Still learning"})
    response = CapacityResponse.objects.get(user=world.user("public_adviser"))
    assert response.stage == "pre"
    assert response.ratings["hiat_confidence"] == 4
    assert response.comment == "Still learning"


def test_a_survey_with_a_missing_rating_is_refused_and_keeps_the_others(client_for, world):
    answers = _answers(7)
    del answers["hiat_awareness"]
    response = client_for("intern").post(
        f"/surveys/cohorts/{world.cohort.pk}/capacity/", {"stage": "post", **answers}
    )
    page = response.content.decode()
    assert "Choose a number for: knowing what causes health inequalities" in page
    assert 'value="7" checked' in page
    assert not CapacityResponse.objects.exists()


def test_results_compare_before_and_after_with_counts(client_for, world):
    _respond(world.cohort, "pre", 3, 4)
    _respond(world.cohort, "post", 8, 3)
    page = (
        client_for("academic_facilitator")
        .get(f"/surveys/cohorts/{world.cohort.pk}/results/")
        .content.decode()
    )
    assert '3.0 <span class="coeval-muted">(4 answers)' in page
    assert '8.0 <span class="coeval-muted">(3 answers)' in page
    assert "<svg" in page and "Confidence before and after" in page


def test_results_from_fewer_than_three_people_are_not_shown(client_for, world):
    _respond(world.cohort, "pre", 3, 4)
    _respond(world.cohort, "post", 9, 2)
    page = (
        client_for("programme_manager")
        .get(f"/surveys/cohorts/{world.cohort.pk}/results/")
        .content.decode()
    )
    assert "9.0" not in page
    assert "Not shown: fewer than 3 answers" in page
    assert "<svg" not in page  # no skill has both groups large enough


def test_workshop_feedback_is_saved_and_reported_only_for_three_or_more(
    client_for, world, workshop
):
    for persona in ("project_lead", "patient"):
        client_for(persona).post(
            f"/surveys/sessions/{workshop.pk}/feedback/",
            {"usefulness": "5", "confidence_change": "more", "went_well": f"Said by {persona}"},
        )
    assert WorkshopFeedback.objects.count() == 2
    results = f"/surveys/cohorts/{world.cohort.pk}/results/"
    page = client_for("academic_facilitator").get(results).content.decode()
    assert "Said by patient" not in page and "Not shown" in page
    client_for("intern").post(
        f"/surveys/sessions/{workshop.pk}/feedback/",
        {"usefulness": "2", "confidence_change": "same"},
    )
    page = client_for("academic_facilitator").get(results).content.decode()
    assert "Said by patient" in page and "Average usefulness 4.0 out of 5" in page


def test_the_survey_page_lists_workshops_that_have_happened(client_for, world, workshop):
    page = client_for("patient").get(f"/surveys/cohorts/{world.cohort.pk}/").content.decode()
    assert "Workshop 1: logic models" in page
    assert "See the cohort&#x27;s results" not in page


def test_the_gripp2_draft_is_written_from_attendance_and_editable_before_saving(
    client_for, world, workshop
):
    for persona in ("public_adviser", "patient"):
        Attendance.objects.create(
            session=workshop, user=world.user(persona), role=persona, team=world.team
        )
    client = client_for("public_adviser")
    page = client.get(f"/surveys/teams/{world.team.pk}/gripp2/edit/").content.decode()
    assert "1 public adviser and 1 patient representative" in page
    assert "2 programme sessions (Workshop 1: logic models)" in page
    assert not Gripp2Report.objects.exists()  # a draft is only saved when the team saves it
    client.post(
        f"/surveys/teams/{world.team.pk}/gripp2/edit/",
        {
            "aim": "To shape the evaluation with people who use the service.",
            "methods": "Advisers joined every workshop.",
            "results": "They rewrote the survey questions.",
            "outcomes": "The survey is shorter.",
            "reflection": "We involved them late in the data plan.",
        },
    )
    report = Gripp2Report.objects.get(team=world.team)
    assert report.reflection == "We involved them late in the data plan."
    shown = client_for("academic_facilitator").get(f"/surveys/teams/{world.team.pk}/gripp2/")
    assert "They rewrote the survey questions." in shown.content.decode()


def test_an_incomplete_gripp2_report_is_refused_and_keeps_what_was_typed(client_for, world):
    response = client_for("project_lead").post(
        f"/surveys/teams/{world.team.pk}/gripp2/edit/",
        {"aim": "Our aim", "methods": "", "results": "", "outcomes": "", "reflection": ""},
    )
    assert "Write the methods" in response.content.decode()
    assert "Our aim" in response.content.decode()
    assert not Gripp2Report.objects.exists()


def test_survey_answers_are_never_written_into_the_audit_trail(world):
    from coeval.web.core.models import AuditEvent

    actions.answer_capacity_survey(
        world.user("patient"), world.cohort, "pre", {k: 9 for k, _ in ALL_ITEMS}
    )
    event = AuditEvent.objects.get(action="answered")
    assert event.changes == {}
