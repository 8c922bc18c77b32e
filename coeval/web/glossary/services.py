"""Read-side queries for the glossary."""

from itertools import groupby

from django.db.models import Q

from coeval.web.glossary.models import Term, TermStatus


def programmes_with_glossary(user):
    from coeval.web.core.authorization import programmes_for
    from coeval.web.programmes.models import Programme

    return list(Programme.objects.filter(pk__in=programmes_for(user)))


def approved_terms(programme, query=""):
    terms = Term.objects.filter(programme=programme, status=TermStatus.APPROVED)
    if query:
        terms = terms.filter(
            Q(term__icontains=query)
            | Q(also_known_as__icontains=query)
            | Q(definition__icontains=query)
        )
    return sorted(terms, key=lambda t: t.term.lower())


def terms_by_letter(programme, query=""):
    """[(letter, [terms])], A to Z, for the glossary page."""
    terms = approved_terms(programme, query)
    return [
        (letter, list(group)) for letter, group in groupby(terms, key=lambda t: t.term[:1].upper())
    ]


def waiting_for_review(programme):
    return list(
        Term.objects.filter(programme=programme, status=TermStatus.PROPOSED)
        .select_related("proposed_by")
        .order_by("created_at")
    )


def proposals_by(user, programme):
    return list(
        Term.objects.filter(programme=programme, proposed_by=user)
        .exclude(status=TermStatus.APPROVED)
        .order_by("-created_at")
    )
