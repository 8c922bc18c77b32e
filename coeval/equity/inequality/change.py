"""Change in inequality: did the gap narrow between two periods, and how sure are we?

Works on tidy measure rows (heat_measures output, or phe_sii output passed through
sii_long): one row per period and measure with estimate, lowercl and uppercl. The
change is after minus before for measures where 0 means equality, and after / before
for ratios (R, RII), where 1 means equality. Standard errors come from the se column
where given and otherwise from the width of each interval, which treats both periods
as independent samples.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from coeval.equity.errors import InputError
from coeval.equity.frames import accepts_arrow, records
from coeval.equity.inequality.confidence import confidence_levels, level_suffix, z_value

RATIO_MEASURES = {"R", "RII"}
MEASURE_NAMES = {
    "D": "difference between subgroups",
    "R": "ratio between subgroups",
    "PAF": "population attributable fraction",
    "PAR": "population attributable risk",
    "ACI": "absolute concentration index",
    "RCI": "relative concentration index",
    "SII": "slope index of inequality",
    "RII": "relative index of inequality",
    "BGV": "between-group variance",
    "BGSD": "between-group standard deviation",
    "COV": "coefficient of variation",
    "MDMU": "mean difference from the mean (unweighted)",
    "MDMW": "mean difference from the mean (weighted)",
    "MDBU": "mean difference from the best subgroup (unweighted)",
    "MDBW": "mean difference from the best subgroup (weighted)",
    "MDRU": "mean difference from the reference subgroup (unweighted)",
    "MDRW": "mean difference from the reference subgroup (weighted)",
    "IDISU": "index of disparity (unweighted)",
    "IDISW": "index of disparity (weighted)",
    "TI": "Theil index",
    "MLD": "mean log deviation",
}
CHANGE_COLUMNS = [
    "measure", "before", "after", "estimate_before", "estimate_after", "change",
    "change_lowercl", "change_uppercl", "change_scale", "verdict", "sentence",
]  # fmt: skip


def sii_long(result: pd.DataFrame, confidence: float = 0.95) -> pd.DataFrame:
    """phe_sii's wide output as tidy rows: measure SII (and RII), estimate, limits."""
    suffix = level_suffix(confidence_levels(confidence)[0])
    keys = [c for c in result.columns if not _is_sii_column(c)]
    parts = []
    for stat in ("sii", "rii"):
        if stat not in result:
            continue
        lower, upper = f"{stat}_lower{suffix}cl", f"{stat}_upper{suffix}cl"
        if lower not in result:
            raise InputError(f"no {confidence:g} limits in the phe_sii result", column=lower)
        part = result[keys].copy()
        part["measure"] = stat.upper()
        part["estimate"], part["lowercl"], part["uppercl"] = (
            result[stat],
            result[lower],
            result[upper],
        )
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def _is_sii_column(column: str) -> bool:
    return column.startswith(("sii", "rii")) or column == "intercept"


