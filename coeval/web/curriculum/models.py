"""The curriculum: a programme's schedule template, each cohort's sessions,
their materials and attendance, and the tasks teams carry between sessions."""

from django.conf import settings
from django.db import models

from coeval.web.core.authorization import Scope


class SessionKind(models.TextChoices):
    WORKSHOP = "workshop", "Workshop"
    SUPPORT_MEETING = "support_meeting", "Support meeting"
    REVIEW_MEETING = "review_meeting", "Monthly review meeting"
    REVIEW_WORKSHOP = "review_workshop", "Review workshop"
    DISSEMINATION = "dissemination", "Dissemination event"


class TemplateSession(models.Model):
    """One session in the programme's schedule template (the programme's own shape)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="template_sessions"
    )
    kind = models.CharField(max_length=20, choices=SessionKind.choices)
    title = models.CharField(max_length=200)
    week = models.PositiveSmallIntegerField(
        "weeks after the cohort starts", help_text="0 is the first week."
    )
    start_time = models.TimeField()
    duration_minutes = models.PositiveSmallIntegerField("length in minutes", default=120)
    agenda = models.TextField(blank=True)
    learning_objectives = models.TextField(blank=True)

    class Meta:
        ordering = ["week", "start_time", "id"]

    def __str__(self) -> str:
        return self.title

    def permission_scope(self) -> Scope:
        return Scope(programme_id=self.programme_id)


class Session(models.Model):
    """A meeting of a cohort: a workshop, support meeting, review or event."""

    cohort = models.ForeignKey(
        "programmes.Cohort", on_delete=models.CASCADE, related_name="sessions"
    )
    kind = models.CharField(max_length=20, choices=SessionKind.choices)
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    place = models.CharField("place", max_length=300, blank=True)
    online_link = models.URLField("online meeting link", blank=True)
    agenda = models.TextField(blank=True)
    learning_objectives = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    agreed_actions = models.TextField(blank=True)
    from_template = models.ForeignKey(
        TemplateSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return self.title

    def permission_scope(self) -> Scope:
        return self.cohort.permission_scope()


def _material_path(instance, filename):
    return f"curriculum/materials/{instance.session.cohort_id}/{filename}"


class Material(models.Model):
    """A file or a link for a session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=_material_path, blank=True, max_length=300)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    link = models.URLField(blank=True, max_length=500)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return self.title

    def permission_scope(self) -> Scope:
        return self.session.permission_scope()


class Attendance(models.Model):
    """Who came to a session, and in which role."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=40)
    team = models.ForeignKey(
        "programmes.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_attendance_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.session}"

    def permission_scope(self) -> Scope:
        return self.session.permission_scope()


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class Task(models.Model):
    """Work a team agreed to do between sessions."""

    team = models.ForeignKey("programmes.Team", on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField("task", max_length=300)
    details = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="curriculum_tasks",
    )
    due_on = models.DateField("due date")
    status = models.CharField(
        max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title

    def permission_scope(self) -> Scope:
        return self.team.permission_scope()

    @property
    def is_open(self) -> bool:
        return self.status != TaskStatus.DONE
