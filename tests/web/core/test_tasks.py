"""Background tasks run in a thread give back the thread's database connection."""

import threading

import pytest
from django.db import connections

from coeval.web.core import tasks
from coeval.web.core.models import BackgroundTask


@pytest.mark.django_db(transaction=True)
def test_a_task_run_in_a_thread_closes_that_threads_database_connection(monkeypatch):
    if connections["default"].vendor == "sqlite" and connections["default"].is_in_memory_db():
        pytest.skip(
            "Django never closes an in-memory SQLite test database; the PostgreSQL pass checks this"
        )
    seen = {}

    def run(task_id):
        wrapper = connections["default"]
        wrapper.ensure_connection()
        seen["wrapper"] = wrapper
        seen["open"] = wrapper.connection is not None

    monkeypatch.setattr(tasks, "_run", run)
    task = BackgroundTask.objects.create(function="coeval.web.core.tasks.run_next")
    thread = threading.Thread(target=tasks._run_in_thread, args=(task.pk,))
    thread.start()
    thread.join()
    assert seen["open"]  # the task had its own connection...
    assert seen["wrapper"].connection is None  # ...and it was closed when the task ended
    assert seen["wrapper"] is not connections["default"]  # this thread's stays its own
