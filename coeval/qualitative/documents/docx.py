"""Word .docx: the body text, paragraph by paragraph, tables cell by cell.

We read word/document.xml directly with lxml instead of going through python-docx's object
model: a transcript is mostly runs of text, and walking the XML once is several times faster
(see benchmarks/docx_import.py). Deleted tracked changes (w:delText) and field codes
(w:instrText) are not text a participant said, so they are left out.
"""

from __future__ import annotations

from lxml import etree

from coeval.qualitative.documents.errors import DocumentImportError
from coeval.qualitative.documents.packages import (
    core_properties,
    open_package,
    parse_xml,
    read_part,
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (
    f"{_W}p",
    f"{_W}tbl",
    f"{_W}tr",
    f"{_W}tc",
    f"{_W}sdt",
    f"{_W}sdtContent",
)
_INLINE = {
    f"{_W}t": None,
    f"{_W}tab": "\t",
    f"{_W}br": "\n",
    f"{_W}cr": "\n",
    f"{_W}noBreakHyphen": "-",
}
_INLINE_TAGS = tuple(_INLINE)


def _paragraph_text(paragraph: etree._Element) -> str:
    pieces = []
    for element in paragraph.iter(*_INLINE_TAGS):
        fixed = _INLINE[element.tag]
        if fixed is None:
            if element.text:
                pieces.append(element.text)
        else:
            pieces.append(fixed)
    return "".join(pieces)


def _blocks(container: etree._Element, lines: list[str]) -> None:
    for child in container:
        tag = child.tag
        if tag == _P:
            lines.append(_paragraph_text(child))
        elif tag == _TBL:
            for row in child.iter(_TR):
                cells = []
                for cell in row.iterchildren(_TC):
                    cell_lines: list[str] = []
                    _blocks(cell, cell_lines)
                    cells.append(" ".join(line for line in cell_lines if line))
                lines.append("\t".join(cells))
        elif tag in (_SDT, _SDT_CONTENT):
            _blocks(child, lines)


def read_docx(data: bytes) -> tuple[str, dict[str, str]]:
    package = open_package(data, ".docx")
    with package:
        content = read_part(package, "word/document.xml", ".docx")
        if content is None:
            raise DocumentImportError(
                "This .docx file has no word/document.xml, so it is not a Word document."
            )
        root = parse_xml(content, ".docx", "word/document.xml")
        body = root.find(f"{_W}body")
        if body is None:
            raise DocumentImportError("This .docx file has no document body.")
        lines: list[str] = []
        _blocks(body, lines)
        metadata = core_properties(package, "docProps/core.xml", ".docx")
    return "\n".join(lines), metadata
