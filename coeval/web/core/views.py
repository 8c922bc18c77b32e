from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.shortcuts import redirect, render

from coeval.web.core.decorators import permission_required
from coeval.web.core.forms import SetPasswordForm
from coeval.web.core.models import User
from coeval.web.core.permissions import Permission
from coeval.web.core.services import audit_trail, home_page_context
from coeval.web.programmes import actions as programme_actions
from coeval.web.programmes.forms import AcceptInvitationForm
from coeval.web.programmes.services import find_invitation
from coeval.web.programmes.views import load_programme


@permission_required(Permission.SIGN_IN_PAGES)
def home(request):
    return render(request, "core/home.html", home_page_context(request.user))


def _joined_message(request, invitation):
    where = invitation.team.name if invitation.team else invitation.programme.name
    messages.success(request, f"Welcome. You have joined {where}.")


def accept_invitation(request, token):
    """Open to everyone: the token in the emailed link is what grants entry."""
    invitation = find_invitation(token)
    refusal = programme_actions.invitation_refusal(invitation)
    if refusal:
        return render(
            request,
            "core/invitation_refused.html",
            {"refusal": refusal},
            status=410 if invitation else 404,
        )
    context = {"invitation": invitation}
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                programme_actions.accept_invitation(invitation, user=request.user)
            except programme_actions.InvitationError as problem:
                return render(
                    request, "core/invitation_refused.html", {"refusal": str(problem)}, status=409
                )
            _joined_message(request, invitation)
            return redirect("home")
        return render(request, "core/accept_invitation.html", context)
    if User.objects.filter(email__iexact=invitation.email).exists():
        context["has_account"] = True
        return render(request, "core/accept_invitation.html", context)
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = programme_actions.accept_invitation(
                invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except programme_actions.InvitationError as problem:
            return render(
                request, "core/invitation_refused.html", {"refusal": str(problem)}, status=409
            )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        _joined_message(request, invitation)
        return redirect("home")
    context["form"] = form
    return render(request, "core/accept_invitation.html", context)


@permission_required(Permission.SIGN_IN_PAGES)
def set_password(request):
    form = SetPasswordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        programme_actions.change_password(request.user, form.cleaned_data["password1"])
        update_session_auth_hash(request, request.user)  # stay signed in on this device
        messages.success(request, "Your password is changed.")
        return redirect("home")
    return render(request, "core/set_password.html", {"form": form})


@permission_required(Permission.AUDIT_VIEW, load=load_programme)
def audit(request, programme):
    context = audit_trail(
        programme,
        person=request.GET.get("person", ""),
        kind=request.GET.get("kind", ""),
        page=request.GET.get("page", 1),
    )
    context["programme"] = programme
    return render(request, "core/audit.html", context)
