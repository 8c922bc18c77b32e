"""QDPX export and import of a 100,000-word project with 5,000 codings.

Target (issue 5): the export takes under 2 s. The baseline, measured in the same run, builds
and serialises the same project.qde with xml.dom.minidom and zips it, the way a naive exporter
would. Run as: python benchmarks/qdpx_export.py
"""

import io
import os
import random
import statistics
import time
import uuid
import zipfile
from xml.dom import minidom

from coeval.qualitative.model import Case, Project, Variable, VariableType, VariableValue
from coeval.qualitative.refi import read_qdpx, write_qdpx

TARGET_SECONDS = 2.0
QUICK = os.environ.get("COEVAL_BENCHMARK_QUICK") == "1"
WORDS = 10_000 if QUICK else 100_000
CODINGS = 500 if QUICK else 5_000
SOURCES = 40
REPEATS = 2 if QUICK else 5
VOCABULARY = "the clinic bus wait staff kind far cost appointment care nurse 👍🏽 café".split()


def build_project(seed: int = 5) -> Project:
    rng = random.Random(seed)
    guid = lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))  # noqa: E731
    project = Project(name="Benchmark")
    coders = [project.add_user(f"Coder {i}", guid=guid()) for i in range(3)]
    parents = [project.add_code(f"Theme area {i}", guid=guid()) for i in range(10)]
    codes = [
        project.add_code(f"Code {i}", parent=rng.choice(parents).guid, color="#336699", guid=guid())
        for i in range(60)
    ]
    imd = Variable(guid=guid(), name="IMD quintile", type=VariableType.INTEGER)
    project.variables.append(imd)
    for index in range(SOURCES):
        words = [rng.choice(VOCABULARY) for _ in range(WORDS // SOURCES)]
        source = project.add_text_source(f"Interview {index}", " ".join(words), guid=guid())
        project.cases.append(
            Case(
                guid=guid(),
                name=f"P{index}",
                source_refs=[source.guid],
                variable_values=[VariableValue(imd.guid, VariableType.INTEGER, index % 5 + 1)],
            )
        )
    sources = project.text_sources()
    for _ in range(CODINGS):
        source = rng.choice(sources)
        start = rng.randrange(len(source.plain_text) - 200)
        project.code_text(
            source.guid,
            start,
            start + rng.randrange(20, 200),
            rng.choice(codes).guid,
            rng.choice(coders).guid,
        )
    return project


def minidom_export(project: Project) -> bytes:
    """The naive baseline: a DOM built node by node, then zipped."""
    document = minidom.Document()
    root = document.createElementNS("urn:QDA-XML:project:1.0", "Project")
    root.setAttribute("xmlns", "urn:QDA-XML:project:1.0")
    root.setAttribute("name", project.name)
    document.appendChild(root)
    users = root.appendChild(document.createElement("Users"))
    for user in project.users:
        element = users.appendChild(document.createElement("User"))
        element.setAttribute("guid", user.guid)
        element.setAttribute("name", user.name or "")
    codes = root.appendChild(document.createElement("CodeBook")).appendChild(
        document.createElement("Codes")
    )

    def add_code(parent, code):
        element = parent.appendChild(document.createElement("Code"))
        for name, value in (("guid", code.guid), ("name", code.name), ("isCodable", "true")):
            element.setAttribute(name, value)
        for child in code.children:
            add_code(element, child)

    for code in project.codes:
        add_code(codes, code)
    sources = root.appendChild(document.createElement("Sources"))
    texts = {}
    for source in project.text_sources():
        element = sources.appendChild(document.createElement("TextSource"))
        element.setAttribute("guid", source.guid)
        element.setAttribute("plainTextPath", f"internal://{source.guid}.txt")
        texts[f"sources/{source.guid}.txt"] = source.plain_text.encode()
        for selection in source.selections:
            chosen = element.appendChild(document.createElement("PlainTextSelection"))
            chosen.setAttribute("guid", selection.guid)
            chosen.setAttribute("startPosition", str(selection.start))
            chosen.setAttribute("endPosition", str(selection.end))
            for coding in selection.codings:
                node = chosen.appendChild(document.createElement("Coding"))
                node.setAttribute("guid", coding.guid)
                node.setAttribute("creatingUser", coding.creating_user or "")
                ref = node.appendChild(document.createElement("CodeRef"))
                ref.setAttribute("targetGUID", coding.code_guid)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", document.toprettyxml(encoding="UTF-8"))
        for path, data in texts.items():
            archive.writestr(path, data)
    return buffer.getvalue()


def median_seconds(action, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    project = build_project()
    words = sum(len(s.plain_text.split()) for s in project.text_sources())
    codings = sum(1 for _ in project.iter_codings())
    archive = write_qdpx(project)
    assert read_qdpx(archive) == project, "the benchmark project must round-trip"
    export = median_seconds(lambda: write_qdpx(project))
    imported = median_seconds(lambda: read_qdpx(archive))
    baseline = median_seconds(lambda: minidom_export(project))
    print(f"project: {words:,} words, {codings:,} codings, {len(archive) / 1e6:.2f} MB archive")
    print(
        f"export  : {export:.3f} s median of {REPEATS}  "
        f"({export / TARGET_SECONDS:.2f} of the {TARGET_SECONDS:.0f} s target)"
    )
    print(
        f"baseline: {baseline:.3f} s (xml.dom.minidom)  -> coeval is {baseline / export:.1f}x faster"
    )
    print(
        f"import  : {imported:.3f} s median of {REPEATS}  "
        f"({imported / TARGET_SECONDS:.2f} of the {TARGET_SECONDS:.0f} s target)"
    )
    print("PASS" if export < TARGET_SECONDS else "FAIL: export slower than the target")
    return 0 if export < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
