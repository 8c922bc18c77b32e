"""Every worked example on the methods pages runs, so the documentation stays true."""

import re
from pathlib import Path

import pytest

METHODS = Path(__file__).resolve().parents[3] / "docs" / "methods"
PAGES = sorted(page for page in METHODS.glob("*.md") if page.name != "README.md")
PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def test_every_indicator_has_a_methods_page():
    names = {page.stem for page in PAGES}
    expected = {"intervals", "proportion", "crude-rate", "mean", "dsr", "isr"}
    expected |= {"life-expectancy", "quantiles", "funnel-plots"}
    assert expected <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.stem)
def test_the_worked_example_on_the_page_holds(page):
    blocks = PYTHON_BLOCK.findall(page.read_text())
    assert blocks, f"{page.name} has no worked example"
    for block in blocks:
        exec(compile(block, str(page), "exec"), {})
