"""Small hand-checked tables for each indicator, and what happens with bad input."""

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coeval.equity.errors import InputError
from coeval.equity.indicators import (
    ESP2013,
    intervals,
    phe_dsr,
    phe_isr_ratio,
    phe_mean,
    phe_proportion,
    phe_quantile,
    phe_rate,
)


@pytest.mark.parametrize(
    "numerator, denominator, value",
    [(0, 10, 0.0), (5, 10, 0.5), (10, 10, 1.0), (1, 4, 0.25)],
)
def test_a_proportion_is_numerator_over_denominator(numerator, denominator, value):
    data = pd.DataFrame({"x": [numerator], "n": [denominator]})
    assert phe_proportion(data, "x", "n").loc[0, "value"] == value


def test_grouped_proportions_sum_rows_before_dividing():
    data = pd.DataFrame({"sex": ["F", "F", "M"], "x": [1, 3, 2], "n": [10, 10, 4]})
    result = phe_proportion(data, "x", "n", group_by="sex")
    assert result[["sex", "x", "n", "value"]].values.tolist() == [
        ["F", 4, 20, 0.2],
        ["M", 2, 4, 0.5],
    ]


@pytest.mark.parametrize(
    "confidence, limit_columns",
    [
        (0.95, ["lowercl", "uppercl"]),
        (95, ["lowercl", "uppercl"]),
        ([0.95, 0.998], ["lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl"]),
        ([0.9, 0.95, 0.99], ["lower90_0cl", "upper90_0cl", "lower95_0cl", "upper95_0cl",
                             "lower99_0cl", "upper99_0cl"]),
    ],
)  # fmt: skip
def test_limit_columns_are_named_as_phe_names_them(confidence, limit_columns):
    data = pd.DataFrame({"x": [5], "n": [10]})
    result = phe_rate(data, "x", "n", confidence=confidence)
    assert [c for c in result.columns if c.startswith(("lower", "upper"))] == limit_columns


def test_an_invalid_group_is_na_with_a_reason_and_the_others_are_calculated():
    data = pd.DataFrame({"area": ["A", "B", "C"], "x": [5, 12, -1], "n": [10, 10, 10]})
    result = phe_proportion(data, "x", "n", group_by="area")
    assert result["reason"].tolist() == [
        "",
        "numerator 'x' is greater than denominator 'n' (row 2)",
        "numerator 'x' is negative (row 3)",
    ]
    assert result["value"].iloc[0] == 0.5 and result["value"].iloc[1:].isna().all()


@pytest.mark.parametrize(
    "data, message",
    [
        (pd.DataFrame({"x": [1]}), "column 'n': no such column; the columns are: x"),
        (pd.DataFrame({"x": [1, "two"], "n": [3, 4]}), "column 'x', row 2: must hold numbers, but has 'two'"),
    ],
)  # fmt: skip
def test_whole_table_mistakes_raise_an_input_error_naming_the_column(data, message):
    with pytest.raises(InputError) as error:
        phe_proportion(data, "x", "n")
    assert str(error.value) == message


@pytest.mark.parametrize("confidence", [0, 1, 100, 150, -0.5, "high", []])
def test_impossible_confidence_levels_are_refused(confidence):
    with pytest.raises(InputError):
        phe_rate(pd.DataFrame({"x": [5], "n": [10]}), "x", "n", confidence=confidence)


def test_rates_switch_from_exact_to_byars_at_ten_events():
    data = pd.DataFrame({"x": [9, 10], "n": [1000, 1000]})
    assert phe_rate(data, "x", "n")["method"].tolist() == ["Exact", "Byars"]


def test_a_rate_of_zero_events_has_a_lower_limit_of_zero():
    result = phe_rate(pd.DataFrame({"x": [0], "n": [100]}), "x", "n", multiplier=100)
    assert result.loc[0, "lowercl"] == 0.0
    assert math.isclose(result.loc[0, "uppercl"], 3.6888794541139354)  # -ln(0.025)


def test_a_mean_of_one_value_has_no_interval_and_says_why():
    result = phe_mean(pd.DataFrame({"v": [3.0]}), "v")
    assert math.isnan(result.loc[0, "value"])
    assert result.loc[0, "reason"] == "fewer than 2 values, so no standard deviation"


def test_a_dsr_with_equal_age_specific_rates_equals_that_rate():
    data = pd.DataFrame({"x": [10 * w // 500 for w in ESP2013], "n": [w // 50 for w in ESP2013]})
    result = phe_dsr(data, "x", "n")
    assert math.isclose(result.loc[0, "value"], 1e5 * 10 / 10)


def test_a_dsr_below_ten_events_is_suppressed():
    data = pd.DataFrame({"x": [4, 5], "n": [100, 100], "w": [1, 1]})
    result = phe_dsr(data, "x", "n", stdpop="w")
    assert math.isnan(result.loc[0, "value"])
    assert result.loc[0, "statistic"] == "dsr NA for total count < 10"
    assert result.loc[0, "reason"] == "total count 9 is below 10"


def test_an_area_like_its_reference_has_a_ratio_of_one():
    data = pd.DataFrame({"x": [10, 20], "n": [100, 100], "rx": [100, 200], "rn": [1000, 1000]})
    assert phe_isr_ratio(data, "x", "n", x_ref="rx", n_ref="rn").loc[0, "value"] == 1.0


@pytest.mark.parametrize(
    "invert, expected",
    [(True, [2, 2, 1, 1]), (False, [1, 1, 2, 2])],
)
def test_quantiles_put_the_highest_values_first_when_inverted(invert, expected):
    data = pd.DataFrame({"value": [1.0, 2.0, 3.0, 4.0]})
    assert phe_quantile(data, "value", nquantiles=2, invert=invert)["quantile"].tolist() == expected


def test_too_few_areas_for_the_quantiles_gives_a_reason():
    result = phe_quantile(pd.DataFrame({"value": [1.0, 2.0]}), "value", nquantiles=5)
    assert result["quantile"].isna().all()
    assert result.loc[0, "reason"] == "the group has 2 areas with values, fewer than 5 quantiles"


counts = st.integers(min_value=0, max_value=10**6)
levels = st.sampled_from([0.8, 0.9, 0.95, 0.99, 0.998])


@given(counts, st.integers(min_value=1, max_value=10**6), levels)
def test_wilson_limits_bracket_the_proportion_and_lie_in_zero_to_one(x, extra, level):
    n = x + extra
    lower = float(intervals.wilson_lower(x, n, level))
    upper = float(intervals.wilson_upper(x, n, level))
    assert 0 <= lower <= x / n <= upper <= 1 + 1e-12


@given(counts, levels)
def test_poisson_count_limits_bracket_the_count(x, level):
    lower, upper = intervals.poisson_count_limits([x], level)
    assert float(lower[0]) <= x <= float(upper[0])


@given(counts)
def test_wider_confidence_gives_wider_count_limits(x):
    lower95, upper95 = intervals.poisson_count_limits([x], 0.95)
    lower998, upper998 = intervals.poisson_count_limits([x], 0.998)
    assert lower998[0] <= lower95[0] and upper95[0] <= upper998[0]
