"""Funnel plots: control limits, significance of each unit, and rate points to plot.

PHEindicatormethods ``calculate_funnel_limits``, ``assign_funnel_significance`` and
``calculate_funnel_points``. Limits are drawn at two levels: "2s" (two-sided 95%,
labelled 0.025) and "3s" (two-sided 99.8%, labelled 0.001).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coeval.equity.errors import InputError
from coeval.equity.frames import accepts_arrow
from coeval.equity.indicators.funnel_poisson import count_limit, poisson_funnel, wilson_funnel_limit
from coeval.equity.indicators.tables import Array, RowChecks, numeric, require_columns

STATISTICS = ("proportion", "ratio", "rate")
POINTS = 100  # the package always draws each limit through 100 points
LEVELS = {"2s": 0.025, "3s": 0.001}  # one-sided tail beyond each limit
HIGH_3S, HIGH_2S, LOW_3S, LOW_2S = "High (0.001)", "High (0.025)", "Low (0.001)", "Low (0.025)"
NOT_SIGNIFICANT = "Not significant"
DSR_TOO_FEW = "Not applicable for events less than 10 for dsrs"
DSR_MINIMUM_EVENTS = 10


@accepts_arrow
def calculate_funnel_limits(
    data: pd.DataFrame,
    numerator: str,
    denominator: str | None = None,
    *,
    statistic: str,
    multiplier: float,
    rate: str | None = None,
    ratio_type: str | None = None,
    rate_type: str | None = None,
    years_of_data: float | None = None,
) -> pd.DataFrame:
    """100 rows of control limits spanning the data's range of denominators.

    proportion: ``numerator`` events of ``denominator`` people; limits in units of
    ``multiplier`` (100 for percentages) around the pooled proportion.
    ratio: ``numerator`` observed and ``denominator`` expected events; ``ratio_type``
    "count" gives the limits minus 1, "isr" gives them x 100.
    rate: ``numerator`` events and a ``rate`` per ``multiplier``, ``rate_type`` "dsr" or
    "crude", pooled over ``years_of_data`` (a ``denominator`` is needed for 0 events).
    """
    _check_statistic(statistic)
    derived, events, reason = _derived_denominators(
        data, numerator, denominator, rate, statistic, multiplier, rate_type
    )
    valid = reason == ""
    average = events[valid].sum() / np.nansum(derived[valid])
    low, high = np.nanmin(derived[valid]), np.nanmax(derived[valid])
    years = _years(statistic, years_of_data)

    if high > 2 * low:
        axis_minimum = 0.0
    else:
        axis_minimum = _round_down_neatly(low / years) * years
    axis_maximum = _round_up_neatly(high / years) * years
    if statistic == "rate":
        axis_minimum = float(np.floor(axis_minimum * average))
        axis_maximum = float(np.ceil(axis_maximum * average))
    points = _axis(axis_minimum, axis_maximum, shift=1 if statistic == "ratio" else 0)

    if statistic == "proportion":
        table = pd.DataFrame({"Population": points})
        for name, tail in LEVELS.items():
            lower = wilson_funnel_limit(1 - tail, points, average, "low") * multiplier
            upper = wilson_funnel_limit(1 - tail, points, average, "high") * multiplier
            table[f"lower_{name}_limit"] = np.maximum(0, lower)
            table[f"upper_{name}_limit"] = np.minimum(100, upper)
        table["baseline"] = average * multiplier
        table = table[["Population", *_limit_order("limit"), "baseline"]]
        table["statistic"], table["method"] = "proportion", "Wilson"
        return table

    label = "Observed_events" if statistic == "ratio" else "Events"
    table = pd.DataFrame({label: points})
    for name, tail in LEVELS.items():
        for bound, side in (("lower", "high"), ("upper", "low")):
            expected = np.array([poisson_funnel(p, tail, side) for p in points])
            if statistic == "ratio":
                table[f"{bound}_{name}_exp_events"] = expected
                table[f"{bound}_{name}_limit"] = points / expected
            else:
                population = expected / average
                table[f"{bound}_{name}_population_1_year"] = population / years
                table[f"{bound}_{name}_limit"] = points / population * multiplier
    if statistic == "ratio":
        ratio_type = _choice("ratio_type", ratio_type, ("count", "isr"))
        limits = [c for c in table.columns if c.endswith("_limit")]
        table[limits] = table[limits] - 1 if ratio_type == "count" else table[limits] * 100
        table["statistic"] = f"ratio ({ratio_type})"
    else:
        table["baseline"] = average * multiplier
        table["statistic"] = f"rate ({rate_type} per {multiplier:,.15g})"
    table["method"] = "Poisson"
    return table


@accepts_arrow
def assign_funnel_significance(
    data: pd.DataFrame,
    numerator: str,
    denominator: str | None = None,
    *,
    statistic: str,
    rate: str | None = None,
    rate_type: str | None = None,
    multiplier: float | None = None,
) -> pd.DataFrame:
    """The input with ``significance`` (High/Low at 0.001 or 0.025, or Not significant)
    and ``reason`` (why a row has no label). DSRs with fewer than 10 events are
    "Not applicable for events less than 10 for dsrs"."""
    _check_statistic(statistic)
    if statistic == "rate" and multiplier is None:
        raise InputError("rates need a multiplier (the rate is per how many people?)")
    derived, events, reason = _derived_denominators(
        data, numerator, denominator, rate, statistic, multiplier or 1, rate_type
    )
    valid = reason == ""
    label = np.full(len(data), NOT_SIGNIFICANT, dtype=object)
    if statistic == "proportion":
        average = events[valid].sum() / derived[valid].sum()
        share = events / derived
        ordered = [
            (share < wilson_funnel_limit(0.999, derived, average, "low"), LOW_3S),
            (share < wilson_funnel_limit(0.975, derived, average, "low"), LOW_2S),
            (share > wilson_funnel_limit(0.999, derived, average, "high"), HIGH_3S),
            (share > wilson_funnel_limit(0.975, derived, average, "high"), HIGH_2S),
        ]
    else:
        target = 1.0 if statistic == "ratio" else events[valid].sum() / np.nansum(derived[valid])

        def bound(confidence: float, side: str) -> Array:
            return np.array(
                [
                    count_limit(x, confidence, side) / d if ok else np.nan
                    for x, d, ok in zip(events, derived, valid)
                ]
            )

        ordered = [
            (target < bound(0.998, "low"), HIGH_3S),
            (target < bound(0.95, "low"), HIGH_2S),
            (target > bound(0.998, "high"), LOW_3S),
            (target > bound(0.95, "high"), LOW_2S),
        ]
    for mask, text in reversed(ordered):  # the first matching test wins
        label[mask] = text
    if statistic == "rate" and rate_type == "dsr":
        label[events < DSR_MINIMUM_EVENTS] = DSR_TOO_FEW
    label[~valid] = None
    result = data.reset_index(drop=True).copy()
    result["significance"] = label
    result["reason"] = reason
    return result


@accepts_arrow
def calculate_funnel_points(
    data: pd.DataFrame,
    numerator: str,
    rate: str,
    *,
    rate_type: str,
    years_of_data: float,
    multiplier: float,
    denominator: str | None = None,
) -> pd.DataFrame:
    """Rates to plot against the funnel: ``<rate>_chart`` and ``denominator_derived``
    (the yearly population implied by the events and rate). DSRs below 10 events are
    not plotted."""
    rate_type = _choice("rate_type", rate_type, ("dsr", "crude"))
    require_columns(data, [numerator, rate, *([denominator] if denominator else [])])
    events, rates = numeric(data, numerator), numeric(data, rate)
    with np.errstate(invalid="ignore", divide="ignore"):
        implied = multiplier * events / rates / years_of_data
    chart = rates.copy()
    if rate_type == "dsr":
        few = events < DSR_MINIMUM_EVENTS
        chart[few], implied[few] = np.nan, np.nan
    elif denominator is not None:
        implied = np.where(events == 0, numeric(data, denominator) / years_of_data, implied)
    result = data.reset_index(drop=True).copy()
    result[f"{rate}_chart"] = chart
    result["denominator_derived"] = implied
    return result


def _check_statistic(statistic: str) -> None:
    _choice("statistic", statistic, STATISTICS)


def _choice(name: str, value: str | None, options: tuple[str, ...]) -> str:
    if value not in options:
        raise InputError(f"{name} must be one of {', '.join(options)}, not {value!r}")
    return value


def _years(statistic: str, years_of_data: float | None) -> float:
    if statistic != "rate":
        return 1.0
    if years_of_data is None or years_of_data <= 0:
        raise InputError("rates need years_of_data, the number of years the rates cover")
    return float(years_of_data)


def _derived_denominators(
    data: pd.DataFrame,
    numerator: str,
    denominator: str | None,
    rate: str | None,
    statistic: str,
    multiplier: float,
    rate_type: str | None,
) -> tuple[Array, Array, np.ndarray]:
    """Each unit's events and denominator (for rates, implied by events and rate)."""
    if statistic == "rate":
        rate_type = _choice("rate_type", rate_type, ("dsr", "crude"))
        if rate is None:
            raise InputError("rates need the rate column")
    elif denominator is None:
        raise InputError(f"a {statistic} needs the denominator column")
    named = [c for c in (numerator, denominator, rate) if c is not None]
    require_columns(data, named)
    events = numeric(data, numerator)
    given = numeric(data, denominator) if denominator is not None else np.full(len(data), np.nan)
    checks = RowChecks(len(data))
    checks.flag(np.isnan(events), f"numerator {numerator!r} is missing")
    checks.flag(events < 0, f"numerator {numerator!r} is negative")
    if statistic != "rate":
        checks.flag(np.isnan(given), f"denominator {denominator!r} is missing")
        checks.flag(given <= 0, f"denominator {denominator!r} is not greater than zero")
        if statistic == "proportion":
            checks.flag(events > given, f"numerator {numerator!r} is greater than denominator")
        return given, events, checks.reasons
    rates = numeric(data, str(rate))
    with np.errstate(invalid="ignore", divide="ignore"):
        implied = multiplier * events / rates
    zero = events == 0
    if rate_type == "dsr":
        implied[zero] = np.nan
    else:
        checks.flag(
            zero & ~(given > 0), "a unit with 0 events needs a denominator greater than zero"
        )
        implied = np.where(zero & (given > 0), given, implied)
    checks.flag(~zero & np.isnan(rates), f"rate {rate!r} is missing")
    return implied, events, checks.reasons


