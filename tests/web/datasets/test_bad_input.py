"""Bad input gets a clear message, and a file is imported whole or not at all."""

import pandas as pd
import pytest

from coeval.web.datasets.exports import neutralise
from coeval.web.datasets.models import Dataset
from tests.web.datasets.conftest import PATIENT_MAPPING, excel_bytes, map_columns, patients, upload

pytestmark = pytest.mark.django_db


def _checked(world, **kwargs) -> Dataset:
    dataset = upload(world, **kwargs)
    dataset.refresh_from_db()
    return dataset


def _kinds(dataset) -> set[str]:
    return {p["kind"] for p in dataset.problems}


def test_a_csv_saved_as_windows_text_is_refused_with_advice_to_save_as_utf8(world):
    content = "name,imd_quintile\nZoë Brontë,1\n".encode("cp1252")
    dataset = _checked(world, content=content)
    assert dataset.status == Dataset.Status.PROBLEMS
    assert _kinds(dataset) == {"encoding"}
    assert "Save it again as 'CSV UTF-8'" in dataset.problems[0]["message"]
    assert "Nothing was imported" in dataset.problems[0]["message"]
    assert not dataset.columns


def test_a_utf16_csv_is_refused(world):
    dataset = _checked(world, content="a,b\n1,2\n".encode("utf-16"))
    assert _kinds(dataset) == {"encoding"}


def test_an_empty_file_and_a_header_only_file_are_refused(world, client_for):
    response = client_for("analyst").post(
        f"/data/teams/{world.team.pk}/upload/",
        {"name": "Empty", "shape": "patients", "file": __import__("io").BytesIO(b"")},
    )
    assert "empty" in response.content.decode().lower()
    assert not Dataset.objects.exists()
    dataset = _checked(world, content=b"imd_quintile,sex\n")
    assert dataset.status == Dataset.Status.PROBLEMS
    assert _kinds(dataset) == {"empty"}


def test_an_excel_file_with_merged_header_cells_is_refused_naming_the_cells(world):
    frame = pd.DataFrame({"imd_quintile": [1, 2], "sex": ["M", "F"]})
    dataset = _checked(world, name="data.xlsx", content=excel_bytes(frame, merge="A1:B1"))
    assert dataset.status == Dataset.Status.PROBLEMS
    assert _kinds(dataset) == {"merged_header"}
    assert "A1:B1" in dataset.problems[0]["message"]


def test_a_plain_excel_file_is_imported(world):
    dataset = _checked(world, name="data.xlsx", content=excel_bytes(patients(50)))
    assert dataset.status == Dataset.Status.NEEDS_MAPPING
    assert dataset.row_count == 50


def test_text_in_a_column_of_numbers_is_named_with_its_rows(world):
    frame = patients(200)
    frame["age"] = frame["age"].astype(str)
    frame.loc[[4, 9], "age"] = "unknown age"
    dataset = _checked(world, frame=frame)
    problem = next(p for p in dataset.problems if p["kind"] == "mixed_types")
    assert problem["column"] == "age"
    assert problem["rows"] == [6, 11]  # the header is row 1
    assert problem["count"] == 2


def test_text_late_in_a_long_csv_stops_the_import_and_nothing_is_half_imported(world, tmp_path):
    frame = patients(30000)
    frame["age"] = frame["age"].astype(object)
    frame.loc[29990, "age"] = "ninety"
    dataset = _checked(world, frame=frame)
    kinds = _kinds(dataset)
    if dataset.status == Dataset.Status.PROBLEMS:
        assert kinds == {"mixed_types"}
        assert "Nothing was imported" in dataset.problems[0]["message"]
        assert not dataset.stored_path.endswith(".parquet")
    else:  # DuckDB read the whole column as text: imported, with the rows named
        assert "mixed_types" in kinds


def test_unknown_codes_in_a_mapped_column_stop_the_analysis_with_examples(world):
    frame = patients(100)
    frame["sex"] = frame["sex"].astype(object)
    frame.loc[[0, 1, 2], "sex"] = "Q"
    dataset = map_columns(world, upload(world, frame))
    assert dataset.status == Dataset.Status.PROBLEMS
    problem = next(p for p in dataset.problems if p["kind"] == "unknown_codes")
    assert "'Q'" in problem["message"] and problem["rows"] == [2, 3, 4]


def test_negative_counts_in_aggregated_data_are_reported(world):
    counts = pd.DataFrame(
        {
            "imd_quintile": [1, 2, 3, 4, 5],
            "year": [2024] * 5,
            "n": [10, -3, 12, 15, 20],
            "d": [40] * 5,
        }
    )
    dataset = upload(world, counts, aggregated=True)
    mapping = {"numerator": "n", "denominator": "d", "period": "year", "imd": "imd_quintile",
               "imd_level": "quintile", "imd_edition": "IMD2019"}  # fmt: skip
    dataset = map_columns(world, dataset, mapping)
    problem = next(p for p in dataset.problems if p["kind"] == "negative_counts")
    assert problem["rows"] == [3]
    assert dataset.status == Dataset.Status.PROBLEMS


def test_a_file_that_is_not_a_table_is_refused_at_the_form(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for("analyst").post(
        f"/data/teams/{world.team.pk}/upload/",
        {"name": "Notes", "shape": "patients", "file": SimpleUploadedFile("notes.docx", b"PK..")},
    )
    page = response.content.decode()
    assert "must be a CSV, Excel (.xlsx) or Parquet file" in page
    assert 'value="Notes"' in page  # what was typed is kept
    assert not Dataset.objects.exists()


@pytest.mark.parametrize(
    "cell, safe",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Female", "Female"),
        (-3.5, "-3.5"),
        (None, ""),
    ],
)
def test_csv_cells_that_look_like_formulas_are_neutralised(cell, safe):
    assert neutralise(cell) == safe


def test_a_formula_in_a_group_name_reaches_the_csv_download_neutralised(world, client_for):
    from tests.web.datasets.conftest import analyse

    frame = patients(600)
    frame["practice"] = "=cmd|' /C calc'!A0"
    mapping = {**PATIENT_MAPPING}
    dataset = map_columns(world, upload(world, frame), mapping)
    analysis = analyse(world, dataset, dimensions=("imd",))
    analysis.result["tables"]["indicators"][0]["subgroup"] = "=cmd|' /C calc'!A0"
    analysis.save()
    content = client_for("analyst").get(f"/data/analyses/{analysis.pk}/results.csv").content
    assert b",'=cmd" in content
    assert b",=cmd" not in content
