"""People's profiles in the directory, and the connections the programme brokers."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from coeval.web.core.authorization import Scope


class Profile(models.Model):
    """What a person shares about themselves in the people directory."""

    class Visibility(models.TextChoices):
        PROGRAMME = "programme", "Everyone in my programme"
        TEAMS = "teams", "Only people in my teams, and programme staff"
        NOBODY = "nobody", "Nobody: leave me out of the directory"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    skills = models.TextField(blank=True)  # one per line or comma separated
    interests = models.TextField(blank=True)
    about = models.TextField(blank=True)
    visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.PROGRAMME
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @staticmethod
    def split(text: str) -> list[str]:
        parts = text.replace("\n", ",").split(",")
        return [p.strip() for p in parts if p.strip()]

    @property
    def skill_list(self) -> list[str]:
        return self.split(self.skills)

    @property
    def interest_list(self) -> list[str]:
        return self.split(self.interests)


class Connection(models.Model):
    """A brokered introduction: who introduced whom to whom, about what, and what came of it."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="connections"
    )
    introduced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    introduced_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    about = models.TextField()
    outcome = models.TextField(blank=True)
    made_on = models.DateField(default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-made_on", "-id"]

    def __str__(self) -> str:
        return f"{self.person} introduced to {self.introduced_to}"

    def permission_scope(self) -> Scope:
        return Scope(programme_id=self.programme_id)
