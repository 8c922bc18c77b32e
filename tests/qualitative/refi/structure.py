"""An independent reading of a .qdpx, to compare an original with coeval's export.

It uses lxml and zipfile directly rather than coeval's reader, so a bug in the reader cannot
hide the same bug in the comparison.
"""

import io
import zipfile

from lxml import etree

NS = {"p": "urn:QDA-XML:project:1.0"}


def _text_file(archive: zipfile.ZipFile, path: str) -> str:
    name = path.removeprefix("internal://")
    return archive.read(f"sources/{name}").decode("utf-8").removeprefix("\ufeff")


def _description(element) -> str | None:
    found = element.find("p:Description", NS)
    return None if found is None else found.text or ""


def summary(qdpx: bytes) -> dict[str, dict]:
    """Everything the issue lists as 'nothing lost', keyed by GUID."""
    archive = zipfile.ZipFile(io.BytesIO(qdpx))
    root = etree.fromstring(archive.read("project.qde"))
    result: dict[str, dict] = {
        "project": {"name": root.get("name"), "description": _description(root)},
        "users": {},
        "codes": {},
        "variables": {},
        "cases": {},
        "sources": {},
        "selections": {},
        "codings": {},
        "notes": {},
        "sets": {},
        "graphs": {},
    }
    for user in root.iterfind(".//p:Users/p:User", NS):
        result["users"][user.get("guid")] = (user.get("name"), user.get("id"))
    for code in root.iterfind(".//p:CodeBook//p:Code", NS):
        parent = code.getparent()
        result["codes"][code.get("guid")] = (
            code.get("name"),
            code.get("color"),
            code.get("isCodable"),
            _description(code),
            parent.get("guid") if parent.tag.endswith("}Code") else None,
        )
    for variable in root.iterfind("p:Variables/p:Variable", NS):
        result["variables"][variable.get("guid")] = (
            variable.get("name"),
            variable.get("typeOfVariable"),
        )
    for case in root.iterfind("p:Cases/p:Case", NS):
        values = [
            (v.find("p:VariableRef", NS).get("targetGUID"), [c.text for c in v][1:])
            for v in case.iterfind("p:VariableValue", NS)
        ]
        refs = [r.get("targetGUID") for r in case if r.get("targetGUID")]
        result["cases"][case.get("guid")] = (case.get("name"), values, refs)
    for kind in ("Sources/p:TextSource", "Notes/p:Note"):
        for source in root.iterfind(f"p:{kind}", NS):
            inline = source.find("p:PlainTextContent", NS)
            path = source.get("plainTextPath")
            text = inline.text or "" if inline is not None else _text_file(archive, path)
            bucket = "sources" if kind.startswith("Sources") else "notes"
            notes = [r.get("targetGUID") for r in source.iterfind("p:NoteRef", NS)]
            result[bucket][source.get("guid")] = (source.get("name"), text, notes)
            for selection in source.iterfind("p:PlainTextSelection", NS):
                start = int(selection.get("startPosition"))
                end = int(selection.get("endPosition"))
                result["selections"][selection.get("guid")] = (
                    source.get("guid"),
                    start,
                    end,
                    text[start:end],
                    selection.get("creatingUser"),
                )
                for coding in selection.iterfind("p:Coding", NS):
                    result["codings"][coding.get("guid")] = (
                        selection.get("guid"),
                        coding.find("p:CodeRef", NS).get("targetGUID"),
                        coding.get("creatingUser"),
                    )
    for code_set in root.iterfind("p:Sets/p:Set", NS):
        result["sets"][code_set.get("guid")] = (
            code_set.get("name"),
            _description(code_set),
            [m.get("targetGUID") for m in code_set],
        )
    for graph in root.iterfind("p:Graphs/p:Graph", NS):
        result["graphs"][graph.get("guid")] = sorted(
            tuple(sorted(item.attrib.items())) for item in graph
        )
    return result
