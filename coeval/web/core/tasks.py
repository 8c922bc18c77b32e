"""Background tasks: enqueue a function, let a worker run it, show its progress.

    task = enqueue("coeval.web.datasets.tasks.run_analysis", analysis_id=3, actor=user)

The function is called as ``function(progress, **arguments)`` and returns a
JSON-able result. It reports with ``progress.update(0.4, "Counting rows")``.

``settings.COEVAL_TASKS_MODE`` chooses who runs tasks:

- ``"worker"`` (default): ``manage.py run_worker`` processes, as in the demo and production;
- ``"thread"``: a thread in the web process (browser tests, which watch progress);
- ``"eager"``: at once, inside ``enqueue`` (unit and integration tests).
"""

import logging
import threading
import time
import traceback

from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from coeval.web.core.models import BackgroundTask

log = logging.getLogger(__name__)


class Progress:
    """Handed to a task function. Writes are throttled so progress costs little."""

    def __init__(self, task_id: int, min_interval: float = 0.25):
        self.task_id = task_id
        self.min_interval = min_interval
        self._last_write = 0.0

    def update(self, fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if now - self._last_write < self.min_interval and fraction < 1:
            return
        self._last_write = now
        BackgroundTask.objects.filter(pk=self.task_id).update(
            progress=max(0.0, min(1.0, float(fraction))), message=message[:300]
        )


def enqueue(
    function: str, *, label: str = "", actor=None, programme_id=None, team_id=None, **arguments
):
    import_string(function)  # fail now, in the request, if the path is wrong
    task = BackgroundTask.objects.create(
        function=function,
        arguments=arguments,
        label=label,
        created_by_id=getattr(actor, "pk", None),
        programme_id=programme_id,
        team_id=team_id,
    )
    mode = getattr(settings, "COEVAL_TASKS_MODE", "worker")
    if mode == "eager":
        _claim(task.pk) and _run(task.pk)
    elif mode == "thread":
        transaction.on_commit(
            lambda: threading.Thread(target=_run_in_thread, args=(task.pk,), daemon=True).start()
        )
    task.refresh_from_db()
    return task


def _run_in_thread(task_id: int) -> None:
    try:
        if _claim(task_id):
            _run(task_id)
    finally:
        # This thread's own database connections end with it. Persistent connections
        # (CONN_MAX_AGE on PostgreSQL) would otherwise stay open until collected.
        connections.close_all()


def _claim(task_id: int) -> bool:
    claimed = BackgroundTask.objects.filter(pk=task_id, status=BackgroundTask.Status.QUEUED).update(
        status=BackgroundTask.Status.RUNNING, started_at=timezone.now()
    )
    return claimed == 1


def _run(task_id: int) -> None:
    task = BackgroundTask.objects.get(pk=task_id)
    try:
        function = import_string(task.function)
        result = function(Progress(task.pk), **task.arguments)
    except Exception as exc:  # the task failed: record why, keep the worker alive
        log.exception("Background task %s failed", task.pk)
        BackgroundTask.objects.filter(pk=task.pk).update(
            status=BackgroundTask.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}",
            message="Something went wrong. The error has been recorded.",
            finished_at=timezone.now(),
        )
        if getattr(settings, "COEVAL_TASKS_MODE", "worker") == "eager" and getattr(
            settings, "COEVAL_TASKS_RAISE", False
        ):
            raise
        log.debug(traceback.format_exc())
        return
    BackgroundTask.objects.filter(pk=task.pk).update(
        status=BackgroundTask.Status.DONE,
        progress=1.0,
        result=result or {},
        finished_at=timezone.now(),
    )


def run_next() -> bool:
    """Claim and run the oldest queued task. Returns False when there is none."""
    for task_id in BackgroundTask.objects.filter(status=BackgroundTask.Status.QUEUED).values_list(
        "pk", flat=True
    )[:5]:
        if _claim(task_id):
            _run(task_id)
            return True
    return False


def work_forever(poll_seconds: float = 0.5, stop: threading.Event | None = None) -> None:
    while stop is None or not stop.is_set():
        close_old_connections()
        if not run_next():
            time.sleep(poll_seconds)
