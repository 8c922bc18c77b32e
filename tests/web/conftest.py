"""Named personas for the web tests.

``world`` builds one programme with one cohort and two teams. Every role is
filled in team A ("our team"); ``other_team_member`` belongs to team B only;
``anonymous`` is nobody. ``client_for(persona)`` returns a signed-in client.
"""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories

PERSONAS = (
    "programme_manager",
    "academic_facilitator",
    "methodological_expert",
    "project_lead",
    "practitioner",
    "commissioner",
    "analyst",
    "intern",
    "public_adviser",
    "patient",
    "other_team_member",
    "anonymous",
)
PROGRAMME_STAFF = ("programme_manager", "academic_facilitator", "methodological_expert")
TEAM_ROLES = (
    "project_lead",
    "practitioner",
    "commissioner",
    "analyst",
    "intern",
    "public_adviser",
    "patient",
)


@dataclass
class World:
    programme: object
    cohort: object
    team: object
    other_team: object
    people: dict

    def user(self, persona):
        return self.people.get(persona)


@pytest.fixture
def world(db) -> World:
    programme = factories.make_programme()
    cohort = factories.make_cohort(programme)
    team = factories.make_team(cohort, "Blood pressure team", "Community blood pressure checks")
    other_team = factories.make_team(cohort, "Connectors team", "Community connectors")
    people = {}
    for role in PROGRAMME_STAFF:
        people[role] = factories.make_user(role.replace("_", " ").title(), f"{role}@example.test")
        factories.give_programme_role(people[role], programme, role)
    for role in TEAM_ROLES:
        people[role] = factories.make_user(role.replace("_", " ").title(), f"{role}@example.test")
        membership = factories.add_to_team(people[role], team, role)
        if role == "analyst":
            membership.data_access_granted_at = timezone.now()
            membership.data_access_granted_by = people["programme_manager"]
            membership.save()
    people["other_team_member"] = factories.make_user(
        "Other Team Member", "other_team_member@example.test"
    )
    factories.add_to_team(people["other_team_member"], other_team, "project_lead")
    return World(programme, cohort, team, other_team, people)


@pytest.fixture
def client_for(world):
    def make(persona: str) -> Client:
        client = Client()
        user = world.user(persona)
        if user is not None:
            client.force_login(user)
        return client

    return make


def assert_access(client_for, url: str, allowed: set[str], method: str = "get", data=None):
    """The permission matrix for one URL: allowed personas get a page (2xx or a
    redirect after a successful post), the others 403, anonymous goes to sign-in."""
    problems = []
    for persona in PERSONAS:
        response = getattr(client_for(persona), method)(url, data or {})
        if persona == "anonymous":
            ok = response.status_code == 302 and "/sign-in/" in response["Location"]
        elif persona in allowed:
            ok = response.status_code in (200, 201, 204, 302)
        else:
            ok = response.status_code == 403
        if not ok:
            problems.append(f"{persona}: {response.status_code}")
    assert not problems, f"{url}: unexpected access: {', '.join(problems)}"
