"""The shared language: a starting glossary, proposals, review, and linked terms."""

from django.urls import reverse

from coeval.web.core.models import AuditEvent
from coeval.web.glossary import actions
from coeval.web.glossary.linker import link_terms, tooltip_text
from coeval.web.glossary.models import Term, TermStatus
from tests.web.conftest import PERSONAS, assert_access

EVERYONE = set(PERSONAS) - {"anonymous"}
APPROVERS = {"programme_manager", "academic_facilitator"}


# --- Who may do what ---------------------------------------------------------


def test_the_glossary_index_is_for_everyone_signed_in(world, client_for):
    assert_access(client_for, reverse("glossary:index"), EVERYONE)


def test_the_programme_glossary_is_shared_with_the_whole_programme(world, client_for):
    assert_access(client_for, reverse("glossary:programme", args=[world.programme.pk]), EVERYONE)


def test_every_member_of_the_programme_may_propose_a_term(world, client_for):
    assert_access(client_for, reverse("glossary:propose", args=[world.programme.pk]), EVERYONE)


def test_only_facilitators_and_the_manager_review_terms(world, client_for):
    term = actions.propose_term(
        world.user("patient"), world.programme, "Waiting list", "How long people wait to be seen."
    )
    assert_access(client_for, reverse("glossary:review", args=[term.pk]), APPROVERS)


def test_a_person_in_no_programme_is_told_so(db, client):
    from tests import factories

    client.force_login(factories.make_user())
    response = client.get(reverse("glossary:index"))
    assert "You are not in a programme yet" in response.content.decode()


def test_a_person_in_one_programme_goes_straight_to_its_glossary(world, client_for):
    response = client_for("intern").get(reverse("glossary:index"))
    assert response["Location"] == reverse("glossary:programme", args=[world.programme.pk])


# --- The starting glossary ---------------------------------------------------


def test_a_new_programme_starts_with_at_least_forty_plain_language_terms(world):
    terms = Term.objects.filter(programme=world.programme, status=TermStatus.APPROVED)
    names = {t.term for t in terms}
    assert len(names) >= 40
    for needed in (
        "Health inequalities",
        "Equity",
        "Equality",
        "Proportionate universalism",
        "Core20PLUS5",
        "Index of Multiple Deprivation",
        "LSOA",
        "PROGRESS-Plus",
        "Slope index of inequality",
        "Relative index of inequality",
        "Confidence interval",
        "Logic model",
        "Theory of change",
        "Process evaluation",
        "Outcome evaluation",
        "Coproduction",
        "Public adviser",
        "Knowledge mobilisation",
        "HIAT",
        "HEAT",
        "PEST",
        "Deprivation quintile",
        "Disclosure control",
        "Indicator",
        "Denominator",
        "Qualitative",
        "Thematic analysis",
        "Inter-coder agreement",
        "Evidence brief",
        "Stakeholder",
        "Commissioner",
    ):
        assert needed in names, needed


def test_starting_definitions_are_short_and_plain(world):
    import re

    definitions = list(
        Term.objects.filter(programme=world.programme).values_list("definition", flat=True)
    )
    assert all(len(d) < 500 for d in definitions)
    sentences = [s for d in definitions for s in re.split(r"(?<=[.!?])\s+", d) if s]
    words = sum(len(s.split()) for s in sentences)
    # Plain English guidance: sentences of 15 to 20 words on average.
    assert words / len(sentences) <= 20


def test_seeding_twice_adds_nothing(world):
    assert actions.seed_programme_glossary(world.programme) == 0


# --- Proposing and reviewing -------------------------------------------------


def _propose(client, world, **changes):
    data = {
        "term": "Social prescribing",
        "also_known_as": "community referral",
        "definition": "When a GP or other worker connects someone to local, non-clinical support.",
        "note": "Our connectors service uses it.",
    }
    data.update(changes)
    return client.post(reverse("glossary:propose", args=[world.programme.pk]), data)


def test_a_member_proposes_a_term_and_it_waits_for_review(world, client_for):
    response = _propose(client_for("public_adviser"), world)
    assert response.status_code == 302
    term = Term.objects.get(term="Social prescribing")
    assert term.status == TermStatus.PROPOSED
    assert term.proposed_by == world.user("public_adviser")
    assert AuditEvent.objects.filter(action="created", target_id=str(term.pk)).exists()


def test_proposed_terms_are_not_public(world, client_for):
    _propose(client_for("public_adviser"), world)
    html = (
        client_for("other_team_member")
        .get(reverse("glossary:programme", args=[world.programme.pk]))
        .content.decode()
    )
    assert "Social prescribing" not in html


def test_the_proposer_sees_their_proposal_waiting(world, client_for):
    _propose(client_for("public_adviser"), world)
    html = (
        client_for("public_adviser")
        .get(reverse("glossary:programme", args=[world.programme.pk]))
        .content.decode()
    )
    assert "Your proposals" in html and "Waiting for review" in html


def test_a_term_already_in_the_glossary_cannot_be_proposed_again(world, client_for):
    response = _propose(client_for("patient"), world, term="logic model")
    html = response.content.decode()
    assert "“Logic model” is already in the glossary." in html
    assert 'href="#id_term"' in html
    assert "When a GP or other worker connects someone" in html  # typing kept


