"""Programmes, cohorts, teams, and who holds which role in them."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from coeval.web.core.authorization import Scope
from coeval.web.core.roles import ALL_ROLE_CHOICES, PROGRAMME_ROLE_CHOICES, TEAM_ROLE_CHOICES


class Programme(models.Model):
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def permission_scope(self) -> Scope:
        return Scope(programme_id=self.pk)


class Cohort(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "name"]

    def __str__(self) -> str:
        return self.name

    def permission_scope(self) -> Scope:
        return Scope(programme_id=self.programme_id, cohort_id=self.pk)


class Team(models.Model):
    """A mixed team evaluating one local service."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=200)
    service_name = models.CharField("service being evaluated", max_length=200)
    service_description = models.TextField("what the service does", blank=True)
    organisations = models.TextField("organisations involved", blank=True)
    population = models.TextField("who the service is for", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def permission_scope(self) -> Scope:
        return Scope(
            programme_id=self.cohort.programme_id, cohort_id=self.cohort_id, team_id=self.pk
        )


class ProgrammeRole(models.Model):
    """A programme-wide role (manager, facilitator, adviser), optionally for one cohort."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_roles"
    )
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="roles")
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, null=True, blank=True, related_name="roles"
    )
    role = models.CharField(max_length=40, choices=PROGRAMME_ROLE_CHOICES)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme", "cohort", "role"], name="unique_programme_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"

    def permission_scope(self) -> Scope:
        return Scope(programme_id=self.programme_id, cohort_id=self.cohort_id)


class TeamMembership(models.Model):
    """A person's role in one team. Row-level data access is a separate, explicit grant."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_memberships"
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=40, choices=TEAM_ROLE_CHOICES)
    joined_at = models.DateTimeField(default=timezone.now)
    data_access_granted_at = models.DateTimeField(null=True, blank=True)
    data_access_granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "team"], name="one_role_per_team")]
        ordering = ["team", "role"]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} in {self.team}"

    def permission_scope(self) -> Scope:
        return self.team.permission_scope()


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An emailed link that lets a person join a team or the programme in a role."""

    email = models.EmailField()
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="invitations")
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    role = models.CharField(max_length=40, choices=ALL_ROLE_CHOICES)
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def permission_scope(self) -> Scope:
        if self.team_id:
            return self.team.permission_scope()
        return Scope(programme_id=self.programme_id, cohort_id=self.cohort_id)

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_used(self) -> bool:
        return self.accepted_at is not None
