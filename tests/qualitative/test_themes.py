"""Themes move candidate → reviewed → defined, travel as REFI sets and a thematic-map graph,
and come back unchanged; the reflexive journal and the six phases travel with them."""

import io
import zipfile

import pytest

from coeval.qualitative.model import CodeSet, ModelError, Project
from coeval.qualitative.refi import read_qdpx, write_qdpx
from coeval.qualitative.themes import (
    Phase,
    ThematicAnalysis,
    Theme,
    ThemeError,
    ThemeStatus,
    themes_from_refi,
    themes_to_refi,
)

AMINA = "aaaaaaaa-0000-4000-8000-000000000001"
BEN = "bbbbbbbb-0000-4000-8000-000000000002"
TEXT = "The bus never came. 🚌 Staff were kind, but the clinic is far."


@pytest.fixture
def project() -> Project:
    project = Project(name="Access study")
    project.add_code("Transport", guid="11111111-1111-4111-8111-111111111111")
    project.add_code("Distance", guid="22222222-2222-4222-8222-222222222222")
    project.add_code("Kindness", guid="33333333-3333-4333-8333-333333333333")
    source = project.add_text_source("Interview 1", TEXT)
    project.code_text(source.guid, 0, 22, "11111111-1111-4111-8111-111111111111", AMINA)
    project.code_text(source.guid, 44, len(TEXT), "22222222-2222-4222-8222-222222222222")
    return project


@pytest.fixture
def analysis(project) -> ThematicAnalysis:
    analysis = ThematicAnalysis()
    analysis.enter_phase(Phase.FAMILIARISATION, by=AMINA, when="2024-05-01T09:00:00Z")
    analysis.write_journal(
        "I expected cost to dominate; it did not.", AMINA, "2024-05-01T10:00:00Z"
    )
    analysis.enter_phase(Phase.GENERATING_THEMES, by=BEN)
    selection = project.text_sources()[0].selections[0]
    analysis.add_theme(
        project,
        "Getting there is the battle",
        ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"],
        definition="Travel, not treatment, shapes access.",
        supporting_extracts=[selection.guid],
    )
    analysis.add_theme(project, "Kind staff", ["33333333-3333-4333-8333-333333333333"])
    analysis.themes[0].advance()
    analysis.write_journal("Merged transport and distance.\nשלום", BEN)
    return analysis


def test_a_theme_moves_from_candidate_to_reviewed_to_defined():
    theme = Theme(guid="t", name="Trust", definition="Confidence in staff")
    assert [theme.advance(), theme.advance()] == [ThemeStatus.REVIEWED, ThemeStatus.DEFINED]
    with pytest.raises(ThemeError, match="already defined"):
        theme.advance()


def test_a_theme_cannot_be_defined_without_a_definition():
    theme = Theme(guid="t", name="Trust", status=ThemeStatus.REVIEWED)
    with pytest.raises(ThemeError, match="Write a definition"):
        theme.advance()
    assert theme.status is ThemeStatus.REVIEWED


def test_reviewing_can_send_a_theme_back_but_not_skip_ahead():
    theme = Theme(guid="t", name="Trust", definition="d", status=ThemeStatus.DEFINED)
    theme.revisit(ThemeStatus.CANDIDATE)
    assert theme.status is ThemeStatus.CANDIDATE
    with pytest.raises(ThemeError, match="one step at a time"):
        theme.revisit(ThemeStatus.DEFINED)


def test_journal_entries_record_the_phase_they_were_written_in(analysis):
    assert [e.phase for e in analysis.journal] == [
        Phase.FAMILIARISATION,
        Phase.GENERATING_THEMES,
    ]
    assert analysis.current_phase is Phase.GENERATING_THEMES


def test_a_theme_citing_an_unknown_code_or_extract_is_refused(project):
    analysis = ThematicAnalysis()
    with pytest.raises(ModelError, match="no code"):
        analysis.add_theme(project, "X", ["99999999-9999-4999-8999-999999999999"])
    with pytest.raises(ThemeError, match="extracts not in the project"):
        analysis.add_theme(project, "X", [], supporting_extracts=["nope"])
    assert analysis.themes == []


def test_themes_export_as_sets_of_their_codes(analysis, project):
    exported = themes_to_refi(analysis, project)
    sets = {s.name: s for s in exported.sets}
    assert sets["Getting there is the battle"].member_codes == analysis.themes[0].member_codes
    assert sets["Getting there is the battle"].description.startswith("Travel, not treatment")


def test_the_thematic_map_links_themes_to_codes_and_extracts(analysis, project):
    graph = themes_to_refi(analysis, project).graphs[0]
    assert graph.name == "Thematic map"
    assert len(graph.vertices) == 2 + 3 + 1
    assert len(graph.edges) == 4


def test_themes_journal_and_phases_survive_a_qdpx_round_trip(analysis, project):
    exported = themes_to_refi(analysis, project)
    assert themes_from_refi(read_qdpx(write_qdpx(exported))) == analysis


def test_the_export_with_themes_is_schema_valid(analysis, project, project_schema):
    archive = write_qdpx(themes_to_refi(analysis, project))
    project_schema.validate(io.BytesIO(zipfile.ZipFile(io.BytesIO(archive)).read("project.qde")))


def test_exporting_again_replaces_themes_rather_than_duplicating_them(analysis, project):
    once = themes_to_refi(analysis, project)
    analysis.themes.pop()
    twice = themes_to_refi(analysis, once)
    assert [s.name for s in twice.sets] == ["Getting there is the battle", "Reflexive journal"]
    assert len(twice.notes) == 2
    assert themes_from_refi(twice) == analysis


def test_ordinary_sets_from_other_tools_are_not_taken_for_themes(project):
    project.sets.append(CodeSet(guid="44444444-4444-4444-8444-444444444444", name="NVivo set"))
    assert themes_from_refi(project).themes == []
    assert themes_to_refi(ThematicAnalysis(), project).sets == project.sets


@pytest.fixture(scope="session")
def project_schema(reference_dir):
    xmlschema = pytest.importorskip("xmlschema")
    return xmlschema.XMLSchema(str(reference_dir / "refi-qda" / "Project-mrt2019.xsd"))
