"""The workbook in a real browser: conflicts, "you said, we did", review, the keyboard-only
logic model, and axe-core on every workbook page."""

import pytest
from django.urls import reverse

from coeval.web.core.demo import DemoContext
from coeval.web.workbook import actions, demo
from coeval.web.workbook.models import Section
from tests import factories
from tests.browser.conftest import assert_accessible

ROLES = ("project_lead", "practitioner", "public_adviser", "analyst", "commissioner")
STAFF = ("programme_manager", "academic_facilitator", "methodological_expert")


@pytest.fixture
def cig(transactional_db):
    programme = factories.make_programme()
    cohort = factories.make_cohort(programme)
    team = factories.make_team(cohort)
    people = {}
    for role in STAFF:
        people[role] = factories.make_user(role.replace("_", " ").title(), f"{role}@example.test")
        factories.give_programme_role(people[role], programme, role)
    for role in ROLES:
        people[role] = factories.make_user(role.replace("_", " ").title(), f"{role}@example.test")
        factories.add_to_team(people[role], team, role)
    plan = actions.start_plan(people["project_lead"], team)
    return {"programme": programme, "cohort": cohort, "team": team, "plan": plan, **people}


def _signed_in_page(browser, live_server, user):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    other = context.new_page()
    other.set_default_timeout(15000)
    other.goto(f"{live_server.url}/sign-in/")
    other.get_by_label("Email address").fill(user.email)
    other.get_by_label("Password").fill("a-long-test-password")
    other.get_by_role("button", name="Sign in").click()
    other.wait_for_load_state()
    return other


def _url(live_server, name, *args):
    return live_server.url + reverse(f"workbook:{name}", args=args)


def _lead_saves_while_the_practitioner_edits(page, browser, live_server, sign_in, cig):
    """Both open the plan's context section; the project lead saves first. Returns the
    practitioner's page, still showing the form as it was when they opened it."""
    edit = _url(live_server, "edit", cig["plan"].pk, "service_context")
    sign_in(cig["project_lead"])
    page.goto(edit)
    other = _signed_in_page(browser, live_server, cig["practitioner"])
    other.goto(edit)
    page.get_by_label("What the service does").fill("Checks in the library on Mondays")
    page.get_by_role("button", name="Save this section").click()
    assert "saved as revision 1" in page.content()
    return other


def test_two_people_edit_one_section_and_the_second_sees_both_texts(
    page, browser, live_server, sign_in, cig
):
    plan = cig["plan"]
    other = _lead_saves_while_the_practitioner_edits(page, browser, live_server, sign_in, cig)

    other.get_by_label("What the service does").fill("Checks at the mosque after Friday prayers")
    other.get_by_role("button", name="Save this section").click()
    assert other.get_by_text("Someone else saved this section while you were editing").is_visible()
    theirs = other.locator("[data-conflict=theirs]").first.inner_text()
    yours = other.locator("[data-conflict=yours]").first.inner_text()
    assert "library on Mondays" in theirs and "mosque after Friday prayers" in yours
    assert_accessible(other)

    other.get_by_label("What the service does").fill(
        "Checks in the library on Mondays and at the mosque after Friday prayers"
    )
    other.get_by_role("button", name="Save the merged section").click()
    section = Section.objects.get(plan=plan, key="service_context")
    assert section.revision == 2
    assert "library on Mondays and at the mosque" in section.content["description"]
    other.context.close()


def test_a_public_advisers_adopted_suggestion_appears_in_the_contributions_view(
    page, browser, live_server, sign_in, cig
):
    plan = cig["plan"]
    sign_in(cig["public_adviser"])
    page.goto(_url(live_server, "section", plan.pk, "service_context"))
    page.get_by_role("radio", name="Suggestion").check()
    page.get_by_label("Your comment or suggestion").fill("Say that carers can come too")
    page.get_by_role("button", name="Add your comment").click()
    assert page.get_by_text("Say that carers can come too").is_visible()

    lead = _signed_in_page(browser, live_server, cig["project_lead"])
    lead.goto(_url(live_server, "edit", plan.pk, "service_context"))
    lead.get_by_label("What the service aims to achieve").fill("Reach more people. Carers welcome.")
    lead.get_by_role("button", name="Save this section").click()
    lead.get_by_role("link", name="Mark as adopted").click()
    assert_accessible(lead)
    lead.get_by_label("Which change did it lead to?").select_option("1")
    lead.get_by_label("What we did").fill("We added carers to the aims")
    lead.get_by_role("button", name="Mark as adopted").click()
    lead.context.close()

    page.goto(_url(live_server, "contributions", plan.pk))
    you_said = page.locator("#you-said-we-did ~ .nhsuk-card").first.inner_text()
    assert "Say that carers can come too" in you_said and "We added carers" in you_said
    assert "Public adviser" in page.locator("table").first.inner_text()
    assert_accessible(page)
    page.goto(_url(live_server, "influence"))
    assert "We added carers to the aims" in page.content()


