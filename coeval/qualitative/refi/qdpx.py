"""Import and export whole projects as .qdpx archives (project.qde plus sources/)."""

import io
import os
import zipfile
from typing import BinaryIO

from lxml import etree

from coeval.qualitative.model import Project
from coeval.qualitative.refi.archive import ArchiveInput, check_member_name, read_archive
from coeval.qualitative.refi.errors import QdpxImportError
from coeval.qualitative.refi.limits import ImportLimits
from coeval.qualitative.refi.reader import ProjectReader
from coeval.qualitative.refi.safe_xml import parse_xml
from coeval.qualitative.refi.writer import ProjectWriter

PROJECT_FILE = "project.qde"


def read_qdpx(source: ArchiveInput, limits: ImportLimits | None = None) -> Project:
    """A new Project from a .qdpx file, or QdpxImportError saying plainly what is wrong.

    The import builds a fresh Project and never touches an existing one, so a refused file
    leaves everything the team already has exactly as it was.
    """
    limits = limits or ImportLimits()
    files = read_archive(source, limits)
    if PROJECT_FILE not in files:
        raise QdpxImportError(
            "The archive has no project.qde, so it is not a REFI-QDA project (.qdpx)."
        )
    qde = files[PROJECT_FILE]
    if len(qde) > limits.max_project_xml_bytes:
        raise QdpxImportError("project.qde is larger than coeval accepts.")
    return ProjectReader(files).read(parse_xml(qde, PROJECT_FILE))


def read_project_xml(data: bytes, files: dict[str, bytes] | None = None) -> Project:
    """A Project from project.qde alone (with any source files it needs)."""
    return ProjectReader(files or {}).read(parse_xml(data, PROJECT_FILE))


def project_xml(project: Project) -> tuple[bytes, dict[str, bytes]]:
    """project.qde as bytes, and the plain-text files it refers to, by archive path."""
    writer = ProjectWriter()
    try:
        root = writer.write(project)
    except ValueError as error:
        if "XML compatible" in str(error):
            raise ValueError(
                "Cannot export: a name, description or note contains a control character that "
                "XML cannot hold. Remove it and export again."
            ) from None
        raise
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data, writer.texts


def write_qdpx(project: Project, target: str | os.PathLike[str] | BinaryIO | None = None) -> bytes:
    """Write the project as a .qdpx; returns the archive bytes (also written to ``target``)."""
    qde, texts = project_xml(project)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr(PROJECT_FILE, qde)
        for path, data in {**project.files, **texts}.items():
            check_member_name(path)
            zf.writestr(path, data)
    archive = buffer.getvalue()
    if isinstance(target, str | os.PathLike):
        with open(target, "wb") as handle:
            handle.write(archive)
    elif target is not None:
        target.write(archive)
    return archive
