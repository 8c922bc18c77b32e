"""How the qualitative workspace behaves: transcripts, coding, codes, search, cases and groups."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coeval.web.core.models import AuditEvent
from coeval.web.qda import actions
from coeval.web.qda import models as m
from tests.web.qda.conftest import TRANSCRIPT, add_transcript, span


def upload(client, project, text=TRANSCRIPT, name="interview.txt"):
    return client.post(
        reverse("qda:upload", args=[project.pk]),
        {"file": SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text)},
    )


def test_an_uploaded_transcript_is_held_for_pseudonym_review_before_it_is_saved(
    client_for, project
):
    client = client_for("practitioner")
    response = upload(client, project)
    assert response.status_code == 302
    assert not m.Document.objects.exists()
    review = client.get(response["Location"])
    assert "“Sarah”" in review.content.decode()
    pending = m.PendingDocument.objects.get()
    index = next(i for i, p in enumerate(pending.proposals) if p["original"] == "Sarah")
    data = {"name": "Interview 1"}
    for i in range(len(pending.proposals)):
        data[f"decision_{i}"] = "accept"
        data[f"replacement_{i}"] = pending.proposals[i]["replacement"]
    data[f"decision_{index}"] = "edit"
    data[f"replacement_{index}"] = "the pharmacist"
    response = client.post(response["Location"], data)
    document = m.Document.objects.get()
    assert response["Location"] == reverse("qda:document", args=[document.pk])
    assert "Sarah" not in document.plain_text
    assert "the pharmacist at the counter" in document.plain_text
    assert document.original_text == ""
    assert not m.PendingDocument.objects.exists()


def test_the_original_text_is_kept_only_when_the_person_chooses_to(world, project):
    pending = actions.upload_document(
        world.user("analyst"), project, filename="a.txt", data=TRANSCRIPT.encode()
    )
    document = actions.save_reviewed_document(
        world.user("analyst"),
        pending,
        decisions=[("accept", "")] * len(pending.proposals),
        name="A",
        keep_original=True,
    )
    assert "Sarah" in document.original_text and "Sarah" not in document.plain_text


def test_speaker_turns_move_with_the_pseudonyms_and_show_on_the_page(client_for, document):
    assert document.speakers == ["Interviewer", "P1"]
    for speaker, start, _end, speech in document.turns:
        assert document.plain_text[start:speech].startswith(speaker)
    page = client_for("patient").get(reverse("qda:document", args=[document.pk]))
    assert "<strong>Interviewer: </strong>" in page.content.decode()


def test_a_review_with_an_empty_own_replacement_is_refused_and_keeps_what_was_typed(
    client_for, world, project
):
    pending = actions.upload_document(
        world.user("intern"), project, filename="a.txt", data=TRANSCRIPT.encode()
    )
    data = {"name": "My interview"}
    for i in range(len(pending.proposals)):
        data[f"decision_{i}"] = "edit"
        data[f"replacement_{i}"] = ""
    response = client_for("intern").post(reverse("qda:review", args=[pending.pk]), data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert 'value="My interview"' in response.content.decode()
    assert not m.Document.objects.exists()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("notes.doc", b"\xd0\xcf\x11\xe0old", "save it as .docx"),
        ("empty.txt", b"", "The submitted file is empty"),
        ("fake.pdf", b"hello", "does not contain a PDF"),
        ("audio.mp3", b"ID3", "unsupported type"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_clear_message(
    client_for, project, name, content, message
):
    response = upload(client_for("practitioner"), project, content, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not m.PendingDocument.objects.exists()


def test_applying_codes_records_the_coder_and_the_exact_text_in_code_points(
    client_for, world, project, codes
):
    text = "P1: The nurse 👩🏽‍⚕️ said ٱلسلام and café twice.\nInterviewer: Thanks."
    document = add_transcript(world.user("project_lead"), project, text=text)
    start, end = span(document, "ٱلسلام and café")
    response = client_for("commissioner").post(
        reverse("qda:apply", args=[document.pk]),
        {"start": start, "end": end, "codes": [codes["language"].pk, codes["access"].pk]},
    )
    assert response.status_code == 302
    codings = m.Coding.objects.select_related("selection", "coder")
    assert {c.code_id for c in codings} == {codes["language"].pk, codes["access"].pk}
    assert {c.coder.user for c in codings} == {world.user("commissioner")}
    selection = codings[0].selection
    assert document.plain_text[selection.start : selection.end] == "ٱلسلام and café"


def test_htmx_coding_returns_the_refreshed_transcript_without_a_page_load(
    client_for, document, codes
):
    start, end = span(document, "it was easy")
    response = client_for("intern").post(
        reverse("qda:apply", args=[document.pk]),
        {"start": start, "end": end, "codes": [codes["access"].pk]},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith('<div id="qda-coded">')
    assert 'class="qda-coded"' in body and "Access" in body


def test_coding_with_no_text_selected_or_no_code_chosen_is_explained(client_for, document, codes):
    client = client_for("intern")
    response = client.post(
        reverse("qda:apply", args=[document.pk]), {"start": 5, "end": 5, "codes": []}, follow=True
    )
    body = response.content.decode()
    assert "Choose at least one code to apply" in body
    assert not m.Coding.objects.exists()


def test_undo_takes_back_the_last_coding_and_then_the_removal(world, document, codes):
    lead = world.user("project_lead")
    start, end = span(document, "it was easy")
    coding = actions.apply_codes(lead, document, start=start, end=end, codes=[codes["access"]])[0]
    actions.undo_last(lead, document.project)
    assert not m.Coding.objects.exists() and not m.Selection.objects.exists()
    coding = actions.apply_codes(lead, document, start=start, end=end, codes=[codes["access"]])[0]
    guid = coding.guid
    actions.remove_coding(lead, coding)
    assert not m.Coding.objects.exists()
    actions.undo_last(lead, document.project)
    assert m.Coding.objects.get().guid == guid


def test_undo_only_touches_your_own_changes(world, coded, codes):
    before = m.Coding.objects.count()
    with pytest.raises(actions.WorkspaceError):
        actions.undo_last(world.user("analyst"), coded.project)
    assert m.Coding.objects.count() == before


def test_merging_a_code_keeps_every_coding_and_its_memos(world, coded, codes):
    lead = world.user("project_lead")
    actions.add_memo(lead, coded.project, text="About leaflets", code=codes["language"])
    total = m.Coding.objects.count()
    actions.merge_codes(lead, codes["language"], codes["access"])
    assert m.Coding.objects.count() == total
    assert not m.Code.objects.filter(pk=codes["language"].pk).exists()
    assert m.Memo.objects.get().code_id == codes["access"].pk


def test_splitting_a_code_moves_only_the_chosen_codings(world, coded, codes):
    chosen = list(codes["language"].codings.all()[:1])
    new = actions.split_code(
        world.user("analyst"), codes["language"], new_name="Leaflets", codings=chosen
    )
    assert list(new.codings.all()) == chosen
    assert codes["language"].codings.count() == 1


def test_moving_a_code_keeps_its_codings_but_never_under_itself(client_for, coded, codes):
    client = client_for("practitioner")
    response = client.post(
        reverse("qda:code_edit", args=[codes["travel"].pk]),
        {"name": "Travel", "color": "#007f3b", "parent": codes["language"].pk},
    )
    assert response.status_code == 302
    codes["travel"].refresh_from_db()
    assert codes["travel"].parent_id == codes["language"].pk
    assert codes["travel"].codings.count() == 1
    response = client.post(
        reverse("qda:code_edit", args=[codes["language"].pk]),
        {"name": "Language", "color": "#ffb81c", "parent": codes["travel"].pk},
    )
    assert response.status_code == 200
    assert "cannot sit under itself" in response.content.decode()


def test_a_code_with_codings_cannot_be_deleted_so_nothing_is_lost(client_for, coded, codes):
    client_for("practitioner").post(reverse("qda:code_delete", args=[codes["language"].pk]))
    assert m.Code.objects.filter(pk=codes["language"].pk).exists()


def test_search_finds_a_phrase_in_every_transcript_whatever_its_case(world, client_for, project):
    add_transcript(
        world.user("project_lead"), project, text="P1: The BUS was late.", filename="a.txt"
    )
    add_transcript(world.user("project_lead"), project, text="P2: no bus at all", filename="b.txt")
    response = client_for("methodological_expert").get(
        reverse("qda:search", args=[project.pk]), {"q": "bus"}
    )
    assert [h["document"].name for h in response.context["hits"]] == ["a", "b"]
    assert "<mark>BUS</mark>" in response.content.decode()


def test_comparison_counts_codings_and_cases_by_imd_quintile(world, client_for, coded, codes):
    project = coded.project
    lead = world.user("project_lead")
    imd = project.variables.get(name="IMD quintile")
    actions.save_case(lead, project, name="P1", documents=[coded], values={imd: "1"})
    other = add_transcript(
        lead, project, text="P2: The leaflet was hard to read.", filename="b.txt"
    )
    start, end = span(other, "The leaflet")
    actions.apply_codes(lead, other, start=start, end=end, codes=[codes["language"]])
    response = client_for("academic_facilitator").get(
        reverse("qda:compare", args=[project.pk]),
        {"by": imd.pk, "code": codes["language"].pk},
    )
    assert response.context["groups"] == ["1", "Not recorded"]
    language = next(r for r in response.context["table"] if r["row"].code == codes["language"])
    assert language["cells"] == [{"codings": 2, "cases": 1}, {"codings": 1, "cases": 0}]
    extracts = response.context["grouped_extracts"]
    assert [len(g["extracts"]) for g in extracts] == [1, 1]


def test_a_case_keeps_typed_attributes_and_a_bad_value_keeps_what_was_typed(
    client_for, project, document
):
    imd = project.variables.get(name="IMD quintile")
    role = project.variables.get(name="Role")
    client = client_for("public_adviser")
    response = client.post(
        reverse("qda:case_new", args=[project.pk]),
        {"name": "", f"var_{role.pk}": "Carer", f"var_{imd.pk}": "9"},
    )
    assert response.status_code == 200
    assert 'value="Carer"' in response.content.decode()
    response = client.post(
        reverse("qda:case_new", args=[project.pk]),
        {"name": "P1", f"var_{role.pk}": "Carer", f"var_{imd.pk}": "2", "documents": [document.pk]},
    )
    assert response.status_code == 302
    case = m.Case.objects.get()
    assert {v.variable.name: v.value for v in case.values.all()} == {
        "Role": "Carer",
        "IMD quintile": "2",
    }
    assert list(case.documents.all()) == [document]


def test_every_change_is_in_the_audit_trail(world, coded):
    actions_seen = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"created", "uploaded", "coded"} <= actions_seen
    assert AuditEvent.objects.filter(action="coded", programme_id=world.programme.pk).exists()
