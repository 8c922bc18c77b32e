"""Specification of has_permission: who may do what, and where."""

import pytest
from django.contrib.auth.models import AnonymousUser

from coeval.web.core.authorization import has_permission
from coeval.web.core.permissions import Permission
from coeval.web.core.roles import ALL_ROLES


def test_anonymous_has_no_permission(world):
    assert not has_permission(AnonymousUser(), Permission.TEAM_VIEW, world.team)
    assert not has_permission(AnonymousUser(), Permission.SIGN_IN_PAGES)


def test_team_members_see_their_team_but_not_another(world):
    practitioner = world.user("practitioner")
    assert has_permission(practitioner, Permission.TEAM_VIEW, world.team)
    assert not has_permission(practitioner, Permission.TEAM_VIEW, world.other_team)


def test_team_members_share_the_programme_glossary_and_directory(world):
    other = world.user("other_team_member")
    assert has_permission(other, Permission.GLOSSARY_PROPOSE, world.team)
    assert has_permission(other, Permission.DIRECTORY_VIEW, world.programme)
    assert not has_permission(other, Permission.WORKBOOK_VIEW, world.team)


@pytest.mark.parametrize("persona", ["public_adviser", "patient"])
def test_public_advisers_and_patients_are_full_participants_except_row_level_data(world, persona):
    user = world.user(persona)
    for permission in (
        Permission.WORKBOOK_EDIT,
        Permission.QDA_CODE,
        Permission.BRIEF_EDIT,
        Permission.DECISION_LOG,
    ):
        assert has_permission(user, permission, world.team)
    assert not has_permission(user, Permission.DATASET_VIEW_ROWS, world.team)


def test_public_advisers_cannot_be_granted_row_level_data_even_by_mistake(world):
    from django.utils import timezone

    membership = world.team.memberships.get(user=world.user("public_adviser"))
    membership.data_access_granted_at = timezone.now()
    membership.save()
    assert not has_permission(
        world.user("public_adviser"), Permission.DATASET_VIEW_ROWS, world.team
    )


def test_row_level_data_needs_an_explicit_grant(world):
    assert has_permission(world.user("analyst"), Permission.DATASET_VIEW_ROWS, world.team)
    assert not has_permission(world.user("project_lead"), Permission.DATASET_VIEW_ROWS, world.team)


def test_no_role_holds_row_level_data_by_itself():
    for role in ALL_ROLES.values():
        assert Permission.DATASET_VIEW_ROWS not in role.permissions, role.key


def test_facilitators_review_but_managers_approve_plans(world):
    assert has_permission(
        world.user("academic_facilitator"), Permission.WORKBOOK_REVIEW, world.team
    )
    assert not has_permission(
        world.user("academic_facilitator"), Permission.PLAN_APPROVE, world.team
    )
    assert has_permission(world.user("programme_manager"), Permission.PLAN_APPROVE, world.team)


def test_roles_in_one_programme_give_nothing_in_another(world):
    from tests import factories

    elsewhere = factories.make_programme("Another programme")
    assert not has_permission(world.user("programme_manager"), Permission.PROGRAMME_VIEW, elsewhere)


def test_a_cohort_facilitator_only_facilitates_that_cohort(world):
    from tests import factories

    second = factories.make_cohort(world.programme, "Cohort 2")
    team_two = factories.make_team(second, "Dementia team", "Young-onset dementia pathway")
    facilitator = factories.make_user("Cohort Two Facilitator")
    factories.give_programme_role(
        facilitator, world.programme, "academic_facilitator", cohort=second
    )
    assert has_permission(facilitator, Permission.WORKBOOK_REVIEW, team_two)
    assert not has_permission(facilitator, Permission.WORKBOOK_REVIEW, world.team)
