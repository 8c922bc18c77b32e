"""The workbook's part of the demo: each team's plan half-way through the programme.

Runs after the programme seed. It reads teams and people from the database (the
programme seed's ``demo.objects`` only tells it which teams to use), so it keeps
working whatever shape that seed gives its people.
"""

import datetime

from coeval.web.workbook import actions


def _members(team) -> dict:
    """Role → first person in that role in the team."""
    people: dict = {}
    for membership in team.memberships.select_related("user").order_by("joined_at", "id"):
        people.setdefault(membership.role, membership.user)
    return people


def _staff(team) -> dict:
    from coeval.web.programmes.models import ProgrammeRole

    people: dict = {}
    rows = ProgrammeRole.objects.filter(programme_id=team.cohort.programme_id).select_related(
        "user"
    )
    for row in rows.order_by("id"):
        people.setdefault(row.role, row.user)
    return people


def _save(user, section, changes: dict, note: str = ""):
    section.refresh_from_db()
    return actions.save_section(
        user, section, {**section.content, **changes}, section.revision, note
    )


def seed(demo) -> None:
    teams = list(demo.objects.get("teams") or [])
    if not teams:
        from coeval.web.programmes.models import Team

        teams = list(Team.objects.all()[:4])
    for number, team in enumerate(teams):
        members, staff = _members(team), _staff(team)
        anyone = next(iter(members.values()), None)
        if anyone is None:
            continue
        _seed_team(team, number, members, staff, anyone)


def _seed_team(team, number, members, staff, anyone) -> None:
    lead = members.get("project_lead", anyone)
    practitioner = members.get("practitioner", lead)
    analyst = members.get("analyst", lead)
    commissioner = members.get("commissioner", lead)
    adviser = members.get("public_adviser") or members.get("patient")
    plan = actions.start_plan(lead, team)
    sections = {s.key: s for s in plan.sections.all()}
    service = team.service_name
    population = team.population or "Adults living in the most deprived wards of the borough"

    context = sections["service_context"]
    _save(
        lead,
        context,
        {
            "description": team.service_description
            or f"{service}, run by the local NHS trust with voluntary sector partners.",
            "population": population,
            "aims": "Reach people the service misses now, and improve their outcomes.",
            "political": "The integrated care board has named this a priority for 2026.",
            "economic": "Funding is agreed for one year; renewal depends on this evaluation.",
        },
    )
    _save(
        practitioner,
        context,
        {
            "social": "Many people work shifts, so daytime sessions are hard to reach.",
            "stakeholders": [
                {
                    "name": "Service users",
                    "organisation": "",
                    "person": "",
                    "interest": "high",
                    "influence": "low",
                    "involve": "Public advisers",
                },
                {
                    "name": "Commissioners",
                    "organisation": "Integrated care board",
                    "person": str(commissioner.pk),
                    "interest": "high",
                    "influence": "high",
                    "involve": "Steering group",
                },
            ],  # fmt: skip
        },
        "Added social context and the stakeholder map",
    )
    if adviser is not None:
        suggestion = actions.add_comment(
            adviser,
            context,
            "suggestion",
            "Say clearly that the sessions are free and that you can bring someone with you.",
        )
        revision = _save(
            lead,
            context,
            {
                "aims": "Reach people the service misses now, and improve their outcomes. "
                "Sessions are free and people can bring a friend or carer."
            },
            "Said that sessions are free, following the public adviser's suggestion",
        )
        actions.adopt_comment(
            lead, suggestion, revision, "We added this to the aims and to every leaflet."
        )
    actions.mark_ready(lead, context)
    facilitator = staff.get("academic_facilitator")
    if facilitator is not None:
        actions.review_section(
            facilitator,
            context,
            feedback="A clear description. Add the technological context (the booking app) "
            "and link the voluntary sector partner in the stakeholder map.",
            agreed=False,
        )

    equity = sections["equity"]
    _save(
        analyst,
        equity,
        {
            "groups": "People in IMD quintile 1 wards, ethnic minority groups and carers.",
            "drivers": "Opening hours, travel costs and low trust in services.",
            "core20plus5": ["core20", "plus"],
            "review_on": (datetime.date.today() + datetime.timedelta(days=240)).isoformat(),
        },
    )

    model = sections["logic_model"]
    for who, column, text, groups in (
        (lead, "inputs", "Two practitioners, one day a week", ""),
        (practitioner, "activities", "Evening drop-in sessions in community venues", ""),
        (practitioner, "participants", "Adults in quintile 1 wards who have not used it", ""),
        (adviser or lead, "short", "More people from deprived areas attend", "IMD quintile 1"),
        (lead, "long", "Narrower gap in outcomes between most and least deprived", "Core20"),
    ):
        actions.change_logic_model(
            who, model, "add_item", {"column": column, "text": text, "groups": groups}
        )
    items = model.content["items"]
    actions.change_logic_model(
        practitioner,
        model,
        "add_link",
        {"from": items[1]["id"], "to": items[3]["id"], "rationale": "Evening times fit shifts"},
    )

    _save(
        commissioner,
        sections["purpose_questions"],
        {
            "users": "The integrated care board's inequalities group.",
            "decisions": "Whether to fund the service for three more years.",
            "questions": [{"question": "Did attendance rise more in quintile 1 wards?"}],
        },
    )
    if number % 2 == 0:
        _save(
            analyst,
            sections["data_plan"],
            {
                "indicators": [
                    {"outcome": items[3]["text"], "name": "Attendance among those invited",
                     "type": "proportion", "numerator": "People who attended",
                     "numerator_column": "attended", "denominator": "People invited",
                     "denominator_column": "", "value_column": "", "source": "Booking system",
                     "period_column": "quarter", "periods": "2025Q1, 2025Q2, 2025Q3",
                     "dimensions": ["imd", "ethnicity"], "imd_edition": "IMD2019",
                     "no_socioeconomic_reason": ""},
                ]
            },
        )  # fmt: skip

    expert = staff.get("methodological_expert")
    question = actions.ask_advice(
        analyst,
        sections["design_methods"],
        "Is an interrupted time series possible?",
        "We have monthly attendance for two years before the change and nine months after.",
    )
    if expert is not None:
        actions.answer_advice(
            expert,
            question,
            "Yes. Nine months after is short: add a comparison series from a similar area "
            "and check for seasonal patterns.",
        )
        if number == 0:
            actions.promote_to_faq(
                expert,
                question,
                asked="How many time points does an interrupted time series need?",
                answer="A good rule is at least eight before and eight after the change. "
                "With fewer after, add a comparison series.",
            )
