"""Checks for uploaded files (session materials and library resources).

The extension is checked against a short list, and the first bytes must agree
with it, so a renamed program or web page is refused. Files are stored under
MEDIA_ROOT, which is never served directly: only permission-checked views
hand them out, always as downloads.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0",)  # older Word, Excel and PowerPoint files


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    signatures: tuple[bytes, ...] | None  # None: plain text, checked by decoding


FILE_TYPES = {
    "pdf": FileType("PDF", "application/pdf", (b"%PDF",)),
    "docx": FileType(
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ZIP,
    ),
    "doc": FileType("Word", "application/msword", _OLE),
    "xlsx": FileType(
        "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP
    ),
    "pptx": FileType(
        "PowerPoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ZIP,
    ),
    "odt": FileType("OpenDocument text", "application/vnd.oasis.opendocument.text", _ZIP),
    "ods": FileType(
        "OpenDocument spreadsheet", "application/vnd.oasis.opendocument.spreadsheet", _ZIP
    ),
    "odp": FileType(
        "OpenDocument presentation", "application/vnd.oasis.opendocument.presentation", _ZIP
    ),
    "csv": FileType("CSV", "text/csv", None),
    "txt": FileType("Text", "text/plain", None),
    "png": FileType("PNG image", "image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": FileType("JPEG image", "image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": FileType("JPEG image", "image/jpeg", (b"\xff\xd8\xff",)),
}

ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for ext in FILE_TYPES)
ALLOWED_LIST = "PDF, Word, Excel, PowerPoint, OpenDocument, CSV, text, PNG or JPEG"


def max_upload_bytes() -> int:
    return settings.COEVAL_MAX_MATERIAL_UPLOAD_BYTES


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_upload(upload) -> FileType:
    """Return the file's type, or raise ValidationError with a message for the form."""
    limit = max_upload_bytes()
    if upload.size > limit:
        raise ValidationError(
            f"The file must be smaller than {filesizeformat(limit)}. "
            f"This one is {filesizeformat(upload.size)}.",
            code="too_big",
        )
    if upload.size == 0:
        raise ValidationError("The file is empty. Choose another file.", code="empty")
    file_type = FILE_TYPES.get(extension_of(upload.name))
    if file_type is None:
        raise ValidationError(
            f"The file must be a {ALLOWED_LIST} file.",
            code="wrong_type",
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if file_type.signatures is None:
        try:
            text_ok = b"\x00" not in head and head.decode("utf-8", errors="strict") is not None
        except UnicodeDecodeError:
            # A multi-byte character may be cut at 2048 bytes; allow a cut at the very end.
            text_ok = _decodes_but_for_the_tail(head)
        ok = text_ok
    else:
        ok = any(head.startswith(sig) for sig in file_type.signatures)
    if not ok:
        raise ValidationError(
            f"The file's contents do not match its name (.{extension_of(upload.name)}). "
            "Save it again in that format and try again.",
            code="mismatch",
        )
    return file_type


def _decodes_but_for_the_tail(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for cut in (1, 2, 3):
        try:
            head[:-cut].decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False