@accepts_arrow
def compare_inequality(
    results: pd.DataFrame,
    period: str,
    before: object,
    after: object,
    *,
    by: Sequence[str] = (),
    confidence: float = 0.95,
    subject: str = "",
    unit: str = "",
) -> pd.DataFrame:
    """One row per measure (and ``by`` group): the change from ``before`` to ``after``.

    ``subject`` (such as "in uptake across deprivation quintiles") and ``unit`` (such
    as " percentage points") are placed in the sentence when given.
    """
    (level,) = confidence_levels(confidence)
    needed = [period, "measure", "estimate", *by]
    missing = [c for c in needed if c not in results.columns]
    if missing:
        raise InputError(f"column(s) not found: {', '.join(missing)}")
    keys = [*by, "measure"]
    # Plain lists and dicts, not indexes: these tables are small, and a profile
    # compares many of them.
    values = {name: results[name].tolist() for name in results.columns}
    rest = [name for name in results.columns if name not in keys]
    found: dict[object, dict[tuple, int]] = {before: {}, after: {}}
    for i, when in enumerate(values[period]):
        for label, rows_of in found.items():
            if when != label:
                continue
            key = tuple(values[k][i] for k in keys)
            if key in rows_of:
                repeated = key if len(keys) > 1 else key[0]
                raise InputError(f"period {label!r} has more than one row for {repeated!r}")
            rows_of[key] = i
    for label in (before, after):
        if not found[label]:
            raise InputError(f"no rows for period {label!r}", column=period)
    z = z_value(level)
    rows = []
    # An inner join on the (unique) keys, in the order of the ``before`` rows.
    for key, i in found[before].items():
        j = found[after].get(key)
        if j is None:
            continue
        row = {
            **{f"{name}_before": values[name][i] for name in rest},
            **{f"{name}_after": values[name][j] for name in rest},
        }
        measure = key[-1]
        change = _change(str(measure), row, z)
        change["sentence"] = sentence(
            str(measure), change, before, after, level, subject=subject, unit=unit
        )
        rows.append({**dict(zip(keys, key, strict=True)), "before": before, "after": after,
                     **change})  # fmt: skip
    columns = [*by, *CHANGE_COLUMNS]
    return pd.DataFrame(rows, columns=columns)


@accepts_arrow
def compare_values(
    results: pd.DataFrame,
    period: str,
    before: object,
    after: object,
    *,
    by: Sequence[str] = (),
    confidence: float = 0.95,
    subject: str = "",
    unit: str = "",
    change_unit: str | None = None,
) -> pd.DataFrame:
    """A value (such as uptake in one deprivation quintile) before and after.

    ``results`` has one row per period (and ``by`` group) with ``estimate``, ``lowercl``
    and ``uppercl``. The change is after minus before, with an interval as for the
    difference measures, and the verdict is "rose", "fell", "no clear change" or "not
    calculable". ``subject`` (such as "uptake in deprivation quintile 1") and ``unit``
    go into the sentence; ``change_unit`` follows the change (default ``unit``; for a
    percentage, "%" and " percentage points").
    """
    rows = results.assign(measure="value")
    compared = compare_inequality(rows, period, before, after, by=by, confidence=confidence)
    (level,) = confidence_levels(confidence)
    verdicts, sentences = [], []
    for record in records(compared):
        verdict = record["verdict"]
        if verdict in ("narrowed", "widened"):
            verdict = "rose" if record["change"] > 0 else "fell"
        record["verdict"] = verdict
        verdicts.append(verdict)
        sentences.append(
            value_sentence(record, before, after, level, subject=subject, unit=unit,
                           change_unit=change_unit)
        )  # fmt: skip
    compared["verdict"], compared["sentence"] = verdicts, sentences
    return compared


def value_sentence(
    values: Mapping, before: object, after: object, level: float, *, subject: str = "",
    unit: str = "", change_unit: str | None = None,
) -> str:  # fmt: skip
    """The change in a value, in one sentence built from the numbers by a template."""
    change_unit = unit if change_unit is None else change_unit
    old, new = _number(values["estimate_before"]), _number(values["estimate_after"])
    what = subject or "the value"
    moved = f"from {old}{unit} to {new}{unit}"
    interval = (
        f"{round(level * 100, 1):g}% CI {_number(values['change_lowercl'])} to "
        f"{_number(values['change_uppercl'])}"
    )
    detail = f"a change of {_number(values['change'])}{change_unit} ({interval})"
    verdict = values["verdict"]
    if verdict in ("rose", "fell"):
        return f"Between {before} and {after} {what} {verdict} {moved}, {detail}."
    if verdict == "no clear change":
        return (
            f"Between {before} and {after} there was no clear change in {what}: it went "
            f"{moved}, {detail}, which includes no change."
        )
    return f"Between {before} and {after} the change in {what} could not be judged: {moved}."


