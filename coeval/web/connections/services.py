"""Read-side queries for the people directory and the network of connections.

Privacy: a person's profile shows in the directory only to the people their
setting allows. Names and team roles are not private inside a programme (they
are on the cohort dashboard), so connection records always show names.
"""

import math
from dataclasses import dataclass, field

from django.db.models import Q

from coeval.web.connections.models import Connection, Profile
from coeval.web.core.roles import role_label
from coeval.web.programmes.models import ProgrammeRole, TeamMembership


@dataclass
class DirectoryEntry:
    user: object
    profile: Profile | None
    roles: list[str] = field(default_factory=list)
    team_ids: set = field(default_factory=set)
    is_staff: bool = False

    @property
    def visibility(self) -> str:
        return self.profile.visibility if self.profile else Profile.Visibility.PROGRAMME

    def matches(self, words: str) -> bool:
        if not words:
            return True
        parts = [self.user.display_name, *self.roles]
        if self.profile:
            p = self.profile
            parts += [p.job_title, p.organisation, p.skills, p.interests, p.about]
        text = " ".join(parts).lower()
        return all(word in text for word in words.lower().split())


def _profile_of(user):
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def programme_people(programme) -> dict[int, DirectoryEntry]:
    """Everyone with a role in the programme, keyed by user id (two queries)."""
    entries: dict[int, DirectoryEntry] = {}

    def entry(user):
        if user.pk not in entries:
            entries[user.pk] = DirectoryEntry(user=user, profile=_profile_of(user))
        return entries[user.pk]

    for role in ProgrammeRole.objects.filter(programme=programme).select_related(
        "user__profile", "cohort"
    ):
        e = entry(role.user)
        e.is_staff = True
        e.roles.append(role_label(role.role) + (f", {role.cohort.name}" if role.cohort else ""))
    for membership in TeamMembership.objects.filter(
        team__cohort__programme=programme
    ).select_related("user__profile", "team"):
        e = entry(membership.user)
        e.team_ids.add(membership.team_id)
        e.roles.append(f"{role_label(membership.role)}, {membership.team.name}")
    return entries


def can_see_profile(viewer: DirectoryEntry | None, person: DirectoryEntry) -> bool:
    """Does the person's privacy setting let this viewer see their profile?"""
    if viewer is not None and viewer.user.pk == person.user.pk:
        return True
    if viewer is None or person.visibility == Profile.Visibility.NOBODY:
        return False
    if person.visibility == Profile.Visibility.PROGRAMME:
        return True
    return viewer.is_staff or bool(viewer.team_ids & person.team_ids)


def directory(programme, viewer, words: str = "") -> list[DirectoryEntry]:
    people = programme_people(programme)
    me = people.get(viewer.pk)
    visible = [p for p in people.values() if can_see_profile(me, p) and p.matches(words)]
    return sorted(visible, key=lambda p: p.user.display_name.lower())


def people_choices(programme):
    """The programme's people, for choosing who was introduced."""
    people = programme_people(programme)
    return sorted((e.user for e in people.values()), key=lambda u: u.display_name.lower())


def programme_connections(programme):
    return list(
        Connection.objects.filter(programme=programme).select_related(
            "person", "introduced_to", "introduced_by", "recorded_by"
        )
    )


def profile_for(user) -> Profile:
    return _profile_of(user) or Profile(user=user)


WIDTH, HEIGHT = 640, 420


def team_network(team) -> dict:
    """The team's connections as nodes and lines on a circle, plus the rows for a table."""
    members = {m.user_id: m for m in team.memberships.select_related("user")}
    ids = list(members)
    connections = list(
        Connection.objects.filter(programme_id=team.cohort.programme_id)
        .filter(Q(person__in=ids) | Q(introduced_to__in=ids) | Q(introduced_by__in=ids))
        .select_related("person", "introduced_to", "introduced_by")
    )
    people = {m.user_id: m.user for m in members.values()}
    for c in connections:
        for user in (c.person, c.introduced_to, c.introduced_by):
            if user is not None:
                people.setdefault(user.pk, user)
    ordered = sorted(people.values(), key=lambda u: (u.pk not in members, u.display_name))
    cx, cy, radius = WIDTH / 2, HEIGHT / 2, min(WIDTH, HEIGHT) / 2 - 60
    nodes, where = [], {}
    for i, user in enumerate(ordered):
        angle = 2 * math.pi * i / max(len(ordered), 1) - math.pi / 2
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        where[user.pk] = (x, y)
        nodes.append(
            {
                "name": user.display_name,
                "x": round(x, 1),
                "y": round(y, 1),
                "corner_x": round(x - 8, 1),
                "corner_y": round(y - 8, 1),
                "label_y": round(y + (22 if y >= cy else -14), 1),
                "is_member": user.pk in members,
                "role": role_label(members[user.pk].role) if user.pk in members else "",
            }
        )
    edges = []
    for c in connections:
        (x1, y1), (x2, y2) = where[c.person_id], where[c.introduced_to_id]
        edges.append(
            {
                "x1": round(x1, 1),
                "y1": round(y1, 1),
                "x2": round(x2, 1),
                "y2": round(y2, 1),
                "title": f"{c.person.display_name} and {c.introduced_to.display_name}: {c.about}",
            }
        )
    return {
        "nodes": nodes,
        "edges": edges,
        "connections": connections,
        "width": WIDTH,
        "height": HEIGHT,
        "outside_count": len(people) - len(members),
    }
