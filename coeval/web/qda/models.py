"""The qualitative workspace: a team's projects, transcripts, codes, codings, cases and themes.

Positions (``Selection.start``/``end``) are Unicode code points of ``Document.plain_text``,
the convention of coeval.qualitative and of REFI-QDA, so codings export exactly as stored.
Everything carries the GUID it has (or will have) in a REFI-QDA project, so an export
re-imported elsewhere and brought back can be recognised.
"""

import uuid

from django.conf import settings
from django.db import models

from coeval.web.core.authorization import Scope


def new_guid() -> str:
    return str(uuid.uuid4())


class Approach(models.TextChoices):
    REFLEXIVE = "reflexive", "Reflexive thematic analysis"
    CODEBOOK = "codebook", "Codebook (structured coding with a shared codebook)"


class QdaProject(models.Model):
    """One qualitative analysis, belonging to a team (a team may run several)."""

    team = models.ForeignKey(
        "programmes.Team", on_delete=models.CASCADE, related_name="qda_projects"
    )
    guid = models.CharField(max_length=64, default=new_guid, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    approach = models.CharField(max_length=20, choices=Approach.choices, default=Approach.REFLEXIVE)
    # Agreement scores are a reliability check for codebook projects; in reflexive thematic
    # analysis they would be misread as a quality test, so they stay off unless chosen.
    show_agreement = models.BooleanField(default=False)
    # The GUID of the pure ThematicAnalysis, kept so repeated exports replace, not duplicate.
    analysis_guid = models.CharField(max_length=64, default=new_guid, editable=False)
    # Which original became which pseudonym, so every transcript uses the same ones.
    pseudonyms = models.JSONField(default=dict, blank=True)
    origin = models.CharField(max_length=200, blank=True)
    # What an imported .qdpx holds beyond these tables (PDF and media sources, links, other
    # sets and graphs, dates, ...), kept read-only so exports lose nothing: see preserved.py.
    preserved = models.JSONField(default=dict, blank=True, editable=False)
    # Archive files of the import (rich text, PDFs, media), relative to MEDIA_ROOT; never served.
    preserved_files = models.CharField(max_length=200, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "qualitative project"

    def __str__(self) -> str:
        return self.name

    def permission_scope(self) -> Scope:
        return self.team.permission_scope()

    @property
    def agreement_offered(self) -> bool:
        return self.approach == Approach.CODEBOOK or self.show_agreement


class Coder(models.Model):
    """A person who coded: a coeval user, or someone named in an imported project."""

    project = models.ForeignKey(QdaProject, on_delete=models.CASCADE, related_name="coders")
    guid = models.CharField(max_length=64, default=new_guid)
    name = models.CharField(max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="qda_one_coder_per_user"),
        ]

    def __str__(self) -> str:
        return self.name

    def permission_scope(self) -> Scope:
        return self.project.permission_scope()


class Code(models.Model):
    project = models.ForeignKey(QdaProject, on_delete=models.CASCADE, related_name="codes")
    guid = models.CharField(max_length=64, default=new_guid)
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    color = models.CharField(max_length=7, blank=True)  # "#RRGGBB"
    description = models.TextField(blank=True)
    is_codable = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name", "id"]

    def __str__(self) -> str:
        return self.name

    def permission_scope(self) -> Scope:
        return self.project.permission_scope()


class Document(models.Model):
    """A transcript or other text, stored as the plain text that positions refer to."""

    project = models.ForeignKey(QdaProject, on_delete=models.CASCADE, related_name="documents")
    guid = models.CharField(max_length=64, default=new_guid)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    plain_text = models.TextField()
    # The text before pseudonymisation, kept only when the person importing chose to keep it.
    original_text = models.TextField(blank=True)
    format = models.CharField(max_length=20, blank=True)
    # Speaker turns as [speaker, start, end, speech_start] in code points.
    turns = models.JSONField(default=list, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "transcript"

    def __str__(self) -> str:
        return self.name

    def permission_scope(self) -> Scope:
        return self.project.permission_scope()

    @property
    def speakers(self) -> list[str]:
        return list(dict.fromkeys(turn[0] for turn in self.turns))


class PendingDocument(models.Model):
    """An uploaded transcript waiting for its pseudonyms to be reviewed; never coded."""

    project = models.ForeignKey(QdaProject, on_delete=models.CASCADE, related_name="pending")
    name = models.CharField(max_length=200)
    text = models.TextField()
    format = models.CharField(max_length=20, blank=True)
    turns = models.JSONField(default=list, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    proposals = models.JSONField(default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "transcript awaiting review"

    def __str__(self) -> str:
        return self.name

    def permission_scope(self) -> Scope:
        return self.project.permission_scope()


class Variable(models.Model):
    """A typed case attribute, such as role, IMD quintile, ethnicity or age band."""

    class Type(models.TextChoices):
        TEXT = "Text", "Text"
        INTEGER = "Integer", "Whole number"
        FLOAT = "Float", "Number"
        BOOLEAN = "Boolean", "Yes or no"
        DATE = "Date", "Date"

    project = models.ForeignKey(QdaProject, on_delete=models.CASCADE, related_name="variables")
    guid = models.CharField(max_length=64, default=new_guid)
    name = models.CharField(max_length=100)
    type = models.CharField(max_length=10, choices=Type.choices, default=Type.TEXT)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name", "id"]

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    """A participant or group, linked to the transcripts where they speak."""

    project = models.ForeignKey(QdaProject, on_delete=models.CASCADE, related_name="cases")
    guid = models.CharField(max_length=64, default=new_guid)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    documents = models.ManyToManyField(Document, blank=True, related_name="cases")

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def permission_scope(self) -> Scope:
        return self.project.permission_scope()


class CaseValue(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="values")
    variable = models.ForeignKey(Variable, on_delete=models.CASCADE, related_name="values")
    # Stored as text; Variable.type says how to read it (see services.typed_value).
    value = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "variable"], name="qda_one_value_per_case"),
        ]

    def __str__(self) -> str:
        return f"{self.variable}: {self.value}"


class Selection(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="selections")
    guid = models.CharField(max_length=64, default=new_guid)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    created_by = models.ForeignKey(
        Coder, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "end", "id"]
        indexes = [models.Index(fields=["document", "start", "end"])]

    def __str__(self) -> str:
        return f"characters {self.start}-{self.end} of {self.document}"

    def text(self) -> str:
        return self.document.plain_text[self.start : self.end]


class Coding(models.Model):
    """One code applied to one selection by one coder."""

    selection = models.ForeignKey(Selection, on_delete=models.CASCADE, related_name="codings")
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="codings")
    coder = models.ForeignKey(Coder, on_delete=models.PROTECT, related_name="codings")
    guid = models.CharField(max_length=64, default=new_guid)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["selection__start", "id"]

    def __str__(self) -> str:
        return f"{self.code} by {self.coder}"

    def permission_scope(self) -> Scope:
        return self.code.project.permission_scope()


