"""The Ibis engine: one aggregate query, run where the data is.

The whole spec becomes a single GROUP BY, so the database streams the rows once and
only the small aggregate comes back to Python. DuckDB (the default) reads CSV and
Parquet files directly; any other Ibis backend (PostgreSQL, SQLite, Spark, Trino, a
cloud warehouse) runs the same expression.
"""

from __future__ import annotations

import threading

import ibis
import ibis.expr.types as ir
import pandas as pd
from ibis.backends import BaseBackend

from coeval.equity.dimensions import UNRECOGNISED
from coeval.equity.dimensions.base import text_keys
from coeval.equity.engines.base import (
    AGE_BAND,
    DENOMINATOR,
    NUMERATOR,
    PERIOD,
    SUM_OF_SQUARES,
    Engine,
    age_band_dimension,
    key_columns,
)
from coeval.equity.engines.reference import aggregate_batch
from coeval.equity.errors import InputError
from coeval.equity.sources import ARROW_VIEW_PREFIX, DataSource, TableSource
from coeval.equity.spec import AnalysisSpec, Filter

PROBLEMS = "_coeval_problem_rows"
_per_thread = threading.local()


def _default_duckdb() -> BaseBackend:
    """This thread's in-memory DuckDB, opened once: opening one costs more than a small
    query. Nothing is kept in it between analyses (see ``_drop_staged``), and a DuckDB
    connection is not shared between threads."""
    backend = getattr(_per_thread, "duckdb", None)
    if backend is None:
        backend = ibis.duckdb.connect()
        backend.raw_sql("SET preserve_insertion_order = false")  # type: ignore[attr-defined]
        _per_thread.duckdb = backend
    return backend


class IbisEngine(Engine):
    """Aggregate on an Ibis backend; DuckDB in memory unless one is given.

    ``memory_limit`` (such as "1GB") caps DuckDB, which then spills to ``temp_directory``
    instead of failing, so files far larger than memory can be aggregated.
    """

    def __init__(
        self,
        backend: BaseBackend | None = None,
        *,
        memory_limit: str | None = None,
        temp_directory: str | None = None,
        threads: int | None = None,
    ) -> None:
        self.backend = backend
        self.memory_limit = memory_limit
        self.temp_directory = temp_directory
        self.threads = threads

    @property
    def name(self) -> str:  # type: ignore[override]
        return self.backend.name if self.backend is not None else "duckdb"

    def connect(self) -> BaseBackend:
        if self.backend is None:
            if self.memory_limit is None and self.temp_directory is None and self.threads is None:
                self.backend = _default_duckdb()
            else:
                self.backend = ibis.duckdb.connect()
                self._configure_duckdb(self.backend)
        return self.backend

    def _configure_duckdb(self, backend: BaseBackend) -> None:
        settings = {
            "memory_limit": self.memory_limit,
            "temp_directory": self.temp_directory,
            "threads": self.threads,
            # Row order does not matter to a GROUP BY; dropping it lets DuckDB stream.
            "preserve_insertion_order": False,
        }
        for key, value in settings.items():
            if value is not None:
                backend.raw_sql(f"SET {key} = '{value}'")  # type: ignore[attr-defined]

    def _aggregate(self, spec: AnalysisSpec, source: DataSource) -> pd.DataFrame:
        backend = source.backend if isinstance(source, TableSource) else self.connect()
        table = source.ibis_table(backend)
        try:
            result = backend.execute(aggregate_expression(spec, table))
        finally:
            _drop_staged(backend, table, source)
        result = label_keys(result, spec)
        if _has_problems(result, spec):
            locate_problems(spec, source)
            raise InputError("the data failed a check, but the row could not be found")
        return result.drop(columns=PROBLEMS, errors="ignore")


def aggregate_expression(spec: AnalysisSpec, table: ir.Table) -> ir.Table:
    """The spec as one Ibis expression: filter, label, then group and sum."""
    indicator = spec.indicator
    for dimension in spec.grouping_dimensions:
        table = dimension.prepare_ibis(table)
    if indicator.denominator.where:
        table = table.filter(predicate(table, indicator.denominator.where))
    keys: dict[str, ir.Value] = {d.name: d.group_key_ibis(table) for d in spec.grouping_dimensions}
    if spec.periods:
        keys[PERIOD] = table[spec.periods.column]
    if indicator.type == "dsr":
        keys[AGE_BAND] = age_band_dimension(spec).group_key_ibis(table)
    # Where a filter's column is missing, SQL's comparison is NULL: not in the numerator.
    matches = predicate(table, indicator.numerator.where) if indicator.numerator.where else None
    in_numerator = matches.fill_null(False) if matches is not None else None
    metrics: dict[str, ir.Scalar] = {}
    if indicator.type == "mean":
        assert indicator.value is not None
        value = table[indicator.value].cast("float64")
        if in_numerator is not None:
            value = ibis.ifelse(in_numerator, value, ibis.null("float64"))
        metrics[NUMERATOR] = value.sum()
        metrics[DENOMINATOR] = value.count()
        metrics[SUM_OF_SQUARES] = (value * value).sum()
    else:
        top, bottom = indicator.numerator.column, indicator.denominator.column
        if in_numerator is None:
            metrics[NUMERATOR] = table[top].sum() if top else table.count()
        elif top:
            metrics[NUMERATOR] = ibis.ifelse(in_numerator, table[top], 0).sum()
        else:
            # Counting the matching rows: a SUM of the condition (NULL is skipped, and a
            # group with no match sums to NULL, which finish() makes 0) runs as fast as a
            # plain SUM, where CASE WHEN COALESCE(...) costs about half as much again.
            assert matches is not None
            metrics[NUMERATOR] = matches.sum()
        metrics[DENOMINATOR] = table[bottom].sum() if bottom else table.count()
    bad = _bad_row(spec, table, in_numerator)
    if bad is not None:
        metrics[PROBLEMS] = ibis.ifelse(bad, 1, 0).sum()
    if not keys:
        return table.aggregate(**metrics)
    return table.group_by(**keys).aggregate(**metrics)


