"""The workbook's eight sections, declared once.

Each section lists its guidance, prompts, a worked example, the resources and glossary
terms that help, its fields and the workshops it belongs to. Pages, validation, history,
exports and the curriculum mapping all read this module, so a section is changed here
and nowhere else (the shape follows job-server's form specs).
"""

from dataclasses import dataclass, field

# --- Field kinds --------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    hint: str = ""
    required: bool = False  # needed before the section can be marked ready for review
    kind: str = "text"  # text (several lines), line, date, choice, multi, table

    @property
    def is_table(self) -> bool:
        return self.kind == "table"


@dataclass(frozen=True)
class Text(Field):
    rows: int = 5
    kind: str = "text"


@dataclass(frozen=True)
class Line(Field):
    kind: str = "line"


@dataclass(frozen=True)
class Date(Field):
    kind: str = "date"


@dataclass(frozen=True)
class Choice(Field):
    """One answer from a list. ``guidance`` explains each option beside it."""

    choices: tuple[tuple[str, str], ...] = ()
    guidance: tuple[tuple[str, str], ...] = ()
    kind: str = "choice"


@dataclass(frozen=True)
class Multi(Field):
    choices: tuple[tuple[str, str], ...] = ()
    kind: str = "multi"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "line"  # line, text, choice, multi
    choices: tuple[tuple[str, str], ...] = ()
    choices_from: str = ""  # "people" or "outcomes": filled in from the programme or plan
    hint: str = ""


@dataclass(frozen=True)
class Table(Field):
    """Repeating rows, each a small group of answers. ``fixed_rows`` gives one row per
    named item (such as each cell of the equity matrix) instead of rows people add."""

    columns: tuple[Column, ...] = ()
    fixed_rows: tuple[tuple[str, str], ...] = ()
    row_label: str = "Row"
    kind: str = "table"


@dataclass(frozen=True)
class Link:
    label: str
    url: str  # a URL name in this app ("glossary"/"library") or an external address


@dataclass(frozen=True)
class Section:
    key: str
    number: int
    title: str
    summary: str
    guidance: str
    prompts: tuple[str, ...]
    example: str
    workshops: tuple[int, ...]
    fields: tuple[Field, ...]
    links: tuple[Link, ...] = ()
    builder: bool = False  # edited on its own page (the logic model)
    frameworks: tuple[str, ...] = field(default=())

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


# --- Shared choices -----------------------------------------------------------------

LEVEL = (("high", "High"), ("medium", "Medium"), ("low", "Low"))
CONFIDENCE = (("high", "High"), ("medium", "Medium"), ("low", "Low"), ("none", "No evidence yet"))
DIMENSIONS = (
    ("protected", "Protected characteristics"),
    ("socioeconomic", "Socio-economic status and deprivation"),
    ("geography", "Geography: urban, rural, coastal"),
    ("inclusion", "Inclusion-health groups"),
)
ASPECTS = (("access", "Access"), ("experience", "Experience"), ("outcomes", "Outcomes"))
EQUITY_CELLS = tuple(
    (f"{d}:{a}", f"{dl} – {al.lower()}") for d, dl in DIMENSIONS for a, al in ASPECTS
)
CORE20PLUS5 = (
    ("core20", "Core20: people living in the most deprived 20% of areas (IMD quintile 1)"),
    ("plus", "PLUS groups chosen by our integrated care system"),
    ("maternity", "Maternity continuity of care"),
    ("smi", "Severe mental illness health checks"),
    ("copd", "Chronic obstructive pulmonary disease (COPD)"),
    ("cancer", "Early cancer diagnosis"),
    ("hypertension", "Hypertension case-finding"),
    ("smoking", "Smoking cessation"),
    ("cyp", "A children and young people's area (asthma, diabetes, epilepsy, oral or mental "
     "health)"),
)  # fmt: skip
EVALUATION_TYPES = (
    ("formative", "Formative"),
    ("process", "Process"),
    ("outcome", "Outcome"),
    ("realist", "Realist"),
    ("economic", "Economic"),
)
DESIGNS = (
    ("pre_post", "Before and after (pre/post)"),
    ("its", "Interrupted time series"),
    ("did", "Difference-in-differences"),
    ("comparison", "Comparison group"),
    ("descriptive", "Descriptive only"),
)
DESIGN_GUIDANCE = (
    ("pre_post", "Simple to run. It cannot tell a change caused by the service from a trend "
     "that was already happening."),
    ("its", "Needs many time points before and after (at least 8 of each is a good rule). "
     "Strong when there is no comparison group."),
    ("did", "Compares the change in your area with the change somewhere similar without the "
     "service. Needs the two areas to have moved in step before."),
    ("comparison", "Compares people who used the service with similar people who did not. "
     "Think hard about why some people used it."),
    ("descriptive", "Describes who used the service and what happened, without claiming cause."),
)  # fmt: skip
INDICATOR_TYPES = (("proportion", "Proportion"), ("rate", "Rate"), ("mean", "Average (mean)"))
BREAKDOWNS = (
    ("imd", "Deprivation (IMD quintile)"),
    ("ethnicity", "Ethnic group"),
    ("sex", "Sex"),
    ("age", "Age band"),
)
IMD_EDITIONS = (("IMD2019", "IMD 2019"), ("IoD2025", "IoD 2025"))
STAGES = (
    ("planning", "Planning the evaluation"),
    ("data", "Collecting data"),
    ("analysis", "Making sense of the findings"),
    ("sharing", "Sharing what we learned"),
)
OUTPUTS = (
    ("brief", "Evidence brief"),
    ("summary", "Plain-language summary"),
    ("poster", "Poster"),
    ("event", "Event or presentation"),
    ("paper", "Report or paper"),
)
GLOSSARY = Link("Glossary of shared terms", "glossary")
LIBRARY = Link("Resources library", "library")

