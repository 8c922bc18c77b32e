"""The project model: coding, reshaping the codebook without losing codings, and comparison
of codes across groups of participants (equity-sensitive analysis)."""

import pytest

from coeval.qualitative.model import (
    Case,
    CodeFrequency,
    ModelError,
    Project,
    Variable,
    VariableType,
    VariableValue,
    check_value,
)

TEXT = "I could not get there. 🚌 The bus never came. Staff were kind. Parking is dear."


def _clause(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


@pytest.fixture
def study() -> Project:
    """Two participants in different IMD quintiles, coded by two coders."""
    project = Project(name="Access study")
    project.add_user("Amina", guid="u-amina")
    project.add_user("Ben", guid="u-ben")
    barriers = project.add_code("Barriers", guid="c-barriers")
    project.add_code("Transport", parent=barriers.guid, guid="c-transport")
    project.add_code("Cost", parent=barriers.guid, guid="c-cost")
    project.add_code("Kindness", guid="c-kind")
    one = project.add_text_source("Interview 1", TEXT, guid="s-1")
    two = project.add_text_source("Interview 2", TEXT, guid="s-2")
    for source in (one, two):
        project.code_text(source.guid, *_clause("The bus never came."), "c-transport", "u-amina")
        project.code_text(source.guid, *_clause("Staff were kind."), "c-kind", "u-ben")
    project.code_text("s-1", *_clause("Parking is dear."), "c-cost", "u-amina")
    project.code_text("s-1", *_clause("I could not get there. 🚌"), "c-transport", "u-ben")
    quintile = Variable(guid="v-imd", name="IMD quintile", type=VariableType.INTEGER)
    project.variables.append(quintile)
    for case_id, source_id, value in (("p-1", "s-1", 1), ("p-2", "s-2", 5)):
        project.cases.append(
            Case(
                guid=case_id,
                name=case_id,
                source_refs=[source_id],
                variable_values=[VariableValue("v-imd", VariableType.INTEGER, value)],
            )
        )
    return project


def _coding_count(project: Project) -> int:
    return sum(1 for _ in project.iter_codings())


def test_coding_records_the_coder_and_the_exact_text(study):
    extracts = study.extracts("c-transport")
    assert {(e.coder, e.text) for e in extracts} == {
        ("u-amina", "The bus never came."),
        ("u-ben", "I could not get there. 🚌"),
    }


def test_two_codes_on_the_same_characters_share_one_selection(study):
    study.code_text("s-2", *_clause("Staff were kind."), "c-cost", "u-amina")
    source = study.text_source("s-2")
    assert len(source.selections) == 2
    assert [c.code_guid for c in source.selections[1].codings] == ["c-kind", "c-cost"]


@pytest.mark.parametrize("start, end", [(-1, 3), (5, 5), (0, len(TEXT) + 1)])
def test_a_selection_outside_the_text_is_refused(study, start, end):
    with pytest.raises(ModelError, match=f"text has {len(TEXT)} characters"):
        study.code_text("s-1", start, end, "c-kind")


def test_a_heading_code_cannot_be_applied(study):
    study.code("c-barriers").is_codable = False
    with pytest.raises(ModelError, match="heading"):
        study.code_text("s-1", 0, 3, "c-barriers")


def test_merging_codes_moves_every_coding_and_removes_the_merged_code(study):
    before = _coding_count(study)
    study.merge_codes("c-cost", into="c-transport")
    assert _coding_count(study) == before
    assert len(study.extracts("c-transport")) == 4
    with pytest.raises(ModelError, match="no code"):
        study.code("c-cost")


def test_merging_a_code_keeps_its_sub_codes_under_the_target(study):
    study.merge_codes("c-barriers", into="c-kind")
    assert [c.name for c in study.code("c-kind").children] == ["Transport", "Cost"]
    assert study.parent_of("c-transport").guid == "c-kind"


def test_merging_a_code_into_its_own_sub_code_is_refused(study):
    with pytest.raises(ModelError, match="own sub-codes"):
        study.merge_codes("c-barriers", into="c-cost")


def test_merging_updates_set_memberships_and_case_code_refs(study):
    from coeval.qualitative.model import CodeSet

    study.sets.append(CodeSet(guid="set", name="S", member_codes=["c-cost", "c-transport"]))
    study.cases[0].code_refs = ["c-cost"]
    study.merge_codes("c-cost", into="c-transport")
    assert study.sets[0].member_codes == ["c-transport"]
    assert study.cases[0].code_refs == ["c-transport"]


def test_moving_a_code_takes_its_codings_along(study):
    study.move_code("c-transport", new_parent="c-kind")
    assert study.parent_of("c-transport").guid == "c-kind"
    assert len(study.extracts("c-transport")) == 3
    study.move_code("c-transport", new_parent=None, position=0)
    assert study.codes[0].guid == "c-transport"


def test_moving_a_code_under_its_own_descendant_is_refused(study):
    with pytest.raises(ModelError, match="under itself"):
        study.move_code("c-barriers", new_parent="c-transport")


def test_splitting_a_code_reassigns_only_the_chosen_codings(study):
    chosen = [e.coding_guid for e in study.extracts("c-transport") if "🚌" in e.text]
    new = study.split_code("c-transport", "Getting there", chosen)
    assert [e.text for e in study.extracts(new.guid)] == ["I could not get there. 🚌"]
    assert len(study.extracts("c-transport")) == 2
    assert study.parent_of(new.guid).guid == "c-barriers"


def test_splitting_with_a_coding_of_another_code_is_refused_and_changes_nothing(study):
    kind = study.extracts("c-kind")[0].coding_guid
    before = _coding_count(study), len(list(study.iter_codes()))
    with pytest.raises(ModelError, match="not codings of that code"):
        study.split_code("c-transport", "X", [kind])
    assert (_coding_count(study), len(list(study.iter_codes()))) == before


def test_code_frequencies_compare_groups_by_a_case_attribute(study):
    by_quintile = study.code_frequencies_by("IMD quintile")
    assert by_quintile[1]["c-transport"] == CodeFrequency(codings=2, cases=1)
    assert by_quintile[5]["c-transport"] == CodeFrequency(codings=1, cases=1)
    assert "c-cost" not in by_quintile[5]


def test_selections_of_no_case_are_counted_under_none_rather_than_dropped(study):
    study.cases.pop()
    by_quintile = study.code_frequencies_by("IMD quintile")
    assert by_quintile[None]["c-kind"] == CodeFrequency(codings=1, cases=0)


def test_extracts_are_grouped_by_attribute_for_side_by_side_reading(study):
    grouped = study.extracts_by("c-barriers", "IMD quintile", include_sub_codes=True)
    assert sorted(e.text for e in grouped[5]) == ["The bus never came."]
    assert len(grouped[1]) == 3


def test_a_case_naming_a_selection_overrides_its_source(study):
    selection = study.text_source("s-2").selections[0]
    study.cases.append(
        Case(
            guid="p-3",
            selection_refs=[selection.guid],
            variable_values=[VariableValue("v-imd", VariableType.INTEGER, 3)],
        )
    )
    assert study.attribute_of_selections("v-imd")[selection.guid] == 3


def test_an_unknown_attribute_is_named_in_the_error(study):
    with pytest.raises(ModelError, match="'Ethnicity'"):
        study.code_frequencies_by("Ethnicity")


@pytest.mark.parametrize(
    "kind, value",
    [(VariableType.INTEGER, True), (VariableType.INTEGER, "3"), (VariableType.TEXT, 3)],
)
def test_a_value_of_the_wrong_type_is_refused(kind, value):
    with pytest.raises(ModelError, match=f"A {kind.value} attribute cannot hold"):
        check_value(kind, value)
