"""What the capacity survey asks about, declared once for the form, results and exports.

Evaluation skills follow the programme's workshops (logic models through to using
evidence); the last two questions are HIAT's capacity measures: awareness of the
causes of health inequalities, and confidence to act on them.
"""

SKILLS = (
    ("logic_model", "Drawing a logic model or theory of change"),
    ("questions", "Writing evaluation questions"),
    ("methods", "Choosing evaluation methods"),
    ("indicators", "Choosing indicators and data"),
    ("quantitative", "Analysing numbers, including differences between groups"),
    ("qualitative", "Analysing interviews and focus groups"),
    ("involvement", "Involving patients and the public"),
    ("communicating", "Sharing findings with boards and the public"),
    ("using_evidence", "Using evidence in decisions about services"),
)
HIAT = (
    ("hiat_awareness", "Knowing what causes health inequalities in our area"),
    ("hiat_confidence", "Confidence to act on health inequalities"),
)
ALL_ITEMS = SKILLS + HIAT
LABELS = dict(ALL_ITEMS)
SCALE = range(1, 11)
MIN_GROUP = 3  # fewer respondents than this and a result could point to one person
