import ibis
import pandas as pd
import pytest

from coeval.equity.dimensions import (
    MISSING,
    UNRECOGNISED,
    AgeBands,
    Column,
    Deprivation,
    Ethnicity,
    Sex,
    dimension_from_dict,
    known_kinds,
)
from coeval.equity.errors import InputError


def labels(dimension, values):
    """The labels from pandas, after checking that Ibis on DuckDB gives the same."""
    frame = pd.DataFrame({"x": values})
    from_pandas = dimension.label_pandas(frame).tolist()
    table = dimension.prepare_ibis(ibis.memtable(frame))
    from_ibis = ibis.duckdb.connect().execute(dimension.label_ibis(table)).tolist()
    assert from_ibis == from_pandas
    return from_pandas


@pytest.mark.parametrize(
    "level, output, values, expected",
    [
        ("decile", "decile", [1, 10], ["1", "10"]),
        ("decile", "quintile", [1, 2, 3, 10], ["1", "1", "2", "5"]),
        ("decile", "core20", [2, 3], ["Core20", "Not Core20"]),
        ("quintile", "quintile", [1, 5, 6, 0], ["1", "5", UNRECOGNISED, UNRECOGNISED]),
        ("quintile", "core20", [1, None], ["Core20", MISSING]),
    ],
)
def test_imd_deciles_and_quintiles_are_grouped_with_1_most_deprived(
    level, output, values, expected
):
    imd = Deprivation("imd", column="x", edition="IMD2019", level=level, output=output)
    assert labels(imd, values) == expected


def test_an_lsoa_lookup_file_is_checked_row_by_row(tmp_path):
    lookup = tmp_path / "imd.csv"
    lookup.write_text("lsoa_code,imd_decile\nE01000001,3\nE01000002,11\n")
    imd = Deprivation("imd", column="x", edition="IMD2019", level="lsoa", lookup=str(lookup))
    with pytest.raises(InputError, match=r"column 'imd_decile', row 3: decile must be .* not '11'"):
        imd.deciles()


def test_an_lsoa_outside_the_lookup_is_unrecognised(tmp_path):
    lookup = tmp_path / "imd.csv"
    lookup.write_text("lsoa_code,imd_decile\nE01000001,3\n")
    imd = Deprivation("imd", column="x", edition="IMD2019", level="lsoa", lookup=str(lookup))
    assert labels(imd, ["E01000001", "W01000001", ""]) == ["2", UNRECOGNISED, MISSING]
    assert imd.describe_unrecognised() == "LSOA code not in the IMD2019 lookup file"


def test_the_imd_edition_is_required_and_recorded():
    with pytest.raises(InputError, match="edition must be one of IMD2019, IoD2025"):
        Deprivation("imd", column="x", level="decile")
    assert Deprivation("imd", column="x", edition="IoD2025").edition == "IoD2025"


def test_ethnicity_has_the_19_ons_categories_in_5_groups():
    categories = Ethnicity("e", column="x", grouping="category").categories()
    assert len(categories) == 19 + 1  # and Unknown
    assert Ethnicity("e", column="x").categories() == (
        "Asian", "Black", "Mixed", "White", "Other", MISSING,
    )  # fmt: skip


@pytest.mark.parametrize(
    "code, category",
    [
        (3, "Asian: Indian"),
        ("H", "Asian: Indian"),
        ("roma", "White: Roma"),
        ("18", "Other: Arab"),
        ("Z", MISSING),
        ("99", MISSING),
        ("Q", UNRECOGNISED),
    ],
)
def test_ethnicity_accepts_ons_codes_nhs_letters_and_labels(code, category):
    assert labels(Ethnicity("e", column="x", grouping="category"), [code]) == [category]


def test_sex_accepts_nhs_codes_and_words():
    assert labels(Sex("s", column="x"), ["1", "F", "female", "9", "0", "X"]) == [
        "Male", "Female", "Female", "Indeterminate", MISSING, UNRECOGNISED,
    ]  # fmt: skip


def test_age_bands_can_be_custom_or_the_esp2013_bands():
    assert labels(AgeBands("a", column="x", bands=(0, 18, 65)), [0, 17, 18, 64, 65, 101, -1]) == [
        "0-17", "0-17", "18-64", "18-64", "65+", "65+", UNRECOGNISED,
    ]  # fmt: skip
    esp = AgeBands("a", column="x").categories()
    assert esp[0] == "0-4" and esp[-2] == "90+" and len(esp) == 19 + 1


def test_age_bands_must_start_at_zero_and_rise():
    with pytest.raises(InputError, match="bands must be 'ESP2013' or rising"):
        AgeBands("a", column="x", bands=(18, 65))


def test_a_column_with_listed_values_refuses_others():
    assert labels(Column("c", column="x", values=("a", "b")), ["a", "c", None]) == [
        "a", UNRECOGNISED, MISSING,
    ]  # fmt: skip


def test_whole_numbers_are_written_the_same_way_by_every_engine():
    assert labels(Column("c", column="x"), [1.0, 2.5, None]) == ["1", "2.5", MISSING]


def test_every_dimension_round_trips_through_its_dictionary():
    for dimension in (
        Deprivation("imd", column="x", edition="IMD2019"),
        Ethnicity("e", column="x", grouping="category"),
        AgeBands("a", column="x", bands=(0, 50)),
        Sex("s", column="x"),
        Column("c", column="x", values=("low", "high"), is_ordered=True),
    ):
        assert dimension_from_dict(dimension.to_dict()) == dimension
    assert set(known_kinds()) == {"imd", "ethnicity", "age", "sex", "column", "intersection"}


def test_an_unknown_setting_of_a_dimension_is_named():
    with pytest.raises(InputError, match="unknown key 'colour' for a sex dimension"):
        dimension_from_dict({"kind": "sex", "name": "s", "column": "x", "colour": "red"})
