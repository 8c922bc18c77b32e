"""Every export validates against the REFI-QDA schemas."""

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coeval.qualitative.model import Project
from coeval.qualitative.refi import codebook_of, project_xml, read_qdpx, write_qdc, write_qdpx
from tests.qualitative.refi.builders import rich_project


def _qde(archive: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(archive)).read("project.qde")


def test_the_export_of_each_real_sample_is_schema_valid(sample, project_schema):
    project_schema.validate(io.BytesIO(_qde(write_qdpx(read_qdpx(sample)))))


def test_the_export_of_a_project_using_every_element_is_schema_valid(project_schema):
    project_schema.validate(io.BytesIO(_qde(write_qdpx(rich_project()))))


def test_an_empty_project_exports_a_schema_valid_file(project_schema):
    project_schema.validate(io.BytesIO(project_xml(Project(name="New"))[0]))


def test_a_codebook_export_is_schema_valid(codebook_schema, sample):
    codebook_schema.validate(io.BytesIO(write_qdc(codebook_of(read_qdpx(sample)))))
    codebook_schema.validate(io.BytesIO(write_qdc(codebook_of(rich_project()))))


def test_the_schema_check_itself_rejects_a_broken_project(project_schema):
    broken = project_xml(rich_project())[0].replace(b'isCodable="true"', b'isCodable="maybe"')
    assert not project_schema.is_valid(io.BytesIO(broken))


@settings(max_examples=40, deadline=None)
@given(
    text=st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60),
    data=st.data(),
)
def test_any_text_and_any_selection_round_trip_exactly(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    project = Project(name="Generated")
    code = project.add_code("Code")
    source = project.add_text_source("Transcript", text)
    project.code_text(source.guid, start, end, code.guid)
    again = read_qdpx(write_qdpx(project))
    assert again == project
    assert again.text_sources()[0].plain_text[start:end] == text[start:end]


@pytest.mark.parametrize("bad", ["\x00", "\x0b"])
def test_a_control_character_in_a_code_name_is_refused_with_a_clear_message(bad):
    project = Project(name="P")
    project.add_code(f"Bad{bad}name")
    with pytest.raises(ValueError, match="control character"):
        write_qdpx(project)


def test_an_id_that_is_not_a_guid_is_refused_before_export_naming_its_element():
    project = Project(name="P")
    project.add_code("Transport", guid="c-transport")
    with pytest.raises(ValueError, match="Code 'Transport' has guid='c-transport'"):
        write_qdpx(project)


def test_a_colour_the_schema_would_reject_is_refused_before_export():
    project = Project(name="P")
    project.add_code("Transport", color="red")
    with pytest.raises(ValueError, match="colour 'red'.*#RRGGBB"):
        write_qdpx(project)
