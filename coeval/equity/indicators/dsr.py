"""Directly standardised rates, Dobson limits (PHEindicatormethods ``calculate_dsr``).

With ``independent_events=False`` each row counts the people who had a given number of
events (``eventfreq``); the variance then allows for one person's events being
correlated, as in PHEindicatormethods 2.1.0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from coeval.equity.errors import InputError
from coeval.equity.frames import accepts_arrow
from coeval.equity.indicators.intervals import dobson_limits
from coeval.equity.indicators.standard_populations import ESP2013
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

# Fingertips does not publish a DSR built on fewer events than this.
MINIMUM_TOTAL_COUNT = 10
INDEPENDENT = "Dobson"
NON_INDEPENDENT = "Dobson, with confidence adjusted for non-independent events"


@accepts_arrow
def phe_dsr(
    data: pd.DataFrame,
    numerator: str,
    denominator: str,
    group_by: str | Iterable[str] = (),
    confidence: Confidence = 0.95,
    multiplier: float = 100_000,
    stdpop: str | Sequence[float] | None = None,
    independent_events: bool = True,
    eventfreq: str | None = None,
    ageband: str | None = None,
) -> pd.DataFrame:
    """The directly standardised rate per group (the whole table when ungrouped).

    ``stdpop`` names a column of standard population weights, or gives the weights in
    age-band order, attached by row position within each group (ESP2013's 19 bands when
    omitted). A missing numerator counts as 0. Groups with fewer than 10 events are NA.
    For non-independent events, ``numerator`` is the number of people with ``eventfreq``
    events in the ``ageband``; rows of one age band must share population and weight.
    """
    levels = confidence_levels(confidence)
    columns = as_columns(group_by)
    if not independent_events and (eventfreq is None or ageband is None):
        raise InputError("non-independent events need both the eventfreq and ageband columns")
    block_columns = columns if independent_events else [*columns, str(eventfreq)]
    extra = [] if independent_events else [str(eventfreq), str(ageband)]
    weight_column = [stdpop] if isinstance(stdpop, str) else []
    require_columns(data, [numerator, denominator, *columns, *extra, *weight_column])

    x = numeric(data, numerator)
    n = numeric(data, denominator)
    checks = RowChecks(len(data))
    block = group_codes(data, block_columns)
    weights = _weights(data, stdpop, block, checks)
    checks.flag(x < 0, f"numerator {numerator!r} is negative")
    checks.flag(np.isnan(n), f"denominator {denominator!r} is missing")
    checks.flag(n <= 0, f"denominator {denominator!r} is not greater than zero")
    checks.flag(np.isnan(weights), "standard population is missing")
    checks.flag(weights < 0, "standard population is negative")
    frequency = np.ones(len(data))
    if not independent_events:
        frequency = numeric(data, str(eventfreq))
        checks.flag(np.isnan(frequency), f"event frequency {eventfreq!r} is missing")
        _check_shared_age_bands(data, [*columns, str(ageband)], n, weights, checks)

    result = group_keys(data, columns)
    codes = group_codes(data, columns)
    size = len(result)
    x0 = np.nan_to_num(x)
    events = x0 * frequency
    with np.errstate(invalid="ignore", divide="ignore"):
        if independent_events:
            weight_total = group_sum(weights, codes, size)
            variance = group_sum(x0 * (weights / n) ** 2, codes, size) / weight_total**2
            population = group_sum(n, codes, size)
        else:
            weight_total, population = _per_age_band_totals(data, columns, ageband, n, weights)
            variance = _non_independent_variance(x0, n, weights, frequency, block, codes, size)
        total_count = group_sum(events, codes, size)
        value = group_sum(events * weights / n, codes, size) / weight_total * multiplier

    reason = first_reason(checks.reasons, codes, size)
    suppressed = (reason == "") & (total_count < MINIMUM_TOTAL_COUNT)
    reason[suppressed] = [
        f"total count {number_label(count)} is below {MINIMUM_TOTAL_COUNT}"
        for count in total_count[suppressed]
    ]
    statistic = np.where(
        total_count < MINIMUM_TOTAL_COUNT,
        f"dsr NA for total count < {MINIMUM_TOTAL_COUNT}",
        f"dsr per {number_label(multiplier)}",
    )

    if not columns:
        result = pd.DataFrame(index=[0])
    result["total_count"] = total_count
    result["total_pop"] = population
    result["value"] = value
    add_limits(
        result,
        levels,
        [dobson_limits(value, variance, total_count, level, multiplier) for level in levels],
    )
    method = INDEPENDENT if independent_events else NON_INDEPENDENT
    return finish(result, levels=levels, statistic=statistic, method=method, reason=reason)


def _weights(
    data: pd.DataFrame,
    stdpop: str | Sequence[float] | None,
    block: np.ndarray,
    checks: RowChecks,
) -> Array:
    if isinstance(stdpop, str):
        return numeric(data, stdpop)
    vector = np.asarray(ESP2013 if stdpop is None else stdpop, dtype=np.float64)
    position = pd.Series(block).groupby(block).cumcount().to_numpy()
    sizes = np.bincount(block)[block]
    checks.flag(
        sizes != len(vector),
        f"its group has a different number of rows from the {len(vector)} standard population "
        "bands, which are attached by row position",
    )
    return np.where(position < len(vector), vector[np.minimum(position, len(vector) - 1)], np.nan)


def _check_shared_age_bands(
    data: pd.DataFrame, band_columns: list[str], n: Array, weights: Array, checks: RowChecks
) -> None:
    """Each age band has one population and one weight, whatever the event frequency."""
    frame = pd.DataFrame({"n": n, "w": weights}, index=data.index)
    keys = [data[column] for column in band_columns]
    varied = frame.groupby(keys, dropna=False).transform("nunique").max(axis=1) > 1
    checks.flag(
        varied.to_numpy(),
        "the same age band has different populations or standard populations "
        "for different event frequencies",
    )


def _per_age_band_totals(
    data: pd.DataFrame, columns: list[str], ageband: str | None, n: Array, weights: Array
) -> tuple[Array, Array]:
    """Sums of weight and population over age bands, counting each band once."""
    frame = pd.DataFrame({"n": n, "w": weights})
    for column in [*columns, str(ageband)]:
        frame[f"key {column}"] = data[column].to_numpy()
    keys = [f"key {column}" for column in columns]
    bands = frame.drop_duplicates([*keys, f"key {ageband}"])
    if not keys:
        return np.array([bands["w"].sum()]), np.array([bands["n"].sum()])
    totals = bands.groupby(keys, sort=False, dropna=False)[["w", "n"]].sum()
    order = frame.drop_duplicates(keys).set_index(keys).index
    totals = totals.loc[order]
    return totals["w"].to_numpy(), totals["n"].to_numpy()


def _non_independent_variance(
    persons: Array,
    n: Array,
    weights: Array,
    frequency: Array,
    block: np.ndarray,
    codes: np.ndarray,
    size: int,
) -> Array:
    """Sum over event frequencies f of f^2 times the Dobson variance of people with f events."""
    blocks = int(block.max()) + 1 if len(block) else 0
    block_weight = np.bincount(block, weights=weights, minlength=blocks)
    block_squares = np.bincount(block, weights=persons * (weights / n) ** 2, minlength=blocks)
    block_frequency = np.zeros(blocks)
    block_frequency[block] = frequency
    block_group = np.zeros(blocks, dtype=np.intp)
    block_group[block] = codes
    block_variance = block_squares / block_weight**2 * block_frequency**2
    return np.bincount(block_group, weights=block_variance, minlength=size).astype(np.float64)
