"""Every spec test runs on every engine: the pandas reference (the oracle), DuckDB and
SQLite always, local Spark when marked, and PostgreSQL when DATABASE_URL points at one."""

import os

import ibis
import pandas as pd
import pytest

from coeval.equity.engines import Engine, IbisEngine, ReferenceEngine
from coeval.equity.sources import FrameSource
from coeval.equity.spec import AnalysisSpec


@pytest.fixture(scope="session")
def spark_session():
    pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("coeval-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="session")
def postgres_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip(
            "PostgreSQL engine runs only when DATABASE_URL points at a server (scripts/test)"
        )
    return url


@pytest.fixture(
    params=[
        "reference",
        "duckdb",
        "sqlite",
        pytest.param("spark", marks=pytest.mark.spark),
        pytest.param("postgres", marks=pytest.mark.postgres),
    ]
)
def engine(request) -> Engine:
    if request.param == "reference":
        return ReferenceEngine()
    if request.param == "duckdb":
        return IbisEngine()
    if request.param == "sqlite":
        return IbisEngine(ibis.sqlite.connect())
    if request.param == "spark":
        return IbisEngine(ibis.pyspark.connect(request.getfixturevalue("spark_session")))
    return IbisEngine(ibis.connect(request.getfixturevalue("postgres_url")))


def run(engine: Engine, spec: AnalysisSpec, rows: pd.DataFrame) -> list[tuple]:
    """The aggregate as plain tuples, so expectations read as small tables."""
    table = engine.aggregate(spec, FrameSource(rows, label="rows.csv"))
    return [tuple(_plain(v) for v in row) for row in table.itertuples(index=False)]


def _plain(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value.item() if hasattr(value, "item") else value