def test_a_too_short_meaning_is_refused(world, client_for):
    response = _propose(client_for("patient"), world, definition="A thing.")
    assert "at least 20 characters" in response.content.decode()


def test_facilitators_see_proposals_waiting_for_review(world, client_for):
    _propose(client_for("public_adviser"), world)
    html = (
        client_for("academic_facilitator")
        .get(reverse("glossary:programme", args=[world.programme.pk]))
        .content.decode()
    )
    assert "Waiting for your review" in html and "Review “Social prescribing”" in html


def test_a_facilitator_improves_the_wording_and_approves(world, client_for):
    _propose(client_for("public_adviser"), world)
    term = Term.objects.get(term="Social prescribing")
    response = client_for("academic_facilitator").post(
        reverse("glossary:review", args=[term.pk]),
        {
            "term": "Social prescribing",
            "also_known_as": "community referral",
            "definition": "Connecting people to local groups and services that support health.",
            "review_note": "",
            "decision": "approved",
        },
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.status == TermStatus.APPROVED
    assert term.reviewed_by == world.user("academic_facilitator")
    assert term.definition.startswith("Connecting people")
    event = AuditEvent.objects.get(action="approved", target_id=str(term.pk))
    assert event.changes["status"] == {"old": "proposed", "new": "approved"}


def test_a_facilitator_rejects_a_proposal_with_a_reason_the_proposer_sees(world, client_for):
    _propose(client_for("public_adviser"), world)
    term = Term.objects.get(term="Social prescribing")
    client_for("programme_manager").post(
        reverse("glossary:review", args=[term.pk]),
        {"decision": "rejected", "review_note": "Please add it to 'Community connectors'."},
    )
    term.refresh_from_db()
    assert term.status == TermStatus.REJECTED
    html = (
        client_for("public_adviser")
        .get(reverse("glossary:programme", args=[world.programme.pk]))
        .content.decode()
    )
    assert "Not accepted" in html and "Community connectors" in html


# --- Linking terms -----------------------------------------------------------


def test_the_first_occurrence_of_each_term_is_linked_with_a_tooltip(world):
    html = link_terms(
        "Our logic model shows health inequalities. The logic model is new.", world.programme.pk
    )
    assert html.count('class="coeval-term__link"') == 2
    assert html.count(">logic model</a>") == 1
    assert 'role="tooltip"' in html
    assert "#term-logic-model" in html
    assert "A simple picture of how a service is meant to work." in html


def test_linked_text_is_escaped(world):
    html = link_terms("<script>alert(1)</script> and a logic model & more", world.programme.pk)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "&amp; more" in html
    assert ">logic model</a>" in html


def test_other_names_are_linked_and_abbreviations_match_only_in_capitals(world):
    html = link_terms("We used IMD. The heat was awful, so HEAT helped.", world.programme.pk)
    assert ">IMD</a>" in html
    assert ">heat</a>" not in html
    assert ">HEAT</a>" in html


def test_the_longest_name_wins(world):
    html = link_terms("Equity-sensitive evaluation matters.", world.programme.pk)
    assert ">Equity-sensitive evaluation</a>" in html


def test_words_inside_other_words_are_not_linked(world):
    html = link_terms("Her postcode and the inequity.", world.programme.pk)
    assert "coeval-term" not in html


def test_a_term_is_not_linked_inside_its_own_definition(world, client_for):
    html = (
        client_for("intern")
        .get(reverse("glossary:programme", args=[world.programme.pk]))
        .content.decode()
    )
    start = html.index('id="term-logic-model"')
    entry = html[start : html.index("</dd>", start)]
    assert "#term-logic-model" not in entry


def test_only_approved_terms_are_linked_and_approval_updates_links_at_once(
    world, client_for, django_capture_on_commit_callbacks
):
    _propose(client_for("public_adviser"), world)
    assert "coeval-term" not in link_terms("Try social prescribing.", world.programme.pk)
    term = Term.objects.get(term="Social prescribing")
    with django_capture_on_commit_callbacks(execute=True):
        actions.review_term(
            world.user("academic_facilitator"),
            term,
            decision=TermStatus.APPROVED,
            wording={},
        )
    assert ">social prescribing</a>" in link_terms("Try social prescribing.", world.programme.pk)


def test_another_programmes_terms_are_not_linked(world):
    from tests import factories

    elsewhere = factories.make_programme("Elsewhere")
    Term.objects.filter(programme=elsewhere, term="Logic model").delete()
    assert "coeval-term" not in link_terms("a logic model", elsewhere.pk)


def test_tooltips_hold_the_first_sentence_of_the_definition():
    assert tooltip_text("First part. Second part.") == "First part."
    long = "word " * 100
    assert len(tooltip_text(long)) <= 221 and tooltip_text(long).endswith("…")


def test_the_glossary_page_costs_the_same_queries_however_many_terms(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("patient")
    url = reverse("glossary:programme", args=[world.programme.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(20):
        Term.objects.create(
            programme=world.programme,
            term=f"Extra term {n}",
            slug=f"extra-term-{n}",
            definition="A made-up term that mentions a logic model.",
            status=TermStatus.APPROVED,
        )
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)
