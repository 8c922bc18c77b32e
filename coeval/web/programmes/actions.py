"""Everything that changes programmes, cohorts, teams, roles and invitations.

Each action runs in one transaction and writes to the audit trail.
"""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from coeval.web.core import audit
from coeval.web.core.authorization import forget_cached_grants
from coeval.web.core.models import User
from coeval.web.core.roles import PROGRAMME_ROLES, TEAM_ROLES, role_label
from coeval.web.programmes import services
from coeval.web.programmes.models import (
    Cohort,
    Invitation,
    Programme,
    ProgrammeRole,
    Team,
    TeamMembership,
)


class InvitationError(Exception):
    """An invitation that cannot be sent or accepted; the message is for the person."""


def _stored(instance, fields):
    """The saved values, read afresh: a bound ModelForm has already changed ``instance``."""
    return audit.snapshot(type(instance).objects.get(pk=instance.pk), fields=fields)


def _update(actor, instance, fields: dict, summary: str):
    before = _stored(instance, fields.keys())
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.save()
    audit.record_updated(actor, instance, before, summary=summary)
    return instance


@transaction.atomic
def create_programme(actor, *, name: str, description: str = "") -> Programme:
    """The person who starts a programme becomes its programme manager."""
    programme = Programme.objects.create(name=name, description=description)
    audit.record_created(actor, programme, summary=f"Started the programme {name}")
    give_programme_role(actor, actor, programme, "programme_manager")
    return programme


@transaction.atomic
def update_programme(actor, programme: Programme, **fields) -> Programme:
    return _update(actor, programme, fields, f"Changed the programme {programme.name}")


@transaction.atomic
def create_cohort(actor, programme: Programme, **fields) -> Cohort:
    cohort = Cohort.objects.create(programme=programme, **fields)
    audit.record_created(actor, cohort, summary=f"Added the cohort {cohort.name}")
    return cohort


@transaction.atomic
def update_cohort(actor, cohort: Cohort, **fields) -> Cohort:
    return _update(actor, cohort, fields, f"Changed the cohort {cohort.name}")


@transaction.atomic
def create_team(actor, cohort: Cohort, **fields) -> Team:
    team = Team.objects.create(cohort=cohort, **fields)
    audit.record_created(actor, team, summary=f"Added the team {team.name} to {cohort.name}")
    return team


@transaction.atomic
def update_team(actor, team: Team, **fields) -> Team:
    return _update(actor, team, fields, f"Changed the team {team.name}")


@transaction.atomic
def give_programme_role(actor, user, programme: Programme, role: str, cohort=None):
    if role not in PROGRAMME_ROLES:
        raise ValueError(f"{role} is not a programme role")
    programme_role = ProgrammeRole.objects.create(
        user=user, programme=programme, role=role, cohort=cohort
    )
    forget_cached_grants(user)
    audit.record_created(
        actor, programme_role, summary=f"{user.display_name} became {role_label(role).lower()}"
    )
    return programme_role


@transaction.atomic
def add_team_member(actor, user, team: Team, role: str) -> TeamMembership:
    if role not in TEAM_ROLES:
        raise ValueError(f"{role} is not a team role")
    membership = TeamMembership.objects.create(user=user, team=team, role=role)
    forget_cached_grants(user)
    audit.record_created(
        actor,
        membership,
        summary=f"{user.display_name} joined {team.name} as {role_label(role).lower()}",
    )
    return membership


@transaction.atomic
def change_team_role(actor, membership: TeamMembership, role: str) -> TeamMembership:
    """A new role in the same team. A role that may not see row-level data loses the
    grant, so it never lingers unseen (granting again is an explicit step)."""
    if role not in TEAM_ROLES:
        raise ValueError(f"{role} is not a team role")
    membership = TeamMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == role:
        return membership
    fields = ["role", "data_access_granted_at", "data_access_granted_by"]
    before = audit.snapshot(membership, fields=fields)
    membership.role = role
    if not TEAM_ROLES[role].can_be_granted_row_level_data:
        membership.data_access_granted_at = None
        membership.data_access_granted_by = None
    membership.save(update_fields=fields)
    forget_cached_grants(membership.user)
    audit.record_updated(
        actor,
        membership,
        before,
        summary=f"{membership.user.display_name} is now {role_label(role).lower()} in "
        f"{membership.team.name}",
    )
    return membership


