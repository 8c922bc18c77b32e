"""Spec tests: small tables in, expected aggregates out, on every engine."""

import pandas as pd
import pytest

from coeval.equity.dimensions import AgeBands, Column, Deprivation, Ethnicity, Sex
from coeval.equity.errors import InputError
from coeval.equity.spec import AnalysisSpec, Count, Filter, Indicator, Periods

from .conftest import run

ATTENDED = Indicator(
    name="Attended", type="proportion", numerator=Count(where=(Filter("attended", "==", 1),))
)
QUINTILE = Deprivation("imd", column="decile", edition="IMD2019", level="decile")


def rows(**columns):
    return pd.DataFrame(columns)


def test_a_proportion_counts_rows_by_imd_quintile_made_from_deciles(engine):
    data = rows(decile=[1, 2, 2, 3, 10, 9], attended=[1, 0, 1, 1, 0, 1])
    spec = AnalysisSpec(indicator=ATTENDED, dimensions=(QUINTILE,))
    assert run(engine, spec, data) == [
        # imd, numerator, denominator
        ("1", 2, 3),
        ("2", 1, 1),
        ("5", 1, 2),
    ]


def test_counts_are_split_by_period_and_unlisted_periods_are_left_out(engine):
    data = rows(
        year=[2022, 2022, 2023, 2023, 2024], attended=[1, 0, 1, 1, 1], decile=[1, 1, 1, 1, 1]
    )
    spec = AnalysisSpec(
        indicator=ATTENDED, dimensions=(QUINTILE,), periods=Periods("year", values=(2022, 2023))
    )
    assert run(engine, spec, data) == [("1", "2022", 1, 2), ("1", "2023", 2, 2)]


def test_the_numerator_is_counted_only_among_denominator_rows(engine):
    indicator = Indicator(
        name="Attended when eligible",
        type="proportion",
        numerator=Count(where=(Filter("attended", "==", 1),)),
        denominator=Count(where=(Filter("eligible", "==", True),)),
    )
    data = rows(eligible=[True, True, False, True], attended=[1, 0, 1, None])
    assert run(engine, AnalysisSpec(indicator=indicator), data) == [(1, 3)]


def test_a_missing_value_never_matches_a_filter_even_not_equal(engine):
    indicator = Indicator(
        name="Not attended",
        type="proportion",
        numerator=Count(where=(Filter("outcome", "!=", "attended"),)),
        denominator=Count(where=(Filter("outcome", "not null"),)),
    )
    data = rows(outcome=["attended", "dna", None, "cancelled"])
    assert run(engine, AnalysisSpec(indicator=indicator), data) == [(2, 3)]


def test_a_list_filter_keeps_rows_whose_value_is_listed(engine):
    indicator = Indicator(
        name="Seen",
        type="proportion",
        numerator=Count(where=(Filter("outcome", "in", ("seen", "treated")),)),
        denominator=Count(where=(Filter("age", ">=", 18),)),
    )
    data = rows(outcome=["seen", "treated", "dna", "seen"], age=[30, 40, 50, 12])
    assert run(engine, AnalysisSpec(indicator=indicator), data) == [(2, 3)]


def test_pre_aggregated_counts_are_summed(engine):
    indicator = Indicator(
        name="Screened",
        type="proportion",
        numerator=Count(column="screened"),
        denominator=Count(column="eligible"),
    )
    data = rows(decile=[1, 2, 3, 4], screened=[10, 20, 5, 0], eligible=[40, 50, 5, 7])
    spec = AnalysisSpec(indicator=indicator, dimensions=(QUINTILE,))
    assert run(engine, spec, data) == [("1", 30, 90), ("2", 5, 12)]


def test_ethnicity_codes_labels_and_nhs_letters_fall_into_the_five_groups(engine):
    data = rows(eth=["A", "13", "Indian", "H", "N", None, "Z", "arab"], attended=[1] * 8)
    spec = AnalysisSpec(indicator=ATTENDED, dimensions=(Ethnicity("ethnicity", column="eth"),))
    assert run(engine, spec, data) == [
        ("Asian", 2, 2),
        ("Black", 1, 1),
        ("Other", 1, 1),
        ("Unknown", 2, 2),
        ("White", 2, 2),
    ]


def test_every_dimension_is_crossed_in_one_table(engine):
    data = rows(
        decile=[1, 1, 1, 6], sex=["M", "F", "2", "1"], age=[5, 70, 70, 30], attended=[1, 1, 0, 1]
    )
    spec = AnalysisSpec(
        indicator=ATTENDED,
        dimensions=(
            QUINTILE,
            Sex("sex", column="sex"),
            AgeBands("age", column="age", bands=(0, 18, 65)),
        ),
    )
    assert run(engine, spec, data) == [
        ("1", "Female", "65+", 1, 2),
        ("1", "Male", "0-17", 1, 1),
        ("3", "Male", "18-64", 1, 1),
    ]


