import pandas as pd
import pytest

from coeval.equity.errors import InputError
from coeval.equity.sources import (
    CsvSource,
    ExcelSource,
    FrameSource,
    ParquetSource,
    open_source,
)
from coeval.equity.spec import Source

DATA = pd.DataFrame({"decile": [1, 2, 3, 4, 5], "attended": [1, 0, 1, 1, 0]})


@pytest.fixture(params=["csv", "parquet", "xlsx"])
def saved(request, tmp_path):
    path = tmp_path / f"visits.{request.param}"
    if request.param == "csv":
        DATA.to_csv(path, index=False)
    elif request.param == "parquet":
        DATA.to_parquet(path, index=False)
    else:
        DATA.to_excel(path, index=False)
    return path


def test_each_file_format_is_opened_by_its_suffix(saved):
    source = open_source(saved)
    expected = {"csv": CsvSource, "parquet": ParquetSource, "xlsx": ExcelSource}
    assert isinstance(source, expected[saved.suffix[1:]])
    assert source.columns() == ["decile", "attended"]


def test_rows_come_in_batches_numbered_as_in_a_spreadsheet(saved):
    batches = list(open_source(saved).batches(["attended"], rows=2))
    assert [list(b.index) for b in batches] == [[2, 3], [4, 5], [6]]
    assert [list(b.columns) for b in batches] == [["attended"]] * 3
    assert pd.concat(batches)["attended"].tolist() == [1, 0, 1, 1, 0]


def test_a_missing_column_names_the_file_and_the_column(saved):
    with pytest.raises(InputError, match=r"file '.*visits.*', column 'sex': missing column"):
        open_source(saved).require(["decile", "sex"])


def test_a_missing_file_is_named():
    with pytest.raises(InputError, match=r"file 'nowhere.csv': file not found"):
        open_source("nowhere.csv")


def test_an_unknown_suffix_asks_for_the_format_to_be_set():
    with pytest.raises(InputError, match="set source.format"):
        open_source("visits.txt")


def test_a_source_from_the_spec_can_name_its_format_and_sheet(tmp_path):
    path = tmp_path / "book.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"x": [1]}).to_excel(writer, sheet_name="notes", index=False)
        DATA.to_excel(writer, sheet_name="visits", index=False)
    source = open_source(Source(path=str(path), sheet="visits"))
    assert source.columns() == ["decile", "attended"]
    with pytest.raises(InputError, match="no sheet 'other'"):
        open_source(Source(path=str(path), sheet="other")).columns()


def test_a_column_whose_type_changes_half_way_is_reported_with_the_file(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text("n\n" + "1\n" * 2_500_000 + "x\n")
    with pytest.raises(InputError, match=r"file '.*mixed.csv': cannot read the file"):
        list(CsvSource(path).batches(["n"]))


def test_a_data_frame_is_a_source_too():
    source = FrameSource(DATA, label="visits")
    assert [list(b.index) for b in source.batches(["decile"], rows=3)] == [[2, 3, 4], [5, 6]]


def test_a_table_source_opened_from_an_address_closes_its_connection(tmp_path):
    import duckdb

    from coeval.equity.sources import TableSource

    database = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("CREATE TABLE visits AS SELECT 1 AS attended")
    source = TableSource(f"duckdb://{database}", "visits")
    assert source.columns() == ["attended"]
    source.close()
    with pytest.raises(Exception):  # noqa: B017 - each backend says "closed" its own way
        source.columns()


def test_a_connection_handed_to_a_table_source_stays_the_callers(tmp_path):
    import ibis

    from coeval.equity.sources import TableSource

    backend = ibis.duckdb.connect()
    backend.raw_sql("CREATE TABLE visits AS SELECT 1 AS attended")
    TableSource(backend, "visits").close()
    assert backend.table("visits").count().execute() == 1


def test_an_error_for_a_web_page_names_the_column_and_row_but_not_the_file():
    error = InputError("must be a number", file="/srv/private/x.csv", column="age", row=7)
    assert str(error) == "file '/srv/private/x.csv', column 'age', row 7: must be a number"
    assert error.without_file() == "must be a number (column 'age', row 7)"
    assert InputError("no rows").without_file() == "no rows"
