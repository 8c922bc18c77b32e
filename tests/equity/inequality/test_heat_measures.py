"""WHO HEAT Plus summary measures on tables small enough to check by hand."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coeval.equity.errors import InputError
from coeval.equity.inequality import heat_measures
from tests.equity.inequality.heat_tables import stratum

Z = 1.959963984540054

# Four regions, region B the reference; populations 200, 100, 100, 100 so the shares
# are 0.4, 0.2, 0.2, 0.2 and the weighted mean is (8000+6000+5000+7000)/500 = 52.
REGIONS = dict(
    subgroups=["A", "B", "C", "D"],
    estimates=[40.0, 60, 50, 70],
    se=[3.0, 3, 3, 3],
    population=[200.0, 100, 100, 100],
)
# Five equal quintiles, 1 the most deprived; weighted mean (50+55+60+70+80)/5 = 63.
QUINTILES = dict(
    subgroups=["Q1", "Q2", "Q3", "Q4", "Q5"], estimates=[50.0, 55, 60, 70, 80], ordered=True
)


def measure(table, name, **options):
    result = heat_measures(table, measures=[name], seed=1, **options)
    assert len(result) == 1
    return result.iloc[0]


@pytest.mark.parametrize(
    ("table", "name", "expected"),
    [
        # Non-ordered, no reference: highest minus lowest estimate, 70 - 40.
        (dict(REGIONS), "D", 30.0),
        (dict(REGIONS), "R", 70 / 40),
        # Reference B, favourable: B minus the lowest other, 60 - 40.
        (dict(REGIONS, reference=[0, 1, 0, 0]), "D", 20.0),
        # Reference B, adverse: highest other minus B, 70 - 60.
        (dict(REGIONS, reference=[0, 1, 0, 0], favourable=0), "D", 10.0),
        # Ordered, favourable: most advantaged end minus most deprived, 80 - 50.
        (dict(QUINTILES), "D", 30.0),
        # Ordered, adverse: most deprived end minus most advantaged, 50 - 80.
        (dict(QUINTILES, favourable=0), "D", -30.0),
        (dict(QUINTILES, favourable=0), "R", 50 / 80),
        # PAR: best (70) minus the mean (52) = 18; PAF = 18 / 52 x 100.
        (dict(REGIONS), "PAR", 18.0),
        (dict(REGIONS), "PAF", 1800 / 52),
        # Adverse: best is the lowest (40); 40 - 52 = -12.
        (dict(REGIONS, favourable=0), "PAR", -12.0),
        # Reference B: 60 - 52 = 8.
        (dict(REGIONS, reference=[0, 1, 0, 0]), "PAR", 8.0),
        # Ordered: the most advantaged quintile, 80 - 63 = 17.
        (dict(QUINTILES), "PAR", 17.0),
        # The supplied setting average replaces the weighted mean when asked: 60 - 55.
        (dict(REGIONS, reference=[0, 1, 0, 0], setting_average=55.0), "PAR", 5.0),
        # BGV: 0.4 x 12^2 + 0.2 x 8^2 + 0.2 x 2^2 + 0.2 x 18^2 = 57.6+12.8+0.8+64.8 = 136.
        (dict(REGIONS), "BGV", 136.0),
        (dict(REGIONS), "BGSD", math.sqrt(136)),
        (dict(REGIONS), "COV", 100 * math.sqrt(136) / 52),
        # MDMU: (12 + 8 + 2 + 18) / 4 = 10; MDMW: 0.4x12 + 0.2x(8+2+18) = 10.4.
        (dict(REGIONS), "MDMU", 10.0),
        (dict(REGIONS), "MDMW", 10.4),
        # Best is 70: MDBU (30 + 10 + 20 + 0) / 4 = 15; MDBW 0.4x30 + 0.2x(10+20) = 18.
        (dict(REGIONS), "MDBU", 15.0),
        (dict(REGIONS), "MDBW", 18.0),
        # Adverse: best is 40: (0 + 20 + 10 + 30) / 4 = 15; 0.2 x 60 = 12.
        (dict(REGIONS, favourable=0), "MDBW", 12.0),
        # Reference 60: MDRU (20 + 0 + 10 + 10) / 4 = 10; MDRW 0.4x20 + 0.2x20 = 12.
        (dict(REGIONS, reference=[0, 1, 0, 0]), "MDRU", 10.0),
        (dict(REGIONS, reference=[0, 1, 0, 0]), "MDRW", 12.0),
        # IDISU: 10 / 52 x 100; IDISW: 10.4 / 52 x 100 = 20.
        (dict(REGIONS), "IDISU", 1000 / 52),
        (dict(REGIONS), "IDISW", 20.0),
        # TI = 1000 x sum p r ln r and MLD = 1000 x sum p (-ln r), with r = y / 52.
        (dict(REGIONS), "TI", 1000 * sum(p * y / 52 * math.log(y / 52)
                                         for p, y in zip([.4, .2, .2, .2], [40, 60, 50, 70]))),
        (dict(REGIONS), "MLD", 1000 * sum(-p * math.log(y / 52)
                                          for p, y in zip([.4, .2, .2, .2], [40, 60, 50, 70]))),
        # RCI = 2 cov_w(y, rank) / mean; ranks 0.1..0.9, (y - 63) x (rank - 0.5) summed
        # with weight 0.2: 0.2 x (5.2 + 1.6 + 0 + 1.4 + 6.8) = 3, so RCI = 6 / 63.
        (dict(QUINTILES), "RCI", 6 / 63),
        (dict(QUINTILES), "ACI", 6.0),
    ],
)  # fmt: skip
def test_each_measure_matches_the_hand_calculation(table, name, expected):
    options = {"prefer_setting_average": True} if table.get("setting_average") else {}
    row = measure(stratum(**table), name, **options)
    assert row["reason"] is None
    assert row["estimate"] == pytest.approx(expected, rel=1e-12)


def test_difference_interval_adds_the_two_variances():
    # se 3 and 4: se(D) = 5, limits 30 -+ 1.96 x 5.
    row = measure(stratum(**dict(REGIONS, se=[3.0, 9, 9, 4])), "D")
    assert row["se"] == pytest.approx(5.0)
    assert (row["lowercl"], row["uppercl"]) == pytest.approx((30 - Z * 5, 30 + Z * 5))
    assert row["interval_method"] == "analytic"


def test_ratio_interval_is_symmetric_on_the_log_scale():
    row = measure(stratum(**REGIONS), "R")
    # se(R) = sqrt((3^2 + 1.75^2 x 3^2) / 40^2) and log limits are log R -+ z se / R.
    se = math.sqrt((9 + 1.75**2 * 9) / 1600)
    assert row["se"] == pytest.approx(se)
    assert row["lowercl"] == pytest.approx(1.75 * math.exp(-Z * se / 1.75))
    assert row["uppercl"] == pytest.approx(1.75 * math.exp(Z * se / 1.75))


def test_simulated_measures_bracket_their_estimate_and_say_so():
    result = heat_measures(stratum(**REGIONS), measures=["BGSD", "MDBU", "IDISW"], seed=3)
    assert (result["interval_method"] == "simulated").all()
    assert (result["lowercl"] < result["uppercl"]).all()


def test_the_same_seed_gives_the_same_simulated_interval():
    one = heat_measures(stratum(**REGIONS), measures=["COV"], seed=5)
    two = heat_measures(stratum(**REGIONS), measures=["COV"], seed=5)
    pd.testing.assert_frame_equal(one, two)


def test_who_sii_recovers_a_logistic_gradient():
    # Proportions exactly on a logistic line in rank with large equal populations:
    # the fitted line gives SII = 100 x (expit(b0 + b1) - expit(b0)).
    b0, b1 = -1.0, 1.5
    ranks = np.array([0.1, 0.3, 0.5, 0.7, 0.9])
    percents = np.round(100 / (1 + np.exp(-(b0 + b1 * ranks))), 4)
    table = stratum(
        [f"Q{i}" for i in range(1, 6)], list(percents), population=[1e6] * 5, ordered=True
    )
    expit = lambda v: 1 / (1 + math.exp(-v))  # noqa: E731
    assert measure(table, "SII")["estimate"] == pytest.approx(
        100 * (expit(0.5) - expit(-1)), rel=1e-4
    )
    assert measure(table, "RII")["estimate"] == pytest.approx(expit(0.5) / expit(-1), rel=1e-4)


@pytest.mark.parametrize(
    ("table", "name", "reason"),
    [
        (dict(REGIONS), "ACI", "ACI needs an ordered dimension; 'dim' is not ordered"),
        (dict(REGIONS), "SII", "SII needs an ordered dimension; 'dim' is not ordered"),
        (dict(QUINTILES), "BGV", "BGV is for non-ordered dimensions; 'dim' is ordered"),
        (dict(REGIONS), "MDRU", "MDRU needs exactly one reference subgroup with an estimate"),
        (dict(subgroups=["F", "M"], estimates=[60.0, 50]), "TI",
         "TI needs more than two subgroups; 'dim' has 2"),
        (dict(subgroups=["F", "M"], estimates=[60.0, 0]), "R",
         "R subgroup 'M' has an estimate of 0, so R divides by 0"),
        (dict(QUINTILES, estimates=[np.nan, 55, 60, 70, 80]), "D",
         "D needs estimates for both ends of ordered dimension 'dim'"),
        (dict(QUINTILES, estimates=[50, 55, np.nan, 70, 80]), "RCI",
         "RCI needs an estimate for every subgroup; 1 missing"),
        (dict(REGIONS, population=[np.nan, 1, 1, 1]), "BGV",
         "BGV needs the population of every subgroup"),
    ],
)  # fmt: skip
def test_a_measure_that_does_not_apply_is_na_with_its_reason(table, name, reason):
    row = measure(stratum(**table), name)
    assert math.isnan(row["estimate"])
    assert row["reason"] == reason


def test_missing_standard_errors_keep_the_estimate_and_explain_the_missing_interval():
    row = measure(stratum(**dict(REGIONS, se=[np.nan] * 4)), "D")
    assert row["estimate"] == 30
    assert row["interval_method"] == "none"
    assert row["reason"] == "no standard errors, so no interval"


def test_default_measures_follow_the_dimension_type():
    table = pd.concat(
        [
            stratum(**QUINTILES, dimension="deprivation"),
            stratum(**REGIONS, dimension="region"),
            stratum(["F", "M"], [60.0, 50], dimension="sex"),
        ]
    )
    chosen = heat_measures(table, seed=1).groupby("dimension")["measure"].apply(list)
    assert chosen["sex"] == ["D", "R", "PAF", "PAR"]
    assert chosen["deprivation"] == ["D", "R", "PAF", "PAR", "ACI", "RCI", "SII", "RII"]
    assert "MDRU" not in chosen["region"] and "TI" in chosen["region"]


def test_the_output_has_the_tidy_columns_the_cli_writes():
    result = heat_measures(stratum(**REGIONS), measures=["D"])
    assert list(result.columns) == [
        "setting", "date", "source", "indicator", "dimension", "measure", "estimate", "se",
        "lowercl", "uppercl", "interval_method", "confidence", "reason",
    ]  # fmt: skip


def test_an_unknown_measure_is_an_input_error_listing_the_choices():
    with pytest.raises(InputError, match="measures: unknown GINI; choose from D, R"):
        heat_measures(stratum(**REGIONS), measures=["gini"])


estimates = st.lists(st.floats(1, 100), min_size=3, max_size=8)


@settings(max_examples=25, deadline=None)
@given(st.floats(1, 100), st.integers(3, 8))
def test_all_differences_are_zero_when_every_subgroup_is_equal(value, n):
    table = stratum([f"g{i}" for i in range(n)], [value] * n)
    result = heat_measures(table, measures=["D", "BGV", "MDMW", "MDBU", "IDISU", "TI", "MLD"])
    assert np.allclose(result["estimate"], 0, atol=1e-9)


@settings(max_examples=25, deadline=None)
@given(estimates)
def test_theil_and_mean_log_deviation_are_never_negative(values):
    table = stratum([f"g{i}" for i in range(len(values))], values)
    result = heat_measures(table, measures=["TI", "MLD"])
    assert (result["estimate"] >= -1e-9).all()


def test_paf_standard_error_is_walters_formula_on_the_2x2_table():
    # Best subgroup D: 70% of 100 people; setting 52% of 500. The 2x2 table is
    # c = 70, d = 30, a = 0.52 x 500 - 70 = 190, b = 500 - 190 - 100 = 210, N = 500.
    row = measure(stratum(**REGIONS), "PAF")
    expected = math.sqrt(70 * 500 * (190 * 30 * 430 + 210 * 70**2) / (260**3 * 100**3))
    assert row["se"] == pytest.approx(expected)


@pytest.mark.parametrize(("favourable", "reference", "expected"), [(1, 0, 0.0), (0, 3, 0.0)])
def test_par_is_zero_when_the_reference_is_on_the_wrong_side_of_the_mean(
    favourable, reference, expected
):
    # Favourable with reference A (40 < 52): no gain possible. Adverse with reference
    # D (70 > 52): no risk to remove.
    flags = [0, 0, 0, 0]
    flags[reference] = 1
    row = measure(stratum(**dict(REGIONS, favourable=favourable, reference=flags)), "PAR")
    assert row["estimate"] == expected
