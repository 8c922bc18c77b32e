"""A property over random datasets: no page, file or API answer ever shows a count
from 1 to 7. Counts are the numerator and denominator cells of every output."""

import csv
import io
import json
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coeval.web.datasets.models import Analysis
from tests.web.datasets.conftest import analyse, map_columns, upload

pytestmark = pytest.mark.django_db

SMALL = set(range(1, 8))


@st.composite
def small_datasets(draw):
    n = draw(st.integers(min_value=12, max_value=160))
    seed = draw(st.integers(min_value=0, max_value=2**31))
    rng = np.random.default_rng(seed)
    uptake = draw(st.floats(min_value=0.02, max_value=0.98))
    # Uneven group sizes, so that some groups are small and some are empty.
    weights = rng.dirichlet(np.full(5, draw(st.floats(min_value=0.3, max_value=3.0))))
    frame = pd.DataFrame(
        {
            "imd_quintile": rng.choice([1, 2, 3, 4, 5], n, p=weights),
            "sex": rng.choice(["M", "F"], n),
            "year": rng.choice([2023, 2024], n),
        }
    )
    frame["bp_checked"] = (rng.random(n) < uptake).astype(int)
    # Every period needs people in it, or there is no before and after.
    frame.loc[0, "year"], frame.loc[1, "year"] = 2023, 2024
    return frame


def _numbers(text: str) -> set[int]:
    return {int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)}


def _html_counts(html: str) -> set[int]:
    cells = re.findall(r"<td[^>]*data-count[^>]*>([^<]*)</td>", html)
    return set().union(*(_numbers(c) for c in cells)) if cells else set()


def _docx_counts(content: bytes) -> set[int]:
    from docx import Document

    counts: set[int] = set()
    for table in Document(io.BytesIO(content)).tables:
        header = [c.text for c in table.rows[0].cells]
        for column in ("Numerator", "Denominator"):
            if column in header:
                i = header.index(column)
                for row in table.rows[1:]:
                    counts |= _numbers(row.cells[i].text)
    return counts


def _pdf_counts(content: bytes) -> set[int]:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    # Table rows read "period, compared by, group, numerator, denominator, value, interval".
    row = re.compile(r"^\d{4}(?: \+ \d{4})? (?:Deprivation quintile|Sex) \S+ (\S+) (\S+) ")
    counts: set[int] = set()
    lines = [m for m in (row.match(line) for line in text.splitlines()) if m]
    assert lines, "the PDF has no table rows to check"
    for found in lines:
        counts |= _numbers(found.group(1)) | _numbers(found.group(2))
    return counts


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(frame=small_datasets())
def test_no_output_ever_shows_a_count_from_one_to_seven(world, client_for, frame):
    dataset = map_columns(
        world,
        upload(world, frame),
        {
            "outcome": "bp_checked",
            "outcome_value": "1",
            "period": "year",
            "imd": "imd_quintile",
            "imd_level": "quintile",
            "imd_edition": "IMD2019",
            "sex": "sex",
        },
    )
    analysis = analyse(world, dataset, before=("2023",), after=("2024",))
    client = client_for("public_adviser")
    base = f"/data/analyses/{analysis.pk}"
    if analysis.status == Analysis.Status.FAILED:
        # The engine cannot rank fewer than five quintiles: nothing is published then.
        assert "all five" in analysis.error, analysis.error
        assert not _html_counts(client.get(f"{base}/").content.decode())
        assert client.get(f"{base}/results.csv").status_code == 403
        return

    page = client.get(f"{base}/").content.decode()
    assert not _html_counts(page) & SMALL

    listing = client.get(f"/data/teams/{world.team.pk}/").content.decode()
    assert not re.search(r"about [1-7] rows", listing)

    rows = list(
        csv.DictReader(io.StringIO(client.get(f"{base}/results.csv").content.decode("utf-8-sig")))
    )
    csv_counts = {int(r[c]) for r in rows for c in ("numerator", "denominator") if r[c]}
    assert not csv_counts & SMALL

    api = json.loads(client.get(f"/data/api/v1/analyses/{analysis.pk}.json").content)
    api_counts = {
        int(r[c])
        for r in api["tables"]["indicators"]
        for c in ("numerator", "denominator")
        if r[c] is not None
    }
    assert not api_counts & SMALL

    assert not _docx_counts(client.get(f"{base}/results.docx").content) & SMALL
    assert not _pdf_counts(client.get(f"{base}/results.pdf").content) & SMALL
