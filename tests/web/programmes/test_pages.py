"""Programme, cohort and team pages: who may see them, and what they do."""

import datetime

import pytest
from django.urls import reverse

from coeval.web.core.models import AuditEvent
from coeval.web.programmes.models import Cohort, Programme, ProgrammeRole, Team
from tests.web.conftest import PERSONAS, PROGRAMME_STAFF, TEAM_ROLES, assert_access

EVERYONE = set(PERSONAS) - {"anonymous"}
MANAGER = {"programme_manager"}


def test_everyone_signed_in_sees_the_programme_list(world, client_for):
    assert_access(client_for, reverse("programmes:list"), EVERYONE)


def test_only_programme_managers_may_start_a_programme(world, client_for):
    assert_access(client_for, reverse("programmes:create"), MANAGER)


def test_everyone_in_the_programme_sees_the_programme_and_cohort_pages(world, client_for):
    assert_access(client_for, reverse("programmes:detail", args=[world.programme.pk]), EVERYONE)
    assert_access(client_for, reverse("programmes:cohort", args=[world.cohort.pk]), EVERYONE)


@pytest.mark.parametrize(
    "name, arg",
    [
        ("programmes:edit", "programme"),
        ("programmes:invite", "programme"),
        ("programmes:cohort_create", "programme"),
        ("programmes:cohort_edit", "cohort"),
        ("programmes:team_create", "cohort"),
    ],
)
def test_only_the_programme_manager_changes_the_programme(world, client_for, name, arg):
    assert_access(client_for, reverse(name, args=[getattr(world, arg).pk]), MANAGER)


def test_the_team_page_is_for_the_team_and_programme_staff(world, client_for):
    allowed = set(PROGRAMME_STAFF) | set(TEAM_ROLES)
    assert_access(client_for, reverse("programmes:team", args=[world.team.pk]), allowed)


def test_the_project_lead_and_manager_change_the_team_details(world, client_for):
    url = reverse("programmes:team_edit", args=[world.team.pk])
    assert_access(client_for, url, {"programme_manager", "project_lead"})


def test_managers_and_facilitators_invite_people_to_a_team(world, client_for):
    url = reverse("programmes:team_invite", args=[world.team.pk])
    assert_access(client_for, url, {"programme_manager", "academic_facilitator"})


def test_people_outside_the_programme_cannot_see_it(world, client_for):
    from tests import factories

    elsewhere = factories.make_programme("Another programme")
    client = client_for("programme_manager")
    assert client.get(reverse("programmes:detail", args=[elsewhere.pk])).status_code == 403


def test_a_manager_starts_a_programme_and_becomes_its_manager(world, client_for):
    client = client_for("programme_manager")
    response = client.post(
        reverse("programmes:create"), {"name": "Cheshire CIGs", "description": "Second wave"}
    )
    programme = Programme.objects.get(name="Cheshire CIGs")
    assert response["Location"] == reverse("programmes:detail", args=[programme.pk])
    assert ProgrammeRole.objects.filter(
        programme=programme, user=world.user("programme_manager"), role="programme_manager"
    ).exists()
    assert AuditEvent.objects.filter(target_type="programmes.programme", action="created").exists()


def _cohort_data(**changes):
    data = {"name": "Cohort 2", "starts_on": "2027-09-01", "ends_on": "2028-07-31"}
    data.update(changes)
    return data


def test_a_manager_adds_a_cohort_and_it_is_recorded(world, client_for):
    client = client_for("programme_manager")
    url = reverse("programmes:cohort_create", args=[world.programme.pk])
    response = client.post(url, _cohort_data())
    cohort = Cohort.objects.get(name="Cohort 2")
    assert response["Location"] == reverse("programmes:cohort", args=[cohort.pk])
    assert cohort.starts_on == datetime.date(2027, 9, 1)
    event = AuditEvent.objects.get(target_type="programmes.cohort", target_id=str(cohort.pk))
    assert event.programme_id == world.programme.pk
    assert event.changes["name"] == {"old": None, "new": "Cohort 2"}


