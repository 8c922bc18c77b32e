"""Numerator and denominator per unit: each row when ungrouped, summed per group otherwise.

This mirrors PHEindicatormethods: ungrouped data is calculated row by row, grouped data
is summed first. A group with any bad row is invalid as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from coeval.equity.indicators.tables import (
    Array,
    RowChecks,
    first_reason,
    group_codes,
    group_keys,
    group_sum,
    numeric,
    require_columns,
)


@dataclass
class Counts:
    frame: pd.DataFrame  # the output's leading columns: input rows, or group keys and sums
    numerator: Array
    denominator: Array
    reason: npt.NDArray[np.object_]


def counts(
    data: pd.DataFrame,
    numerator: str,
    denominator: str,
    group_by: list[str],
    *,
    allow_over_denominator: bool,
) -> Counts:
    require_columns(data, [numerator, denominator, *group_by])
    x = numeric(data, numerator)
    n = numeric(data, denominator)
    checks = RowChecks(len(data))
    checks.flag(np.isnan(x), f"numerator {numerator!r} is missing")
    checks.flag(np.isnan(n), f"denominator {denominator!r} is missing")
    checks.flag(x < 0, f"numerator {numerator!r} is negative")
    checks.flag(n <= 0, f"denominator {denominator!r} is not greater than zero")
    if not allow_over_denominator:
        checks.flag(x > n, f"numerator {numerator!r} is greater than denominator {denominator!r}")

    if not group_by:
        frame = data.reset_index(drop=True).copy()
        return Counts(frame, x, n, checks.reasons)

    keys = group_keys(data, group_by)
    codes = group_codes(data, group_by)
    size = len(keys)
    frame = keys.copy()
    frame[numerator] = group_sum(x, codes, size)
    frame[denominator] = group_sum(n, codes, size)
    reason = first_reason(checks.reasons, codes, size)
    return Counts(frame, frame[numerator].to_numpy(), frame[denominator].to_numpy(), reason)
