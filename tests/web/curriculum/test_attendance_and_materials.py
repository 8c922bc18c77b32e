"""Attendance by person and role, and session materials with upload checks."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coeval.web.core.models import AuditEvent
from coeval.web.curriculum.models import Attendance, Material


def test_attendance_is_recorded_by_person_and_role(world, client_for, session):
    lead, adviser = world.user("project_lead"), world.user("public_adviser")
    facilitator = world.user("academic_facilitator")
    response = client_for("academic_facilitator").post(
        reverse("curriculum:attendance", args=[session.pk]),
        {
            "present": [
                f"{world.team.pk}:{lead.pk}",
                f"{world.team.pk}:{adviser.pk}",
                f"0:{facilitator.pk}",
            ]
        },
    )
    assert response.status_code == 302
    rows = {(a.user, a.role, a.team) for a in Attendance.objects.filter(session=session)}
    assert rows == {
        (lead, "project_lead", world.team),
        (adviser, "public_adviser", world.team),
        (facilitator, "academic_facilitator", None),
    }
    assert AuditEvent.objects.filter(action="recorded attendance").exists()


def test_recording_attendance_again_replaces_it(world, client_for, session):
    client = client_for("academic_facilitator")
    url = reverse("curriculum:attendance", args=[session.pk])
    lead, patient = world.user("project_lead"), world.user("patient")
    client.post(url, {"present": [f"{world.team.pk}:{lead.pk}"]})
    client.post(url, {"present": [f"{world.team.pk}:{patient.pk}"]})
    assert [a.user for a in Attendance.objects.filter(session=session)] == [patient]


def test_the_attendance_form_lists_every_team_and_ticks_who_was_there(world, client_for, session):
    client = client_for("programme_manager")
    url = reverse("curriculum:attendance", args=[session.pk])
    lead = world.user("project_lead")
    client.post(url, {"present": [f"{world.team.pk}:{lead.pk}"]})
    html = client.get(url).content.decode()
    assert world.team.name in html and world.other_team.name in html
    assert "Programme team" in html
    assert f'value="{world.team.pk}:{lead.pk}" checked' in html
    assert (
        f'<label class="nhsuk-label nhsuk-checkboxes__label" for="present-{world.team.pk}-{lead.pk}">'
        in html
    )


def test_people_outside_the_cohort_cannot_be_marked_present(world, client_for, session):
    from tests import factories

    stranger = factories.make_user("Stranger")
    client_for("programme_manager").post(
        reverse("curriculum:attendance", args=[session.pk]),
        {"present": [f"{world.team.pk}:{stranger.pk}", f"0:{stranger.pk}"]},
    )
    assert not Attendance.objects.filter(session=session).exists()


def _upload(client, session, name, content, **extra):
    return client.post(
        reverse("curriculum:material_add", args=[session.pk]),
        {"title": "Workbook", "file": SimpleUploadedFile(name, content), "link": "", **extra},
    )


def test_a_pdf_material_is_stored_privately_and_downloaded_through_a_checked_view(
    world, client_for, session, private_media
):
    response = _upload(client_for("programme_manager"), session, "workbook.pdf", b"%PDF-1.7 x")
    assert response.status_code == 302
    material = Material.objects.get(session=session)
    assert (private_media / material.file.name).exists()
    assert material.size == 10 and material.content_type == "application/pdf"
    download = client_for("patient").get(
        reverse("curriculum:material_download", args=[material.pk])
    )
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="workbook.pdf"')
    assert b"".join(download.streaming_content) == b"%PDF-1.7 x"


def test_a_file_of_the_wrong_type_is_refused_with_a_message(world, client_for, session):
    response = _upload(
        client_for("programme_manager"), session, "run-me.exe", b"MZ\x90\x00", title="Sneaky"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The file must be a PDF, Word, Excel" in html
    assert 'value="Sneaky"' in html  # the title is kept
    assert not Material.objects.exists()


def test_a_file_whose_contents_do_not_match_its_name_is_refused(world, client_for, session):
    response = _upload(client_for("programme_manager"), session, "slides.pdf", b"<html><script>")
    assert "do not match its name" in response.content.decode()
    assert not Material.objects.exists()


def test_a_file_over_the_size_limit_is_refused_with_a_message(world, client_for, session, settings):
    settings.COEVAL_MAX_MATERIAL_UPLOAD_BYTES = 1000
    response = _upload(client_for("programme_manager"), session, "big.txt", b"a" * 1001)
    html = response.content.decode()
    assert "The file must be smaller than 1000" in html
    assert not Material.objects.exists()


def test_a_material_can_be_a_link(world, client_for, session):
    client_for("programme_manager").post(
        reverse("curriculum:material_add", args=[session.pk]),
        {"title": "HIAT website", "link": "https://hiat.org.uk"},
    )
    assert Material.objects.get().link == "https://hiat.org.uk"


def test_a_material_needs_a_file_or_a_link(world, client_for, session):
    response = client_for("programme_manager").post(
        reverse("curriculum:material_add", args=[session.pk]), {"title": "Nothing"}
    )
    assert "Choose a file or enter a link" in response.content.decode()


def test_removing_a_material_deletes_its_file_once_the_change_is_saved(
    world, client_for, session, private_media, django_capture_on_commit_callbacks
):
    _upload(client_for("programme_manager"), session, "notes.txt", b"Workshop notes")
    material = Material.objects.get()
    path = private_media / material.file.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("programme_manager").post(
            reverse("curriculum:material_remove", args=[material.pk])
        )
    assert response.status_code == 302
    assert not Material.objects.exists()
    assert not path.exists()
