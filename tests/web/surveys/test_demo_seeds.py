"""The demo seeds for briefs, decisions and surveys run on top of the programme's."""

from django.utils.module_loading import import_string

from coeval.web.briefs.models import Brief
from coeval.web.core.demo import DemoContext
from coeval.web.decisions.models import Decision, FollowUp, Impact
from coeval.web.surveys.models import CapacityResponse


def test_each_demo_team_gets_briefs_a_decision_with_impact_and_survey_answers(db):
    demo = DemoContext()
    for path in (
        "coeval.web.programmes.demo.seed",
        "coeval.web.curriculum.demo.seed",
        "coeval.web.briefs.demo.seed",
        "coeval.web.decisions.demo.seed",
        "coeval.web.surveys.demo.seed",
    ):
        import_string(path)(demo)
    teams = demo.objects["teams"]
    for team in teams:
        assert Brief.objects.filter(team=team, format="board", state="released").count() == 1
        assert Brief.objects.filter(team=team, format="public", state="draft").count() == 1
        assert Decision.objects.filter(team=team, briefs__isnull=False).count() == 1
    assert Impact.objects.count() == FollowUp.objects.count() == len(teams)
    assert (
        CapacityResponse.objects.filter(stage="pre").count()
        > CapacityResponse.objects.filter(stage="post").count()
        >= 3
    )
