"""Real projects from NVivo and qc, and a project using everything, survive export and import."""

import io
import zipfile

from coeval.qualitative.refi import read_qdpx, write_qdpx
from tests.qualitative.refi.builders import HARD_TEXT, rich_project
from tests.qualitative.refi.structure import summary


def test_a_real_project_imports_exports_and_imports_again_to_an_equal_model(sample):
    first = read_qdpx(sample)
    assert read_qdpx(write_qdpx(first)) == first


def test_nothing_in_a_real_project_is_lost_on_export(sample):
    original = summary(sample)
    exported = summary(write_qdpx(read_qdpx(sample)))
    for part in original:
        assert exported[part] == original[part], part


def test_every_coding_of_the_qc_sample_keeps_its_exact_text_and_coder(refi_dir):
    data = (refi_dir / "qc_cproctor_demo.qdpx").read_bytes()
    project = read_qdpx(data)
    expected = summary(data)
    assert len(expected["codings"]) == 205
    seen = {}
    for source, selection, coding in project.iter_codings():
        seen[coding.guid] = (selection.guid, coding.code_guid, coding.creating_user)
        assert source.selection_text(selection) == expected["selections"][selection.guid][3]
    assert seen == expected["codings"]


def test_the_nvivo_sample_keeps_its_users_code_tree_and_rich_text_files(refi_dir):
    project = read_qdpx((refi_dir / "nvivo_project.qdpx").read_bytes())
    assert [(u.name, u.id) for u in project.users] == [("chrisp", "CP"), ("cp", "C")]
    assert sum(1 for _ in project.iter_codes()) == 262
    assert project.codes[0].name == "rq1_definition"
    assert any(path.endswith(".docx") for path in project.files)
    exported = zipfile.ZipFile(io.BytesIO(write_qdpx(project)))
    for path, data in project.files.items():
        assert exported.read(path) == data


def test_a_project_using_every_element_round_trips_to_an_equal_model():
    project = rich_project()
    again = read_qdpx(write_qdpx(project))
    assert again == project


def test_emoji_combining_marks_right_to_left_text_and_crlf_keep_their_positions():
    project = rich_project()
    again = read_qdpx(write_qdpx(project))
    source = again.text_sources()[0]
    assert source.plain_text == HARD_TEXT
    texts = [source.selection_text(s) for s in source.selections]
    assert texts[0].endswith("👍🏽")
    assert texts[1] == "\u0627\u0644\u0639\u064a\u0627\u062f\u0629 \u0628\u0639\u064a\u062f\u0629"
    assert texts[2] == "👨‍👩‍👧 family appointments are hard.\r\n"


def test_a_note_keeps_its_carriage_returns_when_written_inline():
    project = rich_project()
    note = read_qdpx(write_qdpx(project)).notes[0]
    assert note.plain_text == "Bus routes changed in 2023.\r\nCheck with P2 🚌"


def test_a_text_that_starts_with_a_zero_width_no_break_space_keeps_it():
    project = rich_project()
    source = project.text_sources()[0]
    source.plain_text = "\ufeff" + source.plain_text
    for selection in source.selections:
        selection.start += 1
        selection.end += 1
    assert read_qdpx(write_qdpx(project)) == project


def test_a_project_can_be_written_to_and_read_from_a_file_on_disk(tmp_path):
    path = tmp_path / "study.qdpx"
    project = rich_project()
    write_qdpx(project, path)
    with path.open("rb") as handle:
        assert read_qdpx(handle) == read_qdpx(path) == project
