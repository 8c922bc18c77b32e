"""Everything that changes the curriculum: one function per change, in a
transaction, with an audit event."""

from datetime import timedelta

from django.db import transaction

from coeval.web.core import audit
from coeval.web.curriculum.default_template import DEFAULT_TEMPLATE
from coeval.web.curriculum.models import Attendance, Material, Session, Task, TemplateSession
from coeval.web.curriculum.services import clashing_session, local_datetime


class ScheduleError(Exception):
    """A schedule change that cannot be made; the message is for the person."""


def ensure_template(programme) -> list[TemplateSession]:
    """Give a programme the default schedule template if it has none yet."""
    if TemplateSession.objects.filter(programme=programme).exists():
        return list(TemplateSession.objects.filter(programme=programme))
    TemplateSession.objects.bulk_create(
        TemplateSession(
            programme=programme,
            kind=item["kind"],
            title=item["title"],
            week=item["week"],
            start_time=item["start"],
            duration_minutes=item["minutes"],
            agenda=item["agenda"],
            learning_objectives=item["objectives"],
        )
        for item in DEFAULT_TEMPLATE
    )
    return list(TemplateSession.objects.filter(programme=programme))


_TEMPLATE_FIELDS = (
    "kind",
    "title",
    "week",
    "start_time",
    "duration_minutes",
    "agenda",
    "learning_objectives",
)


@transaction.atomic
def save_template_session(actor, programme, data: dict, item=None) -> TemplateSession:
    if item is None:
        item = TemplateSession.objects.create(programme=programme, **data)
        audit.record_created(actor, item, summary="Added a session to the schedule template")
        return item
    before = audit.snapshot(item, fields=_TEMPLATE_FIELDS)
    for key, value in data.items():
        setattr(item, key, value)
    item.save()
    audit.record_updated(actor, item, before, summary="Changed the schedule template")
    return item


@transaction.atomic
def delete_template_session(actor, item) -> None:
    audit.record_deleted(actor, item, summary="Removed a session from the schedule template")
    item.delete()


@transaction.atomic
def generate_sessions(actor, cohort, start_date, place="", online_link="") -> list[Session]:
    """Make a cohort's sessions from its programme's template, starting on start_date."""
    items = ensure_template(cohort.programme)
    if Session.objects.filter(cohort=cohort, from_template__isnull=False).exists():
        raise ScheduleError(
            "This cohort already has a schedule made from the template. "
            "Change its sessions one by one instead."
        )
    planned = []
    for item in items:
        day = start_date + timedelta(weeks=item.week)
        starts_at = local_datetime(day, item.start_time)
        ends_at = starts_at + timedelta(minutes=item.duration_minutes)
        clash = clashing_session(cohort, starts_at, ends_at)
        if clash is not None:
            raise ScheduleError(
                f"“{item.title}” would clash with “{clash.title}” on "
                f"{clash.starts_at:%-d %B %Y}. Choose another start date, "
                "or move that session first."
            )
        planned.append(
            Session(
                cohort=cohort,
                kind=item.kind,
                title=item.title,
                starts_at=starts_at,
                ends_at=ends_at,
                place=place,
                online_link=online_link,
                agenda=item.agenda,
                learning_objectives=item.learning_objectives,
                from_template=item,
            )
        )
    sessions = Session.objects.bulk_create(planned)
    audit.record(
        actor,
        "generated schedule",
        cohort,
        changes={"start_date": {"old": None, "new": start_date.isoformat()}},
        summary=f"Made {len(sessions)} sessions from the schedule template",
    )
    return sessions


_SESSION_FIELDS = (
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "place",
    "online_link",
    "agenda",
    "learning_objectives",
    "notes",
    "agreed_actions",
)


@transaction.atomic
def save_session(actor, cohort, data: dict, session=None) -> Session:
    """Create or change a session. The form has already checked clashes and times."""
    if session is None:
        session = Session.objects.create(cohort=cohort, **data)
        audit.record_created(actor, session, summary="Added a session")
        return session
    before = audit.snapshot(session, fields=_SESSION_FIELDS)
    for key, value in data.items():
        setattr(session, key, value)
    session.save()
    audit.record_updated(actor, session, before, summary="Changed a session")
    return session


@transaction.atomic
def add_material(actor, session, title, upload=None, file_type=None, link="") -> Material:
    material = Material(session=session, title=title, link=link, added_by=actor)
    if upload is not None:
        material.original_name = upload.name[:255]
        material.content_type = file_type.content_type if file_type else ""
        material.size = upload.size
        material.file.save(upload.name, upload, save=False)
    material.save()
    audit.record_created(actor, material, summary=f"Added material to {session}")
    return material


@transaction.atomic
def remove_material(actor, material) -> None:
    audit.record_deleted(actor, material, summary="Removed a session material")
    stored = material.file.name
    storage = material.file.storage
    material.delete()
    if stored:
        # Remove the file only once the row is surely gone.
        transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def record_attendance(actor, session, present) -> list[Attendance]:
    """Replace a session's attendance with ``present``: (user, role key, team or None)."""
    before = sorted(f"{a.user_id}:{a.role}" for a in Attendance.objects.filter(session=session))
    Attendance.objects.filter(session=session).delete()
    rows = Attendance.objects.bulk_create(
        Attendance(session=session, user=user, role=role, team=team, recorded_by=actor)
        for user, role, team in present
    )
    after = sorted(f"{a.user_id}:{a.role}" for a in rows)
    audit.record(
        actor,
        "recorded attendance",
        session,
        changes={"attendance": {"old": before, "new": after}} if before != after else {},
        summary=f"{len(rows)} people at {session}",
    )
    return rows


_TASK_FIELDS = ("title", "details", "owner", "due_on", "status", "session")


@transaction.atomic
def save_task(actor, team, data: dict, task=None) -> Task:
    if task is None:
        task = Task.objects.create(team=team, **data)
        audit.record_created(actor, task, summary=f"Added a task for {team}")
        return task
    before = audit.snapshot(task, fields=_TASK_FIELDS)
    for key, value in data.items():
        setattr(task, key, value)
    task.save()
    audit.record_updated(actor, task, before, summary="Changed a task")
    return task
