"""Evidence for brief tests: a disclosure-controlled analysis output, and briefs made
only through the app's actions."""

import pandas as pd

from coeval.equity import charts
from coeval.web.briefs import actions, sources

SENTENCE = (
    "People in the most deprived fifth were 1.8 times as likely (95% CI 1.5 to 2.1) "
    "to have their blood pressure checked."
)


def analysis_output(output_id=41, title="Blood pressure checks by IMD") -> dict:
    """One finished analysis in the shape ``datasets.services.released_outputs_for`` gives:
    disclosure-controlled rows, charts and sentences."""
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
        "analysis_id": output_id,
        "title": title,
        "interpretation": [SENTENCE],
        "indicator_rows": [
            {
                "period": "2025",
                "dimension": "IMD quintile",
                "subgroup": str(row.imd_quintile),
                "numerator": f"{row.numerator:,}",
                "denominator": f"{row.denominator:,}",
                "numerator_value": row.numerator,
                "denominator_value": row.denominator,
                "value": f"{row.value:.1f}",
                "interval": f"{row.lowercl:.1f} to {row.uppercl:.1f}",
            }
            for row in table.itertuples()
        ],
        "inequality_rows": [],
        "change_rows": [],
        "charts": [{"spec": chart.to_dict(), "title": "Checks by deprivation", "description": ""}],
        "disclosure": "suppress 1–7; round to 5; secondary suppression",
    }


def use_analysis_output(monkeypatch, output_id="41", title="Blood pressure checks by IMD"):
    """Stand in for the datasets app's read side with one finished analysis
    (tests/web/briefs/test_analysis_evidence.py runs the real one)."""
    evidence = sources.normalise_output(analysis_output(int(output_id), title))
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
