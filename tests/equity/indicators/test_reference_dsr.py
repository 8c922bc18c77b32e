"""Directly standardised rates against every row of PHEindicatormethods' DSR fixtures."""

import pandas as pd
import pytest

from coeval.equity.indicators import phe_dsr
from tests.equity.indicators.helpers import assert_columns_match

LIMITS = ["lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl"]
COLUMNS = ["total_count", "total_pop", "value", *LIMITS, "statistic", "method"]


def read(reference_dir, name):
    return pd.read_csv(reference_dir / "phe" / f"{name}.csv")


def calculate(reference_dir, source, multiplier, confidence=(0.95, 0.998)):
    """The package's three test inputs, called the way its tests call them."""
    if source == "testdata_multiarea":
        data = read(reference_dir, "testdata_DSR_ISR__testdata_multiarea")
        return phe_dsr(data, "count", "pop", "area", confidence, multiplier)
    if source == "testdata_1976":
        data = read(reference_dir, "testdata_DSR_ISR__testdata_1976")
        result = phe_dsr(data, "count", "pop", (), confidence, multiplier, stdpop="esp1976")
        return result.assign(area="testdata_1976")
    data = read(reference_dir, "phe_dsr_nonindependent_input_long")
    return phe_dsr(
        data, "persons", "pop", "area", confidence, multiplier,
        stdpop="esp2013", independent_events=False, eventfreq="freq", ageband="ageband",
    )  # fmt: skip


def test_every_full_precision_dsr_row_matches(reference_dir):
    expected = read(reference_dir, "phe_dsr_expected_full_precision")
    for (source, multiplier), rows in expected.groupby(["input", "multiplier"], sort=False):
        got = calculate(reference_dir, source, multiplier)
        got = got.set_index("area").loc[rows["area"]].reset_index()
        assert_columns_match(got, rows.reset_index(drop=True), [*COLUMNS, "confidence"])


def test_every_workbook_dsr_row_matches_except_the_known_bad_1976_cells(reference_dir):
    expected = read(reference_dir, "testdata_DSR_ISR__testresults_DSR")
    sources = ["testdata_multiarea"] * 3 + ["testdata_1976"]
    sources = sources * 2 + ["testdata_nonindepe"] * 4
    expected["source"] = sources
    expected["multiplier"] = [10_000] * 4 + [100_000] * 8
    for (source, multiplier), rows in expected.groupby(["source", "multiplier"], sort=False):
        got = calculate(reference_dir, source, multiplier)
        got = got.set_index("area").loc[rows["area"]].reset_index()
        columns = COLUMNS
        if source == "testdata_1976":  # README: its 99.8% cells in this sheet are wrong
            columns = [c for c in COLUMNS if "99_8" not in c]
        assert_columns_match(got, rows.reset_index(drop=True), columns)


@pytest.mark.parametrize(
    "sheet, reason",
    [
        ("err1", "numerator 'count' is negative (row 6)"),
        ("err2", "denominator 'pop' is not greater than zero (row 2)"),
        ("err3", "denominator 'pop' is not greater than zero (row 2)"),
        ("err4", "standard population is negative (row 6)"),
    ],
)
def test_invalid_workbook_inputs_give_na_with_a_reason(reference_dir, sheet, reason):
    data = read(reference_dir, f"testdata_DSR_ISR__testdata_{sheet}")
    grouped = "area" in data
    stdpop = "stdpop" if "stdpop" in data else None
    got = phe_dsr(data, "count", "pop", "area" if grouped else (), stdpop=stdpop)
    first = got.iloc[0]
    assert pd.isna(first["value"]) and pd.isna(first["lowercl"]) and pd.isna(first["uppercl"])
    assert first["reason"] == reason
