"""The decision and impact log, its reminders and the knowledge mobilisation map."""

import datetime

import pytest
from django.utils import timezone

from coeval.web.decisions import actions
from coeval.web.decisions.models import Decision, FollowUp
from tests.web.briefs.helpers import released_brief
from tests.web.conftest import PROGRAMME_STAFF, TEAM_ROLES, assert_access

TEAM_VIEWERS = set(PROGRAMME_STAFF) | set(TEAM_ROLES)
LOGGERS = {"programme_manager"} | set(TEAM_ROLES)
EVERYONE = TEAM_VIEWERS | {"other_team_member"}


def _log(world, brief=None, **extra):
    data = {
        "forum": "Place-based partnership board",
        "decided_on": datetime.date(2025, 3, 4),
        "decision": "Fund blood pressure checks in 6 barbers' shops for a year.",
        "options_considered": "Do nothing\nMore GP clinics\nBarbers' shops",
        "briefs": [brief] if brief else [],
        "outputs": [],
        "present_roles": ["commissioner", "public_adviser"],
        "present_note": "2 local councillors",
        "review_due_on": datetime.date(2025, 9, 4),
        **extra,
    }
    return actions.log_decision(world.user("commissioner"), world.team, data)


@pytest.fixture
def decision(world):
    return _log(world)


def test_the_log_is_for_the_team_and_programme_staff(client_for, world, decision):
    assert_access(client_for, f"/decisions/teams/{world.team.pk}/", TEAM_VIEWERS)
    assert_access(client_for, f"/decisions/{decision.pk}/", TEAM_VIEWERS)


def test_logging_is_for_team_members_and_the_programme_manager(client_for, world, decision):
    assert_access(client_for, f"/decisions/teams/{world.team.pk}/new/", LOGGERS)
    assert_access(client_for, f"/decisions/{decision.pk}/impacts/new/", LOGGERS)
    follow_up = decision.follow_ups.get()
    assert_access(client_for, f"/decisions/follow-ups/{follow_up.pk}/done/", LOGGERS)


def test_the_knowledge_map_is_for_everyone_in_the_programme(client_for, world, decision):
    assert_access(client_for, f"/decisions/programmes/{world.programme.pk}/map/", EVERYONE)


def test_a_decision_records_forum_date_options_evidence_and_who_was_there(
    client_for, world, monkeypatch
):
    brief = released_brief(world, monkeypatch)
    response = client_for("commissioner").post(
        f"/decisions/teams/{world.team.pk}/new/",
        {
            "forum": "Health and wellbeing board",
            "decided_on": "2025-03-04",
            "decision": "Extend checks to barbers' shops",
            "options_considered": "Do nothing\nBarbers' shops",
            "briefs": [brief.pk],
            "outputs": ["41"],
            "present_roles": ["commissioner", "public_adviser"],
            "present_note": "",
            "review_due_on": "",
        },
    )
    decision = Decision.objects.get()
    assert response["Location"] == f"/decisions/{decision.pk}/"
    assert list(decision.briefs.all()) == [brief]
    assert decision.outputs == [{"id": "41", "title": "Blood pressure checks by IMD"}]
    page = client_for("patient").get(f"/decisions/{decision.pk}/").content.decode()
    for text in ("Health and wellbeing board", "4 March 2025", "Barbers", "Public adviser"):
        assert text in page
    assert brief.title in page


def test_a_heat_review_is_set_six_months_on_when_no_date_is_given(client_for, world):
    client_for("commissioner").post(
        f"/decisions/teams/{world.team.pk}/new/",
        {"forum": "Board", "decided_on": "2025-03-04", "decision": "Extend checks"},
    )
    follow_up = FollowUp.objects.get()
    assert follow_up.due_on == datetime.date(2025, 9, 4)
    assert follow_up.what.startswith("HEAT review")