@transaction.atomic
def remove_team_member(actor, membership: TeamMembership) -> None:
    """Take the person out of the team. What they wrote stays, under their name."""
    user, team = membership.user, membership.team
    audit.record(
        actor,
        "removed",
        membership,
        changes={"role": {"old": membership.role, "new": None}},
        summary=f"Removed {user.display_name} ({role_label(membership.role).lower()}) "
        f"from {team.name}",
    )
    membership.delete()
    forget_cached_grants(user)


@transaction.atomic
def grant_row_level_data(actor, membership: TeamMembership) -> TeamMembership:
    """Row-level data is an explicit, recorded grant, never part of a role."""
    if not TEAM_ROLES[membership.role].can_be_granted_row_level_data:
        raise ValueError(f"A {membership.get_role_display()} cannot see row-level data")
    fields = {"data_access_granted_at": timezone.now(), "data_access_granted_by": actor}
    before = audit.snapshot(membership, fields=["data_access_granted_at", "data_access_granted_by"])
    for name, value in fields.items():
        setattr(membership, name, value)
    membership.save()
    audit.record_updated(
        actor,
        membership,
        before,
        summary=f"Gave {membership.user.display_name} access to row-level data",
    )
    return membership


def _invitation_email(invitation: Invitation, link: str) -> tuple[str, str]:
    where = invitation.team.name if invitation.team else invitation.programme.name
    inviter = invitation.invited_by.display_name if invitation.invited_by else "The programme team"
    subject = f"You are invited to join {where} on coeval"
    body = "\n".join(
        [
            "Hello,",
            "",
            f"{inviter} has invited you to join {where} as {role_label(invitation.role).lower()},"
            f" part of {invitation.programme.name}.",
            "",
            "To accept, open this link:",
            link,
            "",
            f"The link works until {date_format(timezone.localtime(invitation.expires_at))}"
            " and can be used once.",
            "If you were not expecting this email, you can ignore it.",
        ]
    )
    return subject, body


@transaction.atomic
def invite(
    actor,
    *,
    email: str,
    role: str,
    programme: Programme,
    team: Team | None = None,
    cohort: Cohort | None = None,
    link_for: Callable[[str], str],
) -> Invitation:
    """Record an invitation and email its link. ``link_for(token)`` makes the full URL."""
    email = email.strip().lower()
    if team is not None:
        if role not in TEAM_ROLES:
            raise InvitationError("Choose a team role")
        cohort = team.cohort
    elif role not in PROGRAMME_ROLES:
        raise InvitationError("Choose a programme role")
    problem = services.invitation_problem(
        email, role, programme=programme, team=team, cohort=cohort
    )
    if problem:
        raise InvitationError(problem)
    invitation = Invitation.objects.create(
        email=email,
        programme=programme,
        cohort=cohort,
        team=team,
        role=role,
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.COEVAL_INVITATION_DAYS),
    )
    audit.record(
        actor,
        "invited",
        invitation,
        changes={"email": {"old": None, "new": email}, "role": {"old": None, "new": role}},
        summary=f"Invited {email} as {role_label(role).lower()}",
    )
    subject, body = _invitation_email(invitation, link_for(invitation.token))
    # Sent inside the transaction: if the email cannot be sent, no invitation is left behind.
    send_mail(subject, body, None, [email])
    return invitation


def _unanswered(invitation: Invitation, doing: str) -> None:
    """InvitationError unless the invitation is still waiting for a reply."""
    if invitation.is_used:
        raise InvitationError(
            f"{invitation.email} has already accepted this invitation, so it cannot be {doing}."
        )
    if invitation.is_withdrawn:
        raise InvitationError(f"The invitation to {invitation.email} was already withdrawn.")


