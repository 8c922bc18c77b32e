"""Fixtures shared by the whole suite.

Tests under tests/equity and tests/qualitative are marked ``pure``: they touch
no Django database and run once, on the SQLite pass only.
"""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests are deterministic by default (the same examples on every run, so CI
# cannot fail by chance); HYPOTHESIS_PROFILE=explore searches afresh each run.
settings.register_profile(
    "deterministic",
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile("explore", deadline=None, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "reference"
PURE_DIRS = ("tests/equity", "tests/qualitative", "tests/cli")


def pytest_collection_modifyitems(config, items):
    for item in items:
        relative = Path(item.fspath).resolve().relative_to(ROOT).as_posix()
        if relative.startswith(PURE_DIRS) and "postgres" not in item.keywords:
            item.add_marker(pytest.mark.pure)
        if relative.startswith("tests/browser"):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


def pytest_configure(config):
    config.addinivalue_line("markers", "pure: pure-library test that needs no Django database")


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """../shared/reference, or a skip with a clear reason where it is absent."""
    if not REFERENCE.is_dir():
        pytest.skip(f"External reference data not found at {REFERENCE} (CI always has it)")
    return REFERENCE
