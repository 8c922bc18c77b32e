"""The qualitative workspace end to end, in a real browser.

Import a transcript, code it with the mouse, have a second coder code it too, read the
agreement, build a theme, export the project as .qdpx and import it again: everything matches.
"""

from django.urls import reverse

from coeval.web.qda import models as m
from tests.browser.conftest import assert_accessible
from tests.web.conftest import world  # noqa: F401  (the personas, shared with the web tests)

TRANSCRIPT = (
    "Interviewer: How was the blood pressure check? 👍\n"
    "P1: Quick, and the pharmacist was kind. The leaflet was only in English, so my mum "
    "could not read it.\n"
    "Interviewer: Anything else?\n"
    "P1: The bus there is two changes from our estate.\n"
)

FIND_PHRASE = """(phrase) => {
  const region = document.getElementById("qda-text");
  const walker = document.createTreeWalker(region, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const i = node.data.indexOf(phrase);
    if (i < 0) continue;
    const range = document.createRange();
    range.setStart(node, i); range.setEnd(node, i + 1);
    const a = range.getBoundingClientRect();
    range.setStart(node, i + phrase.length - 1); range.setEnd(node, i + phrase.length);
    const b = range.getBoundingClientRect();
    return [a.left + 1, a.top + a.height / 2, b.right - 1, b.top + b.height / 2];
  }
  return null;
}"""


def select_with_mouse(page, phrase):
    x1, y1, x2, y2 = page.evaluate(FIND_PHRASE, phrase)
    page.mouse.move(x1, y1)
    page.mouse.down()
    page.mouse.move(x2, y2, steps=8)
    page.mouse.up()
    page.locator("#qda-selected", has_text=f"“{phrase}”").wait_for()


def code_selection(page, code_name):
    page.locator("#qda-apply").get_by_label(code_name, exact=True).check()
    page.get_by_role("button", name="Apply codes").click()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def summary(project):
    return {
        "documents": sorted((d.name, d.plain_text) for d in project.documents.all()),
        "codes": sorted(c.name for c in project.codes.all()),
        "codings": sorted(
            (c.code.name, c.coder.name, c.selection.start, c.selection.end)
            for c in m.Coding.objects.filter(code__project=project)
        ),
        "themes": sorted(
            (t.name, t.status, tuple(sorted(c.name for c in t.codes.all())))
            for t in project.themes.all()
        ),
    }


def test_a_team_codes_a_transcript_together_and_takes_it_elsewhere(
    transactional_db,
    world,  # noqa: F811
    page,
    live_server,
    sign_in,
    tmp_path,
):
    lead, practitioner = world.user("project_lead"), world.user("practitioner")
    sign_in(lead)
    page.goto(live_server.url + reverse("qda:team", args=[world.team.pk]))
    assert_accessible(page)
    page.get_by_role("link", name="Start a project").click()
    page.get_by_label("Project name").fill("Pharmacy check interviews")
    page.get_by_label("Codebook (structured coding with a shared codebook)").check()
    page.get_by_role("button", name="Start the project").click()
    project = m.QdaProject.objects.get()
    assert_accessible(page)

    page.get_by_role("link", name="Codes").first.click()
    for name in ("Language", "Travel"):
        page.get_by_label("Code name").fill(name)
        page.get_by_role("button", name="Add code").click()
    assert_accessible(page)

    # 1. Import a transcript, reviewing its pseudonyms.
    page.get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="Add a transcript").click()
    transcript = tmp_path / "interview-1.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    page.get_by_label("Transcript file").set_input_files(str(transcript))
    page.get_by_role("button", name="Upload and review").click()
    assert page.get_by_role("heading", name="Review pseudonyms").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save the transcript").click()
    page.get_by_role("heading", name="interview-1").wait_for()
    assert_accessible(page)

    # 2. Select text with the mouse and code it; positions arrive as code points despite 👍.
    select_with_mouse(page, "The leaflet was only in English")
    code_selection(page, "Language")
    page.locator("tr[data-code='Language']").wait_for()
    document = m.Document.objects.get()
    selection = m.Selection.objects.get()
    assert document.plain_text[selection.start : selection.end] == (
        "The leaflet was only in English"
    )
    # ...and by keyboard: Shift+arrows in the transcript, Enter to reach the codes.
    page.locator("#qda-text").focus()
    for _ in range(11):
        page.keyboard.press("Shift+ArrowRight")
    page.locator("#qda-selected", has_text="“Interviewer”").wait_for()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "codes"
    sign_out(page)

    # 3. A second coder codes the same document, partly differently.
    sign_in(practitioner)
    page.goto(live_server.url + reverse("qda:document", args=[document.pk]))
    select_with_mouse(page, "The leaflet was only in English")
    code_selection(page, "Language")
    page.locator("tr[data-coder='Practitioner']").wait_for()
    select_with_mouse(page, "The bus there is two changes")
    code_selection(page, "Travel")
    page.locator("tr[data-code='Travel']").wait_for()

    # 4. View agreement.
    page.get_by_role("link", name="Agreement").click()
    assert page.get_by_role("columnheader", name="Cohen's κ").is_visible()
    language = page.get_by_role("row", name="Language")
    assert "1.00" in language.inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="See the disagreements side by side").click()
    assert (
        page.locator(".qda-disagreements").get_by_text("The bus there is two changes").is_visible()
    )

    # 5. Build a theme from codes.
    page.get_by_role("link", name="Themes").click()
    page.get_by_role("link", name="Add a theme").click()
    page.get_by_label("Theme name").fill("Barriers nobody planned for")
    page.get_by_label("Language", exact=True).check()
    page.get_by_label("Travel", exact=True).check()
    page.get_by_role("button", name="Save the theme").click()
    page.get_by_role("button", name="Mark as reviewed").click()
    page.get_by_role("link", name="Back to themes").click()
    assert page.get_by_role("img", name="Thematic map").is_visible()
    assert_accessible(page)

    # 6. Export the QDPX and re-import it into a new project.
    page.get_by_role("link", name="Overview").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the project (.qdpx)").click()
    exported = tmp_path / "export.qdpx"
    download.value.save_as(exported)
    sign_out(page)
    sign_in(lead)
    page.goto(live_server.url + reverse("qda:import", args=[world.team.pk]))
    page.get_by_label("REFI-QDA project file (.qdpx)").set_input_files(str(exported))
    page.get_by_role("button", name="Import").click()
    page.get_by_text("Imported Pharmacy check interviews.").wait_for()
    assert_accessible(page)

    # 7. Everything matches.
    copy = m.QdaProject.objects.exclude(pk=project.pk).get()
    assert summary(copy) == summary(project)
    assert len(summary(copy)["codings"]) == 3
