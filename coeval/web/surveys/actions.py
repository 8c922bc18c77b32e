"""Everything that changes survey answers and GRIPP2 reports: one function each, audited."""

from django.db import transaction

from coeval.web.core import audit
from coeval.web.surveys.models import CapacityResponse, Gripp2Report, WorkshopFeedback


@transaction.atomic
def answer_capacity_survey(actor, cohort, stage: str, ratings: dict, comment: str = ""):
    response, created = CapacityResponse.objects.update_or_create(
        cohort=cohort, user=actor, stage=stage, defaults={"ratings": ratings, "comment": comment}
    )
    # The audit keeps that someone answered, never their ratings: answers stay private.
    audit.record(
        actor,
        "answered" if created else "updated",
        response,
        summary=f"Answered the capacity survey ({response.get_stage_display().lower()})",
    )
    return response


@transaction.atomic
def give_feedback(actor, session, data: dict) -> WorkshopFeedback:
    feedback, created = WorkshopFeedback.objects.update_or_create(
        session=session, user=actor, defaults={**data, "usefulness": int(data["usefulness"])}
    )
    audit.record(
        actor, "answered" if created else "updated", feedback, summary="Gave workshop feedback"
    )
    return feedback


@transaction.atomic
def save_gripp2(actor, team, data: dict) -> Gripp2Report:
    report = Gripp2Report.objects.filter(team=team).first()
    if report is None:
        report = Gripp2Report.objects.create(team=team, updated_by=actor, **data)
        audit.record_created(actor, report, summary="Wrote the GRIPP2 report")
        return report
    before = audit.snapshot(report, fields=data.keys())
    for key, value in data.items():
        setattr(report, key, value)
    report.updated_by = actor
    report.save()
    audit.record_updated(actor, report, before, summary="Changed the GRIPP2 report")
    return report
