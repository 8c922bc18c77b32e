"""The real programme's shape, as the starting schedule template of every programme.

Five workshops about four weeks apart (workshops 1 to 4 build the Evaluation
Plan; workshop 5 puts it into operation), three facilitated support meetings
between them, monthly review meetings while teams carry out their evaluations,
a review workshop and a closing dissemination event. The programme manager can
edit all of it; these are only the defaults.
"""

from datetime import time

W, S, R, RW, D = (
    "workshop",
    "support_meeting",
    "review_meeting",
    "review_workshop",
    "dissemination",
)

DEFAULT_TEMPLATE = [
    {
        "kind": W,
        "week": 0,
        "start": time(9, 30),
        "minutes": 360,
        "title": "Workshop 1: Getting to know each other and your service",
        "agenda": (
            "Welcome, introductions and networking.\n"
            "Each team presents its initiative and what it wants to find out.\n"
            "Logic modelling: drawing how your service is meant to work.\n"
            "Interrogating outcomes and objectives: what would success look like?\n"
            "The wider context: a PEST look at political, economic, social and "
            "technological forces.\n"
            "Health inequalities: who benefits from your service and who might miss out."
        ),
        "objectives": (
            "Know the other teams and what they are evaluating.\n"
            "Draft a first logic model for your service.\n"
            "Write clear outcomes and objectives.\n"
            "Name the health inequalities your service could affect."
        ),
    },
    {
        "kind": S,
        "week": 2,
        "start": time(10, 0),
        "minutes": 90,
        "title": "Support meeting 1",
        "agenda": "Facilitated support for each team: review the logic model and next steps.",
        "objectives": "Leave with an agreed logic model and questions for workshop 2.",
    },
    {
        "kind": W,
        "week": 4,
        "start": time(9, 30),
        "minutes": 360,
        "title": "Workshop 2: Evaluation questions and design",
        "agenda": (
            "Turning the logic model into evaluation questions.\n"
            "Types of evaluation: process, outcome and economic.\n"
            "Choosing a design that fits your service and your time.\n"
            "Equity: testing whether outcomes differ between groups."
        ),
        "objectives": (
            "Agree your evaluation questions.\n"
            "Choose a design and know its strengths and limits.\n"
            "Plan how to compare outcomes between more and less deprived groups."
        ),
    },
    {
        "kind": S,
        "week": 6,
        "start": time(10, 0),
        "minutes": 90,
        "title": "Support meeting 2",
        "agenda": "Facilitated support: evaluation questions, design and indicators.",
        "objectives": "Agree indicators for each outcome.",
    },
    {
        "kind": W,
        "week": 8,
        "start": time(9, 30),
        "minutes": 360,
        "title": "Workshop 3: Data, indicators and involvement",
        "agenda": (
            "Indicators, numerators and denominators.\n"
            "Finding and using routine data, including deprivation (IMD) data.\n"
            "Qualitative methods: interviews, focus groups and thematic analysis.\n"
            "Working with public advisers throughout the evaluation."
        ),
        "objectives": (
            "List the data you need and where it will come from.\n"
            "Plan any interviews or focus groups.\n"
            "Agree how public advisers will shape the evaluation."
        ),
    },
    {
        "kind": S,
        "week": 10,
        "start": time(10, 0),
        "minutes": 90,
        "title": "Support meeting 3",
        "agenda": "Facilitated support: data access, ethics and governance, and the plan's gaps.",
        "objectives": "Know what is left to finish the Evaluation Plan.",
    },
    {
        "kind": W,
        "week": 12,
        "start": time(9, 30),
        "minutes": 360,
        "title": "Workshop 4: Completing the Evaluation Plan",
        "agenda": (
            "Analysis plans: what you will count and compare.\n"
            "Health inequalities assessment of the plan.\n"
            "Timeline, roles and risks.\n"
            "Peer review of each team's Evaluation Plan."
        ),
        "objectives": (
            "Finish the Evaluation Plan, ready for approval.\n"
            "Complete the health inequalities assessment."
        ),
    },
    {
        "kind": W,
        "week": 16,
        "start": time(9, 30),
        "minutes": 360,
        "title": "Workshop 5: Putting the plan into operation",
        "agenda": (
            "Starting data collection.\n"
            "Keeping data safe and small numbers hidden.\n"
            "Analysing and checking results as they come in.\n"
            "Planning monthly reviews."
        ),
        "objectives": (
            "Start carrying out the evaluation.\n"
            "Know how to handle data safely and apply disclosure control."
        ),
    },
]

for _n, _week in enumerate((20, 24, 28, 32, 36, 40), start=1):
    DEFAULT_TEMPLATE.append(
        {
            "kind": R,
            "week": _week,
            "start": time(14, 0),
            "minutes": 60,
            "title": f"Monthly review meeting {_n}",
            "agenda": "Each team shares progress, problems and early findings.",
            "objectives": "Agree what each team will do before the next review.",
        }
    )

DEFAULT_TEMPLATE += [
    {
        "kind": RW,
        "week": 44,
        "start": time(9, 30),
        "minutes": 300,
        "title": "Review workshop: From findings to action",
        "agenda": (
            "What did each evaluation find?\n"
            "Who needs to know, and how: evidence briefs, plain-language summaries, posters.\n"
            "Planning how findings will be acted on in local decisions."
        ),
        "objectives": (
            "Plan how your findings will be communicated.\n"
            "Name the decisions your evidence should inform."
        ),
    },
    {
        "kind": D,
        "week": 52,
        "start": time(10, 0),
        "minutes": 300,
        "title": "Dissemination event",
        "agenda": "Teams present their evaluations to commissioners, services and the public.",
        "objectives": "Share what you learned and make connections for what happens next.",
    },
]
