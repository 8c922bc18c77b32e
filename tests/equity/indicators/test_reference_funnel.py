"""Funnel limits, significance and points against every row of the package's funnel files.

The fixtures were stored rounded, so numbers are compared to 5e-7 + 1e-9 relative
(README); significance labels must match exactly.
"""

import pandas as pd
import pytest

from coeval.equity.indicators import (
    assign_funnel_significance,
    calculate_funnel_limits,
    calculate_funnel_points,
)
from tests.equity.indicators.helpers import assert_columns_match

ROUNDED = {"rel": 1e-9, "absolute": 5e-7}
PROPORTION_NAMES = {
    "Lower2s0025limit": "lower_2s_limit",
    "Upper2s0025limit": "upper_2s_limit",
    "Lower3s0001limit": "lower_3s_limit",
    "Upper3s0001limit": "upper_3s_limit",
    "Baseline": "baseline",
}


def read(reference_dir, name):
    frame = pd.read_csv(reference_dir / "phe" / f"{name}.csv", encoding="utf-8-sig")
    return frame.rename(columns=lambda column: column.strip())


@pytest.mark.parametrize(
    "expected_file, keep",
    [
        ("testdata_funnel_prop_outputs", None),
        ("testdata_funnel_prop_outputs_with_axis_variation", 31000),
    ],
)
def test_proportion_limits_match_every_point(reference_dir, expected_file, keep):
    inputs = read(reference_dir, "testdata_funnel_prop_inputs")
    if keep is not None:
        inputs = inputs[inputs["denominator"] < keep]
    expected = read(reference_dir, expected_file).rename(columns=PROPORTION_NAMES)
    got = calculate_funnel_limits(
        inputs, "numerator", "denominator", statistic="proportion", multiplier=100
    )
    assert_columns_match(got, expected, list(expected.columns), **ROUNDED)
    assert set(got["statistic"]) == {"proportion"} and set(got["method"]) == {"Wilson"}


@pytest.mark.parametrize("ratio_type", ["count", "isr"])
def test_ratio_limits_match_every_point(reference_dir, ratio_type):
    inputs = read(reference_dir, "testdata_funnel_ratio_inputs")
    expected = read(reference_dir, "testdata_funnel_ratio_outputs")
    other = "isr" if ratio_type == "count" else "count"
    expected = expected[[c for c in expected.columns if not c.endswith(other)]]
    expected = expected.rename(columns=lambda c: c.replace(f"_{ratio_type}", "_limit"))
    got = calculate_funnel_limits(
        inputs, "obs", "expected", statistic="ratio", multiplier=100, ratio_type=ratio_type
    )
    assert_columns_match(got, expected, list(expected.columns), **ROUNDED)
    assert set(got["statistic"]) == {f"ratio ({ratio_type})"}


def rate_inputs(reference_dir, variant):
    data = read(reference_dir, "testdata_funnel_rate_input_funnels")[["ev", "rate", "pop"]]
    largest = data["ev"] == data["ev"].max()
    if variant == "largest is 5":
        data.loc[largest, "ev"] = 5
    if variant == "largest is 0, with denominators":
        data["pop"] = 1e5 * data["ev"] / data["rate"]
        data.loc[largest, ["ev", "rate"]] = 0
        data = data[data["pop"] > data["pop"].max() / 2]
    return data


@pytest.mark.parametrize(
    "expected_file, variant, rate_type, denominator",
    [
        ("testdata_funnel_rate_outputs", "as given", "dsr", None),
        ("testdata_funnel_rate_outputs_2", "largest is 5", "crude", None),
        ("testdata_funnel_rate_outputs_3", "largest is 0, with denominators", "crude", "pop"),
    ],
)
def test_rate_limits_match_every_point(
    reference_dir, expected_file, variant, rate_type, denominator
):
    inputs = rate_inputs(reference_dir, variant)
    expected = read(reference_dir, expected_file)
    got = calculate_funnel_limits(
        inputs, "ev", denominator, statistic="rate", rate="rate", rate_type=rate_type,
        multiplier=1e5, years_of_data=3,
    )  # fmt: skip
    assert_columns_match(got, expected, list(expected.columns), **ROUNDED)


def test_proportion_significance_matches_every_unit(reference_dir):
    inputs = read(reference_dir, "testdata_funnel_prop_inputs")
    got = assign_funnel_significance(
        inputs.drop(columns="significance"), "numerator", "denominator", statistic="proportion"
    )
    assert got["significance"].tolist() == inputs["significance"].tolist()


def test_ratio_significance_matches_every_unit(reference_dir):
    inputs = read(reference_dir, "testdata_funnel_ratio_inputs")
    got = assign_funnel_significance(
        inputs.drop(columns="significance"), "obs", "expected", statistic="ratio"
    )
    assert got["significance"].tolist() == inputs["significance"].tolist()


RATE_LABELS = [
    (rate_type, multiplier, zeros)
    for rate_type in ("dsr", "crude")
    for multiplier in (100_000, 100)
    for zeros in ("with_0", "without_0")
]


@pytest.mark.parametrize("rate_type, multiplier, zeros", RATE_LABELS)
def test_rate_significance_matches_every_unit(reference_dir, rate_type, multiplier, zeros):
    inputs = read(reference_dir, "testdata_funnel_rate_dsr_inputs")
    if zeros == "without_0":
        inputs = inputs[inputs["count"] != 0].reset_index(drop=True)
    rate = "rate_dsr" if rate_type == "dsr" else f"rate_crude_per_{multiplier}"
    got = assign_funnel_significance(
        inputs[["count", rate, "pop"]], "count", "pop", statistic="rate", rate=rate,
        rate_type=rate_type, multiplier=multiplier,
    )  # fmt: skip
    expected = inputs[f"{rate_type}_per_{multiplier}_{zeros}"]
    assert got["significance"].tolist() == expected.tolist()


@pytest.mark.parametrize(
    "variant, rate_type, years, denominator, chart, derived",
    [
        ("largest is 5", "dsr", 3, None, "rate_chart", "denominator_derived"),
        ("as given", "crude", 3, None, "rate_chart_crude", "denominator_derived_crude"),
        (
            "largest ev is 0",
            "crude",
            5,
            "pop",
            "rate_chart_crude_with_denom",
            "denominator_derived_crude_with_denom",
        ),
    ],
)
def test_rate_points_match_every_unit(
    reference_dir, variant, rate_type, years, denominator, chart, derived
):
    fixture = read(reference_dir, "testdata_funnel_rate_input_funnels")
    data = fixture[["ev", "rate", "pop"]].copy()
    largest = data["ev"] == data["ev"].max()
    if variant == "largest is 5":
        data.loc[largest, "ev"] = 5
    if variant == "largest ev is 0":
        data.loc[largest, "ev"] = 0
    got = calculate_funnel_points(
        data, "ev", "rate", rate_type=rate_type, years_of_data=years, multiplier=1e5,
        denominator=denominator,
    )  # fmt: skip
    got = got.rename(columns={"rate_chart": chart, "denominator_derived": derived})
    assert_columns_match(got, fixture, [chart, derived], **ROUNDED)
