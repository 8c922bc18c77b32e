import duckdb
import ibis
import pandas as pd

from coeval.equity.dimensions import Deprivation, Ethnicity, Intersection, Sex
from coeval.equity.engines import IbisEngine, ReferenceEngine, breakdown
from coeval.equity.sources import TableSource
from coeval.equity.spec import AnalysisSpec, Count, Filter, Indicator, Periods, Source

SPEC = AnalysisSpec(
    indicator=Indicator(
        name="Attended", type="proportion", numerator=Count(where=(Filter("attended", "==", 1),))
    ),
    dimensions=(
        Deprivation("imd", column="decile", edition="IMD2019", level="decile"),
        Sex("sex", column="sex"),
        Ethnicity("ethnicity", column="eth"),
        Intersection("imd_by_sex", of=("imd", "sex")),
    ),
    periods=Periods("year"),
)
DATA = pd.DataFrame(
    {
        "decile": [1, 2, 9, 10, 1, 3],
        "sex": ["M", "F", "F", "M", "F", "M"],
        "eth": ["A", "H", "N", "A", "C", "Z"],
        "attended": [1, 0, 1, 1, 1, 0],
        "year": [2023, 2023, 2023, 2024, 2024, 2024],
    }
)


def test_duckdb_reads_a_parquet_file_in_place_and_matches_the_reference(tmp_path):
    path = tmp_path / "visits.parquet"
    DATA.to_parquet(path, index=False)
    expected = ReferenceEngine().aggregate(SPEC, str(path))
    actual = IbisEngine(memory_limit="256MB", threads=1).aggregate(SPEC, Source(path=str(path)))
    pd.testing.assert_frame_equal(actual, expected, check_dtype=False)


def test_duckdb_reads_a_csv_file_in_place(tmp_path):
    path = tmp_path / "visits.csv"
    DATA.to_csv(path, index=False)
    expected = ReferenceEngine().aggregate(SPEC, str(path))
    pd.testing.assert_frame_equal(
        IbisEngine().aggregate(SPEC, str(path)), expected, check_dtype=False
    )


def test_a_table_already_in_a_database_is_aggregated_there(tmp_path):
    database = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(database)) as con:
        con.register("frame", DATA)
        con.execute("CREATE TABLE visits AS SELECT * FROM frame")
    source = TableSource(ibis.duckdb.connect(str(database)), "visits")
    expected = ReferenceEngine().aggregate(SPEC, DATA)
    pd.testing.assert_frame_equal(IbisEngine().aggregate(SPEC, source), expected, check_dtype=False)


def test_the_aggregate_is_one_query_that_never_pulls_rows_into_python():
    from coeval.equity.engines.ibis_engine import aggregate_expression

    visits = ibis.table(
        {"decile": "int64", "sex": "string", "eth": "string", "attended": "int64", "year": "int64"},
        name="visits",
    )
    sql = ibis.to_sql(aggregate_expression(SPEC, visits), dialect="duckdb")
    assert sql.count("GROUP BY") == 1


def test_the_breakdown_gives_one_row_per_group_and_period_with_the_edition():
    table = breakdown(ReferenceEngine().aggregate(SPEC, DATA), SPEC)
    imd = table[table.dimension == "imd"]
    assert imd[["group", "period", "numerator", "denominator"]].values.tolist() == [
        ["1", "2023", 1, 2],
        ["1", "2024", 1, 1],
        ["2", "2024", 0, 1],
        ["5", "2023", 1, 1],
        ["5", "2024", 1, 1],
    ]
    assert set(imd.edition) == {"IMD2019"} and imd.ordered.all()
    crossed = table[table.dimension == "imd_by_sex"]
    assert list(dict.fromkeys(crossed.group))[:2] == ["1 × Female", "1 × Male"]
    assert set(crossed.edition) == {"IMD2019"}
    overall = table[table.dimension == "overall"]
    assert overall[["period", "numerator", "denominator"]].values.tolist() == [
        ["2023", 2, 3],
        ["2024", 2, 3],
    ]


def test_the_default_engine_reuses_one_duckdb_per_thread_and_leaves_nothing_in_it(tmp_path):
    import threading

    import pyarrow as pa

    parquet, csv = tmp_path / "visits.parquet", tmp_path / "visits.csv"
    DATA.to_parquet(parquet, index=False)
    DATA.to_csv(csv, index=False)
    first, second = IbisEngine(), IbisEngine()
    for source in (str(parquet), str(csv), DATA, pa.Table.from_pandas(DATA)):
        second.aggregate(SPEC, source)
    first.aggregate(SPEC, str(parquet))
    assert first.backend is second.backend
    # The views over the files, the DataFrame and the Arrow table are gone once each
    # query has run (whatever Ibis itself keeps is Ibis's to clean up).
    views = "SELECT view_name FROM duckdb_views() WHERE NOT internal"
    left = [name for (name,) in first.backend.raw_sql(views).fetchall()]
    assert [v for v in left if v.startswith(("coeval_", "ibis_read_"))] == []
    elsewhere = []
    thread = threading.Thread(target=lambda: elsewhere.append(IbisEngine().connect()))
    thread.start()
    thread.join()
    assert elsewhere[0] is not first.backend
    # An engine with its own settings gets its own connection.
    assert IbisEngine(threads=1).connect() is not first.backend


def test_rows_matching_no_numerator_filter_count_zero_and_missing_values_never_match():
    data = pd.DataFrame({"sex": ["F", "F", "M", "M"], "attended": [0, None, 0, 1], "year": 2024})
    spec = AnalysisSpec(
        indicator=SPEC.indicator, dimensions=(Sex("sex", column="sex"),), periods=Periods("year")
    )
    for engine in (IbisEngine(), IbisEngine(ibis.sqlite.connect())):
        table = engine.aggregate(spec, data)
        assert table[["sex", "numerator", "denominator"]].values.tolist() == [
            ["Female", 0, 2],
            ["Male", 1, 2],
        ]
