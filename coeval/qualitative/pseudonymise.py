"""Propose pseudonyms for the people (and optionally places and contact details) in a transcript.

Nothing here downloads or runs a model. Names are found from what the team tells us (names
supplied, speaker labels), from titles ("Dr Patel"), and from a short bundled list of common UK
first names. These are *proposals*: a person accepts, rejects or edits each one before
``apply`` writes new text, because a missed or wrong replacement in a health transcript can
identify someone. The same name gets the same pseudonym in every document of a project through
a ``PseudonymRegister`` the project keeps.

``apply`` also returns an ``OffsetMap`` so codings made on the original text can be moved onto
the new one; the original text is returned only if the caller asks to keep it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from coeval.qualitative.documents.speakers import detect_speaker_turns, is_role_label


class Kind(StrEnum):
    NAME = "name"
    PLACE = "place"
    EMAIL = "email"
    PHONE = "phone"
    NHS_NUMBER = "nhs_number"
    POSTCODE = "postcode"


class Decision(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


_LABELS = {
    Kind.NAME: "Participant {}",
    Kind.PLACE: "Place {}",
    Kind.EMAIL: "[email {}]",
    Kind.PHONE: "[phone {}]",
    Kind.NHS_NUMBER: "[NHS number {}]",
    Kind.POSTCODE: "[postcode {}]",
}


def _letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: spreadsheet-style, so there is never a shortage."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _key(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip().casefold()


@dataclass
class PseudonymRegister:
    """The project's memory of which original became which pseudonym. Keep one per project."""

    assigned: dict[str, dict[str, str]] = field(default_factory=dict)

    def pseudonym_for(self, original: str, kind: Kind) -> str:
        table = self.assigned.setdefault(kind.value, {})
        key = _key(original)
        if key in table:
            return table[key]
        parts = key.split(" ")
        if kind is Kind.NAME and len(parts) > 1:
            # "Sarah Jones" after "Sarah" (or "Mrs Jones") is taken to be the same person.
            known = next((table[p] for p in (parts[0], parts[-1]) if p in table), None)
            pseudonym = known or self._next(kind)
            table[key] = pseudonym
            for part in (parts[0], parts[-1]):
                table.setdefault(part, pseudonym)
            return pseudonym
        table[key] = self._next(kind)
        return table[key]

    def remember(self, original: str, kind: Kind, pseudonym: str) -> None:
        """Record a reviewer's edit so later documents propose the same pseudonym."""
        self.assigned.setdefault(kind.value, {})[_key(original)] = pseudonym

    def _next(self, kind: Kind) -> str:
        used = set(self.assigned.get(kind.value, {}).values())
        index = 0
        while _LABELS[kind].format(_letters(index)) in used:
            index += 1
        return _LABELS[kind].format(_letters(index))

    def to_dict(self) -> dict[str, dict[str, str]]:
        return {kind: dict(table) for kind, table in self.assigned.items()}

    @classmethod
    def from_dict(cls, data: dict[str, dict[str, str]]) -> PseudonymRegister:
        return cls({kind: dict(table) for kind, table in data.items()})


@dataclass(frozen=True)
class Proposal:
    start: int
    end: int
    original: str
    kind: Kind
    replacement: str
    reason: str
    decision: Decision = Decision.PENDING

    def accept(self) -> Proposal:
        return replace(self, decision=Decision.ACCEPTED)

    def reject(self) -> Proposal:
        return replace(self, decision=Decision.REJECTED)

    def edit(self, replacement: str) -> Proposal:
        if not replacement.strip():
            raise ValueError("A replacement cannot be blank; reject the proposal instead.")
        return replace(self, replacement=replacement, decision=Decision.ACCEPTED)


@dataclass(frozen=True)
class Detect:
    """Which kinds of identifier to look for. Places need a list from the team, or postcodes."""

    names: bool = True
    emails: bool = True
    phones: bool = True
    nhs_numbers: bool = True
    postcodes: bool = True


_TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sister|Nurse|Matron|Councillor|Cllr|Rev|Father)"
_CAPITALISED = r"[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*"
_TITLED = re.compile(rf"\b{_TITLES}\.?[ \t]+(?P<name>{_CAPITALISED}(?:[ \t]+{_CAPITALISED})?)")
_WORD = re.compile(_CAPITALISED)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"(?<![\d+])(?:\+44[ \t]?(?:\(0\)[ \t]?)?|0)\d(?:[ \t-]?\d){8,9}(?!\d)")
_NHS = re.compile(r"(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[A-Z]{2}\b")
# Capitalised words that often follow a first name but are not surnames.
_NOT_SURNAMES = frozenset("I The And But So Then When If NHS GP A An Or Yes No Ok OK".split())


def nhs_number_is_valid(digits: str) -> bool:
    """The modulus 11 check that every real NHS number passes."""
    digits = re.sub(r"\D", "", digits)
    if len(digits) != 10:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _whole_word(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)


def _label_names(text: str) -> set[str]:
    names = set()
    for turn in detect_speaker_turns(text):
        inner = re.search(r"\(([^)]+)\)", turn.speaker)
        if inner:
            names.add(inner.group(1).strip())
        elif not is_role_label(turn.speaker):
            names.add(turn.speaker)
    return {name for name in names if name[:1].isupper()}


def _spans_of_names(text: str, supplied: Iterable[str]) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    known: set[str] = set()
    for name in supplied:
        if name.strip():
            known.add(name.strip())
            found += [
                (m.start(), m.end(), "supplied by the team")
                for m in _whole_word(name.strip()).finditer(text)
            ]
    for name in _label_names(text):
        known.add(name)
        found += [(m.start(), m.end(), "speaker label") for m in _whole_word(name).finditer(text)]
    for match in _TITLED.finditer(text):
        known.add(match["name"])
        found.append((match.start("name"), match.end("name"), "follows a title"))
    for match in _WORD.finditer(text):
        word = match.group()
        if word in FIRST_NAMES or (
            word in AMBIGUOUS_FIRST_NAMES and _surname_after(text, match.end())
        ):
            end = match.end()
            surname = _surname_after(text, end)
            if surname:
                end = surname.end()
            known.add(text[match.start() : end])
            found.append((match.start(), end, "common first name"))
    # Surnames or first names seen once as part of a name are names elsewhere too.
    parts = {part for name in known for part in name.split() if len(part) > 2}
    parts -= AMBIGUOUS_FIRST_NAMES
    for part in parts:
        for match in re.finditer(rf"(?<!\w){re.escape(part)}(?!\w)", text):
            found.append((match.start(), match.end(), "elsewhere part of a name"))
    return found


def _surname_after(text: str, end: int) -> re.Match[str] | None:
    gap = re.compile(rf"[ \t]+(?P<surname>{_CAPITALISED})").match(text, end)
    if gap and gap["surname"] not in _NOT_SURNAMES and gap["surname"] not in FIRST_NAMES:
        return _WORD.match(text, gap.start("surname"))
    return None


def _non_overlapping(spans: list[tuple[int, int, Kind, str]]) -> list[tuple[int, int, Kind, str]]:
    # Longest first, so "Sarah Jones" wins over "Sarah" and "Jones" found separately.
    chosen: list[tuple[int, int, Kind, str]] = []
    taken: list[tuple[int, int]] = []
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(span[1] <= start or span[0] >= end for start, end in taken):
            chosen.append(span)
            taken.append((span[0], span[1]))
    return sorted(chosen)


