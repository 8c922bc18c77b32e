"""PDF text layers. A scanned PDF has pictures of text and no text layer; we say so, rather
than importing an empty document that coders would puzzle over."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PdfStreamError

from coeval.qualitative.documents.errors import DocumentImportError

# Characters of text per page below which a PDF is treated as scanned images.
_MIN_CHARACTERS_PER_PAGE = 3


def read_pdf(data: bytes) -> tuple[str, dict[str, str]]:
    # pypdf logs warnings about harmless oddities in real-world PDFs; they are not ours to show.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many PDFs are "encrypted" with an empty password only to restrict printing.
            try:
                opened = bool(reader.decrypt(""))
            except (NotImplementedError, DependencyError, PdfReadError):
                opened = False
            if not opened:
                raise DocumentImportError(
                    "This PDF is password-protected. Save a copy without a password (or export "
                    "the transcript as .docx or .txt) and upload that."
                )
        pages = [page.extract_text() or "" for page in reader.pages]
        info: dict = dict(reader.metadata or {})
    except DocumentImportError:
        raise
    except FileNotDecryptedError:
        raise DocumentImportError(
            "This PDF is password-protected and could not be opened."
        ) from None
    except (PdfReadError, PdfStreamError, ValueError, KeyError) as error:
        raise DocumentImportError(f"This PDF is damaged or not a PDF ({error}).") from None
    text = "\n\n".join(page.strip("\n") for page in pages)
    if len(text.strip()) < _MIN_CHARACTERS_PER_PAGE * max(len(pages), 1):
        raise DocumentImportError(
            f"This PDF has {len(pages)} page(s) but no text layer: it is probably scanned "
            "images. Run it through OCR (text recognition) or upload the original transcript."
        )
    metadata = {"pages": str(len(pages))}
    for key, name in (("/Title", "title"), ("/Author", "author"), ("/CreationDate", "created")):
        value = info.get(key)
        if value and str(value).strip():
            metadata[name] = str(value).strip()
    return text, metadata
