"""Hostile or broken files are refused with a plain reason, and nothing is changed."""

import copy
import io
import zipfile

import pytest

from coeval.qualitative.refi import (
    ImportLimits,
    QdpxImportError,
    adopt_codebook,
    read_qdc,
    read_qdpx,
    write_qdpx,
)
from tests.qualitative.refi.builders import rich_project

MINIMAL_QDE = b'<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>'


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buffer.getvalue()


def _refused(data: bytes, match: str, limits: ImportLimits | None = None) -> None:
    with pytest.raises(QdpxImportError, match=match):
        read_qdpx(data, limits)


def test_import_error_is_a_value_error_so_callers_can_treat_it_as_bad_input():
    assert issubclass(QdpxImportError, ValueError)


def test_billion_laughs_entity_expansion_is_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "ha">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b'<Project xmlns="urn:QDA-XML:project:1.0" name="&c;"/>'
    )
    _refused(_zip({"project.qde": bomb}), "DOCTYPE or entities")


def test_an_external_entity_that_would_read_a_server_file_is_refused():
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<Project xmlns="urn:QDA-XML:project:1.0" name="&x;"/>'
    )
    _refused(_zip({"project.qde": xxe}), "DOCTYPE or entities")


def test_a_doctype_hidden_in_utf16_is_still_refused():
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE p []>' + MINIMAL_QDE.decode()
    _refused(_zip({"project.qde": xml.encode("utf-16")}), "DOCTYPE")


@pytest.mark.parametrize(
    "name, match",
    [
        ("../evil.txt", "escapes the project folder"),
        ("sources/../../evil.txt", "escapes the project folder"),
        ("/etc/cron.d/evil", "absolute path"),
        ("C:/Windows/evil.dll", "absolute path"),
        ("sources\\..\\evil.txt", "unsafe name"),
    ],
)
def test_a_zip_path_escaping_the_folder_is_refused(name, match):
    _refused(_zip({"project.qde": MINIMAL_QDE, name: b"x"}), match)


def test_a_source_path_escaping_the_sources_folder_is_refused():
    qde = (
        b'<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources>'
        b'<TextSource guid="12345678-1234-4234-8234-123456789012" '
        b'plainTextPath="internal://../../etc/passwd"/></Sources></Project>'
    )
    _refused(_zip({"project.qde": qde}), "escapes the project folder")


def test_a_highly_compressed_zip_bomb_is_refused_before_unpacking():
    _refused(_zip({"project.qde": MINIMAL_QDE, "sources/a.txt": b"\0" * (5 * 2**20)}), "zip bomb")


def test_a_member_whose_declared_size_lies_is_refused_while_reading():
    honest = _zip({"project.qde": MINIMAL_QDE, "sources/a.txt": b"a" * 1000}, zipfile.ZIP_STORED)
    # Shrink the declared size in both headers; the data itself is unchanged.
    lying = honest.replace((1000).to_bytes(4, "little"), (10).to_bytes(4, "little"))
    with pytest.raises(QdpxImportError, match="declared size|damaged"):
        read_qdpx(lying)


def test_an_oversized_archive_is_refused():
    data = _zip({"project.qde": MINIMAL_QDE})
    _refused(data, "more than", ImportLimits(max_archive_bytes=len(data) - 1))


def test_an_oversized_member_is_refused():
    data = _zip({"project.qde": MINIMAL_QDE, "sources/a.txt": b"abc" * 100})
    _refused(data, "for one file", ImportLimits(max_member_bytes=200))


def test_an_archive_with_too_many_files_is_refused():
    members = {f"sources/{i}.txt": b"" for i in range(20)} | {"project.qde": MINIMAL_QDE}
    _refused(_zip(members), "20 files|21 files", ImportLimits(max_entries=10))


def test_malformed_xml_is_refused_with_the_parser_reason():
    _refused(_zip({"project.qde": b"<Project name='x'><Users></Project>"}), "not well-formed")


def test_a_file_that_is_not_a_zip_is_refused():
    _refused(b"PK but not really a zip", "not a zip archive")


def test_an_archive_without_project_qde_is_refused():
    _refused(_zip({"sources/a.txt": b"hello"}), "no project.qde")


def test_a_document_in_another_namespace_is_refused():
    _refused(_zip({"project.qde": b'<Project name="x"/>'}), "not a REFI-QDA project")


def test_a_source_referenced_but_absent_is_refused():
    qde = (
        b'<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources>'
        b'<TextSource guid="12345678-1234-4234-8234-123456789012" name="Interview 3" '
        b'plainTextPath="internal://12345678-1234-4234-8234-123456789012.txt"/>'
        b"</Sources></Project>"
    )
    _refused(_zip({"project.qde": qde}), "Interview 3.*archive has no sources/12345678")


def test_a_selection_beyond_the_end_of_its_text_is_refused():
    qde = (
        b'<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources>'
        b'<TextSource guid="12345678-1234-4234-8234-123456789012" name="T">'
        b"<PlainTextContent>short</PlainTextContent>"
        b'<PlainTextSelection guid="12345678-1234-4234-8234-123456789013" startPosition="2" '
        b'endPosition="99"/></TextSource></Sources></Project>'
    )
    _refused(_zip({"project.qde": qde}), "text has 5 characters")


def test_a_missing_required_attribute_is_named():
    qde = b'<Project xmlns="urn:QDA-XML:project:1.0"/>'
    _refused(_zip({"project.qde": qde}), "Project has no name attribute")


def test_plain_text_that_is_not_utf8_is_refused():
    project = rich_project()
    data = bytearray(write_qdpx(project))
    qde = zipfile.ZipFile(io.BytesIO(bytes(data))).read("project.qde")
    path = f"sources/{project.text_sources()[0].guid}.txt"
    _refused(_zip({"project.qde": qde, path: b"\xff\xfe bad"}), "not UTF-8")


def test_a_failed_codebook_import_leaves_the_project_unchanged():
    project = rich_project()
    before = copy.deepcopy(project)
    with pytest.raises(QdpxImportError):
        adopt_codebook(project, read_qdc(b"<CodeBook><Codes></CodeBook>"))
    assert project == before


def test_a_codebook_reusing_existing_ids_is_refused_without_partial_changes():
    from coeval.qualitative.refi import codebook_of

    project = rich_project()
    before = copy.deepcopy(project)
    with pytest.raises(QdpxImportError, match="nothing was imported"):
        adopt_codebook(project, codebook_of(rich_project()))
    assert project == before
