"""The whole plan as a Word document and a PDF, in NHS colours, with the logic model.

Both read the same ``plan_outline`` so the two files always hold the same words.
"""

import io

from django.template.loader import render_to_string
from django.utils import timezone

from coeval.web.workbook import content as content_rules
from coeval.web.workbook import logic_model, services

NHS_BLUE = (0x00, 0x5E, 0xB8)
NHS_DARK = (0x21, 0x2B, 0x32)


def plan_outline(plan) -> dict:
    sections = sorted(plan.sections.all(), key=lambda s: s.number)
    people = services.programme_people(plan.team.cohort.programme_id)
    outline = []
    for section in sections:
        ctx = {"people": people}
        parts = [
            (label, lines)
            for label, lines in content_rules.all_lines(section.spec, section.content, ctx)
        ]
        outline.append(
            {
                "section": section,
                "title": f"{section.number}. {section.spec.title}",
                "state": section.get_state_display(),
                "parts": parts,
                "svg": logic_model.svg(section.content, f"Logic model: {plan.title}")
                if section.spec.builder
                else "",
            }
        )
    return {
        "plan": plan,
        "team": plan.team,
        "outline": outline,
        "indicators": list(plan.indicators.all()),
        "made_at": timezone.localtime(),
    }


def plan_pdf(plan) -> bytes:
    from weasyprint import HTML

    html = render_to_string("workbook/export.html", plan_outline(plan))
    return HTML(string=html).write_pdf()


def plan_docx(plan) -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt, RGBColor

    data = plan_outline(plan)
    document = Document()
    styles = document.styles
    styles["Normal"].font.name = "Arial"
    styles["Normal"].font.size = Pt(11)
    for name in ("Title", "Heading 1", "Heading 2"):
        styles[name].font.name = "Arial"
        styles[name].font.color.rgb = RGBColor(*NHS_BLUE if name != "Heading 2" else NHS_DARK)
    document.add_heading(plan.title, level=0)
    intro = document.add_paragraph()
    intro.add_run(f"{plan.team.name} – {plan.team.service_name}").bold = True
    document.add_paragraph(
        f"Plan status: {plan.get_state_display()}. Made on {data['made_at']:%d %B %Y at %H:%M}."
    )
    if plan.decision_note:
        document.add_paragraph(f"Steering group decision: {plan.decision_note}")
    for part in data["outline"]:
        document.add_heading(part["title"], level=1)
        document.add_paragraph(f"Section status: {part['state']}.")
        if part["svg"]:
            document.add_picture(
                io.BytesIO(logic_model.png(part["section"].content, plan.title)), width=Cm(16)
            )
        for label, lines in part["parts"]:
            document.add_heading(label, level=2)
            if not lines:
                document.add_paragraph("Not filled in yet.").runs[0].italic = True
            for line in lines:
                document.add_paragraph(line)
    if data["indicators"]:
        document.add_heading("Indicators the equity engine will run", level=1)
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("Indicator", "Outcome", "Breakdowns")):
            cell.text = text
        for indicator in data["indicators"]:
            row = table.add_row().cells
            row[0].text = indicator.name
            row[1].text = indicator.outcome
            row[2].text = ", ".join(d["name"] for d in indicator.spec.get("dimensions", []))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
