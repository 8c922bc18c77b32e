from tests import factories
from tests.browser.conftest import assert_accessible


def test_a_person_signs_in_and_sees_their_home_page(page, live_server, sign_in, transactional_db):
    user = factories.make_user("Asha Patel", "asha@example.test")
    page.goto(f"{live_server.url}/")
    assert "/sign-in/" in page.url
    assert_accessible(page)
    sign_in(user)
    assert page.get_by_role("heading", level=1).inner_text() == "Hello, Asha Patel"
    assert_accessible(page)


def test_a_wrong_password_is_explained_and_the_email_kept(page, live_server, transactional_db):
    factories.make_user("Asha Patel", "asha@example.test")
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Email address").fill("asha@example.test")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("Email address").input_value() == "asha@example.test"
