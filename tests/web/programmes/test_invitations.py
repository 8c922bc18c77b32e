"""Inviting people by emailed link, and accepting: the happy path and every refusal."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coeval.web.core.authorization import has_permission
from coeval.web.core.models import AuditEvent, User
from coeval.web.core.permissions import Permission
from coeval.web.programmes import actions
from coeval.web.programmes.models import Invitation, ProgrammeRole, TeamMembership
from tests import factories
from tests.web.conftest import assert_access


def _invite_through_page(client, team, email="nadia@example.test", role="practitioner"):
    return client.post(
        reverse("programmes:team_invite", args=[team.pk]), {"email": email, "role": role}
    )


def _link_in(message) -> str:
    return re.search(r"http://testserver(/invitations/[^/\s]+/)", message.body).group(1)


def test_a_manager_invites_someone_and_an_email_with_a_link_is_sent(world, client_for):
    response = _invite_through_page(client_for("programme_manager"), world.team)
    assert response["Location"] == reverse("programmes:team", args=[world.team.pk])
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nadia@example.test"]
    assert "Blood pressure team" in message.subject
    invitation = Invitation.objects.get(email="nadia@example.test")
    assert invitation.token in message.body
    assert AuditEvent.objects.filter(action="invited", target_id=str(invitation.pk)).exists()


def test_a_facilitator_may_invite_to_a_team(world, client_for):
    _invite_through_page(client_for("academic_facilitator"), world.team)
    assert Invitation.objects.filter(email="nadia@example.test", team=world.team).exists()


def test_the_invitee_sets_a_name_and_password_and_joins_the_team(world, client_for):
    _invite_through_page(client_for("programme_manager"), world.team)
    link = _link_in(mail.outbox[0])
    visitor = Client()
    assert "Create a password" in visitor.get(link).content.decode()
    response = visitor.post(
        link,
        {
            "full_name": "Nadia Hussain",
            "password1": "blue kettle morning 42",
            "password2": "blue kettle morning 42",
        },
    )
    assert response["Location"] == reverse("home")
    nadia = User.objects.get(email="nadia@example.test")
    assert nadia.full_name == "Nadia Hussain"
    assert nadia.check_password("blue kettle morning 42")
    assert TeamMembership.objects.get(user=nadia).role == "practitioner"
    assert has_permission(nadia, Permission.TEAM_VIEW, world.team)
    home = visitor.get(reverse("home")).content.decode()
    assert "Blood pressure team" in home and "Welcome" in home


def test_a_weak_password_is_explained_and_the_name_kept(world, client_for):
    _invite_through_page(client_for("programme_manager"), world.team)
    link = _link_in(mail.outbox[0])
    response = Client().post(
        link, {"full_name": "Nadia Hussain", "password1": "password", "password2": "password"}
    )
    page = response.content.decode()
    assert "This password is too short" in page
    assert "This password is too common" in page
    assert 'value="Nadia Hussain"' in page
    assert not User.objects.filter(email="nadia@example.test").exists()


def test_passwords_that_differ_are_explained(world, client_for):
    _invite_through_page(client_for("programme_manager"), world.team)
    link = _link_in(mail.outbox[0])
    response = Client().post(
        link,
        {"full_name": "Nadia", "password1": "blue kettle morning 42", "password2": "blue kettle"},
    )
    assert "The two passwords are different" in response.content.decode()


def test_an_invitation_link_works_only_once(world, client_for):
    _invite_through_page(client_for("programme_manager"), world.team)
    link = _link_in(mail.outbox[0])
    data = {"full_name": "Nadia", "password1": "blue kettle morning 42"}
    data["password2"] = data["password1"]
    Client().post(link, data)
    again = Client().get(link)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()


def test_an_expired_invitation_says_who_to_ask(world, client_for):
    _invite_through_page(client_for("programme_manager"), world.team)
    invitation = Invitation.objects.get()
    invitation.expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save()
    response = Client().get(reverse("core:accept_invitation", args=[invitation.token]))
    assert response.status_code == 410
    assert "ran out" in response.content.decode()
    assert "Programme Manager" in response.content.decode()


def test_a_made_up_link_is_not_found(db):
    response = Client().get(reverse("core:accept_invitation", args=["not-a-real-token"]))
    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_someone_already_in_the_team_is_not_invited_again(world, client_for):
    response = _invite_through_page(
        client_for("programme_manager"), world.team, email="Practitioner@Example.test"
    )
    assert "is already in Blood pressure team as practitioner" in response.content.decode()
    assert not mail.outbox


def test_someone_already_invited_is_told_the_first_link_still_works(world, client_for):
    client = client_for("programme_manager")
    _invite_through_page(client, world.team)
    response = _invite_through_page(client, world.team, role="analyst")
    assert "was already invited" in response.content.decode()
    assert len(mail.outbox) == 1


def test_a_bad_email_is_explained_and_kept(world, client_for):
    response = _invite_through_page(client_for("programme_manager"), world.team, email="nadia@")
    page = response.content.decode()
    assert "Enter an email address in the right format" in page
    assert 'value="nadia@"' in page


def test_an_existing_person_signs_in_and_accepts_a_role_in_another_team(world, client_for):
    _invite_through_page(
        client_for("programme_manager"),
        world.other_team,
        email="practitioner@example.test",
        role="public_adviser",
    )
    link = _link_in(mail.outbox[0])
    assert "Sign in to accept" in Client().get(link).content.decode()
    practitioner = client_for("practitioner")
    assert "Accept and join" in practitioner.get(link).content.decode()
    practitioner.post(link)
    roles = dict(
        TeamMembership.objects.filter(user=world.user("practitioner")).values_list(
            "team__name", "role"
        )
    )
    assert roles == {"Blood pressure team": "practitioner", "Connectors team": "public_adviser"}


def test_a_signed_in_member_cannot_take_a_second_role_in_the_same_team(world, client_for):
    invitation = actions.invite(
        world.user("programme_manager"),
        email="someone@example.test",
        role="intern",
        programme=world.programme,
        team=world.team,
        link_for=lambda token: f"http://testserver/invitations/{token}/",
    )
    response = client_for("patient").post(
        reverse("core:accept_invitation", args=[invitation.token])
    )
    assert response.status_code == 409
    assert "already a member of Blood pressure team" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_manager_invites_a_cohort_facilitator_to_the_programme(world, client_for):
    client = client_for("programme_manager")
    client.post(
        reverse("programmes:invite", args=[world.programme.pk]),
        {"email": "tom@example.test", "role": "academic_facilitator", "cohort": world.cohort.pk},
    )
    link = _link_in(mail.outbox[0])
    data = {"full_name": "Tom Ellis", "password1": "ferry across 1965", "password2": ""}
    data["password2"] = data["password1"]
    Client().post(link, data)
    role = ProgrammeRole.objects.get(user__email="tom@example.test")
    assert (role.role, role.cohort) == ("academic_facilitator", world.cohort)


def test_invitations_refuse_roles_that_do_not_fit(world):
    with pytest.raises(actions.InvitationError):
        actions.invite(
            world.user("programme_manager"),
            email="x@example.test",
            role="programme_manager",
            programme=world.programme,
            team=world.team,
            link_for=str,
        )


def test_one_person_holds_roles_in_several_teams_and_cohorts(world):
    second = factories.make_cohort(world.programme, "Cohort 2")
    dementia = factories.make_team(second, "Dementia team", "Young-onset dementia pathway")
    adviser = world.user("public_adviser")
    invitation = actions.invite(
        world.user("programme_manager"),
        email=adviser.email,
        role="public_adviser",
        programme=world.programme,
        team=dementia,
        link_for=str,
    )
    actions.accept_invitation(invitation, user=adviser)
    assert has_permission(adviser, Permission.TEAM_VIEW, world.team)
    assert has_permission(adviser, Permission.TEAM_VIEW, dementia)


def test_the_accept_page_is_open_to_everyone_with_the_link(world, client_for):
    from tests.web.conftest import PERSONAS

    invitation = actions.invite(
        world.user("programme_manager"),
        email="fresh@example.test",
        role="intern",
        programme=world.programme,
        team=world.other_team,
        link_for=str,
    )
    url = reverse("core:accept_invitation", args=[invitation.token])
    for persona in PERSONAS:
        assert client_for(persona).get(url).status_code == 200, persona


# -- Waiting for a reply: send again, or withdraw -------------------------------------


def _answer(client, invitation, do):
    if invitation.team_id:
        url = reverse("programmes:team_invitation", args=[invitation.team_id, invitation.pk])
    else:
        url = reverse("programmes:invitation", args=[invitation.programme_id, invitation.pk])
    return client.post(url, {"do": do})


def test_the_invite_page_lists_unanswered_invitations_even_after_their_link_ran_out(
    world, client_for
):
    client = client_for("programme_manager")
    _invite_through_page(client, world.team)
    _invite_through_page(client, world.team, email="omar@example.test")
    Invitation.objects.filter(email="omar@example.test").update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    page = client.get(reverse("programmes:team_invite", args=[world.team.pk])).content.decode()
    assert "nadia@example.test" in page and "Works until" in page
    assert "omar@example.test" in page and "Ran out" in page
    assert 'Send again<span class="nhsuk-u-visually-hidden"> to omar@example.test' in page


def test_sending_again_emails_the_same_link_which_then_works_for_the_full_time(world, client_for):
    client = client_for("programme_manager")
    _invite_through_page(client, world.team)
    invitation = Invitation.objects.get()
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    response = _answer(client, invitation, "resend")
    assert response["Location"] == reverse("programmes:team_invite", args=[world.team.pk])
    assert len(mail.outbox) == 2
    assert _link_in(mail.outbox[1]) == _link_in(mail.outbox[0])
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + timedelta(days=1)
    assert Client().get(_link_in(mail.outbox[1])).status_code == 200
    assert AuditEvent.objects.filter(action="resent", target_id=str(invitation.pk)).exists()


def test_a_withdrawn_invitation_link_says_so_and_who_to_ask(world, client_for):
    client = client_for("programme_manager")
    _invite_through_page(client, world.team)
    invitation = Invitation.objects.get()
    response = _answer(client, invitation, "withdraw")
    assert "is withdrawn" in client.get(response["Location"]).content.decode()
    visit = Client().get(_link_in(mail.outbox[0]))
    assert visit.status_code == 410
    assert "withdrawn" in visit.content.decode()
    assert "Programme Manager" in visit.content.decode()
    assert AuditEvent.objects.filter(action="withdrew", target_id=str(invitation.pk)).exists()
    # It leaves the list, and the person may be invited afresh.
    page = client.get(reverse("programmes:team_invite", args=[world.team.pk])).content.decode()
    assert "Waiting for a reply" not in page
    _invite_through_page(client, world.team)
    assert Invitation.objects.filter(withdrawn_at__isnull=True).count() == 1


def test_an_accepted_invitation_can_be_neither_sent_again_nor_withdrawn(world, client_for):
    client = client_for("programme_manager")
    _invite_through_page(client, world.team)
    invitation = Invitation.objects.get()
    actions.accept_invitation(invitation, full_name="Nadia", password="blue kettle morning 42")
    for do in ("resend", "withdraw"):
        response = _answer(client, invitation, do)
        assert "has already accepted" in client.get(response["Location"]).content.decode()
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None
    assert len(mail.outbox) == 1


def test_only_those_who_may_invite_may_send_again_or_withdraw(world, client_for):
    team_invitation = actions.invite(
        world.user("programme_manager"), email="a@example.test", role="practitioner",
        programme=world.programme, team=world.team, link_for=lambda token: token,
    )  # fmt: skip
    programme_invitation = actions.invite(
        world.user("programme_manager"), email="b@example.test", role="academic_facilitator",
        programme=world.programme, cohort=world.cohort, link_for=lambda token: token,
    )  # fmt: skip
    url = reverse("programmes:team_invitation", args=[world.team.pk, team_invitation.pk])
    assert_access(
        client_for, url, {"programme_manager", "academic_facilitator"}, "post", {"do": "resend"}
    )
    url = reverse("programmes:invitation", args=[world.programme.pk, programme_invitation.pk])
    assert_access(client_for, url, {"programme_manager"}, "post", {"do": "resend"})
    # An invitation is found only under its own team or programme.
    wrong = reverse("programmes:team_invitation", args=[world.other_team.pk, team_invitation.pk])
    assert client_for("programme_manager").post(wrong, {"do": "withdraw"}).status_code == 404
