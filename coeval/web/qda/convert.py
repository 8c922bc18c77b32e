"""The boundary between the stored workspace and the pure qualitative model.

REFI-QDA exchange, agreement and candidate groupings all work on coeval.qualitative values;
this module is the one place that turns rows into those values and back.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.utils import timezone

from coeval.qualitative import model as pure
from coeval.qualitative import themes as pure_themes
from coeval.web.qda import models as m
from coeval.web.qda import preserved

_VARIABLE_TYPES = {
    m.Variable.Type.TEXT: pure.VariableType.TEXT,
    m.Variable.Type.INTEGER: pure.VariableType.INTEGER,
    m.Variable.Type.FLOAT: pure.VariableType.FLOAT,
    m.Variable.Type.BOOLEAN: pure.VariableType.BOOLEAN,
    m.Variable.Type.DATE: pure.VariableType.DATE,
}


def typed_value(variable_type: str, text: str):
    """A stored attribute value read as its variable's type; None when blank or unreadable."""
    if text == "":
        return None
    try:
        if variable_type == m.Variable.Type.INTEGER:
            return int(text)
        if variable_type == m.Variable.Type.FLOAT:
            return float(text)
        if variable_type == m.Variable.Type.BOOLEAN:
            return text.lower() in ("true", "yes", "1")
        if variable_type == m.Variable.Type.DATE:
            return datetime.date.fromisoformat(text)
    except ValueError:
        return None
    return text


def _when(value) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def to_pure(project: m.QdaProject) -> tuple[pure.Project, pure_themes.ThematicAnalysis]:
    """The whole stored project as a pure Project and its ThematicAnalysis."""
    result = pure.Project(
        name=project.name,
        origin=project.origin or "coeval",
        description=project.description or None,
        creation_datetime=_when(project.created_at),
    )
    coders = {c.pk: c for c in project.coders.all()}
    result.users = [pure.User(guid=c.guid, name=c.name) for c in coders.values()]
    guid_of_coder = {pk: c.guid for pk, c in coders.items()}

    codes = list(project.codes.all())
    by_pk = {c.pk: pure.Code(guid=c.guid, name=c.name, is_codable=c.is_codable) for c in codes}
    for code in codes:
        node = by_pk[code.pk]
        node.color = code.color or None
        node.description = code.description or None
        siblings = result.codes if code.parent_id is None else by_pk[code.parent_id].children
        siblings.append(node)
    code_guid = {c.pk: c.guid for c in codes}

    variables = list(project.variables.all())
    result.variables = [
        pure.Variable(
            guid=v.guid,
            name=v.name,
            type=_VARIABLE_TYPES[v.type],
            description=v.description or None,
        )
        for v in variables
    ]

    memos_by: dict[tuple[str, int], list[m.Memo]] = defaultdict(list)
    for memo in project.memos.select_related("author"):
        for kind in ("code", "document", "coding"):
            target = getattr(memo, f"{kind}_id")
            if target is not None:
                memos_by[(kind, target)].append(memo)
                break
        else:
            memos_by[("project", project.pk)].append(memo)

    def note_refs(kind: str, pk: int) -> list[str]:
        return [memo.guid for memo in memos_by.get((kind, pk), [])]

    for code in codes:
        by_pk[code.pk].note_refs = note_refs("code", code.pk)
    for memo in project.memos.select_related("author"):
        result.notes.append(
            pure.TextSource(
                guid=memo.guid,
                name=f"Memo by {memo.author.name}" if memo.author else "Memo",
                plain_text=memo.text,
                creating_user=memo.author.guid if memo.author else None,
                creation_datetime=_when(memo.created_at),
            )
        )
    result.note_refs = note_refs("project", project.pk)

    documents = list(project.documents.all())
    sources = {}
    for document in documents:
        source = pure.TextSource(
            guid=document.guid,
            name=document.name,
            plain_text=document.plain_text,
            description=document.description or None,
            plain_text_path=f"internal://{document.guid}.txt",
            note_refs=note_refs("document", document.pk),
            creation_datetime=_when(document.created_at),
        )
        sources[document.pk] = source
        result.sources.append(source)
    selections = {}
    for selection in m.Selection.objects.filter(document__project=project).order_by(
        "document_id", "start", "end", "id"
    ):
        node = pure.TextSelection(
            guid=selection.guid,
            start=selection.start,
            end=selection.end,
            creating_user=guid_of_coder.get(selection.created_by_id),
            creation_datetime=_when(selection.created_at),
        )
        selections[selection.pk] = node
        sources[selection.document_id].selections.append(node)
    for coding in m.Coding.objects.filter(code__project=project).order_by("id"):
        selections[coding.selection_id].codings.append(
            pure.Coding(
                guid=coding.guid,
                code_guid=code_guid[coding.code_id],
                creating_user=guid_of_coder.get(coding.coder_id),
                creation_datetime=_when(coding.created_at),
                note_refs=note_refs("coding", coding.pk),
            )
        )

    variable_by_pk = {v.pk: v for v in variables}
    values_by_case: dict[int, list[m.CaseValue]] = defaultdict(list)
    for value in m.CaseValue.objects.filter(case__project=project):
        values_by_case[value.case_id].append(value)
    document_guid = {d.pk: d.guid for d in documents}
    for case in project.cases.prefetch_related("documents"):
        values = []
        for value in values_by_case[case.pk]:
            variable = variable_by_pk[value.variable_id]
            values.append(
                pure.VariableValue(
                    variable_guid=variable.guid,
                    type=_VARIABLE_TYPES[variable.type],
                    value=typed_value(variable.type, value.value),
                )
            )
        result.cases.append(
            pure.Case(
                guid=case.guid,
                name=case.name,
                description=case.description or None,
                variable_values=values,
                source_refs=[document_guid[d.pk] for d in case.documents.all()],
            )
        )

    analysis = pure_themes.ThematicAnalysis(guid=project.analysis_guid)
    selection_guid = {pk: s.guid for pk, s in selections.items()}
    for theme in project.themes.prefetch_related("codes", "extracts"):
        analysis.themes.append(
            pure_themes.Theme(
                guid=theme.guid,
                name=theme.name,
                definition=theme.definition,
                status=pure_themes.ThemeStatus(theme.status),
                member_codes=[code_guid[c.pk] for c in theme.codes.all()],
                supporting_extracts=[
                    selection_guid[s.pk] for s in theme.extracts.all() if s.pk in selection_guid
                ],
            )
        )
    # REFI-QDA names authors by user GUID; the journal keeps the author's name.
    guid_by_name = {c.name: c.guid for c in coders.values()}
    for entry in project.journal.all():
        analysis.journal.append(
            pure_themes.JournalEntry(
                guid=entry.guid,
                text=entry.text,
                phase=pure_themes.Phase(entry.phase),
                author=guid_by_name.get(entry.author),
                written=_when(entry.written_at),
            )
        )
    for step in project.phase_steps.all():
        analysis.phase_log.append(
            pure_themes.PhaseStep(
                phase=pure_themes.Phase(step.phase), entered=_when(step.entered_at), by=step.by
            )
        )
    return result, analysis


