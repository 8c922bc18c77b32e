"""phe_sii against PHEindicatormethods 2.1.0: its fixture and the generated files."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coeval.equity.errors import InputError
from coeval.equity.inequality import phe_sii

# Monte-Carlo tolerances from reference/phe/README.md: a fraction of
# max(|expected limit|, half-width of the expected interval).
TOLERANCE = {"95_0": 0.03, "99_8": 0.06}


def assert_points_match(got, expected, keys):
    merged = expected.merge(got, on=keys, suffixes=("_expected", ""))
    assert len(merged) == len(expected)
    for column in ("sii", "rii", "intercept"):
        np.testing.assert_allclose(merged[column], merged[f"{column}_expected"], rtol=1e-9)
    return merged


def assert_limits_match(merged, levels, scale=1.0):
    for level in levels:
        for stat in ("sii", "rii"):
            upper, lower = (
                merged[f"{stat}_upper{level}cl_expected"],
                merged[f"{stat}_lower{level}cl_expected"],
            )
            half_width = (upper - lower) / 2
            for side in ("lower", "upper"):
                column = f"{stat}_{side}{level}cl"
                expected = merged[f"{column}_expected"]
                allowed = scale * TOLERANCE[level] * np.maximum(expected.abs(), half_width)
                worst = ((merged[column] - expected).abs() - allowed).max()
                assert worst <= 0, f"{column} off by {worst} beyond tolerance"


@pytest.fixture(scope="module")
def phe(reference_dir):
    return reference_dir / "phe"


@pytest.mark.parametrize("interval", ["simulation", "analytic"])
def test_life_expectancy_by_decile_matches_phe_at_two_levels(phe, interval):
    data = pd.read_csv(phe / "LE_testdata.csv")
    got = phe_sii(
        data, "Decile", "Pop", value="LifeExp", se="SE", confidence=[0.95, 0.998],
        rii=True, intercept=True, group_by=["Sex", "GeoCode"], seed=301, interval=interval,
    )  # fmt: skip
    expected = pd.read_csv(phe / "phe_sii_expected_LE_testdata.csv")
    merged = assert_points_match(got, expected, ["Sex", "GeoCode"])
    assert_limits_match(merged, ["95_0", "99_8"])


def test_an_area_with_one_decile_is_na_with_a_reason_not_dropped(phe):
    data = pd.read_csv(phe / "LE_testdata.csv")
    got = phe_sii(data, "Decile", "Pop", value="LifeExp", se="SE", group_by=["Sex", "GeoCode"],
                  repetitions=1000, seed=1)  # fmt: skip
    dropped = got[got["GeoCode"] == "E06000053"]
    assert len(dropped) == 2
    assert dropped["sii"].isna().all()
    assert (dropped["reason"] == "has data for 1 of the 10 quantiles").all()
    assert got["reason"].notna().sum() == 2


@pytest.mark.parametrize(
    ("transform", "rows", "seed"), [(True, slice(0, 6), 302), (False, slice(6, 12), 303)]
)
@pytest.mark.parametrize("interval", ["simulation", "analytic"])
def test_standardised_rates_by_quintile_match_phe_with_and_without_log(
    phe, transform, rows, seed, interval
):
    data = pd.read_csv(phe / "DSR_testdata.csv")
    got = phe_sii(
        data, "Quintile", "total_pop", value="value", lower_cl="lowercl", upper_cl="uppercl",
        value_type=1, transform=transform, rii=True, intercept=True, group_by=["Period"],
        seed=seed, interval=interval,
    )  # fmt: skip
    expected = pd.read_csv(phe / "phe_sii_expected_DSR_testdata.csv").iloc[rows]
    merged = assert_points_match(got, expected, ["Period"])
    assert_limits_match(merged, ["95_0"])
    assert (got["transform"] == ("log" if transform else "none")).all()


def test_proportions_with_logit_and_negative_multiplier_match_phe(phe):
    data = pd.read_csv(phe / "NCMP_testdata.csv", dtype={"SchoolYear": str})
    data[["Rate", "LCL", "UCL"]] = data[["Rate", "LCL", "UCL"]] / 100
    got = phe_sii(
        data, "Decile", "Measured", value="Rate", lower_cl="LCL", upper_cl="UCL",
        value_type=2, transform=True, multiplier=-100, rii=True, intercept=True,
        group_by=["Period", "SchoolYear", "AreaCode"], seed=304,
    )  # fmt: skip
    expected = pd.read_csv(phe / "phe_sii_expected_NCMP_testdata.csv", dtype={"SchoolYear": str})
    merged = assert_points_match(got, expected, ["Period", "SchoolYear", "AreaCode"])
    assert_limits_match(merged, ["95_0"])


# Blocks of the package's own workbook (first record, last record, arguments), taken
# from its test script. Only the deterministic point values are compared here.
FIXTURE_BLOCKS = [
    (1, 20, dict(value_type=0, se="StandardError")),
    (1, 20, dict(value_type=0, lower_cl="LowerCL", upper_cl="UpperCL")),
    (61, 70, dict(value_type=0, se="StandardError")),
    (71, 90, dict(value_type=1, se="StandardError")),
    (71, 90, dict(value_type=1, lower_cl="LowerCL", upper_cl="UpperCL")),
    (91, 110, dict(value_type=2, se="StandardError")),
    (246, 265, dict(value_type=0, lower_cl="LowerCL", upper_cl="UpperCL")),
    (306, 325, dict(value_type=1, lower_cl="LowerCL", upper_cl="UpperCL", transform=True)),
    (
        386,
        405,
        dict(value_type=1, lower_cl="LowerCL", upper_cl="UpperCL", transform=True, multiplier=-1),
    ),  # fmt: skip
]


@pytest.mark.parametrize(("first", "last", "arguments"), FIXTURE_BLOCKS)
def test_fixture_blocks_give_the_workbook_sii_rii_and_intercept(phe, first, last, arguments):
    fixture = pd.read_csv(phe / "testdata_SII__testdata_SII.csv")
    block = fixture[fixture["RecordNo"].between(first, last)]
    got = phe_sii(block, "Quantile", "Population", value="Value", repetitions=1000, rii=True,
                  intercept=True, group_by=["Area"], seed=1, **arguments)  # fmt: skip
    expected = block.dropna(subset=["sii"]).set_index("Area")
    got = got.set_index("Area").loc[expected.index]
    np.testing.assert_allclose(got["sii"], expected["sii"], rtol=1e-9)
    np.testing.assert_allclose(got["rii"], expected["rii"], rtol=1e-9)
    if expected["Intercept"].notna().all():
        np.testing.assert_allclose(got["intercept"], expected["Intercept"], rtol=1e-9)


def flat(n=5, value=10.0, se=1.0):
    return pd.DataFrame(
        {"q": range(1, n + 1), "pop": [100.0] * n, "v": [value] * n, "se": [se] * n}
    )


def test_a_flat_gradient_has_sii_zero_and_rii_one():
    got = phe_sii(flat(), "q", "pop", value="v", se="se", rii=True, repetitions=1000, seed=1)
    assert got.loc[0, "sii"] == pytest.approx(0, abs=1e-12)
    assert got.loc[0, "rii"] == pytest.approx(1)


def test_the_same_seed_gives_the_same_limits_and_the_method_is_recorded():
    data = flat().assign(v=[10.0, 11, 12, 14, 15])
    one = phe_sii(data, "q", "pop", value="v", se="se", repetitions=2000, seed=7)
    two = phe_sii(data, "q", "pop", value="v", se="se", repetitions=2000, seed=7)
    pd.testing.assert_frame_equal(one, two)
    assert one.loc[0, "CI_method"] == "Monte-Carlo simulation (2,000 repetitions)"
    analytic = phe_sii(data, "q", "pop", value="v", se="se", interval="analytic")
    assert analytic.loc[0, "CI_method"] == "analytic normal approximation"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (dict(value_type=3), "value_type: 3 is not 0"),
        (dict(transform=True), "transform=True needs value_type 1"),
        (dict(repetitions=10), "repetitions: 10 is below"),
        (dict(confidence=0.5), "confidence: 0.5 is not a level"),
        (dict(interval="bootstrap"), "interval: 'bootstrap'"),
        (dict(group_by=["region"]), "column(s) not found in data: region"),
    ],
)
def test_arguments_wrong_for_the_whole_table_raise_a_named_input_error(arguments, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        phe_sii(flat(), "q", "pop", **{"value": "v", "se": "se", **arguments})


def test_fewer_than_five_quantiles_is_an_input_error_naming_the_column():
    with pytest.raises(InputError, match="column 'q': found 4 different quantiles"):
        phe_sii(flat(4), "q", "pop", value="v", se="se")


@pytest.mark.parametrize(
    ("column", "bad", "reason"),
    [
        ("pop", -1.0, "population is zero, negative or missing for quantile 3"),
        ("se", np.nan, "standard error is missing or negative for quantile 3"),
        ("v", np.nan, "value is missing for quantile 3"),
    ],
)
def test_a_bad_row_makes_its_area_na_with_a_reason_and_leaves_others(column, bad, reason):
    good = flat().assign(area="A")
    broken = flat().assign(area="B")
    broken.loc[2, column] = bad
    got = phe_sii(pd.concat([good, broken]), "q", "pop", value="v", se="se", group_by=["area"],
                  repetitions=1000, seed=1)  # fmt: skip
    assert got["reason"].tolist() == [None, reason]
    assert got["sii"].notna().tolist() == [True, False]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.floats(10, 1e6), min_size=5, max_size=12),
    st.floats(0.1, 1000),
)
def test_any_flat_gradient_gives_sii_zero_and_rii_one_whatever_the_populations(pops, value):
    data = pd.DataFrame({"q": range(1, len(pops) + 1), "pop": pops, "v": value, "se": value / 10})
    got = phe_sii(data, "q", "pop", value="v", se="se", rii=True, interval="analytic")
    assert got.loc[0, "sii"] == pytest.approx(0, abs=1e-9 * value)
    assert got.loc[0, "rii"] == pytest.approx(1, rel=1e-9)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(-50, 50), min_size=5, max_size=10), st.floats(-100, 100))
def test_sii_is_the_slope_of_values_that_lie_on_a_line_in_rank(ignored, slope):
    # Values exactly on 70 + slope x rank are fitted exactly, whatever the weights.
    pops = [abs(x) + 1 for x in ignored]
    share = np.array(pops) / sum(pops)
    rank = np.cumsum(share) - share / 2
    data = pd.DataFrame({"q": range(1, len(pops) + 1), "pop": pops, "v": 70 + slope * rank,
                         "se": 1.0})  # fmt: skip
    got = phe_sii(data, "q", "pop", value="v", se="se", intercept=True, interval="analytic")
    assert got.loc[0, "sii"] == pytest.approx(slope, abs=1e-9)
    assert got.loc[0, "intercept"] == pytest.approx(70, abs=1e-9)
