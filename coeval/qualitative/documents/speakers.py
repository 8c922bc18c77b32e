"""Find speaker turns in a plain transcript.

Transcripts label turns in many ways: "Interviewer:", "P1:", "Facilitator (Sarah):",
"[00:01:02] Sarah:", "Sarah [00:01:02]:". A line that merely contains a colon ("Note: ...",
"The thing is: ...") must not start a turn, so a label counts only if it names a role we know
(interviewer, participant, P3...) or is used as a label on at least two lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from coeval.qualitative.documents.imported import SpeakerTurn

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_LINE = re.compile(
    rf"""^[ \t]*
    (?:[\[(]?(?P<time_before>{_TIME})[\])]?[ \t]*(?:[-–][ \t]*)?)?
    (?:>>[ \t]*|-[ \t]+)?
    (?P<label>[^\W\d_][\w.'’\- ]{{0,38}}?(?:[ \t]*\([^()\n:]{{1,40}}\))?)
    (?:[ \t]*[\[(](?P<time_after>{_TIME})[\])])?
    [ \t]*:(?:[ \t]|$)""",
    re.VERBOSE | re.MULTILINE,
)

# Roles that make a label a speaker even the first time it appears.
ROLE_WORDS = frozenset(
    """interviewer interviewee participant respondent facilitator moderator researcher
    speaker int iv resp part fac mod note-taker notetaker observer chair host guest
    patient carer nurse doctor gp clinician manager commissioner
    """.split()
)
_NUMBERED_ROLE = re.compile(r"^(?:[A-Z]{1,3}\d{1,3}|[A-Za-z]+[ -]?\d{1,3})$")
_MAX_LABEL_WORDS = 4


@dataclass(frozen=True)
class _Candidate:
    label: str
    start: int
    speech_start: int
    time: float | None


def parse_time(value: str) -> float:
    """Seconds from "01:02:03.500", "1:02:03,5" or "02:03"."""
    parts = value.replace(",", ".").split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


def normalise_label(label: str) -> str:
    return re.sub(r"\s+", " ", label).strip()


def _plausible(label: str) -> bool:
    bare = re.sub(r"\([^)]*\)", "", label).strip()
    words = bare.split()
    if not words or len(words) > _MAX_LABEL_WORDS:
        return False
    return label[0].isupper() or bare.lower() in ROLE_WORDS


def is_role_label(label: str) -> bool:
    bare = re.sub(r"\([^)]*\)", "", label).strip()
    first = bare.split()[0].lower().rstrip(".") if bare else ""
    return first in ROLE_WORDS or bool(_NUMBERED_ROLE.match(bare))


def _candidates(text: str) -> list[_Candidate]:
    found = []
    for match in _LINE.finditer(text):
        label = normalise_label(match["label"])
        if not _plausible(label):
            continue
        speech_start = match.end()
        while speech_start < len(text) and text[speech_start] in " \t":
            speech_start += 1
        time = match["time_before"] or match["time_after"]
        found.append(
            _Candidate(
                label=label,
                start=match.start("label") if not time else match.start(),
                speech_start=speech_start,
                time=parse_time(time) if time else None,
            )
        )
    # A label that starts the line should start the turn, including any leading timestamp.
    return [
        _Candidate(c.label, _line_content_start(text, c.start), c.speech_start, c.time)
        for c in found
    ]


def _line_content_start(text: str, position: int) -> int:
    line_start = text.rfind("\n", 0, position) + 1
    while line_start < position and text[line_start] in " \t":
        line_start += 1
    return line_start


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def detect_speaker_turns(text: str) -> tuple[SpeakerTurn, ...]:
    """Speaker turns, each running from its label to the start of the next label."""
    candidates = _candidates(text)
    uses = Counter(c.label for c in candidates)
    accepted = [c for c in candidates if uses[c.label] >= 2 or is_role_label(c.label)]
    turns = []
    for index, candidate in enumerate(accepted):
        following = accepted[index + 1].start if index + 1 < len(accepted) else len(text)
        end = _trim_end(text, candidate.start, following)
        speech_start = min(candidate.speech_start, end)
        # Speech may begin on the line after a label that stands alone.
        while speech_start < end and text[speech_start].isspace():
            speech_start += 1
        turns.append(
            SpeakerTurn(
                speaker=candidate.label,
                start=candidate.start,
                end=end,
                speech_start=speech_start,
                start_time=candidate.time,
            )
        )
    return tuple(turns)
