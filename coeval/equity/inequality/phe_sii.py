"""phe_sii: the PHE slope and relative index of inequality on a tidy table.

Follows PHEindicatormethods 2.1.0 ``phe_sii`` (arguments, defaults and output
columns), with three additions: ``group_by`` instead of dplyr groups, a ``seed``,
and ``interval="analytic"`` for a normal-approximation interval. Areas that cannot
be calculated come back with NA and a ``reason``, instead of being dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from coeval.equity.errors import InputError
from coeval.equity.frames import accepts_arrow
from coeval.equity.inequality import sii_core as core
from coeval.equity.inequality.confidence import (
    confidence_levels,
    level_label,
    level_suffix,
    z_value,
)

INDICATOR_TYPES = {0: "normal", 1: "rate", 2: "proportion"}
INTERVAL_METHODS = ("simulation", "analytic")
# phe_sii derives standard errors from 95% limits whatever confidence is asked for.
_Z95 = z_value(0.95)


@accepts_arrow
def phe_sii(
    data: pd.DataFrame,
    quantile: str,
    population: str,
    *,
    x: str | None = None,
    value: str | None = None,
    value_type: int = 0,
    transform: bool = False,
    lower_cl: str | None = None,
    upper_cl: str | None = None,
    se: str | None = None,
    multiplier: float = 1,
    repetitions: int = 100_000,
    confidence: float | Iterable[float] = 0.95,
    rii: bool = False,
    intercept: bool = False,
    group_by: Sequence[str] = (),
    seed: int | None = None,
    interval: str = "simulation",
    type: str = "full",
    workers: int = 2,
) -> pd.DataFrame:
    """SII (and optionally RII and intercept) with intervals, one row per group.

    Quantile 1 is taken as the most deprived end: the SII is the modelled difference
    from rank 0 (quantile 1) to rank 1, multiplied by ``multiplier``.
    """
    group_by = list(group_by)
    levels = confidence_levels(confidence)
    _check_arguments(
        data, quantile, population, x, value, value_type, transform, lower_cl, upper_cl, se,
        repetitions, interval, type, group_by,
    )  # fmt: skip
    rows = _working_rows(
        data, quantile, population, x, value, value_type, lower_cl, upper_cl, se, group_by
    )
    quantiles = np.sort(rows["_quantile"].unique())
    if not 5 <= len(quantiles) <= 100:
        raise InputError(
            f"found {len(quantiles)} different quantiles; phe_sii needs between 5 and 100",
            column=quantile,
        )
    groups, reasons = _group_reasons(rows, group_by, quantiles)
    valid = reasons.isna().to_numpy()

    count = len(groups)
    result: dict = {c: groups[c].reset_index(drop=True) for c in groups.columns}
    columns = _result_columns(levels, rii)
    if valid.any():
        keep = rows[rows["_group"].isin(np.flatnonzero(valid))].sort_values(["_group", "_quantile"])
        shape = (int(valid.sum()), len(quantiles))
        mean = keep["_working"].to_numpy(float).reshape(shape)
        sd = keep["_se"].to_numpy(float).reshape(shape)
        pop = keep["_population"].to_numpy(float).reshape(shape)
        computed = _calculate(
            mean, sd, pop, value_type=value_type, transform=transform, multiplier=multiplier,
            levels=levels, want_rii=rii, repetitions=repetitions, seed=seed,
            interval=interval, workers=workers,
        )  # fmt: skip
    for column in columns:
        values = np.full(count, np.nan)
        if valid.any():
            values[valid] = computed[column]
        result[column] = values
    methods = np.full(count, NO_INTERVAL, dtype=object)
    if valid.any():
        methods[valid] = computed["method"]
    result["reason"] = reasons.to_numpy()

    if not rii:
        result = {c: v for c, v in result.items() if not str(c).startswith("rii")}
    if not intercept:
        del result["intercept"]
    else:
        result["intercept"] = result.pop("intercept")
    if type == "full":
        result["indicator_type"] = INDICATOR_TYPES[value_type]
        result["multiplier"] = multiplier
        result["transform"] = (
            {1: "log", 2: "logit"}.get(value_type, "none") if transform else "none"
        )
        result["CI_confidence"] = level_label(levels)
        result["CI_method"] = methods
    result["reason"] = result.pop("reason")
    return pd.DataFrame(result, index=pd.RangeIndex(count))


NO_INTERVAL = "none"


def method_labels(repetitions: int) -> dict[str, str]:
    """The CI_method of each way an interval is produced."""
    return {
        "analytic": "analytic normal approximation",
        core.SIMULATED: f"Monte-Carlo simulation ({repetitions:,} repetitions)",
        core.EXACT: "exact distribution of the refitted coefficients (FFT)",
    }


def _result_columns(levels: list[float], want_rii: bool) -> list[str]:
    limits = [
        f"{stat}_{side}{level_suffix(level)}cl"
        for stat in ("sii", "rii")
        for level in levels
        for side in ("lower", "upper")
    ]
    return ["sii", "rii", *limits, "intercept"]


def _check_arguments(
    data, quantile, population, x, value, value_type, transform, lower_cl, upper_cl, se,
    repetitions, interval, type, group_by,
) -> None:  # fmt: skip
    if not isinstance(data, pd.DataFrame):
        raise InputError("data: phe_sii needs a pandas DataFrame")
    if value_type not in INDICATOR_TYPES:
        raise InputError(
            f"value_type: {value_type!r} is not 0 (normal), 1 (rate) or 2 (proportion)"
        )
    if value is None and x is None:
        raise InputError("give a value column, or an x column for a proportion of population")
    if value is None and value_type != 2:
        raise InputError("an x column without value is only allowed for proportions (value_type=2)")
    if se is None and (lower_cl is None or upper_cl is None):
        raise InputError("give either lower_cl and upper_cl columns, or an se column")
    if transform and value_type == 0:
        raise InputError("transform=True needs value_type 1 (rate) or 2 (proportion)")
    if transform and se is not None:
        raise InputError(
            "transform=True needs se to be absent: it is derived from lower_cl/upper_cl"
        )
    if repetitions < 1000:
        raise InputError(f"repetitions: {repetitions} is below the minimum of 1,000")
    if interval not in INTERVAL_METHODS:
        raise InputError(f"interval: {interval!r} is not one of {', '.join(INTERVAL_METHODS)}")
    if type not in ("full", "standard"):
        raise InputError(f"type: {type!r} is not 'full' or 'standard'")
    named = [quantile, population, x, value, lower_cl, upper_cl, se, *group_by]
    missing = [c for c in named if c is not None and c not in data.columns]
    if missing:
        raise InputError(f"column(s) not found in data: {', '.join(map(str, missing))}")
    for column in (population, x, value, lower_cl, upper_cl, se):
        if column is not None and not pd.api.types.is_numeric_dtype(data[column]):
            raise InputError("values must be numeric", column=column)
    if data[quantile].isna().any():
        row = int(np.flatnonzero(data[quantile].isna().to_numpy())[0])
        raise InputError("quantile is missing", column=quantile, row=row + 1)


def _working_rows(
    data, quantile, population, x, value, value_type, lower_cl, upper_cl, se, group_by
) -> pd.DataFrame:
    """Each row's value and standard error on the regression's working scale."""
    quantiles = data[quantile]
    populations = data[population].astype(float)
    raw = data[value].astype(float) if value is not None else data[x] / data[population]
    problem = pd.Series(None, index=data.index, dtype=object)

    def flag(mask, text):
        if not mask.any():
            return
        mask = mask & problem.isna()
        problem[mask] = text + " for quantile " + quantiles[mask].astype(str)

    flag(~(populations > 0), "population is zero, negative or missing")
    flag(raw.isna(), "value is missing")
    if value_type == 2:
        flag((raw < 0) | (raw > 1), "proportion is outside 0 to 1")
    if se is not None:
        flag(~(data[se] >= 0), "standard error is missing or negative")
        errors = data[se].to_numpy(dtype=float)
    else:
        lower, upper = data[lower_cl].astype(float), data[upper_cl].astype(float)
        flag(lower.isna() | upper.isna(), "a confidence limit is missing")
        if value_type == 2:
            flag((lower < 0) | (lower > 1) | (upper < 0) | (upper > 1), "limit outside 0 to 1")
        with np.errstate(divide="ignore", invalid="ignore"):
            errors = (_to_working(upper, value_type) - _to_working(lower, value_type)) / _Z95 / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        working = _to_working(raw, value_type)
    problem_text = {
        1: "rate or limit must be above 0 to take its log",
        2: "proportion or limit must be strictly between 0 and 1 to take its logit",
    }.get(value_type, "value or standard error is not a finite number")
    bad = pd.Series(~np.isfinite(working) | ~np.isfinite(errors), index=data.index)
    flag(bad, problem_text)
    columns: dict = {
        "_quantile": quantiles.array,
        "_population": populations.to_numpy(),
        "_se": errors,
        "_working": working,
        "_problem": problem.array,
        "_group": data.groupby(group_by, sort=True, dropna=False).ngroup().to_numpy()
        if group_by
        else 0,
    }
    for column in group_by:
        columns[column] = data[column].array
    return pd.DataFrame(columns, index=data.index)


def _to_working(values: pd.Series, value_type: int) -> np.ndarray:
    # phe_sii always works on log rates and logit proportions, transform or not.
    numbers = values.to_numpy(float)
    if value_type == 1:
        return np.log(numbers)
    if value_type == 2:
        return np.log(numbers / (1 - numbers))
    return numbers


def _group_reasons(
    rows: pd.DataFrame, group_by: list[str], quantiles: np.ndarray
) -> tuple[pd.DataFrame, pd.Series]:
    """Each group's labels, and why it cannot be calculated (None when it can).

    With numpy on the group numbers rather than a pandas group-by: one pass however
    many groups there are.
    """
    group = rows["_group"].to_numpy() if group_by else np.zeros(len(rows), dtype=np.int64)
    count = int(group.max()) + 1 if len(group) else 0
    firsts = np.unique(group, return_index=True)[1]
    groups = (
        pd.DataFrame({c: rows[c].to_numpy()[firsts] for c in group_by})
        if group_by
        else pd.DataFrame(index=[0])
    )
    problems = rows["_problem"].to_numpy()
    reasons = np.full(count, None, dtype=object)
    flagged = np.flatnonzero(pd.notna(problems))
    if len(flagged):
        first_group, at = np.unique(group[flagged], return_index=True)
        reasons[first_group] = problems[flagged[at]]
    codes = np.searchsorted(quantiles, rows["_quantile"].to_numpy())
    distinct = np.unique(group * len(quantiles) + codes)
    present = np.bincount(distinct // len(quantiles), minlength=count)
    sizes = np.bincount(group, minlength=count)
    unflagged = pd.isna(reasons)
    short = unflagged & (present < len(quantiles))
    for i in np.flatnonzero(short):
        reasons[i] = f"has data for {present[i]} of the {len(quantiles)} quantiles"
    reasons[unflagged & ~short & (sizes > present)] = "a quantile appears more than once"
    return groups, pd.Series(reasons, dtype=object)


def _calculate(
    mean, sd, pop, *, value_type, transform, multiplier, levels, want_rii, repetitions, seed,
    interval, workers,
) -> dict[str, np.ndarray]:  # fmt: skip
    labels = method_labels(repetitions)
    fitted = mean if transform else core.back_transform(mean, value_type)
    base = core.fit(pop, fitted)
    a, b = base.intercept, base.slope
    g = lambda v: core.back_transform(v, value_type)  # noqa: E731
    out: dict[str, np.ndarray] = {}
    if transform:
        at0, at1 = g(a), g(a + b)
        out["sii"] = (at1 - at0) * multiplier
        out["rii"] = at1 / at0
        out["intercept"] = at0 * abs(multiplier)
    else:
        out["sii"] = b * multiplier
        out["rii"] = (a + b) / a
        out["intercept"] = a
    if multiplier < 0:
        out["rii"] = 1 / out["rii"]

    if interval == "simulation":
        positions = core.order_positions(repetitions, levels)
        sim = core.simulate(
            mean, sd, pop, value_type=value_type, transform=transform, want_rii=want_rii,
            repetitions=repetitions, positions=positions, seed=seed, workers=workers,
        )  # fmt: skip
        out["method"] = np.array([labels[m] for m in sim.method], dtype=object)  # type: ignore[union-attr]
        slope_limits = [(sim.slope[:, 2 * i], sim.slope[:, 2 * i + 1]) for i in range(len(levels))]
        rii_limits = (
            [(sim.rii[:, 2 * i], sim.rii[:, 2 * i + 1]) for i in range(len(levels))]
            if sim.rii is not None
            else None
        )
    else:
        out["method"] = np.full(len(mean), labels["analytic"], dtype=object)
        effective = sd if transform else sd * core.back_transform_slope(mean, value_type)
        cov = core.coefficient_covariance(base.weights, effective)
        sd_b = np.sqrt(cov[:, 1, 1])
        slope_limits = [(b - z_value(lv) * sd_b, b + z_value(lv) * sd_b) for lv in levels]
        rii_limits = None
        if not transform:
            grad_a, grad_b = 1 / (a + b) - 1 / a, 1 / (a + b)
            var = (
                grad_a**2 * cov[:, 0, 0]
                + 2 * grad_a * grad_b * cov[:, 0, 1]
                + grad_b**2 * cov[:, 1, 1]
            )
            with np.errstate(invalid="ignore"):
                log_rii = np.log((a + b) / a)
            rii_limits = [
                (np.exp(log_rii - z_value(lv) * np.sqrt(var)), np.exp(log_rii + z_value(lv) * np.sqrt(var)))
                for lv in levels
            ]  # fmt: skip

    for i, level in enumerate(levels):
        suffix = level_suffix(level)
        low, high = slope_limits[i]
        if transform:
            half = a + b / 2
            sii_low = (g(half + low / 2) - g(half - low / 2)) * multiplier
            sii_high = (g(half + high / 2) - g(half - high / 2)) * multiplier
            rii_low = g(half + low / 2) / g(half - low / 2)
            rii_high = g(half + high / 2) / g(half - high / 2)
        else:
            sii_low, sii_high = low * multiplier, high * multiplier
            rii_low, rii_high = (
                rii_limits[i] if rii_limits is not None else (np.nan * a, np.nan * a)
            )
        if multiplier < 0:
            sii_low, sii_high = sii_high, sii_low
            rii_low, rii_high = 1 / rii_high, 1 / rii_low
        out[f"sii_lower{suffix}cl"], out[f"sii_upper{suffix}cl"] = sii_low, sii_high
        out[f"rii_lower{suffix}cl"], out[f"rii_upper{suffix}cl"] = rii_low, rii_high
    return out
