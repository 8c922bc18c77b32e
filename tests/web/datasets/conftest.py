"""Fixtures for the data and analysis pages: private storage in a temporary folder,
synthetic patient-level files, and a dataset taken through upload, mapping and one
analysis by the app's own actions."""

import io

import numpy as np
import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from coeval.web.datasets import actions, rows


@pytest.fixture(autouse=True)
def quick_simulation(monkeypatch):
    """Fewer Monte-Carlo repetitions for the SII: the pages, not the statistics, are
    under test here (the engine's own tests check the intervals)."""
    import functools

    from coeval.equity import profile

    monkeypatch.setattr(
        profile, "profile_counts", functools.partial(profile.profile_counts, repetitions=2000)
    )


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


def patients(n=3000, seed=7) -> pd.DataFrame:
    """Blood pressure check uptake, lower in more deprived areas, better after 2024."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "imd_quintile": rng.integers(1, 6, n),
            "ethnicity": rng.choice(["A", "H", "J", "M", "N"], n),
            "age": rng.integers(40, 90, n),
            "sex": rng.choice(["M", "F"], n),
            "year": rng.choice([2022, 2023, 2024, 2025], n),
        }
    )
    chance = 0.3 + 0.06 * frame["imd_quintile"] + 0.08 * (frame["year"] >= 2024)
    frame["bp_checked"] = (rng.random(n) < chance).astype(int)
    return frame


def csv_upload(frame: pd.DataFrame, name="patients.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, frame.to_csv(index=False).encode(), "text/csv")


def upload(world, frame=None, *, name="patients.csv", content=None, aggregated=False):
    file = (
        SimpleUploadedFile(name, content)
        if content is not None
        else csv_upload(frame if frame is not None else patients(), name)
    )
    return actions.upload_dataset(
        world.user("analyst"), world.team, name="BP checks", upload=file, is_aggregated=aggregated
    )


PATIENT_MAPPING = {
    "outcome": "bp_checked",
    "outcome_value": "1",
    "period": "year",
    "imd": "imd_quintile",
    "imd_level": "quintile",
    "imd_edition": "IMD2019",
    "ethnicity": "ethnicity",
    "age": "age",
    "sex": "sex",
}


def map_columns(world, dataset, mapping=None):
    dataset.refresh_from_db()
    mapping = mapping or PATIENT_MAPPING
    dataset.mapping = mapping
    return actions.save_mapping(
        world.user("analyst"),
        dataset,
        mapping,
        rows.check_mapping(dataset, mapping),
        rows.periods(dataset),
    )


def analyse(
    world, dataset, dimensions=("imd", "sex"), before=("2022", "2023"), after=("2024", "2025")
):
    from coeval.web.datasets.mapping import build_spec

    spec = build_spec(
        dataset,
        indicator_name="blood pressure check uptake",
        dimensions=list(dimensions),
        before=list(before),
        after=list(after),
    )
    analysis = actions.start_analysis(
        world.user("analyst"),
        dataset,
        title="BP check uptake by deprivation",
        spec=spec,
        outcome_words="have a blood pressure check",
    )
    analysis.refresh_from_db()
    return analysis


@pytest.fixture
def ready_dataset(world):
    return map_columns(world, upload(world))


@pytest.fixture
def finished_analysis(world, ready_dataset):
    return analyse(world, ready_dataset)


def excel_bytes(frame: pd.DataFrame, merge: str | None = None) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append(list(row))
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