class CodingAction(models.Model):
    """A coder's last coding change, so it can be undone."""

    class Kind(models.TextChoices):
        APPLIED = "applied", "Applied codes"
        REMOVED = "removed", "Removed a coding"

    project = models.ForeignKey(QdaProject, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # APPLIED: the coding ids made. REMOVED: enough to put the coding back.
    detail = models.JSONField(default=dict)
    undone = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class Memo(models.Model):
    """A note written during analysis, on a code, a transcript, a coding or the project."""

    project = models.ForeignKey(QdaProject, on_delete=models.CASCADE, related_name="memos")
    guid = models.CharField(max_length=64, default=new_guid)
    text = models.TextField()
    code = models.ForeignKey(
        Code, null=True, blank=True, on_delete=models.CASCADE, related_name="memos"
    )
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.CASCADE, related_name="memos"
    )
    coding = models.ForeignKey(
        Coding, null=True, blank=True, on_delete=models.CASCADE, related_name="memos"
    )
    author = models.ForeignKey(
        Coder, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Memo: {self.text[:60]}"

    def permission_scope(self) -> Scope:
        return self.project.permission_scope()


class Theme(models.Model):
    class Status(models.TextChoices):
        CANDIDATE = "candidate", "Candidate"
        REVIEWED = "reviewed", "Reviewed"
        DEFINED = "defined", "Defined"

    project = models.ForeignKey(QdaProject, on_delete=models.CASCADE, related_name="themes")
    guid = models.CharField(max_length=64, default=new_guid)
    name = models.CharField(max_length=200)
    definition = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CANDIDATE)
    codes = models.ManyToManyField(Code, blank=True, related_name="themes")
    extracts = models.ManyToManyField(Selection, blank=True, related_name="themes")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

    def permission_scope(self) -> Scope:
        return self.project.permission_scope()


class Phase(models.TextChoices):
    """The six phases of reflexive thematic analysis (values match coeval.qualitative.themes)."""

    FAMILIARISATION = "familiarisation", "1. Familiarisation with the data"
    CODING = "coding", "2. Coding"
    GENERATING_THEMES = "generating initial themes", "3. Generating initial themes"
    REVIEWING_THEMES = "reviewing themes", "4. Reviewing themes"
    DEFINING_THEMES = "defining and naming themes", "5. Defining and naming themes"
    WRITING_UP = "writing up", "6. Writing up"


class PhaseStep(models.Model):
    project = models.ForeignKey(QdaProject, on_delete=models.CASCADE, related_name="phase_steps")
    phase = models.CharField(max_length=40, choices=Phase.choices)
    entered_at = models.DateTimeField()
    by = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["entered_at", "id"]

    def __str__(self) -> str:
        return self.get_phase_display()


class JournalEntry(models.Model):
    project = models.ForeignKey(QdaProject, on_delete=models.CASCADE, related_name="journal")
    guid = models.CharField(max_length=64, default=new_guid)
    text = models.TextField()
    phase = models.CharField(max_length=40, choices=Phase.choices)
    author = models.CharField(max_length=200, blank=True)
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["written_at", "id"]
        verbose_name = "reflexive journal entry"
        verbose_name_plural = "reflexive journal entries"

    def __str__(self) -> str:
        return f"Journal: {self.text[:60]}"

    def permission_scope(self) -> Scope:
        return self.project.permission_scope()
