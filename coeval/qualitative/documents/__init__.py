"""Importing transcripts and documents into plain text with speaker turns.

from coeval.qualitative.documents import import_document
document = import_document("focus-group-3.docx", uploaded_bytes)
document.text, document.turns, document.metadata
"""

from coeval.qualitative.documents.errors import DocumentImportError
from coeval.qualitative.documents.imported import ImportedDocument, SpeakerTurn
from coeval.qualitative.documents.importer import (
    MAX_IMPORT_BYTES,
    SUPPORTED_EXTENSIONS,
    import_document,
)
from coeval.qualitative.documents.speakers import detect_speaker_turns

__all__ = [
    "MAX_IMPORT_BYTES",
    "SUPPORTED_EXTENSIONS",
    "DocumentImportError",
    "ImportedDocument",
    "SpeakerTurn",
    "detect_speaker_turns",
    "import_document",
]
