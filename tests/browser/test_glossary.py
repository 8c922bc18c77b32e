"""The shared language in a real browser: propose, approve, and see the term linked."""

from datetime import timedelta

from django.utils import timezone

from coeval.web.curriculum import actions as curriculum_actions
from coeval.web.library import actions as library_actions
from tests import factories
from tests.browser.conftest import assert_accessible


def test_a_proposed_term_once_approved_is_linked_with_a_working_tooltip(
    page, live_server, sign_in, transactional_db
):
    programme = factories.make_programme()
    cohort = factories.make_cohort(programme)
    team = factories.make_team(cohort)
    facilitator = factories.make_user("Sam Facilitator", "sam@example.test")
    factories.give_programme_role(facilitator, programme, "academic_facilitator")
    adviser = factories.make_user("Bill Adviser", "bill@example.test")
    factories.add_to_team(adviser, team, "public_adviser")
    session = curriculum_actions.save_session(
        facilitator,
        cohort,
        {
            "kind": "support_meeting",
            "title": "Support meeting",
            "starts_at": timezone.now() + timedelta(days=3),
            "ends_at": timezone.now() + timedelta(days=3, hours=1),
            "agenda": "How social prescribing reaches people in each deprivation quintile.",
        },
    )
    library_actions.add_resource(
        facilitator,
        programme,
        title="Connectors guide",
        summary="A guide to social prescribing for public advisers.",
        topics=["public_involvement"],
        link="https://example.org/guide",
    )

    # A public adviser proposes a term.
    sign_in(adviser)
    page.goto(f"{live_server.url}/glossary/")
    assert_accessible(page)
    page.get_by_role("link", name="Propose a new term").click()
    assert_accessible(page)
    page.get_by_label("Term", exact=True).fill("Social prescribing")
    page.get_by_label("What it means, in plain words").fill(
        "When a GP or other worker connects someone to local, non-clinical support."
    )
    page.get_by_role("button", name="Send for review").click()
    assert "has been sent to the facilitators" in page.content()
    page.goto(f"{live_server.url}/schedule/sessions/{session.pk}/")
    assert page.locator("a.coeval-term__link", has_text="social prescribing").count() == 0

    # A facilitator approves it.
    page.context.clear_cookies()
    sign_in(facilitator)
    page.goto(f"{live_server.url}/glossary/")
    page.get_by_role("link", name="Review “Social prescribing”").click()
    assert_accessible(page)
    page.get_by_role("button", name="Approve").click()
    assert "is now in the glossary" in page.content()
    assert_accessible(page)

    # Now it is linked on the session page, with a tooltip.
    page.goto(f"{live_server.url}/schedule/sessions/{session.pk}/")
    link = page.locator("a.coeval-term__link", has_text="social prescribing")
    tip = page.locator(f"#{link.get_attribute('aria-describedby')}")
    assert tip.get_attribute("role") == "tooltip"
    assert not tip.is_visible()

    link.hover()  # shows on hover...
    assert tip.is_visible()
    assert "connects someone to local, non-clinical support" in tip.inner_text()
    tip.hover()  # ...stays while the pointer moves onto it...
    assert tip.is_visible()
    page.keyboard.press("Escape")  # ...and Escape dismisses it without moving the pointer.
    assert not tip.is_visible()
    page.mouse.move(0, 0)

    link.focus()  # shows on keyboard focus too
    assert tip.is_visible()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    assert page.evaluate("document.activeElement.textContent") == "social prescribing"
    assert_accessible(page)

    page.keyboard.press("Enter")  # the link still goes to the glossary entry
    page.wait_for_url("**/glossary/programmes/*/#term-social-prescribing")
    assert page.locator("#term-social-prescribing").inner_text().startswith("Social prescribing")

    # It is linked in the resources library too.
    page.goto(f"{live_server.url}/resources/")
    assert page.locator("a.coeval-term__link", has_text="social prescribing").count() == 1
    assert_accessible(page)
