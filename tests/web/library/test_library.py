"""The resources library: files and links by topic, each with a plain summary."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coeval.web.core.models import AuditEvent
from coeval.web.library import actions
from coeval.web.library.models import Resource, Topic
from tests.web.conftest import PERSONAS, PROGRAMME_STAFF, assert_access

EVERYONE = set(PERSONAS) - {"anonymous"}
MANAGERS = set(PROGRAMME_STAFF)


def _link(world, title="HIAT toolkit", topics=("health_inequalities",), **extra):
    return actions.add_resource(
        world.user("academic_facilitator"),
        world.programme,
        title=title,
        summary=extra.get("summary", "A toolkit to think about health inequalities at every step."),
        topics=list(topics),
        link="https://hiat.org.uk",
    )


def test_the_library_index_is_for_everyone_signed_in(world, client_for):
    assert_access(client_for, reverse("library:index"), EVERYONE)


def test_the_library_is_shared_with_the_whole_programme(world, client_for):
    assert_access(client_for, reverse("library:programme", args=[world.programme.pk]), EVERYONE)


def test_programme_staff_add_and_edit_resources(world, client_for):
    resource = _link(world)
    assert_access(client_for, reverse("library:new", args=[world.programme.pk]), MANAGERS)
    assert_access(client_for, reverse("library:edit", args=[resource.pk]), MANAGERS)


def test_only_programme_staff_remove_resources(world, client_for):
    codes = {}
    for persona in PERSONAS:
        resource = _link(world, title=f"For {persona}")
        codes[persona] = (
            client_for(persona).post(reverse("library:delete", args=[resource.pk])).status_code
        )
    assert {p for p, c in codes.items() if c == 302} - {"anonymous"} == MANAGERS
    assert {c for p, c in codes.items() if p not in MANAGERS | {"anonymous"}} == {403}


def test_resource_files_are_downloaded_only_by_the_programme(world, client_for):
    upload = SimpleUploadedFile("guide.pdf", b"%PDF-1.5 guide")
    from coeval.web.curriculum.uploads import check_upload

    resource = actions.add_resource(
        world.user("methodological_expert"),
        world.programme,
        title="Guide",
        summary="A short guide to choosing an evaluation design.",
        topics=["evaluation_design"],
        upload=upload,
        file_type=check_upload(upload),
    )
    assert_access(client_for, reverse("library:download", args=[resource.pk]), EVERYONE)


def test_resources_are_filtered_by_topic(world, client_for):
    _link(world, "HIAT toolkit", ["health_inequalities"])
    _link(world, "Logic model workbook", ["logic_models", "evaluation_design"])
    url = reverse("library:programme", args=[world.programme.pk])
    html = client_for("patient").get(url, {"topic": "logic_models"}).content.decode()
    assert "Logic model workbook" in html and "HIAT toolkit" not in html
    assert "<h1>Resources: Logic models</h1>" in html
    everything = client_for("patient").get(url).content.decode()
    assert "Logic model workbook" in everything and "HIAT toolkit" in everything


def test_an_unknown_topic_shows_everything(world, client_for):
    _link(world)
    html = (
        client_for("patient")
        .get(reverse("library:programme", args=[world.programme.pk]), {"topic": "nonsense"})
        .content.decode()
    )
    assert "HIAT toolkit" in html


def test_every_topic_from_the_programme_is_offered(world, client_for):
    html = (
        client_for("analyst")
        .get(reverse("library:programme", args=[world.programme.pk]))
        .content.decode()
    )
    for label in Topic.labels:
        assert label in html


def test_summaries_link_glossary_terms(world, client_for):
    _link(world, summary="How to draw a logic model for your service.")
    html = (
        client_for("analyst")
        .get(reverse("library:programme", args=[world.programme.pk]))
        .content.decode()
    )
    assert ">logic model</a>" in html and 'role="tooltip"' in html


def _form(**changes):
    data = {
        "title": "Evidence brief template",
        "summary": "A two-page template for telling a board what you found.",
        "topics": ["dissemination"],
        "link": "",
    }
    data.update(changes)
    return data


def test_a_facilitator_uploads_a_file_resource(world, client_for, private_media):
    data = _form(file=SimpleUploadedFile("brief.docx", b"PK\x03\x04 docx bytes"))
    response = client_for("academic_facilitator").post(
        reverse("library:new", args=[world.programme.pk]), data
    )
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.original_name == "brief.docx"
    assert (private_media / resource.file.name).exists()
    assert resource.topic_labels == ["Dissemination"]
    assert AuditEvent.objects.filter(action="created", target_id=str(resource.pk)).exists()


def test_a_wrong_file_type_is_refused_and_the_typing_kept(world, client_for):
    data = _form(file=SimpleUploadedFile("brief.html", b"<html>"))
    html = (
        client_for("academic_facilitator")
        .post(reverse("library:new", args=[world.programme.pk]), data)
        .content.decode()
    )
    assert "The file must be a PDF, Word" in html
    assert "A two-page template for telling a board" in html
    assert 'value="dissemination" checked' in html
    assert not Resource.objects.exists()


def test_an_oversized_file_is_refused(world, client_for, settings):
    settings.COEVAL_MAX_MATERIAL_UPLOAD_BYTES = 10
    data = _form(file=SimpleUploadedFile("data.csv", b"a,b\n1,2\n3,4\n"))
    html = (
        client_for("academic_facilitator")
        .post(reverse("library:new", args=[world.programme.pk]), data)
        .content.decode()
    )
    assert "The file must be smaller than 10" in html
    assert not Resource.objects.exists()


def test_a_resource_needs_a_topic_and_a_summary(world, client_for):
    html = (
        client_for("academic_facilitator")
        .post(
            reverse("library:new", args=[world.programme.pk]),
            _form(topics=[], summary="", link="https://example.org"),
        )
        .content.decode()
    )
    assert "Choose at least one topic" in html and "Write a short summary" in html
    assert 'href="#id_topics_0"' in html


def test_editing_a_resource_changes_its_topics_and_is_audited(world, client_for):
    resource = _link(world)
    client_for("methodological_expert").post(
        reverse("library:edit", args=[resource.pk]),
        _form(
            title="HIAT",
            topics=["health_inequalities", "public_involvement"],
            link="https://hiat.org.uk",
        ),
    )
    resource.refresh_from_db()
    assert resource.title == "HIAT"
    assert sorted(resource.topics.values_list("topic", flat=True)) == [
        "health_inequalities",
        "public_involvement",
    ]
    event = AuditEvent.objects.get(action="updated", target_id=str(resource.pk))
    assert event.changes["topics"]["new"] == ["health_inequalities", "public_involvement"]
