"""Demo seed for the glossary. The starting terms arrive with the programme
(see apps.py); here members add their own, one approved and one waiting."""

from coeval.web.glossary import actions
from coeval.web.glossary.models import TermStatus


def seed(demo) -> None:
    programme = demo.objects.get("programme")
    people = demo.objects.get("people", {})
    if programme is None:
        return
    actions.seed_programme_glossary(programme)  # no-op if the programme already has it
    facilitator = people.get("facilitator") or people.get("manager")
    connector = actions.propose_term(
        people.get("cc_public_adviser"),
        programme,
        "Community connector",
        "A worker who helps people find local groups, activities and support, so they "
        "can stay well and independent.",
        also_known_as="community connectors",
        note="It is the name of our service.",
    )
    actions.review_term(facilitator, connector, decision=TermStatus.APPROVED, wording={})
    actions.propose_term(
        people.get("bp_public_adviser"),
        programme,
        "Social prescribing",
        "When a GP or other worker connects someone to local, non-clinical support, "
        "such as a walking group or debt advice.",
        note="Mentioned at workshop 3.",
    )
