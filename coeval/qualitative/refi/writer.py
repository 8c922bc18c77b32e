"""Turn a Project into project.qde, element by element in the order the schema demands.

Plain texts are not embedded in the XML: each goes to its own file under sources/, as NVivo and
QualCoder expect, and only notes without a file keep their text inline.
"""

import re

from lxml import etree

from coeval.qualitative.model import (
    Case,
    Code,
    CodeSet,
    Coding,
    Graph,
    Link,
    OpaqueSource,
    Project,
    TextSelection,
    TextSource,
    VariableValue,
)
from coeval.qualitative.refi.archive import member_for
from coeval.qualitative.refi.namespaces import PROJECT_NS, q
from coeval.qualitative.refi.values import ELEMENT_FOR_TYPE, format_value

SubElement = etree.SubElement

_GUID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"|\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}"
)
_RGB = re.compile(r"#(?:[A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})")
_GUID_ATTRIBUTES = frozenset(
    (
        "guid targetGUID creatingUser modifyingUser creatingUserGUID modifyingUserGUID "
        "representedGUID sourceVertex targetVertex originGUID fromSyncPoint toSyncPoint"
    ).split()
)


def check_identifiers(root: etree._Element) -> None:
    """Refuse ids and colours the schema would reject, naming the element that has them.

    Other tools refuse a whole project over one bad id, so it is caught here, before export.
    """
    for element in root.iter():
        for name, value in element.attrib.items():
            if name in _GUID_ATTRIBUTES and not _GUID.fullmatch(value.strip()):
                local = etree.QName(element).localname
                label = element.get("name")
                raise ValueError(
                    f"Cannot export: {local}{f' {label!r}' if label else ''} has {name}="
                    f"{value!r}, which is not a GUID as REFI-QDA requires."
                )
            if name == "color" and not _RGB.fullmatch(value.strip()):
                raise ValueError(
                    f"Cannot export: colour {value!r} of {element.get('name') or element.get('guid')} "
                    "is not of the form #RRGGBB."
                )


def _attributes(element: etree._Element, pairs: tuple[tuple[str, object], ...]) -> None:
    for name, value in pairs:
        if value is not None:
            element.set(name, value if isinstance(value, str) else str(value))


def _text_child(parent: etree._Element, local: str, text: str | None) -> None:
    if text is not None:
        SubElement(parent, q(local)).text = text


def _refs(parent: etree._Element, local: str, guids: list[str]) -> None:
    for guid in guids:
        SubElement(parent, q(local), targetGUID=guid)


def write_code(parent: etree._Element, code: Code, ns: str = PROJECT_NS) -> None:
    element = SubElement(
        parent,
        q("Code", ns),
        guid=code.guid,
        name=code.name,
        isCodable="true" if code.is_codable else "false",
    )
    if code.color is not None:
        element.set("color", code.color)
    if code.description is not None:
        SubElement(element, q("Description", ns)).text = code.description
    if ns == PROJECT_NS:
        _refs(element, "NoteRef", code.note_refs)
    for child in code.children:
        write_code(element, child, ns)


def _coding(parent: etree._Element, coding: Coding) -> None:
    element = SubElement(parent, q("Coding"), guid=coding.guid)
    _attributes(
        element,
        (("creatingUser", coding.creating_user), ("creationDateTime", coding.creation_datetime)),
    )
    SubElement(element, q("CodeRef"), targetGUID=coding.code_guid)
    _refs(element, "NoteRef", coding.note_refs)


def _stamps(element: etree._Element, item: TextSource | TextSelection) -> None:
    _attributes(
        element,
        (
            ("creatingUser", item.creating_user),
            ("creationDateTime", item.creation_datetime),
            ("modifyingUser", item.modifying_user),
            ("modifiedDateTime", item.modified_datetime),
        ),
    )


def _variable_value(parent: etree._Element, value: VariableValue) -> None:
    element = SubElement(parent, q("VariableValue"))
    SubElement(element, q("VariableRef"), targetGUID=value.variable_guid)
    if value.value is not None:
        try:
            text = format_value(value.type, value.value)
        except ValueError as error:
            raise ValueError(f"Cannot export variable {value.variable_guid}: {error}.") from None
        SubElement(element, q(ELEMENT_FOR_TYPE[value.type])).text = text


