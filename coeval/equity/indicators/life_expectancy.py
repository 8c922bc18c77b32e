"""Life expectancy from an abridged life table (``phe_life_expectancy``).

Chiang's method II for the table, Silcocks et al. (2001) for the variance, with the
Fingertips suppression rules: a whole area is NA when any band has negative deaths,
a population of zero or less, more deaths than population, when the area's population
is 5,000 or less, or when it lacks some age band; a single age's value (not its
limits) is NA when its 95% interval is wider than 20 years.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from coeval.equity.errors import InputError
from coeval.equity.frames import accepts_arrow
from coeval.equity.indicators.intervals import z_value
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
    limit_columns,
    number_label,
    numeric,
    require_columns,
)

STANDARD_AGE_BANDS: tuple[int, ...] = (0, 1, 5, *range(10, 95, 5))
ROOT_POPULATION = 1e5  # the life table's radix, l at age 0
MINIMUM_TOTAL_POPULATION = 5000
WIDEST_INTERVAL_YEARS = 20
METHOD = "Chiang, using Silcocks et al for confidence limits"


@accepts_arrow
def phe_life_expectancy(
    data: pd.DataFrame,
    deaths: str,
    population: str,
    group_by: str | Iterable[str] = (),
    confidence: Confidence = 0.95,
    *,
    startage: str = "startage",
    age_contents: Sequence[float] = STANDARD_AGE_BANDS,
    le_age: str | Sequence[float] = "all",
) -> pd.DataFrame:
    """Life expectancy at the start of every age band (or only at ``le_age``) per group.

    ``startage`` holds each band's first age; the bands must be ``age_contents``
    (by default under 1, 1-4, 5-9 ... 85-89, 90+). Adds ``pops_used`` and ``dths_used``,
    the population and deaths from that age upwards.
    """
    levels = confidence_levels(confidence)
    columns = as_columns(group_by)
    require_columns(data, [deaths, population, startage, *columns])
    ages = np.asarray(age_contents, dtype=np.float64)
    if len(ages) < 2 or ages[0] != 0 or np.any(np.diff(ages) <= 0):
        raise InputError("age_contents must start at 0 and increase")
    start = numeric(data, startage)
    unknown = ~np.isin(start, ages)
    if unknown.any():
        row = int(np.flatnonzero(unknown)[0])
        raise InputError(
            f"{data[startage].iloc[row]!r} is not one of the age bands "
            f"{', '.join(number_label(a) for a in ages)}",
            column=startage,
            row=row + 1,
        )

    frame = data.reset_index(drop=True).copy()
    frame["_row"] = np.arange(len(frame))
    frame = frame.sort_values([*columns, startage], kind="stable", na_position="last")
    order = frame["_row"].to_numpy()
    d = numeric(data, deaths)[order]
    p = numeric(data, population)[order]
    codes = group_codes(frame, columns)
    size = int(codes.max()) + 1 if len(codes) else 0

    checks = RowChecks(len(data))
    d_rows, p_rows = numeric(data, deaths), numeric(data, population)
    checks.flag(np.isnan(d_rows), f"deaths {deaths!r} are missing")
    checks.flag(np.isnan(p_rows), f"population {population!r} is missing")
    checks.flag(d_rows < 0, f"deaths {deaths!r} are negative")
    checks.flag(p_rows <= 0, f"population {population!r} is not greater than zero")
    row_reasons = checks.reasons[order]
    reason = first_reason(row_reasons, codes, size)
    band_count = np.bincount(codes, minlength=size)
    distinct = frame.groupby(codes)[startage].nunique().to_numpy()
    for group in np.flatnonzero(reason == ""):
        if band_count[group] != len(ages) or distinct[group] != len(ages):
            reason[group] = (
                f"the group has {band_count[group]} age bands, not the {len(ages)} of age_contents"
            )
    over = first_reason(
        np.where(d > p, f"deaths {deaths!r} are more than population", "").astype(object),
        codes,
        size,
    )
    reason[(reason == "") & (over != "")] = over[(reason == "") & (over != "")]
    total = np.bincount(codes, weights=np.nan_to_num(p), minlength=size)
    small = (reason == "") & (total <= MINIMUM_TOTAL_POPULATION)
    reason[small] = [
        f"total population {number_label(t)} is {MINIMUM_TOTAL_POPULATION} or less"
        for t in total[small]
    ]

    value = np.full(len(frame), np.nan)
    se = np.full(len(frame), np.nan)
    for group in np.flatnonzero(reason == ""):
        rows = np.flatnonzero(codes == group)
        value[rows], se[rows] = _life_table(d[rows], p[rows], ages)

    with np.errstate(invalid="ignore"):
        too_wide = z_value(0.95) * se > WIDEST_INTERVAL_YEARS / 2
    result = frame.drop(columns=["_row", deaths, population]).reset_index(drop=True)
    estimate = np.where(np.isinf(value) | too_wide, np.nan, value)
    result["value"] = estimate
    add_limits(result, levels, [_limits(value, se, level) for level in levels])
    result["pops_used"] = _from_age_upwards(p, codes)
    result["dths_used"] = _from_age_upwards(d, codes)
    row_reason = reason[codes].copy()
    row_reason[(row_reason == "") & too_wide] = (
        f"the 95% interval is wider than {WIDEST_INTERVAL_YEARS} years"
    )
    row_reason[(row_reason == "") & np.isnan(estimate)] = "life expectancy is not finite"
    statistic = [f"life expectancy at {number_label(age)}" for age in start[order]]
    result = finish(result, levels=levels, statistic=statistic, method=METHOD, reason=row_reason)
    # finish() blanks the limits of rows with a reason, but Fingertips keeps the limits
    # of ages suppressed only for a wide interval, so put them back.
    wide_only = (reason[codes] == "") & too_wide
    for level, (lower_name, upper_name) in zip(levels, limit_columns(levels)):
        lower, upper = _limits(value, se, level)
        result.loc[wide_only, lower_name] = lower[wide_only]
        result.loc[wide_only, upper_name] = upper[wide_only]
    if not isinstance(le_age, str):
        result = result[np.isin(start[order], np.asarray(le_age, dtype=np.float64))]
    elif le_age != "all":
        raise InputError(f"le_age must be 'all' or a list of ages, not {le_age!r}")
    return result.reset_index(drop=True)


def _limits(value: Array, se: Array, level: float) -> tuple[Array, Array]:
    z = z_value(level)
    return value - z * se, value + z * se


def _from_age_upwards(values: Array, codes: np.ndarray) -> Array:
    """Sum of the band and every older band of the same group (rows sorted by age)."""
    reversed_sums = pd.Series(values[::-1]).groupby(codes[::-1]).cumsum().to_numpy()
    return np.asarray(reversed_sums[::-1], dtype=np.float64)


def _life_table(deaths: Array, population: Array, ages: Array) -> tuple[Array, Array]:
    """Chiang II life expectancy and Silcocks' standard error at each band's start age."""
    bands = len(ages)
    last = bands - 1
    with np.errstate(invalid="ignore", divide="ignore"):
        m = deaths / population
        width = np.append(np.diff(ages), 2 / m[last])
        # Fraction of the interval lived by those who die in it: 0.1 in the first year.
        a = np.where(ages == 0, 0.1, 0.5)
        q = np.where(deaths <= population / width / a, m * width / (1 + m * width * (1 - a)), 1.0)
        survive = 1 - q
        alive = ROOT_POPULATION * np.concatenate(([1.0], np.cumprod(survive[:-1])))
        alive_next = np.append(alive[1:], 0.0)
        dying = alive - alive_next
        lived = width * (alive_next + a * dying)
        lived[last] = alive[last] / m[last]
        total = np.cumsum(lived[::-1])[::-1]
        expectancy = np.where(alive == 0, 0.0, total / alive)
        s2 = np.where(dying == 0, 0.0, q**2 * (1 - q) / deaths)
        s2[last] = 4 / (deaths[last] * m[last] ** 2)
        next_expectancy = np.append(expectancy[1:], np.nan)
        weighted = s2 * alive**2 * ((1 - a) * width + next_expectancy) ** 2
        weighted[last] = (alive[last] / 2) ** 2 * s2[last]
        variance = np.cumsum(weighted[::-1])[::-1]
        se = np.sqrt(variance / alive**2)
    return expectancy, se
