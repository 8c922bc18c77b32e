"""The schedule in a real browser: attendance by keyboard, and the team's next steps."""

from datetime import timedelta

from django.utils import timezone

from coeval.web.curriculum import actions
from coeval.web.curriculum.models import Attendance
from tests import factories
from tests.browser.conftest import assert_accessible


def _cohort_with_people():
    programme = factories.make_programme()
    cohort = factories.make_cohort(programme)
    team = factories.make_team(cohort)
    facilitator = factories.make_user("Sam Facilitator", "sam@example.test")
    factories.give_programme_role(facilitator, programme, "academic_facilitator")
    lead = factories.make_user("Asha Lead", "asha@example.test")
    factories.add_to_team(lead, team, "project_lead")
    adviser = factories.make_user("Bill Adviser", "bill@example.test")
    factories.add_to_team(adviser, team, "public_adviser")
    sessions = actions.generate_sessions(
        facilitator, cohort, timezone.localdate() - timedelta(weeks=5), place="Room 1"
    )
    return programme, cohort, team, facilitator, lead, adviser, sessions


def test_a_facilitator_records_attendance_using_only_the_keyboard(
    page, live_server, sign_in, transactional_db
):
    _p, _c, team, facilitator, lead, adviser, sessions = _cohort_with_people()
    session = sessions[0]
    sign_in(facilitator)
    page.goto(f"{live_server.url}/schedule/sessions/{session.pk}/")
    assert_accessible(page)

    # Tab to the "Record attendance" link and follow it with Enter.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Record attendance":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/attendance/")
    assert_accessible(page)

    # Tab through the checklist, ticking the two team members with Space.
    wanted = {f"present-{team.pk}-{lead.pk}", f"present-{team.pk}-{adviser.pk}"}
    ticked = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        active = page.evaluate("document.activeElement.id")
        if active in wanted:
            page.keyboard.press("Space")
            ticked.add(active)
        if page.evaluate("document.activeElement.textContent.trim()") == "Save attendance":
            break
    assert ticked == wanted
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/schedule/sessions/{session.pk}/")

    assert "2 people were there" in page.content()
    assert {(a.user_id, a.role) for a in Attendance.objects.filter(session=session)} == {
        (lead.pk, "project_lead"),
        (adviser.pk, "public_adviser"),
    }


def test_a_team_member_sees_the_teams_next_steps_on_the_home_page(
    page, live_server, sign_in, transactional_db
):
    _p, cohort, team, facilitator, lead, adviser, sessions = _cohort_with_people()
    actions.save_task(
        lead,
        team,
        {"title": "Ask for IMD data", "owner": adviser, "due_on": timezone.localdate()},
    )
    sign_in(lead)
    part = page.get_by_role("region", name="Your next sessions and tasks")
    assert part.is_visible()
    upcoming = [s for s in sessions if s.ends_at > timezone.now()][0]
    assert part.get_by_role("link", name=upcoming.title).is_visible()
    assert "Ask for IMD data" in part.inner_text()
    assert_accessible(page)

    part.get_by_role("link", name="See the whole schedule").click()
    assert page.get_by_role("heading", level=1).inner_text() == f"Schedule for {cohort.name}"
    assert_accessible(page)

    page.get_by_role("link", name=team.name).click()
    assert page.get_by_role("heading", level=1).inner_text() == f"Tasks for {team.name}"
    assert page.get_by_role("cell", name="Ask for IMD data").is_visible()
    assert_accessible(page)