class ProjectWriter:
    def __init__(self) -> None:
        # Archive members written from the model's plain texts, by path.
        self.texts: dict[str, bytes] = {}

    def write(self, project: Project) -> etree._Element:
        root = etree.Element(q("Project"), nsmap={None: PROJECT_NS})
        _attributes(
            root,
            (
                ("name", project.name),
                ("origin", project.origin),
                ("creatingUserGUID", project.creating_user),
                ("creationDateTime", project.creation_datetime),
                ("modifyingUserGUID", project.modifying_user),
                ("modifiedDateTime", project.modified_datetime),
                ("basePath", project.base_path),
            ),
        )
        if project.users:
            users = SubElement(root, q("Users"))
            for user in project.users:
                element = SubElement(users, q("User"), guid=user.guid)
                _attributes(element, (("name", user.name), ("id", user.id)))
        if project.codes:
            codes = SubElement(SubElement(root, q("CodeBook")), q("Codes"))
            for code in project.codes:
                write_code(codes, code)
        if project.variables:
            variables = SubElement(root, q("Variables"))
            for variable in project.variables:
                element = SubElement(
                    variables,
                    q("Variable"),
                    guid=variable.guid,
                    name=variable.name,
                    typeOfVariable=variable.type.value,
                )
                _text_child(element, "Description", variable.description)
        if project.cases:
            cases = SubElement(root, q("Cases"))
            for case in project.cases:
                self._case(cases, case)
        if project.sources:
            sources = SubElement(root, q("Sources"))
            for source in project.sources:
                if isinstance(source, OpaqueSource):
                    sources.append(etree.fromstring(source.xml))
                else:
                    self._text_source(sources, "TextSource", source)
        if project.notes:
            notes = SubElement(root, q("Notes"))
            for note in project.notes:
                self._text_source(notes, "Note", note)
        if project.links:
            links = SubElement(root, q("Links"))
            for link in project.links:
                self._link(links, link)
        if project.sets:
            sets = SubElement(root, q("Sets"))
            for code_set in project.sets:
                self._set(sets, code_set)
        if project.graphs:
            graphs = SubElement(root, q("Graphs"))
            for graph in project.graphs:
                self._graph(graphs, graph)
        _text_child(root, "Description", project.description)
        _refs(root, "NoteRef", project.note_refs)
        check_identifiers(root)
        return root

    def _case(self, parent: etree._Element, case: Case) -> None:
        element = SubElement(parent, q("Case"), guid=case.guid)
        _attributes(element, (("name", case.name),))
        _text_child(element, "Description", case.description)
        _refs(element, "CodeRef", case.code_refs)
        for value in case.variable_values:
            _variable_value(element, value)
        _refs(element, "SourceRef", case.source_refs)
        _refs(element, "SelectionRef", case.selection_refs)

    def _text_source(self, parent: etree._Element, local: str, source: TextSource) -> None:
        element = SubElement(parent, q(local), guid=source.guid)
        member = None if source.plain_text_path is None else member_for(source.plain_text_path)
        _attributes(
            element,
            (
                ("name", source.name),
                ("richTextPath", source.rich_text_path),
                ("plainTextPath", source.plain_text_path if member else None),
            ),
        )
        _stamps(element, source)
        _text_child(element, "Description", source.description)
        if member:
            # Readers drop a leading byte-order mark, so a text that really starts with
            # U+FEFF gets one written in front of it to survive the round-trip.
            bom = b"\xef\xbb\xbf" if source.plain_text.startswith("\ufeff") else b""
            self.texts[member] = bom + source.plain_text.encode("utf-8")
        elif source.plain_text or local == "Note":
            SubElement(element, q("PlainTextContent")).text = source.plain_text
        for selection in source.selections:
            self._selection(element, selection)
        for coding in source.codings:
            _coding(element, coding)
        _refs(element, "NoteRef", source.note_refs)
        for value in source.variable_values:
            _variable_value(element, value)

    def _selection(self, parent: etree._Element, selection: TextSelection) -> None:
        element = SubElement(
            parent,
            q("PlainTextSelection"),
            guid=selection.guid,
            startPosition=str(selection.start),
            endPosition=str(selection.end),
        )
        _attributes(element, (("name", selection.name),))
        _stamps(element, selection)
        _text_child(element, "Description", selection.description)
        for coding in selection.codings:
            _coding(element, coding)
        _refs(element, "NoteRef", selection.note_refs)

    def _link(self, parent: etree._Element, link: Link) -> None:
        element = SubElement(parent, q("Link"), guid=link.guid)
        _attributes(
            element,
            (
                ("name", link.name),
                ("direction", link.direction),
                ("color", link.color),
                ("originGUID", link.origin_guid),
                ("targetGUID", link.target_guid),
            ),
        )
        _refs(element, "NoteRef", link.note_refs)

    def _set(self, parent: etree._Element, code_set: CodeSet) -> None:
        element = SubElement(parent, q("Set"), guid=code_set.guid, name=code_set.name)
        _text_child(element, "Description", code_set.description)
        _refs(element, "MemberCode", code_set.member_codes)
        _refs(element, "MemberSource", code_set.member_sources)
        _refs(element, "MemberNote", code_set.member_notes)

    def _graph(self, parent: etree._Element, graph: Graph) -> None:
        element = SubElement(parent, q("Graph"), guid=graph.guid)
        _attributes(element, (("name", graph.name),))
        for vertex in graph.vertices:
            _attributes(
                SubElement(element, q("Vertex"), guid=vertex.guid),
                (
                    ("representedGUID", vertex.represented_guid),
                    ("name", vertex.name),
                    ("firstX", vertex.first_x),
                    ("firstY", vertex.first_y),
                    ("secondX", vertex.second_x),
                    ("secondY", vertex.second_y),
                    ("shape", vertex.shape),
                    ("color", vertex.color),
                ),
            )
        for edge in graph.edges:
            _attributes(
                SubElement(element, q("Edge"), guid=edge.guid),
                (
                    ("representedGUID", edge.represented_guid),
                    ("name", edge.name),
                    ("sourceVertex", edge.source_vertex),
                    ("targetVertex", edge.target_vertex),
                    ("color", edge.color),
                    ("direction", edge.direction),
                    ("lineStyle", edge.line_style),
                ),
            )