def propose(
    text: str,
    register: PseudonymRegister,
    *,
    names: Sequence[str] = (),
    places: Sequence[str] = (),
    detect: Detect = Detect(),
) -> list[Proposal]:
    """Proposed replacements, in text order, all pending review."""
    spans: list[tuple[int, int, Kind, str]] = []
    if detect.names:
        spans += [(s, e, Kind.NAME, why) for s, e, why in _spans_of_names(text, names)]
    else:
        for name in names:
            spans += [
                (m.start(), m.end(), Kind.NAME, "supplied by the team")
                for m in _whole_word(name).finditer(text)
            ]
    for place in places:
        spans += [
            (m.start(), m.end(), Kind.PLACE, "supplied by the team")
            for m in _whole_word(place).finditer(text)
        ]
    if detect.emails:
        spans += [(m.start(), m.end(), Kind.EMAIL, "email address") for m in _EMAIL.finditer(text)]
    if detect.nhs_numbers:
        spans += [
            (m.start(), m.end(), Kind.NHS_NUMBER, "passes the NHS number check")
            for m in _NHS.finditer(text)
            if nhs_number_is_valid(m.group())
        ]
    if detect.phones:
        spans += [
            (m.start(), m.end(), Kind.PHONE, "UK phone number") for m in _PHONE.finditer(text)
        ]
    if detect.postcodes:
        spans += [
            (m.start(), m.end(), Kind.POSTCODE, "UK postcode") for m in _POSTCODE.finditer(text)
        ]
    proposals = []
    for start, end, kind, reason in _non_overlapping(spans):
        original = text[start:end]
        proposals.append(
            Proposal(start, end, original, kind, register.pseudonym_for(original, kind), reason)
        )
    return proposals


@dataclass(frozen=True)
class _Shift:
    old_start: int
    old_end: int
    new_start: int
    new_end: int


@dataclass(frozen=True)
class OffsetMap:
    """Moves positions in the original text to the pseudonymised one.

    A selection that starts or ends inside a replaced name is widened to the whole pseudonym,
    so a coding never ends up holding half a pseudonym.
    """

    shifts: tuple[_Shift, ...]

    def position(self, old: int, *, side: str = "start") -> int:
        index = bisect.bisect_right([s.old_end for s in self.shifts], old)
        if index < len(self.shifts) and self.shifts[index].old_start < old:
            shift = self.shifts[index]
            return shift.new_start if side == "start" else shift.new_end
        if index == 0:
            return old
        before = self.shifts[index - 1]
        return old + before.new_end - before.old_end

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.position(start, side="start"), self.position(end, side="end")


@dataclass(frozen=True)
class Pseudonymised:
    text: str
    offsets: OffsetMap
    applied: tuple[Proposal, ...]
    original: str | None = None


def apply(
    text: str,
    proposals: Iterable[Proposal],
    *,
    keep_original: bool = False,
    register: PseudonymRegister | None = None,
) -> Pseudonymised:
    """Write the accepted (and edited) replacements into the text.

    Refuses while any proposal is still pending: every proposal must be looked at by a person.
    """
    proposals = sorted(proposals, key=lambda p: p.start)
    pending = [p for p in proposals if p.decision is Decision.PENDING]
    if pending:
        raise ValueError(
            f"{len(pending)} proposal(s) still need a decision (accept, reject or edit), "
            f"starting with {pending[0].original!r} at character {pending[0].start}."
        )
    accepted = [p for p in proposals if p.decision is Decision.ACCEPTED]
    pieces: list[str] = []
    shifts: list[_Shift] = []
    cursor = 0
    new_length = 0
    for proposal in accepted:
        if proposal.start < cursor:
            raise ValueError(f"Proposals overlap at character {proposal.start}.")
        if text[proposal.start : proposal.end] != proposal.original:
            raise ValueError(
                f"The text has changed since the proposals were made: expected "
                f"{proposal.original!r} at character {proposal.start}."
            )
        pieces.append(text[cursor : proposal.start])
        new_length += proposal.start - cursor
        shifts.append(
            _Shift(proposal.start, proposal.end, new_length, new_length + len(proposal.replacement))
        )
        pieces.append(proposal.replacement)
        new_length += len(proposal.replacement)
        cursor = proposal.end
        if register is not None:
            register.remember(proposal.original, proposal.kind, proposal.replacement)
    pieces.append(text[cursor:])
    return Pseudonymised(
        text="".join(pieces),
        offsets=OffsetMap(tuple(shifts)),
        applied=tuple(accepted),
        original=text if keep_original else None,
    )


