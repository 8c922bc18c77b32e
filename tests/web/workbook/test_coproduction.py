"""Comments, "you said, we did", contributions, advice and the FAQ."""

from django.urls import reverse

from coeval.web.workbook import actions, services
from coeval.web.workbook.models import FaqEntry


def test_an_adopted_suggestion_links_to_the_change_and_tells_its_author(world, context_section):
    adviser = world.user("public_adviser")
    suggestion = actions.add_comment(
        adviser, context_section, "suggestion", "Say the checks are free"
    )
    revision = actions.save_section(
        world.user("project_lead"), context_section, {"description": "Free checks"}, 0
    )
    actions.adopt_comment(world.user("project_lead"), suggestion, revision, "Added 'free'")
    assert suggestion.adopted_revision == revision
    assert adviser.notifications.filter(text__contains="changed").exists()
    assert services.my_influence(adviser) == [suggestion]


def test_the_public_adviser_sees_every_place_their_input_changed_the_plan(
    world, client_for, context_section
):
    adviser = world.user("public_adviser")
    suggestion = actions.add_comment(adviser, context_section, "suggestion", "Evening sessions")
    revision = actions.save_section(
        world.user("analyst"), context_section, {"description": "Evenings too"}, 0
    )
    actions.adopt_comment(world.user("analyst"), suggestion, revision, "Added evening checks")
    page = client_for("public_adviser").get(reverse("workbook:influence")).content.decode()
    assert "Evening sessions" in page and "Added evening checks" in page


def test_contributions_are_counted_by_section_and_role(world, plan, section_of):
    actions.save_section(
        world.user("public_adviser"), section_of("involvement"), {"payment": "NIHR rates"}, 0
    )
    actions.save_section(world.user("analyst"), section_of("data_plan"), {}, 0)
    actions.add_comment(world.user("patient"), section_of("involvement"), "comment", "Yes")
    result = services.contributions(plan)
    by_role = {r.role: r for r in result["roles"]}
    assert by_role["public_adviser"].edits == 1 and by_role["patient"].comments == 1
    involvement_row = next(row for row in result["table"] if row[0].key == "involvement")
    assert involvement_row[2] == 2
    assert "Public adviser 1 edits" in result["chart"]


def test_advice_notifies_advisers_and_the_answer_notifies_the_asker(world, section_of):
    analyst, expert = world.user("analyst"), world.user("methodological_expert")
    question = actions.ask_advice(analyst, section_of("design_methods"), "ITS?", "Enough points?")
    assert expert.notifications.filter(text__contains="ITS?").exists()
    actions.answer_advice(expert, question, "Eight before and after is a good rule.")
    question.refresh_from_db()
    assert question.answered_at is not None
    assert analyst.notifications.filter(text__contains="New reply").exists()


def test_an_answered_question_can_be_promoted_to_the_programme_faq(world, client_for, section_of):
    question = actions.ask_advice(world.user("analyst"), section_of("data_plan"), "IMD?", "Which")
    actions.answer_advice(world.user("methodological_expert"), question, "Use IMD 2019")
    url = reverse("workbook:promote", args=[question.pk])
    client_for("methodological_expert").post(url, {"asked": "Which IMD?", "answer": "2019"})
    assert FaqEntry.objects.get().question == "Which IMD?"
    page = client_for("other_team_member").get(reverse("workbook:faq", args=[world.programme.pk]))
    assert "Which IMD?" in page.content.decode()


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(world, client_for, plan):
    actions.submit_plan(world.user("project_lead"), plan)
    note = world.user("programme_manager").notifications.get()
    response = client_for("programme_manager").post(reverse("workbook:open", args=[note.pk]))
    assert response["Location"] == reverse("workbook:plan", args=[plan.pk])
    note.refresh_from_db()
    assert note.read_at is not None


def test_the_cohort_dashboard_costs_the_same_queries_for_more_teams(
    world, client_for, plan, django_assert_max_num_queries
):
    from tests import factories

    client = client_for("academic_facilitator")
    url = reverse("workbook:cohort", args=[world.cohort.pk])
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for n in range(4):
        team = factories.make_team(world.cohort, f"Team {n}", "Service")
        actions.start_plan(world.user("programme_manager"), team)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "Team 3" in page
