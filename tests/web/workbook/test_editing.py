"""Saving a section: revisions with attribution, conflicts, drafts, validation, restore."""

import datetime

import pytest
from django.urls import reverse

from coeval.web.workbook import actions
from coeval.web.workbook.models import SectionDraft, SectionState


def _edit(section):
    return reverse("workbook:edit", args=[section.plan_id, section.key])


def test_every_save_is_a_revision_attributed_to_the_person_and_their_role(world, context_section):
    revision = actions.save_section(
        world.user("public_adviser"), context_section, {"description": "Drop-in checks"}, 0
    )
    assert (revision.number, revision.author_name) == (1, "Public Adviser")
    assert revision.role_keys == ["public_adviser"]
    context_section.refresh_from_db()
    assert context_section.content["description"] == "Drop-in checks"


def test_a_save_based_on_an_older_revision_is_refused_and_both_texts_are_kept(
    world, client_for, context_section
):
    actions.save_section(world.user("analyst"), context_section, {"description": "Theirs"}, 0)
    response = client_for("practitioner").post(
        _edit(context_section), {"base_revision": 0, "description": "Mine"}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Theirs" in page and "Mine" in page
    context_section.refresh_from_db()
    assert context_section.content["description"] == "Theirs"
    assert SectionDraft.objects.get(user=world.user("practitioner")).content["description"] == (
        "Mine"
    )


def test_edits_of_different_parts_by_two_people_are_both_kept(world, client_for, context_section):
    actions.save_section(world.user("analyst"), context_section, {"description": "Drop-in"}, 0)
    response = client_for("practitioner").post(
        _edit(context_section),
        {"base_revision": 0, "description": "", "population": "Men over 40"},
        follow=True,
    )
    assert "both sets of changes are kept" in response.content.decode()
    context_section.refresh_from_db()
    assert context_section.revision == 2
    assert context_section.content["description"] == "Drop-in"  # theirs, untouched by me
    assert context_section.content["population"] == "Men over 40"  # mine
    merged = context_section.revisions.get(number=2)
    assert merged.author_name == "Practitioner"
    assert merged.note == "Merged with revision 1, saved while this was being edited"


def test_the_same_change_made_by_two_people_is_no_conflict(world, context_section):
    lead, analyst = world.user("project_lead"), world.user("analyst")
    actions.save_section(lead, context_section, {"description": "Drop-in"}, 0)
    actions.save_section(analyst, context_section, {"description": "Drop-in"}, 0)
    context_section.refresh_from_db()
    assert context_section.content["description"] == "Drop-in"


def test_the_merged_version_saves_on_top_of_theirs(world, client_for, context_section):
    actions.save_section(world.user("analyst"), context_section, {"description": "Theirs"}, 0)
    client = client_for("practitioner")
    client.post(_edit(context_section), {"base_revision": 0, "description": "Mine"})
    response = client.post(_edit(context_section), {"base_revision": 1, "description": "Both"})
    assert response.status_code == 302
    context_section.refresh_from_db()
    assert (context_section.revision, context_section.content["description"]) == (2, "Both")


def test_autosave_keeps_a_private_draft_that_comes_back_on_return(
    world, client_for, context_section
):
    client = client_for("commissioner")
    url = reverse("workbook:autosave", args=[context_section.plan_id, context_section.key])
    assert (
        client.post(url, {"base_revision": 0, "description": "Half a thought"}).status_code == 200
    )
    context_section.refresh_from_db()
    assert context_section.revision == 0  # a draft is not a revision
    page = client.get(_edit(context_section)).content.decode()
    assert "Half a thought" in page and "We brought back what you typed" in page
    assert (
        "Half a thought" not in client_for("analyst").get(_edit(context_section)).content.decode()
    )


def test_a_validation_error_keeps_everything_typed(world, client_for, section_of):
    equity = section_of("equity")
    response = client_for("project_lead").post(
        _edit(equity),
        {"base_revision": 0, "groups": "Men in quintile 1", "review_on": "2001-01-01"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "between 6 and 12 months" in page
    assert "Men in quintile 1" in page
    equity.refresh_from_db()
    assert equity.revision == 0


def test_a_review_date_six_to_twelve_months_ahead_is_accepted(world, section_of):
    review_on = (datetime.date.today() + datetime.timedelta(days=270)).isoformat()
    revision = actions.save_section(
        world.user("project_lead"), section_of("equity"), {"review_on": review_on}, 0
    )
    assert revision.content["review_on"] == review_on


def test_the_review_date_is_typed_in_day_month_and_year_boxes(world, client_for, section_of):
    equity = section_of("equity")
    client = client_for("project_lead")
    page = client.get(_edit(equity)).content.decode()
    assert 'name="review_on_day"' in page and 'name="review_on_year"' in page
    when = datetime.date.today() + datetime.timedelta(days=270)
    response = client.post(
        _edit(equity),
        {"base_revision": 0, "review_on_day": str(when.day), "review_on_month": str(when.month),
         "review_on_year": str(when.year)},
    )  # fmt: skip
    assert response.status_code == 302
    equity.refresh_from_db()
    assert equity.content["review_on"] == when.isoformat()


def test_half_a_review_date_is_refused_and_shown_again_as_typed(world, client_for, section_of):
    equity = section_of("equity")
    response = client_for("project_lead").post(
        _edit(equity),
        {"base_revision": 0, "review_on_day": "31", "review_on_month": "",
         "review_on_year": "2027"},
    )  # fmt: skip
    page = response.content.decode()
    assert "as a real date, with a day, month and year" in page
    assert 'name="review_on_day" type="text" inputmode="numeric" value="31"' in page
    assert 'name="review_on_year" type="text" inputmode="numeric" value="2027"' in page
    equity.refresh_from_db()
    assert equity.revision == 0


def test_restore_makes_a_new_revision_and_destroys_nothing(world, context_section):
    lead = world.user("project_lead")
    actions.save_section(lead, context_section, {"description": "First"}, 0)
    actions.save_section(lead, context_section, {"description": "Second"}, 1)
    restored = actions.restore_revision(lead, context_section, 1)
    assert restored.number == 3 and restored.content["description"] == "First"
    assert context_section.revisions.count() == 3


def test_the_history_shows_a_readable_diff_per_field(world, client_for, context_section):
    lead = world.user("project_lead")
    actions.save_section(lead, context_section, {"description": "Checks in libraries"}, 0)
    actions.save_section(lead, context_section, {"description": "Checks in mosques"}, 1)
    url = reverse("workbook:revision", args=[context_section.plan_id, context_section.key, 2])
    page = client_for("public_adviser").get(url).content.decode()
    assert "Removed: </span>Checks in libraries" in page
    assert "Added: </span>Checks in mosques" in page


def test_a_section_needs_its_required_answers_before_review(world, context_section):
    with pytest.raises(actions.WorkbookError, match="What the service does"):
        actions.mark_ready(world.user("project_lead"), context_section)


def test_a_section_moves_from_draft_to_ready_to_reviewed_to_agreed(world, context_section):
    lead = world.user("project_lead")
    actions.save_section(
        lead, context_section, {"description": "d", "population": "p", "aims": "a"}, 0
    )
    actions.mark_ready(lead, context_section)
    assert context_section.state == SectionState.READY
    facilitator = world.user("academic_facilitator")
    assert facilitator.notifications.filter(text__contains="ready for review").exists()
    actions.review_section(facilitator, context_section, feedback="Add PEST", agreed=False)
    assert context_section.state == SectionState.REVIEWED
    assert lead.notifications.filter(text__contains="reviewed").exists()
    actions.review_section(facilitator, context_section, feedback="Good", agreed=True)
    assert context_section.state == SectionState.AGREED
    actions.save_section(lead, context_section, {"description": "changed"}, 1)
    context_section.refresh_from_db()
    assert context_section.state == SectionState.DRAFT


def test_the_facilitator_records_a_review_through_the_page(world, client_for, context_section):
    url = reverse("workbook:review", args=[context_section.plan_id, context_section.key])
    client = client_for("academic_facilitator")
    assert "Write your feedback" in client.post(url, {"outcome": "reviewed"}).content.decode()
    client.post(url, {"outcome": "reviewed", "feedback": "Name the wards"})
    context_section.refresh_from_db()
    assert (context_section.state, context_section.feedback) == ("reviewed", "Name the wards")


def test_the_plan_is_submitted_then_signed_off_with_a_recorded_decision(world, plan):
    actions.submit_plan(world.user("project_lead"), plan)
    manager = world.user("programme_manager")
    assert manager.notifications.filter(text__contains="submitted").exists()
    actions.decide_plan(manager, plan, approve=True, note="Steering group, 3 March: approved.")
    plan.refresh_from_db()
    assert (plan.state, plan.decided_by) == ("approved", manager)
    assert "3 March" in plan.decision_note
