"""From an upload to published results, through the app's actions and pages."""

import pytest

from coeval.web.core.models import AuditEvent
from coeval.web.datasets.models import Analysis, Dataset
from tests.web.datasets.conftest import PATIENT_MAPPING, upload

pytestmark = pytest.mark.django_db


def test_an_uploaded_csv_is_checked_converted_to_parquet_and_waits_for_mapping(world):
    dataset = upload(world)
    dataset.refresh_from_db()
    assert dataset.status == Dataset.Status.NEEDS_MAPPING
    assert dataset.row_count == 3000
    assert dataset.stored_path.endswith(".parquet")
    assert [c["name"] for c in dataset.columns][:2] == ["imd_quintile", "ethnicity"]


def test_mapping_the_columns_makes_the_dataset_ready_and_records_its_periods(world, ready_dataset):
    assert ready_dataset.status == Dataset.Status.READY
    assert ready_dataset.periods == ["2022", "2023", "2024", "2025"]


def test_an_analysis_publishes_intervals_inequality_change_charts_and_sentences(
    finished_analysis,
):
    assert finished_analysis.status == Analysis.Status.DONE, finished_analysis.error
    result = finished_analysis.result
    assert result["tables"]["indicators"][0]["lower"] is not None
    # Inequality (SII, RII), the gap between the ends (D, R) and each subgroup's value.
    assert {r["measure"] for r in result["tables"]["change"]} == {"SII", "RII", "D", "R", "value"}
    assert result["charts"] and result["charts"][0]["svg"].startswith("<svg")
    assert "times as likely to have a blood pressure check" in result["interpretation"][0]
    assert "gap between the most and least deprived" in result["interpretation"][1]
    # Each end of the scale, from the subgroup rows of the change table.
    ends = result["interpretation"][2]
    assert ends.startswith(
        "In the most deprived fifth of areas, the share of people who have a blood pressure check "
    )
    assert "in the least deprived fifth it" in ends
    before, after = (
        next(r for r in result["tables"]["change"] if r["stratum"] == "imd_quintile=1")[k]
        for k in ("before", "after")
    )
    assert f"from {before:.1f}% to {after:.1f}%" in ends
    assert result["disclosure"].startswith("suppress 1–7")


def test_the_mapping_page_suggests_columns_from_names_and_values(world, client_for):
    dataset = upload(world)
    response = client_for("analyst").get(f"/data/datasets/{dataset.pk}/columns/")
    form = response.context["form"]
    for role in ("outcome", "period", "imd", "ethnicity", "age", "sex"):
        assert form.initial[role] == PATIENT_MAPPING[role], role


def test_saving_the_mapping_through_the_page_leads_to_an_analysis(world, client_for):
    dataset = upload(world)
    client = client_for("analyst")
    response = client.post(f"/data/datasets/{dataset.pk}/columns/", PATIENT_MAPPING)
    assert response.status_code == 302
    response = client.post(
        f"/data/datasets/{dataset.pk}/analyse/",
        {
            "title": "Uptake",
            "indicator_name": "blood pressure check uptake",
            "outcome_words": "have a check",
            "dimensions": ["imd"],
            "before": ["2022", "2023"],
            "after": ["2024", "2025"],
        },
    )
    analysis = Analysis.objects.get()
    assert response["Location"] == f"/data/analyses/{analysis.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "times as likely to have a check" in page
    assert "<svg" in page