def to_refi(project: m.QdaProject) -> pure.Project:
    """The project as it is exported: the rows, the themes, and what an import kept read-only."""
    result, analysis = to_pure(project)
    return preserved.restore(
        pure_themes.themes_to_refi(analysis, result),
        project.preserved,
        preserved.load_files(project.preserved_files),
    )


def _parse_when(text: str | None):
    if not text:
        return timezone.now()
    try:
        parsed = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return timezone.now()
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, datetime.UTC)
    return parsed


def from_pure(
    team, source: pure.Project, analysis: pure_themes.ThematicAnalysis, *, created_by
) -> tuple[m.QdaProject, list[str]]:
    """Store a pure project (from a .qdpx) as a new workspace project.

    Returns the project and plain-language notes on what the workspace keeps read-only (the
    rest of the original, merged back by ``to_refi``; archive files are the caller's to keep).
    Call inside a transaction: a failure part-way must leave nothing behind.
    """
    journal_notes = {e.guid for e in analysis.journal}
    project = m.QdaProject.objects.create(
        team=team,
        name=source.name or "Imported project",
        description=source.description or "",
        origin=(source.origin or "")[:200],
        analysis_guid=analysis.guid,
        created_by=created_by,
    )
    coders = {}
    for user in source.users:
        coders[user.guid] = m.Coder.objects.create(
            project=project, guid=user.guid, name=user.name or user.id or "Unnamed coder"
        )

    def coder(guid: str | None) -> m.Coder:
        if guid is None:
            guid = "unknown"
        if guid not in coders:
            coders[guid] = m.Coder.objects.create(project=project, guid=guid, name="Unknown coder")
        return coders[guid]

    codes: dict[str, m.Code] = {}
    position = 0
    for node, parent in source.iter_codes():
        position += 1
        codes[node.guid] = m.Code.objects.create(
            project=project,
            guid=node.guid,
            name=node.name,
            parent=codes[parent.guid] if parent else None,
            color=(node.color or "")[:7],
            description=node.description or "",
            is_codable=node.is_codable,
            position=position,
        )
    variables = {}
    for index, variable in enumerate(source.variables):
        kind = next(
            (k for k, v in _VARIABLE_TYPES.items() if v is variable.type), m.Variable.Type.TEXT
        )
        variables[variable.guid] = m.Variable.objects.create(
            project=project,
            guid=variable.guid,
            name=variable.name,
            type=kind,
            description=variable.description or "",
            position=index,
        )
    documents: dict[str, m.Document] = {}
    selections: dict[str, m.Selection] = {}
    codings: dict[str, m.Coding] = {}
    for text_source in source.text_sources():
        document = m.Document.objects.create(
            project=project,
            guid=text_source.guid,
            name=text_source.name or "Untitled transcript",
            description=text_source.description or "",
            plain_text=text_source.plain_text,
            format="refi",
            created_by=created_by,
        )
        documents[text_source.guid] = document
        for selection in text_source.selections:
            stored = m.Selection.objects.create(
                document=document,
                guid=selection.guid,
                start=selection.start,
                end=selection.end,
                created_by=coder(selection.creating_user) if selection.creating_user else None,
            )
            selections[selection.guid] = stored
            for coding in selection.codings:
                codings[coding.guid] = m.Coding.objects.create(
                    selection=stored,
                    code=codes[coding.code_guid],
                    coder=coder(coding.creating_user),
                    guid=coding.guid,
                )
    notes = {n.guid: n for n in source.notes if n.guid not in journal_notes}

    def memo(ref: str, **target) -> None:
        note = notes.pop(ref, None)
        if note is not None:
            m.Memo.objects.create(
                project=project,
                guid=note.guid,
                text=note.plain_text,
                author=coder(note.creating_user) if note.creating_user else None,
                **target,
            )

    for node, _ in source.iter_codes():
        for ref in node.note_refs:
            memo(ref, code=codes[node.guid])
    for text_source in source.text_sources():
        for ref in text_source.note_refs:
            memo(ref, document=documents[text_source.guid])
        for selection in text_source.selections:
            for coding in selection.codings:
                for ref in coding.note_refs:
                    memo(ref, coding=codings[coding.guid])
    for ref in list(source.note_refs) + list(notes):
        memo(ref)
    for case in source.cases:
        stored_case = m.Case.objects.create(
            project=project,
            guid=case.guid,
            name=case.name or "Unnamed case",
            description=case.description or "",
        )
        stored_case.documents.set([documents[g] for g in case.source_refs if g in documents])
        for value in case.variable_values:
            if value.variable_guid in variables and value.value is not None:
                shown = value.value
                if isinstance(shown, bool):
                    shown = "true" if shown else "false"
                elif isinstance(shown, datetime.date):
                    shown = shown.isoformat()
                m.CaseValue.objects.create(
                    case=stored_case, variable=variables[value.variable_guid], value=str(shown)
                )
    for index, theme in enumerate(analysis.themes):
        stored_theme = m.Theme.objects.create(
            project=project,
            guid=theme.guid,
            name=theme.name,
            definition=theme.definition,
            status=theme.status.value,
            position=index,
        )
        stored_theme.codes.set([codes[g] for g in theme.member_codes if g in codes])
        stored_theme.extracts.set(
            [selections[g] for g in theme.supporting_extracts if g in selections]
        )
    for entry in analysis.journal:
        m.JournalEntry.objects.create(
            project=project,
            guid=entry.guid,
            text=entry.text,
            phase=entry.phase.value,
            author=coders[entry.author].name if entry.author in coders else "",
            written_at=_parse_when(entry.written),
        )
    for step in analysis.phase_log:
        m.PhaseStep.objects.create(
            project=project,
            phase=step.phase.value,
            entered_at=_parse_when(step.entered),
            by=step.by or "",
        )
    # Whatever the rows above cannot hold is kept read-only, so an export loses nothing.
    shown, shown_analysis = to_pure(project)
    project.preserved = preserved.remainder_of(
        source, pure_themes.themes_to_refi(shown_analysis, shown)
    )
    project.save(update_fields=["preserved"])
    return project, preserved.summary(project.preserved)
