from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from coeval.web.core.decorators import permission_required
from coeval.web.core.permissions import Permission
from coeval.web.programmes import actions, services
from coeval.web.programmes.forms import (
    CohortForm,
    InvitationForm,
    ProgrammeForm,
    TeamForm,
    TeamRoleForm,
)
from coeval.web.programmes.models import Cohort, Invitation, Programme, Team, TeamMembership


def load_programme(programme_id):
    return get_object_or_404(Programme, pk=programme_id)


def load_cohort(cohort_id):
    return get_object_or_404(Cohort.objects.select_related("programme"), pk=cohort_id)


def load_team(team_id):
    return get_object_or_404(Team.objects.select_related("cohort__programme"), pk=team_id)


def load_team_invitation(team_id, invitation_id):
    return get_object_or_404(
        Invitation.objects.select_related("team__cohort__programme"),
        pk=invitation_id,
        team_id=team_id,
    )


def load_programme_invitation(programme_id, invitation_id):
    return get_object_or_404(
        Invitation.objects.select_related("programme"),
        pk=invitation_id,
        programme_id=programme_id,
        team__isnull=True,
    )


def load_membership(team_id, membership_id):
    return get_object_or_404(
        TeamMembership.objects.select_related("user", "team__cohort__programme"),
        pk=membership_id,
        team_id=team_id,
    )


def _link_maker(request):
    return lambda token: request.build_absolute_uri(reverse("core:accept_invitation", args=[token]))


@permission_required(Permission.SIGN_IN_PAGES)
def programme_list(request):
    return render(
        request,
        "programmes/programme_list.html",
        {"programmes": services.programmes_visible_to(request.user)},
    )


@permission_required(Permission.PROGRAMME_CREATE)
def programme_create(request):
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        programme = actions.create_programme(request.user, **form.cleaned_data)
        messages.success(request, f"You started {programme.name}. Add its first cohort next.")
        return redirect("programmes:detail", programme_id=programme.pk)
    return render(request, "programmes/programme_form.html", {"form": form})


@permission_required(Permission.PROGRAMME_VIEW, load=load_programme)
def programme_detail(request, programme):
    return render(
        request, "programmes/programme_detail.html", services.programme_overview(programme)
    )


@permission_required(Permission.PROGRAMME_MANAGE, load=load_programme)
def programme_edit(request, programme):
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        actions.update_programme(request.user, programme, **form.cleaned_data)
        messages.success(request, "Your changes are saved.")
        return redirect("programmes:detail", programme_id=programme.pk)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": programme})


@permission_required(Permission.PROGRAMME_MANAGE, load=load_programme)
def cohort_create(request, programme):
    form = CohortForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        cohort = actions.create_cohort(request.user, programme, **form.cleaned_data)
        messages.success(request, f"{cohort.name} is added. Now add its teams.")
        return redirect("programmes:cohort", cohort_id=cohort.pk)
    return render(request, "programmes/cohort_form.html", {"form": form, "programme": programme})


@permission_required(Permission.COHORT_VIEW, load=load_cohort)
def cohort_dashboard(request, cohort):
    return render(request, "programmes/cohort_dashboard.html", services.cohort_dashboard(cohort))


@permission_required(Permission.PROGRAMME_MANAGE, load=load_cohort)
def cohort_edit(request, cohort):
    form = CohortForm(request.POST or None, instance=cohort, programme=cohort.programme)
    if request.method == "POST" and form.is_valid():
        actions.update_cohort(request.user, cohort, **form.cleaned_data)
        messages.success(request, "Your changes are saved.")
        return redirect("programmes:cohort", cohort_id=cohort.pk)
    return render(
        request,
        "programmes/cohort_form.html",
        {"form": form, "programme": cohort.programme, "cohort": cohort},
    )


@permission_required(Permission.PROGRAMME_MANAGE, load=load_cohort)
def team_create(request, cohort):
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        team = actions.create_team(request.user, cohort, **form.cleaned_data)
        messages.success(request, f"{team.name} is added. Invite its members next.")
        return redirect("programmes:team", team_id=team.pk)
    return render(request, "programmes/team_form.html", {"form": form, "cohort": cohort})


@permission_required(Permission.TEAM_VIEW, load=load_team)
def team_detail(request, team):
    from coeval.web.connections.services import team_network

    context = services.team_overview(team)
    context["network"] = team_network(team)
    return render(request, "programmes/team_detail.html", context)


