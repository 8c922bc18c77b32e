"""Turn the bytes of a text file into a string without guessing silently.

Transcripts reach teams from Word on Windows (cp1252), from transcription services (UTF-8,
sometimes with a BOM) and from older NHS systems (UTF-16). We try the encodings that can be
recognised with certainty first, and fall back to cp1252 only when the bytes fit it.
"""

from __future__ import annotations

import codecs

from coeval.qualitative.documents.errors import DocumentImportError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_like_utf16_without_bom(data: bytes) -> str | None:
    # English text in UTF-16 has a zero byte in every other position.
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_zeros = sample[0::2].count(0) / (len(sample) / 2)
    odd_zeros = sample[1::2].count(0) / (len(sample) / 2)
    if odd_zeros > 0.3 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.3 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


def decode_text(data: bytes, filename: str = "the file") -> tuple[str, str]:
    """The decoded text and the name of the encoding used."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise DocumentImportError(
                    f"{filename} starts with a {encoding.upper()} byte-order mark but is not "
                    f"valid {encoding.upper()} (byte {error.start}). Re-save it as UTF-8."
                ) from None
    utf16 = _looks_like_utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise DocumentImportError(
            f"Could not read the text of {filename}: it is not UTF-8, UTF-16 or Windows-1252 "
            f"(the first undecodable byte is at position {utf8_error.start}). "
            "Open it in a text editor and save it as UTF-8."
        ) from None
    if "\x00" in text:
        raise DocumentImportError(
            f"{filename} contains binary data, not text. Upload the transcript as .txt, .docx, "
            ".odt, .pdf, .html, .md, .vtt or .srt."
        )
    return text, "cp1252"
