"""Every change to the qualitative workspace: one function each, in a transaction, audited."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from coeval.qualitative import pseudonymise
from coeval.qualitative.documents import import_document
from coeval.qualitative.refi import QdpxImportError, read_qdpx, write_qdc, write_qdpx
from coeval.qualitative.refi.codebook import codebook_of
from coeval.qualitative.themes import ThemeError, themes_from_refi
from coeval.web.core import audit
from coeval.web.qda import models as m
from coeval.web.qda import preserved
from coeval.web.qda.convert import from_pure, to_pure, to_refi

# The attributes the equity comparison needs most; teams can add more.
STANDARD_VARIABLES = [
    ("Role", m.Variable.Type.TEXT, "Patient, carer, practitioner, commissioner..."),
    ("IMD quintile", m.Variable.Type.INTEGER, "1 is the most deprived fifth of areas (IMD 2019)."),
    ("Ethnicity", m.Variable.Type.TEXT, "As the participant describes it, or a census group."),
    ("Age band", m.Variable.Type.TEXT, "For example 18-34, 35-54, 55-74, 75 and over."),
]


class WorkspaceError(ValueError):
    """A change that cannot be made, with a message fit to show the person who asked."""


def _coder_for(project: m.QdaProject, user) -> m.Coder:
    coder = project.coders.filter(user=user).first()
    if coder is None:
        coder = m.Coder.objects.create(project=project, user=user, name=user.display_name)
    return coder


# --- Projects -----------------------------------------------------------------------


@transaction.atomic
def create_project(actor, team, *, name: str, description: str = "", approach=None):
    project = m.QdaProject.objects.create(
        team=team,
        name=name,
        description=description,
        approach=approach or m.Approach.REFLEXIVE,
        created_by=actor,
    )
    for index, (label, kind, hint) in enumerate(STANDARD_VARIABLES):
        m.Variable.objects.create(
            project=project, name=label, type=kind, description=hint, position=index
        )
    audit.record_created(actor, project, summary=f"Started qualitative project {name}")
    return project


@transaction.atomic
def update_settings(actor, project, *, name: str, description: str, approach, show_agreement):
    before = audit.snapshot(project, fields=["name", "description", "approach", "show_agreement"])
    project.name, project.description = name, description
    project.approach, project.show_agreement = approach, show_agreement
    project.save()
    audit.record_updated(actor, project, before, summary="Changed the project settings")
    return project


# --- Documents and pseudonymisation --------------------------------------------------


@transaction.atomic
def upload_document(actor, project, *, filename: str, data: bytes, names: Iterable[str] = ()):
    """Read an uploaded file and hold it, with proposed pseudonyms, for review.

    Raises DocumentImportError with a message for the uploader when the file cannot be read.
    """
    document = import_document(filename, data)
    register = pseudonymise.PseudonymRegister.from_dict(project.pseudonyms)
    proposals = pseudonymise.propose(document.text, register, names=list(names))
    pending = m.PendingDocument.objects.create(
        project=project,
        name=document.metadata.get("title") or filename.rsplit("/", 1)[-1],
        text=document.text,
        format=document.metadata.get("format", ""),
        turns=[[t.speaker, t.start, t.end, t.speech_start] for t in document.turns],
        metadata=dict(document.metadata),
        proposals=[
            {
                "start": p.start,
                "end": p.end,
                "original": p.original,
                "kind": p.kind.value,
                "replacement": p.replacement,
                "reason": p.reason,
            }
            for p in proposals
        ],
        uploaded_by=actor,
    )
    audit.record(
        actor,
        "uploaded",
        project,
        summary=f"Uploaded {pending.name} for pseudonym review ({len(proposals)} proposals)",
    )
    return pending


@transaction.atomic
def save_reviewed_document(actor, pending, *, decisions, name: str, keep_original: bool):
    """Write the reviewed pseudonyms into the text and store it as a transcript.

    ``decisions`` has one (decision, replacement) per proposal: "accept", "reject" or "edit".
    Speaker turns move with the text, so labels stay on their turns.
    """
    project = pending.project
    register = pseudonymise.PseudonymRegister.from_dict(project.pseudonyms)
    proposals = []
    for raw, (decision, replacement) in zip(pending.proposals, decisions, strict=True):
        proposal = pseudonymise.Proposal(
            raw["start"],
            raw["end"],
            raw["original"],
            pseudonymise.Kind(raw["kind"]),
            raw["replacement"],
            raw["reason"],
        )
        if decision == "accept":
            proposal = proposal.accept()
        elif decision == "edit":
            proposal = proposal.edit(replacement)
        else:
            proposal = proposal.reject()
        proposals.append(proposal)
    result = pseudonymise.apply(
        pending.text, proposals, keep_original=keep_original, register=register
    )
    turns = []
    for speaker, start, end, speech_start in pending.turns:
        new_start, new_end = result.offsets.span(start, end)
        new_speech = min(max(result.offsets.position(speech_start), new_start), new_end)
        label = result.text[new_start:new_speech].rstrip(": \t") or speaker
        turns.append([label, new_start, new_end, new_speech])
    document = m.Document.objects.create(
        project=project,
        name=name or pending.name,
        plain_text=result.text,
        original_text=result.original or "",
        format=pending.format,
        turns=turns,
        metadata={**pending.metadata, "pseudonyms_applied": str(len(result.applied))},
        created_by=actor,
    )
    project.pseudonyms = register.to_dict()
    project.save(update_fields=["pseudonyms"])
    audit.record_created(
        actor,
        document,
        summary=(
            f"Added transcript {document.name}: {len(result.applied)} pseudonym(s) applied, "
            + ("original kept" if keep_original else "original not kept")
        ),
    )
    pending.delete()
    return document


@transaction.atomic
def discard_pending(actor, pending):
    audit.record(actor, "discarded", pending.project, summary=f"Discarded upload {pending.name}")
    pending.delete()


# --- Coding --------------------------------------------------------------------------


@transaction.atomic
def apply_codes(actor, document, *, start: int, end: int, codes: list[m.Code]) -> list[m.Coding]:
    """Apply codes to characters [start, end) of a transcript, as the actor."""
    # The coding view loads the length alone (text_length) rather than the whole text.
    length = getattr(document, "text_length", None)
    if length is None:
        length = len(document.plain_text)
    if not 0 <= start < end <= length:
        raise WorkspaceError(
            "Select some text first: the selection is empty or outside the transcript."
        )
    if not codes:
        raise WorkspaceError("Choose at least one code to apply.")
    if any(c.project_id != document.project_id or not c.is_codable for c in codes):
        raise WorkspaceError("One of the chosen codes cannot be applied here.")
    coder = _coder_for(document.project, actor)
    selection = (
        m.Selection.objects.filter(document=document, start=start, end=end).order_by().first()
    )
    if selection is None:
        selection = m.Selection.objects.create(
            document=document, start=start, end=end, created_by=coder
        )
    already = set(
        m.Coding.objects.filter(selection=selection, coder=coder).values_list("code_id", flat=True)
    )
    new = [
        m.Coding(selection=selection, code=code, coder=coder)
        for code in codes
        if code.pk not in already
    ]
    if not new:
        raise WorkspaceError("You have already applied those codes to exactly this text.")
    created = m.Coding.objects.bulk_create(new)
    ids = [c.pk for c in created] or list(
        m.Coding.objects.filter(guid__in=[c.guid for c in new]).values_list("pk", flat=True)
    )
    m.CodingAction.objects.create(
        project_id=document.project_id,
        user=actor,
        kind=m.CodingAction.Kind.APPLIED,
        detail={"codings": ids},
    )
    audit.record(
        actor,
        "coded",
        document,
        summary=f"Applied {', '.join(c.name for c in codes)} to characters {start}-{end}",
    )
    return created


@transaction.atomic
def remove_coding(actor, coding):
    selection = coding.selection
    detail = {
        "document": selection.document_id,
        "start": selection.start,
        "end": selection.end,
        "selection_guid": selection.guid,
        "code": coding.code_id,
        "coder": coding.coder_id,
        "guid": coding.guid,
    }
    m.CodingAction.objects.create(
        project_id=coding.code.project_id,
        user=actor,
        kind=m.CodingAction.Kind.REMOVED,
        detail=detail,
    )
    audit.record(
        actor,
        "uncoded",
        selection.document,
        summary=f"Removed {coding.code.name} from characters {selection.start}-{selection.end}",
    )
    coding.delete()
    if not selection.codings.exists() and not selection.themes.exists():
        selection.delete()


@transaction.atomic
def undo_last(actor, project) -> str:
    """Undo the actor's most recent coding change in this project; returns what was undone."""
    action = (
        m.CodingAction.objects.select_for_update()
        .filter(project=project, user=actor, undone=False)
        .first()
    )
    if action is None:
        raise WorkspaceError("There is no coding change of yours to undo.")
    if action.kind == m.CodingAction.Kind.APPLIED:
        codings = list(m.Coding.objects.filter(pk__in=action.detail["codings"]))
        selections = {c.selection_id for c in codings}
        for coding in codings:
            coding.delete()
        for selection in m.Selection.objects.filter(pk__in=selections):
            if not selection.codings.exists() and not selection.themes.exists():
                selection.delete()
        message = f"Undone: {len(codings)} coding(s) removed."
    else:
        detail = action.detail
        code = m.Code.objects.filter(pk=detail["code"], project=project).first()
        document = m.Document.objects.filter(pk=detail["document"], project=project).first()
        if code is None or document is None:
            raise WorkspaceError(
                "The code or transcript has since been deleted, so it cannot be undone."
            )
        selection = m.Selection.objects.filter(
            document=document, start=detail["start"], end=detail["end"]
        ).first() or m.Selection.objects.create(
            document=document,
            start=detail["start"],
            end=detail["end"],
            guid=detail["selection_guid"],
        )
        m.Coding.objects.create(
            selection=selection, code=code, coder_id=detail["coder"], guid=detail["guid"]
        )
        message = f"Undone: {code.name} is back on the text."
    action.undone = True
    action.save(update_fields=["undone"])
    audit.record(actor, "undid", project, summary=message)
    return message


