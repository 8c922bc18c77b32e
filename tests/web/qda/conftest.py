"""A team's qualitative project, built only through the workspace's actions."""

import pytest

from coeval.web.qda import actions

TRANSCRIPT = (
    "Interviewer: How did you find the blood pressure check at the pharmacy?\n"
    "P1: Honestly it was easy. Sarah at the counter explained everything 😊 and I didn't "
    "have to take time off work.\n"
    "Interviewer: Was anything difficult?\n"
    "P1: The leaflet was only in English, so my mum couldn't read it. The bus there is two "
    "changes from our estate.\n"
)


def add_transcript(user, project, text=TRANSCRIPT, filename="interview-1.txt", accept_all=True):
    pending = actions.upload_document(user, project, filename=filename, data=text.encode())
    decision = "accept" if accept_all else "reject"
    return actions.save_reviewed_document(
        user,
        pending,
        decisions=[(decision, "")] * len(pending.proposals),
        name=filename.rsplit(".", 1)[0],
        keep_original=False,
    )


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Archive files kept from imports go to a private folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture
def project(world):
    return actions.create_project(
        world.user("project_lead"), world.team, name="Blood pressure interviews"
    )


@pytest.fixture
def document(world, project):
    return add_transcript(world.user("project_lead"), project)


@pytest.fixture
def codes(world, project):
    lead = world.user("project_lead")
    access = actions.save_code(lead, project, name="Access", color="#005eb8")
    return {
        "access": access,
        "travel": actions.save_code(lead, project, name="Travel", parent=access, color="#007f3b"),
        "language": actions.save_code(lead, project, name="Language", color="#ffb81c"),
    }


def span(document, phrase):
    start = document.plain_text.index(phrase)
    return start, start + len(phrase)


@pytest.fixture
def coded(world, document, codes):
    """Two coders code the same transcript, agreeing on some passages and not others."""
    lead, practitioner = world.user("project_lead"), world.user("practitioner")
    for user in (lead, practitioner):
        start, end = span(document, "The leaflet was only in English")
        actions.apply_codes(user, document, start=start, end=end, codes=[codes["language"]])
    start, end = span(document, "The bus there is two changes from our estate.")
    actions.apply_codes(lead, document, start=start, end=end, codes=[codes["travel"]])
    start, end = span(document, "it was easy")
    actions.apply_codes(practitioner, document, start=start, end=end, codes=[codes["access"]])
    return document
