"""Small builders for test data. Prefer the apps' actions where one exists,
so tests only hold states the app can really produce."""

import itertools

from coeval.web.core.models import User
from coeval.web.programmes.models import Cohort, Programme, ProgrammeRole, Team, TeamMembership

_seq = itertools.count(1)


def make_user(
    name: str | None = None, email: str | None = None, password: str = "a-long-test-password"
) -> User:
    n = next(_seq)
    name = name or f"Person {n}"
    email = email or f"person{n}@example.test"
    return User.objects.create_user(email=email, password=password, full_name=name)


def make_programme(name: str = "North West CIG programme") -> Programme:
    return Programme.objects.create(name=name, description="Collaborative Implementation Groups")


def make_cohort(programme: Programme, name: str = "Cohort 1") -> Cohort:
    return Cohort.objects.create(programme=programme, name=name)


def make_team(
    cohort: Cohort,
    name: str = "Blood pressure team",
    service: str = "Community blood pressure checks",
) -> Team:
    return Team.objects.create(cohort=cohort, name=name, service_name=service)


def give_programme_role(
    user: User, programme: Programme, role: str, cohort: Cohort | None = None
) -> ProgrammeRole:
    return ProgrammeRole.objects.create(user=user, programme=programme, role=role, cohort=cohort)


def add_to_team(user: User, team: Team, role: str) -> TeamMembership:
    return TeamMembership.objects.create(user=user, team=team, role=role)
