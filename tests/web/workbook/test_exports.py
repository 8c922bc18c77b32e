"""DOCX, PDF and JSON exports are opened and read, and JSON imports recreate the plan."""

import io
import json

import docx
import pypdf
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coeval.web.workbook import actions, exports
from coeval.web.workbook.models import EvaluationPlan


def _fill(world, plan):
    lead = world.user("project_lead")
    context = plan.sections.get(key="service_context")
    actions.save_section(lead, context, {"description": "Blood pressure checks in mosques"}, 0)
    model = plan.sections.get(key="logic_model")
    actions.change_logic_model(lead, model, "add_item", {"column": "inputs", "text": "Two nurses"})


def test_the_word_document_holds_the_plan_and_the_logic_model(world, plan):
    _fill(world, plan)
    document = docx.Document(io.BytesIO(exports.plan_docx(plan)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert plan.title in text
    assert "Blood pressure checks in mosques" in text
    assert "3. Logic model" in text and "Inputs: Two nurses" in text
    assert len(document.inline_shapes) == 1  # the diagram


def test_the_pdf_holds_the_plan_and_the_logic_model(world, plan):
    _fill(world, plan)
    reader = pypdf.PdfReader(io.BytesIO(exports.plan_pdf(plan)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Blood pressure checks in mosques" in text
    assert "Two nurses" in text and "Dissemination" in text


def test_the_json_api_is_versioned_and_import_recreates_the_plan(world, client_for, plan):
    _fill(world, plan)
    response = client_for("analyst").get(reverse("workbook:api_plan", args=[plan.pk]))
    document = response.json()
    assert (document["format"], document["version"]) == ("coeval.evaluation-plan", 1)
    upload = SimpleUploadedFile("plan.json", json.dumps(document).encode(), "application/json")
    client = client_for("other_team_member")
    response = client.post(reverse("workbook:import", args=[world.other_team.pk]), {"file": upload})
    assert response.status_code == 302
    copy = EvaluationPlan.objects.get(team=world.other_team)
    assert copy.sections.get(key="service_context").content["description"] == (
        "Blood pressure checks in mosques"
    )
    assert copy.sections.get(key="logic_model").content["items"][0]["text"] == "Two nurses"


def test_a_file_that_is_not_json_gets_a_clear_message(world, client_for):
    upload = SimpleUploadedFile("plan.json", b"{not json", "application/json")
    page = client_for("project_lead").post(
        reverse("workbook:import", args=[world.team.pk]), {"file": upload}
    )
    assert "The file is not valid JSON (line 1)" in page.content.decode()


def test_json_that_is_not_a_plan_gets_a_clear_message(world, client_for):
    upload = SimpleUploadedFile("plan.json", b'{"format": "other"}', "application/json")
    page = client_for("project_lead").post(
        reverse("workbook:import", args=[world.team.pk]), {"file": upload}
    )
    assert "not a coeval evaluation plan export" in page.content.decode()
