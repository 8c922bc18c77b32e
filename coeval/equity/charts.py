"""Charts of equity results as Vega-Lite specifications, built with Altair.

One specification serves both the web page (vega-embed) and the PDF or HTML report
(``to_svg``/``to_png``, rendered offline by vl-convert, with no network). Every chart
carries a title, axis titles and a text description for screen readers, and uses the
Okabe-Ito palette, which stays distinguishable under the common colour-vision
deficiencies.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from coeval.equity.errors import InputError

# Okabe & Ito (2008), ordered so that the first colours contrast most on white.
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#F0E442",
)
WIDTH = 420
HEIGHT = 260

__all__ = [
    "PALETTE",
    "before_after_chart",
    "ChartOutput",
    "funnel_chart",
    "profile_charts",
    "rates_chart",
    "sii_chart",
    "to_png",
    "to_svg",
]


def rates_chart(
    table: pd.DataFrame,
    *,
    group: str,
    value: str = "value",
    lower: str = "lowercl",
    upper: str = "uppercl",
    colour: str | None = None,
    facet: str | None = None,
    facet_order: Sequence[Any] | None = None,
    title: str = "Rates by group",
    value_title: str = "Value",
    group_title: str | None = None,
) -> alt.TopLevelMixin:
    """Points with interval bars for each group (for example IMD quintile).

    ``colour`` splits each group by a second dimension (such as sex) and ``facet``
    draws one panel per value of a third (such as period).
    """
    _require(table, [group, value, lower, upper, colour, facet], "rates chart")
    data = table.loc[:, _present([group, value, lower, upper, colour, facet])].copy()
    if facet:
        data[facet] = data[facet].astype(str)
    group_title = group_title or _label(group)
    x = alt.X(f"{group}:O", title=group_title, axis=alt.Axis(labelAngle=0))
    y_point = alt.Y(f"{value}:Q", title=value_title, scale=alt.Scale(zero=False))
    tooltip = [
        alt.Tooltip(f"{c}:{'Q' if c in (value, lower, upper) else 'N'}", format=_fmt(c, value))
        for c in _present([group, colour, facet, value, lower, upper])
    ]
    base = alt.Chart(data)
    points = base.mark_point(filled=True, size=60).encode(x=x, y=y_point, tooltip=tooltip)
    bars = base.mark_rule(strokeWidth=1.5).encode(
        x=x, y=alt.Y(f"{lower}:Q", title=value_title), y2=f"{upper}:Q"
    )
    if colour:
        colour_enc = alt.Color(f"{colour}:N", title=_label(colour), scale=_palette())
        offset = alt.XOffset(f"{colour}:N")
        shape = alt.Shape(f"{colour}:N", title=_label(colour))
        points = points.encode(color=colour_enc, xOffset=offset, shape=shape)
        bars = bars.encode(color=colour_enc, xOffset=offset)
    else:
        points = points.encode(color=alt.value(PALETTE[0]))
        bars = bars.encode(color=alt.value(PALETTE[0]))
    layered = alt.layer(bars, points).properties(width=WIDTH, height=HEIGHT)
    description = _describe_rates(data, group, value, lower, upper, colour, facet, value_title)
    if facet:
        sort = [str(p) for p in facet_order] if facet_order else "ascending"
        return (
            layered.properties(width=max(160, WIDTH // 2))
            .facet(column=alt.Column(f"{facet}:O", title=_label(facet), sort=sort))
            .properties(title=title, description=description)
        )
    return layered.properties(title=title, description=description)


def sii_chart(
    table: pd.DataFrame,
    *,
    quantile: str,
    population: str,
    sii: float,
    intercept: float,
    value: str = "value",
    lower: str | None = "lowercl",
    upper: str | None = "uppercl",
    title: str = "Slope index of inequality",
    value_title: str = "Value",
) -> alt.TopLevelMixin:
    """The groups placed at their relative rank, with the fitted SII line.

    The relative rank of a group is the midpoint of its share of the cumulative
    population, with groups in quantile order (1 = most deprived at rank 0). The line
    runs from ``intercept`` at rank 0 to ``intercept + sii`` at rank 1, which is how
    the PHE method defines the two numbers.
    """
    _require(table, [quantile, population, value, lower, upper], "SII chart")
    if not (np.isfinite(sii) and np.isfinite(intercept)):
        raise InputError("the SII chart needs a finite SII and intercept")
    data = table.loc[:, _present([quantile, population, value, lower, upper])].copy()
    data = data.sort_values(quantile).reset_index(drop=True)
    share = data[population].astype(float) / float(data[population].sum())
    data["relative_rank"] = share.cumsum() - share / 2
    line = pd.DataFrame({"relative_rank": [0.0, 1.0], "fitted": [intercept, intercept + sii]})
    x = alt.X(
        "relative_rank:Q",
        title="Relative rank (0 = most deprived, 1 = least deprived)",
        scale=alt.Scale(domain=[0, 1]),
    )
    tooltip = [
        alt.Tooltip(f"{quantile}:O"),
        alt.Tooltip("relative_rank:Q", format=".3f"),
        alt.Tooltip(f"{value}:Q", format=".4g"),
    ]
    points = (
        alt.Chart(data)
        .mark_point(filled=True, size=60, color=PALETTE[0])
        .encode(x=x, y=alt.Y(f"{value}:Q", title=value_title), tooltip=tooltip)
    )
    layers: list[Any] = []
    if lower and upper:
        layers.append(
            alt.Chart(data)
            .mark_rule(color=PALETTE[0])
            .encode(x=x, y=alt.Y(f"{lower}:Q", title=value_title), y2=f"{upper}:Q")
        )
    layers.append(points)
    layers.append(
        alt.Chart(line)
        .mark_line(color=PALETTE[1], strokeDash=[6, 3], strokeWidth=2)
        .encode(x=x, y=alt.Y("fitted:Q", title=value_title))
    )
    description = (
        f"{title}. {len(data)} groups ordered by {_label(quantile)} and placed at their "
        f"relative rank. The fitted line runs from {intercept:.4g} at the most deprived end "
        f"to {intercept + sii:.4g} at the least deprived end, a slope index of inequality "
        f"of {sii:.4g}."
    )
    return alt.layer(*layers).properties(
        width=WIDTH, height=HEIGHT, title=title, description=description
    )


def before_after_chart(
    table: pd.DataFrame,
    *,
    group: str,
    period: str,
    value: str = "value",
    title: str = "Before and after",
    value_title: str = "Value",
    period_order: Sequence[Any] | None = None,
) -> alt.TopLevelMixin:
    """A slope chart: one line per group joining its value in each period."""
    _require(table, [group, period, value], "before/after chart")
    data = table.loc[:, [group, period, value]].copy()
    data[period] = data[period].astype(str)
    order = [str(p) for p in period_order] if period_order else sorted(data[period].unique())
    if len(order) < 2:
        raise InputError(f"a before/after chart needs at least two periods in {period!r}")
    data[group] = data[group].astype(str)
    x = alt.X(f"{period}:O", title=_label(period), sort=order, axis=alt.Axis(labelAngle=0))
    y = alt.Y(f"{value}:Q", title=value_title, scale=alt.Scale(zero=False))
    colour = alt.Color(f"{group}:N", title=_label(group), scale=_palette())
    base = alt.Chart(data).encode(x=x, y=y, color=colour)
    chart = alt.layer(
        base.mark_line(strokeWidth=2),
        base.mark_point(filled=True, size=60).encode(
            shape=alt.Shape(f"{group}:N", title=_label(group)),
            tooltip=[f"{group}:N", f"{period}:O", alt.Tooltip(f"{value}:Q", format=".4g")],
        ),
    )
    first, last = order[0], order[-1]
    changes = []
    for name, rows in data.groupby(group, sort=True):
        by_period = rows.set_index(period)[value]
        if first in by_period.index and last in by_period.index:
            changes.append(f"{name}: {by_period[first]:.4g} to {by_period[last]:.4g}")
    description = (
        f"{title}. Slope chart of {value_title.lower()} by {_label(group)} from {first} "
        f"to {last}. " + "; ".join(changes) + "."
    )
    return chart.properties(width=WIDTH, height=HEIGHT, title=title, description=description)


def funnel_chart(
    points: pd.DataFrame,
    limits: pd.DataFrame,
    *,
    x: str,
    y: str,
    label: str | None = None,
    limit_x: str | None = None,
    limit_columns: Sequence[str] = (
        "lower_2s_limit",
        "upper_2s_limit",
        "lower_3s_limit",
        "upper_3s_limit",
    ),
    baseline: str = "baseline",
    title: str = "Funnel plot",
    x_title: str = "Denominator",
    y_title: str = "Value",
) -> alt.TopLevelMixin:
    """Areas as points against their denominator, inside 95% and 99.8% control limits."""
    limit_x = limit_x or x
    _require(points, [x, y, label], "funnel chart points")
    _require(limits, [limit_x, *limit_columns, baseline], "funnel chart limits")
    long = limits.melt(
        id_vars=[limit_x],
        value_vars=[*limit_columns, baseline],
        var_name="limit",
        value_name="limit_value",
    ).rename(columns={limit_x: "limit_x"})
    names = {c: ("99.8% limit" if "3s" in c else "95% limit") for c in limit_columns}
    names[baseline] = "Baseline"
    long["line"] = long["limit"].map(names)
    dashes = alt.StrokeDash(
        "line:N",
        title="Control limits",
        scale=alt.Scale(
            domain=["Baseline", "95% limit", "99.8% limit"], range=[[1, 0], [6, 3], [2, 2]]
        ),
    )
    x_enc = alt.X("limit_x:Q", title=x_title)
    lines = (
        alt.Chart(long)
        .mark_line(color="#555555")
        .encode(
            x=x_enc, y=alt.Y("limit_value:Q", title=y_title), strokeDash=dashes, detail="limit:N"
        )
    )
    tooltip = _present([label, x, y])
    dots = (
        alt.Chart(points.loc[:, _present([label, x, y])])
        .mark_point(filled=True, size=40, color=PALETTE[0])
        .encode(x=alt.X(f"{x}:Q", title=x_title), y=alt.Y(f"{y}:Q", title=y_title), tooltip=tooltip)
    )
    description = (
        f"{title}. {len(points)} points plotted against {x_title.lower()} with a baseline "
        "and 95% and 99.8% control limits; points outside the limits differ significantly "
        "from the baseline."
    )
    return alt.layer(lines, dots).properties(
        width=WIDTH, height=HEIGHT, title=title, description=description
    )


@dataclass(frozen=True)
class ChartOutput:
    """One drawn chart: its title, text description, Vega-Lite spec and SVG."""

    title: str
    description: str
    spec: dict[str, Any] = field(repr=False)
    svg: str = field(repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "description": self.description,
            "spec": self.spec,
            "svg": self.svg,
        }


def profile_charts(result: Any) -> list[ChartOutput]:
    """The charts worth drawing for an equity profile (a ``ProfileResult``).

    For each ordered dimension (or the first dimension): the indicator by subgroup in
    each single period, the SII line in the last (or after) period, and before against
    after. Only published values are drawn (suppressed subgroups are left out), at
    the first confidence level. The HTML report and the web app both use this.
    """
    return [_drawn(chart) for chart in profile_chart_specs(result)]


def profile_chart_specs(result: Any) -> list[alt.TopLevelMixin]:
    """The Altair charts of :func:`profile_charts`, not yet drawn."""
    from coeval.equity.profile import ALL_PEOPLE, limit_columns

    value_title = profile_value_title(result)
    single = [p for p in result.periods if " + " not in p] or list(result.periods)
    out: list[alt.TopLevelMixin] = []
    for dimension in result.ordered_dimensions or result.dimensions[:1]:
        table = result.indicators[result.indicators["dimension"] == dimension]
        table = table.rename(columns={"subgroup": dimension}).dropna(subset=["value"])
        lower, upper = limit_columns(result.indicators, result.confidence[0])
        shown = table[table["period"].isin(single)]
        if len(shown):
            out.append(
                rates_chart(
                    shown,
                    group=dimension,
                    lower=lower,
                    upper=upper,
                    facet="period" if shown["period"].nunique() > 1 else None,
                    facet_order=single,
                    title=f"{result.indicator_name} by {_label(dimension)}",
                    value_title=value_title,
                    group_title=_label(dimension),
                )
            )
        sii = result.inequality[
            (result.inequality["dimension"] == dimension)
            & (result.inequality["stratum"] == ALL_PEOPLE)
            & (result.inequality["confidence"] == result.confidence[0])
        ]
        period = result.after or result.periods[-1]
        one = sii[sii["period"] == period].set_index("measure")["value"]
        points = table[table["period"] == period]
        if {"SII", "intercept"} <= set(one.index) and pd.notna(one).all() and len(points):
            out.append(
                sii_chart(
                    points,
                    quantile=dimension,
                    population="denominator",
                    sii=float(one["SII"]),
                    intercept=float(one["intercept"]),
                    lower=lower,
                    upper=upper,
                    title=f"Slope index of inequality, {period}",
                    value_title=value_title,
                )
            )
        if result.before and result.after:
            pair = table[table["period"].isin([result.before, result.after])]
            if pair["period"].nunique() == 2:
                out.append(
                    before_after_chart(
                        pair,
                        group=dimension,
                        period="period",
                        period_order=[result.before, result.after],
                        title=f"{result.indicator_name} before and after",
                        value_title=value_title,
                    )
                )
    return out


def profile_value_title(result: Any) -> str:
    """The value axis's title for a profile's indicator."""
    if result.statistic == "proportion":
        return "Percentage" if result.multiplier == 100 else "Proportion"
    return f"Rate per {result.multiplier:,.0f}"


def _drawn(chart: alt.TopLevelMixin) -> ChartOutput:
    spec = chart.to_dict()  # validated against the Vega-Lite schema, once
    return ChartOutput(
        title=_title_text(spec.get("title")),
        description=str(spec.get("description", "")),
        spec=spec,
        svg=to_svg(spec),
    )


def to_svg(chart: alt.TopLevelMixin | dict[str, Any]) -> str:
    """Render offline to SVG, with the title and description as ``<title>``/``<desc>``.

    ``chart`` is an Altair chart or its Vega-Lite spec. Vega does not write the
    description into its SVG, so it is added here: screen readers announce
    ``<title>`` and ``<desc>`` of an inline ``role="img"`` SVG.
    """
    import vl_convert

    spec = chart if isinstance(chart, dict) else chart.to_dict()
    svg = vl_convert.vegalite_to_svg(spec)
    title = _title_text(spec.get("title"))
    description = spec.get("description", "")
    accessible = f"<title>{html.escape(title)}</title><desc>{html.escape(description)}</desc>"
    return re.sub(
        r"<svg\b([^>]*)>",
        lambda m: f'<svg{m.group(1)} role="img" aria-label="{html.escape(title)}">{accessible}',
        svg,
        count=1,
    )


def to_png(chart: alt.TopLevelMixin, *, scale: float = 2.0) -> bytes:
    """Render offline to PNG (for PDFs and slides)."""
    import vl_convert

    return bytes(vl_convert.vegalite_to_png(chart.to_dict(), scale=scale))


def _palette() -> alt.Scale:
    return alt.Scale(range=list(PALETTE))


def _require(table: pd.DataFrame, columns: Sequence[str | None], what: str) -> None:
    if not isinstance(table, pd.DataFrame):
        raise InputError(f"the {what} needs a pandas DataFrame, not {type(table).__name__}")
    missing = [c for c in columns if c is not None and c not in table.columns]
    if missing:
        raise InputError(
            f"the {what} needs column(s) {', '.join(map(repr, missing))}; "
            f"the table has {', '.join(map(repr, table.columns))}"
        )


def _present(columns: Sequence[str | None]) -> list[str]:
    seen: list[str] = []
    for c in columns:
        if c is not None and c not in seen:
            seen.append(c)
    return seen


def _label(column: str) -> str:
    known = {
        "imd_quintile": "IMD quintile",
        "imd_decile": "IMD decile",
        "sex": "Sex",
        "ethnic_group": "Ethnic group",
        "age_group": "Age group",
    }
    return known.get(column, column.replace("_", " ").capitalize())


def _fmt(column: str, value: str) -> str:
    return ".4g" if column == value or column.endswith("cl") else ""


def _title_text(title: Any) -> str:
    if isinstance(title, dict):
        return str(title.get("text", ""))
    return "" if title is None else str(title)


def _describe_rates(
    data: pd.DataFrame,
    group: str,
    value: str,
    lower: str,
    upper: str,
    colour: str | None,
    facet: str | None,
    value_title: str,
) -> str:
    by = [c for c in (facet, colour, group) if c]
    parts = []
    for row in data.sort_values(by).head(40).to_dict("records"):
        name = ", ".join(f"{_label(c)} {row[c]}" for c in by)
        if pd.isna(row[value]):
            parts.append(f"{name}: not shown")
        else:
            parts.append(f"{name}: {row[value]:.4g} ({row[lower]:.4g} to {row[upper]:.4g})")
    more = "" if len(data) <= 40 else f" and {len(data) - 40} more"
    return (
        f"{value_title} with confidence intervals by {_label(group)}. "
        + "; ".join(parts)
        + more
        + "."
    )
