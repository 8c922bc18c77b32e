"""Demo seed for the resources library: real, public resources on each topic."""

from django.core.files.base import ContentFile

from coeval.web.curriculum.uploads import FILE_TYPES
from coeval.web.library import actions

RESOURCES = [
    (
        "Health Inequalities Assessment Toolkit (HIAT)",
        "A free online toolkit. It takes you through four sets of questions about health "
        "inequalities, from understanding the problem to planning for wider effects.",
        ["health_inequalities", "evaluation_design"],
        "https://www.hiat.org.uk/",
    ),
    (
        "Health Equity Assessment Tool (HEAT)",
        "A government tool that helps you find the health inequalities your work could "
        "affect, and plan what to do about them.",
        ["health_inequalities"],
        "https://www.gov.uk/government/publications/health-equity-assessment-tool-heat",
    ),
    (
        "Core20PLUS5: an approach to reducing health inequalities",
        "NHS England's explanation of Core20PLUS5: the most deprived 20% of the population, "
        "locally chosen groups, and five clinical areas.",
        ["health_inequalities", "data_and_statistics"],
        "https://www.england.nhs.uk/about/equality/equality-hub/national-healthcare-inequalities-improvement-programme/core20plus5/",
    ),
    (
        "English indices of deprivation",
        "The official IMD data for every LSOA in England, with guidance on how to use it "
        "and what it cannot tell you.",
        ["data_and_statistics"],
        "https://www.gov.uk/government/collections/english-indices-of-deprivation",
    ),
    (
        "BetterEvaluation: the Rainbow Framework",
        "A map of the tasks in any evaluation, from framing the questions to reporting, "
        "with methods for each task.",
        ["evaluation_design", "logic_models"],
        "https://www.betterevaluation.org/frameworks-guides/rainbow-framework",
    ),
    (
        "NIHR guidance on co-producing a research project",
        "Five principles for coproduction: sharing power, including all perspectives, "
        "respecting all knowledge, reciprocity and building relationships.",
        ["public_involvement"],
        "https://www.learningforinvolvement.org.uk/content/resource/nihr-guidance-on-co-producing-a-research-project/",
    ),
    (
        "UK Standards for Public Involvement",
        "Six standards for good public involvement, with questions to check your own practice.",
        ["public_involvement"],
        "https://sites.google.com/nihr.ac.uk/pi-standards/home",
    ),
    (
        "Fingertips public health profiles",
        "Public health indicators for every area in England, with confidence intervals, "
        "to compare your area with others.",
        ["data_and_statistics"],
        "https://fingertips.phe.org.uk/",
    ),
]

EVIDENCE_BRIEF_TEMPLATE = (
    "Evidence brief template (two pages)\n\n"
    "1. The decision this brief supports\n"
    "2. What we evaluated, and why\n"
    "3. What we found (three key points)\n"
    "4. Who benefits, and who might miss out\n"
    "5. What we recommend\n"
    "6. How sure we are, and what we do not know\n"
    "7. Who to contact\n"
)


def seed(demo) -> None:
    programme = demo.objects.get("programme")
    people = demo.objects.get("people", {})
    if programme is None:
        return
    actor = people.get("facilitator") or people.get("manager")
    for title, summary, topics, link in RESOURCES:
        actions.add_resource(
            actor, programme, title=title, summary=summary, topics=topics, link=link
        )
    actions.add_resource(
        actor,
        programme,
        title="Evidence brief template",
        summary="A two-page outline for telling a board or commissioner what your "
        "evaluation found and what should change.",
        topics=["dissemination"],
        upload=ContentFile(EVIDENCE_BRIEF_TEMPLATE.encode(), name="evidence-brief-template.txt"),
        file_type=FILE_TYPES["txt"],
    )
