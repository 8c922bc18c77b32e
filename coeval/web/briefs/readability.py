"""How easy a public summary is to read, and what would make it easier.

UK reading age is roughly the US school grade plus five, so the target reading age of
11 to 12 is a Flesch-Kincaid grade of about 6 to 7. The score is a guide, not a test:
the advice (shorter sentences, everyday words) is what helps the author.
"""

import re
from dataclasses import dataclass, field
from functools import cache

TARGET_READING_AGE = 12
LONG_SENTENCE_WORDS = 20
MIN_WORDS = 20  # below this the formulas say little


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    reading_ease: float
    grade: float
    reading_age: int | None
    advice: tuple[str, ...] = field(default=())
    long_sentences: tuple[str, ...] = field(default=())
    hard_words: tuple[str, ...] = field(default=())

    @property
    def on_target(self) -> bool:
        return self.reading_age is not None and self.reading_age <= TARGET_READING_AGE

    @property
    def verdict(self) -> str:
        if self.reading_age is None:
            return f"Write at least {MIN_WORDS} words to get a reading age."
        if self.on_target:
            return f"Reading age about {self.reading_age}. Most people can read this easily."
        return (
            f"Reading age about {self.reading_age}. Aim for {TARGET_READING_AGE - 1} to "
            f"{TARGET_READING_AGE} so that most people can read it."
        )


_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@cache
def _hyphenator():
    from pyphen import Pyphen

    return Pyphen(lang="en_GB")


def syllables(word: str) -> int:
    """Syllables by hyphenation. textstat's own count fetches a pronouncing dictionary
    over the network on first use, which a server must not do, so the count is here."""
    return len(_hyphenator().positions(word.lower())) + 1


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def score(text: str) -> Readability:
    text = (text or "").strip()
    words = len(_WORD.findall(text))
    sentences = _sentences(text)
    if words < MIN_WORDS:
        return Readability(words, len(sentences), 0.0, 0.0, None)
    # Flesch (1948) reading ease and the Flesch-Kincaid grade (Kincaid et al. 1975).
    per_sentence = words / max(1, len(sentences))
    per_word = sum(syllables(w) for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text)) / words
    grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    ease = 206.835 - 1.015 * per_sentence - 84.6 * per_word
    reading_age = max(5, round(grade + 5))
    long_ones = tuple(s for s in sentences if len(s.split()) > LONG_SENTENCE_WORDS)
    hard = tuple(
        sorted({w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]+", text) if syllables(w) >= 4})
    )
    advice = []
    if long_ones:
        advice.append(
            f"{len(long_ones)} sentence{'s are' if len(long_ones) > 1 else ' is'} longer than "
            f"{LONG_SENTENCE_WORDS} words. Split {'them' if len(long_ones) > 1 else 'it'} up."
        )
    if hard:
        advice.append("Try everyday words instead of: " + ", ".join(hard[:8]) + ".")
    if reading_age > TARGET_READING_AGE and not advice:
        advice.append("Use shorter sentences and shorter words.")
    return Readability(
        words, len(sentences), round(ease, 1), round(grade, 1), reading_age,
        tuple(advice), long_ones[:5], hard[:8],
    )  # fmt: skip