def test_a_facilitator_reviews_a_section(page, live_server, sign_in, cig):
    plan = cig["plan"]
    section = plan.sections.get(key="purpose_questions")
    actions.save_section(
        cig["commissioner"], section, {"users": "ICB board", "decisions": "Fund or not"}, 0
    )
    actions.mark_ready(cig["commissioner"], section)
    sign_in(cig["academic_facilitator"])
    page.goto(_url(live_server, "section", plan.pk, "purpose_questions"))
    page.get_by_role("link", name="Review this section").click()
    page.get_by_role("button", name="Record the review").click()
    assert page.get_by_role("alert").is_visible()  # the error summary, nothing lost
    assert_accessible(page)
    page.get_by_label("Reviewed: the team should act on my feedback").check()
    page.get_by_label("Feedback for the team").fill("Add what success looks like for carers.")
    page.get_by_role("button", name="Record the review").click()
    assert page.get_by_text("Add what success looks like for carers.").is_visible()
    section.refresh_from_db()
    assert section.state == "reviewed"


def test_the_logic_model_is_built_with_the_keyboard_only(page, live_server, sign_in, cig):
    plan = cig["plan"]
    sign_in(cig["practitioner"])
    page.goto(_url(live_server, "logic_model", plan.pk, "logic_model"))

    def add(column_label, text):
        page.get_by_label("Column", exact=True).focus()
        # A native select is changed without the mouse (as arrow keys would change it).
        page.get_by_label("Column", exact=True).select_option(label=column_label)
        page.get_by_label("What it is").first.focus()
        page.keyboard.type(text)
        page.keyboard.press("Enter")
        page.get_by_role("status").filter(has_text="Item added.").wait_for()

    add("Activities", "Evening drop-in sessions")
    add("Short-term outcomes", "More people from deprived wards attend")
    page.get_by_label("From", exact=True).focus()
    page.get_by_label("Leads to").focus()
    page.get_by_label("Why it should lead there (the rationale)").focus()
    page.keyboard.type("Evening times fit shift work")
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="Link added.").wait_for()
    assert "Evening drop-in sessions → More people from deprived wards attend" in page.content()
    assert page.locator("svg[role=img] line").count() == 1
    assert_accessible(page)
    section = Section.objects.get(plan=plan, key="logic_model")
    assert len(section.content["items"]) == 2 and len(section.content["links"]) == 1


def test_every_workbook_page_passes_axe(page, live_server, sign_in, cig):
    demo.seed(DemoContext(objects={"teams": [cig["team"]]}))
    plan, team = cig["plan"], cig["team"]
    question = Section.objects.get(plan=plan, key="design_methods").questions.get()
    comment = Section.objects.get(plan=plan, key="service_context").comments.get()
    actions.submit_plan(cig["project_lead"], plan)
    urls = [
        reverse("workbook:plan", args=[plan.pk]),
        reverse("workbook:contributions", args=[plan.pk]),
        reverse("workbook:decision", args=[plan.pk]),
        reverse("workbook:import", args=[team.pk]),
        reverse("workbook:cohort", args=[cig["cohort"].pk]),
        reverse("workbook:faq", args=[cig["programme"].pk]),
        reverse("workbook:advice", args=[question.pk]),
        reverse("workbook:promote", args=[question.pk]),
        reverse("workbook:adopt", args=[comment.pk]),
        reverse("workbook:inbox"),
        reverse("workbook:influence"),
        reverse("workbook:api_docs"),
        reverse("workbook:history", args=[plan.pk, "service_context"]),
        reverse("workbook:revision", args=[plan.pk, "service_context", 2]),
        reverse("workbook:review", args=[plan.pk, "logic_model"]),
        reverse("workbook:ask", args=[plan.pk, "equity"]),
        reverse("workbook:logic_model", args=[plan.pk, "logic_model"]),
    ]
    for key in ("service_context", "equity", "logic_model", "purpose_questions",
                "design_methods", "data_plan", "involvement", "dissemination"):  # fmt: skip
        urls += [
            reverse("workbook:section", args=[plan.pk, key]),
            reverse("workbook:edit", args=[plan.pk, key]),
        ]
    sign_in(cig["programme_manager"])
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        assert_accessible(page)
    # A page with no plan yet
    other = factories.make_team(cig["cohort"], "New team", "New service")
    page.goto(live_server.url + reverse("workbook:team", args=[other.pk]))
    assert_accessible(page)


def test_two_people_editing_different_parts_of_a_section_both_keep_their_work(
    page, browser, live_server, sign_in, cig
):
    plan = cig["plan"]
    other = _lead_saves_while_the_practitioner_edits(page, browser, live_server, sign_in, cig)

    other.get_by_label("Who the service is for").fill("Men over 40 in Toxteth")
    other.get_by_role("button", name="Save this section").click()
    message = other.get_by_role("status").first.inner_text()
    assert "saved as revision 2" in message and "both sets of changes are kept" in message
    section = Section.objects.get(plan=plan, key="service_context")
    assert section.content["description"] == "Checks in the library on Mondays"
    assert section.content["population"] == "Men over 40 in Toxteth"
    assert_accessible(other)
    other.context.close()
