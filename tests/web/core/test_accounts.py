"""Account pages: changing your password."""

from django.urls import reverse

from coeval.web.core.models import AuditEvent
from tests.web.conftest import PERSONAS, assert_access


def test_everyone_signed_in_may_change_their_password(world, client_for):
    assert_access(client_for, reverse("core:password"), set(PERSONAS) - {"anonymous"})


def test_a_person_changes_their_password_and_stays_signed_in(world, client_for):
    client = client_for("patient")
    response = client.post(
        reverse("core:password"),
        {
            "current_password": "a-long-test-password",
            "password1": "river stones quietly 7",
            "password2": "river stones quietly 7",
        },
    )
    assert response["Location"] == reverse("home")
    patient = world.user("patient")
    patient.refresh_from_db()
    assert patient.check_password("river stones quietly 7")
    assert client.get(reverse("home")).status_code == 200
    event = AuditEvent.objects.get(action="changed password")
    assert "river" not in str(event.changes) and "river" not in event.summary


def test_a_wrong_current_password_is_explained(world, client_for):
    response = client_for("patient").post(
        reverse("core:password"),
        {
            "current_password": "wrong",
            "password1": "river stones quietly 7",
            "password2": "river stones quietly 7",
        },
    )
    assert "Your current password is not right" in response.content.decode()
    assert 'href="#id_current_password"' in response.content.decode()
