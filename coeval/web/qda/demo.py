"""The qualitative workspace's part of the demo seed: a project per demo team, with short
transcripts, cases, a small code tree, codings by two coders and a candidate theme.

The transcripts are invented for the demo. Every name in them is already a pseudonym.
"""

from coeval.web.qda import actions

BLOOD_PRESSURE = [
    (
        "Interview with a patient, pharmacy blood pressure check",
        "Interviewer: Can you tell me how you came to have your blood pressure checked at the "
        "pharmacy?\n"
        "P1: My daughter saw the poster. I hadn't seen a doctor in years, to be honest. Getting "
        "an appointment at the surgery is a nightmare, you ring at eight and it's gone by ten "
        "past.\n"
        "Interviewer: And what was the check itself like?\n"
        "P1: Quick. Ten minutes. The pharmacist explained the numbers and didn't make me feel "
        "stupid. She wrote it down for me so I could show my son.\n"
        "Interviewer: Was there anything that made it harder?\n"
        "P1: Only that it's a bus and a walk. On a bad day with my knees I wouldn't go. And it's "
        "only open while I'm at work, except Saturdays.\n",
        {"Role": "Patient", "IMD quintile": "1", "Ethnicity": "White British", "Age band": "55-74"},
    ),
    (
        "Focus group with people who did not come back for a second check",
        "Facilitator: Thank you all for coming. What stopped you going back for the follow-up "
        "check?\n"
        "P2: Nobody told me I needed to. I thought one reading was it.\n"
        "P3: The leaflet was in English only. My husband reads English, I don't, so I waited "
        "for him and then we forgot.\n"
        "P4: I work nights. The pharmacy is open nine to five. That's when I sleep.\n"
        "Facilitator: What would have helped?\n"
        "P3: A text message in Urdu. Or someone at the mosque doing it after Friday prayers.\n"
        "P2: Same person both times. You build up trust with someone.\n",
        {"Role": "Patient", "IMD quintile": "2", "Ethnicity": "Pakistani", "Age band": "35-54"},
    ),
]

CONNECTORS = [
    (
        "Interview with a person referred to a community connector",
        "Interviewer: How did you first meet the community connector?\n"
        "P1: Social services said they couldn't help with what I needed, but there was this "
        "person who could. I was sceptical. I'd been passed around a lot.\n"
        "Interviewer: What happened next?\n"
        "P1: She came to my flat, which mattered, because I don't go out much since the stroke. "
        "She found me a lunch club and a man who fixes the rail in the bathroom for nothing.\n"
        "Interviewer: Has anything changed for you?\n"
        "P1: I talk to people now. Tuesdays and Thursdays. I was lonely before and I didn't "
        "know it had a name.\n",
        {
            "Role": "Person referred",
            "IMD quintile": "1",
            "Ethnicity": "Black Caribbean",
            "Age band": "75 and over",
        },
    ),
    (
        "Focus group with community connectors",
        "Facilitator: What do referrals look like when they reach you?\n"
        "C1: Often it's a form with one line on it. Lonely, please help. So the first visit is "
        "really finding out what's going on.\n"
        "C2: A lot of what we do is trust. People have been let down by services, so we turn up "
        "when we say we will.\n"
        "Facilitator: What gets in the way?\n"
        "C1: Groups closing. The lunch club lost its funding in March. We can only connect "
        "people to what's there.\n"
        "C2: And language. We have one connector who speaks Polish, nobody for Somali families.\n",
        {"Role": "Practitioner", "IMD quintile": "", "Ethnicity": "", "Age band": "35-54"},
    ),
]

DEMENTIA = [
    (
        "Interview with a family on the young-onset dementia pathway",
        "Interviewer: Can you tell me about the time before the diagnosis?\n"
        "P1: Two years of being told it was stress. I was fifty-two. Nobody thinks dementia at "
        "fifty-two.\n"
        "P2: I'm his wife. I knew something was wrong. I kept a diary of what he forgot and took "
        "it to the GP, and that's what got us the referral.\n"
        "Interviewer: And since the diagnosis?\n"
        "P2: The memory nurse is brilliant, but the groups are full of people in their eighties. "
        "He came home and said, that's not me.\n"
        "P1: I still want to work. Nobody talks about that.\n",
        {
            "Role": "Patient and carer",
            "IMD quintile": "3",
            "Ethnicity": "White British",
            "Age band": "35-54",
        },
    ),
    (
        "Interview with a carer, young-onset dementia",
        "Interviewer: What support have you had as a carer?\n"
        "P3: Honestly, not much until the peer group. I'm forty-eight with two teenagers and a "
        "mortgage. The carers' group meets on weekday mornings, when I'm at work.\n"
        "Interviewer: What has made a difference?\n"
        "P3: The evening peer group. Other families our age. We swap tips about benefits and "
        "telling the children.\n",
        {"Role": "Carer", "IMD quintile": "4", "Ethnicity": "Indian", "Age band": "35-54"},
    ),
]

