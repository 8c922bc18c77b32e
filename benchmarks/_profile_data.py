"""Shared by the profile benchmarks: a generated patient-level Parquet file and its spec."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from coeval.equity.spec import AnalysisSpec

SPEC = {
    "confidence": [0.95],
    "indicator": {
        "name": "outcome",
        "type": "proportion",
        "multiplier": 100,
        "numerator": {"where": [{"column": "outcome", "op": "==", "value": 1}]},
    },
    "dimensions": [
        {"kind": "imd", "name": "imd_quintile", "column": "imd_quintile", "edition": "IMD2019"},
        {"kind": "sex", "name": "sex", "column": "sex"},
    ],
    "periods": {"column": "period", "change": {"before": [1, 2], "after": [3, 4]}},
}


def spec() -> AnalysisSpec:
    return AnalysisSpec.from_dict(SPEC)


def rows_wanted(default: int, argv: list[str], quick: int = 200_000) -> int:
    """--rows N on the command line, else COEVAL_BENCH_ROWS, else ``quick`` rows when
    COEVAL_BENCHMARK_QUICK=1, else the issue's size."""
    if "--rows" in argv:
        return int(argv[argv.index("--rows") + 1].replace("_", ""))
    if "COEVAL_BENCH_ROWS" in os.environ:
        return int(os.environ["COEVAL_BENCH_ROWS"])
    if os.environ.get("COEVAL_BENCHMARK_QUICK") == "1":
        return quick
    return default


def generate(path: Path, rows: int, chunk_rows: int = 10_000_000) -> None:
    """Write ``rows`` patients as Parquet files of at most ``chunk_rows`` rows each in
    the folder ``path``, with DuckDB, which streams the rows in row groups rather than
    holding them in memory.

    Outcome probability rises with quintile, so there is a real gradient to find.
    """
    path.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect()
    connection.execute("SET preserve_insertion_order = false")
    for number, start in enumerate(range(0, rows, chunk_rows)):
        size = min(chunk_rows, rows - start)
        connection.execute(
            f"""
            COPY (
              SELECT q AS imd_quintile,
                     CASE WHEN random() < 0.5 THEN '1' ELSE '2' END AS sex,
                     (1 + floor(random() * 4))::INTEGER AS period,
                     (random() < 0.25 + 0.05 * q)::INTEGER AS outcome
              FROM (SELECT (1 + floor(random() * 5))::INTEGER AS q FROM range({size}))
            ) TO '{path / f"part-{number:04d}.parquet"}' (FORMAT parquet)
            """
        )
    connection.close()
