"""Indirectly standardised ratios and rates (``calculate_ISRatio``, ``calculate_ISRate``).

Expected events are the reference age-specific rates applied to the local population;
the limits are those of the observed count (exact below 10 events, Byar's from 10)
divided by the expected count. Unlike DSRs, small counts are not suppressed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from coeval.equity.errors import InputError
from coeval.equity.frames import accepts_arrow
from coeval.equity.indicators.intervals import poisson_count_limits, poisson_count_method
from coeval.equity.indicators.tables import (
    Array,
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
    number_label,
    numeric,
    require_columns,
)

Reference = str | Sequence[float]


@accepts_arrow
def phe_isr_ratio(
    data: pd.DataFrame,
    numerator: str,
    denominator: str,
    group_by: str | Iterable[str] = (),
    confidence: Confidence = 0.95,
    multiplier: float = 1,
    *,
    x_ref: Reference,
    n_ref: Reference,
    observed_totals: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Observed / expected events x multiplier (PHE's ``refvalue``: 1, or 100 for an SMR).

    ``x_ref`` and ``n_ref`` name columns of reference events and population, or give
    them in age-band order, attached by row position within each group. With
    ``observed_totals`` (a table of the group columns and ``numerator``) the observed
    events come from there rather than from summing ``numerator`` in ``data``.
    """
    standardised = _standardise(
        data, numerator, denominator, group_by, confidence, x_ref, n_ref, observed_totals
    )
    scale = np.full(len(standardised.frame), float(multiplier))
    statistic = f"indirectly standardised ratio x {number_label(multiplier)}"
    return _result(standardised, scale, statistic)


@accepts_arrow
def phe_isr_rate(
    data: pd.DataFrame,
    numerator: str,
    denominator: str,
    group_by: str | Iterable[str] = (),
    confidence: Confidence = 0.95,
    multiplier: float = 100_000,
    *,
    x_ref: Reference,
    n_ref: Reference,
    observed_totals: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ratio above times the reference population's crude rate per ``multiplier``."""
    standardised = _standardise(
        data, numerator, denominator, group_by, confidence, x_ref, n_ref, observed_totals
    )
    ref_rate = standardised.ref_events / standardised.ref_population * multiplier
    standardised.frame["ref_rate"] = ref_rate
    statistic = f"indirectly standardised rate per {number_label(multiplier)}"
    return _result(standardised, ref_rate, statistic)


@dataclass
class _Standardised:
    frame: pd.DataFrame
    observed: Array
    expected: Array
    ref_events: Array
    ref_population: Array
    reason: npt.NDArray[np.object_]
    levels: tuple[float, ...]


def _standardise(
    data: pd.DataFrame,
    numerator: str,
    denominator: str,
    group_by: str | Iterable[str],
    confidence: Confidence,
    x_ref: Reference,
    n_ref: Reference,
    observed_totals: pd.DataFrame | None,
) -> _Standardised:
    levels = confidence_levels(confidence)
    columns = as_columns(group_by)
    named = [ref for ref in (x_ref, n_ref) if isinstance(ref, str)]
    local_numerator = [] if observed_totals is not None else [numerator]
    require_columns(data, [*local_numerator, denominator, *columns, *named])

    n = numeric(data, denominator)
    checks = RowChecks(len(data))
    codes = group_codes(data, columns)
    ref_x = _reference(data, x_ref, codes, checks, "reference events")
    ref_n = _reference(data, n_ref, codes, checks, "reference population")
    checks.flag(n < 0, f"denominator {denominator!r} is negative")
    checks.flag(np.isnan(ref_n), "reference population is missing")
    checks.flag(ref_n <= 0, "reference population is not greater than zero")
    checks.flag(ref_x < 0, "reference events are negative")

    frame = group_keys(data, columns)
    size = len(frame)
    with np.errstate(invalid="ignore", divide="ignore"):
        expected = group_sum(np.nan_to_num(ref_x) / ref_n * np.nan_to_num(n), codes, size)
    if observed_totals is None:
        x = numeric(data, numerator)
        checks.flag(x < 0, f"numerator {numerator!r} is negative")
        observed = group_sum(np.nan_to_num(x), codes, size)
        reason = first_reason(checks.reasons, codes, size)
    else:
        reason = first_reason(checks.reasons, codes, size)
        observed = _observed_totals(observed_totals, frame, columns, numerator, reason)

    if not columns:
        frame = pd.DataFrame(index=[0])
    frame["observed"] = observed
    frame["expected"] = expected
    return _Standardised(
        frame=frame,
        observed=observed,
        expected=expected,
        ref_events=group_sum(np.nan_to_num(ref_x), codes, size),
        ref_population=group_sum(ref_n, codes, size),
        reason=reason,
        levels=levels,
    )


def _reference(
    data: pd.DataFrame, ref: Reference, codes: np.ndarray, checks: RowChecks, what: str
) -> Array:
    if isinstance(ref, str):
        return numeric(data, ref)
    vector = np.asarray(ref, dtype=np.float64)
    position = pd.Series(codes).groupby(codes).cumcount().to_numpy()
    sizes = np.bincount(codes)[codes]
    checks.flag(
        sizes != len(vector),
        f"its group has a different number of rows from the {len(vector)} {what} values, "
        "which are attached by row position",
    )
    return np.where(position < len(vector), vector[np.minimum(position, len(vector) - 1)], np.nan)


def _observed_totals(
    totals: pd.DataFrame,
    frame: pd.DataFrame,
    columns: list[str],
    numerator: str,
    reason: npt.NDArray[np.object_],
) -> Array:
    require_columns(totals, [numerator, *columns])
    counts = numeric(totals, numerator)
    if not columns:
        if len(totals) != 1:
            raise InputError("observed totals for ungrouped data must have exactly one row")
        observed = np.array([counts[0]])
    else:
        lookup = totals[columns].assign(_observed=counts).drop_duplicates(columns)
        joined = frame[columns].merge(lookup, on=columns, how="left")
        observed = joined["_observed"].to_numpy(dtype=np.float64)
    for i in np.flatnonzero(reason == ""):
        if np.isnan(observed[i]):
            reason[i] = f"no observed total {numerator!r} for this group"
        elif observed[i] < 0:
            reason[i] = f"observed total {numerator!r} is negative"
    return observed


def _result(standardised: _Standardised, scale: Array, statistic: str) -> pd.DataFrame:
    observed, expected = standardised.observed, standardised.expected
    result = standardised.frame
    with np.errstate(invalid="ignore", divide="ignore"):
        result["value"] = observed / expected * scale
        limits = []
        for level in standardised.levels:
            lower, upper = poisson_count_limits(observed, level)
            limits.append((lower / expected * scale, upper / expected * scale))
    add_limits(result, standardised.levels, limits)
    return finish(
        result,
        levels=standardised.levels,
        statistic=statistic,
        method=poisson_count_method(observed),
        reason=standardised.reason,
    )
