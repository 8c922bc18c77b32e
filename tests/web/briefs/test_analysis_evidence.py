"""A brief picks up a real, finished analysis from the datasets app, and only its
disclosure-controlled numbers."""

import functools
import re

import pytest

from coeval.web.briefs import actions, sources
from tests.web.briefs.helpers import make_brief
from tests.web.datasets.conftest import analyse, map_columns, upload


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def quick_simulation(monkeypatch):
    from coeval.equity import profile

    monkeypatch.setattr(
        profile, "profile_counts", functools.partial(profile.profile_counts, repetitions=2000)
    )


def test_a_finished_analysis_is_offered_as_evidence_with_its_sentences_tables_and_chart(world):
    analysis = analyse(world, map_columns(world, upload(world)))
    offered = sources.analysis_outputs(world.team)
    assert [e.source_id for e in offered] == [str(analysis.pk)]
    evidence = offered[0]
    assert evidence.title == analysis.title
    assert evidence.content["sentences"], "the plain-language interpretation comes along"
    assert evidence.content["charts"] and "$schema" in evidence.content["charts"][0]
    assert "suppress" in evidence.content["disclosure"]
    captions = [t["caption"] for t in evidence.content["tables"]]
    assert "Results by group" in captions


def test_no_small_count_reaches_a_brief_from_a_real_analysis(world):
    analysis = analyse(world, map_columns(world, upload(world)))
    brief = make_brief(world)
    actions.add_item(world.user("project_lead"), brief, "analysis", str(analysis.pk))
    item = brief.items.get()
    results = next(t for t in item.content["tables"] if t["caption"] == "Results by group")
    counts = [row[results["columns"].index("numerator")] for row in results["rows"]]
    numbers = [int(c.replace(",", "")) for c in counts if re.fullmatch(r"[\d,]+", str(c))]
    assert numbers, "some counts are published"
    assert not [n for n in numbers if 1 <= n <= 7]
    assert all(n % 5 == 0 for n in numbers), "published counts are rounded to 5"


def test_another_teams_analysis_is_not_offered(world):
    analyse(world, map_columns(world, upload(world)))
    assert sources.analysis_outputs(world.other_team) == []
