"""axe-core finds no serious or critical problems on the platform's main pages."""

import datetime

import pytest

from coeval.web.connections import actions as connection_actions
from coeval.web.programmes import actions
from tests import factories
from tests.browser.conftest import assert_accessible


@pytest.fixture
def programme_world(transactional_db):
    manager = factories.make_user("Helen Whitfield", "helen@example.test")
    programme = actions.create_programme(manager, name="North West CIGs")
    cohort = actions.create_cohort(
        manager,
        programme,
        name="Cohort 1",
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2027, 7, 31),
    )
    team = actions.create_team(manager, cohort, name="Dementia team", service_name="Pathway")
    lead = factories.make_user("Catherine Lowe", "catherine@example.test")
    adviser = factories.make_user("Peter Unsworth", "peter@example.test")
    actions.add_team_member(manager, lead, team, "project_lead")
    actions.add_team_member(manager, adviser, team, "public_adviser")
    connection_actions.update_profile(lead, organisation="Mersey Care", skills="Interviews")
    connection_actions.record_connection(
        manager,
        programme,
        introduced_by=manager,
        person=lead,
        introduced_to=adviser,
        about="Recruiting advisers",
    )
    return {"manager": manager, "programme": programme, "cohort": cohort, "team": team}


def test_the_programme_pages_are_accessible(page, live_server, sign_in, programme_world):
    w = programme_world
    sign_in(w["manager"])
    for path in (
        "/programmes/",
        f"/programmes/{w['programme'].pk}/",
        f"/programmes/cohorts/{w['cohort'].pk}/",
        f"/programmes/teams/{w['team'].pk}/",
        f"/people/programmes/{w['programme'].pk}/",
        f"/people/programmes/{w['programme'].pk}/connections/",
        "/people/me/",
        f"/audit/programmes/{w['programme'].pk}/",
        f"/programmes/{w['programme'].pk}/cohorts/new/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert page.get_by_role("heading", level=1).is_visible(), path
        assert_accessible(page)


def test_a_cohort_form_with_errors_is_accessible_and_keyboard_reachable(
    page, live_server, sign_in, programme_world
):
    w = programme_world
    sign_in(w["manager"])
    page.goto(f"{live_server.url}/programmes/{w['programme'].pk}/cohorts/new/")
    page.get_by_label("Cohort name").fill("Cohort 2")
    page.get_by_role("button", name="Save the cohort").click()
    summary = page.get_by_role("alert")
    assert "Enter the start date" in summary.inner_text()
    assert_accessible(page)
    summary.get_by_role("link", name="Enter the start date").click()
    assert page.evaluate("document.activeElement.id") == "id_starts_on"
    assert page.get_by_label("Cohort name").input_value() == "Cohort 2"
