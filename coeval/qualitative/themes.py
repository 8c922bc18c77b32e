"""Themes, the reflexive journal and the phases of reflexive thematic analysis (Braun & Clarke).

Themes are built by researchers, not found by software: nothing here proposes or applies a
theme. A theme travels to other QDA tools as a REFI set of its codes, and the thematic map
as a REFI graph linking each theme to its codes and supporting extracts; the journal travels as
notes. Markers in the set descriptions let coeval recognise its own themes on the way back in,
while other tools simply show readable text.
"""

from __future__ import annotations

import re
import uuid
from copy import deepcopy
from dataclasses import dataclass, field
from enum import StrEnum

from coeval.qualitative.model import (
    CodeSet,
    Edge,
    Graph,
    ModelError,
    Project,
    TextSource,
    Vertex,
    new_guid,
)

MAP_NAME = "Thematic map"
_THEME_MARKER = re.compile(r"(?:\n\n)?\[coeval theme: (candidate|reviewed|defined)\]\Z")
_JOURNAL_MARKER = "[coeval reflexive journal]"


class ThemeStatus(StrEnum):
    CANDIDATE = "candidate"
    REVIEWED = "reviewed"
    DEFINED = "defined"


_NEXT_STATUS = {
    ThemeStatus.CANDIDATE: ThemeStatus.REVIEWED,
    ThemeStatus.REVIEWED: ThemeStatus.DEFINED,
}


class Phase(StrEnum):
    """The six phases, in order. Analysis is recursive: teams may go back to any of them."""

    FAMILIARISATION = "familiarisation"
    CODING = "coding"
    GENERATING_THEMES = "generating initial themes"
    REVIEWING_THEMES = "reviewing themes"
    DEFINING_THEMES = "defining and naming themes"
    WRITING_UP = "writing up"


class ThemeError(ModelError):
    """A change to a theme or to the analysis that does not make sense."""


@dataclass
class Theme:
    guid: str
    name: str
    definition: str = ""
    status: ThemeStatus = ThemeStatus.CANDIDATE
    member_codes: list[str] = field(default_factory=list)
    # Selection ids of the extracts that best show what the theme is about.
    supporting_extracts: list[str] = field(default_factory=list)

    def advance(self) -> ThemeStatus:
        """Candidate → reviewed → defined; a theme is only defined once it has a definition."""
        if self.status not in _NEXT_STATUS:
            raise ThemeError(f"Theme {self.name!r} is already defined.")
        following = _NEXT_STATUS[self.status]
        if following is ThemeStatus.DEFINED and not self.definition.strip():
            raise ThemeError(f"Write a definition for {self.name!r} before marking it defined.")
        self.status = following
        return following

    def revisit(self, status: ThemeStatus) -> None:
        """Send a theme back to an earlier status, as reviewing often does."""
        order = list(ThemeStatus)
        if order.index(status) > order.index(self.status):
            raise ThemeError(f"Use advance() to move {self.name!r} forward, one step at a time.")
        self.status = status


@dataclass
class JournalEntry:
    guid: str
    text: str
    phase: Phase
    author: str | None = None
    written: str | None = None  # xsd:dateTime text


@dataclass
class PhaseStep:
    phase: Phase
    entered: str | None = None  # xsd:dateTime text
    by: str | None = None


@dataclass
class ThematicAnalysis:
    guid: str = field(default_factory=new_guid)
    themes: list[Theme] = field(default_factory=list)
    journal: list[JournalEntry] = field(default_factory=list)
    phase_log: list[PhaseStep] = field(default_factory=list)

    @property
    def current_phase(self) -> Phase | None:
        return self.phase_log[-1].phase if self.phase_log else None

    def enter_phase(self, phase: Phase, by: str | None = None, when: str | None = None) -> None:
        self.phase_log.append(PhaseStep(phase=phase, entered=when, by=by))

    def write_journal(
        self, text: str, author: str | None = None, when: str | None = None
    ) -> JournalEntry:
        if not text.strip():
            raise ThemeError("A journal entry needs some text.")
        entry = JournalEntry(
            guid=new_guid(),
            text=text,
            phase=self.current_phase or Phase.FAMILIARISATION,
            author=author,
            written=when,
        )
        self.journal.append(entry)
        return entry

    def theme(self, guid: str) -> Theme:
        for theme in self.themes:
            if theme.guid == guid:
                return theme
        raise ThemeError(f"There is no theme with id {guid}.")

    def add_theme(
        self,
        project: Project,
        name: str,
        member_codes: list[str],
        definition: str = "",
        supporting_extracts: list[str] | None = None,
    ) -> Theme:
        if not name.strip():
            raise ThemeError("A theme needs a name.")
        theme = Theme(
            guid=new_guid(),
            name=name,
            definition=definition,
            member_codes=list(member_codes),
            supporting_extracts=list(supporting_extracts or []),
        )
        _check_against(project, theme)
        self.themes.append(theme)
        return theme


def _check_against(project: Project, theme: Theme) -> None:
    for code in theme.member_codes:
        project.code(code)
    selections = {s.guid for source in project.text_sources() for s in source.selections}
    missing = [s for s in theme.supporting_extracts if s not in selections]
    if missing:
        raise ThemeError(f"Theme {theme.name!r} cites extracts not in the project: {missing}.")


def _stable_guid(*parts: str) -> str:
    # Derived ids keep the exported map identical from one export to the next.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "coeval:" + "/".join(parts)))


def _is_coeval_theme_set(code_set: CodeSet) -> bool:
    return bool(code_set.description and _THEME_MARKER.search(code_set.description))