# --- Codes ---------------------------------------------------------------------------


def _check_parent(project, code, parent):
    if parent is None:
        return
    if parent.project_id != project.pk:
        raise WorkspaceError("The parent code belongs to another project.")
    walker = parent
    while walker is not None:
        if code is not None and walker.pk == code.pk:
            raise WorkspaceError("A code cannot sit under itself or one of its own sub-codes.")
        walker = walker.parent


@transaction.atomic
def save_code(actor, project, code=None, *, name, parent=None, color="", description=""):
    _check_parent(project, code, parent)
    if code is None:
        top = project.codes.aggregate(top=Max("position"))["top"] or 0
        code = m.Code.objects.create(
            project=project,
            name=name,
            parent=parent,
            color=color,
            description=description,
            position=top + 1,
        )
        audit.record_created(actor, code, summary=f"Added code {name}")
        return code
    before = audit.snapshot(code, fields=["name", "parent", "color", "description"])
    code.name, code.parent, code.color, code.description = name, parent, color, description
    code.save()
    audit.record_updated(actor, code, before, summary=f"Changed code {name}")
    return code


@transaction.atomic
def merge_codes(actor, merged, into):
    """Fold one code into another: its codings, sub-codes, memos and theme places move."""
    if merged.pk == into.pk or merged.project_id != into.project_id:
        raise WorkspaceError("Choose a different code of the same project to merge into.")
    _check_parent(merged.project, merged, into)
    moved = 0
    for coding in list(merged.codings.all()):
        # Two coders' identical codings stay two codings; one coder's duplicate is dropped.
        if m.Coding.objects.filter(
            selection_id=coding.selection_id, code=into, coder_id=coding.coder_id
        ).exists():
            coding.delete()
        else:
            coding.code = into
            coding.save(update_fields=["code"])
            moved += 1
    merged.children.update(parent=into)
    merged.memos.update(code=into)
    for theme in merged.themes.all():
        theme.codes.add(into)
    project = into.project
    if project.preserved:
        # Codings of PDF and media sources, links and other sets kept from an import follow too.
        project.preserved = preserved.rewrite_guid(project.preserved, merged.guid, into.guid)
        project.save(update_fields=["preserved"])
    audit.record(
        actor,
        "merged",
        into,
        summary=f"Merged code {merged.name} into {into.name} ({moved} coding(s) moved)",
    )
    merged.delete()
    return into


