"""Demo seed: per team, a decision citing its released brief, an impact, and a HEAT review.

The blood pressure team's review falls due within the month, so it shows on the home page.
"""

import datetime

from django.utils import timezone

from coeval.web.decisions import actions

DECISIONS = {
    "bp": (
        "Blackpool place-based partnership board",
        "Fund blood pressure checks in barbers' shops and mosques for another year.",
        "Stop the community checks\nMove checks into GP surgeries only\n"
        "Keep and widen checks in barbers' shops and mosques",
        ("Checks now run in 6 barbers' shops and 2 mosques in Core20 neighbourhoods",
         "Men, and Black and South Asian residents, in the most deprived fifth of areas",
         ["protected", "socioeconomic"]),
    ),
    "cc": (
        "Knowsley adult social care leadership team",
        "Offer a community connector to every carer at first contact.",
        "Carry on as now\nOffer connectors to carers at first contact",
        ("Carers are offered a connector at their first call",
         "Unpaid carers, especially those living in deprived areas",
         ["socioeconomic"]),
    ),
    "yod": (
        "Dementia pathway steering group",
        "Give every family one named contact from the day of diagnosis.",
        "Keep the duty team\nOne named contact for every family",
        ("Each family has a named contact from diagnosis",
         "People diagnosed before 65 and their families, across all areas",
         ["geography"]),
    ),
}  # fmt: skip


def seed(demo) -> None:
    people = demo.objects.get("people", {})
    teams = demo.objects.get("teams_by_key") or {}
    briefs = demo.objects.get("released_briefs", {})
    today = timezone.localdate()
    for index, (key, team) in enumerate(teams.items()):
        forum, decision_text, options, (changed, groups, dimensions) = DECISIONS.get(
            key, DECISIONS["bp"]
        )
        # The first team's review is due soon; the others later in the year.
        review = today + datetime.timedelta(days=10 + 90 * index)
        decided = review - datetime.timedelta(days=182)
        decision = actions.log_decision(
            people.get(f"{key}_commissioner"),
            team,
            {
                "forum": forum,
                "decided_on": decided,
                "decision": decision_text,
                "options_considered": options,
                "briefs": [briefs[key]] if key in briefs else [],
                "outputs": [],
                "present_roles": ["commissioner", "project_lead", "public_adviser"],
                "present_note": "",
                "review_due_on": review,
            },
        )
        actions.record_impact(
            people.get(f"{key}_lead"),
            decision,
            {
                "what_changed": changed,
                "groups": groups,
                "dimensions": dimensions,
                "observed_on": decided + datetime.timedelta(days=60),
            },
        )
