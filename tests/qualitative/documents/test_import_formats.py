"""Each supported format imports to the same plain text, turns and metadata."""

import codecs

import pytest

from coeval.qualitative.documents import ImportedDocument, import_document
from tests.qualitative.documents import builders

TRANSCRIPT = ["Interviewer: How did you find the clinic?", "P1: Welcoming, but the wait was long."]
EXPECTED = "Interviewer: How did you find the clinic?\nP1: Welcoming, but the wait was long."


def speakers_and_speech(document: ImportedDocument) -> list[tuple[str, str]]:
    return [(turn.speaker, document.turn_text(turn)) for turn in document.turns]


EXPECTED_TURNS = [
    ("Interviewer", "How did you find the clinic?"),
    ("P1", "Welcoming, but the wait was long."),
]


@pytest.mark.parametrize(
    ("filename", "make"),
    [
        ("interview.txt", lambda: "\n".join(TRANSCRIPT).encode()),
        ("interview.docx", lambda: builders.docx_bytes(TRANSCRIPT)),
        ("interview.odt", lambda: builders.odt_bytes(TRANSCRIPT)),
        ("interview.md", lambda: "\n".join(TRANSCRIPT).encode()),
        ("interview.html", lambda: ("<p>" + "</p><p>".join(TRANSCRIPT) + "</p>").encode()),
        ("interview.pdf", lambda: builders.pdf_bytes("<p>" + "</p><p>".join(TRANSCRIPT))),
    ],
)
def test_every_text_format_gives_the_same_text_and_turns(filename, make):
    document = import_document(filename, make())
    assert document.text.replace("\n\n", "\n") == EXPECTED
    assert speakers_and_speech(document) == EXPECTED_TURNS


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16", b""),  # Python writes a BOM for plain "utf-16"
        ("utf-16-le", b""),
        ("cp1252", b""),
    ],
)
def test_text_files_are_decoded_in_the_encoding_they_were_saved_in(encoding, prefix):
    text = "Facilitator: Café visits – the “drop-in” – cost £5."
    document = import_document("notes.txt", prefix + text.encode(encoding))
    assert document.text == text
    assert document.metadata["encoding"].replace("-sig", "").startswith(encoding[:6])


def test_positions_count_unicode_characters_including_emoji_and_right_to_left_text():
    text = "P1: الحمد لله 😀 fine\nP2: ok"
    document = import_document("t.txt", text.encode())
    first, second = document.turns
    assert document.text[second.speech_start :] == "ok"
    assert document.turn_text(first) == "الحمد لله 😀 fine"


def test_windows_line_endings_become_newlines():
    document = import_document("t.txt", b"Interviewer: one\r\nP1: two\r\n")
    assert document.text == "Interviewer: one\nP1: two"


def test_docx_tables_become_tab_separated_lines_and_title_is_kept():
    data = builders.docx_bytes(
        ["Intro"], title="Focus group 3", table=[["Name", "Role"], ["A", "B"]]
    )
    document = import_document("fg.docx", data)
    assert document.text == "Intro\nName\tRole\nA\tB"
    assert document.metadata["title"] == "Focus group 3"
    assert document.metadata["format"] == "docx"


def test_odt_compressed_spaces_tabs_and_line_breaks_are_restored():
    document = import_document("t.odt", builders.odt_with_spaces_tabs_and_breaks())
    assert document.text == "A   B\tC\nD"


def test_odt_tables_and_title_are_read():
    data = builders.odt_bytes(["Intro"], title="Workshop", table=[["x", "y"]])
    document = import_document("w.odt", data)
    assert document.text == "Intro\nx\ty"
    assert document.metadata["title"] == "Workshop"


def test_pdf_pages_and_title_are_recorded():
    document = import_document("r.pdf", builders.pdf_bytes("<title>Report</title><p>Hello</p>"))
    assert document.text == "Hello"
    assert document.metadata["pages"] == "1"
    assert document.metadata["title"] == "Report"


def test_html_scripts_styles_and_head_are_dropped_and_entities_decoded():
    page = (
        b"<html><head><title>Notes</title><style>p {color: red}</style>"
        b"<script>alert('x')</script></head><body><p>Tea &amp; biscuits</p>"
        b"<script>document.write('hidden')</script><noscript>off</noscript>"
        b"<ul><li>one</li><li>two</li></ul></body></html>"
    )
    document = import_document("n.html", page)
    assert document.text == "Tea & biscuits\n\none\ntwo"
    assert document.metadata["title"] == "Notes"


def test_html_declared_charset_is_honoured():
    page = '<meta charset="iso-8859-1"><p>Señora</p>'.encode("iso-8859-1")
    assert import_document("p.htm", page).text == "Señora"


def test_markdown_formatting_is_removed_and_lines_stay_separate():
    source = b"# Focus group\n\n**Interviewer:** Hello *all*\nP1: Hi\n\n<script>x()</script>"
    document = import_document("fg.md", source)
    assert document.text == "Focus group\n\nInterviewer: Hello all\nP1: Hi"
    assert [t.speaker for t in document.turns] == ["Interviewer", "P1"]


def test_metadata_counts_words_characters_and_speakers():
    document = import_document("t.txt", b"Interviewer: one two\nP1: three")
    assert document.metadata["words"] == "5"
    assert document.metadata["characters"] == str(len(document.text))
    assert document.metadata["speakers"] == "2"
    assert document.speakers == ("Interviewer", "P1")
