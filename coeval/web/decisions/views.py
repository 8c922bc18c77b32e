from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from coeval.web.core.decorators import permission_required
from coeval.web.core.permissions import Permission
from coeval.web.decisions import actions, services
from coeval.web.decisions.forms import DecisionForm, FollowUpDoneForm, ImpactForm
from coeval.web.decisions.models import Decision, FollowUp


def load_team(team_id):
    from coeval.web.programmes.models import Team

    return get_object_or_404(Team.objects.select_related("cohort__programme"), pk=team_id)


def load_programme(programme_id):
    from coeval.web.programmes.models import Programme

    return get_object_or_404(Programme, pk=programme_id)


def load_decision(decision_id):
    return get_object_or_404(
        Decision.objects.select_related("team__cohort__programme"), pk=decision_id
    )


def load_follow_up(follow_up_id):
    return get_object_or_404(
        FollowUp.objects.select_related("decision__team__cohort"), pk=follow_up_id
    )


@permission_required(Permission.TEAM_VIEW, load=load_team)
def team_log(request, team):
    return render(request, "decisions/team_log.html", services.team_log(team))


@permission_required(Permission.DECISION_LOG, load=load_team)
def decision_new(request, team):
    form = DecisionForm(request.POST or None, team=team, initial=_cited(request))
    if request.method == "POST" and form.is_valid():
        decision = actions.log_decision(request.user, team, form.decision_data())
        messages.success(request, "Decision logged. Add what changed when you know.")
        return redirect("decisions:detail", decision_id=decision.pk)
    return render(request, "decisions/decision_form.html", {"team": team, "form": form})


def _cited(request) -> dict:
    """A link from a brief ("log a decision citing this brief") pre-ticks the brief."""
    brief = request.GET.get("brief", "")
    return {"briefs": [int(brief)]} if brief.isdigit() else {}


@permission_required(Permission.TEAM_VIEW, load=load_decision)
def decision_detail(request, decision):
    return render(request, "decisions/decision.html", {"decision": decision, "team": decision.team})


@permission_required(Permission.DECISION_LOG, load=load_decision)
def impact_new(request, decision):
    form = ImpactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.record_impact(request.user, decision, form.cleaned_data)
        messages.success(request, "Impact recorded.")
        return redirect("decisions:detail", decision_id=decision.pk)
    return render(
        request,
        "decisions/impact_form.html",
        {"decision": decision, "team": decision.team, "form": form},
    )


@permission_required(Permission.DECISION_LOG, load=load_follow_up)
def follow_up_done(request, follow_up):
    form = FollowUpDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.complete_follow_up(request.user, follow_up, form.cleaned_data["outcome"])
        messages.success(request, "Review recorded.")
        return redirect("decisions:detail", decision_id=follow_up.decision_id)
    return render(
        request,
        "decisions/follow_up_form.html",
        {"follow_up": follow_up, "team": follow_up.decision.team, "form": form},
    )


@permission_required(Permission.KNOWLEDGE_MAP_VIEW, load=load_programme)
def knowledge_map(request, programme):
    return render(request, "decisions/map.html", services.knowledge_map(programme, request.user))
