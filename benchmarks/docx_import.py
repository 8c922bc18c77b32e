"""Import of a 20,000-word .docx transcript: target at most 0.5 s (Taguette 1.5.2: ~0.75 s).

Generates the document in memory, then times coeval's import against a baseline measured in
the same run: opening the same file with python-docx and iterating its paragraphs, which is
what a straightforward importer would do.

    .venv/bin/python benchmarks/docx_import.py
"""

from __future__ import annotations

import io
import random
import statistics
import time

import docx

from coeval.qualitative.documents import import_document

TARGET_SECONDS = 0.5
WORDS = 20_000
REPEATS = 5
VOCABULARY = (
    "clinic wait appointment nurse felt really the a and we they community pharmacy "
    "language interpreter bus travel cost care home GP surgery receptionist phone online "
    "booking listened worried children work shift night early late trust respect"
).split()


def make_transcript_docx(words: int = WORDS) -> bytes:
    rng = random.Random(20)
    document = docx.Document()
    speakers = ["Interviewer", "P1", "P2", "Facilitator (Sarah)"]
    written = 0
    turn = 0
    while written < words:
        length = rng.randint(15, 80)
        sentence = " ".join(rng.choice(VOCABULARY) for _ in range(length))
        paragraph = document.add_paragraph(f"{speakers[turn % len(speakers)]}: ")
        # Several runs per paragraph, as Word produces after editing and spell-checking.
        for chunk_start in range(0, length, 12):
            paragraph.add_run(" ".join(sentence.split()[chunk_start : chunk_start + 12]) + " ")
        written += length + 1
        turn += 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def best_and_median(action) -> tuple[float, float]:
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return min(timings), statistics.median(timings)


def python_docx_baseline(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def main() -> None:
    data = make_transcript_docx()
    document = import_document("transcript.docx", data)
    baseline_text = python_docx_baseline(data)
    # coeval trims trailing spaces from lines; otherwise both must read the same words.
    expected = "\n".join(line.rstrip() for line in baseline_text.split("\n")).strip()
    assert document.text == expected, "coeval and python-docx read different text"
    best, median = best_and_median(lambda: import_document("transcript.docx", data))
    base_best, base_median = best_and_median(lambda: python_docx_baseline(data))
    print(
        f"document: {document.word_count:,} words, {len(data):,} bytes, {len(document.turns)} turns"
    )
    print(f"coeval import_document      median {median:.3f} s  (best {best:.3f} s)")
    print(f"baseline python-docx paras  median {base_median:.3f} s  (best {base_best:.3f} s)")
    print(f"ratio to target {TARGET_SECONDS} s: {median / TARGET_SECONDS:.2f}  (<= 1.00 meets it)")
    print(f"ratio to baseline: {median / base_median:.2f}  (< 1.00 is faster than python-docx)")
    print("PASS" if median <= TARGET_SECONDS else "FAIL")


if __name__ == "__main__":
    main()
