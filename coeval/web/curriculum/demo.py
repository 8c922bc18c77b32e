"""Demo seed for the curriculum: cohort 1's schedule, half-way through, with
attendance, notes, materials and each team's tasks."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from coeval.web.curriculum import actions
from coeval.web.curriculum.models import TaskStatus

LOGIC_MODEL_TEMPLATE = (
    "Logic model template\n\n"
    "Inputs: what goes in (money, staff, time, partners)\n"
    "Activities: what the service does\n"
    "Participants reached: who takes part, and who might miss out\n"
    "Short-term results:\n"
    "Medium-term results:\n"
    "Long-term results:\n\n"
    "Context (PEST): political, economic, social, technological\n"
    "Assumptions: what must be true for each step to lead to the next\n"
)

NOTES = {
    "Workshop 1": (
        "Each team presented its service. The groups drew first logic models and "
        "used PEST to list what is happening around their services.",
        "Each team finishes its logic model before support meeting 1.\n"
        "Public advisers share the draft with their community groups.",
    ),
    "Workshop 2": (
        "Teams turned their logic models into evaluation questions and compared "
        "process and outcome evaluation designs.",
        "Each team writes no more than three evaluation questions.",
    ),
    "Workshop 3": (
        "We looked at indicators, numerators and denominators, and how to use IMD "
        "quintiles to compare groups.",
        "Analysts check which routine data can be shared, and under what rules.",
    ),
    "Workshop 4": (
        "Teams reviewed each other's Evaluation Plans and completed the health "
        "inequalities assessment.",
        "Send the finished Evaluation Plan to the steering board.",
    ),
    "Workshop 5": (
        "Teams started data collection and practised disclosure control on example tables.",
        "Agree dates for interviews and focus groups.",
    ),
}

TASKS = {
    "bp": [
        ("Finish the logic model with the public adviser", "bp_public_adviser", -60, "done"),
        ("Get pharmacy check data by LSOA from the council", "bp_analyst", -5, "in_progress"),
        (
            "Plan two focus groups at the mosque and the barber's",
            "bp_practitioner",
            12,
            "not_started",
        ),
        ("Draft the first evidence brief outline", "bp_lead", 40, "not_started"),
    ],
    "cc": [
        ("Map referral routes into the connectors service", "cc_practitioner", -50, "done"),
        (
            "Write the interview guide for people using the service",
            "cc_public_adviser",
            9,
            "in_progress",
        ),
        ("Ask adult social care for referral numbers by month", "cc_analyst", 16, "not_started"),
    ],
    "yod": [
        ("Agree the process evaluation questions with the steering group", "yod_lead", -40, "done"),
        ("Contact carers' group about interviews", "yod_patient", 7, "in_progress"),
        ("Check waiting times from referral to diagnosis", "yod_analyst", 20, "not_started"),
    ],
}


def _person(people, *keys):
    for key in keys:
        if key in people:
            return people[key]
    return None


def seed(demo) -> None:
    cohort = demo.objects.get("cohort")
    people = demo.objects.get("people", {})
    if cohort is None:
        return
    manager = _person(people, "manager", "programme_manager")
    facilitator = _person(people, "facilitator", "academic_facilitator")
    start = cohort.starts_on or (timezone.localdate() - timedelta(days=150))
    start += timedelta(days=(1 - start.weekday()) % 7)  # workshops on a Tuesday
    sessions = actions.generate_sessions(
        manager,
        cohort,
        start,
        place="Lecture Theatre 2, Waterhouse Building, University of Liverpool",
    )
    now = timezone.now()
    groups = None
    for n, session in enumerate(sessions):
        if session.ends_at > now:
            break
        key = session.title.split(":")[0]
        notes, agreed = NOTES.get(key, ("Teams shared progress and problems.", ""))
        actions.save_session(
            facilitator or manager,
            cohort,
            {"notes": notes, "agreed_actions": agreed},
            session=session,
        )
        from coeval.web.curriculum.services import cohort_people

        groups = groups or cohort_people(cohort)
        present = []
        for _label, team, members in groups:
            for i, (user, role) in enumerate(members):
                # Someone different misses each session, as in real life.
                if (i + n) % 5 != 4:
                    present.append((user, role, team))
        unique = {u.pk: (u, r, t) for u, r, t in reversed(present)}
        actions.record_attendance(facilitator or manager, session, list(unique.values()))
    first = sessions[0]
    actions.add_material(
        manager,
        first,
        "Logic model template",
        upload=ContentFile(LOGIC_MODEL_TEMPLATE.encode(), name="logic-model-template.txt"),
        file_type=_text_type(),
    )
    actions.add_material(
        manager, first, "Health Inequalities Assessment Toolkit", link="https://www.hiat.org.uk/"
    )
    actions.add_material(
        manager,
        first,
        "Health Equity Assessment Tool (HEAT)",
        link="https://www.gov.uk/government/publications/health-equity-assessment-tool-heat",
    )
    teams = demo.objects.get("teams_by_key") or {}
    today = timezone.localdate()
    for team_key, tasks in TASKS.items():
        team = teams.get(team_key)
        if team is None:
            continue
        for title, owner_key, days, status in tasks:
            actions.save_task(
                manager,
                team,
                {
                    "title": title,
                    "owner": people.get(owner_key),
                    "due_on": today + timedelta(days=days),
                    "status": TaskStatus(status),
                },
            )
    demo.objects["sessions"] = sessions


def _text_type():
    from coeval.web.curriculum.uploads import FILE_TYPES

    return FILE_TYPES["txt"]
