"""A released brief is the record: it never changes, and editing makes a new version."""

import pytest

from coeval.web.briefs import actions
from coeval.web.briefs.models import Brief, BriefReleased, BriefState
from tests.web.briefs.helpers import make_brief, released_brief


def test_a_released_brief_refuses_changes_through_actions(world, monkeypatch):
    brief = released_brief(world, monkeypatch)
    with pytest.raises(BriefReleased):
        actions.update_brief(world.user("project_lead"), brief, {"title": "Changed"})
    with pytest.raises(BriefReleased):
        actions.add_item(world.user("project_lead"), brief, "analysis", "41")
    with pytest.raises(BriefReleased):
        actions.remove_item(world.user("project_lead"), brief.items.get())


def test_a_released_brief_refuses_changes_even_below_the_actions(world, monkeypatch):
    brief = released_brief(world, monkeypatch)
    brief.title = "Rewritten"
    with pytest.raises(BriefReleased):
        brief.save()
    item = brief.items.get()
    item.content = {"sentences": ["made up"]}
    with pytest.raises(BriefReleased):
        item.save()
    with pytest.raises(BriefReleased):
        item.delete()
    assert Brief.objects.get(pk=brief.pk).title != "Rewritten"


def test_editing_a_released_brief_starts_a_new_draft_version(world, monkeypatch):
    released = released_brief(world, monkeypatch)
    draft = actions.start_new_version(world.user("practitioner"), released)
    assert (draft.series, draft.version, draft.state) == (released.series, 2, BriefState.DRAFT)
    assert draft.items.count() == released.items.count() == 1
    actions.update_brief(world.user("practitioner"), draft, {"title": "Version two"})
    released.refresh_from_db()
    assert released.title != "Version two" and released.is_released


def test_asking_twice_for_a_new_version_returns_the_same_draft(world, monkeypatch):
    released = released_brief(world, monkeypatch)
    first = actions.start_new_version(world.user("practitioner"), released)
    assert actions.start_new_version(world.user("intern"), released) == first


def test_old_versions_stay_readable_and_are_listed(client_for, world, monkeypatch):
    released = released_brief(world, monkeypatch)
    client = client_for("intern")
    response = client.post(f"/briefs/{released.pk}/new-version/")
    draft = Brief.objects.get(series=released.series, version=2)
    assert response["Location"] == f"/briefs/{draft.pk}/edit/"
    page = client.get(f"/briefs/{released.pk}/").content.decode()
    assert "Version 2" in page and "Released" in page
    assert client.get(f"/briefs/{released.pk}/brief.html").status_code == 200


def test_the_edit_page_of_a_released_brief_sends_people_back(client_for, world, monkeypatch):
    released = released_brief(world, monkeypatch)
    response = client_for("project_lead").get(f"/briefs/{released.pk}/edit/")
    assert response["Location"] == f"/briefs/{released.pk}/"


def test_only_a_submitted_brief_can_be_approved(world):
    brief = make_brief(world)
    with pytest.raises(actions.BriefError):
        actions.approve(world.user("academic_facilitator"), brief)


def test_an_empty_brief_cannot_be_sent_for_approval(world):
    brief = make_brief(world, key_messages="")
    with pytest.raises(actions.BriefError):
        actions.submit_for_approval(world.user("project_lead"), brief)
