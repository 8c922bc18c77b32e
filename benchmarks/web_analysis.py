"""A 10-million-row Parquet file through the web app, against the engine on its own.

    .venv/bin/python benchmarks/web_analysis.py
    COEVAL_BENCHMARK_QUICK=1 .venv/bin/python benchmarks/web_analysis.py   # 200,000 rows

In one process, with a temporary SQLite database (WAL) and a background worker thread
(as ``manage.py run_worker`` would be), an analyst uploads the file through Django's
test client, matches its columns and runs an analysis; the time to a finished result
is compared with ``coeval.equity.run_profile`` on the same file and spec (the engine's
own path, as ``coeval analyse`` uses it), measured in the same run. Meanwhile another
team member keeps opening their team's data page: the median latency during the
analysis is compared with the same page when the worker is idle.
"""

import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUICK = os.environ.get("COEVAL_BENCHMARK_QUICK") == "1"
ROWS = 200_000 if QUICK else 10_000_000
IDLE_SAMPLES = 10 if QUICK else 30


def make_parquet(path: Path, rows: int) -> None:
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(2026)
    writer = None
    chunk = 1_000_000
    for start in range(0, rows, chunk):
        n = min(chunk, rows - start)
        quintile = rng.integers(1, 6, n)
        year = rng.integers(2022, 2026, n)
        chance = 0.3 + 0.06 * quintile + 0.05 * (year >= 2024)
        table = pa.table(
            {
                "imd_quintile": quintile,
                "sex": rng.choice(np.array(["F", "M"]), n),
                "age": rng.integers(40, 90, n),
                "year": year,
                "bp_checked": (rng.random(n) < chance).astype("int8"),
            }
        )
        writer = writer or pq.ParquetWriter(path, table.schema)
        writer.write_table(table)
    writer.close()


def median_latency(client, url, samples=None, until=None) -> tuple[float, int]:
    times = []
    while (samples is not None and len(times) < samples) or (until is not None and not until()):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
        if until is not None:
            time.sleep(0.2)
    return statistics.median(times) * 1000, len(times)


def main() -> None:
    tmp = tempfile.TemporaryDirectory()
    os.environ.update(COEVAL_TESTING="true", COEVAL_VAR_DIR=tmp.name, DEBUG="false")
    os.environ.update(COEVAL_TASKS_MODE="worker")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coeval.web.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from coeval import equity
    from coeval.web.core.tasks import work_forever
    from coeval.web.datasets.mapping import build_spec
    from coeval.web.datasets.models import Analysis, Dataset
    from tests import factories

    call_command("migrate", verbosity=0)
    data = Path(tmp.name) / "patients.parquet"
    started = time.perf_counter()
    make_parquet(data, ROWS)
    print(f"{ROWS:,} rows, {data.stat().st_size / 1e6:.1f} MB of Parquet "
          f"(made in {time.perf_counter() - started:.1f} s)")  # fmt: skip

    programme = factories.make_programme()
    team = factories.make_team(factories.make_cohort(programme))
    analyst = factories.make_user("Analyst", "analyst@bench.invalid")
    membership = factories.add_to_team(analyst, team, "analyst")
    membership.data_access_granted_at = timezone.now()
    membership.save()
    colleague = factories.make_user("Practitioner", "practitioner@bench.invalid")
    factories.add_to_team(colleague, team, "practitioner")
    client, other = Client(), Client()
    client.force_login(analyst)
    other.force_login(colleague)
    page = f"/data/teams/{team.pk}/"

    stop = threading.Event()
    worker = threading.Thread(target=work_forever, kwargs={"poll_seconds": 0.1, "stop": stop})
    worker.start()
    try:
        idle_ms, _ = median_latency(other, page, samples=IDLE_SAMPLES)

        web_start = time.perf_counter()
        with data.open("rb") as handle:
            client.post(
                f"/data/teams/{team.pk}/upload/",
                {"name": "Benchmark", "shape": "patients", "file": handle},
            )
        dataset = Dataset.objects.get()
        while Dataset.objects.get(pk=dataset.pk).status == Dataset.Status.CHECKING:
            time.sleep(0.1)
        mapping = {"outcome": "bp_checked", "outcome_value": "1", "period": "year",
                   "imd": "imd_quintile", "imd_level": "quintile", "imd_edition": "IMD2019",
                   "sex": "sex", "age": "age"}  # fmt: skip
        client.post(f"/data/datasets/{dataset.pk}/columns/", mapping)
        uploaded = time.perf_counter() - web_start
        client.post(
            f"/data/datasets/{dataset.pk}/analyse/",
            {"title": "Uptake", "indicator_name": "uptake", "outcome_words": "have a check",
             "dimensions": ["imd", "sex"], "before": ["2022", "2023"], "after": ["2024", "2025"]},
        )  # fmt: skip
        analysis = Analysis.objects.get()
        busy_ms, busy_samples = median_latency(
            other,
            page,
            until=lambda: Analysis.objects.get(pk=analysis.pk).is_finished,
        )
        web_total = time.perf_counter() - web_start
        analysis.refresh_from_db()
        assert analysis.status == Analysis.Status.DONE, analysis.error

        dataset.refresh_from_db()
        spec = equity.AnalysisSpec.from_dict(
            build_spec(
                dataset,
                indicator_name="uptake",
                dimensions=["imd", "sex"],
                before=["2022", "2023"],
                after=["2024", "2025"],
            )  # fmt: skip
        )
        engine_start = time.perf_counter()
        equity.run_profile(spec, str(data))
        engine = time.perf_counter() - engine_start
    finally:
        stop.set()
        worker.join()

    print(f"engine alone (run_profile on the file):     {engine:8.2f} s")
    print(f"web: upload + check + mapping:               {uploaded:8.2f} s")
    print(f"web: upload to finished analysis:            {web_total:8.2f} s "
          f"({web_total / engine:.2f} x the engine)")  # fmt: skip
    print(f"another user's page, worker idle (median):   {idle_ms:8.1f} ms")
    print(f"the same page during the analysis (median):  {busy_ms:8.1f} ms "
          f"({busy_ms / idle_ms:.2f} x idle, {busy_samples} requests)")  # fmt: skip
    tmp.cleanup()


if __name__ == "__main__":
    main()