def test_a_mapping_form_with_nothing_to_compare_keeps_what_was_typed(world, client_for):
    dataset = upload(world)
    response = client_for("analyst").post(
        f"/data/datasets/{dataset.pk}/columns/",
        {"outcome": "bp_checked", "outcome_value": "Yes please", "period": "year"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'value="Yes please"' in page


def test_looking_at_rows_and_results_is_on_the_audit_trail(world, client_for, finished_analysis):
    dataset = finished_analysis.dataset
    client_for("analyst").get(f"/data/datasets/{dataset.pk}/preview/")
    client_for("public_adviser").get(f"/data/analyses/{finished_analysis.pk}/")
    viewed = AuditEvent.objects.filter(action="viewed")
    assert viewed.filter(actor_id=world.user("analyst").pk, target_id=str(dataset.pk)).exists()
    assert viewed.filter(actor_id=world.user("public_adviser").pk).exists()


def test_a_plan_indicator_runs_against_the_matched_columns(world, client_for, ready_dataset):
    from coeval.web.workbook.models import EvaluationPlan, PlannedIndicator

    plan = EvaluationPlan.objects.create(team=world.team, title="Plan")
    indicator = PlannedIndicator.objects.create(
        plan=plan,
        position=1,
        name="Blood pressure check uptake",
        from_revision=1,
        spec={
            "indicator": {
                "name": "BP check uptake",
                "type": "proportion",
                "numerator": {"where": [{"column": "bp_checked", "op": "==", "value": 1}]},
            },
            "dimensions": [
                {"kind": "imd", "name": "imd", "column": "imd_quintile", "edition": "IMD2019"}
            ],
            "periods": {"column": "year"},
        },
    )
    response = client_for("analyst").post(
        f"/data/datasets/{ready_dataset.pk}/analyse/", {"plan_indicator": indicator.pk}
    )
    analysis = Analysis.objects.get()
    assert response.status_code == 302
    assert analysis.status == Analysis.Status.DONE, analysis.error
    assert analysis.planned_indicator_id == indicator.pk


def _admissions():
    """Emergency admissions per population, by quintile and year: more admissions than
    people in the most deprived areas is possible, so only a rate fits."""
    import pandas as pd

    rows = []
    for year in (2023, 2024):
        for quintile in range(1, 6):
            population = 20_000 + 1_000 * quintile
            admissions = int(population * (0.30 - 0.04 * quintile) * (0.9 if year == 2024 else 1))
            rows.append(
                {"imd_quintile": quintile, "year": year, "admissions": admissions,
                 "population": population}
            )  # fmt: skip
    return pd.DataFrame(rows)


def test_counts_from_a_table_can_be_analysed_as_a_rate_per_1000(world, client_for):
    dataset = upload(world, _admissions(), name="admissions.csv", aggregated=True)
    client = client_for("analyst")
    response = client.post(
        f"/data/datasets/{dataset.pk}/columns/",
        {"numerator": "admissions", "denominator": "population", "period": "year",
         "imd": "imd_quintile", "imd_level": "quintile", "imd_edition": "IMD2019"},
    )  # fmt: skip
    assert response.status_code == 302
    form_page = client.get(f"/data/datasets/{dataset.pk}/analyse/").content.decode()
    assert "A rate per 1,000 people" in form_page
    response = client.post(
        f"/data/datasets/{dataset.pk}/analyse/",
        {"title": "Admissions", "indicator_name": "emergency admissions",
         "outcome_words": "be admitted in an emergency", "measure": "per_1000",
         "dimensions": ["imd"], "before": ["2023"], "after": ["2024"]},
    )  # fmt: skip
    analysis = Analysis.objects.get()
    assert analysis.spec["indicator"]["type"] == "rate"
    assert analysis.spec["indicator"]["multiplier"] == 1000
    page = client.get(response["Location"]).content.decode()
    # Quintile 1 in 2024: 21,000 people, int(21,000 x 0.26 x 0.9) = 4,914 admissions.
    assert "234.0 per 1,000" in page
    assert "per 1,000" in page and "percentage points" not in page
    assert "the rate of emergency admissions fell (from 260.0 per 1,000 to 234.0 per 1,000)" in page


def test_patient_rows_are_always_a_percentage_so_the_form_does_not_ask(
    world, client_for, ready_dataset
):
    page = client_for("analyst").get(f"/data/datasets/{ready_dataset.pk}/analyse/")
    assert "Show the result as" not in page.content.decode()
