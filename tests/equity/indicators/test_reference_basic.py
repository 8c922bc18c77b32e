"""Intervals, proportions, rates and means against every row of PHEindicatormethods' fixtures."""

import pandas as pd
import pytest

from coeval.equity.indicators import intervals, phe_mean, phe_proportion, phe_rate
from tests.equity.indicators.helpers import assert_columns_match, same_number

BOTH_LEVELS = [
    "value",
    "lower95_0cl",
    "upper95_0cl",
    "lower99_8cl",
    "upper99_8cl",
    "statistic",
    "method",
]
ONE_LEVEL = ["value", "lowercl", "uppercl", "confidence", "statistic", "method"]


def read(reference_dir, name):
    return pd.read_csv(reference_dir / "phe" / f"{name}.csv")


def test_byars_and_wilson_limits_match_every_fixture_row(reference_dir):
    fixture = read(reference_dir, "testdata_Byars_Wilson__testdata_B_W")
    for row in fixture.itertuples():
        level = float(row.confidence.rstrip("%")) / 100
        if row.method == "Byars":
            lower = intervals.byars_lower(row.x, level)
            upper = intervals.byars_upper(row.x, level)
        else:
            lower = intervals.wilson_lower(row.x, row.n, level)
            upper = intervals.wilson_upper(row.x, row.n, level)
        assert same_number(float(lower), row.lowercl), (row, float(lower))
        assert same_number(float(upper), row.uppercl), (row, float(upper))


def test_proportions_match_every_ungrouped_row_at_both_levels(reference_dir):
    fixture = read(reference_dir, "testdata_Proportion__testdata_Prop")
    for multiplier, expected in fixture.groupby("multiplier"):
        got = phe_proportion(
            expected[["Area", "Numerator", "Denominator"]],
            "Numerator",
            "Denominator",
            confidence=[0.95, 0.998],
            multiplier=multiplier,
        )
        assert_columns_match(got, expected, BOTH_LEVELS)


def test_proportions_summed_by_area_match_the_grouped_sheet(reference_dir):
    inputs = read(reference_dir, "testdata_Proportion__testdata_Prop")
    expected = read(reference_dir, "testdata_Proportion__testdata_Prop_g")
    got = phe_proportion(
        inputs[["Area", "Numerator", "Denominator"]], "Numerator", "Denominator", group_by="Area"
    )
    got = got.set_index("Area").loc[expected["Area"]].reset_index()
    assert_columns_match(got, expected, ["Numerator", "Denominator", *ONE_LEVEL])


def test_rates_match_every_ungrouped_row_at_both_levels(reference_dir):
    fixture = read(reference_dir, "testdata_Rate__testdata_Rate")
    for multiplier, expected in fixture.groupby("multiplier"):
        got = phe_rate(
            expected[["Area", "Numerator", "Denominator"]],
            "Numerator",
            "Denominator",
            confidence=[0.95, 0.998],
            multiplier=multiplier,
        )
        assert_columns_match(got, expected, BOTH_LEVELS)


def test_rates_summed_by_area_match_the_grouped_sheet(reference_dir):
    inputs = read(reference_dir, "testdata_Rate__testdata_Rate")
    expected = read(reference_dir, "testdata_Rate__testdata_Rate_g")
    got = phe_rate(inputs[["Area", "Numerator", "Denominator"]], "Numerator", "Denominator", "Area")
    got = got.set_index("Area").loc[expected["Area"]].reset_index()
    assert_columns_match(got, expected, ["Numerator", "Denominator", *ONE_LEVEL])


@pytest.mark.parametrize("grouped", [True, False], ids=["by area", "whole table"])
def test_means_match_the_results_sheet(reference_dir, grouped):
    inputs = read(reference_dir, "testdata_Mean__testdata_Mean")
    expected = read(reference_dir, "testdata_Mean__testdata_Mean_results")
    if grouped:
        got = phe_mean(inputs, "values", group_by="area", confidence=[0.95, 0.998])
        expected = expected[expected["area"] != "No grouping"]
    else:
        got = phe_mean(inputs, "values", confidence=[0.95, 0.998])
        expected = expected[expected["area"] == "No grouping"]
    columns = ["value_sum", "value_count", "stdev", *BOTH_LEVELS]
    assert_columns_match(got, expected.reset_index(drop=True), columns)