def test_a_decision_with_problems_is_refused_and_keeps_what_was_typed(client_for, world):
    response = client_for("commissioner").post(
        f"/decisions/teams/{world.team.pk}/new/",
        {
            "forum": "Board",
            "decided_on": "2025-03-04",
            "decision": "",
            "options_considered": "Keep the mobile clinic",
            "review_due_on": "2025-01-01",
        },
    )
    page = response.content.decode()
    assert "Enter what was decided" in page
    assert "The review must be after the decision" in page
    assert "Keep the mobile clinic" in page
    assert not Decision.objects.exists()


def test_only_released_briefs_can_be_cited(client_for, world, monkeypatch):
    from tests.web.briefs.helpers import make_brief

    draft = make_brief(world, title="A draft not yet approved")
    page = client_for("commissioner").get(f"/decisions/teams/{world.team.pk}/new/")
    assert "A draft not yet approved" not in page.content.decode()
    assert draft.pk


def test_an_impact_records_what_changed_and_for_whom(client_for, decision):
    client_for("practitioner").post(
        f"/decisions/{decision.pk}/impacts/new/",
        {
            "what_changed": "Checks now run in 6 barbers' shops",
            "groups": "Black and South Asian men aged 40 to 60",
            "dimensions": ["protected", "socioeconomic"],
            "observed_on": "2025-06-01",
        },
    )
    impact = decision.impacts.get()
    assert impact.dimensions == ["protected", "socioeconomic"]
    page = client_for("practitioner").get(f"/decisions/{decision.pk}/").content.decode()
    assert "Black and South Asian men aged 40 to 60" in page


def test_due_reviews_show_on_the_home_page_and_the_team_log(client_for, world):
    soon = timezone.localdate() + datetime.timedelta(days=5)
    _log(world, decided_on=soon - datetime.timedelta(days=200), review_due_on=soon)
    home = client_for("intern").get("/").content.decode()
    assert "Decision reviews due" in home and "HEAT review" in home
    assert "Decision reviews due" not in client_for("other_team_member").get("/").content.decode()
    log = client_for("intern").get(f"/decisions/teams/{world.team.pk}/").content.decode()
    assert "Reviews to do" in log


def test_a_completed_review_is_no_longer_due(client_for, world):
    soon = timezone.localdate() + datetime.timedelta(days=5)
    decision = _log(world, decided_on=soon - datetime.timedelta(days=200), review_due_on=soon)
    follow_up = decision.follow_ups.get()
    client_for("analyst").post(
        f"/decisions/follow-ups/{follow_up.pk}/done/", {"outcome": "The gap narrowed."}
    )
    follow_up.refresh_from_db()
    assert not follow_up.is_open and follow_up.done_by == world.user("analyst")
    assert "Decision reviews due" not in client_for("intern").get("/").content.decode()


def test_the_map_shows_each_chain_from_evidence_to_decision_to_impact(
    client_for, world, monkeypatch
):
    brief = released_brief(world, monkeypatch)
    decision = _log(world, brief=brief)
    actions.record_impact(
        world.user("analyst"),
        decision,
        {
            "what_changed": "Checks in barbers' shops",
            "groups": "Men in Core20 areas",
            "dimensions": [],
            "observed_on": datetime.date(2025, 6, 1),
        },
    )
    page = (
        client_for("other_team_member")
        .get(f"/decisions/programmes/{world.programme.pk}/map/")
        .content.decode()
    )
    assert 'role="img"' in page and "<desc" in page
    assert f"Brief: {brief.title}" in page
    assert "Checks in barbers" in page and "Men in Core20 areas" in page
    assert f'href="/briefs/{brief.pk}/read/"' in page
    # Another team sees the chain, but not a link into this team's private log.
    assert f'href="/decisions/{decision.pk}/"' not in page
    staff_page = client_for("academic_facilitator").get(
        f"/decisions/programmes/{world.programme.pk}/map/"
    )
    assert f'href="/decisions/{decision.pk}/"' in staff_page.content.decode()


def test_released_briefs_not_yet_used_are_listed_on_the_map(client_for, world, monkeypatch):
    brief = released_brief(world, monkeypatch)
    page = client_for("analyst").get(f"/decisions/programmes/{world.programme.pk}/map/")
    assert "Released evidence not yet used in a decision" in page.content.decode()
    assert brief.title in page.content.decode()
