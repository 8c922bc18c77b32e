"""Demo seed: profiles for every demo person, and a few brokered connections."""

import datetime

from coeval.web.connections import actions
from coeval.web.connections.models import Profile

V = Profile.Visibility

# persona key -> (job title, organisation, skills, interests, visibility)
PROFILES = {
    "manager": (
        "CIG programme manager",
        "NIHR ARC North West Coast",
        "Project management, partnership working",
        "Knowledge mobilisation, health equity",
        V.PROGRAMME,
    ),
    "facilitator": (
        "Senior lecturer in public health",
        "University of Liverpool",
        "Logic models, facilitation, qualitative interviews",
        "Coproduction, health inequalities",
        V.PROGRAMME,
    ),
    "adviser": (
        "Professor of medical statistics",
        "Lancaster University",
        "Interrupted time series, SII and RII, study design",
        "Equity-sensitive evaluation",
        V.PROGRAMME,
    ),
    "bp_lead": (
        "Public health practitioner",
        "Blackpool Council",
        "Outreach, service design",
        "Hypertension, Core20PLUS5",
        V.PROGRAMME,
    ),
    "bp_practitioner": (
        "Community pharmacist",
        "Waterloo Road Pharmacy, Blackpool",
        "Blood pressure checks, talking to men about health",
        "Health in barbers' shops",
        V.PROGRAMME,
    ),
    "bp_commissioner": (
        "Commissioning manager",
        "NHS Lancashire and South Cumbria ICB",
        "Contracts, business cases",
        "Cardiovascular prevention",
        V.TEAMS,
    ),
    "bp_analyst": (
        "Public health analyst",
        "Blackpool Council",
        "SQL, R, IMD and deprivation analysis",
        "Small-area data",
        V.PROGRAMME,
    ),
    "bp_intern": (
        "NIHR ARC intern",
        "Blackpool Teaching Hospitals",
        "Excel, literature searching",
        "Pharmacy public health",
        V.PROGRAMME,
    ),
    "bp_public_adviser": (
        "Public adviser",
        "",
        "Community networks, plain English",
        "Fair access to health checks",
        V.PROGRAMME,
    ),
    "bp_patient": (
        "Patient representative",
        "",
        "Lived experience of high blood pressure",
        "Men's health in the Caribbean community",
        V.TEAMS,
    ),
    "cc_lead": (
        "Service manager, community connectors",
        "Knowsley Council",
        "Social prescribing, team leadership",
        "Loneliness, carers",
        V.PROGRAMME,
    ),
    "cc_practitioner": (
        "Community connector",
        "Knowsley CVS",
        "Community development, Bengali and Sylheti",
        "Faith groups, women's groups",
        V.PROGRAMME,
    ),
    "cc_commissioner": (
        "Head of adult social care commissioning",
        "Knowsley Council",
        "Budgets, outcomes frameworks",
        "Prevention in social care",
        V.PROGRAMME,
    ),
    "cc_analyst": (
        "Performance analyst",
        "Knowsley Council",
        "Power BI, social care data (SALT)",
        "Linking health and care data",
        V.PROGRAMME,
    ),
    "cc_intern": (
        "NIHR ARC intern",
        "Knowsley CVS",
        "Surveys, interviews",
        "Volunteering",
        V.PROGRAMME,
    ),
    "cc_public_adviser": (
        "Public adviser",
        "",
        "Chairing meetings, local knowledge",
        "Older people living alone",
        V.PROGRAMME,
    ),
    "cc_patient": (
        "Carer and service user",
        "",
        "Lived experience as a carer",
        "Support for carers",
        V.NOBODY,
    ),
    "yod_lead": (
        "Consultant clinical psychologist",
        "Mersey Care NHS Foundation Trust",
        "Memory assessment, process evaluation",
        "Young-onset dementia",
        V.PROGRAMME,
    ),
    "yod_practitioner": (
        "Dementia nurse specialist",
        "Mersey Care NHS Foundation Trust",
        "Post-diagnostic support",
        "Families and employment",
        V.PROGRAMME,
    ),
    "yod_commissioner": (
        "Commissioning lead for mental health",
        "NHS Cheshire and Merseyside ICB",
        "Pathway redesign",
        "Dementia diagnosis rates",
        V.PROGRAMME,
    ),
    "yod_analyst": (
        "Information analyst",
        "Mersey Care NHS Foundation Trust",
        "Waiting-time analysis, Python",
        "Pathway data",
        V.PROGRAMME,
    ),
    "yod_intern": (
        "NIHR ARC intern",
        "Alzheimer's Society",
        "Qualitative coding",
        "Diversity in dementia services",
        V.PROGRAMME,
    ),
    "yod_public_adviser": (
        "Public adviser",
        "Alzheimer's Society volunteer",
        "Peer support groups",
        "Dementia-friendly workplaces",
        V.PROGRAMME,
    ),
    "yod_patient": (
        "Person living with dementia",
        "",
        "Speaking about living with dementia",
        "Staying in work",
        V.TEAMS,
    ),
}

# (introduced by, who, to whom, about, what came of it, days ago)
CONNECTIONS = [
    (
        "adviser",
        "bp_analyst",
        "cc_analyst",
        "Linking IMD quintiles to service records",
        "They now share one R script for deprivation quintiles.",
        120,
    ),
    (
        "facilitator",
        "cc_practitioner",
        "bp_practitioner",
        "Running health checks at mosques and community events",
        "Two joint blood pressure sessions at a Knowsley mosque.",
        95,
    ),
    (
        "manager",
        "yod_lead",
        "cc_lead",
        "Connectors for families of people with young-onset dementia",
        "A referral route from the dementia pathway to community connectors is being tested.",
        60,
    ),
    (
        "bp_public_adviser",
        "bp_lead",
        "yod_public_adviser",
        "Recruiting public advisers from under-served groups",
        "",
        20,
    ),
]


def seed(demo) -> None:
    people = demo.objects["people"]
    for key, (job, organisation, skills, interests, visibility) in PROFILES.items():
        actions.update_profile(
            people[key],
            job_title=job,
            organisation=organisation,
            skills=skills,
            interests=interests,
            visibility=visibility,
        )
    today = datetime.date.today()
    for by, who, to, about, outcome, days in CONNECTIONS:
        actions.record_connection(
            people["facilitator"],
            demo.objects["programme"],
            introduced_by=people[by],
            person=people[who],
            introduced_to=people[to],
            about=about,
            outcome=outcome,
            made_on=today - datetime.timedelta(days=days),
        )
