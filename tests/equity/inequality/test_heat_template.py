"""Reading the HEAT Plus upload template, and the errors that name row and column."""

import io

import pytest

from coeval.equity.errors import InputError
from coeval.equity.inequality import TEMPLATE_COLUMNS, heat_measures, read_heat_template

HEADER = ",".join(TEMPLATE_COLUMNS)
GOOD_ROWS = [
    "Anytown,2020,survey,uptake,sex,Female,60,1,,,100,,1,100,0,,",
    "Anytown,2020,survey,uptake,sex,Male,50,,48.04,51.96,100,,1,100,0,,",
]


def csv(*rows, header=HEADER):
    return io.StringIO("\n".join([header, *rows]) + "\n")


def test_a_good_template_reads_and_feeds_heat_measures():
    table = read_heat_template(csv(*GOOD_ROWS))
    assert table["estimate"].tolist() == [60.0, 50.0]
    result = heat_measures(table, measures=["D"])
    assert result.loc[0, "estimate"] == 10


def test_a_missing_se_is_derived_from_the_95_percent_limits():
    table = read_heat_template(csv(*GOOD_ROWS))
    assert table.loc[1, "se"] == pytest.approx((51.96 - 48.04) / (2 * 1.959963984540054))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (GOOD_ROWS[1].replace(",50,", ",fifty,"),
         "column 'estimate', row 3: is not a number ('fifty')"),
        (GOOD_ROWS[1].replace(",1,100,0,,", ",2,100,0,,"),
         "column 'favourable_indicator', row 3: must be 0 or 1"),
        (GOOD_ROWS[1].replace(",1,100,0,,", ",1,0,0,,"),
         "column 'indicator_scale', row 3: must be a number above 0"),
        (GOOD_ROWS[1].replace(",100,,1,", ",-5,,1,"),
         "column 'population', row 3: must not be negative"),
        (GOOD_ROWS[1].replace(",Male,", ",,"), "column 'subgroup', row 3: is empty"),
        (GOOD_ROWS[0], "column 'subgroup', row 3: repeats a subgroup already given"),
        (GOOD_ROWS[1] + "7", "column 'reference_subgroup', row 3: must be 0, 1 or empty"),
    ],
)  # fmt: skip
def test_a_bad_cell_is_an_input_error_naming_its_column_and_row(row, message):
    with pytest.raises(InputError) as raised:
        read_heat_template(csv(GOOD_ROWS[0], row))
    assert message in str(raised.value)
    assert raised.value.row == 3


def test_missing_columns_are_all_named():
    header = HEADER.replace(",se,", ",").replace(",population,", ",")
    with pytest.raises(InputError, match="missing column\\(s\\): se, population"):
        read_heat_template(csv(header=header))


def test_a_file_that_does_not_exist_is_named(tmp_path):
    with pytest.raises(InputError, match="file '.*nowhere.csv': file not found"):
        read_heat_template(tmp_path / "nowhere.csv")


def test_the_file_name_is_part_of_every_error(tmp_path):
    path = tmp_path / "upload.csv"
    path.write_text("\n".join([HEADER, GOOD_ROWS[0].replace(",60,", ",x,")]) + "\n")
    with pytest.raises(InputError, match=r"file '.*upload.csv', column 'estimate', row 2"):
        read_heat_template(path)
