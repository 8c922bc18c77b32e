"""Agreement measures, checked against arithmetic worked by hand and the krippendorff package."""

import math

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coeval.qualitative.agreement import (
    AnalysisApproach,
    Coding,
    Level,
    Segment,
    list_disagreements,
    measure_agreement,
    offer_agreement_by_default,
)

TEN_SEGMENTS = [Segment("d", i * 10, i * 10 + 10) for i in range(10)]


def segment_codings(coder: str, pattern: str, code: str = "access") -> list[Coding]:
    return [
        Coding(coder, code, "d", i * 10 + 2, i * 10 + 5)
        for i, mark in enumerate(pattern)
        if mark == "1"
    ]


def at_segments(codings, **options):
    return measure_agreement(
        codings, documents={"d": 100}, level=Level.SEGMENT, segments=TEN_SEGMENTS, **options
    )


def test_two_coders_with_different_marginals_worked_by_hand():
    # A: 1111100000, B: 1110000000. Agree on 3 ones and 5 zeros: p_o = 8/10 = 0.8.
    # Cohen: p_e = 0.5*0.3 + 0.5*0.7 = 0.5, so kappa = (0.8 - 0.5) / (1 - 0.5) = 0.6.
    # Fleiss: pooled p(1) = 8/20 = 0.4, P_e = 0.16 + 0.36 = 0.52,
    #   kappa = (0.8 - 0.52) / 0.48 = 0.58333...
    # Krippendorff: n = 20 values, n1 = 8, n0 = 12; two disagreeing units give o_01 = 2,
    #   alpha = 1 - (n - 1) * o_01 / (n0 * n1) = 1 - 19 * 2 / 96 = 0.604166...
    codings = segment_codings("A", "1111100000") + segment_codings("B", "1110000000")
    result = at_segments(codings, bootstrap=0).per_code["access"]
    assert result.units == 10
    assert result.percent_agreement.value == pytest.approx(0.8)
    assert result.cohen_kappa.value == pytest.approx(0.6)
    assert result.fleiss_kappa.value == pytest.approx(0.28 / 0.48)
    assert result.krippendorff_alpha.value == pytest.approx(1 - 38 / 96)


def test_three_coders_fleiss_kappa_worked_by_hand():
    # Segments judged (1 = applied): s0 = 111, s1 = 110, s2 = 000, s3 = 100.
    # P_u = 1, 1/3, 1, 1/3, so P-bar = 2/3; p(1) = 6/12 = 0.5, P_e = 0.5,
    # kappa = (2/3 - 1/2) / (1/2) = 1/3. Two of four segments are unanimous: 50%.
    # Krippendorff: n = 12, n1 = n0 = 6, o_01 = 2*1/2 + 1*2/2 = 2, alpha = 1 - 11*2/36.
    codings = (
        segment_codings("A", "1101") + segment_codings("B", "1100") + segment_codings("C", "1000")
    )
    segments = TEN_SEGMENTS[:4]
    result = measure_agreement(
        codings, documents={"d": 100}, level="segment", segments=segments, bootstrap=0
    ).per_code["access"]
    assert result.cohen_kappa is None
    assert result.fleiss_kappa.value == pytest.approx(1 / 3)
    assert result.percent_agreement.value == pytest.approx(0.5)
    assert result.krippendorff_alpha.value == pytest.approx(1 - 22 / 36)


def test_character_level_counts_every_character_including_uncoded_text():
    # 20 characters. A codes 0-9, B codes 5-14: they agree on 5-9 (coded) and 15-19 (not):
    # p_o = 10/20 = 0.5, each coded half the text so p_e = 0.5 and kappa = 0.
    # alpha = 1 - (40 - 1) * 10 / (20 * 20) = 0.025.
    codings = [Coding("A", "wait", "d", 0, 10), Coding("B", "wait", "d", 5, 15)]
    result = measure_agreement(codings, documents={"d": 20}, bootstrap=0).per_code["wait"]
    assert result.units == 20
    assert result.percent_agreement.value == pytest.approx(0.5)
    assert result.cohen_kappa.value == pytest.approx(0.0)
    assert result.krippendorff_alpha.value == pytest.approx(0.025)


