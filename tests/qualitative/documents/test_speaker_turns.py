"""Speaker turns are found in plain transcripts, whatever labelling convention they use."""

from coeval.qualitative.documents import detect_speaker_turns


def turns(text):
    return [
        (t.speaker, text[t.speech_start : t.end], t.start_time) for t in detect_speaker_turns(text)
    ]


def test_role_labels_start_turns_even_when_used_once():
    text = "Interviewer: Hello.\nP1: Hi there.\nParticipant 3: And me.\nFacilitator (Sarah): Good."
    assert turns(text) == [
        ("Interviewer", "Hello.", None),
        ("P1", "Hi there.", None),
        ("Participant 3", "And me.", None),
        ("Facilitator (Sarah)", "Good.", None),
    ]


def test_continuation_lines_belong_to_the_turn_above():
    text = "P1: First line.\nSecond line of the same answer.\n\nP2: Next."
    assert turns(text)[0] == ("P1", "First line.\nSecond line of the same answer.", None)


def test_a_personal_name_counts_as_a_label_once_it_labels_two_lines():
    text = "Sarah: Hello.\nJo: Hi.\nSarah: How are you?\nJo: Fine."
    assert [speaker for speaker, _, _ in turns(text)] == ["Sarah", "Jo", "Sarah", "Jo"]


def test_a_colon_in_ordinary_prose_does_not_start_a_turn():
    text = "Note: recorded in March.\nInterviewer: Hello.\nP1: The thing is: nobody called."
    assert turns(text) == [
        ("Interviewer", "Hello.", None),
        ("P1", "The thing is: nobody called.", None),
    ]


def test_timestamps_before_or_after_the_label_give_start_times():
    text = "[00:01:02] Sarah Jones: Yes.\nSarah Jones (1:02:03.5): Again.\n00:05 P2: Late."
    assert turns(text) == [
        ("Sarah Jones", "Yes.", 62.0),
        ("Sarah Jones", "Again.", 3723.5),
        ("P2", "Late.", 5.0),
    ]


def test_turn_starts_at_the_timestamp_so_the_whole_line_is_in_the_turn():
    text = "[00:01:02] Interviewer: Yes."
    (turn,) = detect_speaker_turns(text)
    assert (turn.start, turn.end) == (0, len(text))


def test_label_on_its_own_line_takes_the_following_lines_as_speech():
    text = "Interviewer:\nWhat happened next?\nP1:\nWe waited."
    assert turns(text) == [("Interviewer", "What happened next?", None), ("P1", "We waited.", None)]


def test_lowercase_sentences_ending_in_a_colon_are_not_labels():
    assert turns("and then she said: no\nand then she said: yes") == []