# --- The sections -------------------------------------------------------------------

SECTIONS: tuple[Section, ...] = (
    Section(
        key="service_context",
        number=1,
        title="Service and context",
        summary="What the service is, who it is for, and what is going on around it.",
        guidance=(
            "Describe the service as a newcomer would need it explained. Then look outward: "
            "what political, economic, social and technological changes (PEST) could help or "
            "get in the way? Finally, map the people and organisations with a stake in it."
        ),
        prompts=(
            "Who uses the service now, and who does not but could?",
            "What would change for the service if funding or policy changed next year?",
            "Who can make decisions about the service, and who is affected by them?",
        ),
        example=(
            "Community blood pressure checks run in libraries and mosques in two wards. "
            "Political: the ICS has made hypertension a priority. Economic: the pharmacy "
            "contract is under review. Social: many people work shifts. Technological: "
            "results are sent to GP records by a new app."
        ),
        workshops=(1,),
        frameworks=("PEST",),
        fields=(
            Text("description", "What the service does", required=True),
            Text("population", "Who the service is for", rows=3, required=True),
            Text("aims", "What the service aims to achieve", rows=3, required=True),
            Text("political", "Political context", rows=3),
            Text("economic", "Economic context", rows=3),
            Text("social", "Social context", rows=3),
            Text("technological", "Technological context", rows=3),
            Table(
                "stakeholders",
                "Stakeholder map",
                hint="Each person or organisation, how interested they are and how much "
                "influence they have. Link people who are in the programme's directory.",
                row_label="Stakeholder",
                columns=(
                    Column("name", "Person or group"),
                    Column("organisation", "Organisation"),
                    Column(
                        "person",
                        "Person in the programme directory",
                        "choice",
                        choices_from="people",
                    ),
                    Column("interest", "Interest", "choice", LEVEL),
                    Column("influence", "Influence", "choice", LEVEL),
                    Column("involve", "How we will involve them"),
                ),
            ),
        ),  # fmt: skip
        links=(GLOSSARY, LIBRARY),
    ),
    Section(
        key="equity",
        number=2,
        title="Equity assessment",
        summary="Which inequalities shape the problem, and how the service could change them.",
        guidance=(
            "This section follows the Health Inequalities Assessment Toolkit (HIAT) sections "
            "1 to 4 and the stages of OHID's Health Equity Assessment Tool (HEAT): prepare, "
            "assess, refine and apply, review. For each of the four dimensions, think about "
            "access to the service, people's experience of it and their outcomes. Say what "
            "evidence you have, where it comes from and how sure you are."
        ),
        prompts=(
            "Which groups are less likely to reach the service, and why?",
            "Could the service widen a gap by helping those already better off most?",
            "Within a group (for example women, or disabled people), who is left out?",
            "Have our public advisers looked at the wider effects?",
        ),
        example=(
            "Access – socio-economic: uptake in IMD quintile 1 wards is half that of quintile "
            "5 (practice data, medium confidence). Driver: evening checks clash with shift "
            "work. Unintended effect: pop-up checks in libraries may reach retired people "
            "more than working-age men."
        ),
        workshops=(1, 3),
        frameworks=("HIAT 1–4", "OHID HEAT", "Core20PLUS5"),
        fields=(
            Text(
                "groups",
                "Which inequalities and groups this work is about",
                rows=3,
                required=True,
                hint="HIAT section 1 and HEAT stage 1 (prepare).",
            ),
            Table(
                "matrix",
                "Inequalities by dimension: access, experience and outcomes",
                hint="HEAT stage 2 (assess). Leave a cell empty if it does not apply.",
                fixed_rows=EQUITY_CELLS,
                columns=(
                    Column("evidence", "What we know", "text"),
                    Column("sources", "Where the evidence comes from"),
                    Column("confidence", "How confident we are", "choice", CONFIDENCE),
                ),
            ),
            Text("drivers", "What drives these inequalities", rows=4, required=True),
            Text("intended", "Intended effects on inequalities", rows=3),
            Text("unintended", "Possible unintended effects, and how we will avoid them", rows=3),
            Multi("core20plus5", "Core20PLUS5 areas this work is relevant to", choices=CORE20PLUS5),
            Text(
                "within_groups",
                "Inequality within groups",
                rows=3,
                hint="For example, among women, disabled people or ethnic minorities: who "
                "within the group is least well served?",
            ),
            Text(
                "hiat_understanding",
                "How well do those involved understand the causes?",
                rows=2,
                hint="HIAT section 4.",
            ),
            Text("hiat_benefits_harms", "Benefits and harms for the public who take part", rows=2),
            Text("hiat_sharing", "How we will share the learning", rows=2),
            Text("hiat_monitoring", "New ways of monitoring long-term effects", rows=2),
            Text("hiat_advisers", "Have public advisers considered the wider effects?", rows=2),
            Text(
                "actions",
                "Actions and how they will be monitored",
                rows=3,
                hint="HEAT stage 3 (refine and apply).",
            ),
            Date(
                "review_on",
                "When we will review this assessment",
                hint="HEAT stage 4: between 6 and 12 months from now.",
            ),
        ),  # fmt: skip
        links=(GLOSSARY, LIBRARY),
    ),
    Section(
        key="logic_model",
        number=3,
        title="Logic model",
        summary="How the service's work is expected to lead to its outcomes.",
        guidance=(
            "Build the model from left to right: inputs, activities, participants reached, "
            "then short-, medium- and long-term outcomes. Link items and say why each link "
            "should hold. Every outcome names the groups it should benefit. Write down the "
            "assumptions and the context the model depends on."
        ),
        prompts=(
            "If this activity happens, what is the first thing that changes, and for whom?",
            "Which link are we least sure of? That is where the evaluation should look.",
            "Which outcome would matter most to people using the service?",
        ),
        example=(
            "Input: two nurses, one day a week. Activity: drop-in checks at the mosque. "
            "Reached: men aged 40–74 in quintile 1 wards. Short term: raised readings found "
            "and referred. Long term: fewer strokes. Rationale: most people with raised "
            "blood pressure do not know it."
        ),
        workshops=(1,),
        frameworks=("Logic model", "Theory of change"),
        builder=True,
        fields=(
            Text(
                "assumptions",
                "Assumptions",
                rows=3,
                hint="What must be true for the model to work?",
            ),
            Text(
                "context",
                "Context",
                rows=3,
                hint="What around the service (PEST) could change how it works?",
            ),
        ),  # fmt: skip
        links=(GLOSSARY, LIBRARY),
    ),
    Section(
        key="purpose_questions",
        number=4,
        title="Purpose, users and questions",
        summary="Who will use the evaluation, for which decisions, and what it must answer.",
        guidance=(
            "Start with the people who will use the findings and the decisions they face. "
            "Then write a few key evaluation questions (three to five is plenty) and what "
            "success would look like, including for the groups in the equity assessment."
        ),
        prompts=(
            "What decision will be made in the next year that this evaluation could inform?",
            "What would convince a sceptical commissioner?",
        ),
        example=(
            "Users: the ICS hypertension board. Decision: whether to fund checks in four more "
            "wards. Question: did the checks reach men in the most deprived wards at the same "
            "rate as elsewhere?"
        ),
        workshops=(2,),
        frameworks=("Rainbow framework: Frame",),
        fields=(
            Text("users", "Primary intended users", rows=3, required=True),
            Text("decisions", "Decisions the evaluation will inform", rows=3, required=True),
            Table(
                "questions",
                "Key evaluation questions",
                row_label="Question",
                columns=(Column("question", "Question", "text"),),
            ),
            Text("success", "What success looks like", rows=3),
        ),
        links=(GLOSSARY, LIBRARY),
    ),
    Section(
        key="design_methods",
        number=5,
        title="Design and methods",
        summary="The type of evaluation, its design, methods, sampling, governance and risks.",
        guidance=(
            "Choose the type of evaluation and the design that fits your questions and your "
            "data. Say which methods answer each question and how you will choose who takes "
            "part. Check governance early: most CIG evaluations are service evaluations, not "
            "research, but you must say why."
        ),
        prompts=(
            "Can you compare with a time before, or a place without, the service?",
            "Whose voices will the methods miss?",
        ),
        example=(
            "Type: process and outcome. Design: interrupted time series of monthly checks per "
            "1,000 adults, 2021–2025. Methods: routine data for question 1; interviews with "
            "12 users purposively sampled by ward and age for question 2."
        ),
        workshops=(2,),
        frameworks=("Rainbow framework: Describe and Understand causes",),
        fields=(
            Multi("types", "Type of evaluation", choices=EVALUATION_TYPES, required=True),
            Choice("design", "Design", choices=DESIGNS, guidance=DESIGN_GUIDANCE, required=True),
            Table(
                "methods",
                "Methods for each question",
                row_label="Method",
                columns=(
                    Column("question", "Which question"),
                    Column("method", "Method", "text"),
                ),
            ),
            Text("sampling", "Sampling", rows=3),
            Multi(
                "governance",
                "Governance checks done",
                choices=(
                    (
                        "classified",
                        "We have checked whether this is service evaluation or research",
                    ),
                    (
                        "dpia",
                        "We have a data protection impact assessment, or know we do not need one",
                    ),
                    ("ethics", "We have ethics approval, or know we do not need it"),
                    ("sharing", "We have agreements to share the data we need"),
                ),
            ),
            Text("governance_notes", "Notes on governance", rows=2),
            Table(
                "risks",
                "Risk register",
                row_label="Risk",
                columns=(
                    Column("risk", "Risk"),
                    Column("likelihood", "Likelihood", "choice", LEVEL),
                    Column("impact", "Impact", "choice", LEVEL),
                    Column("mitigation", "What we will do about it"),
                ),
            ),
        ),  # fmt: skip
        links=(GLOSSARY, LIBRARY),
    ),
    Section(
        key="data_plan",
        number=6,
        title="Data and indicators plan",
        summary="For each outcome, the indicator and how it will be broken down.",
        guidance=(
            "For each outcome, name an indicator and say exactly what is counted above and "
            "below the line (numerator and denominator), where the data come from and for "
            "which periods. Break every indicator down by deprivation so that the evaluation "
            "can test for different outcomes between socio-economic groups (HIAT section 3). "
            "If you cannot, say why. Each indicator you save becomes an analysis the "
            "equity engine can run."
        ),
        prompts=(
            "Is the denominator everyone who could use the service, or only those who did?",
            "Does the data hold a postcode or LSOA, so that deprivation can be added?",
        ),
        example=(
            "Outcome: raised readings found. Indicator: proportion of adults checked with a "
            "raised reading. Numerator column: raised_bp. Source: check records. Periods: "
            "2024Q1–2025Q4. Breakdowns: IMD 2019 quintile, ethnic group, sex."
        ),
        workshops=(3,),
        frameworks=("HIAT 3", "PROGRESS-Plus"),
        fields=(
            Table(
                "indicators",
                "Indicators",
                row_label="Indicator",
                columns=(
                    Column("outcome", "Outcome it measures", "choice", choices_from="outcomes"),
                    Column("name", "Indicator name"),
                    Column("type", "Kind of indicator", "choice", INDICATOR_TYPES),
                    Column("numerator", "Numerator: what is counted", "text"),
                    Column(
                        "numerator_column",
                        "Numerator column in the data",
                        hint="For a proportion, rows with 1 in this column are counted. "
                        "For a rate, the column of counts.",
                    ),
                    Column("denominator", "Denominator: out of what", "text"),
                    Column(
                        "denominator_column",
                        "Denominator column (for a rate or a subset)",
                        hint="For a rate, the population or person-time column.",
                    ),
                    Column("value_column", "Column to average (for a mean)"),
                    Column("source", "Data source"),
                    Column("period_column", "Period column in the data"),
                    Column(
                        "periods",
                        "Periods",
                        hint="Separate them with commas, such as 2024Q1, 2024Q2.",
                    ),
                    Column("dimensions", "Break it down by", "multi", BREAKDOWNS),
                    Column("imd_edition", "IMD edition", "choice", IMD_EDITIONS),
                    Column("no_socioeconomic_reason", "If not by deprivation, why not", "text"),
                ),
            ),
        ),  # fmt: skip
        links=(GLOSSARY, LIBRARY),
    ),
    Section(
        key="involvement",
        number=7,
        title="Involvement plan",
        summary="How public advisers and patients are involved at each stage.",
        guidance=(
            "Plan involvement as coproduction: sharing power, including all perspectives "
            "and skills, respecting all knowledge, reciprocity, and building relationships "
            "(NIHR principles). Say how people are supported and paid, and the ground rules. "
            "Plan now how you will report involvement using the GRIPP2 short form: aim, "
            "methods, results, outcomes and influence, and critical reflection."
        ),
        prompts=(
            "Which key decisions will public advisers share in, not just be told about?",
            "How will advisers see the difference their input made?",
        ),
        example=(
            "Two public advisers join every team meeting, paid at NIHR rates. They co-design "
            "the interview guide and help interpret findings. Ground rules agreed at the "
            "first meeting; reviewed every three months."
        ),
        workshops=(4,),
        frameworks=(
            "NIHR coproduction principles",
            "GRIPP2",
            "UK Standards for Public Involvement",
        ),
        fields=(
            Table(
                "stages",
                "Involvement at each stage",
                fixed_rows=STAGES,
                columns=(Column("how", "Who is involved and how", "text"),),
            ),
            Text("support", "Support and training", rows=3, required=True),
            Text("payment", "Payment and expenses", rows=2, required=True),
            Text("ground_rules", "Ground rules", rows=3),
            Multi(
                "principles",
                "NIHR principles this plan puts into practice",
                choices=(
                    ("power", "Sharing power"),
                    ("perspectives", "Including all perspectives and skills"),
                    ("knowledge", "Respecting and valuing all knowledge"),
                    ("reciprocity", "Reciprocity"),
                    ("relationships", "Building and maintaining relationships"),
                ),
            ),
            Text("gripp2_aim", "GRIPP2: aim of involvement", rows=2),
            Text(
                "gripp2_reflection", "GRIPP2: how we will reflect on and record influence", rows=2
            ),
        ),  # fmt: skip
        links=(GLOSSARY, LIBRARY),
    ),
    Section(
        key="dissemination",
        number=8,
        title="Dissemination and knowledge mobilisation",
        summary="Who needs the findings, in what form, when, and for which decisions.",
        guidance=(
            "Work back from the decisions the evidence must reach. For each audience, choose "
            "an output and a time. Plain-language summaries are for everyone, including the "
            "people who use the service."
        ),
        prompts=(
            "When is the decision made, and what must be ready a month before?",
            "Who could carry the findings into rooms the team is not in?",
        ),
        example=(
            "Audience: ICS hypertension board. Output: two-page evidence brief. Timing: "
            "before the March budget meeting. Audience: people who had checks. Output: "
            "plain-language summary in Urdu and English, shared at the mosque."
        ),
        workshops=(4,),
        frameworks=("Knowledge mobilisation",),
        fields=(
            Table(
                "audiences",
                "Audiences and outputs",
                row_label="Audience",
                columns=(
                    Column("audience", "Audience"),
                    Column("output", "Output", "choice", OUTPUTS),
                    Column("timing", "When"),
                ),
            ),
            Text(
                "decision_points", "Decision points the evidence must reach", rows=3, required=True
            ),
            Text(
                "knowledge_mobilisation", "How we will support people to use the findings", rows=3
            ),
        ),  # fmt: skip
        links=(GLOSSARY, LIBRARY),
    ),
)

SECTIONS_BY_KEY = {s.key: s for s in SECTIONS}
SECTION_KEYS = tuple(SECTIONS_BY_KEY)

# The curriculum mapping: which sections each workshop works on.
WORKSHOPS = {
    1: "Workshop 1: context, logic modelling and health inequalities",
    2: "Workshop 2: questions, design and methods",
    3: "Workshop 3: data, indicators and equity analysis",
    4: "Workshop 4: involvement, dissemination and the complete plan",
}


def sections_for_workshop(number: int) -> list[Section]:
    return [s for s in SECTIONS if number in s.workshops]


def get(key: str) -> Section:
    return SECTIONS_BY_KEY[key]
