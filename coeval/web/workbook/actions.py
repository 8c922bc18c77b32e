"""Every change to the workbook: one function each, in a transaction, audited."""

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from coeval.web.core import audit
from coeval.web.core.authorization import has_permission, role_keys_in
from coeval.web.core.permissions import Permission
from coeval.web.workbook import content as content_rules
from coeval.web.workbook import indicators, logic_model
from coeval.web.workbook import sections as spec
from coeval.web.workbook.models import (
    AdviceQuestion,
    AdviceReply,
    Comment,
    CommentKind,
    EvaluationPlan,
    FaqEntry,
    Notification,
    PlannedIndicator,
    PlanState,
    Section,
    SectionDraft,
    SectionRevision,
    SectionState,
)


class WorkbookError(Exception):
    """A change refused for a reason the person can act on."""


class Conflict(WorkbookError):
    """Someone saved the section after this person started editing it."""

    def __init__(self, section: Section, yours: dict):
        super().__init__("Someone else saved this section while you were editing it")
        self.section = section
        self.yours = yours


class InvalidContent(WorkbookError):
    def __init__(self, problems):
        super().__init__("The section has problems to fix")
        self.problems = problems


def _roles(user, target) -> str:
    return ",".join(sorted(set(role_keys_in(user, target))))


def _section_url(section: Section) -> str:
    return reverse("workbook:section", args=[section.plan_id, section.key])


def _notify(users, text: str, url: str, *, exclude=None) -> None:
    Notification.objects.bulk_create(
        [
            Notification(user=u, text=text[:300], url=url)
            for u in {u.pk: u for u in users}.values()
            if exclude is None or u.pk != exclude.pk
        ]
    )


def _programme_staff(team, roles: tuple[str, ...]):
    from coeval.web.programmes.models import ProgrammeRole

    rows = ProgrammeRole.objects.filter(
        Q(cohort__isnull=True) | Q(cohort_id=team.cohort_id),
        programme_id=team.cohort.programme_id,
        role__in=roles,
    ).select_related("user")
    return [r.user for r in rows]


def _team_members(team):
    return [m.user for m in team.memberships.select_related("user")]


# --- Plans --------------------------------------------------------------------------


@transaction.atomic
def start_plan(user, team, title: str = "") -> EvaluationPlan:
    plan, created = EvaluationPlan.objects.get_or_create(
        team=team, defaults={"title": title or f"Evaluation of {team.service_name}"}
    )
    if created:
        Section.objects.bulk_create(
            Section(plan=plan, key=s.key, content=content_rules.empty_content(s))
            for s in spec.SECTIONS
        )
        audit.record_created(user, plan, summary=f"Started the evaluation plan for {team}")
    return plan


@transaction.atomic
def submit_plan(user, plan: EvaluationPlan) -> EvaluationPlan:
    if plan.state != PlanState.DRAFT:
        raise WorkbookError("This plan has already been submitted")
    not_agreed = [s.spec.title for s in plan.sections.all() if s.state != SectionState.AGREED]
    before = audit.snapshot(plan, ["state"])
    plan.state = PlanState.SUBMITTED
    plan.submitted_at, plan.submitted_by = timezone.now(), user
    plan.save()
    audit.record_updated(user, plan, before, summary="Submitted the plan for sign-off")
    summary = f"{plan.team} submitted its evaluation plan for sign-off"
    if not_agreed:
        summary += f" ({len(not_agreed)} sections not yet agreed)"
    _notify(
        _programme_staff(plan.team, ("programme_manager",)),
        summary,
        reverse("workbook:plan", args=[plan.pk]),
    )
    return plan


@transaction.atomic
def decide_plan(user, plan: EvaluationPlan, *, approve: bool, note: str) -> EvaluationPlan:
    """The steering group's decision, recorded with who made it and why."""
    if plan.state != PlanState.SUBMITTED:
        raise WorkbookError("Only a submitted plan can be signed off")
    before = audit.snapshot(plan, ["state", "decision_note"])
    plan.state = PlanState.APPROVED if approve else PlanState.DRAFT
    plan.decided_at, plan.decided_by, plan.decision_note = timezone.now(), user, note
    plan.save()
    verdict = "approved" if approve else "returned for changes"
    audit.record_updated(user, plan, before, summary=f"Plan {verdict}")
    _notify(
        _team_members(plan.team),
        f"The steering group {verdict} your evaluation plan",
        reverse("workbook:plan", args=[plan.pk]),
    )
    return plan


# --- Saving sections ----------------------------------------------------------------


