"""A brief as HTML, PDF (WeasyPrint) and Word (python-docx).

All three are built from the same items, and every chart from the same Vega-Lite
spec (rendered offline by coeval.equity.charts), so the page, the file for the
board and the poster cannot disagree.
"""

import base64
import io
import re

from django.template.loader import render_to_string
from django.utils.text import slugify

from coeval.equity import charts as equity_charts


class _Spec:
    """A stored Vega-Lite spec, in the shape the chart renderers take."""

    def __init__(self, spec: dict):
        self.spec = spec

    def to_dict(self) -> dict:
        return self.spec


def chart_svg(spec: dict) -> str:
    try:
        return equity_charts.to_svg(_Spec(spec))
    except Exception:  # a spec that cannot be drawn must not stop the brief
        return ""


def chart_png(spec: dict) -> bytes:
    try:
        return equity_charts.to_png(_Spec(spec))
    except Exception:
        return b""


def chart_title(spec: dict) -> str:
    title = spec.get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(str(t) for t in title)
    return str(title)


def cell(value) -> str:
    """Numbers as people read them; a hidden value as a dash with its meaning."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return "–"
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def rendered_items(brief, *, for_pdf: bool = False) -> list[dict]:
    """Each item with its tables formatted and its charts drawn."""
    out = []
    for item in brief.items.all():
        content = item.content or {}
        figures = []
        for spec in content.get("charts", []):
            if for_pdf:
                png = chart_png(spec)
                image = base64.b64encode(png).decode() if png else ""
                figures.append(
                    {"png": image, "title": chart_title(spec), "desc": spec.get("description", "")}
                )
            else:
                figures.append(
                    {
                        "svg": chart_svg(spec),
                        "title": chart_title(spec),
                        "desc": spec.get("description", ""),
                    }
                )
        tables = [
            {
                "caption": t.get("caption", ""),
                "columns": [str(c).replace("_", " ") for c in t.get("columns", [])],
                "rows": [[cell(v) for v in row] for row in t.get("rows", [])],
            }
            for t in content.get("tables", [])
        ]
        out.append(
            {
                "item": item,
                "paragraphs": content.get("paragraphs", []),
                "sentences": content.get("sentences", []),
                "tables": tables,
                "figures": figures,
                "disclosure": content.get("disclosure", ""),
            }
        )  # fmt: skip
    return out


def context(brief, *, for_pdf: bool = False) -> dict:
    items = rendered_items(brief, for_pdf=for_pdf)
    return {
        "brief": brief,
        "team": brief.team,
        "items": items,
        "evidence": [i for i in items if i["item"].kind != "theme"],
        "themes": [i for i in items if i["item"].kind == "theme"],
        "for_pdf": for_pdf,
    }


def brief_html(brief, *, for_pdf: bool = False) -> str:
    return render_to_string("briefs/export.html", context(brief, for_pdf=for_pdf))


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def filename(brief, extension: str) -> str:
    status = f"v{brief.version}" + ("" if brief.is_released else "-draft")
    return f"{slugify(brief.title)[:60] or 'brief'}-{status}.{extension}"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in re.split(r"\n+", text or "") if line.strip()]


def brief_docx(brief) -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt

    items = rendered_items(brief, for_pdf=True)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    document.add_heading(brief.title, level=0)
    document.add_paragraph(
        f"{brief.team.name}. {brief.get_format_display()}. Version {brief.version}"
        + (
            f", released {brief.released_at:%d %B %Y}."
            if brief.released_at
            else ". Draft: not yet approved."
        )
    )
    if brief.key_messages.strip():
        document.add_heading("Key messages", level=1)
        for line in _lines(brief.key_messages):
            document.add_paragraph(line.lstrip("-• "), style="List Bullet")
    for entry in items:
        item = entry["item"]
        if item.kind == "theme":
            continue
        document.add_heading(item.title, level=1)
        for text in entry["paragraphs"]:
            document.add_paragraph(text)
        for sentence in entry["sentences"]:
            document.add_paragraph(sentence, style="List Bullet")
        for figure in entry["figures"]:
            if figure["png"]:
                document.add_picture(io.BytesIO(base64.b64decode(figure["png"])), width=Cm(14))
                document.add_paragraph(figure["desc"] or figure["title"]).runs[0].italic = True
        for table in entry["tables"]:
            if table["caption"]:
                document.add_paragraph(table["caption"]).runs[0].bold = True
            grid = document.add_table(rows=1, cols=len(table["columns"]))
            grid.style = "Table Grid"
            for cell_, name in zip(grid.rows[0].cells, table["columns"], strict=False):
                cell_.text = name
            for row in table["rows"]:
                for cell_, value in zip(grid.add_row().cells, row, strict=False):
                    cell_.text = value
        if entry["disclosure"]:
            document.add_paragraph(f"Disclosure control: {entry['disclosure']}.")
    document.add_heading("What people told us", level=1)
    themes = [i for i in items if i["item"].kind == "theme"]
    if themes:
        for entry in themes:
            document.add_heading(entry["item"].title, level=2)
            for text in entry["paragraphs"]:
                document.add_paragraph(text)
    else:
        document.add_paragraph("No qualitative themes are included in this brief.")
    if brief.recommendations.strip():
        document.add_heading("Recommendations", level=1)
        for line in _lines(brief.recommendations):
            document.add_paragraph(line.lstrip("-• "), style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