def test_cohort_dates_that_run_backwards_are_explained_and_kept(world, client_for):
    client = client_for("programme_manager")
    url = reverse("programmes:cohort_create", args=[world.programme.pk])
    response = client.post(url, _cohort_data(ends_on="2027-01-01"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The end date must be after the start date" in page
    assert 'href="#id_ends_on"' in page
    # The start date is shown again in its day, month and year boxes.
    assert 'name="starts_on_day" type="text" inputmode="numeric" value="1"' in page
    assert 'name="starts_on_month" type="text" inputmode="numeric" value="9"' in page
    assert 'name="starts_on_year" type="text" inputmode="numeric" value="2027"' in page
    assert 'value="Cohort 2"' in page
    assert not Cohort.objects.filter(name="Cohort 2").exists()


def test_dates_are_typed_as_day_month_and_year_and_half_a_date_is_kept(world, client_for):
    client = client_for("programme_manager")
    url = reverse("programmes:cohort_create", args=[world.programme.pk])
    data = {"name": "Cohort 2", "starts_on_day": "15", "starts_on_month": "9",
            "starts_on_year": "2027", "ends_on_day": "31", "ends_on_month": "July",
            "ends_on_year": "2028"}  # fmt: skip
    response = client.post(url, data)
    page = response.content.decode()
    assert "Enter a real date, for example 15 9 2026" in page
    assert 'name="ends_on_month" type="text" inputmode="numeric" value="July"' in page
    data["ends_on_month"] = "7"
    response = client.post(url, data)
    cohort = Cohort.objects.get(name="Cohort 2")
    assert (cohort.starts_on, cohort.ends_on) == (
        datetime.date(2027, 9, 15),
        datetime.date(2028, 7, 31),
    )


def test_a_date_that_does_not_exist_is_refused(world, client_for):
    url = reverse("programmes:cohort_create", args=[world.programme.pk])
    data = {"name": "Cohort 2", "starts_on_day": "30", "starts_on_month": "2",
            "starts_on_year": "2027", "ends_on_day": "31", "ends_on_month": "7",
            "ends_on_year": "2028"}  # fmt: skip
    page = client_for("programme_manager").post(url, data).content.decode()
    assert "real date" in page
    assert not Cohort.objects.filter(name="Cohort 2").exists()


def test_cohort_dates_that_clash_with_another_cohort_are_explained(world, client_for):
    world.cohort.starts_on = datetime.date(2027, 1, 1)
    world.cohort.ends_on = datetime.date(2027, 12, 31)
    world.cohort.save()
    client = client_for("programme_manager")
    url = reverse("programmes:cohort_create", args=[world.programme.pk])
    response = client.post(url, _cohort_data())
    assert "These dates overlap with Cohort 1" in response.content.decode()
    assert not Cohort.objects.filter(name="Cohort 2").exists()


def test_a_cohort_name_is_not_used_twice_in_a_programme(world, client_for):
    client = client_for("programme_manager")
    url = reverse("programmes:cohort_create", args=[world.programme.pk])
    response = client.post(url, _cohort_data(name="cohort 1"))
    assert "already has a cohort called" in response.content.decode()


def test_missing_cohort_dates_are_asked_for(world, client_for):
    client = client_for("programme_manager")
    url = reverse("programmes:cohort_create", args=[world.programme.pk])
    response = client.post(url, _cohort_data(starts_on="", ends_on="not a date"))
    page = response.content.decode()
    assert "Enter the start date" in page
    assert "Enter a real date" in page


def test_a_manager_adds_a_team_with_its_service_organisations_and_population(world, client_for):
    client = client_for("programme_manager")
    response = client.post(
        reverse("programmes:team_create", args=[world.cohort.pk]),
        {
            "name": "Dementia team",
            "service_name": "Young-onset dementia pathway",
            "organisations": "Mersey Care NHS Foundation Trust",
            "population": "People diagnosed with dementia before 65",
        },
    )
    team = Team.objects.get(name="Dementia team")
    assert response["Location"] == reverse("programmes:team", args=[team.pk])
    assert team.cohort == world.cohort
    assert "Mersey Care" in team.organisations
    assert AuditEvent.objects.filter(target_type="programmes.team", target_id=str(team.pk)).exists()


def test_a_team_without_a_service_is_refused_with_a_message(world, client_for):
    client = client_for("programme_manager")
    response = client.post(
        reverse("programmes:team_create", args=[world.cohort.pk]), {"name": "Nameless"}
    )
    assert "Enter the name of the service" in response.content.decode()
    assert 'value="Nameless"' in response.content.decode()


def test_a_project_lead_changes_the_team_and_the_old_value_is_recorded(world, client_for):
    client = client_for("project_lead")
    client.post(
        reverse("programmes:team_edit", args=[world.team.pk]),
        {"name": world.team.name, "service_name": "Blood pressure checks in barbers' shops"},
    )
    world.team.refresh_from_db()
    assert world.team.service_name == "Blood pressure checks in barbers' shops"
    event = AuditEvent.objects.get(action="updated", target_type="programmes.team")
    assert event.changes["service_name"]["old"] == "Community blood pressure checks"
    assert "project_lead" in event.actor_roles


def test_the_cohort_dashboard_lists_teams_with_members_by_role(world, client_for):
    page = client_for("public_adviser").get(reverse("programmes:cohort", args=[world.cohort.pk]))
    text = page.content.decode()
    assert "Blood pressure team" in text and "Connectors team" in text
    assert "Public adviser" in text and "Public Adviser" in text
    assert "Academic facilitator" in text


def test_the_programme_page_links_only_to_teams_you_may_see(world, client_for):
    text = (
        client_for("other_team_member")
        .get(reverse("programmes:detail", args=[world.programme.pk]))
        .content.decode()
    )
    assert reverse("programmes:team", args=[world.other_team.pk]) in text
    assert reverse("programmes:team", args=[world.team.pk]) not in text
