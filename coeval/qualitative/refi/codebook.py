"""Import and export codebooks as .qdc files (urn:QDA-XML:codebook:1.0).

A codebook carries codes (hierarchy, colours, descriptions) and sets of codes, but no notes,
so code memos stay behind in the project.
"""

from copy import deepcopy
from dataclasses import dataclass, field

from lxml import etree

from coeval.qualitative.model import Code, CodeSet, Project
from coeval.qualitative.refi.errors import QdpxImportError
from coeval.qualitative.refi.namespaces import CODEBOOK_NS, q
from coeval.qualitative.refi.reader import read_code
from coeval.qualitative.refi.safe_xml import parse_xml
from coeval.qualitative.refi.writer import write_code

MAX_CODEBOOK_BYTES = 64 * 1024 * 1024


@dataclass
class Codebook:
    codes: list[Code] = field(default_factory=list)
    sets: list[CodeSet] = field(default_factory=list)
    origin: str | None = None


def codebook_of(project: Project) -> Codebook:
    """The project's codes and code-only sets, without the memos a .qdc cannot carry."""
    codes = deepcopy(project.codes)
    stack = list(codes)
    while stack:
        code = stack.pop()
        code.note_refs = []
        stack.extend(code.children)
    sets = [
        CodeSet(guid=s.guid, name=s.name, description=s.description, member_codes=s.member_codes)
        for s in project.sets
        if s.member_codes
    ]
    return Codebook(codes=codes, sets=deepcopy(sets), origin=project.origin)


def write_qdc(codebook: Codebook) -> bytes:
    if not codebook.codes:
        raise ValueError("A REFI-QDA codebook must hold at least one code.")
    root = etree.Element(q("CodeBook", CODEBOOK_NS), nsmap={None: CODEBOOK_NS})
    if codebook.origin is not None:
        root.set("origin", codebook.origin)
    codes = etree.SubElement(root, q("Codes", CODEBOOK_NS))
    for code in codebook.codes:
        write_code(codes, code, CODEBOOK_NS)
    if codebook.sets:
        sets = etree.SubElement(root, q("Sets", CODEBOOK_NS))
        for code_set in codebook.sets:
            element = etree.SubElement(
                sets, q("Set", CODEBOOK_NS), guid=code_set.guid, name=code_set.name
            )
            if code_set.description is not None:
                etree.SubElement(element, q("Description", CODEBOOK_NS)).text = code_set.description
            for guid in code_set.member_codes:
                etree.SubElement(element, q("MemberCode", CODEBOOK_NS), guid=guid)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def read_qdc(data: bytes) -> Codebook:
    if len(data) > MAX_CODEBOOK_BYTES:
        raise QdpxImportError("The codebook file is larger than coeval accepts.")
    root = parse_xml(data, "The codebook")
    if root.tag != q("CodeBook", CODEBOOK_NS):
        raise QdpxImportError(
            "The file is not a REFI-QDA codebook (.qdc): its root element is "
            f"{etree.QName(root).localname!r}, not CodeBook in {CODEBOOK_NS!r}."
        )
    codes_element = root.find(q("Codes", CODEBOOK_NS))
    if codes_element is None:
        raise QdpxImportError("The codebook has no Codes element.")
    codes = [read_code(c, CODEBOOK_NS) for c in codes_element.findall(q("Code", CODEBOOK_NS))]
    sets: list[CodeSet] = []
    sets_element = root.find(q("Sets", CODEBOOK_NS))
    for element in [] if sets_element is None else sets_element.findall(q("Set", CODEBOOK_NS)):
        guid, name = element.get("guid"), element.get("name")
        if guid is None or name is None:
            raise QdpxImportError("The codebook has a Set without a guid or a name.")
        description = element.find(q("Description", CODEBOOK_NS))
        members = [m.get("guid") for m in element.findall(q("MemberCode", CODEBOOK_NS))]
        if None in members:
            raise QdpxImportError(f"Set {name!r} of the codebook has a member without a guid.")
        sets.append(
            CodeSet(
                guid=guid,
                name=name,
                description=None if description is None else description.text or "",
                member_codes=[m for m in members if m is not None],
            )
        )
    return Codebook(codes=codes, sets=sets, origin=root.get("origin"))


def adopt_codebook(project: Project, codebook: Codebook) -> None:
    """Add a codebook's codes and sets to a project, refusing clashes before changing anything."""
    known = {code.guid for code, _ in project.iter_codes()} | {s.guid for s in project.sets}
    incoming: list[str] = [s.guid for s in codebook.sets]
    stack = list(codebook.codes)
    while stack:
        code = stack.pop()
        incoming.append(code.guid)
        stack.extend(code.children)
    clashes = sorted(set(incoming) & known)
    if clashes:
        raise QdpxImportError(
            f"The codebook reuses {len(clashes)} id(s) already in this project "
            f"(first: {clashes[0]}); nothing was imported."
        )
    project.codes.extend(deepcopy(codebook.codes))
    project.sets.extend(deepcopy(codebook.sets))
