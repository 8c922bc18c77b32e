"""Inter-coder agreement: percentage agreement, Cohen's κ, Fleiss' κ and Krippendorff's α.

Each code is a yes/no decision per unit: did this coder apply this code here? Units are
characters (every character of every document, coded or not) or segments the caller supplies
(speaker turns, paragraphs). "Overall" pools every (unit, code) decision into one table.

All four measures are ratios of weighted sums over units, so a long stretch of text in which
every coder made the same decisions is one unit weighted by its length. That keeps character
level exact and fast, and gives the bootstrap its resampling unit: a cluster bootstrap over
those stretches (or over segments), because neighbouring characters are not independent.

Reliability scores suit codebook and coding-reliability approaches. In reflexive thematic
analysis the coder's subjectivity is a resource, not a threat, and a κ would be misread as a
quality test (DOMAIN.md §7), so ``offer_agreement_by_default`` is False for reflexive projects.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

# --------------------------------------------------------------------------- project setting


class AnalysisApproach(StrEnum):
    REFLEXIVE = "reflexive"
    CODEBOOK = "codebook"
    CODING_RELIABILITY = "coding_reliability"


def offer_agreement_by_default(approach: AnalysisApproach) -> bool:
    """Whether the workspace shows agreement scores unless a facilitator changes it."""
    return approach is not AnalysisApproach.REFLEXIVE


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Coding:
    coder: str
    code: str
    document: str
    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    document: str
    start: int
    end: int


class Level(StrEnum):
    CHARACTER = "character"
    SEGMENT = "segment"


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Estimate:
    value: float
    low: float | None = None
    high: float | None = None

    @property
    def defined(self) -> bool:
        # κ and α are undefined when nobody varies (e.g. no coder ever used the code).
        return not math.isnan(self.value)


@dataclass(frozen=True)
class Agreement:
    code: str | None  # None for the overall, pooled result
    units: float  # characters or segments that at least two coders judged
    percent_agreement: Estimate
    cohen_kappa: Estimate | None  # only for exactly two coders
    fleiss_kappa: Estimate
    krippendorff_alpha: Estimate


@dataclass(frozen=True)
class AgreementReport:
    level: Level
    coders: tuple[str, ...]
    per_code: Mapping[str, Agreement]
    overall: Agreement
    bootstrap: int
    confidence: float
    seed: int


# --------------------------------------------------------------------------- unit tables


@dataclass(frozen=True)
class _Table:
    """values[code, unit, coder] in {0, 1, nan}; weights[unit] (characters or 1 per segment)."""

    values: np.ndarray
    weights: np.ndarray
    spans: list[tuple[str, int, int]]


def _validate(codings: Sequence[Coding], lengths: Mapping[str, int]) -> None:
    for coding in codings:
        if coding.document not in lengths:
            raise ValueError(f"Coding {coding} refers to a document that was not supplied.")
        if not 0 <= coding.start < coding.end <= lengths[coding.document]:
            raise ValueError(
                f"Coding {coding} has an empty or out-of-range span for a document of "
                f"{lengths[coding.document]} characters."
            )


def _by_key(codings: Iterable[Coding]) -> dict[tuple[str, str, str], list[tuple[int, int]]]:
    grouped: dict[tuple[str, str, str], list[tuple[int, int]]] = defaultdict(list)
    for c in codings:
        grouped[(c.document, c.code, c.coder)].append((c.start, c.end))
    return grouped


def _missing(coders: Sequence[str], document: str, coded: Mapping[str, Collection[str]] | None):
    return [coded is not None and coder not in coded.get(document, ()) for coder in coders]


def _character_table(codings, lengths, codes, coders, coded) -> _Table:
    grouped = _by_key(codings)
    blocks, weights, spans = [], [], []
    for document, length in lengths.items():
        if length <= 0:
            continue
        cuts = {0, length}
        for c in codings:
            if c.document == document:
                cuts.update((c.start, c.end))
        bounds = np.array(sorted(cuts))
        block = np.zeros((len(codes), len(bounds) - 1, len(coders)))
        for i, code in enumerate(codes):
            for j, coder in enumerate(coders):
                for start, end in grouped.get((document, code, coder), ()):
                    block[i, np.searchsorted(bounds, start) : np.searchsorted(bounds, end), j] = 1
        block[:, :, _missing(coders, document, coded)] = np.nan
        blocks.append(block)
        weights.append(np.diff(bounds).astype(float))
        spans += [(document, int(a), int(b)) for a, b in zip(bounds[:-1], bounds[1:])]
    return _Table(np.concatenate(blocks, axis=1), np.concatenate(weights), spans)


def _segment_table(codings, segments, codes, coders, coded) -> _Table:
    grouped = _by_key(codings)
    values = np.zeros((len(codes), len(segments), len(coders)))
    for s, segment in enumerate(segments):
        missing = _missing(coders, segment.document, coded)
        for i, code in enumerate(codes):
            for j, coder in enumerate(coders):
                if missing[j]:
                    values[i, s, j] = np.nan
                elif any(
                    start < segment.end and end > segment.start
                    for start, end in grouped.get((segment.document, code, coder), ())
                ):
                    values[i, s, j] = 1
    spans = [(s.document, s.start, s.end) for s in segments]
    return _Table(values, np.ones(len(segments)), spans)


# --------------------------------------------------------------------------- the measures

# Per-unit quantities; every measure is a ratio of weighted sums of these columns.
_COLUMNS = [
    "pairable",  # 1 if at least two coders judged the unit
    "unanimous",  # pairable and all judges agree
    "values",  # number of judgements in pairable units (Krippendorff's n)
    "ones",  # number of "applied" judgements in pairable units
    "disagreeing_pairs",  # n0 * n1 / (m - 1): Krippendorff's o_01
    "complete",  # all coders judged the unit (Fleiss, Cohen)
    "fleiss_p",  # Fleiss' P_u for complete units
    "fleiss_ones",  # ones in complete units
    "both",  # Cohen: both coders judged the unit
    "both_agree",
    "first_ones",
    "second_ones",
]
_C = {name: index for index, name in enumerate(_COLUMNS)}


def _unit_columns(values: np.ndarray) -> np.ndarray:
    """values[unit, coder] -> columns[unit, len(_COLUMNS)]."""
    present = ~np.isnan(values)
    m = present.sum(axis=1)
    ones = np.nansum(values, axis=1)
    zeros = m - ones
    pairable = m >= 2
    n_coders = values.shape[1]
    complete = m == n_coders
    columns = np.zeros((values.shape[0], len(_COLUMNS)))
    columns[:, _C["pairable"]] = pairable
    columns[:, _C["unanimous"]] = pairable & ((ones == 0) | (zeros == 0))
    columns[:, _C["values"]] = np.where(pairable, m, 0)
    columns[:, _C["ones"]] = np.where(pairable, ones, 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        columns[:, _C["disagreeing_pairs"]] = np.where(pairable, ones * zeros / (m - 1), 0)
        fleiss_p = (ones * (ones - 1) + zeros * (zeros - 1)) / (n_coders * (n_coders - 1))
    columns[:, _C["complete"]] = complete
    columns[:, _C["fleiss_p"]] = np.where(complete, fleiss_p, 0)
    columns[:, _C["fleiss_ones"]] = np.where(complete, ones, 0)
    if n_coders == 2:
        both = complete
        first, second = np.nan_to_num(values[:, 0]), np.nan_to_num(values[:, 1])
        columns[:, _C["both"]] = both
        columns[:, _C["both_agree"]] = both & (first == second)
        columns[:, _C["first_ones"]] = np.where(both, first, 0)
        columns[:, _C["second_ones"]] = np.where(both, second, 0)
    return columns


def _measures(sums: np.ndarray, n_coders: int) -> dict[str, np.ndarray]:
    """sums[replicate, column] -> each measure per replicate (nan where undefined)."""
    s = {name: sums[:, index] for name, index in _C.items()}
    with np.errstate(invalid="ignore", divide="ignore"):
        percent = s["unanimous"] / s["pairable"]
        n, n1 = s["values"], s["ones"]
        n0 = n - n1
        alpha = 1 - (n - 1) * s["disagreeing_pairs"] / (n0 * n1)
        alpha = np.where(n0 * n1 > 0, alpha, np.nan)
        p1 = s["fleiss_ones"] / (s["complete"] * n_coders)
        expected = p1**2 + (1 - p1) ** 2
        observed = s["fleiss_p"] / s["complete"]
        fleiss = np.where(expected < 1, (observed - expected) / (1 - expected), np.nan)
        result = {"percent": percent, "fleiss": fleiss, "alpha": alpha}
        if n_coders == 2:
            pa, pb = s["first_ones"] / s["both"], s["second_ones"] / s["both"]
            chance = pa * pb + (1 - pa) * (1 - pb)
            agree = s["both_agree"] / s["both"]
            result["cohen"] = np.where(chance < 1, (agree - chance) / (1 - chance), np.nan)
    return result


def _resampled_weights(weights: np.ndarray, replicates: int, rng: np.random.Generator):
    """Chunks of bootstrap weight vectors: each unit's weight times how often it was drawn."""
    units = len(weights)
    chunk = max(1, min(replicates, 2_000_000 // max(units, 1)))
    done = 0
    while done < replicates:
        size = min(chunk, replicates - done)
        draws = rng.integers(0, units, size=(size, units)) + units * np.arange(size)[:, None]
        counts = np.bincount(draws.ravel(), minlength=size * units).reshape(size, units)
        yield counts * weights
        done += size


def _estimate(point: float, draws: np.ndarray, confidence: float) -> Estimate:
    draws = draws[~np.isnan(draws)]
    if math.isnan(point) or draws.size == 0:
        return Estimate(float(point))
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(draws, [tail, 100 - tail])
    return Estimate(float(point), float(low), float(high))


# --------------------------------------------------------------------------- entry point


def measure_agreement(
    codings: Iterable[Coding],
    *,
    documents: Mapping[str, int],
    level: Level | str = Level.CHARACTER,
    segments: Sequence[Segment] | None = None,
    codes: Sequence[str] | None = None,
    coders: Sequence[str] | None = None,
    coded: Mapping[str, Collection[str]] | None = None,
    bootstrap: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> AgreementReport:
    """Agreement for each code and overall.

    ``documents`` maps each document to its length in characters. ``coded`` optionally maps a
    document to the coders who coded it; anyone else's judgements there are missing (only
    Krippendorff's α and percentage agreement use units with missing judgements).
    """
    codings = list(codings)
    level = Level(level)
    _validate(codings, documents)
    coders = tuple(coders or sorted({c.coder for c in codings}))
    if len(coders) < 2:
        raise ValueError(
            f"Agreement needs at least two coders; found {len(coders)} ({', '.join(coders)})."
        )
    codes = list(codes or sorted({c.code for c in codings}))
    if not codes:
        raise ValueError("There are no codings, so there is nothing to compare.")
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1, e.g. 0.95")
    if level is Level.SEGMENT:
        if not segments:
            raise ValueError("Segment-level agreement needs segments (e.g. speaker turns).")
        for segment in segments:
            if segment.document not in documents or not (
                0 <= segment.start < segment.end <= documents[segment.document]
            ):
                raise ValueError(f"Segment {segment} is empty or outside its document.")
        table = _segment_table(codings, segments, codes, coders, coded)
    else:
        table = _character_table(codings, documents, codes, coders, coded)

    per_code_columns = [_unit_columns(table.values[i]) for i in range(len(codes))]
    overall_columns = np.sum(per_code_columns, axis=0)
    all_columns = per_code_columns + [overall_columns]
    points = [_measures(table.weights[None, :] @ cols, len(coders)) for cols in all_columns]
    # One matrix product per chunk of replicates covers every code and every measure.
    stacked = np.concatenate(all_columns, axis=1)
    width = len(_COLUMNS)
    draws: list[dict[str, list[np.ndarray]]] = [defaultdict(list) for _ in all_columns]
    rng = np.random.default_rng(seed)
    for weights in _resampled_weights(table.weights, bootstrap, rng):
        sums = weights @ stacked
        for index in range(len(all_columns)):
            block = sums[:, index * width : (index + 1) * width]
            for name, value in _measures(block, len(coders)).items():
                draws[index][name].append(value)

    def summary(index: int, code: str | None) -> Agreement:
        def estimate(name: str) -> Estimate:
            sample = np.concatenate(draws[index][name]) if draws[index][name] else np.array([])
            return _estimate(float(points[index][name][0]), sample, confidence)

        units = float(table.weights @ all_columns[index][:, _C["pairable"]])
        return Agreement(
            code=code,
            units=units,
            percent_agreement=estimate("percent"),
            cohen_kappa=estimate("cohen") if len(coders) == 2 else None,
            fleiss_kappa=estimate("fleiss"),
            krippendorff_alpha=estimate("alpha"),
        )

    return AgreementReport(
        level=level,
        coders=coders,
        per_code={code: summary(i, code) for i, code in enumerate(codes)},
        overall=summary(len(codes), None),
        bootstrap=bootstrap,
        confidence=confidence,
        seed=seed,
    )


# --------------------------------------------------------------------------- disagreements


@dataclass(frozen=True)
class Disagreement:
    """A stretch of text where coders differ on one code, with each coder's own selections."""

    document: str
    code: str
    start: int
    end: int
    text: str
    applied_by: tuple[str, ...]
    not_applied_by: tuple[str, ...]
    selections: Mapping[str, tuple[tuple[int, int], ...]]


def list_disagreements(
    codings: Iterable[Coding],
    texts: Mapping[str, str],
    *,
    code: str | None = None,
    coders: Sequence[str] | None = None,
    segments: Sequence[Segment] | None = None,
) -> list[Disagreement]:
    """Where coders differ, side by side: characters (default) or the caller's segments."""
    codings = [c for c in codings if code is None or c.code == code]
    lengths = {name: len(text) for name, text in texts.items()}
    _validate(codings, lengths)
    coders = tuple(coders or sorted({c.coder for c in codings}))
    codes = sorted({c.code for c in codings})
    if not codes or len(coders) < 2:
        return []
    if segments is not None:
        table = _segment_table(codings, segments, codes, coders, None)
    else:
        table = _character_table(codings, lengths, codes, coders, None)
    grouped = _by_key(codings)
    found: list[Disagreement] = []
    for i, code_name in enumerate(codes):
        previous: Disagreement | None = None
        values = table.values[i]
        split = np.flatnonzero(values.min(axis=1) != values.max(axis=1))
        for unit in split.tolist():
            document, start, end = table.spans[unit]
            row = values[unit]
            applied = tuple(c for c, v in zip(coders, row) if v == 1)
            # Adjacent stretches with the same split of coders read as one disagreement.
            if (
                segments is None
                and previous is not None
                and previous.document == document
                and previous.end == start
                and previous.applied_by == applied
            ):
                start = previous.start
                found.pop()
            selections = {
                coder: tuple(
                    sorted(
                        s
                        for s in grouped.get((document, code_name, coder), ())
                        if s[0] < end and s[1] > start
                    )
                )
                for coder in coders
            }
            previous = Disagreement(
                document=document,
                code=code_name,
                start=start,
                end=end,
                text=texts[document][start:end],
                applied_by=applied,
                not_applied_by=tuple(c for c in coders if c not in applied),
                selections=selections,
            )
            found.append(previous)
    return sorted(found, key=lambda d: (d.document, d.start, d.code))
