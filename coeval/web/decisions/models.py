"""The decision and impact log: what was decided, on what evidence, and what changed.

Each decision names its forum and date, the options weighed, who was there (by role)
and the briefs or outputs that informed it. Impacts record what changed in the
service and for which groups; follow-ups hold the HEAT review 6 to 12 months on, so
the log keeps asking whether the change reduced inequalities.
"""

from django.conf import settings
from django.db import models

HEAT_DIMENSIONS = (
    ("protected", "Protected characteristics"),
    ("socioeconomic", "Socio-economic status and deprivation"),
    ("geography", "Geography: urban, rural, coastal"),
    ("inclusion", "Inclusion-health groups"),
)


class Decision(models.Model):
    team = models.ForeignKey("programmes.Team", on_delete=models.CASCADE, related_name="decisions")
    forum = models.CharField("where it was decided", max_length=200)
    decided_on = models.DateField("date of the decision")
    decision = models.TextField("what was decided")
    options_considered = models.TextField("options considered", blank=True)
    briefs = models.ManyToManyField("briefs.Brief", blank=True, related_name="decisions")
    # Analysis outputs cited directly: [{"id": ..., "title": ...}] (ids, not keys, so a
    # re-run or deleted analysis cannot rewrite the record of what was cited).
    outputs = models.JSONField(default=list, blank=True)
    present_roles = models.JSONField("who was there, by role", default=list, blank=True)
    present_note = models.CharField("others who were there", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.forum}, {self.decided_on:%d %b %Y}"

    def permission_scope(self):
        return self.team.permission_scope()


class Impact(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="impacts")
    what_changed = models.TextField("what changed in the service")
    groups = models.TextField("for which groups")
    dimensions = models.JSONField("HEAT dimensions", default=list, blank=True)
    observed_on = models.DateField("when it was seen")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["observed_on", "id"]

    def __str__(self) -> str:
        return self.what_changed[:80]

    def permission_scope(self):
        return self.decision.permission_scope()

    @property
    def dimension_labels(self) -> list[str]:
        names = dict(HEAT_DIMENSIONS)
        return [names.get(d, d) for d in self.dimensions]


class FollowUp(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="follow_ups")
    due_on = models.DateField()
    what = models.CharField(max_length=300)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.what

    def permission_scope(self):
        return self.decision.permission_scope()

    @property
    def is_open(self) -> bool:
        return self.done_at is None
