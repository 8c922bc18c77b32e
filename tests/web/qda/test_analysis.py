"""Agreement, themes, candidate groupings, REFI-QDA exchange and the demo seed."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coeval.qualitative.refi import read_qdc, read_qdpx
from coeval.web.core.demo import DemoContext
from coeval.web.core.models import AuditEvent
from coeval.web.qda import actions, demo
from coeval.web.qda import models as m


def codebook_project(world, project):
    return actions.update_settings(
        world.user("project_lead"),
        project,
        name=project.name,
        description="",
        approach=m.Approach.CODEBOOK,
        show_agreement=False,
    )


def test_agreement_is_off_for_a_reflexive_project_and_says_why(client_for, coded):
    response = client_for("analyst").get(reverse("qda:agreement", args=[coded.project_id]))
    body = response.content.decode()
    assert "Inter-coder agreement is switched off" in body
    assert "not a test of quality" in body
    assert "κ" not in body


def test_a_codebook_project_shows_kappa_and_alpha_per_code_and_overall(world, client_for, coded):
    codebook_project(world, coded.project)
    response = client_for("analyst").get(
        reverse("qda:agreement", args=[coded.project_id]), {"level": "character"}
    )
    assert response.context["ready"]
    report = response.context["report"]
    assert len(report.coders) == 2
    language = next(r for r in response.context["rows"] if r["name"] == "Language")
    # Both coders coded exactly the same leaflet sentence and nothing else with Language.
    assert language["result"].percent_agreement.value == 1.0
    assert language["result"].cohen_kappa.value == 1.0
    assert report.overall.krippendorff_alpha.value < 1
    body = response.content.decode()
    assert "Cohen's κ" in body and "Krippendorff's α" in body and "All codes" in body


def test_segment_level_agreement_uses_speaker_turns(world, client_for, coded):
    codebook_project(world, coded.project)
    response = client_for("analyst").get(
        reverse("qda:agreement", args=[coded.project_id]), {"level": "segment"}
    )
    assert response.context["unit"] == "segments"
    language = next(r for r in response.context["rows"] if r["name"] == "Language")
    assert language["result"].units == len(coded.turns)


def test_disagreements_show_who_applied_a_code_and_who_did_not(world, client_for, coded, codes):
    codebook_project(world, coded.project)
    response = client_for("practitioner").get(
        reverse("qda:disagreements", args=[coded.project_id]), {"code": codes["travel"].pk}
    )
    rows = response.context["rows"]
    assert [(r["text"], r["applied_by"], r["not_applied_by"]) for r in rows] == [
        ("The bus there is two changes from our estate.", ["Project Lead"], ["Practitioner"])
    ]


def test_a_reflexive_team_can_choose_to_see_agreement(world, client_for, coded):
    actions.update_settings(
        world.user("analyst"),
        coded.project,
        name=coded.project.name,
        description="",
        approach=m.Approach.REFLEXIVE,
        show_agreement=True,
    )
    response = client_for("analyst").get(reverse("qda:agreement", args=[coded.project_id]))
    assert response.context["ready"]


def test_a_theme_moves_from_candidate_to_defined_only_with_a_definition(
    world, client_for, coded, codes
):
    client = client_for("patient")
    response = client.post(
        reverse("qda:theme_new", args=[coded.project_id]),
        {"name": "Someone else's timetable", "codes": [codes["travel"].pk, codes["language"].pk]},
    )
    theme = m.Theme.objects.get()
    assert response["Location"] == reverse("qda:theme", args=[theme.pk])
    assert theme.status == "candidate"
    client.post(reverse("qda:theme_status", args=[theme.pk]))
    client.post(reverse("qda:theme_status", args=[theme.pk]))
    theme.refresh_from_db()
    assert theme.status == "reviewed"
    extract = m.Selection.objects.get(codings__code=codes["travel"])
    client.post(
        reverse("qda:theme", args=[theme.pk]),
        {
            "name": theme.name,
            "definition": "Services run on the timetable of staff, not of the people using them.",
            "codes": [codes["travel"].pk],
            "extracts": [extract.pk],
        },
    )
    client.post(reverse("qda:theme_status", args=[theme.pk]))
    theme.refresh_from_db()
    assert theme.status == "defined"
    assert list(theme.extracts.all()) == [extract]


def test_the_thematic_map_is_an_accessible_picture_with_a_list_alternative(
    world, client_for, coded, codes
):
    actions.save_theme(
        world.user("intern"), coded.project, name="Getting there", codes=[codes["travel"]]
    )
    body = (
        client_for("commissioner")
        .get(reverse("qda:themes", args=[coded.project_id]))
        .content.decode()
    )
    assert 'role="img" aria-labelledby="map-title map-desc"' in body
    assert '<title id="map-title">Thematic map</title>' in body
    assert '<ul class="qda-theme-list">' in body and "<li>Travel</li>" in body


def test_the_phases_and_the_reflexive_journal_are_recorded(world, client_for, project):
    client = client_for("public_adviser")
    client.post(reverse("qda:phase", args=[project.pk]), {"phase": "generating initial themes"})
    client.post(reverse("qda:journal", args=[project.pk]), {"text": "I expected cost to matter."})
    entry = m.JournalEntry.objects.get()
    assert entry.phase == "generating initial themes"
    assert entry.author == "Public Adviser"
    body = client.get(reverse("qda:themes", args=[project.pk])).content.decode()
    assert 'aria-current="step">3. Generating initial themes' in body


def test_candidate_groupings_are_labelled_and_only_applied_when_a_person_accepts(
    world, client_for, coded
):
    client = client_for("practitioner")
    response = client.get(reverse("qda:candidates", args=[coded.project_id]))
    assert "These are suggestions from software, not themes" in response.content.decode()
    assert not m.Theme.objects.exists()
    guids = ",".join(m.Selection.objects.values_list("guid", flat=True)[:2])
    response = client.post(
        reverse("qda:candidates", args=[coded.project_id]), {"name": "Barriers", "guids": guids}
    )
    theme = m.Theme.objects.get()
    assert theme.status == "candidate" and theme.extracts.count() == 2
    event = AuditEvent.objects.get(action="accepted_candidate")
    assert event.actor_name == "Practitioner"
    assert event.changes["model"]["new"].startswith("coeval built-in TF-IDF")


def test_a_qdpx_export_re_imports_into_a_new_project_with_everything_matching(
    world, client_for, coded, codes
):
    lead = world.user("project_lead")
    project = coded.project
    actions.add_memo(lead, project, text="Leaflets again", code=codes["language"])
    actions.add_memo(lead, project, text="Short interview", document=coded)
    imd = project.variables.get(name="IMD quintile")
    actions.save_case(lead, project, name="P1", documents=[coded], values={imd: "1"})
    extract = m.Selection.objects.filter(codings__code=codes["travel"]).first()
    actions.save_theme(
        lead,
        project,
        name="Getting there",
        definition="Travel.",
        codes=[codes["travel"]],
        extracts=[extract],
    )
    actions.write_journal(lead, project, text="Noticing my own assumptions.")
    client = client_for("project_lead")
    exported = client.get(reverse("qda:export_qdpx", args=[project.pk]))
    assert exported["Content-Disposition"].endswith('.qdpx"')
    data = exported.content
    assert read_qdpx(data).name == project.name
    response = client.post(
        reverse("qda:import", args=[world.team.pk]),
        {"file": SimpleUploadedFile("p.qdpx", data)},
    )
    copy = m.QdaProject.objects.exclude(pk=project.pk).get()
    assert response["Location"] == reverse("qda:workspace", args=[copy.pk])

    def summary(p):
        return {
            "codes": sorted(
                (c.name, c.color, c.parent.name if c.parent else None) for c in p.codes.all()
            ),
            "documents": sorted((d.name, d.plain_text) for d in p.documents.all()),
            "codings": sorted(
                (c.code.name, c.coder.name, c.selection.start, c.selection.end)
                for c in m.Coding.objects.filter(code__project=p)
            ),
            "memos": sorted(x.text for x in p.memos.all()),
            "cases": sorted(
                (c.name, tuple(sorted((v.variable.name, v.value) for v in c.values.all())))
                for c in p.cases.all()
            ),
            "themes": sorted(
                (
                    t.name,
                    t.definition,
                    t.status,
                    tuple(c.name for c in t.codes.all()),
                    tuple(s.start for s in t.extracts.all()),
                )
                for t in p.themes.all()
            ),
            "journal": [j.text for j in p.journal.all()],
        }

    assert summary(copy) == summary(project)


def test_a_hostile_qdpx_is_refused_and_nothing_changes(world, client_for, coded):
    before = (m.QdaProject.objects.count(), m.Coding.objects.count(), m.Document.objects.count())
    bad = io.BytesIO()
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("../../evil.txt", "x")
        archive.writestr("project.qde", "<Project/>")
    response = client_for("analyst").post(
        reverse("qda:import", args=[world.team.pk]),
        {"file": SimpleUploadedFile("evil.qdpx", bad.getvalue())},
    )
    assert response.status_code == 200
    assert "The file was not imported" in response.content.decode()
    after = (m.QdaProject.objects.count(), m.Coding.objects.count(), m.Document.objects.count())
    assert after == before


def test_the_codebook_downloads_as_a_qdc_with_the_code_tree(client_for, coded, codes):
    response = client_for("methodological_expert").get(
        reverse("qda:export_qdc", args=[coded.project_id])
    )
    codebook = read_qdc(response.content)
    access = next(c for c in codebook.codes if c.name == "Access")
    assert [c.name for c in access.children] == ["Travel"]


def test_the_demo_seed_gives_each_team_a_coded_project_with_a_candidate_theme(world):
    context = DemoContext(objects={"teams": [world.team]})
    demo.seed(context)
    projects = context.objects["qda_projects"]
    assert len(projects) == 1
    for project in projects:
        assert project.documents.count() >= 2
        assert project.cases.count() >= 2
        assert project.codes.filter(parent__isnull=False).exists()
        assert project.coders.filter(codings__isnull=False).distinct().count() == 2
        assert project.themes.get().status == "candidate"