@transaction.atomic
def resend_invitation(actor, invitation: Invitation, *, link_for: Callable[[str], str]):
    """Email the same link again, working for the full time from now."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _unanswered(invitation, "sent again")
    before = audit.snapshot(invitation, fields=["expires_at"])
    invitation.expires_at = timezone.now() + timedelta(days=settings.COEVAL_INVITATION_DAYS)
    invitation.save(update_fields=["expires_at"])
    audit.record(
        actor,
        "resent",
        invitation,
        changes=audit.diff(before, audit.snapshot(invitation, fields=["expires_at"])),
        summary=f"Sent the invitation to {invitation.email} again",
    )
    subject, body = _invitation_email(invitation, link_for(invitation.token))
    send_mail(subject, body, None, [invitation.email])
    return invitation


@transaction.atomic
def withdraw_invitation(actor, invitation: Invitation) -> Invitation:
    """Stop the link from working; the record stays, for the audit trail."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _unanswered(invitation, "withdrawn")
    invitation.withdrawn_at = timezone.now()
    invitation.withdrawn_by = actor
    invitation.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit.record(
        actor, "withdrew", invitation, summary=f"Withdrew the invitation to {invitation.email}"
    )
    return invitation


def invitation_refusal(invitation: Invitation | None) -> str | None:
    """Why this invitation link cannot be used now, in plain words; or None."""
    if invitation is None:
        return "This invitation link is not valid. Check you copied the whole link from the email."
    if invitation.is_withdrawn:
        inviter = invitation.invited_by.display_name if invitation.invited_by else "the programme"
        return (
            f"This invitation was withdrawn on "
            f"{date_format(timezone.localtime(invitation.withdrawn_at))}. If you think you "
            f"should still join, ask {inviter}."
        )
    if invitation.is_used:
        return (
            "This invitation has already been used. If it was you, sign in with the email "
            "address and password you chose."
        )
    if invitation.is_expired:
        inviter = invitation.invited_by.display_name if invitation.invited_by else "the programme"
        return (
            f"This invitation ran out on {date_format(timezone.localtime(invitation.expires_at))}. "
            f"Ask {inviter} to send you a new one."
        )
    return None


@transaction.atomic
def accept_invitation(
    invitation: Invitation, *, user=None, full_name: str = "", password: str = ""
) -> User:
    """Join the team or programme. With no ``user``, a new account is made for the invited email."""
    # Lock the row so that one link cannot be used twice at the same moment.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    refusal = invitation_refusal(invitation)
    if refusal:
        raise InvitationError(refusal)
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise InvitationError(
                "You already have an account with this email address. Sign in to accept."
            )
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=full_name.strip()
        )
        audit.record(
            user,
            "joined",
            user,
            changes={"email": {"old": None, "new": user.email}},
            summary=f"{user.display_name} made an account from an invitation",
            programme_id=invitation.programme_id,
        )
    if invitation.team_id:
        if TeamMembership.objects.filter(team=invitation.team, user=user).exists():
            raise InvitationError(f"You are already a member of {invitation.team.name}.")
        add_team_member(user, user, invitation.team, invitation.role)
    else:
        if ProgrammeRole.objects.filter(
            user=user,
            programme=invitation.programme,
            cohort=invitation.cohort,
            role=invitation.role,
        ).exists():
            raise InvitationError("You already have this role in the programme.")
        give_programme_role(user, user, invitation.programme, invitation.role, invitation.cohort)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit.record(
        user,
        "accepted invitation",
        invitation,
        changes={"accepted_at": {"old": None, "new": invitation.accepted_at.isoformat()}},
        summary=f"{user.display_name} accepted the invitation",
    )
    return user


@transaction.atomic
def change_password(user, new_password: str) -> None:
    user.set_password(new_password)
    user.save(update_fields=["password"])
    # Never the password itself: only the fact that it changed.
    audit.record(user, "changed password", user, summary="Changed their password")
