"""Demo seed: the NHS North West Coast CIG programme, one cohort of three teams.

Runs first. Leaves the programme, cohort, teams and people in ``demo.objects``
for the seeders that follow (schedule, resources, glossary, connections).
"""

import datetime

from coeval.web.core.demo import DEMO_PASSWORD
from coeval.web.core.models import User
from coeval.web.core.roles import role_label
from coeval.web.programmes import actions

DOMAIN = "demo.coeval.invalid"

# persona key -> (full name, email name, role, team key or None)
PEOPLE = [
    ("manager", "Helen Whitfield", "helen.whitfield", "programme_manager", None),
    ("facilitator", "Dr Samir Qureshi", "samir.qureshi", "academic_facilitator", None),
    ("adviser", "Prof. Rachel Ormerod", "rachel.ormerod", "methodological_expert", None),
    ("bp_lead", "Gemma Fairclough", "gemma.fairclough", "project_lead", "bp"),
    ("bp_practitioner", "Kwame Mensah", "kwame.mensah", "practitioner", "bp"),
    ("bp_commissioner", "Alison Crewe", "alison.crewe", "commissioner", "bp"),
    ("bp_analyst", "Priya Nair", "priya.nair", "analyst", "bp"),
    ("bp_intern", "Liam Doherty", "liam.doherty", "intern", "bp"),
    ("bp_public_adviser", "Maureen Roscoe", "maureen.roscoe", "public_adviser", "bp"),
    ("bp_patient", "Winston Clarke", "winston.clarke", "patient", "bp"),
    ("cc_lead", "Joanne Parr", "joanne.parr", "project_lead", "cc"),
    ("cc_practitioner", "Farah Begum", "farah.begum", "practitioner", "cc"),
    ("cc_commissioner", "Mark Hindley", "mark.hindley", "commissioner", "cc"),
    ("cc_analyst", "Tomasz Nowak", "tomasz.nowak", "analyst", "cc"),
    ("cc_intern", "Ellie Brennan", "ellie.brennan", "intern", "cc"),
    ("cc_public_adviser", "Derek Ashworth", "derek.ashworth", "public_adviser", "cc"),
    ("cc_patient", "Shirley Mawdsley", "shirley.mawdsley", "patient", "cc"),
    ("yod_lead", "Dr Catherine Lowe", "catherine.lowe", "project_lead", "yod"),
    ("yod_practitioner", "Sinead Gallagher", "sinead.gallagher", "practitioner", "yod"),
    ("yod_commissioner", "Rajesh Patel", "rajesh.patel", "commissioner", "yod"),
    ("yod_analyst", "Hannah Kershaw", "hannah.kershaw", "analyst", "yod"),
    ("yod_intern", "Oluwaseun Adeyemi", "oluwaseun.adeyemi", "intern", "yod"),
    ("yod_public_adviser", "Peter Unsworth", "peter.unsworth", "public_adviser", "yod"),
    ("yod_patient", "Julie Hartley", "julie.hartley", "patient", "yod"),
]

TEAMS = {
    "bp": dict(
        name="Blood pressure checks team",
        service_name="Community blood pressure checking service",
        service_description=(
            "Free blood pressure checks in pharmacies, barbers' shops, mosques and "
            "community centres, with referral to the GP when readings are high."
        ),
        organisations=(
            "Blackpool Council public health\nCommunity pharmacies in Blackpool\n"
            "Blackpool Teaching Hospitals NHS Foundation Trust"
        ),
        population=(
            "Adults aged 40 and over, focusing on Core20 neighbourhoods, men, and Black and "
            "South Asian communities, who are less likely to have had a check."
        ),
    ),
    "cc": dict(
        name="Community connectors team",
        service_name="Community connectors social prescribing service",
        service_description=(
            "Connectors help people referred to adult social care find local groups, "
            "activities and support, so fewer need formal care."
        ),
        organisations="Knowsley Council adult social care\nKnowsley CVS\nLocal GP practices",
        population=(
            "Adults contacting adult social care, including carers, older people living alone "
            "and people with long-term conditions."
        ),
    ),
    "yod": dict(
        name="Young-onset dementia team",
        service_name="Young-onset dementia pathway",
        service_description=(
            "A pathway from diagnosis to post-diagnostic support for people diagnosed with "
            "dementia before the age of 65, and their families."
        ),
        organisations=(
            "Mersey Care NHS Foundation Trust\nAlzheimer's Society\nLiverpool City Council"
        ),
        population=(
            "People under 65 with a dementia diagnosis and their carers, including people "
            "still in work and those from minority ethnic communities."
        ),
    ),
}


def seed(demo) -> None:
    people: dict[str, User] = {}
    for key, name, local, _role, _team in PEOPLE:
        people[key] = User.objects.create_user(
            email=f"{local}@{DOMAIN}", password=DEMO_PASSWORD, full_name=name
        )
    manager = people["manager"]
    programme = actions.create_programme(
        manager,
        name="NHS North West Coast CIG programme",
        description=(
            "Collaborative Implementation Groups: mixed teams of practitioners, commissioners, "
            "analysts, public advisers and patients, each coproducing an equity-sensitive "
            "evaluation of a local service, with support from academic facilitators."
        ),
    )
    today = datetime.date.today()
    # Half-way through: the cohort started about five months ago and runs for a year.
    cohort = actions.create_cohort(
        manager,
        programme,
        name="Cohort 1",
        starts_on=today - datetime.timedelta(days=150),
        ends_on=today + datetime.timedelta(days=215),
        description="Three teams from Blackpool, Knowsley and Liverpool.",
    )
    teams = {key: actions.create_team(manager, cohort, **fields) for key, fields in TEAMS.items()}
    for key, _name, _local, role, team_key in PEOPLE:
        if team_key is None:
            if key != "manager":
                actions.give_programme_role(manager, people[key], programme, role)
            continue
        membership = actions.add_team_member(manager, people[key], teams[team_key], role)
        if role == "analyst":
            actions.grant_row_level_data(manager, membership)
    demo.objects.update(
        programme=programme,
        cohort=cohort,
        teams=list(teams.values()),
        teams_by_key=teams,
        people=people,
    )
    for _key, _name, local, role, team_key in PEOPLE:
        where = f" ({teams[team_key].name})" if team_key else ""
        demo.sign_ins.append((f"{role_label(role)}{where}", f"{local}@{DOMAIN}"))
