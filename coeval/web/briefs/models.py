"""Evidence briefs: what a team tells its board, the public, or a poster session.

A brief is built from items (plan sections, analysis outputs, qualitative themes),
each a snapshot taken when it was added, so a released brief says exactly what the
approver saw even if the analysis is run again later. Released briefs never change:
editing one starts a new draft version in the same series.
"""

import uuid

from django.conf import settings
from django.db import models


class BriefFormat(models.TextChoices):
    BOARD = "board", "Board brief (2 pages)"
    PUBLIC = "public", "Plain-language summary for the public"
    POSTER = "poster", "Poster"


class BriefState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for approval"
    RELEASED = "released", "Released"


class ItemKind(models.TextChoices):
    PLAN_SECTION = "plan_section", "Evaluation plan section"
    ANALYSIS = "analysis", "Analysis output"
    THEME = "theme", "Qualitative theme"


class BriefReleased(Exception):
    """A change to a released brief was attempted. Released briefs are the record."""


class Brief(models.Model):
    team = models.ForeignKey("programmes.Team", on_delete=models.CASCADE, related_name="briefs")
    # Every version of one brief shares a series; version counts up from 1.
    series = models.UUIDField(default=uuid.uuid4, db_index=True)
    version = models.PositiveIntegerField(default=1)
    format = models.CharField(max_length=10, choices=BriefFormat.choices)
    title = models.CharField(max_length=200)
    key_messages = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=BriefState.choices, default=BriefState.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approval_note = models.TextField(blank=True)

    class Meta:
        ordering = ["team", "title", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["series", "version"], name="one_brief_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    def save(self, *args, **kwargs):
        # The last line of defence: even code that skips actions cannot rewrite the record.
        if self.pk and Brief.objects.filter(pk=self.pk, state=BriefState.RELEASED).exists():
            raise BriefReleased("A released brief cannot be changed. Start a new version.")
        super().save(*args, **kwargs)

    def permission_scope(self):
        return self.team.permission_scope()

    @property
    def is_released(self) -> bool:
        return self.state == BriefState.RELEASED

    @property
    def is_editable(self) -> bool:
        return self.state == BriefState.DRAFT


class BriefItem(models.Model):
    """One piece of evidence in a brief, as it was when it was added."""

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=ItemKind.choices)
    # The id of what it came from (a section key, an analysis id or a theme id). Not a
    # foreign key: the source may change or go; the snapshot is what the brief says.
    source_id = models.CharField(max_length=64)
    title = models.CharField(max_length=300)
    # {"paragraphs": [...], "sentences": [...], "tables": [{"caption", "columns", "rows"}],
    #  "charts": [vega-lite spec], "disclosure": "rule applied"}
    content = models.JSONField(default=dict)

    class Meta:
        ordering = ["brief", "position", "id"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if Brief.objects.filter(pk=self.brief_id, state=BriefState.RELEASED).exists():
            raise BriefReleased("A released brief cannot be changed. Start a new version.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if Brief.objects.filter(pk=self.brief_id, state=BriefState.RELEASED).exists():
            raise BriefReleased("A released brief cannot be changed. Start a new version.")
        return super().delete(*args, **kwargs)

    def permission_scope(self):
        return self.brief.permission_scope()


class BriefExport(models.Model):
    """A rendered PDF. Kept so a released brief's file is made once and stays the same."""

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="exports")
    task_id = models.BigIntegerField(null=True, blank=True)
    content = models.BinaryField(blank=True, default=b"")
    filename = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.filename or f"PDF of {self.brief}"

    def permission_scope(self):
        return self.brief.permission_scope()

    @property
    def is_ready(self) -> bool:
        return self.finished_at is not None and bool(self.content)
