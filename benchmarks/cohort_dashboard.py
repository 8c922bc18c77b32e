"""How fast is the cohort dashboard with a full-sized programme?

    .venv/bin/python benchmarks/cohort_dashboard.py

Builds 20 cohorts x 10 teams x 10 members in a temporary SQLite database,
renders one cohort's dashboard through Django's test client many times, and
prints the median time (target: under 100 ms) and the number of queries. The
baseline, measured in the same run, is the sign-in page: a page with no data.
"""

import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COHORTS, TEAMS, MEMBERS = 20, 10, 10
QUICK = os.environ.get("COEVAL_BENCHMARK_QUICK") == "1"
RENDERS = 10 if QUICK else 60
TARGET_MS = 100.0


def build(programme_name: str = "Benchmark programme"):
    from coeval.web.core.models import User
    from coeval.web.core.roles import TEAM_ROLES
    from coeval.web.programmes.models import (
        Cohort,
        Programme,
        ProgrammeRole,
        Team,
        TeamMembership,
    )

    programme = Programme.objects.create(name=programme_name)
    manager = User.objects.create(email="manager@bench.invalid", username="manager", full_name="M")
    ProgrammeRole.objects.create(user=manager, programme=programme, role="programme_manager")
    start = datetime.date(2020, 1, 1)
    cohorts = Cohort.objects.bulk_create(
        Cohort(
            programme=programme,
            name=f"Cohort {c + 1}",
            starts_on=start + datetime.timedelta(days=400 * c),
            ends_on=start + datetime.timedelta(days=400 * c + 360),
        )
        for c in range(COHORTS)
    )
    teams = Team.objects.bulk_create(
        Team(cohort=cohort, name=f"Team {c}-{t}", service_name=f"Service {c}-{t}")
        for c, cohort in enumerate(cohorts)
        for t in range(TEAMS)
    )
    users = User.objects.bulk_create(
        User(
            email=f"p{n}@bench.invalid",
            username=f"p{n}",
            full_name=f"Person {n}",
            password="!",
        )
        for n in range(len(teams) * MEMBERS)
    )
    roles = list(TEAM_ROLES)
    TeamMembership.objects.bulk_create(
        TeamMembership(user=users[i * MEMBERS + m], team=team, role=roles[m % len(roles)])
        for i, team in enumerate(teams)
        for m in range(MEMBERS)
    )
    return manager, cohorts


def time_page(client, url: str, renders: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the template cache
    timings = []
    for _ in range(renders):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(timings), len(queries)


def main() -> int:
    tmp = tempfile.TemporaryDirectory(prefix="coeval-bench-")
    os.environ.update(COEVAL_TESTING="true", COEVAL_VAR_DIR=tmp.name, DEBUG="false")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coeval.web.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    manager, cohorts = build()
    print(
        f"Built {COHORTS} cohorts x {TEAMS} teams x {MEMBERS} members "
        f"in {time.perf_counter() - started:.1f} s"
    )
    client = Client()
    baseline_ms, _ = time_page(client, reverse("login"), RENDERS)
    client.force_login(manager)
    url = reverse("programmes:cohort", args=[cohorts[COHORTS // 2].pk])
    median_ms, queries = time_page(client, url, RENDERS)
    print(f"Cohort dashboard: median {median_ms:.1f} ms over {RENDERS} renders, {queries} queries")
    print(f"Baseline (sign-in page): median {baseline_ms:.1f} ms")
    print(f"Ratio to baseline: {median_ms / baseline_ms:.1f}x")
    print(f"Target under {TARGET_MS:.0f} ms: {'met' if median_ms < TARGET_MS else 'NOT met'}")
    tmp.cleanup()
    return 0 if median_ms < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
