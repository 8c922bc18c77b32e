"""The programme's shared language: plain-language terms, proposed by members
and approved by facilitators. Only approved terms are shown or linked."""

from django.conf import settings
from django.db import models

from coeval.web.core.authorization import Scope


class TermStatus(models.TextChoices):
    PROPOSED = "proposed", "Waiting for review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Not accepted"


class Term(models.Model):
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="glossary_terms"
    )
    term = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140)
    also_known_as = models.CharField(
        "other names",
        max_length=300,
        blank=True,
        help_text="Other names or abbreviations, separated by commas.",
    )
    definition = models.TextField("what it means")
    status = models.CharField(
        max_length=10, choices=TermStatus.choices, default=TermStatus.PROPOSED, db_index=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposal_note = models.TextField("where you met this term", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "slug"], name="one_term_per_slug")
        ]

    def __str__(self) -> str:
        return self.term

    def permission_scope(self) -> Scope:
        return Scope(programme_id=self.programme_id)

    @property
    def names(self) -> list[str]:
        """The term and its other names: every wording that is linked to this entry."""
        others = [n.strip() for n in self.also_known_as.split(",") if n.strip()]
        return [self.term, *others]

    @property
    def anchor(self) -> str:
        return f"term-{self.slug}"
