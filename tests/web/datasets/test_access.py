"""Who reaches which page: every URL of the app, for every persona.

Row-level data (previews, example values, the validation report, uploads) is only
for members holding the explicit grant; the rest of the team and programme staff see
disclosure-controlled outputs; another team and anonymous visitors see nothing.
"""

import pytest
from django.urls import get_resolver

from coeval.web.datasets import urls as dataset_urls
from coeval.web.programmes.models import TeamMembership
from tests.web.conftest import PERSONAS, PROGRAMME_STAFF, TEAM_ROLES, assert_access
from tests.web.datasets.conftest import analyse, map_columns, patients, upload

pytestmark = pytest.mark.django_db

OUTPUTS = set(PROGRAMME_STAFF) | set(TEAM_ROLES)
ROWS = {"analyst"}  # the only persona with the explicit grant
RUN = {"project_lead", "analyst", "intern"}

# URL name -> (path template, who may GET it). Adding a URL without a rule fails below.
RULES = {
    "team": ("/data/teams/{team}/", OUTPUTS),
    "upload": ("/data/teams/{team}/upload/", ROWS),
    "connect": ("/data/teams/{team}/connect/", ROWS),
    "access": ("/data/teams/{team}/access/", {"programme_manager"}),
    "dataset": ("/data/datasets/{dataset}/", OUTPUTS),
    "dataset_status": ("/data/datasets/{dataset}/status/", OUTPUTS),
    "problems": ("/data/datasets/{dataset}/problems/", ROWS),
    "preview": ("/data/datasets/{dataset}/preview/", ROWS),
    "mapping": ("/data/datasets/{dataset}/columns/", ROWS),
    "analysis_new": ("/data/datasets/{dataset}/analyse/", RUN),
    "analysis": ("/data/analyses/{analysis}/", OUTPUTS),
    "progress": ("/data/analyses/{analysis}/progress/", OUTPUTS),
    "csv": ("/data/analyses/{analysis}/results.csv", OUTPUTS),
    "pdf": ("/data/analyses/{analysis}/results.pdf", OUTPUTS),
    "docx": ("/data/analyses/{analysis}/results.docx", OUTPUTS),
    "api_analysis": ("/data/api/v1/analyses/{analysis}.json", OUTPUTS),
}
MARKER = "ZQX-ROW-MARKER"


@pytest.fixture
def marked(world):
    """A dataset whose rows carry a value that must never appear outside the row pages."""
    frame = patients(400)
    frame["practice"] = MARKER
    dataset = map_columns(world, upload(world, frame))
    return dataset, analyse(world, dataset, dimensions=("imd",))


def _urls(world, dataset, analysis):
    ids = {"team": world.team.pk, "dataset": dataset.pk, "analysis": analysis.pk}
    return {name: (path.format(**ids), allowed) for name, (path, allowed) in RULES.items()}


def test_every_url_of_the_app_has_an_access_rule():
    names = {p.name for p in dataset_urls.urlpatterns}
    assert names == set(RULES)
    assert get_resolver().resolve("/data/api/v1/analyses/1.json").url_name == "api_analysis"


def test_each_page_is_open_only_to_the_personas_allowed(world, client_for, marked):
    # One test over every URL, so the dataset and analysis are built once.
    for _name, (url, allowed) in _urls(world, *marked).items():
        assert_access(client_for, url, allowed)


def test_no_url_or_api_shows_row_level_data_to_people_without_the_grant(world, client_for, marked):
    for persona in ("public_adviser", "patient", "other_team_member", "anonymous"):
        _assert_no_rows(client_for(persona), persona, _urls(world, *marked))


def _assert_no_rows(client, persona, urls):
    for name, (url, _allowed) in urls.items():
        response = client.get(url)
        body = b"".join(response) if response.streaming else response.content
        assert MARKER.encode() not in body, f"{name} showed a row value to {persona}"
        assert b"bp_checked" not in body or name in ("analysis", "pdf", "docx"), name
        if name in ("preview", "mapping", "problems", "upload", "connect"):
            assert response.status_code in (302, 403), f"{persona} reached {name}"


def test_the_analyst_with_the_grant_does_see_rows_in_the_preview(world, client_for, marked):
    dataset, _ = marked
    assert (
        MARKER
        in client_for("analyst").get(f"/data/datasets/{dataset.pk}/preview/").content.decode()
    )


def test_uploading_a_file_needs_the_upload_verb_as_well_as_the_grant(world, client_for):
    intern = TeamMembership.objects.get(user=world.user("intern"), team=world.team)
    from coeval.web.datasets import actions

    actions.grant_row_access(world.user("programme_manager"), intern)
    assert client_for("intern").get(f"/data/teams/{world.team.pk}/upload/").status_code == 403
    assert client_for("intern").get(f"/data/teams/{world.team.pk}/").status_code == 200


def test_the_programme_manager_grants_and_revokes_row_access_and_it_is_recorded(world, client_for):
    from coeval.web.core.models import AuditEvent

    lead = TeamMembership.objects.get(user=world.user("project_lead"), team=world.team)
    manager = client_for("programme_manager")
    url = f"/data/teams/{world.team.pk}/access/"
    manager.post(url, {"membership": lead.pk, "change": "grant"})
    assert client_for("project_lead").get(f"/data/teams/{world.team.pk}/upload/").status_code == 200
    manager.post(url, {"membership": lead.pk, "change": "revoke"})
    assert client_for("project_lead").get(f"/data/teams/{world.team.pk}/upload/").status_code == 403
    summaries = list(
        AuditEvent.objects.filter(target_id=str(lead.pk)).values_list("summary", flat=True)
    )
    assert any("Gave" in s for s in summaries) and any("Took away" in s for s in summaries)


def test_a_public_adviser_cannot_be_given_row_level_data(world, client_for):
    adviser = TeamMembership.objects.get(user=world.user("public_adviser"), team=world.team)
    response = client_for("programme_manager").post(
        f"/data/teams/{world.team.pk}/access/",
        {"membership": adviser.pk, "change": "grant"},
        follow=True,
    )
    adviser.refresh_from_db()
    assert adviser.data_access_granted_at is None
    assert "cannot be given row-level data" in response.content.decode()


def test_personas_cover_the_whole_matrix():
    assert set(PERSONAS) - OUTPUTS == {"other_team_member", "anonymous"}
