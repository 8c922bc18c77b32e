"""Arrow in: every function that takes a table takes a pyarrow Table (or anything with
``to_arrow()``) as well as a pandas DataFrame, and gives the same answer."""

import duckdb
import ibis
import pandas as pd
import pandas.testing as pdt
import pyarrow as pa
import pytest

from coeval import equity
from coeval.equity.engines import IbisEngine, ReferenceEngine
from coeval.equity.errors import InputError
from coeval.equity.spec import AnalysisSpec

COUNTS = pd.DataFrame({"area": ["A", "B", "C"], "n": [10, 0, 45], "d": [100, 20, 300]})


class PolarsLike:
    """Stands for a Polars frame: not pandas, but able to give Arrow."""

    def __init__(self, frame):
        self.frame = frame

    def to_arrow(self):
        return pa.Table.from_pandas(self.frame, preserve_index=False)


@pytest.mark.parametrize(
    "as_given",
    [
        pytest.param(lambda f: pa.Table.from_pandas(f, preserve_index=False), id="pyarrow table"),
        pytest.param(
            lambda f: pa.Table.from_pandas(f, preserve_index=False).to_batches()[0],
            id="record batch",
        ),
        pytest.param(PolarsLike, id="anything with to_arrow"),
        pytest.param(lambda f: duckdb.from_df(f), id="duckdb relation"),
    ],
)
def test_indicator_functions_take_arrow_and_agree_with_pandas(as_given):
    for function in (equity.phe_proportion, equity.phe_rate):
        expected = function(COUNTS, "n", "d", group_by="area")
        pdt.assert_frame_equal(function(as_given(COUNTS), "n", "d", group_by="area"), expected)


def test_a_type_that_is_not_a_table_is_still_named_in_the_error():
    with pytest.raises(InputError, match="not list"):
        equity.phe_proportion([1, 2, 3], "n", "d")


def test_the_profile_of_arrow_patient_rows_matches_the_profile_of_a_dataframe():
    rows = pd.DataFrame(
        {
            "imd": [1, 2, 3, 4, 5] * 40,
            "sex": ["F", "M"] * 100,
            "year": [2023] * 100 + [2024] * 100,
            "seen": ([1, 0, 0, 1] * 50),
        }
    )
    spec = AnalysisSpec.from_dict(
        {
            "indicator": {
                "name": "seen", "type": "proportion", "multiplier": 100,
                "numerator": {"where": [{"column": "seen", "op": "==", "value": 1}]},
            },
            "dimensions": [{"kind": "imd", "name": "imd_quintile", "column": "imd",
                            "edition": "IMD2019"}, {"kind": "sex", "name": "sex", "column": "sex"}],
            "periods": {"column": "year"},
            "disclosure": {"suppress_max": 0, "round_to": 1},
        }
    )  # fmt: skip
    arrow = pa.Table.from_pandas(rows, preserve_index=False)
    # DuckDB reads the Arrow table in place; SQLite is sent it batch by batch.
    for engine in (None, ReferenceEngine(), IbisEngine(ibis.sqlite.connect())):
        from_arrow = equity.run_profile(spec, arrow, engine, repetitions=1000, seed=1)
        from_pandas = equity.run_profile(spec, rows, engine, repetitions=1000, seed=1)
        pdt.assert_frame_equal(from_arrow.indicators, from_pandas.indicators)
        pdt.assert_frame_equal(from_arrow.inequality, from_pandas.inequality)