def _write_revision(user, section: Section, new_content: dict, note: str) -> SectionRevision:
    before = audit.snapshot(section, ["revision", "state"])
    section.revision += 1
    section.content = new_content
    if section.state == SectionState.AGREED:
        section.state = SectionState.DRAFT  # an agreed section that changes needs agreeing again
    section.save()
    revision = SectionRevision.objects.create(
        section=section,
        number=section.revision,
        content=new_content,
        author=user,
        author_name=user.display_name if user else "system",
        author_roles=_roles(user, section) if user else "",
        note=note[:300],
    )
    SectionDraft.objects.filter(section=section, user=user).delete()
    if section.key == "data_plan":
        _sync_indicators(section, new_content)
    audit.record_updated(user, section, before, summary=note or f"Saved {section.spec.title}")
    return revision


def _sync_indicators(section: Section, new_content: dict) -> None:
    PlannedIndicator.objects.filter(plan_id=section.plan_id).delete()
    PlannedIndicator.objects.bulk_create(
        PlannedIndicator(
            plan_id=section.plan_id,
            position=position,
            name=row.get("name", ""),
            outcome=row.get("outcome", ""),
            spec=spec_json,
            from_revision=section.revision,
        )
        for position, row, spec_json in indicators.specs_for(new_content.get("indicators", []))
    )


def _locked(section: Section) -> Section:
    return (
        Section.objects.select_for_update().select_related("plan__team__cohort").get(pk=section.pk)
    )


@transaction.atomic
def save_section(
    user, section: Section, new_content: dict, base_revision: int, note: str = ""
) -> SectionRevision:
    """Save a new revision. If someone saved after ``base_revision``, the two edits are
    merged field by field when they touched different fields; when both changed one
    field differently nothing is overwritten and Conflict is raised (the caller keeps
    the typed content as a draft, outside this transaction, which the Conflict rolls
    back)."""
    current = _locked(section)
    new_content = content_rules.normalise(current.spec, new_content)
    problems = content_rules.validate(current.spec, new_content, current.content)
    if problems:
        raise InvalidContent(problems)
    if base_revision != current.revision:
        base = current.revisions.filter(number=base_revision).first()
        merged = content_rules.merge(
            current.spec, base.content if base else {}, current.content, new_content
        )
        if merged is None or base_revision > current.revision:
            raise Conflict(current, new_content)
        new_content = merged
        note = note or (
            f"Merged with revision {current.revision}, saved while this was being edited"
        )
    revision = _write_revision(user, current, new_content, note)
    section.refresh_from_db()
    return revision


@transaction.atomic
def restore_revision(user, section: Section, number: int) -> SectionRevision:
    current = _locked(section)
    old = current.revisions.get(number=number)
    revision = _write_revision(user, current, old.content, f"Restored revision {number}")
    section.refresh_from_db()
    return revision


@transaction.atomic
def change_logic_model(user, section: Section, op: str, data) -> SectionRevision:
    """One change to the logic model's items or links, applied to the latest revision."""
    current = _locked(section)
    if not current.spec.builder:
        raise WorkbookError("This section has no logic model")
    try:
        new_content = logic_model.apply(current.content, op, data)
    except logic_model.LogicModelError as error:
        raise WorkbookError(str(error)) from None
    notes = {
        "add_item": "Added a logic model item",
        "edit_item": "Changed a logic model item",
        "remove_item": "Removed a logic model item",
        "add_link": "Linked two logic model items",
        "remove_link": "Removed a logic model link",
    }
    revision = _write_revision(user, current, new_content, notes[op])
    section.refresh_from_db()
    return revision


# Drafts are private, unsaved typing, posted every few seconds while someone types. They
# change nothing anyone else sees, so they are not audit events; saving one is.
def save_draft(user, section: Section, draft_content: dict, base_revision: int) -> SectionDraft:
    draft, _ = SectionDraft.objects.update_or_create(
        section=section,
        user=user,
        defaults={"content": draft_content, "base_revision": base_revision},
    )
    return draft


def discard_draft(user, section: Section) -> None:
    SectionDraft.objects.filter(section=section, user=user).delete()


# --- Review -------------------------------------------------------------------------


@transaction.atomic
def mark_ready(user, section: Section) -> Section:
    missing = content_rules.missing_required(section.spec, section.content)
    if missing:
        raise WorkbookError("Fill in these before asking for a review: " + ", ".join(missing))
    if section.state == SectionState.READY:
        return section
    before = audit.snapshot(section, ["state"])
    section.state = SectionState.READY
    section.save()
    audit.record_updated(user, section, before, summary="Marked ready for review")
    _notify(
        _programme_staff(section.plan.team, ("academic_facilitator",)),
        f"{section.plan.team}: “{section.spec.title}” is ready for review",
        _section_url(section),
    )
    return section