def test_any_other_column_is_a_dimension_as_it_is(engine):
    data = rows(practice=["P1", "P2", "P1", None], attended=[1, 1, 0, 1])
    spec = AnalysisSpec(indicator=ATTENDED, dimensions=(Column("practice", column="practice"),))
    assert run(engine, spec, data) == [("P1", 1, 2), ("P2", 1, 1), ("Unknown", 1, 1)]


def test_a_mean_returns_the_sum_count_and_sum_of_squares(engine):
    indicator = Indicator(name="BMI", type="mean", value="bmi")
    data = rows(sex=[1, 1, 2, 2], bmi=[20.0, 30.0, 25.0, None])
    spec = AnalysisSpec(indicator=indicator, dimensions=(Sex("sex", column="sex"),))
    assert run(engine, spec, data) == [("Female", 25, 1, 625), ("Male", 50, 2, 1300)]


def test_a_dsr_is_broken_down_by_standard_population_age_band(engine):
    indicator = Indicator(
        name="Deaths",
        type="dsr",
        numerator=Count(column="deaths"),
        denominator=Count(column="population"),
        age="age",
    )
    data = rows(age=[0, 3, 47, 95], deaths=[1, 2, 3, 4], population=[100, 100, 200, 50])
    assert run(engine, AnalysisSpec(indicator=indicator), data) == [
        ("0-4", 3, 200),
        ("45-49", 3, 200),
        ("90+", 4, 50),
    ]


def test_a_quintile_can_be_reported_as_the_core20_flag(engine):
    core20 = Deprivation("core20", column="q", edition="IoD2025", level="quintile", output="core20")
    data = rows(q=[1, 1, 2, 5], attended=[1, 0, 1, 1])
    spec = AnalysisSpec(indicator=ATTENDED, dimensions=(core20,))
    assert run(engine, spec, data) == [("Core20", 1, 2), ("Not Core20", 2, 2)]


def test_an_lsoa_is_given_its_decile_from_the_lookup_file(engine, tmp_path):
    lookup = tmp_path / "iod2025.csv"
    lookup.write_text("LSOA21CD,IMD_Decile\nE01000001,1\nE01000002,4\nE01000003,10\n")
    imd = Deprivation(
        "imd", column="lsoa", edition="IoD2025", level="lsoa", lookup=str(lookup),
        lookup_decile_column="IMD_Decile",
    )  # fmt: skip
    data = rows(lsoa=["E01000001", "e01000002 ", "E01000003", None], attended=[1, 1, 0, 1])
    spec = AnalysisSpec(indicator=ATTENDED, dimensions=(imd,))
    table = run(engine, spec, data)
    assert table == [("1", 1, 1), ("2", 1, 1), ("5", 0, 1), ("Unknown", 1, 1)]


def test_an_unknown_code_is_reported_with_its_file_column_and_rows(engine):
    data = rows(eth=["A", "Q", "B", "Q"], attended=[1, 1, 1, 1])
    spec = AnalysisSpec(indicator=ATTENDED, dimensions=(Ethnicity("ethnicity", column="eth"),))
    with pytest.raises(
        InputError, match=r"file 'rows.csv', column 'eth', row 3: unknown code 'Q'.*\(rows 3, 5\)"
    ):
        run(engine, spec, data)


@pytest.mark.parametrize(
    "screened, eligible, message",
    [
        ([1, -2], [5, 5], r"column 'screened', row 3: negative count"),
        ([1, 6], [5, 5], r"column 'screened', row 3: numerator is over its denominator"),
        ([1, 2], [5, None], r"column 'eligible', row 3: missing count"),
    ],
)
def test_impossible_counts_are_reported_with_their_row(engine, screened, eligible, message):
    indicator = Indicator(
        name="Screened",
        type="proportion",
        numerator=Count(column="screened"),
        denominator=Count(column="eligible"),
    )
    with pytest.raises(InputError, match=message):
        run(engine, AnalysisSpec(indicator=indicator), rows(screened=screened, eligible=eligible))


def test_a_missing_column_is_named_before_any_work(engine):
    spec = AnalysisSpec(indicator=ATTENDED, dimensions=(QUINTILE,))
    with pytest.raises(InputError, match=r"file 'rows.csv', column 'decile': missing column"):
        run(engine, spec, rows(attended=[1]))
