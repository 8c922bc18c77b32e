"""A manager invites someone; they accept in the browser and see their team's next steps."""

import re

from django.core import mail

from tests import factories
from tests.browser.conftest import assert_accessible


def test_an_invited_person_joins_the_team_and_sees_what_is_next(
    page, live_server, sign_in, transactional_db
):
    programme = factories.make_programme()
    cohort = factories.make_cohort(programme)
    team = factories.make_team(cohort, "Blood pressure team", "Community blood pressure checks")
    manager = factories.make_user("Helen Whitfield", "helen@example.test")
    factories.give_programme_role(manager, programme, "programme_manager")

    sign_in(manager)
    page.goto(f"{live_server.url}/programmes/teams/{team.pk}/invite/")
    assert_accessible(page)
    page.get_by_role("button", name="Send the invitation").click()
    assert page.get_by_role("alert").is_visible()  # the error summary, for an empty form
    assert_accessible(page)
    page.get_by_label("Email address").fill("nadia@example.test")
    page.get_by_label("Role").select_option("practitioner")
    page.get_by_role("button", name="Send the invitation").click()
    page.wait_for_url(re.compile(r"/programmes/teams/\d+/$"))
    assert "nadia@example.test" in page.content()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/sign-in/"))

    link = re.search(r"https?://\S+/invitations/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    assert page.get_by_role("heading", level=1).inner_text() == "Join Blood pressure team"
    assert_accessible(page)
    page.get_by_label("Your full name").fill("Nadia Hussain")
    page.get_by_label("Create a password").fill("short")
    page.get_by_label("Type the password again").fill("short")
    page.get_by_role("button", name="Create my account and join").click()
    assert "too short" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Your full name").input_value() == "Nadia Hussain"
    assert_accessible(page)
    page.get_by_label("Create a password").fill("blue kettle morning 42")
    page.get_by_label("Type the password again").fill("blue kettle morning 42")
    page.get_by_role("button", name="Create my account and join").click()
    page.wait_for_url(f"{live_server.url}/")
    assert "What is next for my team" in page.content()
    assert_accessible(page)

    # Sign out and back in with the new password: the team's next steps are still there.
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/sign-in/"))
    nadia = type(manager).objects.get(email="nadia@example.test")
    sign_in(nadia, password="blue kettle morning 42")
    assert page.get_by_role("heading", level=1).inner_text() == "Hello, Nadia Hussain"
    assert page.get_by_role("link", name="Blood pressure team", exact=True).is_visible()
    assert "You are the team's practitioner" in page.content()
    assert_accessible(page)

    # The link cannot be used again.
    page.goto(link)
    assert "already been used" in page.content()
    assert_accessible(page)


def _falls_team_and(role: str, name: str):
    """A programme with one team, and a member of staff holding ``role`` in it."""
    programme = factories.make_programme()
    team = factories.make_team(factories.make_cohort(programme), "Falls team", "Falls service")
    staff = factories.make_user(name, f"{name.split()[0].lower()}@example.test")
    factories.give_programme_role(staff, programme, role)
    return team, staff


def test_a_manager_sends_an_invitation_again_then_withdraws_a_mistaken_one(
    page, live_server, sign_in, transactional_db
):
    team, manager = _falls_team_and("programme_manager", "Helen Whitfield")
    sign_in(manager)
    invite_page = f"{live_server.url}/programmes/teams/{team.pk}/invite/"
    for email in ("nadia@example.test", "nadia@exmaple.test"):
        page.goto(invite_page)
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Role").select_option("practitioner")
        page.get_by_role("button", name="Send the invitation").click()
        page.wait_for_url(re.compile(r"/programmes/teams/\d+/$"))

    page.goto(invite_page)
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Send again to nadia@example.test").click()
    assert (
        "emailed the invitation to nadia@example.test again"
        in page.get_by_role("status").inner_text()
    )
    page.get_by_role("button", name="Withdraw the invitation to nadia@exmaple.test").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "nadia@exmaple.test is withdrawn" in page.get_by_role("status").inner_text()
    rows = page.get_by_role("table").get_by_role("row").all_inner_texts()
    assert len(rows) == 2 and "nadia@example.test" in rows[1]
    assert_accessible(page)
    assert len(mail.outbox) == 3


def test_a_facilitator_changes_a_members_role_and_removes_someone_by_keyboard(
    page, live_server, sign_in, transactional_db
):
    team, facilitator = _falls_team_and("academic_facilitator", "Sam Okafor")
    factories.add_to_team(factories.make_user("Ali Khan", "ali@example.test"), team, "intern")
    factories.add_to_team(factories.make_user("Jo Reed", "jo@example.test"), team, "practitioner")
    sign_in(facilitator)
    page.goto(f"{live_server.url}/programmes/teams/{team.pk}/")
    page.get_by_role("link", name="Change members' roles, or remove someone").click()
    assert_accessible(page)
    page.get_by_role("link", name="Change role of Ali Khan").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Change the role of Ali Khan"
    assert page.get_by_label("Intern").is_checked()
    page.get_by_label("Analyst").focus()
    page.keyboard.press("Space")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Save the role").press("Enter")
    assert "Ali Khan is now analyst in Falls team" in page.get_by_role("status").inner_text()

    page.get_by_role("link", name="Remove Jo Reed from the team").click()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Remove Jo Reed").press("Enter")
    assert "Jo Reed is no longer in Falls team" in page.get_by_role("status").inner_text()
    rows = page.get_by_role("table").get_by_role("row").all_inner_texts()
    assert len(rows) == 2 and "Ali Khan" in rows[1] and "Analyst" in rows[1]
