"""The in-memory qualitative project: everything a REFI-QDA project can hold, as plain dataclasses.

The shapes follow the REFI-QDA project schema (QDA-XML 1.0) closely, so that a project exported
by NVivo, ATLAS.ti, MAXQDA or QualCoder can come in and go out again with nothing lost. Dates are
kept as the text the other tool wrote (xsd:dateTime), because re-formatting them would make a
faithful round-trip look like a change.

Text positions are Unicode code points of the plain text, which are exactly Python ``str``
indices: ``source.plain_text[selection.start:selection.end]`` is the selected text, whatever
emoji, combining marks or right-to-left script it contains.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


def new_guid() -> str:
    return str(uuid.uuid4())


class ModelError(ValueError):
    """An operation on the project that would make it inconsistent."""


class VariableType(StrEnum):
    TEXT = "Text"
    BOOLEAN = "Boolean"
    INTEGER = "Integer"
    FLOAT = "Float"
    DATE = "Date"
    DATETIME = "DateTime"


VariableValueData = str | bool | int | float | date | datetime

_PYTHON_TYPES: dict[VariableType, tuple[type, ...]] = {
    VariableType.TEXT: (str,),
    VariableType.BOOLEAN: (bool,),
    VariableType.INTEGER: (int,),
    VariableType.FLOAT: (float, int),
    VariableType.DATE: (date,),
    VariableType.DATETIME: (datetime,),
}


@dataclass
class User:
    guid: str
    name: str | None = None
    id: str | None = None


@dataclass
class Code:
    guid: str
    name: str
    is_codable: bool = True
    color: str | None = None
    description: str | None = None
    note_refs: list[str] = field(default_factory=list)
    children: list[Code] = field(default_factory=list)


@dataclass
class Coding:
    """One code applied by one coder; it lives on a selection (or on a whole source)."""

    guid: str
    code_guid: str
    creating_user: str | None = None
    creation_datetime: str | None = None
    note_refs: list[str] = field(default_factory=list)


@dataclass
class TextSelection:
    guid: str
    start: int
    end: int
    name: str | None = None
    description: str | None = None
    codings: list[Coding] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)
    creating_user: str | None = None
    creation_datetime: str | None = None
    modifying_user: str | None = None
    modified_datetime: str | None = None


@dataclass
class Variable:
    guid: str
    name: str
    type: VariableType
    description: str | None = None


@dataclass
class VariableValue:
    variable_guid: str
    type: VariableType
    # None stands for the schema's empty choice: a variable listed without a value.
    value: VariableValueData | None = None


@dataclass
class TextSource:
    """A transcript or other text document. REFI notes (memos) have the same shape."""

    guid: str
    name: str | None = None
    plain_text: str = ""
    description: str | None = None
    selections: list[TextSelection] = field(default_factory=list)
    codings: list[Coding] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)
    variable_values: list[VariableValue] = field(default_factory=list)
    # Where the plain text lives inside the archive; None means inline PlainTextContent.
    plain_text_path: str | None = None
    rich_text_path: str | None = None
    creating_user: str | None = None
    creation_datetime: str | None = None
    modifying_user: str | None = None
    modified_datetime: str | None = None

    def selection_text(self, selection: TextSelection) -> str:
        return self.plain_text[selection.start : selection.end]


Note = TextSource


@dataclass
class OpaqueSource:
    """A picture, PDF, audio or video source, kept as its QDA-XML so round-trips lose nothing.

    coeval does not code these yet; its files stay in ``Project.files``.
    """

    kind: str  # the element name, e.g. "PDFSource"
    guid: str
    name: str | None
    xml: bytes  # the element, serialised canonically in the project namespace


Source = TextSource | OpaqueSource


@dataclass
class Case:
    guid: str
    name: str | None = None
    description: str | None = None
    code_refs: list[str] = field(default_factory=list)
    variable_values: list[VariableValue] = field(default_factory=list)
    source_refs: list[str] = field(default_factory=list)
    selection_refs: list[str] = field(default_factory=list)


@dataclass
class Link:
    guid: str
    name: str | None = None
    direction: str | None = None
    color: str | None = None
    origin_guid: str | None = None
    target_guid: str | None = None
    note_refs: list[str] = field(default_factory=list)


@dataclass
class CodeSet:
    """A REFI set: a named group of codes, sources and notes (coeval uses them for themes)."""

    guid: str
    name: str
    description: str | None = None
    member_codes: list[str] = field(default_factory=list)
    member_sources: list[str] = field(default_factory=list)
    member_notes: list[str] = field(default_factory=list)


@dataclass
class Vertex:
    guid: str
    first_x: int
    first_y: int
    represented_guid: str | None = None
    name: str | None = None
    second_x: int | None = None
    second_y: int | None = None
    shape: str | None = None
    color: str | None = None


@dataclass
class Edge:
    guid: str
    source_vertex: str
    target_vertex: str
    represented_guid: str | None = None
    name: str | None = None
    color: str | None = None
    direction: str | None = None
    line_style: str | None = None


@dataclass
class Graph:
    guid: str
    name: str | None = None
    vertices: list[Vertex] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


@dataclass(frozen=True)
class Extract:
    """A coded stretch of text, with who coded it: the unit researchers read and compare."""

    source_guid: str
    selection_guid: str
    coding_guid: str
    code_guid: str
    coder: str | None
    text: str


@dataclass(frozen=True)
class CodeFrequency:
    """How often a code was applied in one group, and by how many cases it is supported.

    Both numbers matter for equity-sensitive comparison: one talkative participant can
    inflate the coding count of a small group.
    """

    codings: int = 0
    cases: int = 0


@dataclass
class Project:
    name: str
    origin: str | None = None
    creating_user: str | None = None
    creation_datetime: str | None = None
    modifying_user: str | None = None
    modified_datetime: str | None = None
    base_path: str | None = None
    users: list[User] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    variables: list[Variable] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    sets: list[CodeSet] = field(default_factory=list)
    graphs: list[Graph] = field(default_factory=list)
    description: str | None = None
    note_refs: list[str] = field(default_factory=list)
    # Other files of the archive (rich text, PDFs, media), by their path inside the .qdpx.
    files: dict[str, bytes] = field(default_factory=dict)

    # ----- finding things -------------------------------------------------------------

    def iter_codes(self) -> Iterator[tuple[Code, Code | None]]:
        """Every code with its parent (None at the top), depth first in codebook order."""
        stack: list[tuple[Code, Code | None]] = [(c, None) for c in reversed(self.codes)]
        while stack:
            code, parent = stack.pop()
            yield code, parent
            stack.extend((child, code) for child in reversed(code.children))

    def code(self, guid: str) -> Code:
        for code, _ in self.iter_codes():
            if code.guid == guid:
                return code
        raise ModelError(f"There is no code with id {guid} in this project.")

    def parent_of(self, guid: str) -> Code | None:
        for code, parent in self.iter_codes():
            if code.guid == guid:
                return parent
        raise ModelError(f"There is no code with id {guid} in this project.")

    def text_sources(self) -> list[TextSource]:
        return [s for s in self.sources if isinstance(s, TextSource)]

    def source(self, guid: str) -> Source:
        for source in self.sources:
            if source.guid == guid:
                return source
        raise ModelError(f"There is no source with id {guid} in this project.")

    def text_source(self, guid: str) -> TextSource:
        source = self.source(guid)
        if not isinstance(source, TextSource):
            raise ModelError(f"Source {source.name or guid} is a {source.kind}, not a text.")
        return source

    def variable(self, name_or_guid: str) -> Variable:
        for variable in self.variables:
            if name_or_guid in (variable.guid, variable.name):
                return variable
        raise ModelError(f"There is no case attribute (variable) called {name_or_guid!r}.")

    def iter_codings(self) -> Iterator[tuple[TextSource, TextSelection, Coding]]:
        for source in self.text_sources():
            for selection in source.selections:
                for coding in selection.codings:
                    yield source, selection, coding

    def _all_codings(self) -> Iterator[Coding]:
        """Every coding that names a code, including whole-source codings."""
        for source in self.text_sources():
            yield from source.codings
            for selection in source.selections:
                yield from selection.codings

    # ----- building -------------------------------------------------------------------

    def add_user(self, name: str, guid: str | None = None) -> User:
        user = User(guid=guid or new_guid(), name=name)
        self.users.append(user)
        return user

    def add_code(
        self,
        name: str,
        parent: str | None = None,
        color: str | None = None,
        description: str | None = None,
        guid: str | None = None,
    ) -> Code:
        if not name.strip():
            raise ModelError("A code needs a name.")
        code = Code(guid=guid or new_guid(), name=name, color=color, description=description)
        siblings = self.codes if parent is None else self.code(parent).children
        siblings.append(code)
        return code

    def add_text_source(self, name: str, plain_text: str, guid: str | None = None) -> TextSource:
        guid = guid or new_guid()
        source = TextSource(
            guid=guid, name=name, plain_text=plain_text, plain_text_path=f"internal://{guid}.txt"
        )
        self.sources.append(source)
        return source

    def code_text(
        self,
        source_guid: str,
        start: int,
        end: int,
        code_guid: str,
        coder: str | None = None,
        when: str | None = None,
    ) -> TextSelection:
        """Apply a code to characters [start, end) of a text, reusing an identical selection."""
        source = self.text_source(source_guid)
        if not 0 <= start < end <= len(source.plain_text):
            raise ModelError(
                f"Cannot code characters {start}-{end} of {source.name or source_guid}: "
                f"the text has {len(source.plain_text)} characters and a selection must not "
                "be empty."
            )
        if not self.code(code_guid).is_codable:
            raise ModelError(f"Code {self.code(code_guid).name!r} is a heading, not codable.")
        selection = next((s for s in source.selections if s.start == start and s.end == end), None)
        if selection is None:
            selection = TextSelection(
                guid=new_guid(), start=start, end=end, creating_user=coder, creation_datetime=when
            )
            source.selections.append(selection)
        selection.codings.append(
            Coding(
                guid=new_guid(), code_guid=code_guid, creating_user=coder, creation_datetime=when
            )
        )
        return selection

    # ----- reshaping the codebook without losing codings ------------------------------

    def merge_codes(self, merged: str, into: str) -> Code:
        """Fold code ``merged`` into ``into``: codings, sub-codes, memos and memberships move."""
        if merged == into:
            raise ModelError("A code cannot be merged into itself.")
        target = self.code(into)
        if any(code.guid == into for code, _ in _walk(self.code(merged))):
            raise ModelError("A code cannot be merged into one of its own sub-codes.")
        gone = self._detach(merged)
        target.children.extend(gone.children)
        target.note_refs.extend(r for r in gone.note_refs if r not in target.note_refs)
        for coding in self._all_codings():
            if coding.code_guid == merged:
                coding.code_guid = into
        for case in self.cases:
            case.code_refs = _replace_once(case.code_refs, merged, into)
        for code_set in self.sets:
            code_set.member_codes = _replace_once(code_set.member_codes, merged, into)
        for source in self.sources:
            if isinstance(source, OpaqueSource):
                # Codings inside PDF/media sources are kept as XML; GUIDs are unique strings.
                source.xml = source.xml.replace(merged.encode(), into.encode())
        return target

    def move_code(self, guid: str, new_parent: str | None, position: int | None = None) -> None:
        """Move a code (with its sub-codes and codings) under another parent, or to the top."""
        moving = self.code(guid)
        if new_parent is not None and any(c.guid == new_parent for c, _ in _walk(moving)):
            raise ModelError(f"Cannot move {moving.name!r} under itself or one of its sub-codes.")
        siblings = self.codes if new_parent is None else self.code(new_parent).children
        self._detach(guid)
        siblings.insert(len(siblings) if position is None else position, moving)

    def split_code(
        self, guid: str, new_name: str, coding_guids: list[str], color: str | None = None
    ) -> Code:
        """Make a sibling code and re-assign the chosen codings of ``guid`` to it."""
        original = self.code(guid)
        chosen = set(coding_guids)
        own = {c.guid: c for c in self._all_codings() if c.code_guid == guid}
        strangers = chosen - own.keys()
        if strangers:
            raise ModelError(
                f"Cannot split {original.name!r}: codings {', '.join(sorted(strangers))} "
                "are not codings of that code."
            )
        parent = self.parent_of(guid)
        new = self.add_code(
            new_name, parent=None if parent is None else parent.guid, color=color or original.color
        )
        for coding_guid in chosen:
            own[coding_guid].code_guid = new.guid
        return new

    def _detach(self, guid: str) -> Code:
        parent = self.parent_of(guid)
        siblings = self.codes if parent is None else parent.children
        index = next(i for i, c in enumerate(siblings) if c.guid == guid)
        return siblings.pop(index)

    # ----- equity-sensitive comparison ------------------------------------------------

    def attribute_of_selections(self, variable: str) -> dict[str, VariableValueData | None]:
        """The value of a case attribute for every coded selection, by selection id.

        A selection takes its value from a case that names the selection, else from a case
        that names its source, else from a value set on the source itself.
        """
        var = self.variable(variable)
        by_source: dict[str, VariableValueData | None] = {}
        by_selection: dict[str, VariableValueData | None] = {}
        for source in self.text_sources():
            for held in source.variable_values:
                if held.variable_guid == var.guid:
                    by_source[source.guid] = held.value
        for case in self.cases:
            value = next(
                (v.value for v in case.variable_values if v.variable_guid == var.guid), None
            )
            for ref in case.source_refs:
                by_source[ref] = value
            for ref in case.selection_refs:
                by_selection[ref] = value
        result: dict[str, VariableValueData | None] = {}
        for source in self.text_sources():
            for selection in source.selections:
                if selection.guid in by_selection:
                    result[selection.guid] = by_selection[selection.guid]
                elif source.guid in by_source:
                    result[selection.guid] = by_source[source.guid]
        return result

    def _case_of_selections(self) -> dict[str, str]:
        cases: dict[str, str] = {}
        for source in self.text_sources():
            for case in self.cases:
                if source.guid in case.source_refs:
                    for selection in source.selections:
                        cases.setdefault(selection.guid, case.guid)
        for case in self.cases:
            for ref in case.selection_refs:
                cases[ref] = case.guid
        return cases

    def code_frequencies_by(
        self, variable: str
    ) -> dict[VariableValueData | None, dict[str, CodeFrequency]]:
        """For each value of a case attribute (e.g. IMD quintile), codings and cases per code.

        Selections that belong to no case with that attribute are grouped under None, so
        that nothing silently drops out of the comparison.
        """
        values = self.attribute_of_selections(variable)
        case_of = self._case_of_selections()
        codings: dict[VariableValueData | None, dict[str, int]] = {}
        cases: dict[VariableValueData | None, dict[str, set[str]]] = {}
        for _source, selection, coding in self.iter_codings():
            group = values.get(selection.guid)
            per_code = codings.setdefault(group, {})
            per_code[coding.code_guid] = per_code.get(coding.code_guid, 0) + 1
            if selection.guid in case_of:
                members = cases.setdefault(group, {}).setdefault(coding.code_guid, set())
                members.add(case_of[selection.guid])
        return {
            group: {
                code: CodeFrequency(codings=n, cases=len(cases.get(group, {}).get(code, ())))
                for code, n in per_code.items()
            }
            for group, per_code in codings.items()
        }

    def extracts(self, code_guid: str, include_sub_codes: bool = False) -> list[Extract]:
        wanted = {code_guid}
        if include_sub_codes:
            wanted = {c.guid for c, _ in _walk(self.code(code_guid))}
        return [
            Extract(
                source_guid=source.guid,
                selection_guid=selection.guid,
                coding_guid=coding.guid,
                code_guid=coding.code_guid,
                coder=coding.creating_user,
                text=source.selection_text(selection),
            )
            for source, selection, coding in self.iter_codings()
            if coding.code_guid in wanted
        ]

    def extracts_by(
        self, code_guid: str, variable: str, include_sub_codes: bool = False
    ) -> dict[VariableValueData | None, list[Extract]]:
        """Extracts of a code grouped by a case attribute, to read groups side by side."""
        values = self.attribute_of_selections(variable)
        grouped: dict[VariableValueData | None, list[Extract]] = {}
        for extract in self.extracts(code_guid, include_sub_codes):
            grouped.setdefault(values.get(extract.selection_guid), []).append(extract)
        return grouped


def check_value(variable_type: VariableType, value: object) -> None:
    """Refuse a value that does not fit its variable's type, with a message saying why."""
    allowed = _PYTHON_TYPES[variable_type]
    wrong_bool = isinstance(value, bool) and variable_type is not VariableType.BOOLEAN
    wrong_date = variable_type is VariableType.DATE and isinstance(value, datetime)
    if value is not None and (not isinstance(value, allowed) or wrong_bool or wrong_date):
        raise ModelError(
            f"A {variable_type.value} attribute cannot hold {value!r} (a {type(value).__name__})."
        )


def _walk(code: Code) -> Iterator[tuple[Code, Code | None]]:
    stack: list[tuple[Code, Code | None]] = [(code, None)]
    while stack:
        current, parent = stack.pop()
        yield current, parent
        stack.extend((child, current) for child in reversed(current.children))


def _replace_once(refs: list[str], old: str, new: str) -> list[str]:
    if new in refs:
        return [ref for ref in refs if ref != old]
    return [new if ref == old else ref for ref in refs]
