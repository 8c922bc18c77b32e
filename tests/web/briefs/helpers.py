"""Evidence for brief tests: a disclosure-controlled analysis output, and briefs made
only through the app's actions."""

import pandas as pd

from coeval.equity import charts
from coeval.web.briefs import actions, sources

SENTENCE = (
    "People in the most deprived fifth were 1.8 times as likely (95% CI 1.5 to 2.1) "
    "to have their blood pressure checked."
)


def analysis_result() -> dict:
    """The shape the datasets app stores: disclosure-controlled tables, charts, sentences."""
    table = pd.DataFrame(
        {
            "imd_quintile": [1, 5],
            "numerator": [290, 185],
            "denominator": [1235, 1410],
            "value": [23.4, 13.1],
            "lowercl": [21.1, 11.4],
            "uppercl": [25.9, 15.0],
        }
    )
    chart = charts.rates_chart(
        table, group="imd_quintile", title="Checks by deprivation", value_title="Percentage"
    )
    return {
        "tables": {"indicators": table.to_dict("records")},
        "charts": [chart.to_dict()],
        "sentences": [SENTENCE],
        "disclosure": "suppress 1–7; round to 5; secondary suppression",
    }


def use_analysis_output(monkeypatch, output_id="41", title="Blood pressure checks by IMD"):
    """Stand in for the datasets app's read side with one finished analysis."""
    evidence = sources.normalise_output(output_id, title, analysis_result())
    monkeypatch.setattr(sources, "analysis_outputs", lambda team: [evidence])
    return evidence


def make_brief(world, *, fmt="board", title="Blood pressure checks: who is missing out", **extra):
    data = {
        "format": fmt,
        "title": title,
        "key_messages": extra.pop("key_messages", "Checks reach fewer people in deprived areas."),
        "recommendations": extra.pop("recommendations", "Offer checks in barbers' shops."),
    }
    return actions.create_brief(world.user("project_lead"), world.team, data)


def released_brief(world, monkeypatch):
    use_analysis_output(monkeypatch)
    brief = make_brief(world)
    actions.add_item(world.user("project_lead"), brief, "analysis", "41")
    actions.submit_for_approval(world.user("project_lead"), brief)
    return actions.approve(world.user("academic_facilitator"), brief, "Clear and fair.")
