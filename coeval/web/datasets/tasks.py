"""Background work on datasets: checking a new file, and running an analysis.

Both run in the worker (``manage.py run_worker``), so a large file or a long
simulation never holds up anybody's page. Only disclosure-controlled results are
written back to the database.
"""

import time

from django.db import OperationalError, transaction
from django.utils import timezone

from coeval.equity import AnalysisSpec, InputError, run_profile
from coeval.web.core import audit
from coeval.web.datasets import actions, rows
from coeval.web.datasets.checks import FileCheck, Problem, check_file
from coeval.web.datasets.models import Analysis, Dataset
from coeval.web.datasets.results import stored_result


def check_dataset(progress, dataset_id: int) -> dict:
    dataset = Dataset.objects.select_related("team__cohort").get(pk=dataset_id)
    if dataset.kind == Dataset.Kind.TABLE:
        check = _check_table(dataset)
    else:
        check = check_file(dataset.stored_path, dataset.file_format, progress.update)
    actions.finish_check(dataset, check)
    return {"status": dataset.status, "problems": len(check.problems)}


def _check_table(dataset) -> FileCheck:
    try:
        columns = rows.describe_columns(dataset)
        count = rows.count_rows(dataset)
    except Exception as error:  # each database reports a bad address in its own way
        problem = Problem(
            "unreachable",
            "The table could not be read: check the address, the table name and that the "
            f"database lets coeval in ({type(error).__name__}). Nothing was imported.",
        )
        return FileCheck([problem], [], None, "")
    if count == 0:
        return FileCheck(
            [Problem("empty", "The table has no rows. Nothing was imported.")], columns, 0, ""
        )
    return FileCheck([], columns, count, "table")


def run_analysis(progress, analysis_id: int) -> dict:
    analysis = Analysis.objects.select_related("dataset__team__cohort").get(pk=analysis_id)
    Analysis.objects.filter(pk=analysis.pk).update(status=Analysis.Status.RUNNING)
    try:
        spec = AnalysisSpec.from_dict(analysis.spec)
        source = rows.engine_source(analysis.dataset)
        try:
            profile = run_profile(spec, source, progress=_best_effort(progress))
        finally:
            source.close()
        progress.update(0.97, "Drawing the charts")
        result = stored_result(
            profile,
            outcome_words=analysis.outcome_words or f"be counted in {profile.indicator_name}",
            rule=spec.disclosure,
        )
    except InputError as error:
        # The reason and the column or row, never the file's path on the server.
        _finish(analysis, Analysis.Status.FAILED, error=error.without_file())
        return {"status": "failed"}
    except Exception:
        _finish(
            analysis, Analysis.Status.FAILED, error="Something went wrong. It has been recorded."
        )
        raise
    _finish(analysis, Analysis.Status.DONE, result=result)
    return {"status": "done"}


def _best_effort(progress):
    """Progress is a courtesy: a busy database must not fail the analysis itself."""

    def update(fraction, message):
        try:
            progress.update(fraction, message)
        except OperationalError:
            pass

    return update


def _finish(analysis, status, *, result=None, error=""):
    # SQLite may be briefly locked by page reads; the result must still be saved.
    for attempt in range(5):
        try:
            return _save_finish(analysis, status, result=result, error=error)
        except OperationalError:
            if attempt == 4:
                raise
            time.sleep(0.2 * (attempt + 1))


@transaction.atomic
def _save_finish(analysis, status, *, result=None, error=""):
    before = audit.snapshot(analysis, fields=["status"])
    analysis.status = status
    analysis.result = result or {}
    analysis.error = error[:2000]
    analysis.finished_at = timezone.now()
    analysis.save()
    audit.record_updated(None, analysis, before, summary=f"Analysis {analysis.title}: {status}")
