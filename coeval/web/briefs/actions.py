"""Everything that changes a brief: one function per change, in a transaction, audited."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from coeval.web.briefs import sources
from coeval.web.briefs.models import Brief, BriefExport, BriefItem, BriefReleased, BriefState
from coeval.web.core import audit, tasks

_EDITABLE = ("format", "title", "key_messages", "recommendations")


class BriefError(Exception):
    """A change that cannot be made; the message is for the person."""


def _require_draft(brief: Brief) -> None:
    if brief.state == BriefState.RELEASED:
        raise BriefReleased("This brief is released, so it cannot change. Start a new version.")
    if brief.state != BriefState.DRAFT:
        raise BriefError("This brief is waiting for approval. Ask for it back to change it.")


@transaction.atomic
def create_brief(actor, team, data: dict) -> Brief:
    brief = Brief.objects.create(team=team, created_by=actor, **data)
    audit.record_created(actor, brief, summary=f"Started the brief “{brief.title}”")
    return brief


@transaction.atomic
def update_brief(actor, brief: Brief, data: dict) -> Brief:
    _require_draft(brief)
    before = audit.snapshot(brief, fields=_EDITABLE)
    for key, value in data.items():
        setattr(brief, key, value)
    brief.save()
    audit.record_updated(actor, brief, before, summary="Changed a brief")
    return brief


@transaction.atomic
def add_item(actor, brief: Brief, kind: str, source_id: str) -> BriefItem:
    _require_draft(brief)
    evidence = sources.find(brief.team, kind, source_id)
    if evidence is None:
        raise BriefError("That evidence is not available to this team any more.")
    if brief.items.filter(kind=kind, source_id=evidence.source_id).exists():
        raise BriefError(f"“{evidence.title}” is already in this brief.")
    position = (brief.items.aggregate(Max("position"))["position__max"] or 0) + 1
    item = BriefItem.objects.create(
        brief=brief,
        position=position,
        kind=kind,
        source_id=evidence.source_id,
        title=evidence.title,
        content=evidence.content,
    )
    audit.record_created(actor, item, summary=f"Added “{item.title}” to a brief")
    return item


@transaction.atomic
def remove_item(actor, item: BriefItem) -> None:
    _require_draft(item.brief)
    audit.record_deleted(actor, item, summary=f"Took “{item.title}” out of a brief")
    item.delete()


@transaction.atomic
def submit_for_approval(actor, brief: Brief) -> Brief:
    _require_draft(brief)
    if not brief.items.exists() and not brief.key_messages.strip():
        raise BriefError("Add some evidence or key messages before asking for approval.")
    brief.state = BriefState.SUBMITTED
    brief.submitted_at = timezone.now()
    brief.save()
    audit.record(actor, "submitted", brief, summary="Asked a facilitator to approve a brief")
    return brief


@transaction.atomic
def take_back(actor, brief: Brief, note: str = "") -> Brief:
    """Back to draft: the team wants to change it, or the facilitator asks for changes."""
    if brief.state != BriefState.SUBMITTED:
        raise BriefError("Only a brief waiting for approval can go back to draft.")
    brief.state = BriefState.DRAFT
    brief.approval_note = note
    brief.save()
    audit.record(actor, "returned", brief, summary="Sent a brief back to draft", changes={})
    return brief


@transaction.atomic
def approve(actor, brief: Brief, note: str = "") -> Brief:
    if brief.state != BriefState.SUBMITTED:
        raise BriefError("Only a brief waiting for approval can be approved.")
    brief.state = BriefState.RELEASED
    brief.released_at = timezone.now()
    brief.approved_by = actor
    brief.approval_note = note
    # save() refuses changes to released briefs, so this write goes round it once, here.
    Brief.objects.filter(pk=brief.pk).update(
        state=brief.state,
        released_at=brief.released_at,
        approved_by=actor,
        approval_note=note,
        updated_at=brief.released_at,
    )
    audit.record(actor, "released", brief, summary=f"Approved and released “{brief.title}”")
    return brief


@transaction.atomic
def start_new_version(actor, brief: Brief) -> Brief:
    """Editing a released brief: copy it into the next draft version of the series."""
    existing = Brief.objects.filter(series=brief.series).exclude(state=BriefState.RELEASED)
    if existing.exists():
        return existing.order_by("-version").first()
    latest = Brief.objects.filter(series=brief.series).aggregate(Max("version"))["version__max"]
    draft = Brief.objects.create(
        team=brief.team,
        series=brief.series,
        version=latest + 1,
        created_by=actor,
        **{key: getattr(brief, key) for key in _EDITABLE},
    )
    BriefItem.objects.bulk_create(
        BriefItem(
            brief=draft,
            position=item.position,
            kind=item.kind,
            source_id=item.source_id,
            title=item.title,
            content=item.content,
        )
        for item in brief.items.all()
    )
    audit.record_created(actor, draft, summary=f"Started version {draft.version} of a brief")
    return draft


@transaction.atomic
def request_pdf(actor, brief: Brief) -> BriefExport:
    """Render the PDF in the background (WeasyPrint takes seconds for charts)."""
    if brief.is_released:
        done = brief.exports.filter(finished_at__isnull=False).exclude(content=b"").first()
        if done is not None:
            return done  # a released brief's PDF is made once and is then the record
    export = BriefExport.objects.create(brief=brief, created_by=actor)
    audit.record(actor, "exported", brief, summary="Asked for a PDF of a brief")
    task = tasks.enqueue(
        "coeval.web.briefs.tasks.render_pdf",
        label=f"PDF of {brief.title}",
        actor=actor,
        programme_id=brief.team.cohort.programme_id,
        team_id=brief.team_id,
        export_id=export.pk,
    )
    BriefExport.objects.filter(pk=export.pk).update(task_id=task.pk)
    export.refresh_from_db()
    return export
