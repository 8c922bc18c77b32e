"""The evaluation plan: its sections, every revision of them, drafts, comments,
advice threads and the programme FAQ, and in-app notifications.

Nothing here is ever overwritten in place without a trace: a section's content is the
content of its latest revision, and restoring an old revision makes a new one.
"""

from django.conf import settings
from django.db import models

from coeval.web.workbook import sections as spec


class PlanState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for sign-off"
    APPROVED = "approved", "Approved"


class SectionState(models.TextChoices):
    DRAFT = "draft", "Draft"
    READY = "ready", "Ready for review"
    REVIEWED = "reviewed", "Reviewed"
    AGREED = "agreed", "Agreed"


class EvaluationPlan(models.Model):
    """A team's coproduced, equity-sensitive evaluation plan (one per team)."""

    team = models.OneToOneField(
        "programmes.Team", on_delete=models.CASCADE, related_name="evaluation_plan"
    )
    title = models.CharField(max_length=300)
    state = models.CharField(max_length=12, choices=PlanState.choices, default=PlanState.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The steering group's sign-off: who decided, when, and what they said.
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.title

    def permission_scope(self):
        return self.team.permission_scope()


class Section(models.Model):
    """One page of the workbook. ``content`` is the latest revision's content."""

    plan = models.ForeignKey(EvaluationPlan, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=40, choices=[(s.key, s.title) for s in spec.SECTIONS])
    content = models.JSONField(default=dict, blank=True)
    revision = models.PositiveIntegerField(default=0)
    state = models.CharField(
        max_length=10, choices=SectionState.choices, default=SectionState.DRAFT
    )
    updated_at = models.DateTimeField(auto_now=True)
    feedback = models.TextField(blank=True)  # the facilitator's latest review
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="one_section_of_each_kind")
        ]

    def __str__(self) -> str:
        return f"{self.spec.title} – {self.plan}"

    @property
    def spec(self) -> spec.Section:
        return spec.get(self.key)

    @property
    def number(self) -> int:
        return self.spec.number

    def permission_scope(self):
        return self.plan.permission_scope()


class SectionRevision(models.Model):
    """A saved version of a section, attributed to a person and their roles."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    content = models.JSONField(default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200)
    author_roles = models.CharField(max_length=300, blank=True)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["section", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="one_revision_number")
        ]

    def __str__(self) -> str:
        return f"Revision {self.number} of {self.section}"

    @property
    def role_keys(self) -> list[str]:
        return [k for k in self.author_roles.split(",") if k]

    def permission_scope(self):
        return self.section.permission_scope()


class SectionDraft(models.Model):
    """What one person has typed but not saved yet, so closing the browser loses nothing."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="drafts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content = models.JSONField(default=dict)
    base_revision = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["section", "user"], name="one_draft_per_person")
        ]

    def __str__(self) -> str:
        return f"Unsaved changes to {self.section} by {self.user}"

    def permission_scope(self):
        return self.section.permission_scope()


class CommentKind(models.TextChoices):
    COMMENT = "comment", "Comment"
    SUGGESTION = "suggestion", "Suggestion"


class Comment(models.Model):
    """A comment or suggestion on a section. An adopted one links to the revision it
    caused: the "you said, we did" record."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="comments")
    kind = models.CharField(max_length=12, choices=CommentKind.choices)
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200)
    author_roles = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    adopted_at = models.DateTimeField(null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adopted_revision = models.ForeignKey(
        SectionRevision, null=True, blank=True, on_delete=models.SET_NULL, related_name="adopted"
    )
    we_did = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.author_name}"

    @property
    def is_adopted(self) -> bool:
        return self.adopted_at is not None

    @property
    def role_keys(self) -> list[str]:
        return [k for k in self.author_roles.split(",") if k]

    def permission_scope(self):
        return self.section.permission_scope()


class AdviceQuestion(models.Model):
    """A methodological question from the team, tied to one section."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    subject = models.CharField(max_length=200)
    text = models.TextField()
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_by_name = models.CharField(max_length=200)
    asked_by_roles = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject

    def permission_scope(self):
        return self.section.permission_scope()


class AdviceReply(models.Model):
    question = models.ForeignKey(AdviceQuestion, on_delete=models.CASCADE, related_name="replies")
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=200)
    author_roles = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Reply by {self.author_name}"

    def permission_scope(self):
        return self.question.permission_scope()


class FaqEntry(models.Model):
    """A programme FAQ entry, promoted from an answered advice question."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="faq_entries"
    )
    question = models.TextField()
    answer = models.TextField()
    section_key = models.CharField(max_length=40, blank=True)
    from_question = models.OneToOneField(
        AdviceQuestion, null=True, blank=True, on_delete=models.SET_NULL, related_name="faq"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["section_key", "created_at"]

    def __str__(self) -> str:
        return self.question[:80]

    def permission_scope(self):
        return self.programme.permission_scope()


class PlannedIndicator(models.Model):
    """An indicator from the data plan, kept as the JSON of an equity AnalysisSpec so the
    data and analysis pages can run it without reading the workbook's content."""

    plan = models.ForeignKey(EvaluationPlan, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=300)
    outcome = models.CharField(max_length=300, blank=True)
    spec = models.JSONField()
    from_revision = models.PositiveIntegerField()

    class Meta:
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return self.name

    def analysis_spec(self):
        from coeval.equity.spec import AnalysisSpec

        return AnalysisSpec.from_dict(self.spec)

    def permission_scope(self):
        return self.plan.permission_scope()


class Notification(models.Model):
    """A message in someone's in-app inbox, with a link to what it is about."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text
