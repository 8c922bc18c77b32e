"""Reading the zip packages behind .docx and .odt files without trusting them.

A crafted office file can declare a tiny part that inflates to gigabytes, or carry XML with
entity tricks. We check declared sizes before inflating, read at most that many bytes, and
parse with a parser that never resolves entities, loads DTDs or touches the network.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from coeval.qualitative.documents.errors import DocumentImportError

MAX_PART_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


def open_package(data: bytes, kind: str) -> zipfile.ZipFile:
    if data.startswith(_OLE_MAGIC):
        raise DocumentImportError(
            f"This {kind} file is password-protected or is an old binary format (.doc/.sxw). "
            f"Remove the password, or save it as a {kind} document, and upload it again."
        )
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DocumentImportError(
            f"This is not a valid {kind} file (it is not a zip package). It may be damaged, "
            "or be another format renamed."
        ) from None


def read_part(package: zipfile.ZipFile, name: str, kind: str) -> bytes | None:
    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > MAX_PART_BYTES or ratio > MAX_COMPRESSION_RATIO:
        raise DocumentImportError(
            f"This {kind} file's {name} would expand to {info.file_size:,} bytes "
            f"(ratio {ratio:.0f}:1); it looks like a zip bomb and was refused."
        )
    try:
        with package.open(info) as part:
            content = part.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as error:
        raise DocumentImportError(f"This {kind} file is damaged ({name}: {error}).") from None
    if len(content) > MAX_PART_BYTES:
        raise DocumentImportError(f"This {kind} file's {name} is larger than it declares.")
    return content


def parse_xml(content: bytes, kind: str, name: str) -> etree._Element:
    try:
        return etree.fromstring(content, _PARSER)
    except etree.XMLSyntaxError as error:
        raise DocumentImportError(
            f"This {kind} file is damaged: {name} is not valid XML ({error})."
        ) from None


def core_properties(package: zipfile.ZipFile, name: str, kind: str) -> dict[str, str]:
    """Title, author and creation date from Dublin Core metadata, where present."""
    content = read_part(package, name, kind)
    if content is None:
        return {}
    try:
        root = etree.fromstring(content, _PARSER)
    except etree.XMLSyntaxError:
        return {}  # Metadata is a nicety; a broken metadata part should not block the import.
    wanted = {
        "title": "title",
        "creator": "author",
        "initial-creator": "author",
        "created": "created",
        "creation-date": "created",
    }
    found: dict[str, str] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        if local in wanted and element.text and element.text.strip():
            found.setdefault(wanted[local], element.text.strip())
    return found
