"""The only module of the web app that reads a dataset's rows.

Everything here runs either for a person holding the explicit row-level grant (the
preview and the mapping page's example values) or inside a background task whose
output then passes disclosure control. Nothing here logs a value.
"""

from contextlib import contextmanager

import ibis

from coeval.equity.dimensions import UNRECOGNISED, dimension_from_dict
from coeval.equity.sources import ParquetSource, TableSource
from coeval.web.datasets import crypto, storage
from coeval.web.datasets import mapping as mapping_rules
from coeval.web.datasets.checks import EXAMPLE_ROWS, WARNING, Problem

PREVIEW_ROWS = 20
SAMPLE_VALUES = 12
MAX_PERIODS = 60


def engine_source(dataset):
    """The dataset as the equity engine's DataSource."""
    if dataset.kind == dataset.Kind.TABLE:
        return TableSource(crypto.decrypt(dataset.connection_encrypted), dataset.table_name)
    return ParquetSource(storage.absolute(dataset.stored_path))


@contextmanager
def opened(dataset):
    """The rows as an Ibis table, DuckDB over the Parquet file or the team's database,
    with the connection closed afterwards: a page view must not leave a connection
    open on someone's warehouse."""
    if dataset.kind == dataset.Kind.TABLE:
        source = engine_source(dataset)
        try:
            yield source._table()
        finally:
            source.close()
        return
    backend = ibis.duckdb.connect()
    try:
        yield backend.read_parquet(str(storage.absolute(dataset.stored_path)))
    finally:
        backend.disconnect()


def describe_columns(dataset) -> list[dict]:
    with opened(dataset) as t:
        schema = t.schema()
    return [{"name": name, "type": str(kind).upper()} for name, kind in schema.items()]


def count_rows(dataset) -> int:
    with opened(dataset) as t:
        return int(t.count().execute())


def preview(dataset, rows: int = PREVIEW_ROWS) -> tuple[list[str], list[list]]:
    with opened(dataset) as t:
        frame = t.limit(rows).execute()
    return [str(c) for c in frame.columns], frame.astype(object).where(
        frame.notna(), ""
    ).values.tolist()


def samples(dataset) -> dict[str, list]:
    """A few distinct values of each column, to suggest and confirm the mapping."""
    out = {}
    with opened(dataset) as t:
        for name in t.columns:
            values = t.select(name).distinct().limit(SAMPLE_VALUES).execute()[name]
            out[name] = sorted((str(v) for v in values.dropna().tolist()), key=_natural)
    return out


def _natural(text: str):
    try:
        return (0, float(text), "")
    except ValueError:
        return (1, 0.0, text)


def periods(dataset) -> list[str]:
    column = dataset.mapping.get("period")
    if not column:
        return []
    with opened(dataset) as t:
        values = t.select(column).distinct().limit(MAX_PERIODS + 1).execute()[column]
    return sorted((str(v) for v in values.dropna().tolist()), key=_natural)


def check_mapping(dataset, mapping: dict) -> list[Problem]:
    """Problems with the mapped columns: unknown codes, negative counts, bad ages."""
    with opened(dataset) as t:
        return _mapping_problems(dataset, mapping, t)


def _mapping_problems(dataset, mapping: dict, t) -> list[Problem]:
    problems: list[Problem] = []
    numbered = t.mutate(_row=ibis.row_number() + 2)
    for settings in mapping_rules.dimension_dicts(mapping):
        dimension = dimension_from_dict(settings)
        column = settings["column"]
        try:
            prepared = dimension.prepare_ibis(numbered)  # joins an LSOA lookup, say
            labelled = prepared.mutate(_label=dimension.label_ibis(prepared))
        except ValueError as error:  # the engine's InputError, such as a text age column
            problems.append(
                Problem("wrong_type", f"The column '{column}': {error.args[0]}.", column=column)
            )
            continue
        bad = labelled.filter(labelled["_label"] == UNRECOGNISED)
        count = int(bad.count().execute())
        if not count:
            continue
        codes = bad.select(column).distinct().limit(EXAMPLE_ROWS).execute()[column].tolist()
        rows = bad.order_by("_row").limit(EXAMPLE_ROWS).execute()["_row"].tolist()
        examples = ", ".join(f"'{c}'" for c in codes)
        problems.append(
            Problem(
                "unknown_codes",
                f"The column '{column}' has {count:,} "
                f"{'row' if count == 1 else 'rows'} with codes that are "
                f"{dimension.describe_unrecognised()} (such as {examples}). "
                "Fix those rows, or match the column to something else.",
                column=column,
                rows=[int(r) for r in rows],
                count=count,
            )
        )
    for role in ("numerator", "denominator") if dataset.is_aggregated else ():
        column = mapping.get(role)
        if not column:
            continue
        if not t.schema()[column].is_numeric():
            problems.append(
                Problem(
                    "wrong_type", f"The {role} column '{column}' must hold numbers.", column=column
                )
            )
            continue
        negative = numbered.filter(numbered[column] < 0)
        count = int(negative.count().execute())
        if count:
            rows = negative.order_by("_row").limit(EXAMPLE_ROWS).execute()["_row"].tolist()
            problems.append(
                Problem(
                    "negative_counts",
                    f"The {role} column '{column}' has {count:,} negative "
                    f"{'count' if count == 1 else 'counts'} (for example row {rows[0]}). "
                    "Counts cannot be below zero.",
                    column=column,
                    rows=[int(r) for r in rows],
                    count=count,
                )
            )
    if mapping.get("period"):
        missing = int(t.filter(t[mapping["period"]].isnull()).count().execute())
        if missing:
            problems.append(
                Problem(
                    "missing_periods",
                    f"{missing:,} {'row has' if missing == 1 else 'rows have'} no period; "
                    "they are left out of the analysis.",
                    severity=WARNING,
                    column=mapping["period"],
                    count=missing,
                )
            )
    return problems
