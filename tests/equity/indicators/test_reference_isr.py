"""Indirectly standardised ratios and rates against every row of the package's ISR sheet."""

import pandas as pd
import pytest

from coeval.equity.indicators import phe_isr_rate, phe_isr_ratio
from tests.equity.indicators.helpers import assert_columns_match

LIMITS = ["lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl"]


def read(reference_dir, name):
    return pd.read_csv(reference_dir / "phe" / f"{name}.csv")


def expected_rows(reference_dir, first, last):
    return read(reference_dir, "testdata_DSR_ISR__testresults_ISR").iloc[first - 1 : last]


def reference_vectors(reference_dir):
    refdata = read(reference_dir, "testdata_DSR_ISR__refdata")
    return {"x_ref": refdata["refcount"].tolist(), "n_ref": refdata["refpop"].tolist()}


def by_area(got, rows):
    got = got.set_index("area").loc[rows["area"]].reset_index()
    return got, rows.reset_index(drop=True)


# (first row, last row, function, multiplier) of the sheet's multiarea blocks
MULTIAREA_BLOCKS = [
    (1, 3, phe_isr_rate, 100_000),
    (4, 6, phe_isr_rate, 1_000),
    (7, 9, phe_isr_ratio, 1),
    (10, 12, phe_isr_ratio, 100),
]


@pytest.mark.parametrize("first, last, function, multiplier", MULTIAREA_BLOCKS)
@pytest.mark.parametrize("reference", ["vectors", "columns", "observed totals"])
def test_multiarea_blocks_match_at_both_levels(
    reference_dir, first, last, function, multiplier, reference
):
    rows = expected_rows(reference_dir, first, last)
    data = read(reference_dir, "testdata_DSR_ISR__testdata_multiarea_isr")
    options = {"x_ref": "refcount", "n_ref": "refpop"}
    if reference != "columns":
        data = data.drop(columns=["refcount", "refpop"])
        options = reference_vectors(reference_dir)
    if reference == "observed totals":
        options["observed_totals"] = read(
            reference_dir, "testdata_DSR_ISR__testdata_multiarea_lookup"
        )
        data = data.drop(columns=["count"])
    numerator = "total_count" if reference == "observed totals" else "count"
    got = function(data, numerator, "pop", "area", (0.95, 0.998), multiplier, **options)
    columns = ["observed", "expected", "value", *LIMITS, "statistic", "method"]
    if function is phe_isr_rate:
        columns.append("ref_rate")
    assert_columns_match(*by_area(got, rows), columns)


@pytest.mark.parametrize(
    "first, last, function, multiplier",
    [(13, 14, phe_isr_rate, 100_000), (15, 16, phe_isr_ratio, 100)],
)
def test_a_zero_population_band_is_allowed_and_matches(
    reference_dir, first, last, function, multiplier
):
    rows = expected_rows(reference_dir, first, last)
    data = read(reference_dir, "testdata_DSR_ISR__testdata_err2")
    got = function(
        data, "count", "pop", "area", 0.95, multiplier, **reference_vectors(reference_dir)
    )
    got = got.rename(columns={"lowercl": "lower95_0cl", "uppercl": "upper95_0cl"})
    columns = ["observed", "expected", "value", "lower95_0cl", "upper95_0cl", "statistic"]
    assert_columns_match(*by_area(got, rows), [*columns, "method"])
