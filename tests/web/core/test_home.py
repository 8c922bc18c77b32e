"""The home page: "what is next for my team", built from each app's part."""

from django.urls import reverse

from coeval.web.core import services
from tests.web.conftest import PERSONAS, assert_access


def test_everyone_signed_in_has_a_home_page(world, client_for):
    assert_access(client_for, reverse("home"), set(PERSONAS) - {"anonymous"})


def test_a_team_member_sees_their_team_and_role(world, client_for):
    page = client_for("intern").get(reverse("home")).content.decode()
    assert "What is next for my team" in page
    assert "Blood pressure team" in page
    assert "You are the team's intern" in page
    assert reverse("programmes:team", args=[world.team.pk]) in page


def test_programme_staff_see_their_programme_roles(world, client_for):
    page = client_for("academic_facilitator").get(reverse("home")).content.decode()
    assert "Academic facilitator in" in page and world.programme.name in page


def test_someone_with_no_role_is_told_how_to_join(db, client_for):
    from django.test import Client

    from tests import factories

    client = Client()
    client.force_login(factories.make_user("New Person"))
    assert "You are not in a team yet" in client.get(reverse("home")).content.decode()


def test_a_home_page_part_that_is_not_built_yet_is_left_out(world, monkeypatch):
    monkeypatch.setattr(
        services,
        "HOME_PAGE_PARTS",
        [
            ("coeval.web.programmes.services.home_page_part", "programmes/_home_part.html"),
            ("coeval.web.nowhere.services.home_page_part", "nowhere/_home_part.html"),
        ],
    )
    context = services.home_page_context(world.user("practitioner"))
    assert context["home_part_templates"] == ["programmes/_home_part.html"]
    assert context["my_memberships"]


def test_the_curriculum_part_is_shown_when_that_app_provides_it(world):
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template
    from django.utils.module_loading import import_string

    try:
        import_string("coeval.web.curriculum.services.home_page_part")
        get_template("curriculum/_home_part.html")
        provided = True
    except (ImportError, TemplateDoesNotExist):
        provided = False
    context = services.home_page_context(world.user("practitioner"))
    assert ("curriculum/_home_part.html" in context["home_part_templates"]) is provided
