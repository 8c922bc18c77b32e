"""Turn a parsed project.qde (and the archive's files) into a Project.

Each reader function handles one element type of the schema, in schema order. Anything the
schema allows is kept, so exporting the result gives the same project back.
"""

from copy import deepcopy

from lxml import etree

from coeval.qualitative.model import (
    Case,
    Code,
    CodeSet,
    Coding,
    Edge,
    Graph,
    Link,
    OpaqueSource,
    Project,
    Source,
    TextSelection,
    TextSource,
    User,
    Variable,
    VariableType,
    VariableValue,
    Vertex,
)
from coeval.qualitative.refi.archive import member_for
from coeval.qualitative.refi.errors import QdpxImportError
from coeval.qualitative.refi.namespaces import PROJECT_NS, q
from coeval.qualitative.refi.values import TYPE_FOR_ELEMENT, parse_value

OPAQUE_SOURCE_KINDS = ("PictureSource", "PDFSource", "AudioSource", "VideoSource")


def _label(element: etree._Element) -> str:
    local = etree.QName(element).localname
    name = element.get("name") or element.get("guid")
    return f"{local} {name!r}" if name else local


def _required(element: etree._Element, attribute: str) -> str:
    value = element.get(attribute)
    if value is None:
        raise QdpxImportError(
            f"project.qde is incomplete: {_label(element)} has no {attribute} attribute."
        )
    return value


def _integer(element: etree._Element, attribute: str) -> int:
    text = _required(element, attribute)
    try:
        return int(text)
    except ValueError:
        raise QdpxImportError(
            f"project.qde is damaged: {_label(element)} has {attribute}={text!r}, not a whole "
            "number."
        ) from None


def _optional_integer(element: etree._Element, attribute: str) -> int | None:
    return None if element.get(attribute) is None else _integer(element, attribute)


def _children(element: etree._Element, local: str) -> list[etree._Element]:
    return element.findall(q(local))


def _text_of(element: etree._Element, local: str) -> str | None:
    child = element.find(q(local))
    if child is None:
        return None
    return child.text or ""


def _refs(element: etree._Element, local: str, attribute: str = "targetGUID") -> list[str]:
    return [_required(ref, attribute) for ref in _children(element, local)]


def _boolean(element: etree._Element, attribute: str) -> bool:
    text = _required(element, attribute).strip()
    if text not in ("true", "false", "1", "0"):
        raise QdpxImportError(
            f"project.qde is damaged: {_label(element)} has {attribute}={text!r}, not true or "
            "false."
        )
    return text in ("true", "1")


def read_code(element: etree._Element, ns: str = PROJECT_NS) -> Code:
    return Code(
        guid=_required(element, "guid"),
        name=_required(element, "name"),
        is_codable=_boolean(element, "isCodable"),
        color=element.get("color"),
        description=_text_of_ns(element, "Description", ns),
        note_refs=[_required(r, "targetGUID") for r in element.findall(q("NoteRef", ns))],
        children=[read_code(child, ns) for child in element.findall(q("Code", ns))],
    )


def _text_of_ns(element: etree._Element, local: str, ns: str) -> str | None:
    child = element.find(q(local, ns))
    return None if child is None else child.text or ""


def _coding(element: etree._Element) -> Coding:
    code_ref = element.find(q("CodeRef"))
    if code_ref is None:
        raise QdpxImportError(f"project.qde is incomplete: {_label(element)} names no code.")
    return Coding(
        guid=_required(element, "guid"),
        code_guid=_required(code_ref, "targetGUID"),
        creating_user=element.get("creatingUser"),
        creation_datetime=element.get("creationDateTime"),
        note_refs=_refs(element, "NoteRef"),
    )