CODE_TREE = [
    ("Access", "#005eb8", "Getting to and into the service.", None),
    ("Opening hours and work", "#41b6e6", "Times that clash with work or care.", "Access"),
    ("Travel", "#007f3b", "Distance, buses, mobility.", "Access"),
    ("Language and information", "#ffb81c", "Leaflets, translation, being told.", None),
    ("Trust and relationships", "#330072", "Continuity, being believed, turning up.", None),
    ("Feeling understood", "#ae2573", "Being treated as a person of your age and life.", None),
]

# (transcript index, phrase, code name, which coders: 0 = first, 1 = second, 2 = both)
CODINGS = {
    "blood": [
        (0, "Getting an appointment at the surgery is a nightmare", "Access", 2),
        (0, "it's only open while I'm at work", "Opening hours and work", 2),
        (0, "it's a bus and a walk", "Travel", 0),
        (0, "didn't make me feel stupid", "Feeling understood", 1),
        (1, "The leaflet was in English only", "Language and information", 2),
        (1, "The pharmacy is open nine to five", "Opening hours and work", 2),
        (
            1,
            "Same person both times. You build up trust with someone.",
            "Trust and relationships",
            2,
        ),
        (1, "Nobody told me I needed to.", "Language and information", 0),
    ],
    "connectors": [
        (0, "I'd been passed around a lot.", "Trust and relationships", 2),
        (0, "She came to my flat", "Access", 0),
        (0, "I was lonely before and I didn't know it had a name.", "Feeling understood", 1),
        (1, "we turn up when we say we will", "Trust and relationships", 2),
        (1, "nobody for Somali families", "Language and information", 2),
    ],
    "dementia": [
        (0, "Two years of being told it was stress.", "Trust and relationships", 2),
        (0, "the groups are full of people in their eighties", "Feeling understood", 2),
        (0, "I still want to work. Nobody talks about that.", "Feeling understood", 0),
        (1, "meets on weekday mornings, when I'm at work", "Opening hours and work", 2),
        (1, "Other families our age.", "Feeling understood", 1),
    ],
}


def _transcripts_for(team):
    words = f"{team.name} {team.service_name}".lower()
    if "dementia" in words:
        return "dementia", DEMENTIA
    if "connector" in words or "social care" in words:
        return "connectors", CONNECTORS
    return "blood", BLOOD_PRESSURE


def _two_coders(team):
    members = list(team.memberships.select_related("user").order_by("id"))
    users = [m.user for m in members]
    return (users + users)[:2] if users else []


def seed(demo):
    teams = demo.objects.get("teams") or []
    projects = []
    for team in teams:
        coders = _two_coders(team)
        if not coders:
            continue
        first, second = coders
        kind, transcripts = _transcripts_for(team)
        project = actions.create_project(
            first,
            team,
            name=f"Experiences of {team.service_name or team.name}"[:200],
            description="Interviews and a focus group with people who use and run the service.",
        )
        documents = []
        for name, text, attributes in transcripts:
            pending = actions.upload_document(
                first, project, filename=f"{name}.txt", data=text.encode()
            )
            # The demo texts hold no real names, so every proposal is kept as written.
            documents.append(
                actions.save_reviewed_document(
                    first,
                    pending,
                    decisions=[("reject", "")] * len(pending.proposals),
                    name=name,
                    keep_original=False,
                )
            )
            variables = {v.name: v for v in project.variables.all()}
            actions.save_case(
                first,
                project,
                name=name.split(",")[0].replace("Interview with ", "").capitalize()[:200],
                documents=[documents[-1]],
                values={variables[k]: v for k, v in attributes.items() if k in variables},
            )
        codes = {}
        for name, color, description, parent in CODE_TREE:
            codes[name] = actions.save_code(
                first,
                project,
                name=name,
                color=color,
                description=description,
                parent=codes.get(parent) if parent else None,
            )
        for index, phrase, code, who in CODINGS[kind]:
            document = documents[index]
            start = document.plain_text.find(phrase)
            if start < 0:
                continue
            users = {0: [first], 1: [second], 2: [first, second]}[who]
            for user in dict.fromkeys(users):
                actions.apply_codes(
                    user, document, start=start, end=start + len(phrase), codes=[codes[code]]
                )
        actions.save_theme(
            first,
            project,
            name="Services built around someone else's day",
            definition="",
            codes=[codes["Opening hours and work"], codes["Travel"]],
        )
        actions.enter_phase(first, project, phase="familiarisation")
        actions.enter_phase(first, project, phase="coding")
        actions.write_journal(
            first,
            project,
            text="I work nine to five myself, so I noticed I first read the opening-hours "
            "comments as minor. Reading them again, they are about whose time counts.",
        )
        projects.append(project)
    demo.objects["qda_projects"] = projects
