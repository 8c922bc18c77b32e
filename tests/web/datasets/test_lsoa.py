"""Patient rows with LSOA codes: the team uploads an IMD lookup file with the mapping."""

import numpy as np
import pandas as pd
from django.core.files.uploadedfile import SimpleUploadedFile

from coeval.web.datasets.models import Analysis, Dataset

from .conftest import upload

# Twenty made-up LSOAs, two in each IMD decile.
LSOAS = [f"E01{n:06d}" for n in range(1, 21)]
DECILES = [1 + i // 2 for i in range(20)]


def _lookup(rows=None) -> SimpleUploadedFile:
    text = "LSOA code (2011),Index of Multiple Deprivation (IMD) Decile\n" + "".join(
        f"{code},{decile}\n" for code, decile in (rows or zip(LSOAS, DECILES, strict=True))
    )
    return SimpleUploadedFile("imd2019.csv", text.encode(), "text/csv")


def _patients(n=2000, unknown=0) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    codes = rng.choice(LSOAS, n)
    codes[:unknown] = "E01999999"
    decile = np.array([DECILES[LSOAS.index(c)] if c in LSOAS else 5 for c in codes])
    return pd.DataFrame(
        {
            "lsoa11": codes,
            "sex": rng.choice(["M", "F"], n),
            "year": rng.choice([2023, 2024], n),
            "checked": (rng.random(n) < 0.3 + 0.04 * decile).astype(int),
        }
    )


def _mapping(**extra):
    return {"outcome": "checked", "outcome_value": "1", "period": "year", "imd": "lsoa11",
            "imd_level": "lsoa", "imd_edition": "IMD2019", "sex": "sex", **extra}  # fmt: skip


def test_lsoa_codes_are_suggested_as_such_and_a_lookup_makes_them_quintiles(world, client_for):
    dataset = upload(world, _patients())
    client = client_for("analyst")
    form = client.get(f"/data/datasets/{dataset.pk}/columns/").context["form"]
    assert form.initial["imd"] == "lsoa11" and form.initial["imd_level"] == "lsoa"
    response = client.post(
        f"/data/datasets/{dataset.pk}/columns/", {**_mapping(), "imd_lookup": _lookup()}
    )
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert dataset.status == Dataset.Status.READY
    assert dataset.mapping["imd_lookup"].endswith(".csv")
    client.post(
        f"/data/datasets/{dataset.pk}/analyse/",
        {"title": "By LSOA", "indicator_name": "checks", "outcome_words": "have a check",
         "dimensions": ["imd", "sex"], "before": ["2023"], "after": ["2024"]},
    )  # fmt: skip
    analysis = Analysis.objects.get()
    assert analysis.status == Analysis.Status.DONE, analysis.error
    page = client.get(f"/data/analyses/{analysis.pk}/").content.decode()
    assert "most deprived fifth" in page


def test_without_a_lookup_file_the_form_asks_for_one_and_keeps_the_choices(world, client_for):
    dataset = upload(world, _patients())
    response = client_for("analyst").post(f"/data/datasets/{dataset.pk}/columns/", _mapping())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Upload the IMD lookup file" in page
    assert '<option value="lsoa" selected>' in page


def test_a_lookup_file_with_a_bad_decile_is_named_by_column_and_row(world, client_for):
    dataset = upload(world, _patients())
    bad = _lookup([("E01000001", 1), ("E01000002", 11)])
    response = client_for("analyst").post(
        f"/data/datasets/{dataset.pk}/columns/", {**_mapping(), "imd_lookup": bad}
    )
    page = response.content.decode()
    assert "The lookup file imd2019.csv cannot be used" in page
    assert "decile must be a whole number from 1 to 10" in page and "row 3" in page
    dataset.refresh_from_db()
    assert "imd_lookup" not in dataset.mapping


def test_codes_missing_from_the_lookup_are_reported_with_rows(world, client_for):
    dataset = upload(world, _patients(unknown=3))
    client_for("analyst").post(
        f"/data/datasets/{dataset.pk}/columns/", {**_mapping(), "imd_lookup": _lookup()}
    )
    dataset.refresh_from_db()
    assert dataset.status == Dataset.Status.PROBLEMS
    problem = next(p for p in dataset.problems if p["kind"] == "unknown_codes")
    assert "LSOA code not in the IMD2019 lookup file" in problem["message"]
    assert "E01999999" in problem["message"] and problem["rows"] == [2, 3, 4]


def test_matching_again_reuses_the_lookup_already_kept(world, client_for):
    dataset = upload(world, _patients())
    client = client_for("analyst")
    client.post(f"/data/datasets/{dataset.pk}/columns/", {**_mapping(), "imd_lookup": _lookup()})
    dataset.refresh_from_db()
    kept = dataset.mapping["imd_lookup"]
    page = client.get(f"/data/datasets/{dataset.pk}/columns/").content.decode()
    assert "One is kept for this dataset already" in page
    response = client.post(f"/data/datasets/{dataset.pk}/columns/", _mapping())
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert dataset.mapping["imd_lookup"] == kept


def test_a_lookup_file_that_is_not_utf8_is_refused_in_plain_words(world, client_for):
    dataset = upload(world, _patients())
    latin1 = SimpleUploadedFile(
        "imd.csv", "LSOA code,IMD decile\nE01000001,1\nE01000002,Caf\xe9\n".encode("latin-1")
    )
    page = client_for("analyst").post(
        f"/data/datasets/{dataset.pk}/columns/", {**_mapping(), "imd_lookup": latin1}
    )
    assert "The lookup file imd.csv cannot be used: it is not UTF-8 text" in page.content.decode()
