"""An analysis's outputs as CSV, JSON, PDF and Word files.

Every format is built from the stored, disclosure-controlled result (through
``services.analysis_outputs``, which checks it again), never from the rows.
"""

import csv
import io

from django.template.loader import render_to_string

from coeval.web.datasets.services import analysis_outputs

# Spreadsheet programs run a cell that starts with these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    """A cell that cannot run as a spreadsheet formula (CSV injection)."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return text  # a real number, such as -3.2, is data, not a formula
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def as_csv(analysis) -> bytes:
    outputs = analysis_outputs(analysis)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["table", "period", "dimension", "group", "measure", "numerator",
                     "denominator", "value", "lower", "upper", "disclosure"])  # fmt: skip
    rule = outputs["disclosure"]
    for r in outputs["tables"].get("indicators", []):
        writer.writerow(
            [
                neutralise(v)
                for v in (
                    "indicator",
                    r["period"],
                    r["dimension"],
                    r["subgroup"],
                    outputs["indicator"],
                    r.get("numerator"),
                    r.get("denominator"),
                    r.get("value"),
                    r.get("lower"),
                    r.get("upper"),
                    rule,
                )
            ]  # fmt: skip
        )
    for r in outputs["tables"].get("inequality", []):
        writer.writerow(
            [
                neutralise(v)
                for v in (
                    "inequality",
                    r["period"],
                    r["dimension"],
                    r["stratum"],
                    r["measure"],
                    None,
                    None,
                    r.get("value"),
                    r.get("lower"),
                    r.get("upper"),
                    rule,
                )
            ]  # fmt: skip
        )
    for r in outputs["tables"].get("change", []):
        writer.writerow(
            [
                neutralise(v)
                for v in (
                    "change",
                    f"{outputs['before']} to {outputs['after']}",
                    r["dimension"],
                    r["stratum"],
                    f"{r['measure']} {r.get('comparison', '')}",
                    None,
                    None,
                    r.get("change"),
                    r.get("lower"),
                    r.get("upper"),
                    rule,
                )
            ]  # fmt: skip
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM lets Excel read UTF-8


def as_json(analysis) -> dict:
    outputs = analysis_outputs(analysis)
    return {
        "id": analysis.pk,
        "title": analysis.title,
        "team": analysis.dataset.team.name,
        "status": analysis.status,
        "indicator": outputs["indicator"],
        "confidence": outputs["confidence"],
        "disclosure": outputs["disclosure"],
        "imd_edition": outputs["imd_edition"],
        "before": outputs["before"],
        "after": outputs["after"],
        "interpretation": outputs["interpretation"],
        "methods": outputs["methods"],
        "tables": outputs["tables"],
        "charts": [{"title": c["title"], "vega_lite": c["spec"]} for c in outputs["charts"]],
    }


def _cached(kind: str, analysis, build) -> bytes:
    """A finished analysis never changes, so each file is built once per analysis."""
    from django.core.cache import cache

    stamp = analysis.finished_at.timestamp() if analysis.finished_at else 0
    key = f"coeval:datasets:{kind}:{analysis.pk}:{stamp}"
    content = cache.get(key)
    if content is None:
        content = build(analysis)
        cache.set(key, content, timeout=24 * 3600)
    return content


def as_pdf(analysis) -> bytes:
    return _cached("pdf", analysis, _pdf)


def as_docx(analysis) -> bytes:
    return _cached("docx", analysis, _docx)


def _pdf(analysis) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "datasets/analysis_print.html",
        {"analysis": analysis, "outputs": analysis_outputs(analysis)},
    )
    return HTML(string=html).write_pdf()


def _docx(analysis) -> bytes:
    import vl_convert
    from docx import Document
    from docx.shared import Cm

    outputs = analysis_outputs(analysis)
    document = Document()
    document.add_heading(analysis.title, level=0)
    document.add_heading("What the numbers say", level=1)
    for sentence in outputs["interpretation"] or ["There is not enough data to say more."]:
        document.add_paragraph(sentence, style="List Bullet")
    for chart in outputs["charts"]:
        document.add_heading(chart["title"], level=2)
        png = vl_convert.vegalite_to_png(chart["spec"], scale=2)
        document.add_picture(io.BytesIO(bytes(png)), width=Cm(15))
        document.add_paragraph(chart["description"])
    _docx_table(
        document,
        f"{outputs['indicator']} by group ({outputs['confidence']} confidence intervals)",
        ["Period", "Dimension", "Group", "Numerator", "Denominator", "Value", "Interval"],
        [
            [
                r["period"],
                r["dimension"],
                r["subgroup"],
                r["numerator"],
                r["denominator"],
                r["value"],
                r["interval"],
            ]
            for r in outputs["indicator_rows"]
        ],  # fmt: skip
    )
    if outputs["change_rows"]:
        _docx_table(
            document,
            "Before and after",
            ["Measure", "Who", "Before", "After", "Change", "Interval"],
            [
                [r["measure"], r["stratum"], r["before"], r["after"], r["change"], r["interval"]]
                for r in outputs["change_rows"]
            ],  # fmt: skip
        )
    document.add_paragraph(outputs["suppressed_note"])
    document.add_paragraph(f"Disclosure control: {outputs['disclosure']}.")
    for method in outputs["methods"]:
        document.add_paragraph(method, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_table(document, heading, header, rows):
    document.add_heading(heading, level=2)
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = str(text)
