"""SII simulation: 1,000 areas x 5 quintiles x 100,000 repetitions, target 5 s.

The baseline is the plain approach: for each area, draw every quintile's values and
refit with a matrix product, then sort. It runs on fewer repetitions and areas and is
scaled up linearly, both measured in this run.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from coeval.equity.inequality import phe_sii

AREAS, QUINTILES, REPETITIONS = 1_000, 5, 100_000
BASELINE_AREAS, BASELINE_REPETITIONS = 20, 20_000
TARGET_SECONDS = 5.0


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


def per_area_loop(data: pd.DataFrame, repetitions: int) -> None:
    rng = np.random.default_rng(1)
    for _, area in data.groupby("area"):
        pop = area["population"].to_numpy()
        share = pop / pop.sum()
        rank = np.cumsum(share) - share / 2
        design = np.column_stack([np.sqrt(share), rank * np.sqrt(share)])
        solver = np.linalg.solve(design.T @ design, design.T)
        draws = rng.normal(area["value"].to_numpy()[:, None], area["se"].to_numpy()[:, None],
                           (len(area), repetitions))  # fmt: skip
        params = solver @ (draws * np.sqrt(share)[:, None])
        np.sort(params[1])[[int(repetitions * 0.025), int(repetitions * 0.975)]]


def main() -> None:
    data = make_areas(AREAS)
    # Rates on their own scale cannot use the exact two-coefficient shortcut: every
    # quintile is drawn, which is the worst case.
    rates = data.assign(value=data["value"] / 10, se=0.02)
    runs = [
        ("SII", data, {}),
        ("SII + RII", data, {"rii": True}),
        ("SII + RII, rates, per-quintile draws", rates, {"rii": True, "value_type": 1}),
    ]
    timings: dict[str, float] = {}
    for label, table, options in runs:
        start = time.perf_counter()
        phe_sii(table, "quintile", "population", value="value", se="se", group_by=["area"],
                repetitions=REPETITIONS, seed=1, **options)  # fmt: skip
        seconds = time.perf_counter() - start
        verdict = "meets" if seconds <= TARGET_SECONDS else "misses"
        print(f"{label}: {AREAS} areas x {QUINTILES} x {REPETITIONS:,} reps in {seconds:.2f} s "
              f"({verdict} the {TARGET_SECONDS:g} s target)")  # fmt: skip
        timings[label] = seconds

    start = time.perf_counter()
    per_area_loop(make_areas(BASELINE_AREAS), BASELINE_REPETITIONS)
    scale = (AREAS / BASELINE_AREAS) * (REPETITIONS / BASELINE_REPETITIONS)
    baseline = (time.perf_counter() - start) * scale
    print(f"per-area loop baseline, scaled to the same work: {baseline:.1f} s")
    print(f"speed-up of vectorised SII over the loop: {baseline / timings['SII']:.1f}x")


if __name__ == "__main__":
    main()
