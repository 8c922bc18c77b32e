"""An analyst uploads a CSV, matches its columns, runs the analysis, watches its progress
and sees the chart; every page passes axe-core. The journey goes on to a brief and a
decision in test_briefs_and_decisions.py, which starts with ``upload_map_and_analyse``."""

import numpy as np
import pandas as pd

from tests.browser.conftest import assert_accessible


def _csv(path):
    rng = np.random.default_rng(3)
    n = 4000
    frame = pd.DataFrame(
        {
            "imd_quintile": rng.integers(1, 6, n),
            "sex": rng.choice(["M", "F"], n),
            "age": rng.integers(40, 90, n),
            "year": rng.choice([2023, 2024], n),
        }
    )
    frame["bp_checked"] = (rng.random(n) < 0.3 + 0.07 * frame["imd_quintile"]).astype(int)
    frame.to_csv(path, index=False)
    return path


def upload_map_and_analyse(page, live_server, team, tmp_path, title="Uptake by deprivation"):
    """The analyst's steps, signed in: returns the interpretation sentence shown."""
    page.goto(f"{live_server.url}/data/teams/{team.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Upload a file").click()
    assert_accessible(page)
    page.get_by_label("Name of the dataset").fill("BP checks")
    page.get_by_label("Upload a file").set_input_files(str(_csv(tmp_path / "bp.csv")))
    page.get_by_role("button", name="Upload the file").click()
    page.get_by_text("Columns need matching").wait_for(timeout=30000)
    assert_accessible(page)

    page.get_by_role("link", name="Match the columns").click()
    assert page.get_by_label("Outcome column").input_value() == "bp_checked"
    assert page.locator("#id_imd").input_value() == "imd_quintile"
    assert_accessible(page)
    page.get_by_role("button", name="Save and check the columns").click()
    page.get_by_text("Ready to analyse").wait_for()

    page.get_by_role("link", name="Run an analysis").click()
    assert_accessible(page)
    page.get_by_label("Name of the analysis").fill(title)
    page.get_by_label("What is measured").fill("blood pressure check uptake")
    page.get_by_label("Finish the sentence").fill("have a blood pressure check")
    page.locator("fieldset", has_text="Periods before").get_by_label("2023").check()
    page.locator("fieldset", has_text="Periods after").get_by_label("2024").check()
    page.get_by_role("button", name="Run the analysis").click()

    # Progress first (htmx polls a small fragment), then the results replace it.
    page.locator("#analysis-progress, figure.coeval-chart").first.wait_for()
    page.locator("figure.coeval-chart svg").first.wait_for(timeout=60000)
    assert page.get_by_text("times as likely to have a blood pressure check").is_visible()
    assert page.get_by_role("img").first.get_attribute("aria-label")
    assert_accessible(page)
    return page.get_by_text("times as likely to have a blood pressure check").first.inner_text()


def test_an_analyst_uploads_maps_analyses_and_sees_the_chart(
    page, live_server, sign_in, analyst, tmp_path
):
    user, team = analyst
    sign_in(user)
    sentence = upload_map_and_analyse(page, live_server, team, tmp_path)
    assert "times as likely" in sentence
