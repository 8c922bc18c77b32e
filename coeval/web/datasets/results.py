"""From the engine's ProfileResult to what is stored on an Analysis.

The engine has already applied disclosure control; this module keeps only the
protected tables, the chart specifications (one Vega-Lite spec, drawn as SVG here and
in the PDF) and the sentences. ``check_protected`` is a last guard that refuses to
store or send any count the rule should have hidden.
"""

import math

import numpy as np
import pandas as pd

from coeval.equity import charts
from coeval.equity.disclosure import DisclosureRule
from coeval.web.datasets import interpret

COUNT_COLUMNS = ("numerator", "denominator")
INDICATOR_COLUMNS = [
    "period",
    "dimension",
    "subgroup",
    "numerator",
    "denominator",
    "value",
    "lower",
    "upper",
    "reason",
]
INEQUALITY_COLUMNS = ["period", "dimension", "stratum", "measure", "value", "lower", "upper"]
CHANGE_COLUMNS = [
    "dimension",
    "stratum",
    "measure",
    "before",
    "after",
    "change",
    "lower",
    "upper",
    "comparison",
]
DIMENSION_NAMES = {
    "imd_quintile": "Deprivation quintile",
    "ethnic_group": "Ethnic group",
    "age_group": "Age group",
    "sex": "Sex",
}


class DisclosureBreach(RuntimeError):
    """A count that should have been hidden reached an output: stop, never show it."""


def check_protected(rows: list[dict], rule: DisclosureRule | None = None) -> None:
    rule = rule or DisclosureRule()
    if not rule.suppress_max:
        return
    for row in rows:
        for column in COUNT_COLUMNS:
            value = row.get(column)
            if value is None:
                continue
            if rule.suppress_min <= float(value) <= rule.suppress_max:
                raise DisclosureBreach(f"an unprotected {column} reached an output")


def _plain(value):
    if isinstance(value, np.generic):
        value = value.item()
    if value is pd.NA or value is pd.NaT or value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    present = [c for c in columns if c in frame.columns]
    return [{c: _plain(v) for c, v in row.items()} for row in frame[present].to_dict("records")]


def stored_result(profile, *, outcome_words: str, rule: DisclosureRule) -> dict:
    level = profile.confidence[0]
    lower, upper = interpret._limits(profile.indicators, level)
    indicators = profile.indicators.rename(columns={lower: "lower", upper: "upper"})
    indicator_rows = _records(indicators, INDICATOR_COLUMNS)
    check_protected(indicator_rows, rule)
    inequality = profile.inequality[profile.inequality["confidence"] == level]
    inequality = inequality[inequality["measure"].isin(["SII", "RII"])]
    return {
        "indicator": profile.indicator_name,
        "statistic": profile.statistic,
        "multiplier": profile.multiplier,
        "confidence": level,
        "disclosure": profile.disclosure,
        "imd_edition": profile.imd_edition,
        "methods": list(profile.methods),
        "periods": list(profile.periods),
        "before": profile.before,
        "after": profile.after,
        "dimensions": list(profile.dimensions),
        "tables": {
            "indicators": indicator_rows,
            "inequality": _records(inequality, INEQUALITY_COLUMNS),
            "change": _records(profile.change, CHANGE_COLUMNS),
        },
        "interpretation": interpret.sentences(profile, outcome_words=outcome_words, level=level),
        "engine_sentences": list(profile.sentences),
        "charts": _charts(profile),
    }


def _charts(profile) -> list[dict]:
    """The engine's charts (the same ones the HTML report draws), as stored dicts."""
    return [chart.as_dict() for chart in charts.profile_charts(profile)]
