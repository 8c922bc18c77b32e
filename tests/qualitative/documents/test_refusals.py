"""Bad input is refused with a message that says what is wrong and what to do."""

import io
import zipfile

import pytest

from coeval.qualitative.documents import DocumentImportError, import_document
from tests.qualitative.documents import builders


def test_text_instead_of_bytes_is_a_type_error_that_says_so():
    with pytest.raises(TypeError, match="bytes, not str"):
        import_document("t.txt", "Interviewer: hi")  # type: ignore[arg-type]


def test_empty_file_is_refused():
    with pytest.raises(DocumentImportError, match="empty"):
        import_document("t.txt", b"")


def test_whitespace_only_file_has_no_text():
    with pytest.raises(DocumentImportError, match="no text"):
        import_document("t.txt", b" \n\n\t")


def test_oversized_file_is_refused_with_the_limit():
    with pytest.raises(DocumentImportError, match=r"2\.0 MB; the limit is 1 MB"):
        import_document("t.txt", b"a" * (2 * 1024 * 1024), max_bytes=1024 * 1024)


def test_unsupported_extension_lists_the_supported_ones():
    with pytest.raises(DocumentImportError, match=r"unsupported type \(\.xyz\).*\.docx"):
        import_document("t.xyz", b"data")


def test_old_word_files_get_advice_to_save_as_docx():
    with pytest.raises(DocumentImportError, match="save it as .docx"):
        import_document("t.doc", b"\xd0\xcf\x11\xe0")


def test_bytes_that_fit_no_encoding_are_refused_with_advice():
    # 0x81 is undefined in Windows-1252 and invalid as a UTF-8 start byte.
    with pytest.raises(DocumentImportError, match="save it as UTF-8"):
        import_document("t.txt", b"Interviewer: caf\x81\x81")


def test_binary_data_in_a_text_file_is_refused():
    with pytest.raises(DocumentImportError, match="binary data"):
        import_document("t.txt", b"\xff\x00\x9a\x00\x01\xfe\x00")


def test_a_pdf_renamed_to_txt_is_recognised():
    with pytest.raises(DocumentImportError, match="contains a PDF"):
        import_document("t.txt", builders.pdf_bytes("<p>x</p>"))


def test_a_text_file_renamed_to_docx_is_refused():
    with pytest.raises(DocumentImportError, match="named .docx but is not one"):
        import_document("t.docx", b"Interviewer: hi")


def test_a_password_protected_word_file_is_recognised():
    with pytest.raises(DocumentImportError, match="password-protected"):
        import_document("t.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)


def test_a_zip_without_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("hello.txt", "hi")
    with pytest.raises(DocumentImportError, match="not a Word document"):
        import_document("t.docx", buffer.getvalue())


def test_a_docx_whose_body_would_inflate_enormously_is_refused_as_a_zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"<a>" + b" " * 5_000_000 + b"</a>")
    with pytest.raises(DocumentImportError, match="zip bomb"):
        import_document("t.docx", buffer.getvalue())


def test_xml_entity_expansion_in_a_docx_is_not_expanded():
    body = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p><w:p><w:r><w:t>ok</w:t></w:r></w:p>"
        b"</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", body)
    document = import_document("t.docx", buffer.getvalue())
    assert "aaaa" not in document.text
    assert document.text.endswith("ok")


def test_malformed_xml_in_a_docx_is_reported_as_damage():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", b"<w:document><unclosed>")
    with pytest.raises(DocumentImportError, match="damaged"):
        import_document("t.docx", buffer.getvalue())


def test_encrypted_pdf_asks_for_a_copy_without_password():
    data = builders.encrypted_pdf_bytes("<p>Secret transcript</p>", "s3cret")
    with pytest.raises(DocumentImportError, match="password-protected"):
        import_document("t.pdf", data)


def test_pdf_encrypted_with_an_empty_password_still_opens():
    data = builders.encrypted_pdf_bytes("<p>Open transcript</p>", "")
    assert import_document("t.pdf", data).text == "Open transcript"


def test_image_only_pdf_is_explained_as_a_scan_that_needs_ocr():
    with pytest.raises(DocumentImportError, match="no text layer.*OCR"):
        import_document("scan.pdf", builders.image_only_pdf_bytes())


def test_damaged_pdf_is_refused():
    with pytest.raises(DocumentImportError, match="damaged or not a PDF"):
        import_document("t.pdf", b"%PDF-1.7\n garbage")


def test_password_protected_odt_is_recognised():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(
            "META-INF/manifest.xml",
            b"<manifest><file-entry><encryption-data/></file-entry></manifest>",
        )
        package.writestr("content.xml", b"\x00\x01garbled")
    with pytest.raises(DocumentImportError, match="password-protected"):
        import_document("t.odt", buffer.getvalue())