@transaction.atomic
def split_code(actor, code, *, new_name: str, codings: list[m.Coding]):
    """A sibling code takes over the chosen codings of ``code``."""
    if not codings:
        raise WorkspaceError("Choose the codings that should move to the new code.")
    if any(c.code_id != code.pk for c in codings):
        raise WorkspaceError("Some of the chosen codings are not codings of this code.")
    new = save_code(
        actor,
        code.project,
        name=new_name,
        parent=code.parent,
        color=code.color,
        description=f"Split from {code.name}.",
    )
    m.Coding.objects.filter(pk__in=[c.pk for c in codings]).update(code=new)
    audit.record(
        actor,
        "split",
        code,
        summary=f"Split {len(codings)} coding(s) of {code.name} into {new_name}",
    )
    return new


@transaction.atomic
def delete_code(actor, code):
    if code.codings.exists() or code.children.exists():
        raise WorkspaceError(
            f"{code.name} still has codings or sub-codes. Merge it into another code instead, "
            "so nothing is lost."
        )
    if preserved.mentions(code.project.preserved, code.guid):
        raise WorkspaceError(
            f"{code.name} is still used by parts of the imported project that the workspace "
            "keeps read-only (such as codings of PDF or media sources, links or sets). Merge it "
            "into another code instead, so nothing is lost."
        )
    audit.record_deleted(actor, code, summary=f"Deleted code {code.name}")
    code.delete()


