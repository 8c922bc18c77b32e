"""Read-side queries for brief pages."""

import json
import re

from coeval.web.briefs import exporters, sources
from coeval.web.briefs.models import Brief, BriefFormat, BriefState
from coeval.web.briefs.readability import score

_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")


def team_briefs(team) -> list[Brief]:
    """The latest version of each brief series, newest first, with the released one."""
    briefs = list(Brief.objects.filter(team=team).order_by("series", "-version"))
    latest: dict = {}
    for brief in briefs:
        latest.setdefault(brief.series, brief)
    return sorted(latest.values(), key=lambda b: b.updated_at, reverse=True)


def versions(brief) -> list[Brief]:
    return list(Brief.objects.filter(series=brief.series).order_by("-version"))


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text or "")}


def unsourced_numbers(brief) -> list[str]:
    """Numbers typed into the brief's own text that no included output contains.

    Numbers in a brief must come from disclosure-controlled outputs; a typed number
    might be a small count copied from a private table, so the author and approver
    are shown each one to check.
    """
    typed = _numbers(" ".join([brief.title, brief.key_messages, brief.recommendations]))
    found: set[str] = set()
    for item in brief.items.all():
        found |= _numbers(json.dumps(item.content))
    return sorted(typed - found, key=lambda n: float(n))


def brief_page(brief) -> dict:
    all_versions = versions(brief)
    return {
        **exporters.context(brief),
        "versions": all_versions,
        "newer_draft": next(
            (v for v in all_versions if v.version > brief.version and not v.is_released), None
        ),
        "unsourced": unsourced_numbers(brief),
        "readability": score(brief.key_messages + "\n" + brief.recommendations)
        if brief.format == BriefFormat.PUBLIC
        else None,
    }


def evidence_choices(brief) -> dict:
    chosen = {(i.kind, i.source_id) for i in brief.items.all()}
    found = sources.available(brief.team)
    return {
        kind: [e for e in evidence if (kind, e.source_id) not in chosen]
        for kind, evidence in found.items()
    }


def waiting_for_approval(programme) -> list[Brief]:
    return list(
        Brief.objects.filter(team__cohort__programme=programme, state=BriefState.SUBMITTED)
        .select_related("team")
        .order_by("submitted_at")
    )


def released_briefs(team) -> list[Brief]:
    return list(Brief.objects.filter(team=team, state=BriefState.RELEASED).order_by("-released_at"))
