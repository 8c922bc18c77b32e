"""The audit trail page: who changed what, when, with old and new values."""

from django.urls import reverse

from coeval.web.core import services
from coeval.web.programmes import actions
from tests.web.conftest import assert_access


def _url(world, **params):
    from urllib.parse import urlencode

    base = reverse("core:audit", args=[world.programme.pk])
    return f"{base}?{urlencode(params)}" if params else base


def test_only_the_programme_manager_sees_the_audit_trail(world, client_for):
    assert_access(client_for, _url(world), {"programme_manager"})


def test_the_audit_trail_shows_who_what_when_and_old_and_new_values(world, client_for):
    actions.update_team(world.user("project_lead"), world.team, service_name="Barbers' checks")
    page = client_for("programme_manager").get(_url(world)).content.decode()
    assert "Project Lead" in page
    assert "Changed the team Blood pressure team" in page
    assert "Community blood pressure checks" in page and "Barbers&#x27; checks" in page
    assert "<time datetime=" in page


def test_the_audit_trail_filters_by_person_and_kind(world, client_for):
    lead, manager = world.user("project_lead"), world.user("programme_manager")
    actions.update_team(lead, world.team, service_name="Barbers' checks")
    actions.create_cohort(manager, world.programme, name="Cohort 9")
    client = client_for("programme_manager")
    by_lead = client.get(_url(world, person=lead.pk)).content.decode()
    assert "Barbers" in by_lead and "Added the cohort Cohort 9" not in by_lead
    cohorts_only = client.get(_url(world, kind="programmes.cohort")).content.decode()
    assert "Added the cohort Cohort 9" in cohorts_only and "Barbers" not in cohorts_only


def test_the_audit_trail_is_paginated_newest_first(world):
    manager = world.user("programme_manager")
    for n in range(services.AUDIT_PAGE_SIZE + 5):
        actions.create_cohort(manager, world.programme, name=f"Cohort {n + 10}")
    first = services.audit_trail(world.programme)
    assert first["page_obj"].paginator.num_pages == 2
    assert (
        first["page_obj"].object_list[0].target_label == f"Cohort {services.AUDIT_PAGE_SIZE + 14}"
    )
    second = services.audit_trail(world.programme, page=2)
    assert len(second["page_obj"].object_list) <= 5 + 1


def test_another_programmes_events_are_not_shown(world, client_for):
    from tests import factories

    elsewhere = factories.make_programme("Elsewhere")
    actions.create_cohort(world.user("programme_manager"), elsewhere, name="Hidden cohort")
    page = client_for("programme_manager").get(_url(world)).content.decode()
    assert "Hidden cohort" not in page