# Common first names in the UK, written for this module (not from a downloaded data set).
FIRST_NAMES = frozenset(
    """
    Aaliyah Aaron Abdul Abigail Adam Adrian Ahmed Aidan Aisha Alan Albert Alex Alexander
    Alexandra Alfie Ali Alice Alison Amanda Amelia Amir Amy Andrea Andrew Angela Anita Ann Anna
    Anne Annie Anthony Anwar Arjun Arthur Asha Ashley Aurora Ava Ayesha Barbara Barry Beatrice
    Ben Benjamin Bethany Beverley Brenda Brian Bridget Callum Cameron Caroline Catherine Charles
    Charlie Charlotte Chloe Chris Christine Christopher Claire Clare Colin Connor Craig Daisy
    Damian Daniel Danielle Darren David Dawn Debbie Deborah Declan Denise Dennis Derek Diana
    Diane Dominic Donna Dorothy Duncan Dylan Edward Eileen Eleanor Elijah Elizabeth Ella Ellie
    Emily Emma Eric Erin Ethan Eva Evelyn Evie Farah Fatima Finley Fiona Florence Frances Freddie
    Freya Gareth Gary Gemma Geoffrey George Georgia Gillian Glenn Gordon Graham Hannah Harriet
    Harry Harvey Hassan Hayley Hazel Heather Helen Henry Hollie Hussain Ian Imran Isaac Isabel
    Isabella Isla Ivan Jacob Jacqueline Jake James Jamie Jan Jane Janet Jasmine Jason Jayden
    Jean Jennifer Jenny Jessica Joan Joanne Joe Joel John Jonathan Jordan Joseph Joshua Joyce
    Judith Julia Julie Karen Kate Katherine Kathleen Katie Kayleigh Keith Kelly Kevin Khadija
    Kieran Kirsty Laura Lauren Layla Leah Lee Leo Leon Lesley Lewis Liam Linda Lisa Logan Lola
    Louis Louise Lucas Lucy Luke Lynn Madison Maisie Malcolm Margaret Maria Marie Martin Mary
    Maryam Mason Matilda Matthew Maureen Megan Melanie Mia Michael Michelle Mohammed Mohammad
    Muhammad Mollie Nadia Naomi Natalie Nathan Neil Nicholas Nicola Nigel Niamh Noah Olivia
    Oliver Oscar Owen Paige Pamela Patricia Paul Pauline Peter Philip Phoebe Poppy Priya Rachel
    Rajesh Ravi Rebecca Rhys Richard Rita Robert Robyn Ronald Rosie Ross Roy Ruth Ryan Sadia
    Sally Samantha Samuel Sandra Sarah Scarlett Scott Sean Shabana Shannon Sharon Shaun Sheila
    Simon Sofia Sophia Sophie Stacey Stephen Steven Stuart Susan Tahir Tanya Teresa Theo Thomas
    Tina Toby Tom Tony Tracey Tyler Usman Valerie Vanessa Victoria Vikram Vincent Wayne Wendy
    William Yasmin Yusuf Zachary Zainab Zara Zoe
    """.split()
)
# First names that are also ordinary words; proposed only when a surname follows.
AMBIGUOUS_FIRST_NAMES = frozenset(
    "Amber April Bill Carol Faith Frank Grace Holly Hope Iris Ivy Jack June Joy Lily Mark Max "
    "May Miles Pat Penny Robin Rose Ruby Sky Summer Sunny Will".split()
)
