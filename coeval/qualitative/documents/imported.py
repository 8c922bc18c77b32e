"""What an import produces: plain text, the speaker turns found in it, and metadata.

Every position is a count of Unicode code points into ``ImportedDocument.text``, the same
convention REFI-QDA uses for text selections, so codings made on this text export as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class SpeakerTurn:
    """One speaker's stretch of talk.

    ``start``/``end`` cover the whole turn including its label ("P1: ..."), and
    ``speech_start`` is where the spoken words begin, after the label. Times are seconds from the
    start of the recording, when the source carried them (VTT, SRT, timestamped transcripts).
    """

    speaker: str
    start: int
    end: int
    speech_start: int
    start_time: float | None = None
    end_time: float | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.speech_start <= self.end:
            raise ValueError(
                f"A speaker turn needs start <= speech_start <= end, got "
                f"{self.start}, {self.speech_start}, {self.end}"
            )


@dataclass(frozen=True)
class ImportedDocument:
    text: str
    turns: tuple[SpeakerTurn, ...] = ()
    metadata: Mapping[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Freeze the metadata so an imported document cannot drift after it was checked.
        object.__setattr__(self, "metadata", MappingProxyType(dict(self.metadata)))
        for turn in self.turns:
            if turn.end > len(self.text):
                raise ValueError(f"Speaker turn {turn} runs past the end of the text")

    @property
    def speakers(self) -> tuple[str, ...]:
        """Speakers in order of first appearance."""
        return tuple(dict.fromkeys(turn.speaker for turn in self.turns))

    def turn_text(self, turn: SpeakerTurn) -> str:
        return self.text[turn.speech_start : turn.end]

    @property
    def word_count(self) -> int:
        return len(self.text.split())
