"""Link glossary terms wherever they appear in prose, with an accessible tooltip.

``link_terms(text, programme_id)`` escapes the text, then wraps the first
occurrence of each approved term (or one of its other names) in a link to the
glossary entry and a tooltip holding the start of its definition.

Matching data is built once per programme and kept in memory. A version number
in Django's cache says when it must be rebuilt: approving or editing a term
bumps it (``forget``). The version expires after a minute, so another server
process with its own local-memory cache sees changes within a minute; with a
shared cache it sees them at once.
"""

import itertools
import re
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

VERSION_TIMEOUT_SECONDS = 60
_tooltip_ids = itertools.count(1)


@dataclass(frozen=True)
class _Entry:
    term_id: int
    href: str
    tip: str


@dataclass(frozen=True)
class _Linker:
    pattern: re.Pattern | None
    entries: dict  # lower-cased name -> _Entry


_built: dict[int, tuple[str, _Linker]] = {}


def _version_key(programme_id: int) -> str:
    return f"coeval:glossary-version:{programme_id}"


def forget(programme_id: int) -> None:
    """Call after any change to a programme's approved terms."""
    cache.set(_version_key(programme_id), uuid.uuid4().hex, VERSION_TIMEOUT_SECONDS)
    _built.pop(programme_id, None)


def tooltip_text(definition: str, limit: int = 220) -> str:
    """The first sentence of a definition, cut at a word if it is long."""
    text = " ".join(definition.split())
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0] + "…"


def _is_abbreviation(name: str) -> bool:
    # "HEAT" must not match "heat"; "IMD" must not match "imd" in a web address.
    letters = [c for c in name if c.isalpha()]
    return len(name) <= 8 and bool(letters) and all(c.isupper() for c in letters)


def _build(programme_id: int) -> _Linker:
    from coeval.web.glossary.models import Term, TermStatus

    base = reverse("glossary:programme", kwargs={"programme_id": programme_id})
    entries: dict[str, _Entry] = {}
    alternatives = []
    terms = Term.objects.filter(programme_id=programme_id, status=TermStatus.APPROVED)
    for term in terms.only("id", "term", "slug", "also_known_as", "definition"):
        entry = _Entry(term.pk, f"{base}#{term.anchor}", tooltip_text(term.definition))
        for name in term.names:
            key = name.lower()
            if len(key) < 2 or key in entries:
                continue
            entries[key] = entry
            alternatives.append(name)
    if not alternatives:
        return _Linker(None, {})
    alternatives.sort(key=len, reverse=True)  # longest first: "health equity" before "equity"
    parts = [f"(?-i:{re.escape(n)})" if _is_abbreviation(n) else re.escape(n) for n in alternatives]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)
    return _Linker(pattern, entries)


def linker_for(programme_id: int) -> _Linker:
    version = cache.get(_version_key(programme_id))
    if version is None:
        version = uuid.uuid4().hex
        cache.set(_version_key(programme_id), version, VERSION_TIMEOUT_SECONDS)
    built = _built.get(programme_id)
    if built is not None and built[0] == version:
        return built[1]
    linker = _build(programme_id)
    _built[programme_id] = (version, linker)
    return linker


def link_terms(text, programme_id: int | None, skip_term_id: int | None = None):
    if not text:
        return ""
    text = str(text)
    if programme_id is None:
        return escape(text)
    linker = linker_for(programme_id)
    if linker.pattern is None:
        return escape(text)
    out, position, linked = [], 0, {skip_term_id}
    for match in linker.pattern.finditer(text):
        entry = linker.entries.get(match.group(0).lower())
        if entry is None or entry.term_id in linked:
            continue
        linked.add(entry.term_id)
        tip_id = f"glossary-tip-{next(_tooltip_ids)}"
        out.append(escape(text[position : match.start()]))
        out.append(
            f'<span class="coeval-term" data-coeval-term>'
            f'<a class="coeval-term__link" href="{escape(entry.href)}" '
            f'aria-describedby="{tip_id}">{escape(match.group(0))}</a>'
            f'<span class="coeval-term__tip" role="tooltip" id="{tip_id}">'
            f"{escape(entry.tip)}</span></span>"
        )
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))
