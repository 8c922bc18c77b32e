"""The layers stay apart: the pure libraries never import Django or the web app."""

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PURE_LIBRARIES = ["coeval/equity", "coeval/qualitative"]
FORBIDDEN = ("django", "coeval.web", "django_htmx")


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, node.lineno


def _python_files():
    for library in PURE_LIBRARIES:
        yield from sorted((ROOT / library).rglob("*.py"))


@pytest.mark.pure
def test_pure_libraries_import_nothing_from_django_or_the_web_app():
    offending = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in _python_files()
        for module, line in _imports(path)
        if module.split(".")[0] in FORBIDDEN or module.startswith("coeval.web")
    ]
    assert not offending, "\n".join(offending)


@pytest.mark.pure
def test_the_layer_check_would_notice_a_django_import(tmp_path):
    sample = tmp_path / "bad.py"
    sample.write_text("from django.db import models\n")
    assert [m for m, _ in _imports(sample)] == ["django.db"]
