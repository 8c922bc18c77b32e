from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from coeval.web.core.decorators import permission_required
from coeval.web.core.permissions import Permission
from coeval.web.surveys import actions, services
from coeval.web.surveys.forms import CapacityForm, FeedbackForm, Gripp2Form
from coeval.web.surveys.models import CapacityResponse, Stage, WorkshopFeedback


def load_cohort(cohort_id):
    from coeval.web.programmes.models import Cohort

    return get_object_or_404(Cohort.objects.select_related("programme"), pk=cohort_id)


def load_session(session_id):
    from coeval.web.curriculum.models import Session

    return get_object_or_404(Session.objects.select_related("cohort__programme"), pk=session_id)


def load_team(team_id):
    from coeval.web.programmes.models import Team

    return get_object_or_404(Team.objects.select_related("cohort__programme"), pk=team_id)


@permission_required(Permission.SURVEY_RESPOND, load=load_cohort)
def cohort_surveys(request, cohort):
    return render(request, "surveys/index.html", services.my_surveys(request.user, cohort))


@permission_required(Permission.SURVEY_RESPOND, load=load_cohort)
def capacity_survey(request, cohort):
    stage = request.GET.get("stage") or request.POST.get("stage") or Stage.PRE
    if stage not in Stage.values:
        raise Http404("No such survey")
    previous = CapacityResponse.objects.filter(
        cohort=cohort, user=request.user, stage=stage
    ).first()
    initial = {**previous.ratings, "comment": previous.comment} if previous else {}
    form = CapacityForm(request.POST or None, initial={k: str(v) for k, v in initial.items()})
    if request.method == "POST" and form.is_valid():
        actions.answer_capacity_survey(
            request.user, cohort, stage, form.ratings(), form.cleaned_data["comment"]
        )
        messages.success(request, "Thank you. Your answers are saved.")
        return redirect("surveys:cohort", cohort_id=cohort.pk)
    return render(
        request,
        "surveys/capacity.html",
        {"cohort": cohort, "form": form, "stage": stage, "stage_label": Stage(stage).label},
    )


@permission_required(Permission.SURVEY_RESPOND, load=load_session)
def workshop_feedback(request, session):
    previous = WorkshopFeedback.objects.filter(session=session, user=request.user).first()
    initial = (
        {
            "usefulness": str(previous.usefulness),
            "confidence_change": previous.confidence_change,
            "went_well": previous.went_well,
            "to_change": previous.to_change,
        }
        if previous
        else {}
    )
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.give_feedback(request.user, session, form.cleaned_data)
        messages.success(request, "Thank you for your feedback.")
        return redirect("surveys:cohort", cohort_id=session.cohort_id)
    return render(request, "surveys/feedback.html", {"session": session, "form": form})


@permission_required(Permission.SURVEY_RESULTS_VIEW, load=load_cohort)
def cohort_results(request, cohort):
    return render(
        request,
        "surveys/results.html",
        {
            "cohort": cohort,
            **services.capacity_results(cohort),
            "feedback": services.feedback_results(cohort),
        },
    )


@permission_required(Permission.TEAM_VIEW, load=load_team)
def gripp2(request, team):
    return render(
        request,
        "surveys/gripp2.html",
        {
            "team": team,
            "report": services.gripp2_report(team),
            "record": services.involvement_record(team),
        },
    )


@permission_required(Permission.BRIEF_EDIT, load=load_team)
def gripp2_edit(request, team):
    report = services.gripp2_report(team)
    initial = (
        {k: getattr(report, k) for k in Gripp2Form.base_fields}
        if report
        else services.gripp2_draft(team)
    )
    form = Gripp2Form(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.save_gripp2(request.user, team, form.cleaned_data)
        messages.success(request, "GRIPP2 report saved.")
        return redirect("surveys:gripp2", team_id=team.pk)
    return render(
        request,
        "surveys/gripp2_form.html",
        {"team": team, "form": form, "is_draft": report is None},
    )
