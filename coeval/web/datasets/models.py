"""Datasets a team keeps private, and the analyses run on them.

A dataset's rows never leave the private area: the file sits under MEDIA_ROOT
(outside the web root) or in the team's own database. An analysis stores only its
disclosure-controlled result, so whatever a page, file or API shows from it has
already passed disclosure control.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Dataset(models.Model):
    class Kind(models.TextChoices):
        FILE = "file", "Uploaded file"
        TABLE = "table", "Database table"

    class Status(models.TextChoices):
        CHECKING = "checking", "Being checked"
        PROBLEMS = "problems", "Not imported: has problems"
        NEEDS_MAPPING = "needs_mapping", "Columns need matching"
        READY = "ready", "Ready to analyse"

    team = models.ForeignKey("programmes.Team", on_delete=models.CASCADE, related_name="datasets")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FILE)
    # "csv", "excel" or "parquet" for files; "table" for a database table.
    file_format = models.CharField(max_length=10)
    original_name = models.CharField(max_length=255, blank=True)
    # Relative to MEDIA_ROOT; never a URL. Empty for a database table.
    stored_path = models.CharField(max_length=500, blank=True)
    size_bytes = models.BigIntegerField(default=0)
    # A database table: the Ibis connection URL, encrypted (see crypto.py), and its name.
    connection_encrypted = models.TextField(blank=True)
    table_name = models.CharField(max_length=200, blank=True)
    is_aggregated = models.BooleanField(
        default=False, help_text="One row per group with counts, rather than one row per person."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CHECKING)
    row_count = models.BigIntegerField(null=True, blank=True)
    # [{"name": ..., "type": ...}] as read from the file, in order.
    columns = models.JSONField(default=list, blank=True)
    # {"problems": [{"kind", "message", "column", "rows"}], "checked_at": ...}
    validation = models.JSONField(default=dict, blank=True)
    # {"outcome": col, "outcome_value": "1", "imd": col, "imd_level": ..., ...}
    mapping = models.JSONField(default=dict, blank=True)
    # The distinct periods found when the mapping was saved, for the analysis form.
    periods = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    check_task_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    def permission_scope(self):
        return self.team.permission_scope()

    @property
    def problems(self) -> list[dict]:
        return self.validation.get("problems", [])


class Analysis(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="analyses")
    title = models.CharField(max_length=200)
    # The coeval.equity AnalysisSpec, as JSON (without a source: the dataset is the source).
    spec = models.JSONField()
    # The data plan indicator it came from, if any (an id, so a plan change cannot break it).
    planned_indicator_id = models.BigIntegerField(null=True, blank=True)
    # Completes "People in the most deprived fifth were 1.8 times as likely to ...".
    outcome_words = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    task_id = models.BigIntegerField(null=True, blank=True)
    # Only disclosure-controlled tables, chart specs and sentences: see tasks.py.
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "analyses"

    def __str__(self) -> str:
        return self.title

    def permission_scope(self):
        return self.dataset.team.permission_scope()

    @property
    def team(self):
        return self.dataset.team

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
