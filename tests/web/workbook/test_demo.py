"""The demo seed leaves each team's plan half-way through, with coproduction visible."""

from coeval.web.core.demo import DemoContext
from coeval.web.workbook import demo
from coeval.web.workbook.models import Comment, EvaluationPlan, FaqEntry, SectionRevision


def test_the_demo_plan_is_half_filled_by_several_roles_with_an_adopted_suggestion(world):
    demo.seed(DemoContext(objects={"teams": [world.team]}))
    plan = EvaluationPlan.objects.get(team=world.team)
    roles = set(
        SectionRevision.objects.filter(section__plan=plan).values_list("author_roles", flat=True)
    )
    assert {"project_lead", "practitioner", "analyst", "commissioner"} <= roles
    adopted = Comment.objects.get(section__plan=plan, adopted_at__isnull=False)
    assert "public_adviser" in adopted.author_roles
    assert plan.sections.get(key="service_context").state == "reviewed"
    assert plan.indicators.count() == 1
    assert FaqEntry.objects.count() == 1