@transaction.atomic
def review_section(user, section: Section, *, feedback: str, agreed: bool) -> Section:
    before = audit.snapshot(section, ["state", "feedback"])
    section.state = SectionState.AGREED if agreed else SectionState.REVIEWED
    section.feedback = feedback
    section.reviewed_by, section.reviewed_at = user, timezone.now()
    section.save()
    audit.record_updated(user, section, before, summary="Reviewed the section")
    outcome = "agreed" if agreed else "reviewed"
    _notify(
        _team_members(section.plan.team),
        f"{user.display_name} {outcome} “{section.spec.title}” and left feedback",
        _section_url(section),
    )
    return section


# --- Comments and "you said, we did" ----------------------------------------------------


@transaction.atomic
def add_comment(user, section: Section, kind: str, text: str) -> Comment:
    if kind not in CommentKind.values:
        raise WorkbookError("Choose comment or suggestion")
    comment = Comment.objects.create(
        section=section,
        kind=kind,
        text=text,
        author=user,
        author_name=user.display_name,
        author_roles=_roles(user, section),
    )
    audit.record_created(user, comment, summary=f"Commented on {section.spec.title}")
    return comment


@transaction.atomic
def adopt_comment(user, comment: Comment, revision: SectionRevision, we_did: str) -> Comment:
    if revision.section_id != comment.section_id:
        raise WorkbookError("Choose a change to this section")
    before = audit.snapshot(comment, ["adopted_at", "adopted_revision", "we_did"])
    comment.adopted_at, comment.adopted_by = timezone.now(), user
    comment.adopted_revision, comment.we_did = revision, we_did
    comment.save()
    audit.record_updated(user, comment, before, summary="Marked a suggestion as adopted")
    if comment.author is not None:
        _notify(
            [comment.author],
            f"Your {comment.get_kind_display().lower()} changed “{comment.section.spec.title}”",
            _section_url(comment.section),
            exclude=user,
        )
    return comment


# --- Methodological advice ------------------------------------------------------------


@transaction.atomic
def ask_advice(user, section: Section, subject: str, text: str) -> AdviceQuestion:
    question = AdviceQuestion.objects.create(
        section=section,
        subject=subject,
        text=text,
        asked_by=user,
        asked_by_name=user.display_name,
        asked_by_roles=_roles(user, section),
    )
    audit.record_created(user, question, summary=f"Asked for advice on {section.spec.title}")
    _notify(
        _programme_staff(section.plan.team, ("methodological_expert", "academic_facilitator")),
        f"{section.plan.team} asked: {subject}",
        reverse("workbook:advice", args=[question.pk]),
    )
    return question


@transaction.atomic
def answer_advice(user, question: AdviceQuestion, text: str) -> AdviceReply:
    reply = AdviceReply.objects.create(
        question=question,
        text=text,
        author=user,
        author_name=user.display_name,
        author_roles=_roles(user, question),
    )
    if question.answered_at is None and has_permission(user, Permission.ADVICE_ANSWER, question):
        question.answered_at = timezone.now()
        question.save(update_fields=["answered_at"])
    audit.record_created(user, reply, summary=f"Replied to “{question.subject}”")
    people = [question.asked_by] if question.asked_by else []
    people += [r.author for r in question.replies.select_related("author") if r.author]
    _notify(people, f"New reply to “{question.subject}”", reverse("workbook:advice",
            args=[question.pk]), exclude=user)  # fmt: skip
    return reply


@transaction.atomic
def promote_to_faq(user, question: AdviceQuestion, *, asked: str, answer: str) -> FaqEntry:
    if hasattr(question, "faq"):
        raise WorkbookError("This question is already in the programme's FAQ")
    if not question.replies.exists():
        raise WorkbookError("Only an answered question can go in the FAQ")
    entry = FaqEntry.objects.create(
        programme_id=question.section.plan.team.cohort.programme_id,
        question=asked,
        answer=answer,
        section_key=question.section.key,
        from_question=question,
        created_by=user,
    )
    audit.record_created(user, entry, summary="Added a question to the programme FAQ")
    return entry


# --- Notifications ------------------------------------------------------------------


def open_notification(user, notification: Notification) -> str:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification.url


def mark_all_read(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# --- Import -------------------------------------------------------------------------


@transaction.atomic
def import_plan(user, team, document) -> EvaluationPlan:
    """Recreate a plan from the JSON export. Each section gets a new revision, so an
    existing plan's history is kept, not replaced."""
    from coeval.web.workbook.exchange import read_document

    sections = read_document(document)
    plan = start_plan(user, team, title=document.get("plan", {}).get("title", ""))
    for section in plan.sections.all():
        if section.key in sections:
            merged = {**content_rules.empty_content(section.spec), **sections[section.key]}
            if merged != section.content:
                _write_revision(user, _locked(section), merged, "Imported from a JSON file")
    audit.record(user, "imported", plan, summary="Imported the plan from a JSON file")
    return plan