# --- Memos ---------------------------------------------------------------------------


@transaction.atomic
def add_memo(actor, project, *, text: str, code=None, document=None, coding=None):
    memo = m.Memo.objects.create(
        project=project,
        text=text,
        code=code,
        document=document,
        coding=coding,
        author=_coder_for(project, actor),
    )
    audit.record_created(actor, memo, summary="Wrote a memo")
    return memo


# --- Cases ---------------------------------------------------------------------------


@transaction.atomic
def save_case(actor, project, case=None, *, name, description="", documents=(), values=None):
    """Create or change a case; ``values`` maps each Variable to its text (blank clears it)."""
    created = case is None
    if created:
        case = m.Case.objects.create(project=project, name=name, description=description)
    else:
        case.name, case.description = name, description
        case.save()
    case.documents.set(documents)
    for variable, value in (values or {}).items():
        if value in ("", None):
            m.CaseValue.objects.filter(case=case, variable=variable).delete()
        else:
            m.CaseValue.objects.update_or_create(
                case=case, variable=variable, defaults={"value": str(value)}
            )
    if created:
        audit.record_created(actor, case, summary=f"Added case {name}")
    else:
        audit.record(actor, "updated", case, summary=f"Changed case {name}")
    return case


# --- Themes, journal and phases ------------------------------------------------------


@transaction.atomic
def save_theme(actor, project, theme=None, *, name, definition="", codes=(), extracts=()):
    created = theme is None
    if created:
        top = project.themes.aggregate(top=Max("position"))["top"] or 0
        theme = m.Theme.objects.create(
            project=project, name=name, definition=definition, position=top + 1
        )
    else:
        if theme.status == m.Theme.Status.DEFINED and not definition.strip():
            raise WorkspaceError("A defined theme needs a definition.")
        theme.name, theme.definition = name, definition
        theme.save()
    theme.codes.set(codes)
    theme.extracts.set(extracts)
    if created:
        audit.record_created(actor, theme, summary=f"Added candidate theme {name}")
    else:
        audit.record(actor, "updated", theme, summary=f"Changed theme {name}")
    return theme


_NEXT = {m.Theme.Status.CANDIDATE: m.Theme.Status.REVIEWED, m.Theme.Status.REVIEWED: "defined"}


