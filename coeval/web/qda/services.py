"""Read-side queries for the qualitative workspace, kept out of views so query counts stay flat."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from coeval.qualitative import agreement as pure_agreement
from coeval.qualitative import candidates as pure_candidates
from coeval.web.qda import models as m
from coeval.web.qda.convert import typed_value

DEFAULT_COLOR = "#005eb8"


# --- Codes ---------------------------------------------------------------------------


@dataclass
class CodeRow:
    code: m.Code
    depth: int
    codings: int = 0
    children: list = field(default_factory=list)


def code_tree(project, with_counts: bool = True) -> list[CodeRow]:
    """Every code in display order (parents before their sub-codes), with its depth."""
    codes = list(project.codes.all())
    counts = {}
    if with_counts:
        counts = dict(
            m.Coding.objects.filter(code__project=project)
            .values_list("code_id")
            .annotate(n=Count("id"))
            .values_list("code_id", "n")
        )
    rows = {c.pk: CodeRow(c, 0, counts.get(c.pk, 0)) for c in codes}
    top = []
    for code in codes:
        if code.parent_id in rows:
            rows[code.parent_id].children.append(rows[code.pk])
        else:
            top.append(rows[code.pk])
    ordered: list[CodeRow] = []
    stack = [(row, 0) for row in reversed(top)]
    while stack:
        row, depth = stack.pop()
        row.depth = depth
        ordered.append(row)
        stack.extend((child, depth + 1) for child in reversed(row.children))
    return ordered


def code_choices(project, codable_only: bool = True) -> list[tuple[int, str]]:
    return [
        (row.code.pk, "\u2014 " * row.depth + row.code.name)
        for row in code_tree(project, with_counts=False)
        if row.code.is_codable or not codable_only
    ]


# --- Workspace -----------------------------------------------------------------------


def projects_for_team(team):
    return team.qda_projects.annotate(n_documents=Count("documents", distinct=True))


def workspace(project) -> dict:
    documents = project.documents.annotate(n_selections=Count("selections")).defer(
        "plain_text", "original_text"
    )
    current = project.phase_steps.order_by("-entered_at", "-id").first()
    return {
        "documents": documents,
        "pending": project.pending.only("pk", "name", "uploaded_at"),
        "codes": code_tree(project),
        "n_cases": project.cases.count(),
        "themes": project.themes.all(),
        "n_codings": m.Coding.objects.filter(code__project=project).count(),
        "coders": project.coders.annotate(n=Count("codings")).filter(n__gt=0),
        "current_phase": m.Phase(current.phase).label if current else None,
    }


# --- A transcript with its codings ---------------------------------------------------


def _mark_style(colors: list[str]) -> str:
    color = colors[0] if colors else DEFAULT_COLOR
    return f"border-bottom-color:{escape(color)}"


def render_text(document, selections) -> str:
    """The transcript as HTML spans, each carrying the code-point position where it starts.

    The browser turns a mouse or keyboard selection into code points from these positions
    (coding.js), so the server never sees UTF-16 offsets.
    """
    text = document.plain_text
    cuts = {0, len(text)}
    labels = []
    for _speaker, start, _end, speech_start in document.turns:
        if speech_start > start:
            labels.append((start, speech_start))
            cuts.update((start, speech_start))
    for selection in selections:
        cuts.update((selection.start, selection.end))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    starts: dict[int, list] = defaultdict(list)
    for selection in selections:
        starts[selection.start].append(selection)
    # Code names and colours per selection, worked out once rather than per stretch of text.
    names_of = {s.pk: {c.code.name for c in s.codings.all()} for s in selections}
    colors_of = {s.pk: [c.code.color for c in s.codings.all() if c.code.color] for s in selections}
    label_starts = dict(labels)
    open_selections: list = []
    in_label_until = -1
    parts = []
    for a, b in zip(bounds[:-1], bounds[1:]):
        open_selections = [s for s in open_selections if s.end > a] + starts.get(a, [])
        if a in label_starts:
            in_label_until = label_starts[a]
        piece = escape(text[a:b])
        if a < in_label_until:
            piece = f"<strong>{piece}</strong>"
        if open_selections:
            names = sorted(set().union(*(names_of[s.pk] for s in open_selections)))
            colors = [c for s in open_selections for c in colors_of[s.pk]]
            layered = " qda-coded--layered" if len(names) > 1 else ""
            parts.append(
                f'<mark class="qda-coded{layered}" data-s="{a}" style="{_mark_style(colors)}" '
                f'title="{escape(", ".join(names))}">{piece}</mark>'
            )
        else:
            parts.append(f'<span data-s="{a}">{piece}</span>')
    return mark_safe("".join(parts))


def _url_pattern(name: str):
    # Reverse once and fill in ids by hand: a transcript can hold hundreds of codings.
    template = reverse(name, args=[999999999])
    return lambda pk: template.replace("999999999", str(pk))


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def document_page(document, user) -> dict:
    selections = list(
        document.selections.prefetch_related("codings__code", "codings__coder", "codings__memos")
    )
    text = document.plain_text
    code_url = _url_pattern("qda:code")
    memo_url = _url_pattern("qda:coding_memo")
    remove_url = _url_pattern("qda:remove_coding")
    rows = []
    for selection in selections:
        excerpt = text[selection.start : selection.end]
        for coding in selection.codings.all():
            rows.append(
                {
                    "pk": coding.pk,
                    "code": coding.code.name,
                    "color": coding.code.color or DEFAULT_COLOR,
                    "coder": coding.coder.name,
                    "excerpt": _short(excerpt, 160),
                    "label": _short(excerpt, 40),
                    "start": selection.start,
                    "end": selection.end,
                    "memos": [memo.text for memo in coding.memos.all()],
                    "code_url": code_url(coding.code_id),
                    "memo_url": memo_url(coding.pk),
                    "remove_url": remove_url(coding.pk),
                }
            )
    return {
        "text_html": render_text(document, selections),
        "codings": rows,
        "code_choices": code_choices(document.project),
        "memos": document.memos.select_related("author"),
        "characters": len(text),
        "words": len(text.split()),
    }


def code_page(code) -> dict:
    codings = list(
        code.codings.select_related("selection", "coder").order_by(
            "selection__document__name", "selection__start", "id"
        )
    )
    # Each transcript's text once, however many of its passages carry the code.
    documents = {
        d.pk: d
        for d in m.Document.objects.filter(pk__in={c.selection.document_id for c in codings}).only(
            "pk", "name", "plain_text"
        )
    }
    extracts = []
    for coding in codings:
        selection = coding.selection
        document = documents[selection.document_id]
        extracts.append(
            {
                "coding": coding,
                "selection": selection,
                "document": document,
                "excerpt": document.plain_text[selection.start : selection.end],
            }
        )
    return {
        "extracts": extracts,
        "memos": code.memos.select_related("author"),
        "tree": code_tree(code.project, with_counts=False),
    }


# --- Search --------------------------------------------------------------------------


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def search(project, query: str, limit: int = 200) -> list[dict]:
    """Every place a word or phrase appears, across the project's transcripts.

    Matching ignores case and accent composition; positions are in the stored text.
    """
    query = query.strip()
    if not query:
        return []
    needle = re.compile(re.escape(_fold(query)))
    hits = []
    for document in project.documents.only("pk", "name", "plain_text"):
        text = document.plain_text
        folded = _fold(text)
        # Case folding can change lengths (ß -> ss); only use positions when it did not.
        if len(folded) != len(text):
            folded = text.lower()
        for match in needle.finditer(folded):
            start, end = match.start(), match.end()
            hits.append(
                {
                    "document": document,
                    "start": start,
                    "end": end,
                    "before": text[max(0, start - 60) : start],
                    "match": text[start:end],
                    "after": text[end : end + 60],
                }
            )
            if len(hits) >= limit:
                return hits
    return hits


# --- Cases and the equity comparison -------------------------------------------------


def cases_page(project) -> dict:
    variables = list(project.variables.all())
    cases = list(project.cases.prefetch_related("values", "documents"))
    rows = []
    for case in cases:
        by_variable = {v.variable_id: v.value for v in case.values.all()}
        rows.append({"case": case, "values": [by_variable.get(v.pk, "") for v in variables]})
    return {"variables": variables, "rows": rows}


def comparison(project, variable, code=None) -> dict:
    """Code frequencies (codings and distinct cases) by a case attribute, and extracts.

    A coding takes the attribute of the cases linked to its transcript; codings in transcripts
    with no such case are shown under "Not recorded" so nothing silently drops out.
    """
    values = dict(m.CaseValue.objects.filter(variable=variable).values_list("case_id", "value"))
    groups_of_document: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for case_id, document_id in m.Case.documents.through.objects.filter(
        case__project=project
    ).values_list("case_id", "document_id"):
        groups_of_document[document_id].append((case_id, values.get(case_id, "")))
    codings = Counter()
    cases: dict[tuple[str, int], set[int]] = defaultdict(set)
    extracts: dict[str, list] = defaultdict(list)
    rows = m.Coding.objects.filter(code__project=project).values_list(
        "code_id", "selection__document_id", "selection_id"
    )
    wanted_selections = set()
    for code_id, document_id, selection_id in rows:
        memberships = groups_of_document.get(document_id) or [(None, "")]
        for group in {value for _, value in memberships}:
            codings[(group, code_id)] += 1
            for case_id, value in memberships:
                if value == group and case_id is not None:
                    cases[(group, code_id)].add(case_id)
            if code is not None and code_id == code.pk:
                extracts[group].append(selection_id)
                wanted_selections.add(selection_id)
    group_values = sorted({g for g, _ in codings}, key=lambda g: _group_order(variable, g))
    tree = code_tree(project, with_counts=False)
    table = [
        {
            "row": row,
            "cells": [
                {"codings": codings.get((g, row.code.pk), 0), "cases": len(cases[(g, row.code.pk)])}
                for g in group_values
            ],
        }
        for row in tree
    ]
    selections = {
        s.pk: s
        for s in m.Selection.objects.filter(pk__in=wanted_selections).select_related("document")
    }
    grouped_extracts = [
        {
            "group": g or "Not recorded",
            "extracts": [
                {
                    "document": selections[pk].document,
                    "text": selections[pk].document.plain_text[
                        selections[pk].start : selections[pk].end
                    ],
                }
                for pk in dict.fromkeys(extracts.get(g, []))
            ],
        }
        for g in group_values
        if code is not None
    ]
    return {
        "groups": [g or "Not recorded" for g in group_values],
        "table": table,
        "grouped_extracts": grouped_extracts,
    }


def _group_order(variable, group: str):
    # Numbers in numeric order (IMD quintile 1 before 2 before 10), then text, "Not recorded" last.
    value = typed_value(variable.type, group) if group else None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, value, group)
    return (1 if group else 2, 0, group)


# --- Agreement -----------------------------------------------------------------------


def _segments(document) -> list[tuple[int, int]]:
    """Speaker turns (their spoken words), else paragraphs: the units of segment agreement."""
    spans = [(speech, end) for _s, _start, end, speech in document.turns if end > speech]
    if spans:
        return spans
    spans = []
    for match in re.finditer(r"[^\n]+", document.plain_text):
        if match.group().strip():
            spans.append((match.start(), match.end()))
    return spans


def agreement_inputs(project):
    rows = list(
        m.Coding.objects.filter(code__project=project).values_list(
            "coder_id", "code_id", "selection__document_id", "selection__start", "selection__end"
        )
    )
    coders_by_document: dict[int, set[int]] = defaultdict(set)
    for coder, _code, document, _s, _e in rows:
        coders_by_document[document].add(coder)
    shared = {d for d, coders in coders_by_document.items() if len(coders) >= 2}
    documents = {d.pk: d for d in project.documents.filter(pk__in=shared)}
    codings = [
        pure_agreement.Coding(str(coder), str(code), str(document), start, end)
        for coder, code, document, start, end in rows
        if document in shared
    ]
    coded = {str(d): {str(c) for c in coders_by_document[d]} for d in shared}
    return codings, documents, coded


def agreement_page(project, level: str, bootstrap: int = 200) -> dict:
    codings, documents, coded = agreement_inputs(project)
    coder_names = {str(c.pk): c.name for c in project.coders.all()}
    code_names = {str(c.pk): c.name for c in project.codes.all()}
    if len({c.coder for c in codings}) < 2:
        return {"ready": False, "coder_names": coder_names}
    segments = None
    if level == pure_agreement.Level.SEGMENT:
        segments = [
            pure_agreement.Segment(str(d.pk), a, b)
            for d in documents.values()
            for a, b in _segments(d)
        ]
    report = pure_agreement.measure_agreement(
        codings,
        documents={str(pk): len(d.plain_text) for pk, d in documents.items()},
        level=level,
        segments=segments,
        coded=coded,
        bootstrap=bootstrap,
    )
    rows = [
        {"name": code_names.get(key, key), "result": result}
        for key, result in sorted(
            report.per_code.items(), key=lambda item: code_names.get(item[0], "").lower()
        )
    ]
    return {
        "ready": True,
        "report": report,
        "rows": rows,
        "coders": [coder_names.get(c, c) for c in report.coders],
        "documents": list(documents.values()),
        "unit": "characters" if level == pure_agreement.Level.CHARACTER else "segments",
    }


def disagreements(project, code=None, limit: int = 100) -> list[dict]:
    codings, documents, _ = agreement_inputs(project)
    # Everyone who coded a shared transcript, including those who never used this code.
    coders = sorted({c.coder for c in codings})
    if code is not None:
        codings = [c for c in codings if c.code == str(code.pk)]
    coder_names = {str(c.pk): c.name for c in project.coders.all()}
    code_names = {str(c.pk): c.name for c in project.codes.all()}
    found = pure_agreement.list_disagreements(
        codings, {str(pk): d.plain_text for pk, d in documents.items()}, coders=coders
    )
    return [
        {
            "document": documents[int(d.document)],
            "code": code_names.get(d.code, d.code),
            "text": d.text,
            "start": d.start,
            "end": d.end,
            "applied_by": [coder_names.get(c, c) for c in d.applied_by],
            "not_applied_by": [coder_names.get(c, c) for c in d.not_applied_by],
        }
        for d in found[:limit]
    ]


# --- Themes, map and candidates ------------------------------------------------------


def themes_page(project) -> dict:
    themes = list(project.themes.prefetch_related("codes", "extracts__document"))
    for theme in themes:
        theme.extract_rows = [
            {"selection": s, "text": s.document.plain_text[s.start : s.end]}
            for s in theme.extracts.all()
        ]
    steps = list(project.phase_steps.all())
    current = steps[-1].phase if steps else None
    return {
        "themes": themes,
        "map": thematic_map(themes),
        "journal": project.journal.all(),
        "phases": [
            {"value": value, "label": label, "current": value == current}
            for value, label in m.Phase.choices
        ],
        "phase_log": steps,
        "current_phase": m.Phase(current).label if current else None,
    }


def thematic_map(themes) -> dict:
    """Positions for the thematic map: each theme above the codes that make it up."""
    column, row_height = 230, 56
    nodes, edges = [], []
    tallest = 1
    for index, theme in enumerate(themes):
        x = 10 + index * column
        nodes.append({"x": x, "y": 10, "label": theme.name[:28], "kind": "theme"})
        codes = list(theme.codes.all())
        tallest = max(tallest, len(codes) + 1)
        for row, code in enumerate(codes, start=1):
            y = 10 + row * row_height + 20
            nodes.append({"x": x + 20, "y": y, "label": code.name[:26], "kind": "code"})
            edges.append({"x1": x + 30, "y1": 50, "x2": x + 30, "y2": y})
    return {
        "width": max(1, len(themes)) * column + 20,
        "height": tallest * row_height + 60,
        "nodes": nodes,
        "edges": edges,
    }


def candidate_model_name() -> str:
    if pure_candidates.packaged_model_available():
        return pure_candidates.PACKAGED_MODEL_NAME
    return pure_candidates.TFIDF_MODEL_NAME


def candidate_groupings(project, max_extracts: int = 2000) -> dict:
    """Candidate groupings of the coded extracts: proposals only, never applied."""
    selections = list(
        m.Selection.objects.filter(document__project=project, codings__isnull=False)
        .distinct()
        .select_related("document")
        .prefetch_related("codings__code")[:max_extracts]
    )
    by_guid = {s.guid: s for s in selections}
    extracts = [
        pure_candidates.Extract(
            id=s.guid,
            text=s.document.plain_text[s.start : s.end],
            code=next((c.code.name for c in s.codings.all()), None),
        )
        for s in selections
    ]
    groupings = pure_candidates.propose_groupings(extracts)
    return {
        "model": groupings.model,
        "groups": [
            {
                "number": group.number,
                "label": group.suggested_label,
                "codes": group.codes,
                "guids": ",".join(group.extract_ids),
                "extracts": [
                    {
                        "document": by_guid[g].document,
                        "text": by_guid[g].document.plain_text[by_guid[g].start : by_guid[g].end],
                    }
                    for g in group.extract_ids
                ],
            }
            for group in groupings.groups
        ],
        "n_extracts": len(extracts),
    }


def review_preview(pending) -> str:
    """The uploaded text with each proposed replacement marked and numbered."""
    text = pending.text
    parts, cursor = [], 0
    for number, proposal in enumerate(pending.proposals, start=1):
        parts.append(escape(text[cursor : proposal["start"]]))
        parts.append(
            f'<mark class="qda-proposal" id="proposal-{number}">'
            f"{escape(proposal['original'])}<sup>{number}</sup></mark>"
        )
        cursor = proposal["end"]
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts))
