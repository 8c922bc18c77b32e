"""A .qdpx imported into the workspace and exported again loses nothing, even after edits."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coeval.qualitative.model import Link, Project
from coeval.qualitative.refi import QdpxImportError, read_qdpx, write_qdpx
from coeval.web.qda import actions
from coeval.web.qda import models as m
from tests.qualitative.refi.builders import rich_project
from tests.qualitative.refi.structure import summary

SAMPLES = ("nvivo_project.qdpx", "qc_cproctor_demo.qdpx")
PARTS = ("users", "codes", "variables", "cases", "sources", "notes", "links", "sets", "graphs")


@pytest.fixture(params=SAMPLES)
def sample(request, reference_dir) -> bytes:
    return (reference_dir / "refi-qda" / request.param).read_bytes()


@pytest.fixture(scope="module")
def project_schema(reference_dir):
    xmlschema = pytest.importorskip("xmlschema")
    return xmlschema.XMLSchema(str(reference_dir / "refi-qda" / "Project-mrt2019.xsd"))


def export(client, project) -> bytes:
    response = client.get(reverse("qda:export_qdpx", args=[project.pk]))
    assert response.status_code == 200
    return response.content


def selections(project: Project) -> dict:
    """Every selection with its exact text, and every coding on it with its coder."""
    return {
        selection.guid: (
            source.guid,
            source.selection_text(selection),
            [(c.guid, c.code_guid, c.creating_user) for c in selection.codings],
        )
        for source in project.text_sources()
        for selection in source.selections
    }


def assert_same(exported: Project, original: Project) -> None:
    for part in PARTS:
        assert getattr(exported, part) == getattr(original, part), part
    assert selections(exported) == selections(original)
    assert exported.files == original.files
    assert exported == original


def test_each_real_sample_round_trips_through_the_workspace_unchanged(
    world, client_for, sample, project_schema
):
    project, _ = actions.import_qdpx(world.user("project_lead"), world.team, sample)
    exported = export(client_for("project_lead"), project)
    assert_same(read_qdpx(exported), read_qdpx(sample))
    assert summary(exported) == summary(sample)
    project_schema.validate(io.BytesIO(zipfile.ZipFile(io.BytesIO(exported)).read("project.qde")))


def test_a_sample_imported_through_the_page_exports_unchanged(world, client_for, sample):
    client = client_for("project_lead")
    response = client.post(
        reverse("qda:import", args=[world.team.pk]),
        {"file": SimpleUploadedFile("sample.qdpx", sample)},
    )
    project = m.QdaProject.objects.get(team=world.team)
    assert response["Location"] == reverse("qda:workspace", args=[project.pk])
    assert_same(read_qdpx(export(client, project)), read_qdpx(sample))


def test_after_adding_a_coding_everything_else_is_unchanged(world, client_for, sample):
    lead = world.user("project_lead")
    project, _ = actions.import_qdpx(lead, world.team, sample)
    document = next(d for d in project.documents.order_by("id") if d.plain_text)
    end = min(5, len(document.plain_text))
    code = project.codes.filter(is_codable=True).order_by("id").first()
    made = actions.apply_codes(lead, document, start=0, end=end, codes=[code])
    exported = read_qdpx(export(client_for("project_lead"), project))

    source = exported.text_source(document.guid)
    added = next(s for s in source.selections if any(c.guid == made[0].guid for c in s.codings))
    assert source.selection_text(added) == document.plain_text[:end]
    coding = next(c for c in added.codings if c.guid == made[0].guid)
    coder = m.Coder.objects.get(project=project, user=lead)
    assert (coding.code_guid, coding.creating_user) == (code.guid, coder.guid)

    # Take the new coding (and its new selection and coder) out again: the rest is the original.
    added.codings.remove(coding)
    if not added.codings:
        source.selections.remove(added)
    exported.users = [u for u in exported.users if u.guid != coder.guid]
    assert_same(exported, read_qdpx(sample))


def test_a_project_with_every_kind_of_item_round_trips(world, client_for, project_schema):
    original = write_qdpx(rich_project())
    project, kept = actions.import_qdpx(world.user("project_lead"), world.team, original)
    assert "1 PDF source(s)" in kept and "1 link(s) between items" in kept
    exported = export(client_for("project_lead"), project)
    assert_same(read_qdpx(exported), read_qdpx(original))
    project_schema.validate(io.BytesIO(zipfile.ZipFile(io.BytesIO(exported)).read("project.qde")))


def test_the_import_page_says_what_is_kept_read_only(world, client_for):
    response = client_for("project_lead").post(
        reverse("qda:import", args=[world.team.pk]),
        {"file": SimpleUploadedFile("rich.qdpx", write_qdpx(rich_project()))},
        follow=True,
    )
    page = response.content.decode()
    assert "Kept read-only and included in every export" in page
    assert "Not kept" not in page


def test_merging_codes_repoints_what_is_kept_read_only(world, client_for):
    lead = world.user("project_lead")
    original = rich_project()
    project, _ = actions.import_qdpx(lead, world.team, write_qdpx(original))
    access, distance = (project.codes.get(name=n) for n in ("Access", "Distance"))
    actions.merge_codes(lead, distance, access)
    exported = read_qdpx(export(client_for("project_lead"), project))

    assert exported.links[0].origin_guid == access.guid
    assert exported.cases[0].code_refs == [access.guid]
    assert exported.sets[0].member_codes == [access.guid]
    whole_source = exported.text_sources()[0].codings
    assert [c.code_guid for c in whole_source] == [access.guid]
    assert distance.guid not in {c.guid for c, _ in exported.iter_codes()}
    # What the workspace does not touch is as it was.
    for part in ("graphs", "variables", "notes", "users"):
        assert getattr(exported, part) == getattr(original, part), part
    assert exported.sources[1] == original.sources[1]  # the PDF
    assert exported.files == original.files


def test_a_code_only_kept_items_use_cannot_be_deleted(world):
    lead = world.user("project_lead")
    original = rich_project()
    heading = original.codes[-1]
    original.links.append(
        Link(
            guid="99999999-9999-4999-8999-999999999998",
            origin_guid=heading.guid,
            target_guid=original.codes[0].guid,
        )
    )
    project, _ = actions.import_qdpx(lead, world.team, write_qdpx(original))
    code = project.codes.get(guid=heading.guid)
    with pytest.raises(actions.WorkspaceError, match="read-only"):
        actions.delete_code(lead, code)
    assert m.Code.objects.filter(pk=code.pk).exists()


def test_a_failed_import_keeps_nothing_not_even_archive_files(world, private_media):
    broken = rich_project()
    broken.sources[0].selections[0].codings[0].code_guid = "eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee"
    with pytest.raises(QdpxImportError, match="nothing was imported"):
        actions.import_qdpx(world.user("project_lead"), world.team, write_qdpx(broken))
    assert not m.QdaProject.objects.exists()
    assert not list(private_media.rglob("*.zip"))


def test_archive_files_are_kept_privately_and_not_in_the_database(world, private_media):
    original = rich_project()
    project, _ = actions.import_qdpx(world.user("project_lead"), world.team, write_qdpx(original))
    assert project.preserved_files
    assert (private_media / project.preserved_files).is_file()
    assert "%PDF" not in str(project.preserved)


def test_edits_in_the_workspace_win_over_kept_values(world, client_for):
    lead = world.user("project_lead")
    original = rich_project()
    project, _ = actions.import_qdpx(lead, world.team, write_qdpx(original))
    code = project.codes.get(name="Kindness")
    actions.save_code(lead, project, code, name="Warmth", color="#00ff00", description="Manner")
    exported = read_qdpx(export(client_for("project_lead"), project))
    changed = exported.code(code.guid)
    assert (changed.name, changed.color, changed.description) == ("Warmth", "#00ff00", "Manner")
    expected = read_qdpx(write_qdpx(original))
    expected_code = expected.code(code.guid)
    expected_code.name, expected_code.color, expected_code.description = (
        "Warmth",
        "#00ff00",
        "Manner",
    )
    assert exported == expected


def test_moving_a_code_changes_only_the_code_tree(world, client_for, sample):
    lead = world.user("project_lead")
    project, _ = actions.import_qdpx(lead, world.team, sample)
    code = project.codes.filter(parent__isnull=False).order_by("id").first()
    actions.save_code(
        lead, project, code, name=code.name, parent=None, color=code.color, description=""
    )
    exported = read_qdpx(export(client_for("project_lead"), project))
    expected = read_qdpx(sample)
    expected.move_code(code.guid, None)
    expected.code(code.guid).description = None
    assert {c.guid: (c.name, p and p.guid) for c, p in exported.iter_codes()} == {
        c.guid: (c.name, p and p.guid) for c, p in expected.iter_codes()
    }
    exported.codes = expected.codes = []
    assert_same(exported, expected)
