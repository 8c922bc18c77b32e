"""Everything that changes the glossary: one function per change, in a
transaction, with an audit event. Linked-term caches are refreshed on commit."""

import tomllib
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from coeval.web.core import audit
from coeval.web.glossary import linker
from coeval.web.glossary.models import Term, TermStatus

TERMS_FILE = Path(__file__).parent / "data" / "terms.toml"


def starting_terms() -> list[dict]:
    with TERMS_FILE.open("rb") as handle:
        return tomllib.load(handle)["term"]


def _unique_slug(programme_id, name, exclude_id=None) -> str:
    base = slugify(name)[:120] or "term"
    slug, n = base, 2
    taken = Term.objects.filter(programme_id=programme_id)
    if exclude_id:
        taken = taken.exclude(pk=exclude_id)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _refresh_links_on_commit(programme_id):
    transaction.on_commit(lambda: linker.forget(programme_id))


@transaction.atomic
def seed_programme_glossary(programme) -> int:
    """Give a programme the starting glossary (skipping terms it already has)."""
    have = {
        t.lower() for t in Term.objects.filter(programme=programme).values_list("term", flat=True)
    }
    new = [
        Term(
            programme=programme,
            term=entry["term"],
            slug=slugify(entry["term"])[:120],
            also_known_as=entry.get("also_known_as", ""),
            definition=" ".join(entry["definition"].split()),
            status=TermStatus.APPROVED,
        )
        for entry in starting_terms()
        if entry["term"].lower() not in have
    ]
    Term.objects.bulk_create(new)
    if new:
        audit.record(
            None,
            "seeded glossary",
            programme,
            summary=f"Added the programme's {len(new)} starting glossary terms",
        )
    _refresh_links_on_commit(programme.pk)
    return len(new)


@transaction.atomic
def propose_term(actor, programme, term, definition, also_known_as="", note="") -> Term:
    proposal = Term.objects.create(
        programme=programme,
        term=term,
        slug=_unique_slug(programme.pk, term),
        also_known_as=also_known_as,
        definition=definition,
        proposal_note=note,
        status=TermStatus.PROPOSED,
        proposed_by=actor,
    )
    audit.record_created(actor, proposal, summary=f"Proposed the glossary term “{term}”")
    return proposal


_REVIEW_FIELDS = ("term", "slug", "also_known_as", "definition", "status", "review_note")


@transaction.atomic
def review_term(actor, term, *, decision, wording: dict, note="") -> Term:
    """Approve (possibly reworded), reword an approved term, or reject a proposal.

    ``decision`` is a TermStatus value; ``wording`` holds term, also_known_as and definition.
    """
    before = audit.snapshot(term, fields=_REVIEW_FIELDS)
    for key in ("term", "also_known_as", "definition"):
        if key in wording:
            setattr(term, key, wording[key])
    if term.term != before["term"]:
        term.slug = _unique_slug(term.programme_id, term.term, exclude_id=term.pk)
    term.status = decision
    term.review_note = note
    term.reviewed_by = actor
    term.reviewed_at = timezone.now()
    term.save()
    verb = {
        TermStatus.APPROVED: "approved",
        TermStatus.REJECTED: "rejected",
        TermStatus.PROPOSED: "updated",
    }[TermStatus(decision)]
    audit.record(
        actor,
        verb,
        term,
        changes=audit.diff(before, audit.snapshot(term, fields=_REVIEW_FIELDS)),
        summary=f"Glossary term “{term.term}” {verb}",
    )
    _refresh_links_on_commit(term.programme_id)
    return term
