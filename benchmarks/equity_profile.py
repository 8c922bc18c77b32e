"""End-to-end equity profile against raw DuckDB and plain pandas (issue 6, target 2).

A proportion by IMD quintile x sex x 4 periods, SII/RII and before/after change, on a
generated patient-level Parquet file. Targets: profile <= 2x the raw DuckDB group-by,
and >= 5x faster than pandas doing the same. All timed in this one process, after
imports; each time is the median of a few runs on this shared machine. Usage:
python benchmarks/equity_profile.py [--rows 1000000]; COEVAL_BENCHMARK_QUICK=1 for a
small run.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _profile_data import generate, rows_wanted, spec  # noqa: E402

from coeval.equity.profile import profile_counts, run_profile  # noqa: E402

GROUP_BY = """
    SELECT imd_quintile, sex, period, sum(outcome) AS numerator, count(*) AS denominator
    FROM read_parquet('{files}') GROUP BY ALL
"""


def timed(function):
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def median_of(runs: int, function) -> float:
    return statistics.median(timed(function)[0] for _ in range(runs))


def raw_duckdb(files: str) -> pd.DataFrame:
    with duckdb.connect() as connection:
        return connection.execute(GROUP_BY.format(files=files)).df()


def plain_pandas(folder: Path) -> object:
    data = pd.read_parquet(folder)
    counts = (
        data.groupby(["imd_quintile", "sex", "period"], observed=True)["outcome"]
        .agg(numerator="sum", denominator="count")
        .reset_index()
    )
    return profile_counts(
        counts,
        numerator="numerator",
        denominator="denominator",
        dimensions=["imd_quintile", "sex"],
        ordered=["imd_quintile"],
        period="period",
        before=[1, 2],
        after=[3, 4],
        multiplier=100,
    )


def main(argv: list[str]) -> None:
    rows = rows_wanted(10_000_000, argv)
    runs = 5
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "patients.parquet"
        seconds, _ = timed(lambda: generate(folder, rows))
        print(f"generated {rows:,} rows in {seconds:.1f} s")
        files = str(folder / "*.parquet")
        analysis = spec()
        run_profile(analysis, files)  # warm up: first Ibis/DuckDB use pays start-up costs
        profile = median_of(runs, lambda: run_profile(analysis, files))
        duck = median_of(runs, lambda: raw_duckdb(files))
        pandas_time = median_of(runs, lambda: plain_pandas(folder))
    print(f"full equity profile : {profile:8.3f} s")
    print(f"raw DuckDB group-by : {duck:8.3f} s")
    print(f"plain pandas        : {pandas_time:8.3f} s")
    print(f"profile / DuckDB    : {profile / duck:8.2f}x   (target <= 2)")
    print(f"pandas / profile    : {pandas_time / profile:8.2f}x   (target >= 5)")


if __name__ == "__main__":
    main(sys.argv[1:])
