"""The logic model builder, and indicators becoming equity analysis specifications."""

import pytest
from django.urls import reverse

from coeval.equity.spec import AnalysisSpec
from coeval.web.workbook import actions, logic_model
from coeval.web.workbook.models import PlannedIndicator


def test_items_and_links_build_a_model_drawn_as_svg(world, section_of):
    section = section_of("logic_model")
    lead = world.user("project_lead")
    actions.change_logic_model(
        lead, section, "add_item", {"column": "activities", "text": "Drop-in"}
    )
    actions.change_logic_model(
        lead, section, "add_item", {"column": "short", "text": "Found", "groups": "Men 40-74"}
    )
    first, second = (i["id"] for i in section.content["items"])
    actions.change_logic_model(
        lead, section, "add_link", {"from": first, "to": second, "rationale": "Most do not know"}
    )
    assert section.revision == 3
    svg = logic_model.svg(section.content)
    assert "Drop-in" in svg and "For: Men 40-74" in svg and "marker-end" in svg
    assert 'role="img"' in svg


def test_a_link_needs_a_rationale(world, section_of):
    section = section_of("logic_model")
    lead = world.user("project_lead")
    for text in ("A", "B"):
        actions.change_logic_model(lead, section, "add_item", {"column": "inputs", "text": text})
    a, b = (i["id"] for i in section.content["items"])
    with pytest.raises(actions.WorkbookError, match="Say why"):
        actions.change_logic_model(lead, section, "add_link", {"from": a, "to": b})


def test_removing_an_item_removes_its_links(world, section_of):
    section = section_of("logic_model")
    lead = world.user("project_lead")
    for text in ("A", "B"):
        actions.change_logic_model(lead, section, "add_item", {"column": "inputs", "text": text})
    a, b = (i["id"] for i in section.content["items"])
    actions.change_logic_model(lead, section, "add_link", {"from": a, "to": b, "rationale": "r"})
    actions.change_logic_model(lead, section, "remove_item", {"item": a})
    assert section.content["links"] == [] and len(section.content["items"]) == 1


def test_the_builder_works_with_plain_forms(world, client_for, section_of):
    section = section_of("logic_model")
    url = reverse("workbook:logic_model", args=[section.plan_id, section.key])
    client = client_for("intern")
    response = client.post(url, {"op": "add_item", "column": "inputs", "text": "Two nurses"})
    assert response.status_code == 302
    assert "Two nurses" in client.get(url).content.decode()
    problem = client.post(url, {"op": "add_item", "column": "inputs", "text": ""})
    assert "Describe the item" in problem.content.decode()


INDICATOR = {
    "indicators-rows": "1",
    "indicators-0-name": "Raised readings found",
    "indicators-0-type": "proportion",
    "indicators-0-numerator_column": "raised_bp",
    "indicators-0-period_column": "quarter",
    "indicators-0-periods": "2024Q1, 2024Q2",
    "indicators-0-dimensions": ["imd", "ethnicity"],
    "indicators-0-imd_edition": "IMD2019",
}


def test_a_saved_indicator_becomes_a_specification_the_equity_engine_accepts(
    world, client_for, section_of
):
    section = section_of("data_plan")
    url = reverse("workbook:edit", args=[section.plan_id, section.key])
    response = client_for("analyst").post(url, {"base_revision": 0, **INDICATOR})
    assert response.status_code == 302
    planned = PlannedIndicator.objects.get()
    spec = planned.analysis_spec()
    assert isinstance(spec, AnalysisSpec)
    assert spec.indicator.name == "Raised readings found"
    assert [d.name for d in spec.dimensions] == ["imd", "ethnicity"]
    assert spec.dimension("imd").edition == "IMD2019"
    assert spec.periods.values == ("2024Q1", "2024Q2")


def test_an_indicator_without_deprivation_needs_a_reason(world, client_for, section_of):
    section = section_of("data_plan")
    url = reverse("workbook:edit", args=[section.plan_id, section.key])
    data = {**INDICATOR, "indicators-0-dimensions": ["sex"], "base_revision": 0}
    page = client_for("analyst").post(url, data).content.decode()
    assert "break it down by deprivation, or say why" in page
    data["indicators-0-no_socioeconomic_reason"] = "The data hold no postcode"
    assert client_for("analyst").post(url, data).status_code == 302


def test_an_indicator_the_engine_cannot_run_is_explained(world, client_for, section_of):
    section = section_of("data_plan")
    url = reverse("workbook:edit", args=[section.plan_id, section.key])
    data = {**INDICATOR, "indicators-0-type": "rate", "base_revision": 0}
    page = client_for("analyst").post(url, data).content.decode()
    assert "the equity engine could not use it" in page and "denominator" in page
