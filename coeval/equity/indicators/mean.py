"""Means with Student's t limits (PHEindicatormethods ``phe_mean``)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from coeval.equity.frames import accepts_arrow
from coeval.equity.indicators.intervals import student_t_half_width
from coeval.equity.indicators.tables import (
    Confidence,
    RowChecks,
    add_limits,
    as_columns,
    confidence_levels,
    finish,
    first_reason,
    group_codes,
    group_keys,
    group_sum,
    numeric,
    require_columns,
)


@accepts_arrow
def phe_mean(
    data: pd.DataFrame,
    values: str,
    group_by: str | Iterable[str] = (),
    confidence: Confidence = 0.95,
) -> pd.DataFrame:
    """The mean of ``values`` per group (the whole table when ungrouped), Student's t limits.

    A group with a missing value is NA, as is a group of fewer than two values
    (no standard deviation can be estimated from one).
    """
    levels = confidence_levels(confidence)
    columns = as_columns(group_by)
    require_columns(data, [values, *columns])
    x = numeric(data, values)
    checks = RowChecks(len(data))
    checks.flag(np.isnan(x), f"value {values!r} is missing")

    result = group_keys(data, columns)
    codes = group_codes(data, columns)
    size = len(result)
    total = group_sum(x, codes, size)
    count = np.bincount(codes, minlength=size).astype(np.float64)
    mean = total / count
    squares = group_sum((x - mean[codes]) ** 2, codes, size)
    with np.errstate(invalid="ignore", divide="ignore"):
        stdev = np.sqrt(squares / (count - 1))
    reason = first_reason(checks.reasons, codes, size)
    reason[(reason == "") & (count < 2)] = "fewer than 2 values, so no standard deviation"

    if not columns:
        result = pd.DataFrame(index=[0])
    result["value_sum"] = total
    result["value_count"] = count.astype(np.int64)
    result["stdev"] = stdev
    result["value"] = mean
    half_widths = [student_t_half_width(stdev, count, level) for level in levels]
    add_limits(result, levels, [(mean - half, mean + half) for half in half_widths])
    return finish(
        result,
        levels=levels,
        statistic="mean",
        method="Student's t-distribution",
        reason=reason,
    )