def test_uncoded_text_inflates_percentage_agreement_but_not_kappa():
    codings = [Coding("A", "wait", "d", 0, 10), Coding("B", "wait", "d", 5, 15)]
    long = measure_agreement(codings, documents={"d": 1000}, bootstrap=0).per_code["wait"]
    assert long.percent_agreement.value == pytest.approx(990 / 1000)
    assert long.cohen_kappa.value < 0.5


def unit_matrix(rng, coders, units, missing):
    data = rng.integers(0, 2, size=(coders, units)).astype(float)
    data[rng.random((coders, units)) < missing] = np.nan
    return data


def codings_from_matrix(data, code="c"):
    """Segment i of document d is characters [10i, 10i+10); a 1 codes characters 10i..10i+3."""
    codings = []
    for coder, row in enumerate(data):
        for unit, value in enumerate(row):
            if value == 1:
                codings.append(Coding(f"coder{coder}", code, f"d{unit}", 0, 3))
    return codings


@pytest.mark.parametrize("coders", [2, 3, 5])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_krippendorff_alpha_matches_the_krippendorff_package_with_missing_data(coders, seed):
    rng = np.random.default_rng(seed)
    data = unit_matrix(rng, coders, 40, missing=0.2)
    # One document per unit; a coder with a missing value did not code that document.
    coded = {
        f"d{u}": [f"coder{c}" for c in range(coders) if not np.isnan(data[c, u])] for u in range(40)
    }
    segments = [Segment(f"d{u}", 0, 10) for u in range(40)]
    result = measure_agreement(
        codings_from_matrix(data),
        documents={f"d{u}": 10 for u in range(40)},
        level="segment",
        segments=segments,
        codes=["c"],
        coders=[f"coder{c}" for c in range(coders)],
        coded=coded,
        bootstrap=0,
    )
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert result.per_code["c"].krippendorff_alpha.value == pytest.approx(expected)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 29), st.integers(1, 10), st.sampled_from("AB")), max_size=8)
)
def test_character_alpha_equals_the_package_on_the_expanded_characters(spans):
    codings = [Coding(coder, "c", "d", s, min(s + n, 30)) for s, n, coder in spans]
    data = np.zeros((2, 30))
    for coding in codings:
        data["AB".index(coding.coder), coding.start : coding.end] = 1
    result = measure_agreement(
        codings, documents={"d": 30}, codes=["c"], coders=["A", "B"], bootstrap=0
    ).per_code["c"]
    if data.sum() in (0, 60) or np.all(data == data[0, 0]):
        assert math.isnan(result.krippendorff_alpha.value)
    else:
        expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
        assert result.krippendorff_alpha.value == pytest.approx(expected)


def test_overall_pools_every_unit_and_code_decision():
    rng = np.random.default_rng(7)
    first, second = unit_matrix(rng, 3, 25, 0), unit_matrix(rng, 3, 25, 0)
    codings = codings_from_matrix(first, "access") + codings_from_matrix(second, "trust")
    segments = [Segment(f"d{u}", 0, 10) for u in range(25)]
    result = measure_agreement(
        codings,
        documents={f"d{u}": 10 for u in range(25)},
        level="segment",
        segments=segments,
        bootstrap=0,
    )
    pooled = np.concatenate([first, second], axis=1)
    expected = krippendorff.alpha(reliability_data=pooled, level_of_measurement="nominal")
    assert result.overall.krippendorff_alpha.value == pytest.approx(expected)
    assert result.overall.units == 50
    assert set(result.per_code) == {"access", "trust"}


def test_cohen_kappa_agrees_with_scikit_learn_when_it_is_installed():
    metrics = pytest.importorskip("sklearn.metrics", reason="scikit-learn is not installed")
    a, b = "1111100000", "1110000001"
    codings = segment_codings("A", a) + segment_codings("B", b)
    result = at_segments(codings, bootstrap=0).per_code["access"]
    assert result.cohen_kappa.value == pytest.approx(metrics.cohen_kappa_score(list(a), list(b)))


