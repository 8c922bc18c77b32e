"""Demo seed: capacity surveys before (everyone) and after (most), and workshop feedback."""

from django.utils import timezone

from coeval.web.surveys import actions
from coeval.web.surveys.skills import ALL_ITEMS

COMMENTS = [
    ("Good mix of people at the table.", "More time for the data session."),
    ("The logic model finally made sense.", "Send the slides before the day."),
    ("Hearing from patients changed our questions.", ""),
]


def seed(demo) -> None:
    people = demo.objects.get("people", {})
    cohort = demo.objects.get("cohort")
    if cohort is None:
        return
    members = [(key, user) for key, user in people.items() if "_" in key]
    for index, (_key, user) in enumerate(members):
        # Deterministic, varied ratings: lower before, higher after, HIAT items rising most.
        pre = {k: 2 + (index + i) % 5 for i, (k, _) in enumerate(ALL_ITEMS)}
        actions.answer_capacity_survey(user, cohort, "pre", pre)
        if index % 4 != 3:
            post = {k: min(10, v + 2 + (k.startswith("hiat"))) for k, v in pre.items()}
            actions.answer_capacity_survey(user, cohort, "post", post, "I feel ready to do this.")
    sessions = [
        s
        for s in demo.objects.get("sessions", [])
        if s.kind == "workshop" and s.starts_at <= timezone.now()
    ]
    for number, session in enumerate(sessions):
        for index, (_key, user) in enumerate(members[:8]):
            went_well, to_change = COMMENTS[(number + index) % len(COMMENTS)]
            actions.give_feedback(
                user,
                session,
                {
                    "usefulness": str(3 + (index + number) % 3),
                    "confidence_change": "more" if index % 3 else "same",
                    "went_well": went_well,
                    "to_change": to_change,
                },
            )
