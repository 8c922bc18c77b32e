"""The plan as a versioned JSON document, and reading one back.

Version 1 (``"format": "coeval.evaluation-plan", "version": 1``):

    {"format": ..., "version": 1, "exported_at": ISO time,
     "plan": {"title", "state", "team", "service"},
     "sections": [{"key", "title", "state", "revision", "content": {...}}],
     "indicators": [{"name", "outcome", "spec": AnalysisSpec JSON}]}

Only ``plan.title`` and each section's ``key`` and ``content`` are read on import; the
rest is there for people and other tools. docs/workbook.md describes each field.
"""

from django.utils import timezone

from coeval.web.workbook import content as content_rules
from coeval.web.workbook import sections as spec

FORMAT = "coeval.evaluation-plan"
VERSION = 1


class ImportProblem(ValueError):
    """Why a file cannot be imported, in words the person can act on."""


def plan_document(plan) -> dict:
    sections = sorted(plan.sections.all(), key=lambda s: s.number)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "plan": {
            "title": plan.title,
            "state": plan.state,
            "team": plan.team.name,
            "service": plan.team.service_name,
        },
        "sections": [
            {
                "key": s.key,
                "title": s.spec.title,
                "state": s.state,
                "revision": s.revision,
                "content": s.content,
            }
            for s in sections
        ],
        "indicators": [
            {"name": i.name, "outcome": i.outcome, "spec": i.spec} for i in plan.indicators.all()
        ],
    }


def _shape_ok(value, template) -> bool:
    if isinstance(template, list):
        return isinstance(value, list)
    return isinstance(value, str)


def read_document(document) -> dict[str, dict]:
    """Section key → content, after checking the document; raises ImportProblem."""
    if not isinstance(document, dict):
        raise ImportProblem("The file does not hold a coeval evaluation plan.")
    if document.get("format") != FORMAT:
        raise ImportProblem("The file is not a coeval evaluation plan export.")
    if document.get("version") != VERSION:
        raise ImportProblem(
            f"The file is version {document.get('version')!r}; coeval reads version {VERSION}."
        )
    raw_sections = document.get("sections")
    if not isinstance(raw_sections, list):
        raise ImportProblem("The file has no list of sections.")
    out: dict[str, dict] = {}
    for n, raw in enumerate(raw_sections, start=1):
        if not isinstance(raw, dict) or raw.get("key") not in spec.SECTIONS_BY_KEY:
            raise ImportProblem(f"Section {n} in the file is not one of the workbook's sections.")
        section = spec.get(raw["key"])
        given = raw.get("content")
        if not isinstance(given, dict):
            raise ImportProblem(f"“{section.title}” in the file has no content.")
        template = content_rules.empty_content(section)
        content = {}
        for key, empty in template.items():
            value = given.get(key, empty)
            if not _shape_ok(value, empty):
                raise ImportProblem(
                    f"“{section.title}”: the answer for {key!r} has the wrong shape."
                )
            content[key] = value
        for f in section.fields:
            if isinstance(f, spec.Table):
                for row in content[f.key]:
                    if not isinstance(row, dict):
                        raise ImportProblem(
                            f"“{section.title}”: a row of {f.label!r} is not a row."
                        )
                    # People in another programme's directory are not in this one.
                    row.pop("person", None)
        problems = content_rules.validate(section, content, previous=content)
        if problems:
            raise ImportProblem(f"“{section.title}”: {problems.items[0][1]}")
        out[section.key] = content
    return out
