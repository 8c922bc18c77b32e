"""The programme's evaluation of itself: capacity surveys, workshop feedback, GRIPP2."""

from django.conf import settings
from django.db import models


class Stage(models.TextChoices):
    PRE = "pre", "Before the programme"
    POST = "post", "After the programme"


class CapacityResponse(models.Model):
    """One person's self-rated capacity (1 to 10 per skill), before or after."""

    cohort = models.ForeignKey(
        "programmes.Cohort", on_delete=models.CASCADE, related_name="capacity_responses"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=4, choices=Stage.choices)
    ratings = models.JSONField(default=dict)  # {item key: 1..10}
    comment = models.TextField(blank=True)
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "user", "stage"], name="one_capacity_response_per_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} survey"

    def permission_scope(self):
        return self.cohort.permission_scope()


class WorkshopFeedback(models.Model):
    session = models.ForeignKey(
        "curriculum.Session", on_delete=models.CASCADE, related_name="feedback"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    usefulness = models.PositiveSmallIntegerField()  # 1..5
    confidence_change = models.CharField(max_length=10)  # more, same, less
    went_well = models.TextField(blank=True)
    to_change = models.TextField(blank=True)
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_feedback_per_session")
        ]

    def __str__(self) -> str:
        return f"Feedback on {self.session}"

    def permission_scope(self):
        return self.session.permission_scope()


class Gripp2Report(models.Model):
    """The GRIPP2 short form for one team's public involvement."""

    team = models.OneToOneField(
        "programmes.Team", on_delete=models.CASCADE, related_name="gripp2_report"
    )
    aim = models.TextField()
    methods = models.TextField()
    results = models.TextField()
    outcomes = models.TextField("outcomes and influence")
    reflection = models.TextField("critical reflection")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"GRIPP2 report for {self.team}"

    def permission_scope(self):
        return self.team.permission_scope()
