"""A small project that uses every part of the model, for round-trip and schema tests."""

from datetime import UTC, date, datetime

from coeval.qualitative.model import (
    Case,
    CodeSet,
    Coding,
    Edge,
    Graph,
    Link,
    OpaqueSource,
    Project,
    TextSource,
    Variable,
    VariableType,
    VariableValue,
    Vertex,
)
from coeval.qualitative.refi.namespaces import PROJECT_NS

HARD_TEXT = (
    "Interviewer: How was the clinic? 👍🏽\n"
    "P1: Café staff were kind — e\u0301 with a combining accent.\n"
    "P2: \u0627\u0644\u0639\u064a\u0627\u062f\u0629 \u0628\u0639\u064a\u062f\u0629 (the clinic is far).\n"
    "P3: 👨‍👩‍👧 family appointments are hard.\r\n"
)

PDF_XML = (
    f'<PDFSource xmlns="{PROJECT_NS}" guid="0c1a2b3c-0000-4000-8000-00000000000f" '
    'name="Leaflet" path="internal://0c1a2b3c-0000-4000-8000-00000000000f.pdf">'
    '<PDFSelection guid="0c1a2b3c-0000-4000-8000-0000000000a0" page="1" firstX="1" '
    'firstY="2" secondX="30" secondY="40"/></PDFSource>'
).encode()


def rich_project() -> Project:
    project = Project(name="Clinic access study", origin="coeval tests", description="Pilot")
    amina = project.add_user("Amina", guid="11111111-1111-4111-8111-111111111111")
    ben = project.add_user("Ben", guid="22222222-2222-4222-8222-222222222222")
    access = project.add_code("Access", color="#AA3300", description="Getting to care")
    distance = project.add_code("Distance", parent=access.guid, color="#123")
    kindness = project.add_code("Kindness", description="Staff manner")
    heading = project.add_code("Structural", guid="33333333-3333-4333-8333-333333333333")
    heading.is_codable = False
    source = project.add_text_source("Focus group 1", HARD_TEXT)
    emoji_end = HARD_TEXT.index("👍🏽") + len("👍🏽")
    project.code_text(source.guid, 0, emoji_end, kindness.guid, coder=amina.guid)
    arabic = HARD_TEXT.index("\u0627")
    project.code_text(
        source.guid,
        arabic,
        HARD_TEXT.index(" (the"),
        distance.guid,
        coder=ben.guid,
        when="2024-05-01T10:00:00Z",
    )
    family = HARD_TEXT.index("👨")
    selection = project.code_text(source.guid, family, len(HARD_TEXT), access.guid, amina.guid)
    project.notes.append(
        TextSource(
            guid="44444444-4444-4444-8444-444444444444",
            name="Memo on distance",
            plain_text="Bus routes changed in 2023.\r\nCheck with P2 🚌",
            creating_user=amina.guid,
        )
    )
    selection.note_refs.append("44444444-4444-4444-8444-444444444444")
    selection.codings[0].note_refs.append("44444444-4444-4444-8444-444444444444")
    source.codings.append(
        Coding(
            guid="dddddddd-dddd-4ddd-8ddd-dddddddddddd",
            code_guid=access.guid,
            creating_user=ben.guid,
        )
    )
    source.note_refs.append("44444444-4444-4444-8444-444444444444")
    distance.note_refs.append("44444444-4444-4444-8444-444444444444")
    project.note_refs.append("44444444-4444-4444-8444-444444444444")
    imd = Variable(
        guid="55555555-5555-4555-8555-555555555555", name="IMD quintile", type=VariableType.INTEGER
    )
    kinds = [
        ("Ethnicity", VariableType.TEXT, "Black Caribbean"),
        ("Carer", VariableType.BOOLEAN, True),
        ("Travel hours", VariableType.FLOAT, 1.25e-7),
        ("Joined", VariableType.DATE, date(2024, 2, 29)),
        ("Interviewed", VariableType.DATETIME, datetime(2024, 3, 1, 9, 30, tzinfo=UTC)),
    ]
    project.variables.append(imd)
    values = [VariableValue(imd.guid, VariableType.INTEGER, 1)]
    for index, (name, kind, value) in enumerate(kinds):
        variable = Variable(
            guid=f"66666666-6666-4666-8666-00000000000{index}",
            name=name,
            type=kind,
            description=f"{name} as self-described",
        )
        project.variables.append(variable)
        values.append(VariableValue(variable.guid, kind, value))
    values.append(VariableValue(imd.guid, VariableType.INTEGER, None))
    project.cases.append(
        Case(
            guid="77777777-7777-4777-8777-777777777777",
            name="P2",
            description="Participant",
            code_refs=[distance.guid],
            variable_values=values,
            source_refs=[source.guid],
            selection_refs=[selection.guid],
        )
    )
    source.variable_values.append(VariableValue(imd.guid, VariableType.INTEGER, 2))
    project.sources.append(
        OpaqueSource(
            kind="PDFSource",
            guid="0c1a2b3c-0000-4000-8000-00000000000f",
            name="Leaflet",
            xml=PDF_XML,
        )
    )
    project.files["sources/0c1a2b3c-0000-4000-8000-00000000000f.pdf"] = b"%PDF-1.4 fake"
    project.sets.append(
        CodeSet(
            guid="88888888-8888-4888-8888-888888888888",
            name="Barriers",
            description="Candidate grouping",
            member_codes=[access.guid, distance.guid],
            member_sources=[source.guid],
            member_notes=["44444444-4444-4444-8444-444444444444"],
        )
    )
    project.links.append(
        Link(
            guid="99999999-9999-4999-8999-999999999999",
            name="causes",
            direction="OneWay",
            origin_guid=distance.guid,
            target_guid=access.guid,
        )
    )
    project.graphs.append(
        Graph(
            guid="aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
            name="Map",
            vertices=[
                Vertex(
                    guid="bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb1",
                    first_x=0,
                    first_y=0,
                    represented_guid=access.guid,
                    name="Access",
                    shape="Oval",
                ),
                Vertex(
                    guid="bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb2",
                    first_x=10,
                    first_y=20,
                    second_x=30,
                    second_y=40,
                    color="#00FF00",
                ),
            ],
            edges=[
                Edge(
                    guid="cccccccc-cccc-4ccc-8ccc-cccccccccccc",
                    source_vertex="bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb1",
                    target_vertex="bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb2",
                    direction="Associative",
                    line_style="dashed",
                ),
            ],
        )
    )
    return project
