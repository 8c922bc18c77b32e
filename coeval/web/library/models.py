"""The resources library: files and links for the whole programme, tagged by topic."""

from django.conf import settings
from django.db import models

from coeval.web.core.authorization import Scope


class Topic(models.TextChoices):
    LOGIC_MODELS = "logic_models", "Logic models"
    EVALUATION_DESIGN = "evaluation_design", "Evaluation design"
    HEALTH_INEQUALITIES = "health_inequalities", "Health inequalities"
    DATA_AND_STATISTICS = "data_and_statistics", "Data and statistics"
    PUBLIC_INVOLVEMENT = "public_involvement", "Public involvement"
    DISSEMINATION = "dissemination", "Dissemination"


def _resource_path(instance, filename):
    return f"library/{instance.programme_id}/{filename}"


class Resource(models.Model):
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="resources"
    )
    title = models.CharField(max_length=200)
    summary = models.TextField("plain-language summary")
    file = models.FileField(upload_to=_resource_path, blank=True, max_length=300)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    link = models.URLField(blank=True, max_length=500)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def permission_scope(self) -> Scope:
        return Scope(programme_id=self.programme_id)

    @property
    def topic_labels(self) -> list[str]:
        return [Topic(t.topic).label for t in self.topics.all()]


class ResourceTopic(models.Model):
    """One topic tag on a resource (a resource may have several)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(max_length=30, choices=Topic.choices, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "topic"], name="one_tag_per_topic")
        ]
        ordering = ["topic"]

    def __str__(self) -> str:
        return self.get_topic_display()
