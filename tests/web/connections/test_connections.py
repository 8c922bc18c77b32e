"""Brokered connections: recording them, and a team's network."""

import datetime

from django.urls import reverse

from coeval.web.connections import actions, services
from coeval.web.connections.models import Connection
from coeval.web.core.models import AuditEvent
from tests.web.conftest import PERSONAS, assert_access

EVERYONE = set(PERSONAS) - {"anonymous"}


def _connect(world, by="academic_facilitator", who="analyst", to="other_team_member"):
    return actions.record_connection(
        world.user("academic_facilitator"),
        world.programme,
        introduced_by=world.user(by),
        person=world.user(who),
        introduced_to=world.user(to),
        about="Deprivation quintiles",
        made_on=datetime.date(2026, 3, 1),
    )


def test_everyone_in_the_programme_sees_and_records_connections(world, client_for):
    assert_access(client_for, reverse("connections:list", args=[world.programme.pk]), EVERYONE)
    assert_access(client_for, reverse("connections:create", args=[world.programme.pk]), EVERYONE)
    connection = _connect(world)
    assert_access(client_for, reverse("connections:edit", args=[connection.pk]), EVERYONE)


def test_a_connection_is_recorded_with_who_whom_what_and_the_outcome(world, client_for):
    response = client_for("academic_facilitator").post(
        reverse("connections:create", args=[world.programme.pk]),
        {
            "introduced_by": world.user("methodological_expert").pk,
            "person": world.user("analyst").pk,
            "introduced_to": world.user("other_team_member").pk,
            "about": "Linking IMD to service records",
            "made_on": "2026-03-01",
            "outcome": "They share one script now",
        },
    )
    assert response["Location"] == reverse("connections:list", args=[world.programme.pk])
    connection = Connection.objects.get()
    assert connection.introduced_by == world.user("methodological_expert")
    assert connection.recorded_by == world.user("academic_facilitator")
    assert AuditEvent.objects.filter(
        target_type="connections.connection", programme_id=world.programme.pk
    ).exists()


def test_introducing_someone_to_themselves_is_refused_and_the_form_kept(world, client_for):
    response = client_for("academic_facilitator").post(
        reverse("connections:create", args=[world.programme.pk]),
        {
            "introduced_by": world.user("academic_facilitator").pk,
            "person": world.user("analyst").pk,
            "introduced_to": world.user("analyst").pk,
            "about": "Something kept",
            "made_on": "2026-03-01",
        },
    )
    page = response.content.decode()
    assert "Choose two different people" in page and "Something kept" in page
    assert not Connection.objects.exists()


def test_what_came_of_a_connection_is_added_later_with_the_old_value_kept(world, client_for):
    connection = _connect(world)
    client_for("analyst").post(
        reverse("connections:edit", args=[connection.pk]),
        {
            "introduced_by": world.user("academic_facilitator").pk,
            "person": world.user("analyst").pk,
            "introduced_to": world.user("other_team_member").pk,
            "about": "Deprivation quintiles",
            "made_on": "2026-03-01",
            "outcome": "A shared R script",
        },
    )
    connection.refresh_from_db()
    assert connection.outcome == "A shared R script"
    event = AuditEvent.objects.get(action="updated", target_type="connections.connection")
    assert event.changes["outcome"] == {"old": "", "new": "A shared R script"}


def test_the_team_page_shows_its_network_as_a_diagram_and_a_table(world, client_for):
    _connect(world)
    page = client_for("practitioner").get(reverse("programmes:team", args=[world.team.pk]))
    text = page.content.decode()
    assert 'role="img"' in text and "<table" in text
    assert "Deprivation quintiles" in text and "Other Team Member" in text


def test_the_team_network_includes_only_connections_touching_the_team(world):
    _connect(world)
    _connect(world, by="programme_manager", who="other_team_member", to="academic_facilitator")
    network = services.team_network(world.team)
    assert len(network["connections"]) == 1
    members = {n["name"] for n in network["nodes"] if n["is_member"]}
    outside = {n["name"] for n in network["nodes"] if not n["is_member"]}
    assert "Analyst" in members and outside == {"Other Team Member", "Academic Facilitator"}
    assert len(network["edges"]) == 1
