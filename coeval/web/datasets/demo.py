"""Demo seed: a synthetic patient-level dataset for each team, matched, with one analysis.

The rows are made up at seed time with a fixed numpy seed, so every demo is the same.
They mimic blood pressure check uptake: lower in more deprived areas and for men,
better after the service change in 2024. Runs after the programme seed.
"""

import io

import numpy as np
import pandas as pd
from django.core.files.uploadedfile import SimpleUploadedFile

from coeval.web.datasets import actions, rows
from coeval.web.datasets.mapping import build_spec
from coeval.web.datasets.models import Dataset

PEOPLE_PER_TEAM = 24_000
MAPPING = {
    "outcome": "bp_check_done",
    "outcome_value": "1",
    "period": "year",
    "imd": "imd_quintile",
    "imd_level": "quintile",
    "imd_edition": "IMD2019",
    "ethnicity": "ethnicity",
    "age": "age",
    "sex": "sex",
}


def synthetic_patients(seed: int, n: int = PEOPLE_PER_TEAM) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    quintile = rng.choice([1, 2, 3, 4, 5], n, p=[0.32, 0.22, 0.18, 0.15, 0.13])
    ethnicity = rng.choice(
        ["A", "C", "H", "J", "K", "M", "N", "D", "S", "Z"],
        n,
        p=[0.72, 0.04, 0.05, 0.05, 0.02, 0.03, 0.03, 0.02, 0.02, 0.02],
    )
    age = rng.integers(40, 90, n)
    sex = rng.choice(["F", "M"], n)
    year = rng.choice([2022, 2023, 2024, 2025], n)
    after = year >= 2024
    # The service change helps most where uptake was lowest, so the gap narrows.
    logit = (
        -0.9
        + 0.28 * (quintile - 1)
        - 0.35 * (sex == "M")
        + 0.012 * (age - 60)
        - 0.25 * np.isin(ethnicity, ["M", "N", "J", "K"])
        + after * (0.35 + 0.12 * (5 - quintile))
    )
    checked = rng.random(n) < 1 / (1 + np.exp(-logit))
    return pd.DataFrame(
        {
            "imd_quintile": quintile,
            "ethnicity": ethnicity,
            "age": age,
            "sex": sex,
            "year": year,
            "bp_check_done": checked.astype(int),
        }
    )


def _run_queued() -> None:
    # The demo has no worker running yet; do the queued checks and analyses now.
    from coeval.web.core.tasks import run_next

    while run_next():
        pass


def seed(demo) -> None:
    teams = demo.objects.get("teams_by_key") or {}
    people = demo.objects.get("people") or {}
    for number, (key, team) in enumerate(sorted(teams.items())):
        analyst = people.get(f"{key}_analyst")
        if analyst is None:
            continue
        frame = synthetic_patients(seed=2026 + number)
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        dataset = actions.upload_dataset(
            analyst,
            team,
            name="Blood pressure checks 2022 to 2025 (synthetic)",
            description="Made-up rows for the demo: one row per adult aged 40 and over.",
            upload=SimpleUploadedFile("bp_checks.parquet", buffer.getvalue()),
        )
        _run_queued()
        dataset.refresh_from_db()
        if dataset.status != Dataset.Status.NEEDS_MAPPING:
            continue
        dataset.mapping = MAPPING
        actions.save_mapping(
            analyst, dataset, MAPPING, rows.check_mapping(dataset, MAPPING), rows.periods(dataset)
        )
        if dataset.status != Dataset.Status.READY:
            continue
        spec = build_spec(
            dataset,
            indicator_name="blood pressure check uptake",
            dimensions=["imd", "sex"],
            before=["2022", "2023"],
            after=["2024", "2025"],
        )
        actions.start_analysis(
            analyst,
            dataset,
            title="Blood pressure check uptake by deprivation, before and after",
            spec=spec,
            outcome_words="have a blood pressure check",
        )
        _run_queued()
