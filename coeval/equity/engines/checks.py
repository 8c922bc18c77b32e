"""Row-level checks, shared by the engines, that name the file, column and row.

The reference engine runs them on every batch. The database engines count problems
inside their one aggregate query and only come here, streaming the source, to find
the rows when that count is not zero.
"""

from __future__ import annotations

import pandas as pd

from coeval.equity.dimensions import UNRECOGNISED, Dimension
from coeval.equity.errors import InputError
from coeval.equity.spec import AnalysisSpec, Filter

SHOWN_ROWS = 5


def row_mask(frame: pd.DataFrame, filters: tuple[Filter, ...]) -> pd.Series:
    """Rows where every filter holds; as in SQL, a missing value never matches."""
    mask = pd.Series(True, index=frame.index)
    for f in filters:
        column = frame[f.column]
        present = column.notna()
        if f.op == "is null":
            mask &= ~present
            continue
        if f.op == "not null":
            mask &= present
            continue
        if f.op in ("in", "not in"):
            assert isinstance(f.value, tuple)
            hit = column.isin(list(f.value))
            mask &= present & (hit if f.op == "in" else ~hit)
            continue
        try:
            hit = _compare(column, f.op, f.value).fillna(False).astype(bool)
        except TypeError:
            raise InputError(
                f"cannot compare the values with {f.value!r} ({f.describe()})", column=f.column
            ) from None
        mask &= present & hit
    return mask


def _compare(column: pd.Series, op: str, value: object) -> pd.Series:
    if op == "==":
        return column == value
    if op == "!=":
        return column != value
    if op == "<":
        return column < value
    if op == "<=":
        return column <= value
    if op == ">":
        return column > value
    return column >= value


def check_labels(dimension: Dimension, frame: pd.DataFrame, labels: pd.Series, file: str) -> None:
    bad = labels[labels == UNRECOGNISED]
    if bad.empty:
        return
    column = dimension.source_columns()[0]
    values = frame.loc[bad.index, column]
    first = values.iloc[0]
    rows = _rows(bad.index)
    raise InputError(
        f"unknown code {first!r} for dimension {dimension.name!r}: "
        f"{dimension.describe_unrecognised()}{rows}",
        file=file,
        column=column,
        row=int(bad.index[0]),
    )


def check_counts(
    spec: AnalysisSpec, frame: pd.DataFrame, in_numerator: pd.Series, file: str
) -> None:
    """Pre-aggregated counts must be present, not negative, and (for a proportion) the
    numerator cannot exceed the denominator on the same row."""
    numerator, denominator = spec.indicator.numerator.column, spec.indicator.denominator.column
    for column in (numerator, denominator):
        if column is None:
            continue
        counts = frame[column]
        if not pd.api.types.is_numeric_dtype(counts):
            raise InputError("counts must be numbers", file=file, column=column)
        _fail_on(counts.isna(), "missing count", file, column)
        _fail_on(counts < 0, "negative count", file, column)
    if spec.indicator.type == "proportion" and numerator:
        top = frame[numerator] if numerator else 1
        bottom = frame[denominator] if denominator else 1
        over = in_numerator & (top > bottom)
        _fail_on(
            over, "numerator is over its denominator, impossible for a proportion", file, numerator
        )


def _fail_on(mask: pd.Series, what: str, file: str, column: str) -> None:
    if mask.any():
        index = mask[mask].index
        raise InputError(f"{what}{_rows(index)}", file=file, column=column, row=int(index[0]))


def _rows(index: pd.Index) -> str:
    """Further rows with the same problem; the first is in the error's location."""
    if len(index) < 2:
        return ""
    shown = ", ".join(str(int(i)) for i in index[:SHOWN_ROWS])
    more = f" and {len(index) - SHOWN_ROWS} more in this batch" if len(index) > SHOWN_ROWS else ""
    return f" (rows {shown}{more})"
