"""The evidence-to-decision part of a team's page, for the programmes app to include."""

from django import template
from django.utils import timezone

from coeval.web.decisions.models import FollowUp

register = template.Library()


@register.inclusion_tag("decisions/_team_part.html", takes_context=True)
def team_evidence_and_decisions(context, team):
    follow_ups = FollowUp.objects.filter(decision__team=team, done_at__isnull=True).select_related(
        "decision"
    )
    return {
        "request": context.get("request"),
        "team": team,
        "follow_ups": list(follow_ups.order_by("due_on")[:5]),
        "today": timezone.localdate(),
    }
