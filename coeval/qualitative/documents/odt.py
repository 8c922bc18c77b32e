"""OpenDocument .odt (LibreOffice, and Word's "save as ODF"): paragraphs, lists and tables.

ODF compresses runs of spaces into <text:s text:c="n"/>, and puts tabs and line breaks in
elements, so the text is rebuilt element by element. Notes and annotations are commentary on
the transcript, not the transcript, and are left out.
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

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_PARAGRAPHS = {f"{_TEXT}p", f"{_TEXT}h"}
_OMITTED = {f"{_TEXT}note", f"{_OFFICE}annotation", f"{_TEXT}tracked-changes"}


def _inline(element: etree._Element, pieces: list[str]) -> None:
    if element.text:
        pieces.append(element.text)
    for child in element:
        tag = child.tag
        if tag == f"{_TEXT}s":
            pieces.append(" " * int(child.get(f"{_TEXT}c", "1")))
        elif tag == f"{_TEXT}tab":
            pieces.append("\t")
        elif tag == f"{_TEXT}line-break":
            pieces.append("\n")
        elif tag not in _OMITTED and isinstance(tag, str):
            _inline(child, pieces)
        if child.tail:
            pieces.append(child.tail)


def _blocks(container: etree._Element, lines: list[str]) -> None:
    for child in container:
        tag = child.tag
        if tag in _PARAGRAPHS:
            pieces: list[str] = []
            _inline(child, pieces)
            lines.append("".join(pieces))
        elif tag == f"{_TABLE}table-row":
            cells = []
            for cell in child.iterchildren(f"{_TABLE}table-cell"):
                cell_lines: list[str] = []
                _blocks(cell, cell_lines)
                cells.append(" ".join(line for line in cell_lines if line))
            lines.append("\t".join(cells))
        elif tag not in _OMITTED and isinstance(tag, str):
            # Lists, sections, tables and their row groups only hold further blocks.
            _blocks(child, lines)


def read_odt(data: bytes) -> tuple[str, dict[str, str]]:
    package = open_package(data, ".odt")
    with package:
        manifest = read_part(package, "META-INF/manifest.xml", ".odt") or b""
        if b"encryption-data" in manifest:
            raise DocumentImportError(
                "This .odt file is password-protected. Save a copy without a password and "
                "upload that."
            )
        content = read_part(package, "content.xml", ".odt")
        if content is None:
            raise DocumentImportError(
                "This .odt file has no content.xml, so it is not an OpenDocument text."
            )
        root = parse_xml(content, ".odt", "content.xml")
        body = root.find(f"{_OFFICE}body/{_OFFICE}text")
        if body is None:
            raise DocumentImportError(
                "This OpenDocument file holds no text document (is it a spreadsheet or slides?)."
            )
        lines: list[str] = []
        _blocks(body, lines)
        metadata = core_properties(package, "meta.xml", ".odt")
    return "\n".join(lines), metadata
