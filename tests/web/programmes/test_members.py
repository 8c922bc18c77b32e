"""Managers and facilitators change a member's role in a team, or remove them."""

from django.urls import reverse

from coeval.web.core.authorization import has_permission
from coeval.web.core.models import AuditEvent
from coeval.web.core.permissions import Permission
from coeval.web.programmes.models import TeamMembership
from tests.web.conftest import assert_access

MANAGERS = {"programme_manager", "academic_facilitator"}


def _membership(world, persona):
    return world.team.memberships.get(user=world.user(persona))


def test_only_managers_and_facilitators_manage_members(world, client_for):
    membership = _membership(world, "intern")
    team = world.team.pk
    assert_access(client_for, reverse("programmes:team_members", args=[team]), MANAGERS)
    assert_access(
        client_for, reverse("programmes:team_member", args=[team, membership.pk]), MANAGERS
    )
    assert_access(
        client_for, reverse("programmes:team_member_remove", args=[team, membership.pk]), MANAGERS
    )


def test_the_team_page_links_to_members_roles_only_for_those_who_may_change_them(world, client_for):
    url = reverse("programmes:team", args=[world.team.pk])
    link = "Change members' roles, or remove someone"
    assert link in client_for("academic_facilitator").get(url).content.decode()
    assert link not in client_for("project_lead").get(url).content.decode()


def test_the_members_page_lists_each_member_with_their_role_and_data_access(world, client_for):
    page = client_for("programme_manager").get(
        reverse("programmes:team_members", args=[world.team.pk])
    )
    text = page.content.decode()
    analyst = world.user("analyst").display_name
    assert f'Change role<span class="nhsuk-u-visually-hidden"> of {analyst}' in text
    assert "Granted" in text  # the analyst's explicit grant in the test world
    assert "Give or take away access to row-level data" in text


def test_a_new_role_is_saved_audited_and_takes_effect_at_once(world, client_for):
    membership = _membership(world, "intern")
    intern = world.user("intern")
    assert not has_permission(intern, Permission.DATASET_UPLOAD, world.team)
    response = client_for("academic_facilitator").post(
        reverse("programmes:team_member", args=[world.team.pk, membership.pk]), {"role": "analyst"}
    )
    assert response["Location"] == reverse("programmes:team_members", args=[world.team.pk])
    membership.refresh_from_db()
    assert membership.role == "analyst"
    event = AuditEvent.objects.get(action="updated", target_id=str(membership.pk))
    assert event.changes["role"] == {"old": "intern", "new": "analyst"}
    assert has_permission(
        type(intern).objects.get(pk=intern.pk), Permission.DATASET_UPLOAD, world.team
    )


def test_becoming_a_public_adviser_ends_row_level_data_access(world, client_for):
    membership = _membership(world, "analyst")
    assert membership.data_access_granted_at is not None
    client_for("programme_manager").post(
        reverse("programmes:team_member", args=[world.team.pk, membership.pk]),
        {"role": "public_adviser"},
    )
    membership.refresh_from_db()
    assert membership.role == "public_adviser"
    assert membership.data_access_granted_at is None


def test_a_role_that_is_not_a_team_role_is_refused_and_nothing_changes(world, client_for):
    membership = _membership(world, "intern")
    response = client_for("programme_manager").post(
        reverse("programmes:team_member", args=[world.team.pk, membership.pk]),
        {"role": "programme_manager"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "intern"


def test_removing_asks_first_then_takes_the_person_out_and_keeps_a_record(world, client_for):
    membership = _membership(world, "commissioner")
    url = reverse("programmes:team_member_remove", args=[world.team.pk, membership.pk])
    client = client_for("programme_manager")
    confirm = client.get(url).content.decode()
    assert "Remove" in confirm and "stays in the team" in confirm
    assert TeamMembership.objects.filter(pk=membership.pk).exists()
    client.post(url)
    assert not TeamMembership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(action="removed", target_id=str(membership.pk)).exists()
    commissioner = type(world.user("commissioner")).objects.get(pk=world.user("commissioner").pk)
    assert not has_permission(commissioner, Permission.TEAM_VIEW, world.team)


def test_a_member_is_found_only_under_their_own_team(world, client_for):
    membership = _membership(world, "intern")
    url = reverse("programmes:team_member", args=[world.other_team.pk, membership.pk])
    assert client_for("programme_manager").get(url).status_code == 404


def test_saving_the_same_role_changes_nothing_and_writes_no_audit_event(world):
    from coeval.web.programmes import actions

    membership = _membership(world, "intern")
    before = AuditEvent.objects.count()
    actions.change_team_role(world.user("programme_manager"), membership, "intern")
    assert AuditEvent.objects.count() == before
