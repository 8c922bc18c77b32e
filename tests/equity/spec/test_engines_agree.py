"""Generative check: on random small tables every engine gives the oracle's answer."""

import ibis
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coeval.equity.dimensions import AgeBands, Deprivation, Sex
from coeval.equity.engines import IbisEngine, ReferenceEngine
from coeval.equity.sources import FrameSource
from coeval.equity.spec import AnalysisSpec, Count, Filter, Indicator, Periods

SPEC = AnalysisSpec(
    indicator=Indicator(
        name="Attended",
        type="proportion",
        numerator=Count(where=(Filter("attended", "==", 1),)),
        denominator=Count(where=(Filter("age", "<", 80),)),
    ),
    dimensions=(
        Deprivation("imd", column="decile", edition="IMD2019", level="decile"),
        Sex("sex", column="sex"),
        AgeBands("age", column="age", bands=(0, 18, 65)),
    ),
    periods=Periods("year"),
)

row = st.fixed_dictionaries(
    {
        "decile": st.one_of(st.none(), st.integers(1, 10)),
        "sex": st.sampled_from(["M", "F", "1", "2", "9", None]),
        "age": st.one_of(st.none(), st.integers(0, 100)),
        "attended": st.one_of(st.none(), st.integers(0, 1)),
        "year": st.sampled_from([2023, 2024]),
    }
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(row, min_size=1, max_size=30))
def test_duckdb_and_sqlite_agree_with_the_reference_engine(records):
    data = pd.DataFrame(records, columns=["decile", "sex", "age", "attended", "year"])
    data = data.astype({"decile": "Int64", "age": "Int64", "attended": "Int64", "sex": "object"})
    expected = ReferenceEngine().aggregate(SPEC, FrameSource(data))
    for engine in (IbisEngine(), IbisEngine(ibis.sqlite.connect())):
        actual = engine.aggregate(SPEC, FrameSource(data))
        pd.testing.assert_frame_equal(actual, expected, check_dtype=False)