@accepts_arrow
def compare_periods(
    results: pd.DataFrame,
    period: str,
    *,
    by: Sequence[str] = (),
    against: str = "previous",
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Each period against the previous one (or against the first), in sorted order."""
    if against not in ("previous", "first"):
        raise InputError(f"against: {against!r} is not 'previous' or 'first'")
    periods = sorted(results[period].dropna().unique())
    if len(periods) < 2:
        raise InputError("needs at least two periods to compare", column=period)
    pairs = [
        (periods[0] if against == "first" else periods[i - 1], periods[i])
        for i in range(1, len(periods))
    ]
    return pd.concat(
        [compare_inequality(results, period, b, a, by=by, confidence=confidence) for b, a in pairs],
        ignore_index=True,
    )


def _se(row: Mapping, when: str, z: float, ratio: bool) -> float:
    se = row.get(f"se_{when}", np.nan)
    if not ratio and pd.notna(se):
        return float(se)
    lower, upper = row.get(f"lowercl_{when}", np.nan), row.get(f"uppercl_{when}", np.nan)
    with np.errstate(all="ignore"):
        if ratio:
            return float((np.log(upper) - np.log(lower)) / (2 * z))
        return float((upper - lower) / (2 * z))


def _change(measure: str, row: Mapping, z: float) -> dict:
    old, new = float(row["estimate_before"]), float(row["estimate_after"])
    ratio = measure.upper() in RATIO_MEASURES
    se = float(np.hypot(_se(row, "before", z, ratio), _se(row, "after", z, ratio)))
    with np.errstate(all="ignore"):
        if ratio:
            centre = float(np.log(new / old))
            change, low, high = np.exp([centre, centre - z * se, centre + z * se])
            no_change, distance = 1.0, abs(np.log(new)) - abs(np.log(old))
        else:
            change, low, high = new - old, new - old - z * se, new - old + z * se
            no_change, distance = 0.0, abs(new) - abs(old)
    if not np.isfinite(change):
        verdict = "not calculable"
    elif not (np.isfinite(low) and np.isfinite(high)):
        verdict = "uncertain"
    elif low <= no_change <= high:
        verdict = "no clear change"
    else:
        verdict = "narrowed" if distance < 0 else "widened"
    values = dict(
        estimate_before=old, estimate_after=new, change=float(change),
        change_lowercl=float(low), change_uppercl=float(high),
        change_scale="ratio" if ratio else "difference", verdict=verdict,
    )  # fmt: skip
    return values


def sentence(
    measure: str,
    values: Mapping,
    before: object,
    after: object,
    level: float,
    *,
    subject: str = "",
    unit: str = "",
) -> str:
    """One plain-language sentence built from the numbers by a fixed template.

    ``subject`` names what is unequal (" in uptake across deprivation quintiles") and
    ``unit`` follows the estimates; both are optional.
    """
    name = MEASURE_NAMES.get(measure.upper(), measure)
    old, new = _number(values["estimate_before"]), _number(values["estimate_after"])
    when = f"Between {before} and {after}"
    what = f"inequality {subject}".rstrip() if subject else "inequality"
    interval = f"{round(level * 100, 1):g}% CI {_number(values['change_lowercl'])} to {_number(values['change_uppercl'])}"
    kind = "ratio of" if values["change_scale"] == "ratio" else "change of"
    detail = f"a {kind} {_number(values['change'])} ({interval})"
    unit = "" if values["change_scale"] == "ratio" else unit  # a ratio has no unit
    moved = f"the {name} went from {old} to {new}{unit}"
    verdict = values["verdict"]
    if verdict in ("narrowed", "widened"):
        return f"{when} {what} {verdict}: {moved}, {detail}."
    if verdict == "no clear change":
        return (
            f"{when} there was no clear change in {what}: {moved}, {detail}, which includes "
            "no change."
        )
    return f"{when} the change in {what} could not be judged: {moved}."


def _number(value: float) -> str:
    if not np.isfinite(value):
        return "NA"
    if value == 0:
        return "0"
    digits = max(0, 2 - int(np.floor(np.log10(abs(value)))))
    return f"{value:,.{digits}f}"
