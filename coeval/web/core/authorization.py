"""The one permission check: ``has_permission(user, permission, context)``.

``context`` is ``None`` (pages with no programme, such as home) or any object
with a ``permission_scope()`` method returning a ``Scope``: programmes,
cohorts, teams, and everything that belongs to one of them.

A user's roles are read from the database once and cached on the user object,
so a page that checks many permissions costs two queries, not one per check.
"""

from dataclasses import dataclass
from typing import Protocol

from coeval.web.core.permissions import Permission
from coeval.web.core.roles import PROGRAMME_ROLES, TEAM_ROLES, ProgrammeParticipant


@dataclass(frozen=True)
class Scope:
    programme_id: int
    cohort_id: int | None = None
    team_id: int | None = None


class HasScope(Protocol):
    def permission_scope(self) -> Scope: ...


@dataclass(frozen=True)
class _Grant:
    role_key: str
    programme_id: int
    cohort_id: int | None
    team_id: int | None
    row_level_data: bool = False


def _grants(user) -> list[_Grant]:
    cached = getattr(user, "_coeval_grants", None)
    if cached is not None:
        return cached
    from coeval.web.programmes.models import ProgrammeRole, TeamMembership

    grants = [
        _Grant(r.role, r.programme_id, r.cohort_id, None)
        for r in ProgrammeRole.objects.filter(user=user)
    ]
    grants += [
        _Grant(
            m.role,
            m.team.cohort.programme_id,
            m.team.cohort_id,
            m.team_id,
            row_level_data=m.data_access_granted_at is not None,
        )
        for m in TeamMembership.objects.filter(user=user).select_related("team__cohort")
    ]
    user._coeval_grants = grants
    return grants


def forget_cached_grants(user) -> None:
    """Call after changing someone's roles within the same request."""
    if hasattr(user, "_coeval_grants"):
        del user._coeval_grants


def has_permission(user, permission: Permission, context: HasScope | None = None) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if context is None:
        if permission == Permission.PROGRAMME_CREATE:
            # Starting a new programme needs no programme yet: managers of any programme may.
            return user.is_superuser or any(
                permission in PROGRAMME_ROLES[g.role_key].permissions
                for g in _grants(user)
                if g.team_id is None
            )
        return permission == Permission.SIGN_IN_PAGES
    scope = context.permission_scope()
    for grant in _grants(user):
        if grant.programme_id != scope.programme_id:
            continue
        if grant.team_id is None:
            # Programme role, possibly limited to one cohort.
            if grant.cohort_id is not None and grant.cohort_id != scope.cohort_id:
                if scope.cohort_id is not None:
                    continue
            role = PROGRAMME_ROLES[grant.role_key]
            if permission in role.permissions:
                return True
        elif grant.team_id == scope.team_id:
            role = TEAM_ROLES[grant.role_key]
            if permission in role.permissions:
                return True
            if (
                permission == Permission.DATASET_VIEW_ROWS
                and grant.row_level_data
                and role.can_be_granted_row_level_data
            ):
                return True
        elif permission in ProgrammeParticipant.permissions:
            return True
    return False


def programmes_for(user):
    """Programme ids where the user holds any role (for listing pages)."""
    return sorted({g.programme_id for g in _grants(user)}) if user.is_authenticated else []


def teams_for(user):
    return (
        sorted({g.team_id for g in _grants(user) if g.team_id is not None})
        if user.is_authenticated
        else []
    )


def role_keys_in(user, context: HasScope) -> list[str]:
    """The roles a user holds that apply to this context, for attribution."""
    if not user.is_authenticated:
        return []
    scope = context.permission_scope()
    keys = []
    for grant in _grants(user):
        if grant.programme_id != scope.programme_id:
            continue
        if grant.team_id is None or grant.team_id == scope.team_id:
            keys.append(grant.role_key)
    return keys
