"""Playwright on Debian's Chromium, against Django's live server.

Never ``playwright install``: the browser is /usr/bin/chromium.
"""

import functools
import json
import os

import pytest
from django.utils import timezone

from tests import factories
from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's Chromium is not installed (scripts/bootstrap installs it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, settings):
    settings.COEVAL_TASKS_MODE = "thread"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def sign_in(page, live_server):
    def do(user, password="a-long-test-password"):
        page.goto(f"{live_server.url}/sign-in/")
        page.get_by_label("Email address").fill(user.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()

    return do


def axe_violations(page, impacts=("serious", "critical")):
    """Run axe-core in the page; return the violations at the given impacts."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in impacts]


def assert_accessible(page):
    violations = axe_violations(page)
    summary = json.dumps(
        [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in violations
        ],
        indent=1,
    )
    assert not violations, f"axe-core found serious or critical problems on {page.url}:\n{summary}"


@pytest.fixture
def analyst(transactional_db, settings, tmp_path, monkeypatch):
    """A team analyst holding the row-level data grant; returns (user, team)."""
    from coeval.equity import profile

    settings.MEDIA_ROOT = tmp_path / "private"
    # Fewer Monte-Carlo repetitions: the journey, not the statistics, is under test.
    monkeypatch.setattr(
        profile, "profile_counts", functools.partial(profile.profile_counts, repetitions=20000)
    )
    programme = factories.make_programme()
    team = factories.make_team(factories.make_cohort(programme))
    user = factories.make_user("Priya Nair", "priya@example.test")
    membership = factories.add_to_team(user, team, "analyst")
    membership.data_access_granted_at = timezone.now()
    membership.save()
    return user, team
