"""Demo seed: per team, a released board brief and a draft public summary.

Runs after the workbook, datasets and qualitative seeders, so each brief picks up
whatever evidence they left (analysis outputs first). The briefs' own words carry no
numbers: numbers only ever come from the outputs included.
"""

from coeval.web.briefs import actions, sources

BOARD = {
    "bp": (
        "Blood pressure checks: who is missing out",
        "Fewer people from the most deprived areas had a check than from the least deprived.\n"
        "Men, and Black and South Asian residents, were least likely to come forward.\n"
        "Checks in barbers' shops and mosques reached people that clinics did not.",
        "Keep checks in barbers' shops and mosques, and add more in Core20 areas.\n"
        "Record ethnicity and postcode at every check, so the gap can be followed.",
    ),
    "cc": (
        "Community connectors: fewer people needing formal care",
        "People seen by a connector were less likely to need a formal care package.\n"
        "Carers and people living alone gained most.",
        "Fund connectors for two more years.\nOffer connectors to carers at first contact.",
    ),
    "yod": (
        "Young-onset dementia: waiting for support after diagnosis",
        "Waits for support after diagnosis were longest for people in deprived areas.\n"
        "Families valued one named contact above everything else.",
        "Give every family one named contact from the day of diagnosis.\n"
        "Review waits by area every quarter.",
    ),
}
PUBLIC = (
    "What we found, in plain words",
    "We looked at who uses the service and who does not. Some groups use it less. "
    "We asked people why. They told us it can be hard to get to and hard to find out about.",
    "We will take the service to places people already go. We will check again next year "
    "to see if it helped.",
)


def _evidence(team) -> list:
    found = sources.available(team)
    return (found["analysis"][:2] or found["plan_section"][:1]) + found["theme"][:1]


def seed(demo) -> None:
    people = demo.objects.get("people", {})
    teams = demo.objects.get("teams_by_key") or {}
    facilitator = people.get("facilitator")
    briefs = {}
    for key, team in teams.items():
        lead = people.get(f"{key}_lead")
        title, messages, recommendations = BOARD.get(key, BOARD["bp"])
        board = actions.create_brief(
            lead,
            team,
            {"format": "board", "title": title, "key_messages": messages,
             "recommendations": recommendations},
        )  # fmt: skip
        for evidence in _evidence(team):
            actions.add_item(lead, board, evidence.kind, evidence.source_id)
        actions.submit_for_approval(lead, board)
        actions.approve(facilitator, board, "Clear, fair and ready for the board.")
        public_title, public_messages, public_next = PUBLIC
        actions.create_brief(
            people.get(f"{key}_public_adviser") or lead,
            team,
            {"format": "public", "title": public_title, "key_messages": public_messages,
             "recommendations": public_next},
        )  # fmt: skip
        briefs[key] = board
    demo.objects["released_briefs"] = briefs
