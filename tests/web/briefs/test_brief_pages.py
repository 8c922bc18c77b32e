"""Every brief page, for every persona, and what each page does."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from coeval.web.briefs import actions
from coeval.web.briefs.models import Brief, BriefExport, BriefState
from coeval.web.core.models import AuditEvent
from tests.web.briefs.helpers import (
    SENTENCE,
    make_brief,
    released_brief,
    use_analysis_output,
)
from tests.web.conftest import PERSONAS, PROGRAMME_STAFF, TEAM_ROLES, assert_access

TEAM_VIEWERS = set(PROGRAMME_STAFF) | set(TEAM_ROLES)
BRIEF_EDITORS = {"programme_manager"} | set(TEAM_ROLES)
APPROVERS = {"programme_manager", "academic_facilitator"}
EVERYONE = TEAM_VIEWERS | {"other_team_member"}


@pytest.fixture
def brief(world, monkeypatch):
    use_analysis_output(monkeypatch)
    brief = make_brief(world)
    actions.add_item(world.user("project_lead"), brief, "analysis", "41")
    return brief


def test_team_brief_list_is_for_the_team_and_programme_staff(client_for, world):
    assert_access(client_for, f"/briefs/teams/{world.team.pk}/", TEAM_VIEWERS)


def test_starting_a_brief_is_for_team_members_and_the_programme_manager(client_for, world):
    assert_access(client_for, f"/briefs/teams/{world.team.pk}/new/", BRIEF_EDITORS)


def test_brief_pages_are_for_the_team_and_programme_staff(client_for, brief):
    for url in (f"/briefs/{brief.pk}/", f"/briefs/{brief.pk}/brief.html"):
        assert_access(client_for, url, TEAM_VIEWERS)


def test_word_export_is_for_the_team_and_programme_staff(client_for, brief):
    assert_access(client_for, f"/briefs/{brief.pk}/brief.docx", TEAM_VIEWERS)


def test_changing_a_brief_is_for_its_editors(client_for, brief):
    for url in (f"/briefs/{brief.pk}/edit/", f"/briefs/{brief.pk}/evidence/"):
        assert_access(client_for, url, BRIEF_EDITORS)


def test_live_readability_is_for_brief_editors(client_for, world):
    url = f"/briefs/teams/{world.team.pk}/readability/"
    assert_access(client_for, url, BRIEF_EDITORS, method="post", data={"format": "public"})


def test_approving_is_for_facilitators_and_the_programme_manager(client_for, world, brief):
    assert_access(client_for, f"/briefs/{brief.pk}/approve/", APPROVERS)
    assert_access(client_for, f"/briefs/programmes/{world.programme.pk}/approvals/", APPROVERS)


def test_posting_changes_is_for_brief_editors(client_for, world, brief):
    for url in (f"/briefs/{brief.pk}/submit/", f"/briefs/{brief.pk}/take-back/"):
        assert_access(client_for, url, BRIEF_EDITORS, method="post")


def test_taking_evidence_out_is_for_brief_editors(client_for, world, brief):
    for persona in PERSONAS:
        item = brief.items.first() or actions.add_item(
            world.user("analyst"), brief, "analysis", "41"
        )
        response = client_for(persona).post(f"/briefs/items/{item.pk}/remove/")
        expected = 302 if persona in BRIEF_EDITORS | {"anonymous"} else 403
        assert response.status_code == expected, persona


def test_a_released_brief_is_readable_across_the_programme(client_for, world, monkeypatch):
    brief = released_brief(world, monkeypatch)
    assert_access(client_for, f"/briefs/{brief.pk}/read/", EVERYONE)
    assert_access(client_for, f"/briefs/{brief.pk}/new-version/", BRIEF_EDITORS, method="post")


def test_a_draft_has_no_programme_wide_page(client_for, brief):
    assert client_for("project_lead").get(f"/briefs/{brief.pk}/read/").status_code == 404


def test_pdf_pages_are_for_the_team_and_programme_staff(client_for, brief):
    assert_access(client_for, f"/briefs/{brief.pk}/pdf/", TEAM_VIEWERS, method="post")
    export = BriefExport.objects.filter(brief=brief).first()
    assert_access(client_for, f"/briefs/exports/{export.pk}/", TEAM_VIEWERS)
    assert_access(client_for, f"/briefs/exports/{export.pk}/download/", TEAM_VIEWERS)


def test_a_team_member_starts_a_brief_and_is_taken_to_add_evidence(client_for, world):
    response = client_for("practitioner").post(
        f"/briefs/teams/{world.team.pk}/new/",
        {"format": "public", "title": "What we learned", "key_messages": "", "recommendations": ""},
    )
    brief = Brief.objects.get(title="What we learned")
    assert response["Location"] == f"/briefs/{brief.pk}/evidence/"
    assert brief.created_by == world.user("practitioner")
    assert AuditEvent.objects.filter(target_id=str(brief.pk), action="created").exists()


def test_a_brief_without_a_title_is_refused_and_keeps_what_was_typed(client_for, world):
    response = client_for("practitioner").post(
        f"/briefs/teams/{world.team.pk}/new/",
        {"format": "board", "title": "", "key_messages": "Fewer checks in Core20 areas"},
    )
    assert response.status_code == 200
    assert "Enter a title" in response.content.decode()
    assert "Fewer checks in Core20 areas" in response.content.decode()
    assert not Brief.objects.exists()


def test_the_evidence_page_offers_outputs_and_an_empty_labelled_theme_slot(
    client_for, world, monkeypatch
):
    use_analysis_output(monkeypatch)
    brief = make_brief(world)
    page = client_for("analyst").get(f"/briefs/{brief.pk}/evidence/").content.decode()
    assert "Blood pressure checks by IMD" in page
    assert "Qualitative themes" in page
    assert "No themes from interviews or focus groups yet" in page


def test_defined_qualitative_themes_can_be_added(client_for, world):
    from coeval.web.qda.models import QdaProject, Theme

    project = QdaProject.objects.create(team=world.team, name="Interviews with users")
    theme = Theme.objects.create(
        project=project, name="Trust in the barber", definition="People trust familiar places.",
        status="defined",
    )  # fmt: skip
    Theme.objects.create(project=project, name="A candidate grouping", status="candidate")
    brief = make_brief(world)
    page = client_for("analyst").get(f"/briefs/{brief.pk}/evidence/").content.decode()
    assert "Trust in the barber" in page
    assert "A candidate grouping" not in page
    client_for("analyst").post(f"/briefs/{brief.pk}/evidence/", {"evidence": f"theme:{theme.pk}"})
    detail = client_for("analyst").get(f"/briefs/{brief.pk}/").content.decode()
    assert "People trust familiar places." in detail


def test_adding_an_output_copies_its_disclosure_controlled_numbers_into_the_brief(
    client_for, world, monkeypatch
):
    use_analysis_output(monkeypatch)
    brief = make_brief(world)
    client_for("analyst").post(f"/briefs/{brief.pk}/evidence/", {"evidence": "analysis:41"})
    item = brief.items.get()
    assert item.content["disclosure"].startswith("suppress 1–7")
    page = client_for("commissioner").get(f"/briefs/{brief.pk}/").content.decode()
    assert SENTENCE in page
    assert "1,235" in page
    assert "<svg" in page


def test_numbers_typed_into_the_text_but_not_in_any_output_are_flagged(client_for, world, brief):
    actions.update_brief(
        world.user("project_lead"),
        brief,
        {"key_messages": "23.4% of people in the most deprived fifth had a check; 4 did not."},
    )
    page = client_for("project_lead").get(f"/briefs/{brief.pk}/").content.decode()
    assert "Check these numbers" in page
    assert "not in any output you included: 4." in page


def test_a_facilitator_approves_and_releases_a_submitted_brief(client_for, world, brief):
    client_for("project_lead").post(f"/briefs/{brief.pk}/submit/")
    response = client_for("academic_facilitator").post(
        f"/briefs/{brief.pk}/approve/", {"decision": "approve", "note": "Clear and fair."}
    )
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.state == BriefState.RELEASED
    assert brief.approved_by == world.user("academic_facilitator")
    assert AuditEvent.objects.filter(target_id=str(brief.pk), action="released").exists()


def test_sending_a_brief_back_needs_a_note(client_for, brief, world):
    client_for("project_lead").post(f"/briefs/{brief.pk}/submit/")
    response = client_for("academic_facilitator").post(
        f"/briefs/{brief.pk}/approve/", {"decision": "return", "note": ""}
    )
    assert "Say what the team should change" in response.content.decode()
    brief.refresh_from_db()
    assert brief.state == BriefState.SUBMITTED


def test_the_html_export_carries_the_numbers_and_the_chart(client_for, brief):
    response = client_for("patient").get(f"/briefs/{brief.pk}/brief.html")
    html = response.content.decode()
    assert response["Content-Disposition"].startswith("attachment;")
    assert SENTENCE in html and "1,235" in html and "<svg" in html
    assert "What people told us" in html


def test_the_word_export_carries_the_numbers(client_for, brief):
    response = client_for("patient").get(f"/briefs/{brief.pk}/brief.docx")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert SENTENCE in text
    assert "1,235" in cells and "23.4" in cells
    assert len(document.inline_shapes) == 1  # the chart, drawn from the same spec


def test_the_pdf_is_made_in_the_background_and_carries_the_numbers(client_for, brief):
    client = client_for("commissioner")
    response = client.post(f"/briefs/{brief.pk}/pdf/")
    export = BriefExport.objects.get(brief=brief)
    assert response["Location"] == f"/briefs/exports/{export.pk}/"
    assert "Download the PDF" in client.get(response["Location"]).content.decode()
    pdf = client.get(f"/briefs/exports/{export.pk}/download/")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "1.8 times as likely" in text
    assert "1,235" in text and "23.4" in text


def test_a_board_brief_fits_on_two_pages(client_for, brief):
    client = client_for("commissioner")
    client.post(f"/briefs/{brief.pk}/pdf/")
    export = BriefExport.objects.get(brief=brief)
    pages = PdfReader(io.BytesIO(bytes(export.content))).pages
    assert len(pages) <= 2


def test_progress_is_shown_while_the_pdf_is_being_made(client_for, brief, settings):
    settings.COEVAL_TASKS_MODE = "worker"  # nobody runs it, so it stays waiting
    client = client_for("commissioner")
    client.post(f"/briefs/{brief.pk}/pdf/")
    export = BriefExport.objects.get(brief=brief)
    page = client.get(f"/briefs/exports/{export.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert "<progress" in page
    assert client.get(f"/briefs/exports/{export.pk}/download/").status_code == 404
