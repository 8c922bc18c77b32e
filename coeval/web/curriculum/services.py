"""Read-side queries for the curriculum (kept out of views)."""

from datetime import datetime

from django.db.models import Prefetch, Q
from django.utils import timezone

from coeval.web.core.authorization import has_permission, programmes_for, teams_for
from coeval.web.core.permissions import Permission
from coeval.web.curriculum.models import Attendance, Session, Task, TaskStatus, TemplateSession


def local_datetime(day, at) -> datetime:
    """A date and a wall-clock time in the programme's time zone (UK time)."""
    return timezone.make_aware(datetime.combine(day, at))


def clashing_session(cohort, starts_at, ends_at, exclude=None):
    """The first session of the cohort that overlaps the given time, if any."""
    sessions = Session.objects.filter(cohort=cohort, starts_at__lt=ends_at, ends_at__gt=starts_at)
    if exclude is not None and exclude.pk:
        sessions = sessions.exclude(pk=exclude.pk)
    return sessions.order_by("starts_at").first()


def cohorts_visible_to(user):
    from coeval.web.programmes.models import Cohort

    if not user.is_authenticated:
        return Cohort.objects.none()
    cohorts = Cohort.objects.filter(programme_id__in=programmes_for(user)).select_related(
        "programme"
    )
    return [c for c in cohorts if has_permission(user, Permission.SESSION_VIEW, c)]


def cohort_schedule(cohort):
    return list(Session.objects.filter(cohort=cohort).order_by("starts_at"))


def template_for(programme):
    return list(TemplateSession.objects.filter(programme=programme))


def session_detail(session):
    attendance = list(
        Attendance.objects.filter(session=session)
        .select_related("user", "team")
        .order_by("team__name", "user__full_name")
    )
    return {
        "materials": list(session.materials.all()),
        "attendance": attendance,
        "tasks": list(session.tasks.select_related("team__cohort", "owner")),
    }


def cohort_people(cohort):
    """Everyone who may attend a cohort's sessions, grouped: programme staff, then each team.

    Returns a list of (group label, team or None, [(user, role key)]).
    """
    from coeval.web.programmes.models import ProgrammeRole, Team, TeamMembership

    staff = (
        ProgrammeRole.objects.filter(programme_id=cohort.programme_id)
        .filter(Q(cohort__isnull=True) | Q(cohort=cohort))
        .select_related("user")
        .order_by("user__full_name", "role")
    )
    seen = set()
    staff_rows = []
    for grant in staff:
        if grant.user_id in seen:
            continue
        seen.add(grant.user_id)
        staff_rows.append((grant.user, grant.role))
    groups = [("Programme team", None, staff_rows)] if staff_rows else []
    teams = Team.objects.filter(cohort=cohort).prefetch_related(
        Prefetch(
            "memberships",
            queryset=TeamMembership.objects.select_related("user").order_by("user__full_name"),
        )
    )
    for team in teams:
        groups.append((team.name, team, [(m.user, m.role) for m in team.memberships.all()]))
    return groups


def team_tasks(team):
    return list(Task.objects.filter(team=team).select_related("owner", "session"))


def home_page_part(user) -> dict:
    """ "What is next for my team": the next sessions and the open tasks of the user's teams."""
    if not user.is_authenticated:
        return {"curriculum": {"next_sessions": [], "open_tasks": [], "teams": []}}
    now = timezone.now()
    team_ids = teams_for(user)
    from coeval.web.programmes.models import ProgrammeRole, Team

    cohort_ids = set(Team.objects.filter(pk__in=team_ids).values_list("cohort_id", flat=True))
    for grant in ProgrammeRole.objects.filter(user=user).values("programme_id", "cohort_id"):
        if grant["cohort_id"]:
            cohort_ids.add(grant["cohort_id"])
        else:
            cohort_ids.update(
                Session.objects.filter(cohort__programme_id=grant["programme_id"])
                .values_list("cohort_id", flat=True)
                .distinct()
            )
    next_sessions = list(
        Session.objects.filter(cohort_id__in=cohort_ids, ends_at__gte=now)
        .select_related("cohort")
        .order_by("starts_at")[:3]
    )
    open_tasks = list(
        Task.objects.filter(team_id__in=team_ids)
        .exclude(status=TaskStatus.DONE)
        .select_related("team", "owner")
        .order_by("due_on", "id")[:8]
    )
    # One key, so the home page's other parts cannot collide with ours.
    return {
        "curriculum": {
            "next_sessions": next_sessions,
            "open_tasks": open_tasks,
            "today": timezone.localdate(),
            "teams": list(Team.objects.filter(pk__in=team_ids).order_by("name")),
        }
    }
