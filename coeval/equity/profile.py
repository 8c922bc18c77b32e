"""The equity profile: from counts by group to indicators, inequality and change.

``run_profile(spec, source)`` is the whole path for patient-level data: the engine
aggregates the rows named by the specification, then ``profile_counts`` does the
statistics on the small table:

1. disclosure control of the counts by subgroup and of the full cross of the
   dimensions, recording the rule on the result; everything below is computed from
   these protected counts, so no published statistic gives a hidden count away;
2. the indicator (a proportion or rate) with intervals for every subgroup of every
   dimension in every period, and for the full cross of the dimensions;
3. the slope and relative index of inequality (SII/RII) over each ordered dimension
   (deprivation), overall and within each subgroup of the other dimensions;
4. change between the period before and the period after the service change;
5. the WHO HEAT Plus summary measures of each dimension in each period, from the
   subgroup estimates, left out (NA with a reason) where a subgroup was suppressed.

A part that cannot be computed (an SII with fewer than five ranked groups, a change
without both values) is NA with a plain reason; the rest of the profile is returned.

Progress is reported to ``progress(fraction, message)``, a plain callable, so the CLI
can drive a progress bar and the web app's background task can store it (pass
``task_progress.update``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from coeval.equity.errors import InputError
from coeval.equity.frames import accepts_arrow, records

Progress = Callable[[float, str], None]

# Columns of the tidy tables, documented in docs/python-api.md.
SUBGROUP_COLUMNS = ["period", "dimension", "subgroup", "subgroup_order"]
INEQUALITY_COLUMNS = [
    "period",
    "dimension",
    "stratum",
    "measure",
    "value",
    "confidence",
    "lower",
    "upper",
    "method",
    "reason",
]
HEAT_COLUMNS = [
    "period",
    "dimension",
    "measure",
    "name",
    "value",
    "se",
    "confidence",
    "lower",
    "upper",
    "method",
    "reason",
]
ALL_PEOPLE = "all"
# Columns the profile writes next to the dimensions, so no dimension may take their name.
PROFILE_RESERVED = frozenset(
    {
        *SUBGROUP_COLUMNS, "numerator", "denominator", "value", "confidence", "statistic",
        "method", "reason", "disclosure_rule", "_stratum", "_quantile",
    }
)  # fmt: skip


@dataclass(frozen=True)
class ProfileResult:
    """Tidy tables of one equity profile, after disclosure control.

    - ``indicators``: one row per period, dimension and subgroup (HEAT-style), with
      ``numerator``, ``denominator``, ``value`` and the PHE limit columns;
    - ``intersections``: the same indicator for the full cross of the dimensions;
    - ``inequality``: one row per period, ordered dimension, stratum, measure and
      confidence level (``SII``, ``RII``, ``intercept``);
    - ``change``: before, after, the change and its interval, for the SII and RII (by
      stratum), the gap between the ends of each dimension (HEAT's D and R) and the
      indicator in each subgroup (measure ``value``);
    - ``heat``: the WHO HEAT Plus summary measures, one row per period, dimension,
      measure and confidence level, with the measure's plain ``name``;
    - ``sentences``: the change stated in plain language, one sentence per stratum.
    """

    indicators: pd.DataFrame
    intersections: pd.DataFrame
    inequality: pd.DataFrame
    change: pd.DataFrame
    sentences: tuple[str, ...]
    disclosure: str
    imd_edition: str | None
    methods: tuple[str, ...]
    indicator_name: str = "indicator"
    statistic: str = "proportion"
    multiplier: float = 1
    confidence: tuple[float, ...] = (0.95,)
    periods: tuple[str, ...] = ()
    before: str | None = None
    after: str | None = None
    ordered_dimensions: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()
    spec: Any = field(default=None, compare=False, repr=False)
    heat: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=HEAT_COLUMNS))
    favourable: bool = True

    def tables(self) -> dict[str, pd.DataFrame]:
        return {
            "indicators": self.indicators,
            "intersections": self.intersections,
            "inequality": self.inequality,
            "heat": self.heat,
            "change": self.change,
        }

    def to_arrow(self) -> dict[str, Any]:
        """Each table as a ``pyarrow.Table``, the disclosure rule in its metadata."""
        import pyarrow as pa

        out = {}
        for name, table in self.tables().items():
            arrow = pa.Table.from_pandas(table, preserve_index=False)
            metadata = {
                b"disclosure": self.disclosure.encode(),
                b"imd_edition": (self.imd_edition or "").encode(),
            }
            out[name] = arrow.replace_schema_metadata({**(arrow.schema.metadata or {}), **metadata})
        return out

    def summary(self) -> dict[str, Any]:
        """A JSON-able digest: the sentences, headline measures and provenance."""
        headline = self.inequality[
            self.inequality["confidence"].eq(self.confidence[0])
            & self.inequality["measure"].isin(["SII", "RII"])
        ]
        return {
            "indicator": self.indicator_name,
            "statistic": self.statistic,
            "multiplier": self.multiplier,
            "confidence": list(self.confidence),
            "dimensions": list(self.dimensions),
            "ordered_dimensions": list(self.ordered_dimensions),
            "periods": list(self.periods),
            "before": self.before,
            "after": self.after,
            "imd_edition": self.imd_edition,
            "disclosure": self.disclosure,
            "methods": list(self.methods),
            "sentences": list(self.sentences),
            "inequality": _records(headline),
            "favourable": self.favourable,
            "heat": _records(self.heat[self.heat["confidence"].eq(self.confidence[0])]),
            "change": _records(self.change),
        }


def run_profile(
    spec: Any,
    source: Any = None,
    engine: Any = None,
    progress: Progress | None = None,
    *,
    repetitions: int = 100_000,
    seed: int | None = 2024,
) -> ProfileResult:
    """The equity profile of patient-level data described by an ``AnalysisSpec``.

    ``source`` is a path, a DataFrame, a ``Source`` or a ``DataSource`` (default: the
    spec's own source); ``engine`` defaults to ``IbisEngine()`` on DuckDB. Only the
    aggregated counts leave the engine. ``repetitions`` (at least 1,000) and ``seed``
    go to ``phe_sii`` for the Monte-Carlo intervals of the SII and RII.
    """
    from coeval.equity.engines import IbisEngine

    report = _reporter(progress)
    indicator = spec.indicator
    if indicator.type not in ("proportion", "rate"):
        raise InputError(
            f"an equity profile is computed for a proportion or a rate, not a {indicator.type}"
        )
    report(0.0, "Aggregating the data")
    counts = (engine or IbisEngine()).aggregate(spec, source)
    report(0.5, "Aggregated into groups")
    dimensions = list(spec.grouping_dimensions)
    orders = {d.name: d.categories() for d in dimensions if d.categories()}
    # The SII needs at least five ranked groups (PHE), so Core20 alone is not ranked.
    ordered = [d.name for d in dimensions if d.ordered and len(orders.get(d.name, ())) >= 5]
    change = spec.periods.change if spec.periods else None
    editions = [d.edition for d in dimensions if d.edition]
    return profile_counts(
        counts,
        numerator="numerator",
        denominator="denominator",
        dimensions=[d.name for d in dimensions],
        ordered=ordered,
        orders=orders,
        period="period" if spec.periods else None,
        before=list(change.before) if change else None,
        after=list(change.after) if change else None,
        statistic=indicator.type,
        multiplier=indicator.multiplier,
        confidence=list(spec.confidence),
        disclosure=spec.disclosure,
        imd_edition="; ".join(dict.fromkeys(editions)) or None,
        indicator_name=indicator.name,
        repetitions=repetitions,
        seed=seed,
        progress=lambda fraction, message: report(0.5 + fraction / 2, message),
        spec=spec,
    )


@accepts_arrow
def profile_counts(
    counts: pd.DataFrame,
    *,
    numerator: str,
    denominator: str,
    dimensions: Sequence[str],
    ordered: Sequence[str] = (),
    orders: Mapping[str, Sequence[Any]] | None = None,
    period: str | None = None,
    before: Any = None,
    after: Any = None,
    statistic: str = "proportion",
    multiplier: float = 1,
    confidence: float | Sequence[float] = 0.95,
    disclosure: Any = None,
    imd_edition: str | None = None,
    indicator_name: str = "indicator",
    repetitions: int = 100_000,
    seed: int | None = 2024,
    progress: Progress | None = None,
    spec: Any = None,
    favourable: bool = True,
) -> ProfileResult:
    """The equity profile of a table of counts by group (and period).

    ``counts`` has one row per combination of ``dimensions`` (and ``period``) with the
    ``numerator`` and ``denominator`` counts; rows for the same group are summed.
    ``ordered`` names the dimensions whose subgroups are ordered from most to least
    deprived (subgroup 1 first); the SII and RII are computed over those. ``orders``
    gives the subgroups of a dimension in their natural order (default: numbers
    numerically, text alphabetically). ``before`` and ``after`` each name a period or
    a list of periods to pool (default: the first and the last period).
    ``disclosure`` is a ``DisclosureRule``; None applies the default rule.
    ``favourable`` says whether a higher value is better, which the HEAT measures need
    (which end a difference starts from, the best subgroup). The specification does
    not record it, so the default treats the indicator as favourable; pass False for
    an adverse one (emergency admissions, say).
    """
    report = _reporter(progress)
    levels = _levels(confidence)
    dimensions = list(dimensions)
    if isinstance(repetitions, bool) or not isinstance(repetitions, int) or repetitions < 1000:
        raise InputError(f"repetitions: {repetitions!r} is not a whole number of at least 1,000")
    _check_counts(counts, numerator, denominator, dimensions, ordered, period, statistic)
    period_column = period or "period"
    data = counts.rename(columns={period_column: "period"}) if period else counts.copy()
    if period is None:
        data["period"] = ALL_PEOPLE
    periods = [str(p) for p in _period_order(data["period"])]
    before_periods, after_periods = _before_after(periods, before, after)
    data, before, after, labels = _pool(data, periods, before_periods, after_periods)
    # An ordered categorical keeps periods in time order through every group-by.
    data["period"] = pd.Categorical(data["period"].astype(str), categories=labels, ordered=True)
    period_column = "period"

    report(0.05, "Applying disclosure control to the counts")
    orders = dict(orders or {})
    rule = _rule(disclosure)
    margins = _margins(data, numerator, denominator, dimensions, period_column, orders)
    keys = [period_column, *dimensions]
    cross = data.groupby(keys, sort=True, dropna=False, observed=True)[
        [numerator, denominator]
    ].sum()
    cross = cross.reset_index().rename(columns={numerator: "numerator", denominator: "denominator"})
    # Disclosure control comes first, once: every published value, interval, SII, HEAT
    # measure and change below is computed from these protected counts, so none of
    # them can reveal a count that rounding or suppression hid.
    margins = _protect(margins, rule, [["period", "dimension"]])
    cross_groups = [["period", *[d for d in dimensions if d != one]] for one in dimensions]
    cross = _protect(cross, rule, cross_groups)

    report(0.1, "Calculating the indicator for each subgroup")
    indicators = _indicator(margins, statistic, levels, multiplier, rule.describe())
    intersections = _indicator(cross, statistic, levels, multiplier, rule.describe())

    report(0.3, "Calculating the slope and relative index of inequality")
    inequality = _inequality(
        intersections,
        indicators,
        orders,
        dimensions,
        list(ordered),
        statistic,
        levels,
        multiplier,
        repetitions,
        seed,
        rule.describe(),
    )

    for table in (indicators, intersections, inequality):
        table["period"] = table["period"].astype(str)
    report(0.8, "Calculating the WHO HEAT summary measures")
    heat = _heat(
        indicators, list(ordered), orders, levels, multiplier, favourable,
        indicator_name, seed, rule.describe(),
    )  # fmt: skip

    report(0.9, "Comparing before and after")
    change, sentences = _change(
        inequality, indicators, heat, before, after, levels[0], statistic, multiplier,
        indicator_name,
    )  # fmt: skip
    report(1.0, "Profile complete")
    return ProfileResult(
        indicators=indicators,
        intersections=intersections,
        inequality=inequality,
        change=change,
        sentences=tuple(sentences),
        disclosure=rule.describe(),
        imd_edition=imd_edition,
        methods=tuple(_methods(statistic, levels, inequality, heat, favourable, rule.describe())),
        indicator_name=indicator_name,
        statistic=statistic,
        multiplier=multiplier,
        confidence=tuple(levels),
        periods=tuple(periods),
        before=before,
        after=after,
        ordered_dimensions=tuple(ordered),
        dimensions=tuple(dimensions),
        spec=spec,
        heat=heat,
        favourable=favourable,
    )


def limit_columns(table: pd.DataFrame, level: float | None = None) -> tuple[str, str]:
    """The lower and upper limit columns of an indicator table (PHE names)."""
    if "lowercl" in table.columns:
        return "lowercl", "uppercl"
    lowers = [c for c in table.columns if c.startswith("lower") and c.endswith("cl")]
    if not lowers:
        raise InputError("the table has no confidence limit columns")
    name = lowers[0] if level is None else f"lower{_suffix(level)}cl"
    return name, "upper" + name[len("lower") :]


# -- steps ------------------------------------------------------------------------------


def _margins(
    data: pd.DataFrame,
    numerator: str,
    denominator: str,
    dimensions: list[str],
    period: str,
    orders: Mapping[str, Sequence[Any]],
) -> pd.DataFrame:
    """Counts per period and subgroup of each dimension, stacked HEAT-style."""
    frames = []
    for dimension in dimensions:
        summed = data.groupby([period, dimension], sort=True, dropna=False, observed=True)[
            [numerator, denominator]
        ].sum()
        summed = summed.reset_index()
        frames.append(
            pd.DataFrame(
                {
                    "period": summed[period].to_numpy(),
                    "dimension": dimension,
                    "subgroup": summed[dimension].astype(str).to_numpy(),
                    "subgroup_order": _order_codes(summed[dimension], orders.get(dimension)),
                    "numerator": summed[numerator].to_numpy(),
                    "denominator": summed[denominator].to_numpy(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _indicator(
    table: pd.DataFrame,
    statistic: str,
    levels: list[float],
    multiplier: float,
    rule: str | None = None,
) -> pd.DataFrame:
    """The indicator and its limits from each row's counts (the protected counts).

    A row whose count disclosure control suppressed has no value, with the reason.
    """
    from coeval.equity.disclosure import RULE_COLUMN
    from coeval.equity.indicators import phe_proportion, phe_rate

    function = phe_proportion if statistic == "proportion" else phe_rate
    confidence = levels[0] if len(levels) == 1 else tuple(levels)
    result = function(
        table, "numerator", "denominator", confidence=confidence, multiplier=multiplier
    ).reset_index(drop=True)
    if rule is not None:
        hidden = (result["numerator"].isna() | result["denominator"].isna()).to_numpy()
        result.loc[hidden, "reason"] = f"suppressed by disclosure control ({rule})"
    if RULE_COLUMN in result.columns:
        result = result[[c for c in result.columns if c != RULE_COLUMN] + [RULE_COLUMN]]
    return result


def _inequality(
    intersections: pd.DataFrame,
    indicators: pd.DataFrame,
    orders: Mapping[str, Sequence[Any]],
    dimensions: list[str],
    ordered: list[str],
    statistic: str,
    levels: list[float],
    multiplier: float,
    repetitions: int,
    seed: int | None,
    rule: str = "",
) -> pd.DataFrame:
    """SII, RII and intercept per period over each ordered dimension, by stratum.

    The inputs are the protected counts: the dimension's published margin overall,
    and within each stratum the published cells of the cross table (summed over any
    further dimensions, NA if one of them is suppressed).
    """
    frames = []
    for dimension in ordered:
        others = [d for d in dimensions if d != dimension]
        # Overall: the dimension's own margin. Within strata: the cross table split by
        # each other dimension in turn (e.g. SII over quintiles for women and for men).
        overall = indicators[indicators["dimension"] == dimension].rename(
            columns={"subgroup_order": "_quantile"}
        )
        overall = overall.assign(_stratum=ALL_PEOPLE)
        tables = [overall]
        # Groups outside the ranked order (such as "Unknown") have no place on the rank.
        ranked = [str(v) for v in orders[dimension]] if dimension in orders else None
        cross = intersections
        if ranked:
            overall = overall[overall["subgroup"].isin(ranked)]
            tables = [overall]
            cross = cross[cross[dimension].astype(str).isin(ranked)]
        for other in others:
            cells = _sum_published(cross, ["period", dimension, other])
            cells["_quantile"] = _order_codes(cells[dimension], orders.get(dimension))
            cells["_stratum"] = other + "=" + cells[other].astype(str)
            tables.append(cells)
        # One phe_sii call for every stratum and period: the simulation is vectorised
        # over groups, so a single batch costs little more than one group.
        columns = ["period", "_stratum", "_quantile", "numerator", "denominator"]
        # Counts as plain floats (NaN where suppressed): every part then has one dtype.
        counts = {"numerator": "float64", "denominator": "float64"}
        batch = pd.concat([t[columns].astype(counts) for t in tables], ignore_index=True)
        frames.append(
            _sii(batch, dimension, statistic, levels, multiplier, repetitions, seed, rule)
        )
    if not frames:
        return pd.DataFrame(columns=INEQUALITY_COLUMNS)
    return pd.concat(frames, ignore_index=True)[INEQUALITY_COLUMNS]


def _sum_published(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Published counts summed by ``keys``; NA where any summed cell is suppressed."""
    counts = ["numerator", "denominator"]
    if not table.duplicated(keys).any():  # one cell per key already: nothing to sum
        cells = table[keys + counts].sort_values(keys, kind="stable")
        return cells.astype(dict.fromkeys(counts, "Float64")).reset_index(drop=True)
    grouped = table.groupby(keys, observed=True, sort=True)
    sums = grouped[["numerator", "denominator"]].sum()
    hidden = (
        table[["numerator", "denominator"]]
        .isna()
        .groupby([table[k] for k in keys], observed=True, sort=True)
        .any()
    )
    return sums.astype("Float64").mask(hidden).reset_index()


MINIMUM_RANKED_GROUPS = 5


def _sii(
    table: pd.DataFrame,
    dimension: str,
    statistic: str,
    levels: list[float],
    multiplier: float,
    repetitions: int,
    seed: int | None,
    rule: str = "",
) -> pd.DataFrame:
    """phe_sii for each period and stratum that can have one; NA with a reason otherwise."""
    from coeval.equity.inequality import phe_sii

    table = table.assign(period=table["period"].astype(str)).reset_index(drop=True)
    hidden = (table["numerator"].isna() | table["denominator"].isna()).to_numpy(dtype=bool)
    denominator = table["denominator"].to_numpy(dtype=float, na_value=np.nan)
    people = np.nan_to_num(denominator) > 0
    keys = list(zip(table["period"], table["_stratum"].astype(str), strict=True))
    # Per (period, stratum): how many ranked groups are suppressed, and how many hold people.
    flags: dict[tuple[str, str], list[int]] = {}
    for key, is_hidden, has_people in zip(keys, hidden, people, strict=True):
        counted = flags.setdefault(key, [0, 0])
        counted[0] += int(is_hidden)
        counted[1] += int(has_people)
    order = sorted(flags)
    reasons: dict[tuple[str, str], str] = {}
    for key in order:
        suppressed, groups = flags[key]
        if suppressed:
            reasons[key] = "not shown: a ranked group is suppressed by disclosure control" + (
                f" ({rule})" if rule else ""
            )
        elif groups < MINIMUM_RANKED_GROUPS:
            reasons[key] = (
                f"The slope index needs at least {MINIMUM_RANKED_GROUPS} ranked groups with "
                f"people in them; this dimension has {int(groups)}."
            )
    usable = np.array([k not in reasons for k in keys], dtype=bool) & people
    records: dict[tuple[str, str], Mapping[Any, Any]] = {}
    if usable.any():
        records, problem = _phe_sii_batch(
            table[usable], statistic, levels, multiplier, repetitions, seed, phe_sii
        )
        if problem:
            reasons.update({k: problem for k in order if k not in reasons})
    rows = []
    for key in order:
        record = records.get(key, {})
        reason = reasons.get(key) or str(record.get("reason") or "")
        for measure, prefix in (("SII", "sii"), ("RII", "rii"), ("intercept", None)):
            for level in levels:
                suffix = f"{_suffix(level)}cl"  # phe_sii always names the level
                low = record.get(f"{prefix}_lower{suffix}") if prefix else None
                high = record.get(f"{prefix}_upper{suffix}") if prefix else None
                rows.append(
                    {
                        "period": key[0],
                        "dimension": dimension,
                        "stratum": key[1],
                        "measure": measure,
                        "value": _value(record, measure, multiplier) if record else np.nan,
                        "confidence": level,
                        "lower": np.nan if low is None else low,
                        "upper": np.nan if high is None else high,
                        "method": "PHE SII, " + str(record.get("CI_method", "none"))
                        if record
                        else "none",
                        "reason": reason,
                    }
                )
                if measure == "intercept":
                    break
    return pd.DataFrame(rows, columns=INEQUALITY_COLUMNS)


def _phe_sii_batch(
    table: pd.DataFrame,
    statistic: str,
    levels: list[float],
    multiplier: float,
    repetitions: int,
    seed: int | None,
    phe_sii: Callable[..., pd.DataFrame],
) -> tuple[dict[tuple[str, str], Mapping[Any, Any]], str]:
    """phe_sii's records by (period, stratum), or the reason it could not run."""
    # phe_sii works on the unscaled value (a proportion 0-1, a rate per person) and
    # derives standard errors from 95% limits whatever levels are asked for.
    at95 = _indicator(
        table[["period", "_stratum", "_quantile", "numerator", "denominator"]], statistic, [0.95], 1
    )
    work = pd.DataFrame(
        {
            "period": at95["period"].to_numpy(),
            "stratum": at95["_stratum"].to_numpy(),
            "quantile": at95["_quantile"].to_numpy(),
            "population": at95["denominator"].to_numpy(dtype=float),
            "value": at95["value"].to_numpy(dtype=float),
            "lower": at95["lowercl"].to_numpy(dtype=float),
            "upper": at95["uppercl"].to_numpy(dtype=float),
        }
    )
    try:
        result = phe_sii(
            work,
            "quantile",
            "population",
            value="value",
            value_type=2 if statistic == "proportion" else 1,
            lower_cl="lower",
            upper_cl="upper",
            multiplier=multiplier,
            repetitions=repetitions,
            confidence=levels,
            rii=True,
            intercept=True,
            group_by=["period", "stratum"],
            seed=seed,
        )
    except InputError as error:
        return {}, f"The slope index could not be calculated: {error.reason}"
    return {(str(r["period"]), str(r["stratum"])): r for r in records(result)}, ""


def _value(record: Mapping[Any, Any], measure: str, multiplier: float) -> float:
    if measure == "intercept":
        # phe_sii leaves an untransformed intercept on the 0-1 scale; put it on the
        # indicator's scale so that intercept + SII draws the line in the same units.
        return float(record["intercept"]) * abs(multiplier)
    return float(record[measure.lower()])


def _change(
    inequality: pd.DataFrame,
    indicators: pd.DataFrame,
    heat: pd.DataFrame,
    before: Any,
    after: Any,
    level: float,
    statistic: str,
    multiplier: float,
    indicator_name: str,
) -> tuple[pd.DataFrame, list[str]]:
    """What changed between before and after, each with its interval and sentence:

    - the SII (after minus before) and RII (after / before), overall and by stratum;
    - the gap between the ends of each dimension, HEAT's difference D and ratio R;
    - the indicator itself in every subgroup of every dimension (measure "value",
      stratum "<dimension>=<subgroup>"), which "rose", "fell" or did not clearly change.

    The comparisons are ``compare_inequality``'s and ``compare_values``', the one
    implementation of change over time; this names each subject and the unit. Only
    the SII sentences are returned as the profile's headline sentences.
    """
    columns = [
        "dimension", "stratum", "measure", "before", "after", "change", "confidence",
        "lower", "upper", "comparison", "verdict", "sentence", "reason",
    ]  # fmt: skip
    if before is None or after is None or str(before) == str(after):
        return pd.DataFrame(columns=columns), []
    before, after = str(before), str(after)
    chosen = (
        inequality["confidence"].eq(level)
        & inequality["measure"].isin(["SII", "RII"])
        & inequality["period"].astype(str).isin([before, after])
    ).to_numpy()
    gaps = (
        heat["confidence"].eq(level)
        & heat["measure"].isin(["D", "R"])
        & heat["period"].astype(str).isin([before, after])
    ).to_numpy()
    names = ("dimension", "stratum", "period", "measure", "value", "lower", "upper", "reason")
    picked = {
        name: inequality[name].to_numpy()[chosen].tolist()
        + (heat[name].to_numpy()[gaps].tolist() if name != "stratum" else [ALL_PEOPLE] * gaps.sum())
        for name in names
    }
    picked["period"] = [str(p) for p in picked["period"]]
    parts = []
    # compare_inequality pairs each measure's before and after rows, leaving out any
    # without both; it needs rows for each period to start from.
    if {before, after} <= set(picked["period"]):
        parts.append(
            _inequality_changes(
                pd.DataFrame(picked), before, after, level, statistic, multiplier,
                indicator_name,
            )
        )  # fmt: skip
    values = _value_changes(indicators, before, after, level, statistic, multiplier,
                            indicator_name)  # fmt: skip
    if len(values):
        parts.append(values)
    if not parts:
        return pd.DataFrame(columns=columns), []
    compared = pd.concat(parts, ignore_index=True)
    table = compared.rename(
        columns={
            "before": "before_period", "after": "after_period",
            "estimate_before": "before", "estimate_after": "after",
            "change_lowercl": "lower", "change_uppercl": "upper",
            "change_scale": "comparison",
        }
    )  # fmt: skip
    table["confidence"] = level
    table["dimension"], table["stratum"] = (
        table["dimension"].astype(str),
        table["stratum"].astype(str),
    )
    spoken = compared["measure"].eq("SII").to_numpy()
    return table[columns], compared.loc[spoken, "sentence"].tolist()


def _inequality_changes(
    rows: pd.DataFrame, before: str, after: str, level: float, statistic: str,
    multiplier: float, indicator_name: str,
) -> pd.DataFrame:  # fmt: skip
    """SII, RII and the gaps (D, R) compared, with a sentence naming each stratum."""
    from coeval.equity.inequality import compare_inequality
    from coeval.equity.inequality.change import sentence

    why = {
        (d, s, m, p): str(r)
        for d, s, p, m, r in zip(
            rows["dimension"], rows["stratum"], rows["period"], rows["measure"], rows["reason"],
            strict=True,
        )
    }  # fmt: skip
    rows = rows.rename(columns={"value": "estimate", "lower": "lowercl", "upper": "uppercl"})
    compared = compare_inequality(
        rows[["dimension", "stratum", "period", "measure", "estimate", "lowercl", "uppercl"]],
        "period", before, after, by=["dimension", "stratum"], confidence=level,
    )  # fmt: skip
    unit = _unit(statistic, multiplier)

    def subject(record: Mapping[Any, Any]) -> str:
        stratum = str(record["stratum"])
        who = "" if stratum == ALL_PEOPLE else f" for {stratum.replace('=', ' ')}"
        return f"in {indicator_name} across {_dimension_words(str(record['dimension']))}{who}"

    return _explained(
        compared, before, after, why,
        key=lambda r: (r["dimension"], str(r["stratum"]), r["measure"]),
        what=lambda r: f"inequality {subject(r)}",
        say=lambda r: sentence(str(r["measure"]), r, before, after, level,
                               subject=subject(r), unit=unit),
    )  # fmt: skip


def _value_changes(
    indicators: pd.DataFrame, before: str, after: str, level: float, statistic: str,
    multiplier: float, indicator_name: str,
) -> pd.DataFrame:  # fmt: skip
    """The indicator in each subgroup of each dimension, before against after."""
    from coeval.equity.inequality import compare_values
    from coeval.equity.inequality.change import value_sentence

    lower, upper = limit_columns(indicators, level)
    periods = indicators["period"].astype(str)
    mine = indicators[periods.isin([before, after])]
    rows = pd.DataFrame(
        {
            "dimension": mine["dimension"].astype(str).to_numpy(),
            "subgroup": mine["subgroup"].astype(str).to_numpy(),
            "period": periods[mine.index].to_numpy(),
            "estimate": mine["value"].to_numpy(dtype=float, na_value=np.nan),
            "lowercl": mine[lower].to_numpy(dtype=float, na_value=np.nan),
            "uppercl": mine[upper].to_numpy(dtype=float, na_value=np.nan),
        }
    )
    if rows.empty or rows["period"].nunique() < 2:
        return pd.DataFrame()
    why = dict(
        zip(
            zip(rows["dimension"], rows["subgroup"], rows["period"], strict=True),
            mine["reason"].fillna("").astype(str) if "reason" in mine else [""] * len(rows),
            strict=True,
        )
    )
    compared = compare_values(rows, "period", before, after, by=["dimension", "subgroup"],
                              confidence=level)  # fmt: skip
    percent = statistic == "proportion" and multiplier == 100
    unit = "%" if percent else _unit(statistic, multiplier)
    change_unit = " percentage points" if percent else unit

    def subject(record: Mapping[Any, Any]) -> str:
        return f"{indicator_name} for {_subgroup_words(record['dimension'], record['subgroup'])}"

    compared = _explained(
        compared, before, after, why,
        key=lambda r: (r["dimension"], r["subgroup"]),
        what=subject,
        say=lambda r: value_sentence(r, before, after, level, subject=subject(r), unit=unit,
                                     change_unit=change_unit),
    )  # fmt: skip
    compared["stratum"] = compared["dimension"] + "=" + compared["subgroup"]
    return compared.drop(columns="subgroup")


Row = Mapping[Any, Any]


def _explained(
    compared: pd.DataFrame,
    before: str,
    after: str,
    why: Mapping[Any, str],
    *,
    key: Callable[[Row], tuple],
    what: Callable[[Row], str],
    say: Callable[[Row], str],
) -> pd.DataFrame:
    """Each compared row's sentence (``say``), or, where one end has no value, why not:
    ``why`` holds each end's reason by ``key`` and period, ``what`` names the subject."""
    reasons, sentences = [], []
    for record in records(compared):
        reason = _missing_reason(record, before, after, why, key(record))
        reasons.append(reason)
        sentences.append(
            f"Between {before} and {after} the change in {what(record)} could not be "
            f"calculated. {reason}"
            if reason
            else say(record)
        )
    compared["reason"], compared["sentence"] = reasons, sentences
    return compared


def _missing_reason(
    record: Row, before: str, after: str, reasons: Mapping[Any, str], key: tuple
) -> str:
    """Why a change has no value: which end is missing, and why (``reasons`` is keyed
    by ``key`` and the period)."""
    missing = [
        f"{name} ({period}): {reasons.get((*key, period)) or 'no value'}"
        for name, period in (("before", before), ("after", after))
        if not np.isfinite(record[f"estimate_{name}"])
    ]
    if not missing:
        return ""
    return "The change cannot be calculated without both values; " + "; ".join(missing)


def _subgroup_words(dimension: str, subgroup: str) -> str:
    words = {"imd_quintile": "deprivation quintile", "imd_decile": "deprivation decile"}
    return f"{words.get(dimension, dimension.replace('_', ' '))} {subgroup}"


def _heat(
    indicators: pd.DataFrame,
    ordered: list[str],
    orders: Mapping[str, Sequence[Any]],
    levels: list[float],
    multiplier: float,
    favourable: bool,
    indicator_name: str,
    seed: int | None,
    rule: str,
) -> pd.DataFrame:
    """WHO HEAT Plus summary measures of each dimension in each period.

    The published (protected) subgroup estimates go in as a HEAT Plus template: the
    standard error from each estimate's limits at the first level, the published
    denominator as the population. Ordered
    dimensions keep their ranked subgroups only (not "Unknown"). Every measure of a
    period and dimension with a subgroup suppressed by disclosure control is NA.
    """
    from coeval.equity.inequality import heat_measures
    from coeval.equity.inequality.confidence import z_value
    from coeval.equity.inequality.heat_formulas import MEASURE_NAMES

    lower, upper = limit_columns(indicators, levels[0])
    is_ordered = indicators["dimension"].isin(ordered).to_numpy()
    order = indicators["subgroup_order"].to_numpy(dtype=float).copy()
    keep = np.ones(len(indicators), dtype=bool)
    for dimension in ordered:
        rows = (indicators["dimension"] == dimension).to_numpy()
        ranked = [str(v) for v in orders.get(dimension, ())]
        if ranked:
            keep &= ~rows | indicators["subgroup"].isin(ranked).to_numpy()
            order[rows] = [ranked.index(v) + 1 if v in ranked else np.nan
                           for v in indicators.loc[rows, "subgroup"]]  # fmt: skip
    order[~is_ordered] = np.nan
    half = (indicators[upper] - indicators[lower]).to_numpy(dtype=float) / 2
    template = pd.DataFrame(
        {
            "setting": ALL_PEOPLE,
            "date": indicators["period"].astype(str).to_numpy(),
            "source": "",
            "indicator": indicator_name,
            "dimension": indicators["dimension"].astype(str).to_numpy(),
            "subgroup": indicators["subgroup"].astype(str).to_numpy(),
            "estimate": indicators["value"].to_numpy(dtype=float, na_value=np.nan),
            "se": half / z_value(levels[0]),
            "ci_lb": indicators[lower].to_numpy(dtype=float),
            "ci_ub": indicators[upper].to_numpy(dtype=float),
            "population": indicators["denominator"].to_numpy(dtype=float, na_value=np.nan),
            "setting_average": np.nan,
            "favourable_indicator": int(favourable),
            "indicator_scale": abs(multiplier),
            "ordered_dimension": is_ordered.astype(int),
            "subgroup_order": order,
            "reference_subgroup": np.nan,
        }
    )[keep]
    template = _with_missing_ranks(template, ordered, orders)
    suppressed = (indicators["numerator"].isna() | indicators["denominator"].isna()).to_numpy()
    hidden = {
        (str(period), str(dimension))
        for period, dimension in zip(
            indicators.loc[suppressed & keep, "period"],
            indicators.loc[suppressed & keep, "dimension"],
            strict=True,
        )
    }
    frames = [
        heat_measures(template, confidence=level, seed=seed).assign(confidence=level)
        for level in levels
    ]
    measured = pd.concat(frames, ignore_index=True)
    table = pd.DataFrame(
        {
            "period": measured["date"].astype(str),
            "dimension": measured["dimension"].astype(str),
            "measure": measured["measure"],
            "name": [f"{MEASURE_NAMES[m]} ({m})" for m in measured["measure"]],
            "value": measured["estimate"].astype(float),
            "se": measured["se"].astype(float),
            "confidence": measured["confidence"].astype(float),
            "lower": measured["lowercl"].astype(float),
            "upper": measured["uppercl"].astype(float),
            "method": measured["interval_method"].astype(str),
            "reason": measured["reason"].fillna("").astype(str),
        }
    )
    if hidden:
        masked = np.array([key in hidden for key in zip(table["period"], table["dimension"])])
        table.loc[masked, ["value", "se", "lower", "upper"]] = np.nan
        table.loc[masked, "method"] = "none"
        table.loc[masked, "reason"] = (
            f"not shown: a subgroup of this dimension is suppressed by disclosure control ({rule})"
        )
    return table[HEAT_COLUMNS].reset_index(drop=True)


def _with_missing_ranks(
    template: pd.DataFrame, ordered: list[str], orders: Mapping[str, Sequence[Any]]
) -> pd.DataFrame:
    """Add an empty row for each ranked subgroup with no data in a period.

    HEAT reads an ordered dimension's ends from the subgroup order, so a missing
    quintile must stay in its place (with no estimate), not close the gap: the
    measures that need every subgroup, or both ends, are then NA with their reason.
    """
    extra = []
    for dimension in ordered:
        ranked = [str(v) for v in orders.get(dimension, ())]
        rows = template[template["dimension"] == dimension]
        for _date, group in rows.groupby("date", sort=False):
            absent = [v for v in ranked if v not in set(group["subgroup"])]
            if not absent:
                continue
            blank = pd.DataFrame([group.iloc[0]] * len(absent)).reset_index(drop=True)
            blank["subgroup"] = absent
            blank["subgroup_order"] = [ranked.index(v) + 1.0 for v in absent]
            blank[["estimate", "se", "ci_lb", "ci_ub", "population"]] = np.nan
            extra.append(blank)
    if not extra:
        return template
    return pd.concat([template, *extra], ignore_index=True)


def _protect(table: pd.DataFrame, rule: Any, groups: list[list[str]]) -> pd.DataFrame:
    from coeval.equity.disclosure import apply

    return apply(table, rule, ["numerator", "denominator"], groups=groups)


# -- small helpers ------------------------------------------------------------------------


def _reporter(progress: Any) -> Progress:
    if progress is None:
        return lambda fraction, message: None
    if hasattr(progress, "update") and not callable(progress):
        return progress.update  # the web app's task Progress object
    return progress


def _levels(confidence: float | Sequence[float]) -> list[float]:
    raw = [confidence] if isinstance(confidence, int | float) else list(confidence)
    if not raw:
        raise InputError("confidence: give at least one confidence level")
    levels = []
    for level in raw:
        fraction = float(level) / 100 if float(level) > 1 else float(level)
        if not 0 < fraction < 1:
            raise InputError(f"confidence: {level!r} is not a level between 0 and 1 (or 0–100)")
        levels.append(fraction)
    return levels


def _suffix(level: float) -> str:
    return f"{level * 100:.1f}".replace(".", "_")


def _percent(level: float) -> str:
    return f"{level * 100:.10g}"


def _se(row: Any, z: float, log: bool = False) -> float:
    low, high = float(row["lower"]), float(row["upper"])
    if log:
        if low <= 0 or high <= 0:
            return math.nan
        return (math.log(high) - math.log(low)) / (2 * z)
    return (high - low) / (2 * z)


def _unit(statistic: str, multiplier: float) -> str:
    if statistic == "proportion":
        return " percentage points" if multiplier == 100 else ""
    return f" per {multiplier:,.0f}"


def _dimension_words(dimension: str) -> str:
    words = {"imd_quintile": "deprivation quintiles", "imd_decile": "deprivation deciles"}
    return words.get(dimension, dimension.replace("_", " "))


def _rule(disclosure: Any) -> Any:
    from coeval.equity.disclosure import DisclosureRule

    if disclosure is None:
        return DisclosureRule()
    if not isinstance(disclosure, DisclosureRule):
        raise InputError(f"disclosure must be a DisclosureRule, not {type(disclosure).__name__}")
    return disclosure


def _order_codes(values: pd.Series, order: Sequence[Any] | None = None) -> np.ndarray:
    """1, 2, ... in the subgroups' natural order (numbers numerically, else as text).

    Subgroups missing from a given ``order`` (such as "Unknown") come after it.
    """
    known = [str(v) for v in order] if order else []
    rest = [str(v) for v in _period_order(values) if str(v) not in known]
    codes = {v: i + 1 for i, v in enumerate([*known, *rest])}
    return values.astype(str).map(codes).to_numpy(dtype=np.int64)


def _period_order(values: pd.Series) -> list[Any]:
    unique = pd.unique(values.dropna())
    numeric = pd.to_numeric(pd.Series(unique), errors="coerce")
    if numeric.notna().all():
        return [unique[i] for i in np.argsort(numeric.to_numpy(), kind="stable")]
    return sorted(unique, key=str)


def _before_after(
    periods: list[str], before: Any, after: Any
) -> tuple[list[str] | None, list[str] | None]:
    """The periods pooled before and after the change (default: first and last)."""
    chosen = []
    for label, value, default in (("before", before, periods[:1]), ("after", after, periods[-1:])):
        if value is None:
            chosen.append(default)
            continue
        listed = [str(v) for v in ([value] if isinstance(value, str | int | float) else value)]
        for one in listed:
            if one not in periods:
                raise InputError(f"{label} period {one!r} is not in the data; periods: {periods}")
        chosen.append(listed)
    if len(periods) < 2 or set(chosen[0]) & set(chosen[1]):
        if before is not None and after is not None:
            raise InputError("a period cannot be both before and after the change")
        return None, None
    return chosen[0], chosen[1]


def _pool(
    data: pd.DataFrame, periods: list[str], before: list[str] | None, after: list[str] | None
) -> tuple[pd.DataFrame, str | None, str | None, list[str]]:
    """Add pooled rows for a before or after made of several periods.

    Pooling the counts (not averaging the estimates) weights each period by its
    population, as a single longer period would. The pooled rows get a label such as
    "2021 + 2022" and appear in every table after the single periods.
    """
    if before is None or after is None:
        return data, None, None, periods
    labels = list(periods)
    frames = [data]
    names = []
    for pooled in (before, after):
        name = " + ".join(pooled)
        names.append(name)
        if len(pooled) > 1:
            rows = data[data["period"].astype(str).isin(pooled)].copy()
            rows["period"] = name
            frames.append(rows)
            labels.append(name)
    if len(frames) > 1:
        data = pd.concat([f.assign(period=f["period"].astype(str)) for f in frames])
    return data, names[0], names[1], labels


def _check_counts(
    counts: pd.DataFrame,
    numerator: str,
    denominator: str,
    dimensions: list[str],
    ordered: Sequence[str],
    period: str | None,
    statistic: str,
) -> None:
    if not isinstance(counts, pd.DataFrame):
        raise InputError(f"counts must be a pandas DataFrame, not {type(counts).__name__}")
    if statistic not in ("proportion", "rate"):
        raise InputError(f"statistic {statistic!r} is not 'proportion' or 'rate'")
    if not dimensions:
        raise InputError("an equity profile needs at least one dimension")
    wanted = [numerator, denominator, *dimensions] + ([period] if period else [])
    for column in wanted:
        if column not in counts.columns:
            known = ", ".join(map(str, counts.columns))
            raise InputError(f"no such column; the columns are: {known}", column=column)
    for column in ordered:
        if column not in dimensions:
            raise InputError(f"ordered dimension {column!r} is not one of the dimensions")
    for column in dimensions:
        if column in PROFILE_RESERVED or column.startswith(("lower", "upper")):
            raise InputError(
                f"dimension {column!r}: the name clashes with a column of the profile's "
                f"tables ({', '.join(sorted(PROFILE_RESERVED))}, and the lower…/upper… "
                "limits); rename the dimension's column"
            )


def _methods(
    statistic: str,
    levels: list[float],
    inequality: pd.DataFrame,
    heat: pd.DataFrame,
    favourable: bool,
    rule: str,
) -> list[str]:
    interval = "Wilson score" if statistic == "proportion" else "exact Poisson (<10) or Byar's"
    sii_methods = sorted({m.removeprefix("PHE SII, ") for m in inequality["method"]} - {"none"})
    heat_methods = sorted(set(heat["method"]) - {"none"})
    direction = "favourable (higher is better)" if favourable else "adverse (lower is better)"
    lines = [
        f"{statistic.capitalize()}s with {interval} confidence intervals at "
        + ", ".join(f"{_percent(level)}%" for level in levels)
        + " (PHEindicatormethods 2.1.0).",
    ]
    if sii_methods:
        lines.append(
            "Slope and relative index of inequality by weighted regression on the relative "
            "rank of each deprivation group (PHE), with intervals by "
            + "; ".join(sii_methods)
            + "."
        )
    lines += [
        "Change between periods: after minus before for the SII, after divided by before "
        "for the RII, treating the two periods as independent.",
        "WHO HEAT Plus summary measures of each dimension in each period, from the subgroup "
        f"estimates (standard errors from their {_percent(levels[0])}% limits, populations "
        f"from the denominators), with {', '.join(heat_methods) or 'no'} intervals; the "
        f"indicator is treated as {direction}. A dimension with a suppressed subgroup "
        "has no summary measures in that period.",
        f"Disclosure control applied to every published count: {rule}.",
    ]
    return lines


def _records(table: pd.DataFrame) -> list[dict[Any, Any]]:
    out = []
    for record in table.to_dict("records"):
        out.append({k: _plain(v) for k, v in record.items()})
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value
