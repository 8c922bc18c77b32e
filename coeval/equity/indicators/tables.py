"""What every indicator does to its input and output table, in one place.

Whole-table mistakes (a missing or non-numeric column, a bad confidence level) raise
InputError. Problems in single rows only invalidate their own group: the group's
result is NA and its ``reason`` says what was wrong and where.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from coeval.equity.errors import InputError

Array = npt.NDArray[np.float64]
Confidence = float | Sequence[float]


def as_columns(group_by: str | Iterable[str] | None) -> list[str]:
    if group_by is None:
        return []
    if isinstance(group_by, str):
        return [group_by]
    return list(group_by)


def require_columns(data: pd.DataFrame, columns: Iterable[str]) -> None:
    if not isinstance(data, pd.DataFrame):
        raise InputError(f"data must be a pandas DataFrame, not {type(data).__name__}")
    for column in columns:
        if column not in data.columns:
            known = ", ".join(map(str, data.columns))
            raise InputError(f"no such column; the columns are: {known}", column=column)


def numeric(data: pd.DataFrame, column: str) -> Array:
    """The column as floats (empty cells become NaN), or InputError at the first bad cell."""
    values = data[column]
    if pd.api.types.is_bool_dtype(values):
        raise InputError("must hold numbers, not true/false values", column=column)
    if pd.api.types.is_numeric_dtype(values):
        return values.to_numpy(dtype=np.float64, na_value=np.nan)
    converted = pd.to_numeric(values, errors="coerce")
    bad = converted.isna() & values.notna() & (values.astype(str).str.strip() != "")
    if bad.any():
        position = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(
            f"must hold numbers, but has {values.iloc[position]!r}",
            column=column,
            row=position + 1,
        )
    return converted.to_numpy(dtype=np.float64, na_value=np.nan)


def confidence_levels(confidence: Confidence) -> tuple[float, ...]:
    """One or more levels as fractions; 95 and 0.95 both mean 95%."""
    levels = (confidence,) if np.isscalar(confidence) else tuple(confidence)  # type: ignore[arg-type]
    if not levels:
        raise InputError("at least one confidence level is needed")
    scaled = []
    for level in levels:
        if isinstance(level, bool) or not isinstance(level, int | float | np.number):
            raise InputError(f"confidence level {level!r} is not a number")
        fraction = float(level) / 100 if level > 1 else float(level)
        if not 0 < fraction < 1:
            raise InputError(
                f"confidence level {level!r} must be between 0 and 1 (or a percentage below 100)"
            )
        scaled.append(fraction)
    return tuple(scaled)


def percent(level: float) -> str:
    return f"{level * 100:.10g}"


def limit_columns(levels: Sequence[float]) -> list[tuple[str, str]]:
    """PHE's names: lowercl/uppercl for one level, lower95_0cl/upper95_0cl... for several."""
    if len(levels) == 1:
        return [("lowercl", "uppercl")]
    names = []
    for level in levels:
        tag = f"{level * 100:.1f}".replace(".", "_")
        names.append((f"lower{tag}cl", f"upper{tag}cl"))
    return names


def confidence_label(levels: Sequence[float]) -> str:
    return ", ".join(f"{percent(level)}%" for level in levels)


def number_label(value: float) -> str:
    """A multiplier as people write it: 100000, not 1e+05."""
    return str(int(value)) if float(value).is_integer() else f"{value:.15g}"


@dataclass
class RowChecks:
    """Row-level problems, first match wins; each row gets '' or 'what is wrong (row k)'."""

    size: int

    def __post_init__(self) -> None:
        self.reasons = np.full(self.size, "", dtype=object)

    def flag(self, mask: npt.ArrayLike, message: str) -> None:
        mask = np.asarray(mask, dtype=bool) & (self.reasons == "")
        rows = np.flatnonzero(mask)
        self.reasons[rows] = [f"{message} (row {row + 1})" for row in rows]


def group_keys(data: pd.DataFrame, group_by: list[str]) -> pd.DataFrame:
    """One row per group, in order of first appearance, plus each row's group number."""
    if not group_by:
        return pd.DataFrame(index=[0])
    return data[group_by].drop_duplicates().reset_index(drop=True)


def group_codes(data: pd.DataFrame, group_by: list[str]) -> npt.NDArray[np.intp]:
    """For each row, the position of its group in ``group_keys`` (all zeros when ungrouped)."""
    if not group_by:
        return np.zeros(len(data), dtype=np.intp)
    codes = data.groupby(group_by, sort=False, dropna=False).ngroup()
    return np.asarray(codes.to_numpy(), dtype=np.intp)


def group_sum(values: Array, codes: npt.NDArray[np.intp], groups: int) -> Array:
    """Sum per group; NaN if any value in the group is missing (as R's sum)."""
    return np.bincount(codes, weights=values, minlength=groups).astype(np.float64)


def first_reason(
    reasons: npt.NDArray[np.object_], codes: npt.NDArray[np.intp], groups: int
) -> npt.NDArray[np.object_]:
    """The first row problem of each group, or ''."""
    out = np.full(groups, "", dtype=object)
    for row in np.flatnonzero(reasons != "")[::-1]:
        out[codes[row]] = reasons[row]
    return out


def add_limits(
    result: pd.DataFrame,
    levels: Sequence[float],
    limits: Sequence[tuple[Array, Array]],
) -> None:
    for (lower_name, upper_name), (lower, upper) in zip(limit_columns(levels), limits):
        result[lower_name] = lower
        result[upper_name] = upper


def finish(
    result: pd.DataFrame,
    *,
    levels: Sequence[float],
    statistic: Any,
    method: Any,
    reason: npt.ArrayLike,
) -> pd.DataFrame:
    """Append the metadata columns every indicator reports, and blank invalid groups."""
    reason = np.asarray(reason, dtype=object)
    invalid = reason != ""
    measures = ["value"] + [name for pair in limit_columns(levels) for name in pair]
    for column in measures if invalid.any() else ():
        if column in result:
            result.loc[invalid, column] = np.nan
    result["confidence"] = confidence_label(levels)
    result["statistic"] = statistic
    result["method"] = method
    result["reason"] = reason
    return result
