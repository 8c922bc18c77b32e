"""Everything that changes the decision log: one function per change, audited."""

from django.db import transaction
from django.utils import timezone

from coeval.web.core import audit
from coeval.web.decisions.models import Decision, FollowUp, Impact

HEAT_REVIEW = "HEAT review: has the change reduced inequalities in access, experience and outcomes?"


@transaction.atomic
def log_decision(actor, team, data: dict) -> Decision:
    briefs = data.pop("briefs", [])
    review_due_on = data.pop("review_due_on", None)
    decision = Decision.objects.create(team=team, recorded_by=actor, **data)
    decision.briefs.set(briefs)
    audit.record_created(
        actor,
        decision,
        summary=f"Logged a decision at {decision.forum}"
        + (f", citing {len(briefs)} brief{'s' if len(briefs) != 1 else ''}" if briefs else ""),
    )
    if review_due_on:
        follow_up = FollowUp.objects.create(
            decision=decision, due_on=review_due_on, what=HEAT_REVIEW
        )
        audit.record_created(actor, follow_up, summary="Set a HEAT review reminder")
    return decision


@transaction.atomic
def record_impact(actor, decision: Decision, data: dict) -> Impact:
    impact = Impact.objects.create(decision=decision, recorded_by=actor, **data)
    audit.record_created(actor, impact, summary="Recorded what changed after a decision")
    return impact


@transaction.atomic
def complete_follow_up(actor, follow_up: FollowUp, outcome: str) -> FollowUp:
    before = audit.snapshot(follow_up, fields=("done_at", "outcome"))
    follow_up.done_at = timezone.now()
    follow_up.done_by = actor
    follow_up.outcome = outcome
    follow_up.save()
    audit.record_updated(actor, follow_up, before, summary="Completed a follow-up review")
    return follow_up
