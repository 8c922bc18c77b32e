"""From data to decision in the browser: an analyst uploads a CSV, maps its columns,
runs the analysis and sees the chart (test_datasets.py), writes a brief with that
output, a facilitator approves it, the PDF carries the numbers, and a decision citing
the brief appears on the programme's knowledge mobilisation map."""

import io
import re

from pypdf import PdfReader

from tests import factories
from tests.browser.conftest import assert_accessible
from tests.browser.test_datasets import upload_map_and_analyse


def test_an_analysts_data_becomes_a_brief_and_a_logged_decision_on_the_map(
    page, live_server, sign_in, analyst, tmp_path
):
    lead, team = analyst
    programme = team.cohort.programme
    facilitator = factories.make_user("Samir Qureshi", "facilitator@example.test")
    factories.give_programme_role(facilitator, programme, "academic_facilitator")

    # The analyst uploads, maps and analyses the data, and sees the chart.
    sign_in(lead)
    sentence = upload_map_and_analyse(page, live_server, team, tmp_path, "BP checks by IMD")
    ratio = re.search(r"(\d+(?:\.\d+)?) times as likely", sentence).group(1)

    # The analyst writes the brief and includes the analysis output.
    page.goto(f"{live_server.url}/briefs/teams/{team.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Start a brief").click()
    page.get_by_label("Kind of brief").select_option("board")
    page.get_by_label("Title").fill("Blood pressure checks: who is missing out")
    page.get_by_label("Key messages").fill("Fewer checks reach the most deprived areas.")
    page.get_by_label("Recommendations").fill("Offer checks in barbers' shops.")
    assert_accessible(page)
    page.get_by_role("button", name="Save brief").click()
    assert_accessible(page)
    page.get_by_role("button", name="Add BP checks by IMD").click()
    page.get_by_role("link", name="Done").click()
    assert f"{ratio} times as likely" in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Ask a facilitator to approve it").click()
    page.get_by_role("button", name="Sign out").click()

    # A facilitator approves it.
    sign_in(facilitator)
    page.goto(f"{live_server.url}/briefs/programmes/{programme.pk}/approvals/")
    assert_accessible(page)
    page.get_by_role("link", name="Blood pressure checks: who is missing out").click()
    assert_accessible(page)
    page.get_by_label("Your decision").select_option("approve")
    page.get_by_role("button", name="Save decision").click()
    assert "Released" in page.content()

    # The PDF is made in the background, with progress, and carries the numbers.
    page.get_by_role("button", name="Make a PDF").click()
    assert_accessible(page)
    download_link = page.get_by_role("link", name="Download the PDF")
    download_link.wait_for(timeout=60000)
    with page.expect_download() as download:
        download_link.click()
    text = "".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(open(download.value.path(), "rb").read())).pages
    )
    assert f"{ratio} times as likely" in " ".join(text.split())
    page.get_by_role("button", name="Sign out").click()

    # The team logs a decision citing the brief; it appears on the programme map.
    sign_in(lead)
    page.goto(f"{live_server.url}/briefs/teams/{team.pk}/")
    page.get_by_role("link", name="Blood pressure checks: who is missing out").click()
    page.get_by_role("link", name="Log a decision this brief informed").click()
    page.get_by_label("Where was it decided?").fill("Place-based partnership board")
    decided = page.get_by_role("group", name="Date of the decision")
    decided.get_by_label("Day").fill("4")
    decided.get_by_label("Month").fill("3")
    decided.get_by_label("Year").fill("2025")
    page.get_by_label("What was decided?").fill("Fund checks in barbers' shops for a year.")
    page.get_by_label("Commissioner").check()
    assert page.get_by_label(re.compile("Blood pressure checks: who is missing out")).is_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Save decision").click()
    assert_accessible(page)
    page.goto(f"{live_server.url}/decisions/programmes/{programme.pk}/map/")
    table = page.get_by_test_id("map-table")
    assert "Brief: Blood pressure checks: who is missing out" in table.inner_text()
    assert "Fund checks in barbers" in table.inner_text()
    assert_accessible(page)