@permission_required(Permission.TEAM_EDIT, load=load_team)
def team_edit(request, team):
    form = TeamForm(request.POST or None, instance=team)
    if request.method == "POST" and form.is_valid():
        actions.update_team(request.user, team, **form.cleaned_data)
        messages.success(request, "Your changes are saved.")
        return redirect("programmes:team", team_id=team.pk)
    return render(
        request, "programmes/team_form.html", {"form": form, "cohort": team.cohort, "team": team}
    )


def _invite(request, *, programme, team=None):
    form = InvitationForm(request.POST or None, programme=programme, team=team)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = actions.invite(
                request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                programme=programme,
                team=team,
                cohort=form.cleaned_data.get("cohort"),
                link_for=_link_maker(request),
            )
        except actions.InvitationError as problem:
            form.add_error("email", str(problem))
        else:
            messages.success(
                request,
                f"We have emailed an invitation to {invitation.email}. The link works until "
                f"{date_format(timezone.localtime(invitation.expires_at))}.",
            )
            if team:
                return redirect("programmes:team", team_id=team.pk)
            return redirect("programmes:detail", programme_id=programme.pk)
    pending = (
        services.unanswered_invitations(team=team)
        if team
        else services.unanswered_invitations(programme=programme, team__isnull=True)
    )
    return render(
        request,
        "programmes/invite.html",
        {"form": form, "programme": programme, "team": team, "pending": pending},
    )


def _answer_invitation(request, invitation):
    """Send again or withdraw (POST only), then back to the invitation page."""
    if invitation.team_id:
        back = redirect("programmes:team_invite", team_id=invitation.team_id)
    else:
        back = redirect("programmes:invite", programme_id=invitation.programme_id)
    if request.method != "POST":
        return back
    try:
        if request.POST.get("do") == "withdraw":
            actions.withdraw_invitation(request.user, invitation)
            messages.success(
                request,
                f"The invitation to {invitation.email} is withdrawn: its link no longer works.",
            )
        else:
            invitation = actions.resend_invitation(
                request.user, invitation, link_for=_link_maker(request)
            )
            messages.success(
                request,
                f"We have emailed the invitation to {invitation.email} again. The link works "
                f"until {date_format(timezone.localtime(invitation.expires_at))}.",
            )
    except actions.InvitationError as problem:
        messages.error(request, str(problem))
    return back


@permission_required(Permission.MEMBER_INVITE, load=load_team_invitation)
def team_invitation_answer(request, invitation):
    return _answer_invitation(request, invitation)


@permission_required(Permission.PROGRAMME_MANAGE, load=load_programme_invitation)
def programme_invitation_answer(request, invitation):
    return _answer_invitation(request, invitation)


@permission_required(Permission.MEMBER_INVITE, load=load_team)
def team_invite(request, team):
    return _invite(request, programme=team.cohort.programme, team=team)


@permission_required(Permission.PROGRAMME_MANAGE, load=load_programme)
def programme_invite(request, programme):
    return _invite(request, programme=programme)


@permission_required(Permission.MEMBER_MANAGE, load=load_team)
def team_members(request, team):
    members = team.memberships.select_related("user", "data_access_granted_by")
    return render(
        request,
        "programmes/team_members.html",
        {"team": team, "cohort": team.cohort, "members": services.members_in_role_order(members)},
    )


@permission_required(Permission.MEMBER_MANAGE, load=load_membership)
def team_member(request, membership):
    form = TeamRoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        membership = actions.change_team_role(request.user, membership, form.cleaned_data["role"])
        messages.success(
            request,
            f"{membership.user.display_name} is now "
            f"{membership.get_role_display().lower()} in {membership.team.name}.",
        )
        return redirect("programmes:team_members", team_id=membership.team_id)
    return render(
        request,
        "programmes/team_member.html",
        {"form": form, "membership": membership, "team": membership.team},
    )


@permission_required(Permission.MEMBER_MANAGE, load=load_membership)
def team_member_remove(request, membership):
    if request.method == "POST":
        actions.remove_team_member(request.user, membership)
        messages.success(
            request,
            f"{membership.user.display_name} is no longer in {membership.team.name}. What "
            "they wrote stays, under their name.",
        )
        return redirect("programmes:team_members", team_id=membership.team_id)
    return render(
        request,
        "programmes/team_member_remove.html",
        {"membership": membership, "team": membership.team},
    )
