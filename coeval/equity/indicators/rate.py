"""Crude rates with exact Poisson (below 10 events) or Byar's limits (``phe_rate``)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from coeval.equity.frames import accepts_arrow
from coeval.equity.indicators.counts import counts
from coeval.equity.indicators.intervals import poisson_count_limits, poisson_count_method
from coeval.equity.indicators.tables import (
    Confidence,
    add_limits,
    as_columns,
    confidence_levels,
    finish,
    number_label,
)


@accepts_arrow
def phe_rate(
    data: pd.DataFrame,
    numerator: str,
    denominator: str,
    group_by: str | Iterable[str] = (),
    confidence: Confidence = 0.95,
    multiplier: float = 100_000,
) -> pd.DataFrame:
    """numerator / denominator x multiplier with limits for a Poisson count.

    A numerator larger than its denominator is allowed (people can have several events).
    Without ``group_by`` each row is its own rate; with it, counts are summed per group.
    """
    levels = confidence_levels(confidence)
    table = counts(data, numerator, denominator, as_columns(group_by), allow_over_denominator=True)
    x, n = table.numerator, table.denominator
    result = table.frame
    with np.errstate(invalid="ignore", divide="ignore"):
        result["value"] = x / n * multiplier
        limits = []
        for level in levels:
            lower, upper = poisson_count_limits(x, level)
            limits.append((lower / n * multiplier, upper / n * multiplier))
    add_limits(result, levels, limits)
    return finish(
        result,
        levels=levels,
        statistic=f"rate per {number_label(multiplier)}",
        method=poisson_count_method(x),
        reason=table.reason,
    )
