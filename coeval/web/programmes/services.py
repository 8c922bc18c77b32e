"""Read-side queries for programme pages (kept out of views).

The programme page and cohort dashboard load everything they show in a fixed
number of queries, however many teams and members there are (tests count them).
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone

from coeval.web.core.roles import PROGRAMME_ROLES, TEAM_ROLES
from coeval.web.programmes.models import (
    Cohort,
    Invitation,
    Programme,
    ProgrammeRole,
    Team,
    TeamMembership,
)

_ROLE_ORDER = {key: i for i, key in enumerate([*PROGRAMME_ROLES, *TEAM_ROLES])}


def programmes_visible_to(user):
    from coeval.web.core.authorization import programmes_for

    return Programme.objects.filter(pk__in=programmes_for(user))


@dataclass
class RoleGroup:
    role: str
    label: str
    people: list = field(default_factory=list)


def members_in_role_order(rows) -> list:
    """Memberships in the programme's role order, then by name."""
    return sorted(rows, key=lambda r: (_ROLE_ORDER.get(r.role, 99), r.user.display_name))


def group_by_role(rows) -> list[RoleGroup]:
    """Rows with ``.role`` and ``.user``, grouped in the programme's role order."""
    groups: dict[str, RoleGroup] = {}
    for row in members_in_role_order(rows):
        role_class = TEAM_ROLES.get(row.role) or PROGRAMME_ROLES.get(row.role)
        label = role_class.label if role_class else row.role
        groups.setdefault(row.role, RoleGroup(row.role, label)).people.append(row.user)
    return list(groups.values())


# Only what the pages show: building full User objects for every member is the main cost.
_MEMBER_FIELDS = ("id", "role", "team_id", "user_id", "user__id", "user__full_name")
_MEMBER_FIELDS += ("user__first_name", "user__last_name", "user__email")


def _members():
    # order_by(): the default ordering joins the team table for nothing; we sort in Python.
    return TeamMembership.objects.select_related("user").only(*_MEMBER_FIELDS).order_by()


def _teams_with_members():
    members = _members()
    return Prefetch(
        "teams", queryset=Team.objects.prefetch_related(Prefetch("memberships", members))
    )


def _attach_role_groups(teams) -> None:
    for team in teams:
        memberships = list(team.memberships.all())
        team.role_groups = group_by_role(memberships)
        team.member_count = len(memberships)


def programme_overview(programme: Programme) -> dict:
    cohorts = list(programme.cohorts.prefetch_related(_teams_with_members()))
    for cohort in cohorts:
        cohort.programme = programme  # already loaded: spare a query per permission check
        _attach_role_groups(cohort.teams.all())
    staff = list(ProgrammeRole.objects.filter(programme=programme).select_related("user", "cohort"))
    return {"programme": programme, "cohorts": cohorts, "staff_groups": group_by_role(staff)}


def cohort_dashboard(cohort: Cohort) -> dict:
    members = _members()
    teams = list(cohort.teams.prefetch_related(Prefetch("memberships", members)))
    for team in teams:
        team.cohort = cohort
    _attach_role_groups(teams)
    staff = ProgrammeRole.objects.filter(programme_id=cohort.programme_id).filter(
        Q(cohort__isnull=True) | Q(cohort=cohort)
    )
    return {
        "cohort": cohort,
        "programme": cohort.programme,
        "teams": teams,
        "staff_groups": group_by_role(staff.select_related("user")),
        "people_count": len({m.user_id for t in teams for m in t.memberships.all()}),
    }


def unanswered_invitations(**where) -> list[Invitation]:
    """Invitations neither accepted nor withdrawn, live or run out, by email."""
    return list(
        Invitation.objects.filter(accepted_at__isnull=True, withdrawn_at__isnull=True, **where)
        .select_related("team", "cohort")
        .order_by("email", "-created_at")
    )


def team_overview(team: Team) -> dict:
    memberships = list(team.memberships.select_related("user"))
    pending = Invitation.objects.filter(
        team=team,
        accepted_at__isnull=True,
        withdrawn_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).order_by("email")
    return {
        "team": team,
        "cohort": team.cohort,
        "programme": team.cohort.programme,
        "role_groups": group_by_role(memberships),
        "pending_invitations": list(pending),
    }


def clashing_cohort(programme: Programme, starts, ends, exclude_pk=None) -> Cohort | None:
    """Another cohort of the programme whose dates overlap these."""
    others = programme.cohorts.filter(starts_on__lte=ends, ends_on__gte=starts)
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    return others.order_by("starts_on").first()


def cohort_name_taken(programme: Programme, name: str, exclude_pk=None) -> bool:
    others = programme.cohorts.filter(name__iexact=name.strip())
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    return others.exists()


def invitation_problem(email: str, role: str, *, programme, team=None, cohort=None) -> str | None:
    """Why this invitation should not be sent, in words for the inviter; or None."""
    email = email.lower()
    if team is not None:
        existing = TeamMembership.objects.filter(team=team, user__email__iexact=email).first()
        if existing:
            return (
                f"{email} is already in {team.name} as {existing.get_role_display().lower()}. "
                "A person can hold only one role in a team."
            )
        pending = Invitation.objects.filter(team=team, email__iexact=email)
    else:
        if ProgrammeRole.objects.filter(
            programme=programme, cohort=cohort, role=role, user__email__iexact=email
        ).exists():
            return f"{email} already has this role in {programme.name}"
        pending = Invitation.objects.filter(
            programme=programme, team__isnull=True, cohort=cohort, role=role, email__iexact=email
        )
    pending = pending.filter(
        accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
    ).first()
    if pending:
        return (
            f"{email} was already invited on {pending.created_at:%d %B %Y} and has not "
            "replied yet. The link in that email still works; to send it again, use "
            "'Send again' under 'Waiting for a reply'."
        )
    return None


def find_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("programme", "team__cohort", "cohort", "invited_by")
        .filter(token=token)
        .first()
    )


def home_page_part(user) -> dict:
    memberships = list(
        TeamMembership.objects.filter(user=user).select_related("team__cohort__programme")
    )
    programme_roles = list(
        ProgrammeRole.objects.filter(user=user).select_related("programme", "cohort")
    )
    return {
        "my_memberships": memberships,
        "my_programme_roles": programme_roles,
        "my_programmes": list(programmes_visible_to(user)),
    }
