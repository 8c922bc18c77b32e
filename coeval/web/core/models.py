from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models


class CoevalUserManager(UserManager):
    def create_user(self, email, password=None, **extra):
        extra.setdefault("username", email.lower())
        return super().create_user(email=email.lower(), password=password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("username", email.lower())
        return super().create_superuser(email=email.lower(), password=password, **extra)


class User(AbstractUser):
    """A person. They sign in with their email address."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=200, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["username"]

    objects = CoevalUserManager()

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.email

    def __str__(self) -> str:
        return self.display_name


class AuditEvent(models.Model):
    """One change to anything in coeval. No foreign keys: history survives deletes."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(max_length=200)
    actor_roles = models.CharField(max_length=300, blank=True)
    action = models.CharField(max_length=60)
    target_type = models.CharField(max_length=100)
    target_id = models.CharField(max_length=64)
    target_label = models.CharField(max_length=300, blank=True)
    programme_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    changes = models.JSONField(default=dict, blank=True)
    summary = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.actor_name} {self.action} {self.target_label}"


class BackgroundTask(models.Model):
    """Long work (large analyses, PDF rendering) run outside the request by a worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    function = models.CharField(max_length=200)  # dotted path to function(progress, **arguments)
    arguments = models.JSONField(default=dict)
    label = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    progress = models.FloatField(default=0.0)  # 0..1
    message = models.CharField(max_length=300, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_by_id = models.BigIntegerField(null=True, blank=True)
    programme_id = models.BigIntegerField(null=True, blank=True)
    team_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.label or self.function

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return round(100 * self.progress)
