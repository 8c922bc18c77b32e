"""A self-contained HTML report of an equity profile.

Everything is inline (styles, charts as SVG), so the file can be emailed, archived
with a decision, or printed to PDF without a network. The plain-language sentences
come first, for the board members and public advisers who read no further.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import pandas as pd

from coeval.equity import charts
from coeval.equity.profile import ALL_PEOPLE, ProfileResult, limit_columns

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
h1, h2 { line-height: 1.2; }
.sentences li { font-size: 1.1rem; margin-bottom: .5rem; }
figure { margin: 1.5rem 0; }
figcaption { font-size: .9rem; color: #444; }
table { border-collapse: collapse; font-size: .85rem; margin: 1rem 0; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: right; }
th { background: #eee; }
.provenance { background: #f4f4f4; padding: .75rem 1rem; border-left: 4px solid #0072B2; }
"""


def render_report(result: ProfileResult, *, title: str | None = None) -> str:
    """The whole report as one HTML string."""
    title = title or f"Equity profile: {result.indicator_name}"
    sections = [
        f"<h1>{_e(title)}</h1>",
        _provenance(result),
        _sentences(result),
        _figures(result),
        _table_section(
            "Indicator by subgroup",
            _indicator_table(result),
            "A dash marks a value hidden by disclosure control or not calculable "
            "(see the reason column).",
        ),
        _table_section("Inequality", _inequality_table(result), ""),
        _table_section(
            "Summary measures of inequality (WHO HEAT Plus)",
            _heat_table(result),
            "Each dimension in each period, from the subgroup estimates above. A dash "
            "marks a measure that was not calculated; the reason column says why.",
        ),
        _table_section("Change before and after", _change_table(result), ""),
        "<h2>Methods</h2><ul>" + "".join(f"<li>{_e(m)}</li>" for m in result.methods) + "</ul>",
    ]
    body = "\n".join(s for s in sections if s)
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{STYLE}</style></head>\n"
        f"<body><main>\n{body}\n</main></body></html>\n"
    )


def _provenance(result: ProfileResult) -> str:
    items = [
        ("Indicator", f"{result.indicator_name} ({result.statistic})"),
        ("Periods", ", ".join(result.periods) or "one period"),
        ("Before and after", f"{result.before} → {result.after}" if result.before else "—"),
        ("IMD edition", result.imd_edition or "not applicable"),
        ("Disclosure control applied", result.disclosure),
        ("Produced", date.today().isoformat()),
    ]
    rows = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in items)
    return f'<section class="provenance"><dl>{rows}</dl></section>'


def _sentences(result: ProfileResult) -> str:
    if not result.sentences:
        return "<p>There is only one period, so no change over time is reported.</p>"
    items = "".join(f"<li>{_e(s)}</li>" for s in result.sentences)
    return f'<h2>What changed</h2><ul class="sentences">{items}</ul>'


def _figures(result: ProfileResult) -> str:
    figures = []
    for chart in _charts(result):
        svg = charts.to_svg(chart)
        caption = chart.to_dict().get("description", "")
        figures.append(f"<figure>{svg}<figcaption>{_e(caption)}</figcaption></figure>")
    return "<h2>Charts</h2>" + "".join(figures) if figures else ""


def _charts(result: ProfileResult) -> list[Any]:
    """The charts worth drawing for this profile, using the first confidence level."""
    value_title = _value_title(result)
    out: list[Any] = []
    for dimension in result.ordered_dimensions or result.dimensions[:1]:
        table = result.indicators[result.indicators["dimension"] == dimension]
        table = table.rename(columns={"subgroup": dimension})
        lower, upper = limit_columns(table, result.confidence[0])
        shown = table[table["period"].isin(_main_periods(result))]
        out.append(
            charts.rates_chart(
                shown,
                group=dimension,
                lower=lower,
                upper=upper,
                facet="period" if shown["period"].nunique() > 1 else None,
                facet_order=_main_periods(result),
                title=f"{result.indicator_name} by {charts._label(dimension)}",
                value_title=value_title,
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
        if {"SII", "intercept"} <= set(one.index) and pd.notna(one).all():
            out.append(
                charts.sii_chart(
                    points.dropna(subset=["value"]),
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
            out.append(
                charts.before_after_chart(
                    pair,
                    group=dimension,
                    period="period",
                    period_order=[result.before, result.after],
                    title=f"{result.indicator_name} before and after",
                    value_title=value_title,
                )
            )
    return out


def _main_periods(result: ProfileResult) -> list[str]:
    """The single periods (pooled before/after labels are shown in their own chart)."""
    return [p for p in result.periods if " + " not in p] or list(result.periods)


def _value_title(result: ProfileResult) -> str:
    if result.statistic == "proportion":
        return "Percentage" if result.multiplier == 100 else "Proportion"
    return f"Rate per {result.multiplier:,.0f}"


def _indicator_table(result: ProfileResult) -> pd.DataFrame:
    table = result.indicators
    lower, upper = limit_columns(table, result.confidence[0])
    columns = ["period", "dimension", "subgroup", "numerator", "denominator", "value"]
    out = table[[*columns, lower, upper, "reason"]].rename(
        columns={lower: "lower limit", upper: "upper limit"}
    )
    return out


def _inequality_table(result: ProfileResult) -> pd.DataFrame:
    table = result.inequality
    return table[table["measure"] != "intercept"].drop(columns=["reason"], errors="ignore")


def _heat_table(result: ProfileResult) -> pd.DataFrame:
    table = result.heat
    shown = table[table["confidence"] == result.confidence[0]]
    columns = ["period", "dimension", "name", "value", "lower", "upper", "method", "reason"]
    return shown[columns].rename(
        columns={"name": "measure", "lower": "lower limit", "upper": "upper limit"}
    )


def _change_table(result: ProfileResult) -> pd.DataFrame:
    return result.change


def _table_section(heading: str, table: pd.DataFrame, note: str) -> str:
    if table.empty:
        return ""
    rendered = table.to_html(
        index=False, na_rep="–", float_format=lambda v: f"{v:.4g}", escape=True, border=0
    )
    note_html = f"<p>{_e(note)}</p>" if note else ""
    return f"<h2>{_e(heading)}</h2>{note_html}{rendered}"


def _e(text: Any) -> str:
    return html.escape(str(text))
