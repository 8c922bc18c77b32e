"""Change in inequality between periods, and the sentence that states it."""

import pandas as pd
import pytest

from coeval.equity.errors import InputError
from coeval.equity.inequality import compare_inequality, compare_periods, phe_sii, sii_long

Z = 1.959963984540054


def periods(rows):
    return pd.DataFrame(rows, columns=["year", "measure", "estimate", "lowercl", "uppercl"])


def test_a_gap_that_shrinks_clearly_is_narrowed_with_its_interval_and_sentence():
    # D from 20 (se 2) to 10 (se 2): change -10, se sqrt(8), limits -10 -+ 1.96 x 2.83.
    table = periods(
        [(2019, "D", 20, 20 - 2 * Z, 20 + 2 * Z), (2023, "D", 10, 10 - 2 * Z, 10 + 2 * Z)]
    )
    row = compare_inequality(table, "year", 2019, 2023).iloc[0]
    assert row["change"] == pytest.approx(-10)
    assert row["change_lowercl"] == pytest.approx(-10 - Z * 8**0.5)
    assert row["verdict"] == "narrowed"
    assert row["sentence"] == (
        "Between 2019 and 2023 inequality narrowed: the difference between subgroups went "
        "from 20.0 to 10.0, a change of -10.0 (95% CI -15.5 to -4.46)."
    )


@pytest.mark.parametrize(
    ("before", "after", "verdict"),
    [
        ((-20, -24, -16), (-10, -14, -6), "narrowed"),  # a negative SII moving toward 0
        ((10, 6, 14), (20, 16, 24), "widened"),
        ((10, 6, 14), (11, 7, 15), "no clear change"),
    ],
)
def test_the_verdict_reads_distance_from_equality_not_the_sign(before, after, verdict):
    table = periods([(1, "SII", *before), (2, "SII", *after)])
    assert compare_inequality(table, "year", 1, 2).loc[0, "verdict"] == verdict


def test_ratios_are_compared_as_a_ratio_of_ratios():
    # RII 2.0 then 1.5: the ratio of ratios is 0.75, closer to 1, so narrowed.
    table = periods([(1, "RII", 2.0, 1.9, 2.1), (2, "RII", 1.5, 1.45, 1.55)])
    row = compare_inequality(table, "year", 1, 2).iloc[0]
    assert row["change"] == pytest.approx(0.75)
    assert row["change_scale"] == "ratio"
    assert row["verdict"] == "narrowed"
    assert "a ratio of 0.750" in row["sentence"]


def test_several_periods_are_each_compared_with_the_previous_or_the_first():
    table = periods([(y, "D", v, v - 1, v + 1) for y, v in [(1, 30), (2, 20), (3, 10)]])
    previous = compare_periods(table, "year")
    assert list(zip(previous["before"], previous["after"])) == [(1, 2), (2, 3)]
    first = compare_periods(table, "year", against="first")
    assert first["change"].tolist() == [-10, -20]


def test_phe_sii_results_can_be_compared_after_sii_long(reference_dir):
    data = pd.read_csv(reference_dir / "phe" / "DSR_testdata.csv")
    sii = phe_sii(data, "Quintile", "total_pop", value="value", lower_cl="lowercl",
                  upper_cl="uppercl", value_type=1, transform=True, rii=True,
                  group_by=["Period"], interval="analytic")  # fmt: skip
    change = compare_inequality(sii_long(sii), "Period", 2010, 2015)
    assert change["measure"].tolist() == ["SII", "RII"]
    assert change.loc[0, "change"] == pytest.approx(
        sii.loc[sii.Period == 2015, "sii"].item() - sii.loc[sii.Period == 2010, "sii"].item()
    )


def test_a_period_with_no_rows_is_an_input_error():
    table = periods([(1, "D", 1, 0, 2)])
    with pytest.raises(InputError, match="column 'year': no rows for period 9"):
        compare_inequality(table, "year", 1, 9)


@pytest.mark.parametrize(
    ("before", "after", "verdict"),
    [
        ((40, 37, 43), (46, 43, 49), "rose"),
        ((40, 37, 43), (34, 31, 37), "fell"),
        ((40, 37, 43), (41, 38, 44), "no clear change"),
        ((40, 37, 43), (float("nan"),) * 3, "not calculable"),
    ],
)
def test_a_value_rises_falls_or_does_not_clearly_change(before, after, verdict):
    from coeval.equity.inequality import compare_values

    table = pd.DataFrame([(1, *before), (2, *after)],
                         columns=["year", "estimate", "lowercl", "uppercl"])  # fmt: skip
    row = compare_values(table, "year", 1, 2).iloc[0]
    assert row["verdict"] == verdict
    assert row["measure"] == "value" and row["change_scale"] == "difference"


def test_values_are_compared_within_each_group():
    from coeval.equity.inequality import compare_values

    table = pd.DataFrame(
        {
            "year": [1, 2, 1, 2],
            "quintile": [1, 1, 5, 5],
            "estimate": [10.0, 20.0, 30.0, 30.0],
            "lowercl": [9.0, 19.0, 29.0, 29.0],
            "uppercl": [11.0, 21.0, 31.0, 31.0],
        }
    )
    result = compare_values(table, "year", 1, 2, by=["quintile"]).set_index("quintile")
    assert result.loc[1, "change"] == 10 and result.loc[1, "verdict"] == "rose"
    assert result.loc[5, "change"] == 0 and result.loc[5, "verdict"] == "no clear change"
