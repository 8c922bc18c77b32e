from django import template

from coeval.web.glossary.linker import link_terms

register = template.Library()


@register.filter
def glossary_links(text, where):
    """{{ session.agenda|glossary_links:programme_id }}: escape, then link glossary terms.

    ``where`` is a programme id, anything with ``programme_id``, or a glossary
    term (whose own name is then not linked inside its definition).
    """
    from coeval.web.glossary.models import Term

    if isinstance(where, Term):
        return link_terms(text, where.programme_id, skip_term_id=where.pk)
    if isinstance(where, int):
        return link_terms(text, where)
    programme_id = getattr(where, "programme_id", None)
    if programme_id is None and where is not None and hasattr(where, "cohorts"):
        programme_id = where.pk  # a Programme
    return link_terms(text, programme_id)
