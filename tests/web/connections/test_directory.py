"""The people directory honours each person's privacy setting."""

import pytest
from django.urls import reverse

from coeval.web.connections import actions
from coeval.web.connections.models import Profile
from coeval.web.core.models import AuditEvent
from tests.web.conftest import PERSONAS, assert_access

EVERYONE = set(PERSONAS) - {"anonymous"}


def _directory(client_for, persona, world, **params):
    url = reverse("connections:programme_directory", args=[world.programme.pk])
    return client_for(persona).get(url, params).content.decode()


def test_everyone_in_the_programme_sees_the_directory(world, client_for):
    assert_access(
        client_for, reverse("connections:programme_directory", args=[world.programme.pk]), EVERYONE
    )
    assert_access(client_for, reverse("connections:directory"), EVERYONE)


def test_everyone_edits_their_own_profile(world, client_for):
    assert_access(client_for, reverse("connections:profile"), EVERYONE)


def test_the_directory_shows_skills_organisation_and_interests(world, client_for):
    actions.update_profile(
        world.user("analyst"),
        organisation="Blackpool Council",
        skills="SQL, R",
        interests="Small-area data",
        visibility=Profile.Visibility.PROGRAMME,
    )
    page = _directory(client_for, "other_team_member", world)
    assert "Blackpool Council" in page and "SQL, R" in page and "Small-area data" in page


@pytest.mark.parametrize(
    "viewer, sees",
    [
        ("practitioner", True),  # same team
        ("academic_facilitator", True),  # programme staff
        ("other_team_member", False),  # another team
    ],
)
def test_a_my_teams_only_profile_is_hidden_from_other_teams(world, client_for, viewer, sees):
    actions.update_profile(
        world.user("patient"), organisation="Secret Org", visibility=Profile.Visibility.TEAMS
    )
    assert ("Secret Org" in _directory(client_for, viewer, world)) is sees


def test_a_nobody_profile_is_left_out_except_for_its_owner(world, client_for):
    actions.update_profile(
        world.user("patient"), organisation="Secret Org", visibility=Profile.Visibility.NOBODY
    )
    assert "Patient" not in _directory(client_for, "programme_manager", world)
    assert "Secret Org" in _directory(client_for, "patient", world)


def test_the_directory_searches_by_skill(world, client_for):
    actions.update_profile(world.user("analyst"), skills="Interrupted time series")
    page = _directory(client_for, "intern", world, q="time series")
    assert "Analyst" in page and "Practitioner" not in page


def test_a_person_saves_their_profile_and_the_change_is_recorded(world, client_for):
    client = client_for("public_adviser")
    data = {
        "job_title": "Public adviser",
        "organisation": "",
        "skills": "Plain English",
        "interests": "Fair access",
        "about": "",
        "visibility": "teams",
    }
    client.post(reverse("connections:profile"), data)
    data["skills"] = "Plain English, chairing"
    client.post(reverse("connections:profile"), data)
    profile = Profile.objects.get(user=world.user("public_adviser"))
    assert profile.skill_list == ["Plain English", "chairing"]
    event = AuditEvent.objects.get(action="updated", target_type="connections.profile")
    assert event.changes["skills"] == {"old": "Plain English", "new": "Plain English, chairing"}
