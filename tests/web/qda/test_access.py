"""The permission matrix for every page of the qualitative workspace, for every persona."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coeval.web.qda import actions
from coeval.web.qda import models as m
from tests.web.conftest import PERSONAS, PROGRAMME_STAFF, TEAM_ROLES, assert_access
from tests.web.qda.conftest import TRANSCRIPT, span

VIEWERS = set(TEAM_ROLES) | set(PROGRAMME_STAFF)
CODERS = set(TEAM_ROLES)
MANAGERS = {"project_lead", "analyst", "programme_manager"}


def assert_access_each(client_for, make_url, allowed, method="post", data=None):
    """As assert_access, for actions that use up their object: a fresh one per persona."""
    problems = []
    for persona in PERSONAS:
        url = make_url()
        response = getattr(client_for(persona), method)(url, data or {})
        if persona == "anonymous":
            ok = response.status_code == 302 and "/sign-in/" in response["Location"]
        elif persona in allowed:
            ok = response.status_code in (200, 302)
        else:
            ok = response.status_code == 403
        if not ok:
            problems.append(f"{persona}: {response.status_code}")
    assert not problems, f"unexpected access: {', '.join(problems)}"


def test_a_teams_project_list_is_seen_by_the_team_and_programme_staff(world, client_for, project):
    assert_access(client_for, reverse("qda:team", args=[world.team.pk]), VIEWERS)


def test_only_leads_analysts_and_the_manager_start_and_import_projects(world, client_for):
    assert_access(client_for, reverse("qda:project_new", args=[world.team.pk]), MANAGERS)
    assert_access(client_for, reverse("qda:import", args=[world.team.pk]), MANAGERS)
    assert_access(
        client_for,
        reverse("qda:project_new", args=[world.team.pk]),
        MANAGERS,
        method="post",
        data={"name": "Focus groups", "approach": "reflexive"},
    )


def test_the_workspace_pages_are_seen_by_the_team_and_programme_staff(
    client_for, project, coded, codes
):
    theme = actions.save_theme(
        coded.created_by, project, name="Getting there", codes=[codes["travel"]]
    )
    case = actions.save_case(coded.created_by, project, name="P1", documents=[coded])
    for name, arg in [
        ("qda:workspace", project.pk),
        ("qda:codes", project.pk),
        ("qda:search", project.pk),
        ("qda:cases", project.pk),
        ("qda:compare", project.pk),
        ("qda:agreement", project.pk),
        ("qda:disagreements", project.pk),
        ("qda:themes", project.pk),
        ("qda:export_qdpx", project.pk),
        ("qda:export_qdc", project.pk),
        ("qda:document", coded.pk),
        ("qda:code", codes["access"].pk),
        ("qda:theme", theme.pk),
    ]:
        assert_access(client_for, reverse(name, args=[arg]), VIEWERS)
    assert_access(client_for, reverse("qda:case_edit", args=[case.pk]), CODERS)


def test_project_settings_are_for_leads_analysts_and_the_manager(client_for, project):
    assert_access(client_for, reverse("qda:settings", args=[project.pk]), MANAGERS)


def test_only_team_members_add_transcripts_codes_cases_and_themes(client_for, project, codes):
    for name in ("qda:upload", "qda:case_new", "qda:theme_new", "qda:candidates"):
        assert_access(client_for, reverse(name, args=[project.pk]), CODERS)
    assert_access(
        client_for,
        reverse("qda:codes", args=[project.pk]),
        CODERS,
        method="post",
        data={"name": "Trust", "color": "#330072"},
    )
    assert_access(
        client_for,
        reverse("qda:journal", args=[project.pk]),
        CODERS,
        method="post",
        data={"text": "I notice I expected cost to matter most."},
    )
    assert_access(
        client_for,
        reverse("qda:phase", args=[project.pk]),
        CODERS,
        method="post",
        data={"phase": "coding"},
    )


def test_uploading_and_reviewing_a_transcript_is_for_team_members(world, client_for, project):
    def upload():
        return SimpleUploadedFile("interview.txt", TRANSCRIPT.encode())

    problems = []
    for persona in PERSONAS:
        response = client_for(persona).post(
            reverse("qda:upload", args=[project.pk]), {"file": upload()}
        )
        expected = 302 if persona in CODERS or persona == "anonymous" else 403
        if response.status_code != expected:
            problems.append(f"{persona}: {response.status_code}")
    assert not problems

    def pending_url():
        pending = actions.upload_document(
            world.user("intern"), project, filename="i.txt", data=b"P1: Hello there."
        )
        return reverse("qda:review", args=[pending.pk])

    assert_access_each(client_for, pending_url, CODERS, method="get")
    assert_access_each(client_for, pending_url, CODERS, data={"name": "Interview"})


def test_coding_is_for_team_members_only(world, client_for, document, codes):
    start, end = span(document, "it was easy")
    assert_access(
        client_for,
        reverse("qda:apply", args=[document.pk]),
        CODERS,
        method="post",
        data={"start": start, "end": end, "codes": [codes["access"].pk]},
    )
    assert_access(client_for, reverse("qda:undo", args=[document.project_id]), CODERS, "post")
    assert_access(
        client_for,
        reverse("qda:document_memo", args=[document.pk]),
        CODERS,
        method="post",
        data={"text": "Feels rushed at the end."},
    )

    def fresh_coding():
        start, end = span(document, "Was anything difficult?")
        # A new code each time, because a refused removal leaves the last coding in place.
        code = actions.save_code(world.user("analyst"), document.project, name="Question")
        return actions.apply_codes(
            world.user("analyst"), document, start=start, end=end, codes=[code]
        )[0]

    assert_access_each(
        client_for, lambda: reverse("qda:remove_coding", args=[fresh_coding().pk]), CODERS
    )
    coding = m.Coding.objects.first()  # the refused removals leave some in place
    assert_access(client_for, reverse("qda:coding_memo", args=[coding.pk]), CODERS)


def test_changing_codes_is_for_team_members_only(world, client_for, project, codes):
    lead = world.user("project_lead")
    code = codes["language"]
    assert_access(
        client_for,
        reverse("qda:code_edit", args=[code.pk]),
        CODERS,
        method="post",
        data={"name": "Language and leaflets", "color": "#ffb81c"},
    )
    assert_access(
        client_for,
        reverse("qda:code_memo", args=[code.pk]),
        CODERS,
        method="post",
        data={"text": "Includes interpreters."},
    )
    assert_access_each(
        client_for,
        lambda: reverse("qda:code_merge", args=[actions.save_code(lead, project, name="Spare").pk]),
        CODERS,
        data={"into": code.pk},
    )
    assert_access_each(
        client_for,
        lambda: reverse(
            "qda:code_delete", args=[actions.save_code(lead, project, name="Unused").pk]
        ),
        CODERS,
    )
    assert_access(client_for, reverse("qda:code_split", args=[code.pk]), CODERS, method="post")


def test_changing_a_themes_status_is_for_team_members_only(world, client_for, project, codes):
    theme = actions.save_theme(
        world.user("project_lead"), project, name="Getting there", definition="Travel."
    )
    assert_access(client_for, reverse("qda:theme_status", args=[theme.pk]), CODERS, "post")


def test_the_coding_screens_refuse_get_where_only_posting_makes_sense(client_for, document):
    response = client_for("project_lead").get(reverse("qda:apply", args=[document.pk]))
    assert response.status_code == 405