def label_keys(result: pd.DataFrame, spec: AnalysisSpec) -> pd.DataFrame:
    """Turn the raw group keys of the (small) result into labels, and re-add."""
    labelled = result.copy()
    for dimension in spec.grouping_dimensions:
        labelled[dimension.name] = dimension.label_keys(result[dimension.name]).to_numpy()
    if spec.periods:
        labelled[PERIOD] = text_keys(result[PERIOD]).to_numpy()
        if spec.periods.values:
            labelled = labelled[labelled[PERIOD].isin(spec.periods.labels())]
    if spec.indicator.type == "dsr":
        labelled[AGE_BAND] = age_band_dimension(spec).label_keys(result[AGE_BAND]).to_numpy()
    keys = key_columns(spec)
    # Two raw keys can share a label (1 and "1", or "M" and "Male"): sum them into one.
    if not keys or labelled.empty or not labelled.duplicated(keys).any():
        return labelled
    return labelled.groupby(keys, sort=False, dropna=False).sum().reset_index()


def predicate(table: ir.Table, filters: tuple[Filter, ...]) -> ir.BooleanValue:
    """Every filter must hold. SQL already treats a missing value as no match."""
    conditions = []
    for f in filters:
        column = table[f.column]
        if f.op == "is null":
            conditions.append(column.isnull())
        elif f.op == "not null":
            conditions.append(column.notnull())
        elif f.op in ("in", "not in"):
            assert isinstance(f.value, tuple)
            hit = column.isin(list(f.value))
            conditions.append(hit if f.op == "in" else column.notnull() & ~hit)
        else:
            value = ibis.literal(f.value)
            conditions.append(
                {
                    "==": column == value,
                    "!=": column != value,
                    "<": column < value,
                    "<=": column <= value,
                    ">": column > value,
                    ">=": column >= value,
                }[f.op]  # fmt: skip
            )
    result = conditions[0]
    for condition in conditions[1:]:
        result = result & condition
    return result


def _bad_row(
    spec: AnalysisSpec, table: ir.Table, in_numerator: ir.BooleanValue | None
) -> ir.BooleanValue | None:
    """Rows the reference engine would refuse: missing or negative counts, or a
    numerator over its denominator in a proportion. None when rows are just counted."""
    indicator = spec.indicator
    top, bottom = indicator.numerator.column, indicator.denominator.column
    conditions = [table[c].isnull() | (table[c] < 0) for c in (top, bottom) if c]
    if indicator.type == "proportion" and top:
        over = table[top] > (table[bottom] if bottom else 1)
        conditions.append(over if in_numerator is None else in_numerator & over)
    if not conditions:
        return None
    bad = conditions[0]
    for condition in conditions[1:]:
        bad = bad | condition
    return bad.fill_null(True)


def _has_problems(result: pd.DataFrame, spec: AnalysisSpec) -> bool:
    if result.empty:
        return False
    if PROBLEMS in result and pd.to_numeric(result[PROBLEMS]).fillna(0).sum() > 0:
        return True
    labels = [c for c in key_columns(spec) if c in result.columns]
    return bool((result[labels] == UNRECOGNISED).to_numpy().any())


def locate_problems(spec: AnalysisSpec, source: DataSource) -> None:
    """Stream the source through the reference checks to name the first bad rows."""
    for batch in source.batches(spec.source_columns()):
        aggregate_batch(spec, batch, source.label)


def _drop_staged(backend: BaseBackend, table: ir.Table, source: DataSource) -> None:
    """Drop what this one query put in the backend: a table that sources.py copied
    there, or the view over a file or an Arrow table that DuckDB read in place."""
    name = table.get_name() if hasattr(table, "get_name") else None
    if not isinstance(name, str):
        return
    try:
        if name.startswith(ARROW_VIEW_PREFIX):
            backend.con.unregister(name)  # type: ignore[attr-defined]
        elif name.startswith("coeval_source_"):
            backend.drop_table(name, force=True)
        elif name.startswith(("ibis_read_parquet_", "ibis_read_csv_")):
            backend.raw_sql(f'DROP VIEW IF EXISTS "{name}"')  # type: ignore[attr-defined]
    except Exception:  # a temporary table or view vanishes with the session anyway
        pass
