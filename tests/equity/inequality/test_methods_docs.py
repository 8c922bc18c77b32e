"""The worked examples on the inequality methods pages run, so they stay true."""

import re
from pathlib import Path

import pytest

METHODS = Path(__file__).resolve().parents[3] / "docs" / "methods"
PAGES = ["sii-rii", "heat-any-dimension", "heat-ordered", "heat-non-ordered", "change-over-time"]
PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


@pytest.mark.parametrize("name", PAGES)
def test_the_worked_example_on_each_inequality_page_holds(name):
    page = METHODS / f"{name}.md"
    blocks = PYTHON_BLOCK.findall(page.read_text())
    assert blocks, f"{page.name} has no worked example"
    for block in blocks:
        exec(compile(block, str(page), "exec"), {})
