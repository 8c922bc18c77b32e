"""The one entry point: bytes and a filename in, an ImportedDocument out, or a clear refusal."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import PurePath

import markdown as markdown_lib

from coeval.qualitative.documents.docx import read_docx
from coeval.qualitative.documents.encoding import decode_text
from coeval.qualitative.documents.errors import DocumentImportError
from coeval.qualitative.documents.html import declared_charset, html_to_text
from coeval.qualitative.documents.imported import ImportedDocument, SpeakerTurn
from coeval.qualitative.documents.odt import read_odt
from coeval.qualitative.documents.pdf import read_pdf
from coeval.qualitative.documents.speakers import detect_speaker_turns
from coeval.qualitative.documents.subtitles import captions_to_text

# A two-hour focus group is well under 1 MB of text; 20 MB leaves room for PDFs and
# embedded images in Word files while refusing accidental uploads of recordings.
MAX_IMPORT_BYTES = 20 * 1024 * 1024

_Reader = Callable[[bytes, str], tuple[str, dict[str, str], tuple[SpeakerTurn, ...] | None]]


def _text(data: bytes, filename: str):
    text, encoding = decode_text(data, filename)
    return text, {"encoding": encoding}, None


def _html(data: bytes, filename: str):
    charset = declared_charset(data)
    text = None
    if charset:
        try:
            text, encoding = data.decode(charset), charset
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, encoding = decode_text(data, filename)
    plain, title = html_to_text(text)
    metadata = {"encoding": encoding}
    if title:
        metadata["title"] = title
    return plain, metadata, None


def _markdown(data: bytes, filename: str):
    text, encoding = decode_text(data, filename)
    # nl2br keeps one-line-per-turn transcripts as separate lines instead of one paragraph.
    rendered = markdown_lib.markdown(text, extensions=["nl2br", "tables", "sane_lists"])
    plain, _ = html_to_text(rendered)
    return plain, {"encoding": encoding}, None


def _captions(kind: str):
    def read(data: bytes, filename: str):
        text, encoding = decode_text(data, filename)
        plain, turns = captions_to_text(_normalise_newlines(text), kind)
        return plain, {"encoding": encoding}, turns

    return read


def _office(reader):
    def read(data: bytes, filename: str):
        text, metadata = reader(data)
        return text, metadata, None

    return read


READERS: dict[str, tuple[str, _Reader]] = {
    ".txt": ("text", _text),
    ".text": ("text", _text),
    ".docx": ("docx", _office(read_docx)),
    ".odt": ("odt", _office(read_odt)),
    ".pdf": ("pdf", _office(read_pdf)),
    ".html": ("html", _html),
    ".htm": ("html", _html),
    ".md": ("markdown", _markdown),
    ".markdown": ("markdown", _markdown),
    ".vtt": ("vtt", _captions("VTT")),
    ".srt": ("srt", _captions("SRT")),
}
SUPPORTED_EXTENSIONS = tuple(READERS)
_LEGACY = {
    ".doc": "Old Word .doc files cannot be read; open it in Word and save it as .docx.",
    ".rtf": "RTF files cannot be read; save the transcript as .docx or .txt.",
    ".pages": "Apple Pages files cannot be read; export the transcript as .docx.",
}
# Control characters cannot be stored in REFI-QDA XML and are never part of speech.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _clean(text: str) -> str:
    text = _CONTROL.sub("", _normalise_newlines(text).replace("\ufeff", ""))
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def _check_signature(extension: str, data: bytes, filename: str) -> None:
    is_zip = data.startswith(b"PK\x03\x04")
    is_pdf = b"%PDF-" in data[:1024]
    if extension in (".docx", ".odt") and not is_zip and not data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentImportError(
            f"{filename} is named {extension} but is not one: its contents are not an office "
            "document. Check the file, or give it the right extension."
        )
    if extension == ".pdf" and not is_pdf:
        raise DocumentImportError(f"{filename} is named .pdf but does not contain a PDF.")
    # A text file may mention "%PDF-"; only a file that starts with it is a PDF in disguise.
    if extension not in (".docx", ".odt", ".pdf") and (is_zip or data.startswith(b"%PDF-")):
        actual = "a PDF" if is_pdf else "a zip package (perhaps .docx or .odt)"
        raise DocumentImportError(
            f"{filename} is named {extension} but contains {actual}. Rename it with the right "
            "extension and upload it again."
        )


def import_document(
    filename: str, data: bytes, *, max_bytes: int = MAX_IMPORT_BYTES
) -> ImportedDocument:
    """Read a transcript or document into plain text with its speaker turns and metadata.

    Raises DocumentImportError (a ValueError) with a message fit to show the uploader, and
    TypeError when called with the wrong types.
    """
    if not isinstance(filename, str):
        raise TypeError(f"filename must be a str, not {type(filename).__name__}")
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(
            f"data must be the file's bytes, not {type(data).__name__}"
            + (" (encode text, or pass the uploaded file's bytes)" if isinstance(data, str) else "")
        )
    data = bytes(data)
    name = PurePath(filename).name or "The file"
    extension = PurePath(filename).suffix.lower()
    if extension in _LEGACY:
        raise DocumentImportError(_LEGACY[extension])
    if extension not in READERS:
        raise DocumentImportError(
            f"{name} has an unsupported type ({extension or 'no extension'}). Supported: "
            + ", ".join(SUPPORTED_EXTENSIONS)
            + "."
        )
    if not data:
        raise DocumentImportError(f"{name} is empty (0 bytes).")
    if len(data) > max_bytes:
        raise DocumentImportError(
            f"{name} is {len(data) / 1024 / 1024:.1f} MB; the limit is "
            f"{max_bytes / 1024 / 1024:.0f} MB. Split the transcript into parts, or remove "
            "embedded images."
        )
    _check_signature(extension, data, name)
    kind, reader = READERS[extension]
    raw, metadata, turns = reader(data, name)
    text = raw if turns is not None else _clean(raw)
    if not text.strip():
        raise DocumentImportError(f"{name} contains no text.")
    if turns is None:
        turns = detect_speaker_turns(text)
    warnings = []
    if unicodedata.is_normalized("NFC", text) is False:
        # Kept as written: positions refer to this exact text. Search should normalise.
        warnings.append("The text mixes composed and decomposed accented characters.")
    metadata = {
        **metadata,
        "format": kind,
        "filename": name,
        "characters": str(len(text)),
        "words": str(len(text.split())),
        "speakers": str(len({turn.speaker for turn in turns})),
    }
    return ImportedDocument(text=text, turns=turns, metadata=metadata, warnings=tuple(warnings))
