"""Proportions with Wilson score limits (PHEindicatormethods ``phe_proportion``)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from coeval.equity.frames import accepts_arrow
from coeval.equity.indicators.counts import counts
from coeval.equity.indicators.intervals import wilson_lower, wilson_upper
from coeval.equity.indicators.tables import (
    Confidence,
    add_limits,
    as_columns,
    confidence_levels,
    finish,
    number_label,
)


@accepts_arrow
def phe_proportion(
    data: pd.DataFrame,
    numerator: str,
    denominator: str,
    group_by: str | Iterable[str] = (),
    confidence: Confidence = 0.95,
    multiplier: float = 1,
) -> pd.DataFrame:
    """numerator / denominator x multiplier with Wilson score limits.

    Without ``group_by`` each row is its own proportion; with it, numerators and
    denominators are summed per group first. A row with a missing, negative or
    impossible count (numerator above denominator) makes its group NA with a reason.
    """
    levels = confidence_levels(confidence)
    table = counts(data, numerator, denominator, as_columns(group_by), allow_over_denominator=False)
    x, n = table.numerator, table.denominator
    result = table.frame
    with np.errstate(invalid="ignore", divide="ignore"):
        result["value"] = x / n * multiplier
    add_limits(
        result,
        levels,
        [
            (wilson_lower(x, n, level) * multiplier, wilson_upper(x, n, level) * multiplier)
            for level in levels
        ],
    )
    statistic = "percentage" if multiplier == 100 else f"proportion of {number_label(multiplier)}"
    return finish(result, levels=levels, statistic=statistic, method="Wilson", reason=table.reason)
