"""The permission matrix for every workbook page, for every persona."""

from django.urls import reverse

from coeval.web.workbook import actions
from tests.web.conftest import PERSONAS, PROGRAMME_STAFF, TEAM_ROLES, assert_access

EVERYONE = set(PERSONAS) - {"anonymous"}
OUR_TEAM = set(TEAM_ROLES)
STAFF = set(PROGRAMME_STAFF)
READERS = OUR_TEAM | STAFF
EDITORS = OUR_TEAM | {"programme_manager"}


def _section_url(name, section, *extra):
    return reverse(f"workbook:{name}", args=[section.plan_id, section.key, *extra])


def test_the_team_page_for_a_plan_is_for_the_team_and_programme_staff(world, client_for):
    assert_access(client_for, reverse("workbook:team", args=[world.team.pk]), READERS)


def test_only_the_team_and_the_manager_start_a_plan(world, client_for):
    url = reverse("workbook:start", args=[world.team.pk])
    assert_access(client_for, url, EDITORS, method="post")


def test_the_plan_and_its_pages_are_read_by_the_team_and_programme_staff(
    client_for, plan, monkeypatch
):
    # Access only: the files themselves are checked in test_exports.
    from coeval.web.workbook import exports

    monkeypatch.setattr(exports, "plan_pdf", lambda plan: b"%PDF-1.7")
    monkeypatch.setattr(exports, "plan_docx", lambda plan: b"PK")
    for name in ("plan", "contributions", "docx", "pdf", "api_plan"):
        assert_access(client_for, reverse(f"workbook:{name}", args=[plan.pk]), READERS)


def test_section_pages_are_read_by_the_team_and_programme_staff(client_for, context_section):
    actions.save_section(
        context_section.plan.team.memberships.first().user,
        context_section,
        {"description": "Checks"},
        0,
    )
    for name in ("section", "history"):
        assert_access(client_for, _section_url(name, context_section), READERS)
    assert_access(client_for, _section_url("revision", context_section, 1), READERS)


def test_editing_a_section_is_for_the_team_and_the_manager(client_for, context_section):
    assert_access(client_for, _section_url("edit", context_section), EDITORS)
    assert_access(
        client_for,
        _section_url("autosave", context_section),
        EDITORS,
        method="post",
        data={"base_revision": 0, "description": "draft"},
    )
    assert_access(client_for, _section_url("discard", context_section), EDITORS, method="post")
    assert_access(client_for, _section_url("ready", context_section), EDITORS, method="post")


def test_restoring_a_revision_is_for_editors(world, client_for, context_section):
    actions.save_section(world.user("practitioner"), context_section, {"description": "A"}, 0)
    url = _section_url("restore", context_section, 1)
    assert_access(client_for, url, EDITORS, method="post")


def test_the_logic_model_builder_is_for_editors(client_for, section_of):
    assert_access(client_for, _section_url("logic_model", section_of("logic_model")), EDITORS)


def test_reviewing_a_section_is_for_facilitators_advisers_and_the_manager(
    client_for, context_section
):
    assert_access(client_for, _section_url("review", context_section), STAFF)


def test_anyone_who_can_read_a_section_can_comment_on_it(client_for, context_section):
    url = _section_url("comment", context_section)
    assert_access(client_for, url, READERS, method="post", data={"kind": "comment", "text": "Hi"})


def test_marking_a_comment_adopted_is_for_editors(world, client_for, context_section):
    comment = actions.add_comment(world.user("public_adviser"), context_section, "suggestion", "x")
    assert_access(client_for, reverse("workbook:adopt", args=[comment.pk]), EDITORS)


def test_asking_for_advice_is_for_the_team_and_answering_for_staff(world, client_for, plan):
    section = plan.sections.get(key="design_methods")
    assert_access(client_for, _section_url("ask", section), EDITORS)
    question = actions.ask_advice(world.user("analyst"), section, "Which design?", "ITS or DiD?")
    assert_access(client_for, reverse("workbook:advice", args=[question.pk]), READERS)
    actions.answer_advice(world.user("methodological_expert"), question, "ITS.")
    assert_access(client_for, reverse("workbook:promote", args=[question.pk]), STAFF)


def test_the_programme_faq_is_for_everyone_in_the_programme(world, client_for):
    assert_access(client_for, reverse("workbook:faq", args=[world.programme.pk]), EVERYONE)


def test_submitting_is_for_the_team_and_the_decision_for_the_manager(client_for, plan):
    assert_access(client_for, reverse("workbook:decision", args=[plan.pk]), {"programme_manager"})
    assert_access(client_for, reverse("workbook:submit", args=[plan.pk]), EDITORS, method="post")


def test_the_cohort_dashboard_is_for_programme_staff(world, client_for, plan):
    assert_access(client_for, reverse("workbook:cohort", args=[world.cohort.pk]), STAFF)


def test_import_is_for_editors(world, client_for):
    assert_access(client_for, reverse("workbook:import", args=[world.team.pk]), EDITORS)


def test_personal_pages_are_for_everyone_signed_in(client_for):
    for name in ("inbox", "influence", "api_docs"):
        assert_access(client_for, reverse(f"workbook:{name}"), EVERYONE)
    assert_access(client_for, reverse("workbook:read_all"), EVERYONE, method="post")


def test_a_notification_opens_only_for_its_owner(world, client):
    from coeval.web.workbook.models import Notification

    note = Notification.objects.create(user=world.user("analyst"), text="Hi", url="/")
    client.force_login(world.user("practitioner"))
    assert client.post(reverse("workbook:open", args=[note.pk])).status_code == 404
    client.force_login(world.user("analyst"))
    assert client.post(reverse("workbook:open", args=[note.pk])).status_code == 302
