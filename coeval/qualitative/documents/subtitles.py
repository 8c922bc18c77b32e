"""WebVTT and SubRip captions, as exported by Teams, Zoom and transcription services.

Consecutive cues from one speaker are joined into one turn, because services cut speech into
cues of a few seconds and a coder wants to read and code what a person said, not the captions.
A cue with no speaker continues the previous speaker's turn: SRT files often name the speaker
only when it changes.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from coeval.qualitative.documents.errors import DocumentImportError
from coeval.qualitative.documents.imported import SpeakerTurn
from coeval.qualitative.documents.speakers import normalise_label, parse_time

_TIMING = re.compile(
    r"^\s*(?P<start>(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*"
    r"(?P<end>(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})"
)
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?[ \t]+([^>]+)>")
_TAG = re.compile(r"</?[^>]*>")
_PREFIX = re.compile(r"^(?:>>\s*|-\s+)?([^\W\d_][\w.'’\- ]{0,38}?(?:\s*\([^()]{1,40}\))?)\s*:\s+")


@dataclass(frozen=True)
class _Cue:
    speaker: str | None
    text: str
    start: float
    end: float


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            blocks[-1].append(line.rstrip())
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _cue_speaker(lines: list[str]) -> tuple[str | None, str]:
    raw = " ".join(line.strip() for line in lines)
    voice = _VOICE.search(raw)
    speaker = normalise_label(voice.group(1)) if voice else None
    words = html.unescape(_TAG.sub("", raw)).strip()
    words = re.sub(r"\s+", " ", words)
    if speaker is None:
        prefix = _PREFIX.match(words)
        if prefix and len(prefix.group(1).split()) <= 4 and prefix.group(1)[0].isupper():
            speaker = normalise_label(prefix.group(1))
            words = words[prefix.end() :]
    return speaker, words


def _parse(text: str, kind: str) -> list[_Cue]:
    cues = []
    for block in _blocks(text):
        timing_index = next((i for i, line in enumerate(block) if _TIMING.match(line)), None)
        if timing_index is None:
            continue  # WEBVTT header, NOTE, STYLE and REGION blocks carry no speech.
        timing = _TIMING.match(block[timing_index])
        assert timing is not None
        speaker, words = _cue_speaker(block[timing_index + 1 :])
        if words:
            cues.append(
                _Cue(speaker, words, parse_time(timing["start"]), parse_time(timing["end"]))
            )
    if not cues:
        raise DocumentImportError(
            f"No timed captions were found in this {kind} file: each cue needs a line like "
            "'00:00:01.000 --> 00:00:04.000' followed by its text."
        )
    return cues


def captions_to_text(text: str, kind: str) -> tuple[str, tuple[SpeakerTurn, ...]]:
    """Plain text ("Speaker: words" paragraphs) and the timed turns within it."""
    if kind == "VTT" and not text.lstrip().startswith("WEBVTT"):
        raise DocumentImportError(
            "This .vtt file does not start with 'WEBVTT', so it is not a WebVTT caption file."
        )
    cues = _parse(text, kind)
    # Group cues into turns: a new turn starts when a cue names a different speaker.
    groups: list[list[_Cue]] = []
    current_speaker: str | None = None
    for cue in cues:
        speaker = cue.speaker or current_speaker
        if not groups or speaker != current_speaker:
            groups.append([])
        groups[-1].append(_Cue(speaker, cue.text, cue.start, cue.end))
        current_speaker = speaker
    parts: list[str] = []
    turns: list[SpeakerTurn] = []
    position = 0
    for group in groups:
        if parts:
            parts.append("\n\n")
            position += 2
        speaker = group[0].speaker
        label = f"{speaker}: " if speaker else ""
        paragraph = label + " ".join(cue.text for cue in group)
        if speaker:
            turns.append(
                SpeakerTurn(
                    speaker=speaker,
                    start=position,
                    end=position + len(paragraph),
                    speech_start=position + len(label),
                    start_time=group[0].start,
                    end_time=group[-1].end,
                )
            )
        parts.append(paragraph)
        position += len(paragraph)
    return "".join(parts), tuple(turns)