class ProjectReader:
    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = dict(files)
        self.variable_types: dict[str, VariableType] = {}
        self.consumed: set[str] = set()

    def read(self, root: etree._Element) -> Project:
        if root.tag != q("Project"):
            raise QdpxImportError(
                "project.qde is not a REFI-QDA project: its root element is "
                f"{etree.QName(root).localname!r} in namespace "
                f"{etree.QName(root).namespace or 'none'!r}, not Project in {PROJECT_NS!r}."
            )
        users = root.find(q("Users"))
        codebook = root.find(q("CodeBook"))
        variables = root.find(q("Variables"))
        project = Project(
            name=_required(root, "name"),
            origin=root.get("origin"),
            creating_user=root.get("creatingUserGUID"),
            creation_datetime=root.get("creationDateTime"),
            modifying_user=root.get("modifyingUserGUID"),
            modified_datetime=root.get("modifiedDateTime"),
            base_path=root.get("basePath"),
            users=[
                User(guid=_required(u, "guid"), name=u.get("name"), id=u.get("id"))
                for u in ([] if users is None else _children(users, "User"))
            ],
            codes=self._codes(codebook),
            variables=[self._variable(v) for v in self._each(variables, "Variable")],
        )
        project.cases = [self._case(c) for c in self._each(root.find(q("Cases")), "Case")]
        project.sources = self._sources(root.find(q("Sources")))
        project.notes = [self._text_source(n) for n in self._each(root.find(q("Notes")), "Note")]
        project.links = [self._link(x) for x in self._each(root.find(q("Links")), "Link")]
        project.sets = [self._set(s) for s in self._each(root.find(q("Sets")), "Set")]
        project.graphs = [self._graph(g) for g in self._each(root.find(q("Graphs")), "Graph")]
        project.description = _text_of(root, "Description")
        project.note_refs = _refs(root, "NoteRef")
        project.files = {
            path: data
            for path, data in self.files.items()
            if path != "project.qde" and path not in self.consumed
        }
        return project

    @staticmethod
    def _each(container: etree._Element | None, local: str) -> list[etree._Element]:
        return [] if container is None else _children(container, local)

    def _codes(self, codebook: etree._Element | None) -> list[Code]:
        if codebook is None:
            return []
        codes = codebook.find(q("Codes"))
        return [] if codes is None else [read_code(c) for c in _children(codes, "Code")]

    def _variable(self, element: etree._Element) -> Variable:
        kind_text = _required(element, "typeOfVariable").strip()
        try:
            kind = VariableType(kind_text)
        except ValueError:
            raise QdpxImportError(
                f"project.qde is damaged: variable {element.get('name')!r} has an unknown type "
                f"{kind_text!r}."
            ) from None
        variable = Variable(
            guid=_required(element, "guid"),
            name=_required(element, "name"),
            type=kind,
            description=_text_of(element, "Description"),
        )
        self.variable_types[variable.guid] = kind
        return variable

    def _variable_value(self, element: etree._Element) -> VariableValue:
        ref = element.find(q("VariableRef"))
        if ref is None:
            raise QdpxImportError("project.qde is incomplete: a VariableValue names no variable.")
        guid = _required(ref, "targetGUID")
        for child in element:
            local = etree.QName(child).localname
            if local in TYPE_FOR_ELEMENT:
                kind = TYPE_FOR_ELEMENT[local]
                try:
                    value = parse_value(kind, child.text or "")
                except ValueError as error:
                    raise QdpxImportError(
                        f"project.qde is damaged: a {local} of variable {guid} is not valid "
                        f"({error})."
                    ) from None
                return VariableValue(variable_guid=guid, type=kind, value=value)
        kind = self.variable_types.get(guid, VariableType.TEXT)
        return VariableValue(variable_guid=guid, type=kind, value=None)

    def _case(self, element: etree._Element) -> Case:
        return Case(
            guid=_required(element, "guid"),
            name=element.get("name"),
            description=_text_of(element, "Description"),
            code_refs=_refs(element, "CodeRef"),
            variable_values=[self._variable_value(v) for v in _children(element, "VariableValue")],
            source_refs=_refs(element, "SourceRef"),
            selection_refs=_refs(element, "SelectionRef"),
        )

    def _sources(self, container: etree._Element | None) -> list[Source]:
        sources: list[Source] = []
        for element in [] if container is None else container:
            local = etree.QName(element).localname
            if local == "TextSource":
                sources.append(self._text_source(element))
            elif local in OPAQUE_SOURCE_KINDS:
                sources.append(self._opaque_source(element, local))
        return sources

    def _member(self, element: etree._Element, path: str) -> str:
        member = member_for(path)
        if member is None:
            raise QdpxImportError(
                f"{_label(element)} refers to {path!r}, a file outside the .qdpx archive. "
                "Export the project again with its sources embedded."
            )
        if member not in self.files:
            raise QdpxImportError(
                f"{_label(element)} refers to {path!r}, but the archive has no {member}."
            )
        return member

    def _plain_text(self, element: etree._Element, path: str) -> str:
        member = self._member(element, path)
        self.consumed.add(member)
        try:
            text = self.files[member].decode("utf-8")
        except UnicodeDecodeError as error:
            raise QdpxImportError(
                f"The plain text of {_label(element)} ({member}) is not UTF-8 ({error.reason} "
                f"at byte {error.start})."
            ) from None
        # A byte-order mark is not part of the text positions count from.
        return text.removeprefix("\ufeff")

    def _text_source(self, element: etree._Element) -> TextSource:
        path = element.get("plainTextPath")
        inline = _text_of(element, "PlainTextContent")
        if path is not None and inline is None:
            text = self._plain_text(element, path)
        else:
            text, path = inline or "", None
        rich = element.get("richTextPath")
        if rich is not None and member_for(rich) is not None:
            self._member(element, rich)
        source = TextSource(
            guid=_required(element, "guid"),
            name=element.get("name"),
            plain_text=text,
            description=_text_of(element, "Description"),
            codings=[_coding(c) for c in _children(element, "Coding")],
            note_refs=_refs(element, "NoteRef"),
            variable_values=[self._variable_value(v) for v in _children(element, "VariableValue")],
            plain_text_path=path,
            rich_text_path=rich,
        )
        _stamp(source, element)
        source.selections = [
            self._selection(s, source) for s in _children(element, "PlainTextSelection")
        ]
        return source

    def _selection(self, element: etree._Element, source: TextSource) -> TextSelection:
        start, end = _integer(element, "startPosition"), _integer(element, "endPosition")
        if not 0 <= start <= end <= len(source.plain_text):
            raise QdpxImportError(
                f"{_label(element)} in source {source.name or source.guid!r} runs from character "
                f"{start} to {end}, but the text has {len(source.plain_text)} characters."
            )
        selection = TextSelection(
            guid=_required(element, "guid"),
            start=start,
            end=end,
            name=element.get("name"),
            description=_text_of(element, "Description"),
            codings=[_coding(c) for c in _children(element, "Coding")],
            note_refs=_refs(element, "NoteRef"),
        )
        _stamp(selection, element)
        return selection

    def _opaque_source(self, element: etree._Element, kind: str) -> OpaqueSource:
        path = element.get("path")
        if path is not None and member_for(path) is not None:
            self._member(element, path)
        copy = deepcopy(element)
        etree.cleanup_namespaces(copy)
        return OpaqueSource(
            kind=kind,
            guid=_required(element, "guid"),
            name=element.get("name"),
            xml=etree.tostring(copy),
        )

    def _link(self, element: etree._Element) -> Link:
        return Link(
            guid=_required(element, "guid"),
            name=element.get("name"),
            direction=element.get("direction"),
            color=element.get("color"),
            origin_guid=element.get("originGUID"),
            target_guid=element.get("targetGUID"),
            note_refs=_refs(element, "NoteRef"),
        )

    def _set(self, element: etree._Element) -> CodeSet:
        return CodeSet(
            guid=_required(element, "guid"),
            name=_required(element, "name"),
            description=_text_of(element, "Description"),
            member_codes=_refs(element, "MemberCode"),
            member_sources=_refs(element, "MemberSource"),
            member_notes=_refs(element, "MemberNote"),
        )

    def _graph(self, element: etree._Element) -> Graph:
        return Graph(
            guid=_required(element, "guid"),
            name=element.get("name"),
            vertices=[
                Vertex(
                    guid=_required(v, "guid"),
                    first_x=_integer(v, "firstX"),
                    first_y=_integer(v, "firstY"),
                    represented_guid=v.get("representedGUID"),
                    name=v.get("name"),
                    second_x=_optional_integer(v, "secondX"),
                    second_y=_optional_integer(v, "secondY"),
                    shape=v.get("shape"),
                    color=v.get("color"),
                )
                for v in _children(element, "Vertex")
            ],
            edges=[
                Edge(
                    guid=_required(e, "guid"),
                    source_vertex=_required(e, "sourceVertex"),
                    target_vertex=_required(e, "targetVertex"),
                    represented_guid=e.get("representedGUID"),
                    name=e.get("name"),
                    color=e.get("color"),
                    direction=e.get("direction"),
                    line_style=e.get("lineStyle"),
                )
                for e in _children(element, "Edge")
            ],
        )


def _stamp(item: TextSource | TextSelection, element: etree._Element) -> None:
    item.creating_user = element.get("creatingUser")
    item.creation_datetime = element.get("creationDateTime")
    item.modifying_user = element.get("modifyingUser")
    item.modified_datetime = element.get("modifiedDateTime")
