"""From the cross table an engine returns to one row per dimension group × period.

Counts add up, so each dimension's (and each intersection's) table is summed out of the
single cross table: the data is scanned once however many breakdowns are reported.
"""

from __future__ import annotations

import pandas as pd

from coeval.equity.dimensions import SEPARATOR, Dimension, Intersection
from coeval.equity.engines.base import AGE_BAND, PERIOD, key_columns, value_columns
from coeval.equity.spec import AnalysisSpec

OVERALL = "overall"
ALL = "All"


def breakdown(aggregate: pd.DataFrame, spec: AnalysisSpec, *, overall: bool = True) -> pd.DataFrame:
    """A tidy long table: dimension, group, group_order, ordered, edition, [period],
    [age_band], then the counts. ``overall`` adds the whole population as one group."""
    keys, values = key_columns(spec), value_columns(spec)
    extra = [k for k in keys if k in (PERIOD, AGE_BAND)]
    parts = []
    if overall:
        parts.append(
            _summed(aggregate, [], extra, values).assign(
                dimension=OVERALL, group=ALL, group_order=1, ordered=False, edition=None
            )
        )
    for dimension in spec.dimensions:
        parts.append(_one(aggregate, spec, dimension, extra, values))
    columns = ["dimension", "group", "group_order", "ordered", "edition", *extra, *values]
    table = pd.concat([p[columns] for p in parts], ignore_index=True)
    table.attrs = dict(aggregate.attrs)
    return table


def _one(
    aggregate: pd.DataFrame,
    spec: AnalysisSpec,
    dimension: Dimension,
    extra: list[str],
    values: list[str],
) -> pd.DataFrame:
    parts = list(dimension.of) if isinstance(dimension, Intersection) else [dimension.name]
    table = _summed(aggregate, parts, extra, values)
    group = table[parts].astype(str).agg(SEPARATOR.join, axis=1)
    orders = [_order(spec.dimension(p), table[p]) for p in parts]
    order = pd.Series(0, index=table.index)
    for part_order in orders:
        order = order * (int(part_order.max()) + 1 if len(part_order) else 1) + part_order
    editions = [spec.dimension(p).edition for p in parts if spec.dimension(p).edition]
    ordered = not isinstance(dimension, Intersection) and dimension.ordered
    out = table.assign(
        dimension=dimension.name,
        group=group,
        group_order=order.rank(method="dense").astype("int64"),
        ordered=ordered,
        edition="; ".join(dict.fromkeys(e for e in editions if e)) or None,
    )
    return out.sort_values(["group_order", *extra], kind="stable")


def _summed(
    aggregate: pd.DataFrame, parts: list[str], extra: list[str], values: list[str]
) -> pd.DataFrame:
    by = [*parts, *extra]
    if not by:
        return aggregate[values].sum().to_frame().T
    return aggregate.groupby(by, sort=True)[values].sum().reset_index()


def _order(dimension: Dimension, labels: pd.Series) -> pd.Series:
    """Position in the dimension's own order (1 = most deprived for IMD)."""
    categories = dimension.categories()
    known = list(categories) if categories else sorted(labels.unique())
    extra = sorted(set(labels) - set(known))
    position = {label: i for i, label in enumerate(known + extra)}
    return labels.map(position).astype("int64")