def themes_to_refi(analysis: ThematicAnalysis, project: Project) -> Project:
    """A copy of the project carrying the analysis as REFI sets, a graph and notes.

    Themes exported earlier are replaced rather than duplicated.
    """
    for theme in analysis.themes:
        _check_against(project, theme)
    result = deepcopy(project)
    journal_set_guid = analysis.guid
    old_journal = next((s for s in result.sets if s.guid == journal_set_guid), None)
    old_notes = set(old_journal.member_notes if old_journal else [])
    result.sets = [
        s for s in result.sets if not _is_coeval_theme_set(s) and s.guid != journal_set_guid
    ]
    result.notes = [n for n in result.notes if n.guid not in old_notes]
    map_guid = _stable_guid(analysis.guid, "map")
    result.graphs = [g for g in result.graphs if g.guid != map_guid]
    for theme in analysis.themes:
        marker = f"[coeval theme: {theme.status.value}]"
        result.sets.append(
            CodeSet(
                guid=theme.guid,
                name=theme.name,
                description=f"{theme.definition}\n\n{marker}" if theme.definition else marker,
                member_codes=list(theme.member_codes),
            )
        )
    if analysis.themes:
        result.graphs.append(_thematic_map(analysis, project, map_guid))
    for entry in analysis.journal:
        result.notes.append(
            TextSource(
                guid=entry.guid,
                name=f"Reflexive journal: {entry.phase.value}",
                plain_text=entry.text,
                creating_user=entry.author,
                creation_datetime=entry.written,
            )
        )
    if analysis.journal or analysis.phase_log:
        log = "".join(
            f"\n{step.phase.value}\t{step.entered or ''}\t{step.by or ''}"
            for step in analysis.phase_log
        )
        result.sets.append(
            CodeSet(
                guid=journal_set_guid,
                name="Reflexive journal",
                description=_JOURNAL_MARKER + log,
                member_notes=[entry.guid for entry in analysis.journal],
            )
        )
    return result


def _thematic_map(analysis: ThematicAnalysis, project: Project, map_guid: str) -> Graph:
    graph = Graph(guid=map_guid, name=MAP_NAME)
    texts = {
        s.guid: source.selection_text(s)
        for source in project.text_sources()
        for s in source.selections
    }
    for column, theme in enumerate(analysis.themes):
        x = column * 320
        theme_vertex = _stable_guid(analysis.guid, theme.guid)
        graph.vertices.append(
            Vertex(
                guid=theme_vertex,
                first_x=x,
                first_y=0,
                second_x=x + 240,
                second_y=60,
                represented_guid=theme.guid,
                name=theme.name,
                shape="Oval",
            )
        )
        members = [(c, project.code(c).name, "Rectangle") for c in theme.member_codes]
        members += [(s, texts[s][:60], "Note") for s in theme.supporting_extracts]
        for row, (target, label, shape) in enumerate(members, start=1):
            vertex = _stable_guid(analysis.guid, theme.guid, target)
            y = row * 90
            graph.vertices.append(
                Vertex(
                    guid=vertex,
                    first_x=x,
                    first_y=y,
                    second_x=x + 240,
                    second_y=y + 60,
                    represented_guid=target,
                    name=label,
                    shape=shape,
                )
            )
            graph.edges.append(
                Edge(
                    guid=_stable_guid(analysis.guid, theme.guid, target, "edge"),
                    source_vertex=theme_vertex,
                    target_vertex=vertex,
                    direction="OneWay",
                )
            )
    return graph


def themes_from_refi(project: Project) -> ThematicAnalysis:
    """The themes, journal and phase log that themes_to_refi put into a project."""
    selections = {s.guid for source in project.text_sources() for s in source.selections}
    journal_set = next(
        (s for s in project.sets if (s.description or "").startswith(_JOURNAL_MARKER)), None
    )
    analysis = ThematicAnalysis(guid=journal_set.guid if journal_set else new_guid())
    map_guid = _stable_guid(analysis.guid, "map")
    graph = next((g for g in project.graphs if g.guid == map_guid), None)
    if graph is None:
        graph = next((g for g in project.graphs if g.name == MAP_NAME), Graph(guid=map_guid))
    represented = {v.guid: v.represented_guid for v in graph.vertices}
    for code_set in project.sets:
        match = _THEME_MARKER.search(code_set.description or "")
        if match is None:
            continue
        theme_vertices = {v.guid for v in graph.vertices if v.represented_guid == code_set.guid}
        extracts = [
            target
            for edge in graph.edges
            if edge.source_vertex in theme_vertices
            and (target := represented.get(edge.target_vertex)) in selections
        ]
        analysis.themes.append(
            Theme(
                guid=code_set.guid,
                name=code_set.name,
                definition=(code_set.description or "")[: match.start()],
                status=ThemeStatus(match.group(1)),
                member_codes=list(code_set.member_codes),
                supporting_extracts=[e for e in extracts if e is not None],
            )
        )
    if journal_set is not None:
        notes = {n.guid: n for n in project.notes}
        for guid in journal_set.member_notes:
            note = notes[guid]
            phase_text = (note.name or "").removeprefix("Reflexive journal: ")
            analysis.journal.append(
                JournalEntry(
                    guid=guid,
                    text=note.plain_text,
                    phase=Phase(phase_text) if phase_text in set(Phase) else Phase.FAMILIARISATION,
                    author=note.creating_user,
                    written=note.creation_datetime,
                )
            )
        for line in (journal_set.description or "").splitlines()[1:]:
            phase, entered, by = (line.split("\t") + ["", ""])[:3]
            if phase in set(Phase):
                analysis.phase_log.append(
                    PhaseStep(phase=Phase(phase), entered=entered or None, by=by or None)
                )
    return analysis