def _limit_order(suffix: str) -> list[str]:
    return [f"{bound}_{name}_{suffix}" for name in LEVELS for bound in ("lower", "upper")]


def _axis(minimum: float, maximum: float, shift: int) -> Array:
    """100 denominators, spaced geometrically so small units (the funnel's neck) get more."""
    points = [max(1.0, minimum)]
    for j in range(2, POINTS + 1):
        previous = points[-1]
        step = (maximum / previous) ** (1 / (101 - (j - shift))) * previous
        points.append(max(float(np.round(step)), previous + 1))
    return np.array(points)


def _digits(value: float) -> int:
    """How many characters R's as.character() writes for a whole number.

    R prints 100000 as "1e+05" because that is shorter, and the package's axis rounding
    counts those characters, so the axis depends on it.
    """
    whole = int(value)
    fixed = len(str(whole))
    if whole == 0:
        return 1
    significant = len(str(whole).rstrip("0"))
    exponent = fixed - 1
    scientific = (1 if significant == 1 else significant + 1) + (4 if exponent < 100 else 5)
    return fixed if fixed <= scientific else scientific


def _round_down_neatly(value: float, share: float = 0.95) -> float:
    if value == 0:
        return 0.0
    n = _digits(np.floor(value * share)) - 1
    return float(np.floor(value * share / 10**n) * 10**n)


def _round_up_neatly(value: float, share: float = 1.05) -> float:
    if value == 0:
        return 0.0
    n = _digits(np.ceil(value * share)) - 2
    return float(np.ceil(value * share / 10.0**n) * 10.0**n)
