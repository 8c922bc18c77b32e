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
from coeval.equity.profile import ProfileResult, limit_columns

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
    for chart in charts.profile_charts(result):
        figures.append(
            f"<figure>{chart.svg}<figcaption>{_e(chart.description)}</figcaption></figure>"
        )
    return "<h2>Charts</h2>" + "".join(figures) if figures else ""


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
