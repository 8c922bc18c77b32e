"""Names are proposed for review, replaced consistently, and selections can follow the text."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coeval.qualitative.pseudonymise import (
    Decision,
    Detect,
    Kind,
    Proposal,
    PseudonymRegister,
    apply,
    nhs_number_is_valid,
    propose,
)

TRANSCRIPT = (
    "Interviewer: Tell me about the clinic.\n"
    "Sarah Jones: Dr Patel was kind. Sarah said my mum waited in May.\n"
    "Sarah Jones: Will it help? Patel again."
)


def originals(proposals):
    return [(p.original, p.kind, p.replacement) for p in proposals]


def test_speaker_labels_titles_and_known_first_names_are_proposed_with_consistent_pseudonyms():
    proposals = propose(TRANSCRIPT, PseudonymRegister())
    assert originals(proposals) == [
        ("Sarah Jones", Kind.NAME, "Participant A"),
        ("Patel", Kind.NAME, "Participant B"),
        ("Sarah", Kind.NAME, "Participant A"),
        ("Sarah Jones", Kind.NAME, "Participant A"),
        ("Patel", Kind.NAME, "Participant B"),
    ]
    assert all(p.decision is Decision.PENDING for p in proposals)


def test_role_labels_months_and_ordinary_capitalised_words_are_not_names():
    found = {p.original for p in propose(TRANSCRIPT, PseudonymRegister())}
    assert not found & {"Interviewer", "May", "Will", "Tell"}


def test_ambiguous_first_names_count_only_with_a_surname():
    proposals = propose(
        "Jack Smith came. We jack up the car. Grace before meals.", PseudonymRegister()
    )
    assert [p.original for p in proposals] == ["Jack Smith"]


def test_names_the_team_supplies_are_found_whatever_their_case():
    proposals = propose("we met zebedee and ZEBEDEE's dog", PseudonymRegister(), names=["Zebedee"])
    assert [p.original for p in proposals] == ["zebedee", "ZEBEDEE"]
    assert {p.replacement for p in proposals} == {"Participant A"}


def test_places_contact_details_and_valid_nhs_numbers_are_proposed():
    text = (
        "I live in Harehills, LS9 7TF. Ring 0113 496 0000 or +44 7700 900123, "
        "email a.b@example.org. NHS number 943 476 5919, not 943 476 5918."
    )
    proposals = propose(text, PseudonymRegister(), places=["Harehills"])
    assert [(p.original, p.kind) for p in proposals] == [
        ("Harehills", Kind.PLACE),
        ("LS9 7TF", Kind.POSTCODE),
        ("0113 496 0000", Kind.PHONE),
        ("+44 7700 900123", Kind.PHONE),
        ("a.b@example.org", Kind.EMAIL),
        ("943 476 5919", Kind.NHS_NUMBER),
    ]


def test_detection_of_each_kind_can_be_switched_off():
    text = "Sarah rang 0113 496 0000."
    proposals = propose(text, PseudonymRegister(), detect=Detect(names=False, phones=False))
    assert proposals == []


def test_nhs_number_check_digit_worked_by_hand():
    # 9434765919: 9*10 + 4*9 + 3*8 + 4*7 + 7*6 + 6*5 + 5*4 + 9*3 + 1*2 = 299;
    # 299 mod 11 = 2; 11 - 2 = 9, the last digit.
    assert nhs_number_is_valid("943 476 5919")
    assert not nhs_number_is_valid("943 476 5918")


def test_the_same_name_gets_the_same_pseudonym_in_every_document_of_a_project():
    register = PseudonymRegister()
    first = propose("Sarah Jones: hello\nSarah Jones: again", register)
    second = propose("Mrs Jones came later. Then Dr Okafor.", register)
    assert first[0].replacement == "Participant A"
    assert [(p.original, p.replacement) for p in second] == [
        ("Jones", "Participant A"),
        ("Okafor", "Participant B"),
    ]
    restored = PseudonymRegister.from_dict(register.to_dict())
    assert propose("Dr Okafor", restored)[0].replacement == "Participant B"


def test_apply_refuses_until_every_proposal_is_reviewed():
    proposals = propose(TRANSCRIPT, PseudonymRegister())
    with pytest.raises(ValueError, match="5 proposal\\(s\\) still need a decision"):
        apply(TRANSCRIPT, proposals)


def test_accepted_rejected_and_edited_proposals_produce_the_reviewed_text():
    text = "Dr Patel saw Sarah. Sarah was fine."
    patel, sarah, sarah_again = propose(text, PseudonymRegister())
    result = apply(text, [patel.edit("the consultant"), sarah.accept(), sarah_again.reject()])
    assert result.text == "Dr the consultant saw Participant B. Sarah was fine."
    assert result.original is None
    assert [p.original for p in result.applied] == ["Patel", "Sarah"]


def test_the_original_is_kept_only_when_asked():
    text = "Sarah came."
    (sarah,) = propose(text, PseudonymRegister())
    assert apply(text, [sarah.accept()], keep_original=True).original == text
    assert apply(text, [sarah.accept()]).original is None


def test_edits_are_remembered_for_later_documents():
    register = PseudonymRegister()
    (sarah,) = propose("Sarah came.", register)
    apply("Sarah came.", [sarah.edit("Mother 1")], register=register)
    assert propose("Then Sarah left.", register)[0].replacement == "Mother 1"


def test_apply_refuses_proposals_for_a_text_that_has_changed():
    (sarah,) = propose("Sarah came.", PseudonymRegister())
    with pytest.raises(ValueError, match="text has changed"):
        apply("Simon came.", [sarah.accept()])


def test_blank_edits_are_refused():
    (sarah,) = propose("Sarah came.", PseudonymRegister())
    with pytest.raises(ValueError, match="cannot be blank"):
        sarah.edit("  ")


def test_offset_map_moves_selections_onto_the_new_text():
    text = "Sarah said the bus from Harehills was late."
    proposals = [p.accept() for p in propose(text, PseudonymRegister(), places=["Harehills"])]
    result = apply(text, proposals)
    assert result.text == "Participant A said the bus from Place A was late."
    start = text.index("the bus")
    new_start, new_end = result.offsets.span(start, start + len("the bus"))
    assert result.text[new_start:new_end] == "the bus"
    # A selection ending inside a name is widened to the whole pseudonym.
    new_start, new_end = result.offsets.span(0, 3)
    assert result.text[new_start:new_end] == "Participant A"
    assert result.offsets.span(len(text), len(text)) == (len(result.text), len(result.text))


@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(1, 6), st.text("xyz", max_size=9)), max_size=6
    ),
    st.integers(0, 60),
    st.integers(0, 60),
)
def test_text_outside_replacements_is_found_again_through_the_offset_map(edits, a, b):
    text = "abcdefghij" * 6
    proposals, cursor = [], 0
    for start, length, replacement in sorted(edits):
        start = max(start, cursor)
        end = min(start + length, len(text))
        if start >= end or not replacement:
            continue
        proposals.append(
            Proposal(start, end, text[start:end], Kind.NAME, replacement, "test").accept()
        )
        cursor = end
    result = apply(text, proposals)
    start, end = sorted((a, b))
    new_start, new_end = result.offsets.span(start, end)
    if all(end <= p.start or start >= p.end for p in proposals):
        assert result.text[new_start:new_end] == text[start:end]
    assert 0 <= new_start <= new_end <= len(result.text)
