"""Production settings come from the environment, and Django's deploy check passes."""

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _production_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COEVAL_", "DJANGO_", "DEBUG"))}
    env.update(
        DJANGO_SETTINGS_MODULE="coeval.web.settings",
        SECRET_KEY="a-production-secret-key-that-is-long-and-random-0123456789abcdefghijkl",
        ALLOWED_HOSTS="coeval.example.nhs.uk",
        COEVAL_VAR_DIR=str(tmp_path),
    )
    return env


def test_the_deploy_check_passes_with_production_settings(tmp_path):
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=_production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = _production_env(tmp_path)
    del env["SECRET_KEY"]
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_sqlite_databases_on_disk_run_in_wal_mode_with_immediate_transactions(
    tmp_path, django_db_blocker
):
    from django.conf import settings
    from django.db.backends.sqlite3.base import DatabaseWrapper

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("WAL mode is a SQLite setting; this pass runs on PostgreSQL")
    config = {**settings.DATABASES["default"], "NAME": str(tmp_path / "wal.sqlite3")}
    wrapper = DatabaseWrapper(config, alias="wal-check")
    with django_db_blocker.unblock():
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
            assert wrapper.transaction_mode == "IMMEDIATE"
        finally:
            wrapper.close()


def test_database_url_selects_postgresql(tmp_path):
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    env = _production_env(tmp_path)
    env["DATABASE_URL"] = "postgresql://someone@127.0.0.1:5432/coeval"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "django.db.backends.postgresql", result.stderr
