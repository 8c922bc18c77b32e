"""SII simulation: 1,000 areas x 5 quintiles x 100,000 repetitions, target 5 s.

Three cases, each timed several times (the median is printed, as this machine is
shared): the SII with the default settings, the SII and RII, and the SII and RII of
rates on their own scale (the exact FFT path). The baseline is the plain approach,
measured in the same run: for each area, draw every quintile's values, refit with a
matrix product and sort. It runs on fewer areas and repetitions and is scaled up
linearly. COEVAL_BENCHMARK_QUICK=1 runs 100 areas, once each.
"""

from __future__ import annotations

import os
import statistics
import time

import numpy as np
import pandas as pd

from coeval.equity.inequality import phe_sii

QUICK = os.environ.get("COEVAL_BENCHMARK_QUICK") == "1"
AREAS, QUINTILES, REPETITIONS = (100 if QUICK else 1_000), 5, 100_000
RUNS = 1 if QUICK else 3
BASELINE_AREAS, BASELINE_REPETITIONS = 10, 20_000
TARGET_SECONDS = 5.0 * AREAS / 1_000


def make_areas(areas: int) -> pd.DataFrame:
    rng = np.random.default_rng(2024)
    area = np.repeat(np.arange(areas), QUINTILES)
    quintile = np.tile(np.arange(1, QUINTILES + 1), areas)
    value = 75 + 2 * quintile + rng.normal(0, 1, len(area))
    return pd.DataFrame(
        {
            "area": area,
            "quintile": quintile,
            "population": rng.integers(5_000, 50_000, len(area)).astype(float),
            "value": value,
            "se": rng.uniform(0.3, 1.5, len(area)),
        }
    )


def rates(data: pd.DataFrame) -> pd.DataFrame:
    # Rates with their standard errors on the log scale, as phe_sii reads them.
    return data.assign(value=data["value"] / 10, se=0.02)


def per_area_loop(data: pd.DataFrame, repetitions: int, log_scale: bool) -> None:
    """The plain per-area simulation: draw, refit, sort, read the limits."""
    rng = np.random.default_rng(1)
    for _, area in data.groupby("area"):
        pop = area["population"].to_numpy()
        share = pop / pop.sum()
        rank = np.cumsum(share) - share / 2
        design = np.column_stack([np.sqrt(share), rank * np.sqrt(share)])
        solver = np.linalg.solve(design.T @ design, design.T)
        centre = area["value"].to_numpy()[:, None]
        centre = np.log(centre) if log_scale else centre
        draws = rng.normal(centre, area["se"].to_numpy()[:, None], (len(area), repetitions))
        draws = np.exp(draws) if log_scale else draws
        params = solver @ (draws * np.sqrt(share)[:, None])
        for values in (params[1], (params[0] + params[1]) / params[0]):
            np.sort(values)[[int(repetitions * 0.025), int(repetitions * 0.975)]]


def timed(function, runs: int) -> float:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def main() -> None:
    data = make_areas(AREAS)
    cases = [
        ("SII", data, {}, False),
        ("SII + RII", data, {"rii": True}, False),
        ("SII + RII, rates on their own scale", rates(data), {"rii": True, "value_type": 1}, True),
    ]
    scale = (AREAS / BASELINE_AREAS) * (REPETITIONS / BASELINE_REPETITIONS)
    small = make_areas(BASELINE_AREAS)
    print(f"{AREAS:,} areas x {QUINTILES} quintiles x {REPETITIONS:,} repetitions; "
          f"median of {RUNS} run(s); load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    failures = 0
    for label, table, options, log_scale in cases:

        def run(table=table, options=options) -> None:
            phe_sii(table, "quintile", "population", value="value", se="se",
                    group_by=["area"], repetitions=REPETITIONS, seed=1, **options)  # fmt: skip

        seconds = timed(run, RUNS)
        baseline_table = rates(small) if log_scale else small
        baseline = timed(
            lambda t=baseline_table, s=log_scale: per_area_loop(t, BASELINE_REPETITIONS, s), RUNS
        )
        baseline *= scale
        verdict = "meets" if seconds <= TARGET_SECONDS else "misses"
        failures += seconds > TARGET_SECONDS
        print(f"{label}: {seconds:.3f} s, {seconds / TARGET_SECONDS:.3f} of the "
              f"{TARGET_SECONDS:g} s target ({verdict}); per-area loop {baseline:.1f} s, "
              f"{baseline / seconds:,.0f}x slower")  # fmt: skip
    raise SystemExit(1 if failures else 0)


if __name__ == "__main__":
    main()