@transaction.atomic
def advance_theme(actor, theme):
    """Candidate → reviewed → defined; a theme is defined only once it has a definition."""
    if theme.status not in _NEXT:
        raise WorkspaceError(f"{theme.name} is already defined.")
    following = _NEXT[theme.status]
    if following == m.Theme.Status.DEFINED and not theme.definition.strip():
        raise WorkspaceError(f"Write a definition for {theme.name} before marking it defined.")
    before = audit.snapshot(theme, fields=["status"])
    theme.status = following
    theme.save(update_fields=["status"])
    audit.record_updated(actor, theme, before, summary=f"Theme {theme.name} is now {following}")
    return theme


@transaction.atomic
def revisit_theme(actor, theme, status):
    order = list(m.Theme.Status.values)
    if order.index(status) >= order.index(theme.status):
        raise WorkspaceError("A theme can only be sent back to an earlier status.")
    before = audit.snapshot(theme, fields=["status"])
    theme.status = status
    theme.save(update_fields=["status"])
    audit.record_updated(actor, theme, before, summary=f"Theme {theme.name} sent back to {status}")
    return theme


def current_phase(project) -> str:
    step = project.phase_steps.order_by("-entered_at", "-id").first()
    return step.phase if step else m.Phase.FAMILIARISATION


@transaction.atomic
def write_journal(actor, project, *, text: str):
    if not text.strip():
        raise WorkspaceError("Write something in the journal entry.")
    coder = _coder_for(project, actor)  # so the entry exports with its author
    entry = m.JournalEntry.objects.create(
        project=project,
        text=text,
        phase=current_phase(project),
        author=coder.name,
        written_at=timezone.now(),
    )
    audit.record_created(actor, entry, summary="Wrote in the reflexive journal")
    return entry


@transaction.atomic
def enter_phase(actor, project, *, phase: str):
    step = m.PhaseStep.objects.create(
        project=project, phase=phase, entered_at=timezone.now(), by=actor.display_name
    )
    audit.record(actor, "phase", project, summary=f"Moved the analysis to: {m.Phase(phase).label}")
    return step


@transaction.atomic
def accept_candidate(actor, project, *, name: str, model: str, selections, codes):
    """A person turns a candidate grouping into a candidate theme they name.

    Logged with who accepted it and which model proposed it: the grouping came from software,
    the theme's name and its place in the analysis from the team.
    """
    if not name.strip():
        raise WorkspaceError("Give the theme a name of your own.")
    theme = save_theme(actor, project, name=name, codes=codes, extracts=selections)
    audit.record(
        actor,
        "accepted_candidate",
        theme,
        changes={
            "model": {"old": None, "new": model},
            "extracts": {"old": None, "new": [s.guid for s in selections]},
        },
        summary=f"Accepted a candidate grouping from {model} as candidate theme {name}",
    )
    return theme


# --- REFI-QDA ------------------------------------------------------------------------


def export_qdpx(actor, project) -> bytes:
    data = write_qdpx(to_refi(project))
    audit.record(actor, "exported", project, summary="Exported the project as REFI-QDA (.qdpx)")
    return data


def export_qdc(actor, project) -> bytes:
    pure_project, _ = to_pure(project)
    if not pure_project.codes:
        raise WorkspaceError("The project has no codes yet, so there is no codebook to export.")
    data = write_qdc(codebook_of(pure_project))
    audit.record(actor, "exported", project, summary="Exported the codebook (.qdc)")
    return data


def import_qdpx(actor, team, data: bytes):
    """A new project from a .qdpx. Raises QdpxImportError or ThemeError; stores nothing then."""
    pure_project = read_qdpx(data)
    try:
        analysis = themes_from_refi(pure_project)
    except (KeyError, ValueError) as error:
        raise ThemeError(f"The project's coeval themes are damaged: {error}") from None
    files = preserved.store_files(pure_project.files)
    try:
        with transaction.atomic():
            project, kept = from_pure(team, pure_project, analysis, created_by=actor)
            project.preserved_files = files
            project.save(update_fields=["preserved_files"])
            audit.record_created(actor, project, summary=f"Imported {project.name} from a .qdpx")
    except KeyError as error:
        # The transaction has rolled back: nothing of the half-read project is kept.
        preserved.remove_files(files)
        raise QdpxImportError(
            f"The project refers to something it does not contain ({error}); nothing was imported."
        ) from None
    except BaseException:
        preserved.remove_files(files)
        raise
    return project, kept
