"""The programme page and cohort dashboard cost the same number of queries
however many teams and members there are."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories


def _fill(cohort, teams: int, members: int = 4):
    roles = ["project_lead", "practitioner", "commissioner", "analyst", "intern", "patient"]
    for t in range(teams):
        team = factories.make_team(cohort, f"Team {t}", f"Service {t}")
        for m in range(members):
            factories.add_to_team(factories.make_user(), team, roles[m % len(roles)])


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _counts_for(world, client_for, url_for) -> tuple[int, int]:
    small = factories.make_cohort(world.programme, "Small")
    large = factories.make_cohort(world.programme, "Large")
    _fill(small, 2)
    _fill(large, 10, members=8)
    client = client_for("programme_manager")
    _count(client, url_for(small))  # warm up session and caches
    return _count(client, url_for(small)), _count(client, url_for(large))


def test_the_cohort_dashboard_does_not_query_per_team(world, client_for):
    small, large = _counts_for(
        world, client_for, lambda c: reverse("programmes:cohort", args=[c.pk])
    )
    assert small == large


def test_the_programme_page_does_not_query_per_team(world, client_for):
    client = client_for("programme_manager")
    url = reverse("programmes:detail", args=[world.programme.pk])
    client.get(url)
    before = _count(client, url)
    _fill(factories.make_cohort(world.programme, "Large"), 10, members=8)
    assert _count(client, url) == before


def test_the_cohort_dashboard_stays_within_a_small_fixed_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    _fill(world.cohort, 10)
    client = client_for("public_adviser")
    with django_assert_max_num_queries(12):
        client.get(reverse("programmes:cohort", args=[world.cohort.pk]))
