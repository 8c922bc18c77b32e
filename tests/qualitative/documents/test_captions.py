"""VTT and SRT captions keep speakers and times, joined into turns."""

import pytest

from coeval.qualitative.documents import DocumentImportError, import_document

VTT = """WEBVTT

NOTE exported from the meeting recorder

1
00:00:01.000 --> 00:00:04.000
<v Sarah Jones>Welcome &amp; thanks</v>

2
00:00:04.000 --> 00:00:06.500
<v Sarah Jones>for coming.</v>

3
00:01:04.250 --> 00:01:09.000 align:start
<v.loud P1>It was <b>really</b> hard.
"""

SRT = """1
00:00:01,000 --> 00:00:02,000
Interviewer: How was it?

2
00:00:02,500 --> 00:00:03,000
>> Sam: Fine.

3
00:00:03,000 --> 00:00:04,000
<i>Mostly</i> fine.
"""


def test_vtt_voice_tags_become_speakers_with_times_and_consecutive_cues_join():
    document = import_document("call.vtt", VTT.encode())
    assert document.text == "Sarah Jones: Welcome & thanks for coming.\n\nP1: It was really hard."
    first, second = document.turns
    assert (first.speaker, first.start_time, first.end_time) == ("Sarah Jones", 1.0, 6.5)
    assert (second.speaker, second.start_time, second.end_time) == ("P1", 64.25, 69.0)
    assert document.turn_text(second) == "It was really hard."


def test_srt_name_prefixes_are_speakers_and_unlabelled_cues_continue_the_turn():
    document = import_document("call.srt", SRT.encode("utf-8-sig"))
    assert document.text == "Interviewer: How was it?\n\nSam: Fine. Mostly fine."
    assert [(t.speaker, t.start_time, t.end_time) for t in document.turns] == [
        ("Interviewer", 1.0, 2.0),
        ("Sam", 2.5, 4.0),
    ]


def test_turn_spans_point_at_their_own_paragraph():
    document = import_document("call.vtt", VTT.encode())
    for turn in document.turns:
        assert document.text[turn.start : turn.end].startswith(turn.speaker + ": ")


def test_vtt_without_header_is_refused():
    with pytest.raises(DocumentImportError, match="WEBVTT"):
        import_document("call.vtt", SRT.encode())


def test_caption_file_without_timings_is_refused():
    with pytest.raises(DocumentImportError, match="No timed captions"):
        import_document("call.srt", b"just some words\n")
