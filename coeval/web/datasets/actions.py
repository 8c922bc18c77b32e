"""Everything that changes datasets, analyses and row-level access.

Each action runs in one transaction and writes to the audit trail. Reads of
row-level data are audited too (``record_access``), so the trail shows who looked
at what, not only who changed it.
"""

from django.db import transaction
from django.utils import timezone

from coeval.web.core import audit
from coeval.web.core.authorization import forget_cached_grants
from coeval.web.core.roles import TEAM_ROLES
from coeval.web.core.tasks import enqueue
from coeval.web.datasets import crypto, storage
from coeval.web.datasets.checks import ERROR
from coeval.web.datasets.models import Analysis, Dataset


class DatasetError(Exception):
    """Something the person can fix; the message is for them."""


def _enqueue_check(actor, dataset: Dataset) -> None:
    task = enqueue(
        "coeval.web.datasets.tasks.check_dataset",
        label=f"Checking {dataset.name}",
        actor=actor,
        programme_id=dataset.permission_scope().programme_id,
        team_id=dataset.team_id,
        dataset_id=dataset.pk,
    )
    Dataset.objects.filter(pk=dataset.pk).update(check_task_id=task.pk)


@transaction.atomic
def upload_dataset(actor, team, *, name, upload, description="", is_aggregated=False) -> Dataset:
    file_format = storage.format_of(upload.name)
    if file_format is None:
        raise DatasetError("The file must be a CSV, Excel (.xlsx) or Parquet file.")
    relative, size = storage.store_upload(upload, team.pk, file_format)
    dataset = Dataset.objects.create(
        team=team,
        name=name,
        description=description,
        kind=Dataset.Kind.FILE,
        file_format=file_format,
        original_name=upload.name[:255],
        stored_path=relative,
        size_bytes=size,
        is_aggregated=is_aggregated,
        created_by=actor,
    )
    audit.record_created(actor, dataset, summary=f"Uploaded the dataset {name}")
    _enqueue_check(actor, dataset)
    return dataset


@transaction.atomic
def connect_table(
    actor, team, *, name, connection_url, table_name, description="", is_aggregated=False
) -> Dataset:
    dataset = Dataset.objects.create(
        team=team,
        name=name,
        description=description,
        kind=Dataset.Kind.TABLE,
        file_format="table",
        connection_encrypted=crypto.encrypt(connection_url),
        table_name=table_name,
        is_aggregated=is_aggregated,
        created_by=actor,
    )
    # The audit trail keeps the address without its password.
    audit.record(
        actor,
        "created",
        dataset,
        summary=f"Connected the table {table_name} at {crypto.redact(connection_url)}",
    )
    _enqueue_check(actor, dataset)
    return dataset


@transaction.atomic
def finish_check(dataset: Dataset, check) -> Dataset:
    """Store a file check's outcome: imported whole, or not at all."""
    before = audit.snapshot(dataset, fields=["status", "row_count", "stored_path"])
    dataset.validation = {
        "problems": [p.as_dict() for p in check.problems],
        "checked_at": timezone.now().isoformat(),
    }
    dataset.columns = check.columns
    dataset.row_count = check.row_count
    if check.imported:
        if check.parquet_path != dataset.stored_path:
            storage.remove(dataset.stored_path)  # the Parquet copy replaces the upload
            dataset.stored_path = check.parquet_path
        dataset.file_format = "parquet" if dataset.kind == Dataset.Kind.FILE else "table"
        dataset.status = Dataset.Status.NEEDS_MAPPING
    else:
        dataset.status = Dataset.Status.PROBLEMS
    dataset.save()
    audit.record_updated(
        None,
        dataset,
        before,
        summary=f"Checked {dataset.name}: {dataset.get_status_display().lower()}",
    )
    return dataset


@transaction.atomic
def save_mapping(actor, dataset: Dataset, mapping: dict, problems, periods) -> Dataset:
    before = audit.snapshot(dataset, fields=["mapping", "status"])
    file_problems = [p for p in dataset.problems if p.get("kind") not in MAPPING_KINDS]
    dataset.mapping = mapping
    dataset.periods = periods
    dataset.validation = {
        **dataset.validation,
        "problems": file_problems + [p.as_dict() for p in problems],
    }
    blocked = any(p.severity == ERROR for p in problems)
    dataset.status = Dataset.Status.PROBLEMS if blocked else Dataset.Status.READY
    dataset.save()
    audit.record_updated(actor, dataset, before, summary=f"Matched the columns of {dataset.name}")
    return dataset


MAPPING_KINDS = ("unknown_codes", "negative_counts", "wrong_type", "missing_periods")


def keep_lookup(actor, dataset: Dataset, upload) -> str:
    """Store an IMD lookup file for the dataset; its path. An earlier one is kept, since
    analyses already run name it in their specification."""
    relative = storage.store_lookup(upload, dataset.team_id)
    audit.record(
        actor,
        "uploaded",
        dataset,
        summary=f"Uploaded the IMD lookup file {upload.name} for {dataset.name}",
    )
    return relative


@transaction.atomic
def start_analysis(
    actor, dataset: Dataset, *, title, spec: dict, outcome_words="", planned_indicator_id=None
) -> Analysis:
    if dataset.status != Dataset.Status.READY:
        raise DatasetError("Match the dataset's columns and fix its problems before analysing it.")
    analysis = Analysis.objects.create(
        dataset=dataset,
        title=title,
        spec=spec,
        outcome_words=outcome_words,
        planned_indicator_id=planned_indicator_id,
        created_by=actor,
    )
    audit.record_created(actor, analysis, summary=f"Started the analysis {title}")
    task = enqueue(
        "coeval.web.datasets.tasks.run_analysis",
        label=f"Analysing {title}",
        actor=actor,
        programme_id=dataset.permission_scope().programme_id,
        team_id=dataset.team_id,
        analysis_id=analysis.pk,
    )
    Analysis.objects.filter(pk=analysis.pk).update(task_id=task.pk)
    analysis.refresh_from_db()
    return analysis


def record_access(actor, target, what: str) -> None:
    """Audit a read: every look at a dataset or its outputs is on the trail."""
    audit.record(actor, "viewed", target, summary=what)


@transaction.atomic
def grant_row_access(actor, membership):
    from coeval.web.programmes.actions import grant_row_level_data

    if not TEAM_ROLES[membership.role].can_be_granted_row_level_data:
        raise DatasetError(
            f"A {membership.get_role_display().lower()} cannot be given row-level data."
        )
    membership = grant_row_level_data(actor, membership)
    forget_cached_grants(membership.user)
    return membership


@transaction.atomic
def revoke_row_access(actor, membership):
    before = audit.snapshot(membership, fields=["data_access_granted_at", "data_access_granted_by"])
    membership.data_access_granted_at = None
    membership.data_access_granted_by = None
    membership.save()
    forget_cached_grants(membership.user)
    audit.record_updated(
        actor,
        membership,
        before,
        summary=f"Took away {membership.user.display_name}'s access to row-level data",
    )
    return membership
