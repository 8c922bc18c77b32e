import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coeval.equity.disclosure import RULE_COLUMN, DisclosureRule, apply
from coeval.equity.errors import InputError

DEFAULT = DisclosureRule()


def published(table: pd.DataFrame, column: str) -> list:
    return [None if pd.isna(v) else int(v) for v in table[column]]


@pytest.mark.parametrize(
    "count, shown",
    [(0, 0), (1, None), (7, None), (8, 10), (12, 10), (13, 15), (100, 100), (102, 100)],
)
def test_default_rule_suppresses_one_to_seven_and_rounds_the_rest_to_five(count, shown):
    table = pd.DataFrame({"n": [count]})
    assert published(apply(table, DEFAULT, ["n"]), "n") == [shown]


def test_a_lone_suppressed_cell_takes_the_smallest_other_cell_in_its_group_with_it():
    table = pd.DataFrame({"quintile": [1, 2, 3, 4, 5], "n": [5, 40, 12, 30, 50]})
    out = apply(table, DEFAULT, ["n"])
    assert published(out, "n") == [None, 40, None, 30, 50]


def test_secondary_suppression_prefers_a_non_zero_cell_over_a_zero():
    table = pd.DataFrame({"n": [3, 0, 20, 9]})
    assert published(apply(table, DEFAULT, ["n"]), "n") == [None, 0, 20, None]


def test_two_suppressed_cells_need_no_secondary_suppression():
    table = pd.DataFrame({"n": [3, 4, 20, 9]})
    assert published(apply(table, DEFAULT, ["n"]), "n") == [None, None, 20, 10]


def test_secondary_suppression_works_within_each_group_separately():
    table = pd.DataFrame({"period": ["a", "a", "a", "b", "b", "b"], "n": [2, 30, 40, 20, 30, 40]})
    out = apply(table, DEFAULT, ["n"], groups=[["period"]])
    assert published(out, "n") == [None, None, 40, 20, 30, 40]


def test_two_way_tables_are_protected_along_both_margins():
    # Hiding the 3 hides the 20 beside it (row margin), which leaves the 20 alone in
    # its column, so the smallest other cell in that column is hidden as well.
    table = pd.DataFrame(
        {
            "sex": ["F", "F", "M", "M"],
            "quintile": [1, 2, 1, 2],
            "n": [3, 20, 25, 30],
        }
    )
    out = apply(table, DEFAULT, ["n"], groups=[["sex"], ["quintile"]])
    assert published(out, "n") == [None, None, None, None]


def test_a_rate_derived_from_a_suppressed_count_is_suppressed_too():
    table = pd.DataFrame({"numerator": [3, 50], "denominator": [100, 100], "value": [3.0, 50.0]})
    out = apply(table, DEFAULT, ["numerator", "denominator"], derived_columns=["value"])
    assert out["value"].isna().tolist() == [True, True]
    assert published(out, "denominator") == [100, 100]


def test_every_output_records_the_rule_applied():
    out = apply(pd.DataFrame({"n": [10]}), DEFAULT, ["n"])
    assert out[RULE_COLUMN].tolist() == ["suppress 1–7; round to 5; secondary suppression"]
    assert out.attrs["disclosure"] == "suppress 1–7; round to 5; secondary suppression"


def test_the_rule_is_configurable_for_other_data_owners():
    rule = DisclosureRule(suppress_min=1, suppress_max=10, round_to=10, secondary=False)
    out = apply(pd.DataFrame({"n": [9, 11, 26]}), rule, ["n"])
    assert published(out, "n") == [None, 10, 30]
    assert out[RULE_COLUMN].iloc[0] == "suppress 1–10; round to 10"


def test_no_rule_leaves_counts_untouched_and_says_so():
    out = apply(pd.DataFrame({"n": [1, 2]}), DisclosureRule.none(), ["n"])
    assert published(out, "n") == [1, 2]
    assert out[RULE_COLUMN].iloc[0] == "no disclosure control"


def test_the_input_table_is_not_changed():
    table = pd.DataFrame({"n": [3, 30]})
    apply(table, DEFAULT, ["n"])
    assert table["n"].tolist() == [3, 30]


def test_a_negative_count_is_reported_with_its_column_and_row():
    with pytest.raises(InputError, match=r"column 'n', row 2: negative count"):
        apply(pd.DataFrame({"n": [3, -1]}), DEFAULT, ["n"])


def test_a_missing_count_column_is_named():
    with pytest.raises(InputError, match="no column 'deaths'"):
        apply(pd.DataFrame({"n": [3]}), DEFAULT, ["deaths"])


@pytest.mark.parametrize(
    "field, value", [("suppress_max", -1), ("round_to", 2.5), ("suppress_min", True)]
)
def test_a_bad_rule_setting_is_refused_by_name(field, value):
    with pytest.raises(InputError, match=f"disclosure.{field}"):
        DisclosureRule(**{field: value})


counts = st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(groups=st.lists(counts, min_size=1, max_size=4))
def test_no_published_count_is_small_and_no_hidden_cell_can_be_recovered(groups):
    table = pd.DataFrame(
        [(g, n) for g, cells in enumerate(groups) for n in cells], columns=["group", "n"]
    )
    out = apply(table, DEFAULT, ["n"], groups=[["group"]])
    shown = out["n"].dropna()
    assert not shown.between(1, 7).any()
    for _, cells in out.groupby("group"):
        # A published total minus the published cells leaves the sum of the hidden
        # ones; that sum reveals a cell only when exactly one cell is hidden.
        assert cells["n"].isna().sum() != 1 or len(cells) == 1
