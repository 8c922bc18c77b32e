"""heat_measures: every WHO HEAT Plus summary measure for a table of subgroup estimates.

The input has the HEAT Plus upload template's columns (see heat_template.py); the
output is tidy, one row per stratum and measure. A measure that cannot be calculated
for a stratum is NA with a reason; only input wrong for the whole table raises.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from coeval.equity.errors import InputError
from coeval.equity.frames import accepts_arrow
from coeval.equity.inequality.confidence import confidence_levels, z_value
from coeval.equity.inequality.heat_formulas import MEASURES, Measure, Outcome, Settings
from coeval.equity.inequality.heat_stratum import (
    STRATUM_FIELDS,
    NotApplicable,
    Stratum,
    stratum_from_columns,
)
from coeval.equity.inequality.heat_template import STRATUM_COLUMNS, check_estimates

OUTPUT_COLUMNS = [
    *STRATUM_COLUMNS, "measure", "estimate", "se", "lowercl", "uppercl",
    "interval_method", "confidence", "reason",
]  # fmt: skip
# HEAT does not report measures built on fewer than 85% of a non-ordered
# dimension's subgroups.
MINIMUM_SHARE_PRESENT = 0.85


@accepts_arrow
def heat_measures(
    estimates: pd.DataFrame,
    measures: Iterable[str] | None = None,
    confidence: float = 0.95,
    *,
    simulations: int = 1000,
    seed: int | None = None,
    prefer_setting_average: bool = False,
) -> pd.DataFrame:
    """Summary measures for each (setting, date, source, indicator, dimension).

    ``measures=None`` gives every measure that applies to each dimension, as HEAT
    Plus does; naming measures gives those, NA with a reason where they do not apply.
    Simulated intervals use ``simulations`` draws per stratum (HEAT uses 100).
    ``prefer_setting_average`` compares with the supplied setting average even when
    the populations would give a weighted mean.
    """
    (level,) = confidence_levels(confidence)
    if simulations < 100:
        raise InputError(f"simulations: {simulations} is below the minimum of 100")
    chosen = _chosen(measures)
    estimates = check_estimates(estimates)
    settings = Settings(z=z_value(level), level=level, simulations=simulations, seed=seed)
    columns = {name: estimates[name].to_numpy() for name in STRATUM_FIELDS}
    rows: list[dict] = []
    for key, members in _strata(estimates).items():
        labels = dict(zip(STRATUM_COLUMNS, key, strict=True))
        index = np.asarray(members)
        stratum, problem = stratum_from_columns(
            {name: values[index] for name, values in columns.items()},
            prefer_setting_average=prefer_setting_average,
        )
        names = chosen if chosen is not None else _applicable(stratum, len(index))
        for name in names:
            outcome = _one(MEASURES[name], stratum, problem, len(index), settings)
            rows.append({**labels, "measure": name, **_row(outcome), "confidence": level})
    return pd.DataFrame(rows, columns=OUTPUT_COLUMNS)


def _strata(estimates: pd.DataFrame) -> dict[tuple, list[int]]:
    """Row positions of each stratum, strata in order of first appearance."""
    keys = zip(*(estimates[column].tolist() for column in STRATUM_COLUMNS), strict=True)
    strata: dict[tuple, list[int]] = {}
    for position, key in enumerate(keys):
        strata.setdefault(key, []).append(position)
    return strata


def _chosen(measures: Iterable[str] | None) -> list[str] | None:
    if measures is None:
        return None
    names = [str(m).upper() for m in ([measures] if isinstance(measures, str) else measures)]
    unknown = [n for n in names if n not in MEASURES]
    if unknown:
        raise InputError(
            f"measures: unknown {', '.join(unknown)}; choose from {', '.join(MEASURES)}"
        )
    return names


def _applicable(stratum: Stratum | None, subgroups: int) -> list[str]:
    if stratum is None:
        return ["D", "R"]
    if subgroups == 2:
        return ["D", "R", "PAF", "PAR"]
    family = "ordered" if stratum.ordered else "non-ordered"
    return [
        m.name
        for m in MEASURES.values()
        if m.family in ("any", family) and (stratum.has_reference or not m.needs_reference)
    ]


def _one(
    measure: Measure,
    stratum: Stratum | None,
    problem: str | None,
    subgroups: int,
    settings: Settings,
) -> Outcome:
    if stratum is None:
        return _na(problem or "the stratum could not be read")
    reason = _not_applicable(measure, stratum, subgroups)
    if reason:
        return _na(reason)
    try:
        with np.errstate(all="ignore"):
            return measure.calculate(stratum, settings)
    except NotApplicable as why:
        return _na(f"{measure.name} {why}")


def _not_applicable(measure: Measure, st: Stratum, subgroups: int) -> str | None:
    name, dimension = measure.name, st.dimension
    if st.n < 2:
        return f"{name} needs estimates for at least two subgroups of {dimension!r}"
    if measure.family != "any" and subgroups <= 2:
        return f"{name} needs more than two subgroups; {dimension!r} has {subgroups}"
    if measure.family == "ordered" and not st.ordered:
        return f"{name} needs an ordered dimension; {dimension!r} is not ordered"
    if measure.family == "non-ordered" and st.ordered:
        return f"{name} is for non-ordered dimensions; {dimension!r} is ordered"
    if measure.family == "ordered" and st.missing_estimates:
        return f"{name} needs an estimate for every subgroup; {st.missing_estimates} missing"
    if measure.family == "non-ordered" and st.n / subgroups < MINIMUM_SHARE_PRESENT:
        return f"{name} needs estimates for at least 85% of subgroups; {st.n} of {subgroups}"
    if (
        name in ("D", "R")
        and st.ordered
        and not st.has_reference
        and (st.order[0] != 1 or st.order[-1] != subgroups)
    ):
        return f"{name} needs estimates for both ends of ordered dimension {dimension!r}"
    if measure.needs_reference and not st.has_reference:
        return f"{name} needs exactly one reference subgroup with an estimate"
    return None


def _na(reason: str) -> Outcome:
    return Outcome(float("nan"), interval_method="none", reason=reason)


def _row(outcome: Outcome) -> dict:
    return {
        "estimate": outcome.estimate,
        "se": outcome.se,
        "lowercl": outcome.lower,
        "uppercl": outcome.upper,
        "interval_method": outcome.interval_method,
        "reason": outcome.reason,
    }
