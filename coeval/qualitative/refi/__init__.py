"""REFI-QDA exchange: .qdpx projects and .qdc codebooks, safe against hostile files."""

from coeval.qualitative.refi.codebook import (
    Codebook,
    adopt_codebook,
    codebook_of,
    read_qdc,
    write_qdc,
)
from coeval.qualitative.refi.errors import QdpxImportError
from coeval.qualitative.refi.limits import ImportLimits
from coeval.qualitative.refi.qdpx import project_xml, read_project_xml, read_qdpx, write_qdpx

__all__ = [
    "Codebook",
    "ImportLimits",
    "QdpxImportError",
    "adopt_codebook",
    "codebook_of",
    "project_xml",
    "read_project_xml",
    "read_qdc",
    "read_qdpx",
    "write_qdc",
    "write_qdpx",
]
