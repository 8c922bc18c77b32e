"""Build real fixture documents in memory, so no binary fixtures live in the repository."""

from __future__ import annotations

import io

import docx
from odf.opendocument import OpenDocumentText
from odf.table import Table, TableCell, TableRow
from odf.text import LineBreak, P, S, Tab
from pypdf import PdfWriter


def docx_bytes(paragraphs: list[str], *, title: str | None = None, table=None) -> bytes:
    document = docx.Document()
    if title:
        document.core_properties.title = title
        document.core_properties.author = "Evaluation team"
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt_bytes(paragraphs: list[str], *, title: str | None = None, table=None) -> bytes:
    document = OpenDocumentText()
    if title:
        from odf.dc import Title

        document.meta.addElement(Title(text=title))
    for paragraph in paragraphs:
        document.text.addElement(P(text=paragraph))
    if table:
        grid = Table(name="Table1")
        for row in table:
            table_row = TableRow()
            for value in row:
                cell = TableCell()
                cell.addElement(P(text=value))
                table_row.addElement(cell)
            grid.addElement(table_row)
        document.text.addElement(grid)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def odt_with_spaces_tabs_and_breaks() -> bytes:
    """'A' + three spaces + 'B', a tab, 'C', a line break, 'D', built from ODF's elements."""
    document = OpenDocumentText()
    paragraph = P()
    paragraph.addText("A")
    paragraph.addElement(S(c=3))
    paragraph.addText("B")
    paragraph.addElement(Tab())
    paragraph.addText("C")
    paragraph.addElement(LineBreak())
    paragraph.addText("D")
    document.text.addElement(paragraph)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def pdf_bytes(html: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf()


def encrypted_pdf_bytes(html: str, password: str) -> bytes:
    from pypdf import PdfReader

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(html))))
    writer.encrypt(user_password=password, owner_password=password + "-owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_only_pdf_bytes() -> bytes:
    """A PDF page with a picture and no text layer, as a scanner produces."""
    import base64

    # A 1x1 black PNG.
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="
    )
    encoded = base64.b64encode(png).decode()
    return pdf_bytes(f'<img src="data:image/png;base64,{encoded}" style="width:10cm">')