def test_bootstrap_intervals_are_reproducible_with_a_seed_and_surround_the_estimate():
    codings = segment_codings("A", "1111100000") + segment_codings("B", "1110000001")
    first = at_segments(codings, bootstrap=500, seed=3).per_code["access"]
    again = at_segments(codings, bootstrap=500, seed=3).per_code["access"]
    other = at_segments(codings, bootstrap=500, seed=4).per_code["access"]
    assert first == again
    assert first != other
    for estimate in (first.percent_agreement, first.cohen_kappa, first.krippendorff_alpha):
        assert estimate.low <= estimate.value <= estimate.high
        assert estimate.low < estimate.high


def test_without_bootstrap_there_are_no_intervals():
    codings = segment_codings("A", "1100000000") + segment_codings("B", "1000000000")
    estimate = at_segments(codings, bootstrap=0).per_code["access"].krippendorff_alpha
    assert (estimate.low, estimate.high) == (None, None)


def test_kappa_and_alpha_are_undefined_when_a_code_was_never_used():
    codings = segment_codings("A", "1000000000", "other") + segment_codings("B", "1")
    result = at_segments(codings, codes=["unused"], bootstrap=50).per_code["unused"]
    assert result.percent_agreement.value == 1.0
    assert not result.cohen_kappa.defined
    assert not result.krippendorff_alpha.defined


def test_one_coder_is_refused_with_an_explanation():
    with pytest.raises(ValueError, match="at least two coders; found 1 \\(A\\)"):
        measure_agreement([Coding("A", "c", "d", 0, 2)], documents={"d": 5})


def test_codings_outside_their_document_are_refused():
    with pytest.raises(ValueError, match="out-of-range"):
        measure_agreement(
            [Coding("A", "c", "d", 0, 9), Coding("B", "c", "d", 0, 2)], documents={"d": 5}
        )


def test_segment_level_needs_segments():
    with pytest.raises(ValueError, match="needs segments"):
        measure_agreement(
            [Coding("A", "c", "d", 0, 2), Coding("B", "c", "d", 0, 2)],
            documents={"d": 5},
            level="segment",
        )


def test_reliability_is_offered_by_default_except_in_reflexive_projects():
    assert offer_agreement_by_default(AnalysisApproach.CODEBOOK)
    assert offer_agreement_by_default(AnalysisApproach.CODING_RELIABILITY)
    assert not offer_agreement_by_default(AnalysisApproach.REFLEXIVE)


TEXT = "The bus was late and the receptionist was rude to my mother."


def test_disagreements_show_the_text_and_each_coders_own_selection():
    codings = [
        Coding("A", "access", "d", 0, 16),  # "The bus was late"
        Coding("B", "access", "d", 4, 24),  # "bus was late and the"
    ]
    found = list_disagreements(codings, {"d": TEXT})
    assert [(d.start, d.end, d.text, d.applied_by, d.not_applied_by) for d in found] == [
        (0, 4, "The ", ("A",), ("B",)),
        (16, 24, " and the", ("B",), ("A",)),
    ]
    assert found[0].selections == {"A": ((0, 16),), "B": ()}


def test_adjacent_pieces_with_the_same_split_of_coders_are_one_disagreement():
    codings = [
        Coding("A", "staff", "d", 25, 37),
        Coding("A", "staff", "d", 37, 46),
        Coding("B", "access", "d", 0, 3),
        Coding("C", "access", "d", 0, 3),
    ]
    found = list_disagreements(codings, {"d": TEXT}, code="staff", coders=["A", "B", "C"])
    assert len(found) == 1
    assert (found[0].text, found[0].applied_by) == ("receptionist was rude", ("A",))
    assert found[0].selections["A"] == ((25, 37), (37, 46))


def test_disagreements_by_segment_list_the_segments_coders_split_on():
    segments = [Segment("d", 0, 16), Segment("d", 17, 60)]
    codings = [
        Coding("A", "access", "d", 4, 7),
        Coding("B", "access", "d", 0, 3),
        Coding("A", "staff", "d", 25, 30),
    ]
    found = list_disagreements(codings, {"d": TEXT}, segments=segments)
    assert [(d.code, d.text) for d in found] == [("staff", TEXT[17:60])]
