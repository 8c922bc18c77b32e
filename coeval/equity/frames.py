"""Tables in: a pandas DataFrame, or an Arrow table from pyarrow, Polars or DuckDB.

Every public function that takes a table of data is wrapped by :func:`accepts_arrow`,
so an analyst whose data is already Arrow passes it as it is: a ``pyarrow.Table`` or
``RecordBatch``, anything that speaks the Arrow PyCapsule stream interface (a Polars
frame, a DuckDB relation), or anything with ``to_arrow()``. Results are tidy pandas DataFrames; ``ProfileResult.to_arrow()`` gives Arrow.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

import pandas as pd

F = TypeVar("F", bound=Callable[..., Any])


def as_arrow(data: Any) -> Any:
    """``data`` as a ``pyarrow.Table`` when it is Arrow (see the module's note); else None."""
    import pyarrow as pa

    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    if isinstance(data, pd.DataFrame):
        return None
    if hasattr(data, "__arrow_c_stream__"):  # the Arrow PyCapsule interface
        return pa.table(data)
    to_arrow = getattr(data, "to_arrow", None)
    if callable(to_arrow):
        arrow = to_arrow()
        if isinstance(arrow, pa.Table | pa.RecordBatch):
            return as_arrow(arrow)
    return None


def as_frame(data: Any) -> Any:
    """``data`` as a pandas DataFrame when it is Arrow; otherwise unchanged, so the
    function's own check can name a type it does not take."""
    if isinstance(data, pd.DataFrame):
        return data
    arrow = as_arrow(data)
    return data if arrow is None else arrow.to_pandas()


def accepts_arrow(function: F) -> F:
    """Let ``function``'s first argument, a table, be Arrow as well as pandas."""

    @functools.wraps(function)
    def wrapper(data: Any, *args: Any, **kwargs: Any) -> Any:
        return function(as_frame(data), *args, **kwargs)

    return cast(F, wrapper)


def records(table: pd.DataFrame) -> list[dict[Any, Any]]:
    """The rows as plain dicts of Python values, as ``to_dict("records")`` gives, but
    column by column: several times quicker on the small tables a profile passes
    around."""
    columns = list(table.columns)
    values = [table[column].tolist() for column in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]
