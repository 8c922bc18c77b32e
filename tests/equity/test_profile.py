"""The equity profile turns counts by group into indicators, SII/RII and change."""

import json

import numpy as np
import pandas as pd
import pytest

from coeval.equity.disclosure import DisclosureRule
from coeval.equity.errors import InputError
from coeval.equity.profile import ProfileResult, profile_counts


def counts_table(gradient_after: float = 0.03) -> pd.DataFrame:
    """Uptake rising with quintile; the gradient changes in the last period."""
    rows = []
    for period in (2021, 2022, 2023, 2024):
        gradient = gradient_after if period == 2024 else 0.03
        for quintile in range(1, 6):
            for sex in ("Female", "Male"):
                people = 4000
                rows.append(
                    (period, quintile, sex, round(people * (0.1 + gradient * quintile)), people)
                )
    return pd.DataFrame(rows, columns=["year", "imd_quintile", "sex", "attended", "invited"])


def profile(counts=None, **options) -> ProfileResult:
    arguments = dict(
        numerator="attended",
        denominator="invited",
        dimensions=["imd_quintile", "sex"],
        ordered=["imd_quintile"],
        period="year",
        repetitions=10_000,
        seed=1,
    )
    arguments.update(options)
    return profile_counts(counts_table() if counts is None else counts, **arguments)


def test_indicators_hold_one_wilson_proportion_per_period_dimension_and_subgroup():
    result = profile(multiplier=100)
    q1 = result.indicators.query("period == '2021' and dimension == 'imd_quintile'").iloc[0]
    # Quintile 1 in 2021: 1040 of 8000 (two sexes of 4000, 13% each).
    assert (q1["subgroup"], q1["numerator"], q1["denominator"]) == ("1", 1040, 8000)
    assert q1["value"] == pytest.approx(13.0)
    assert q1["lowercl"] < 13.0 < q1["uppercl"]
    assert len(result.indicators) == 4 * (5 + 2)


def test_intersections_cross_every_dimension_within_each_period():
    result = profile()
    assert len(result.intersections) == 4 * 5 * 2
    assert {"period", "imd_quintile", "sex", "value"} <= set(result.intersections.columns)


def test_sii_is_the_gradient_across_quintiles_for_everyone_and_within_each_sex():
    result = profile(multiplier=100)
    sii = result.inequality.query("measure == 'SII' and period == '2021'").set_index("stratum")
    assert set(sii.index) == {"all", "sex=Female", "sex=Male"}
    # A linear gradient of 3 points per quintile spans 15 points over the whole rank.
    assert sii.loc["all", "value"] == pytest.approx(15.0, abs=0.01)
    assert sii.loc["all", "lower"] < 15.0 < sii.loc["all", "upper"]


def test_every_inequality_row_records_the_method_that_made_its_interval():
    # Proportions fitted on their own scale: the limits come from the computed
    # distribution of the refitted coefficients, not from draws, and the record says so.
    result = profile()
    fft = "PHE SII, exact distribution of the refitted coefficients (FFT)"
    assert (result.inequality["method"] == fft).all()
    assert any("with intervals by exact distribution" in m for m in result.methods)
    assert not any("Monte-Carlo" in m for m in result.methods)


def test_heat_measures_compare_the_ends_of_an_ordered_dimension():
    result = profile(multiplier=100)
    heat = result.heat.query("period == '2021' and confidence == 0.95").set_index(
        ["dimension", "measure"]
    )
    # 2021: quintile 1 has 13% (1,040 of 8,000), quintile 5 has 25% (2,000 of 8,000).
    # A favourable indicator: D = most advantaged minus most deprived, R their ratio.
    assert heat.loc[("imd_quintile", "D"), "value"] == pytest.approx(12.0)
    assert heat.loc[("imd_quintile", "R"), "value"] == pytest.approx(25 / 13)
    assert heat.loc[("imd_quintile", "D"), "name"] == "Difference (D)"
    d = heat.loc[("imd_quintile", "D")]
    assert d["lower"] < 12.0 < d["upper"] and d["method"] == "analytic"
    measures = result.heat.groupby("dimension")["measure"].agg(set)
    assert measures["imd_quintile"] == {"D", "R", "PAF", "PAR", "ACI", "RCI", "SII", "RII"}
    assert measures["sex"] == {"D", "R", "PAF", "PAR"}
    # Every period, the pooled ones included.
    assert set(result.heat["period"]) == set(result.periods)


def test_an_adverse_indicator_turns_the_difference_and_ratio_around():
    heat = profile(multiplier=100, favourable=False).heat
    one = heat.query("period == '2021' and dimension == 'imd_quintile'").set_index("measure")
    assert one.loc["D", "value"] == pytest.approx(13 - 25)
    assert one.loc["R", "value"] == pytest.approx(13 / 25)
    assert any("treated as adverse" in m for m in profile(favourable=False).methods)


def test_a_non_ordered_dimension_gets_the_non_ordered_heat_measures():
    result = profile(dimensions=["imd_quintile"], ordered=[])
    measures = set(result.heat["measure"])
    assert {"D", "R", "BGV", "BGSD", "COV", "IDISU", "IDISW", "TI", "MLD"} <= measures
    assert not measures & {"ACI", "RCI", "SII", "RII"}


def test_heat_measures_of_a_dimension_with_a_suppressed_subgroup_are_na_with_a_reason():
    counts = counts_table()
    counts.loc[(counts.year == 2021) & (counts.imd_quintile == 1), "attended"] = 2
    heat = profile(counts).heat
    hidden = heat.query("period == '2021' and dimension == 'imd_quintile'")
    assert hidden["value"].isna().all() and hidden["lower"].isna().all()
    assert hidden["reason"].str.contains("suppressed by disclosure control").all()
    shown = heat.query("period == '2022' and dimension == 'imd_quintile'")
    assert shown["value"].notna().all() and (shown["reason"] == "").all()


def test_several_confidence_levels_give_one_inequality_row_per_level():
    result = profile(confidence=[0.95, 0.998])
    sii = result.inequality.query("measure == 'SII' and period == '2021' and stratum == 'all'")
    assert sorted(sii["confidence"]) == [0.95, 0.998]
    wide = sii.set_index("confidence")
    assert wide.loc[0.998, "upper"] > wide.loc[0.95, "upper"]
    assert {"lower95_0cl", "upper99_8cl"} <= set(result.indicators.columns)


def test_a_narrower_gap_after_the_change_is_said_to_have_narrowed():
    result = profile(counts_table(gradient_after=0.01), multiplier=100, indicator_name="uptake")
    change = result.change.query("measure == 'SII' and stratum == 'all'").iloc[0]
    assert change["before"] == pytest.approx(15.0, abs=0.01)
    assert change["after"] == pytest.approx(5.0, abs=0.01)
    assert change["change"] == pytest.approx(-10.0, abs=0.02)
    assert change["upper"] < 0
    # The sentence is compare_inequality's template, with the indicator and its unit.
    assert result.sentences[0].startswith(
        "Between 2021 and 2024 inequality in uptake across deprivation quintiles narrowed: "
        "the slope index of inequality went from 15.0 to 5.00 percentage points, "
        "a change of -10.0 (95% CI "
    )
    assert change["verdict"] == "narrowed"


def test_an_unchanged_gap_is_said_to_be_possibly_due_to_chance():
    result = profile(indicator_name="uptake")
    assert "there was no clear change in inequality in uptake" in result.sentences[0]
    assert result.sentences[0].endswith("which includes no change.")


def test_before_and_after_can_pool_several_periods():
    result = profile(before=[2021, 2022], after=[2023, 2024])
    assert (result.before, result.after) == ("2021 + 2022", "2023 + 2024")
    pooled = result.indicators.query("period == '2021 + 2022' and dimension == 'sex'")
    # Two years of five quintiles of 4,000 people of each sex.
    assert pooled["denominator"].tolist() == [40000, 40000]
    sii = result.change[result.change["measure"] == "SII"]
    assert set(sii["stratum"]) == {"all", "sex=Female", "sex=Male"}


def test_the_gap_between_the_ends_is_compared_as_heats_difference_and_ratio():
    result = profile(counts_table(gradient_after=0.01), multiplier=100)
    gaps = result.change.query("dimension == 'imd_quintile' and measure in ['D', 'R']")
    d = gaps.set_index("measure").loc["D"]
    # Quintile 5 against quintile 1: 0.25 - 0.13 = 12 points in 2021, 0.15 - 0.11 = 4 in 2024.
    assert (d["before"], d["after"]) == (pytest.approx(12.0), pytest.approx(4.0))
    assert d["change"] == pytest.approx(-8.0)
    assert d["verdict"] == "narrowed" and d["stratum"] == "all"
    r = gaps.set_index("measure").loc["R"]
    assert r["comparison"] == "ratio"
    assert r["change"] == pytest.approx((0.15 / 0.11) / (0.25 / 0.13))


def test_each_subgroups_value_is_compared_and_said_to_rise_or_fall():
    result = profile(counts_table(gradient_after=0.01), multiplier=100, indicator_name="uptake")
    values = result.change[result.change["measure"] == "value"].set_index("stratum")
    assert len(values) == 5 + 2  # every quintile and both sexes
    top = values.loc["imd_quintile=5"]
    # Quintile 5: 25% of 8,000 in 2021, 15% in 2024.
    assert (top["before"], top["after"], top["change"]) == (
        pytest.approx(25.0), pytest.approx(15.0), pytest.approx(-10.0),
    )  # fmt: skip
    assert top["verdict"] == "fell" and top["upper"] < 0
    assert top["sentence"].startswith(
        "Between 2021 and 2024 uptake for deprivation quintile 5 fell from 25.0% to 15.0%, "
        "a change of -10.0 percentage points (95% CI "
    )
    assert values.loc["imd_quintile=1", "verdict"] == "fell"  # 13% to 11%
    # The headline sentences stay the SII's, one per stratum.
    assert len(result.sentences) == 3 and all("slope index" in s for s in result.sentences)


def test_a_suppressed_subgroup_value_has_no_change_and_says_why():
    counts = counts_table()
    hidden = (counts.year == 2024) & (counts.imd_quintile == 3)
    counts.loc[hidden, ["attended"]] = 3
    counts.loc[hidden, ["invited"]] = 6
    result = profile(counts, disclosure=DisclosureRule())
    row = result.change.query("measure == 'value' and stratum == 'imd_quintile=3'").iloc[0]
    assert pd.isna(row["change"])
    assert "after (2024): suppressed by disclosure control" in row["reason"]


def test_disclosure_control_is_applied_last_and_recorded():
    counts = counts_table()
    counts.loc[
        (counts.year == 2021) & (counts.imd_quintile == 1) & (counts.sex == "Male"), "attended"
    ] = 3
    result = profile(counts)
    cell = result.intersections.query("period == '2021' and imd_quintile == 1 and sex == 'Male'")
    assert cell["numerator"].isna().all() and cell["value"].isna().all()
    assert result.disclosure == "suppress 1–7; round to 5; secondary suppression"
    assert (result.indicators["disclosure_rule"] == result.disclosure).all()
    assert (result.indicators["numerator"].dropna() % 5 == 0).all()


def test_no_disclosure_control_keeps_exact_counts():
    result = profile(disclosure=DisclosureRule.none())
    assert result.disclosure == "no disclosure control"
    assert 1040 in result.indicators["numerator"].tolist()


def test_unknown_subgroups_are_reported_but_left_out_of_the_ranked_sii():
    counts = counts_table()
    unknown = counts[counts.imd_quintile == 1].assign(imd_quintile="Unknown")
    with_unknown = pd.concat([counts.astype({"imd_quintile": str}), unknown], ignore_index=True)
    result = profile(with_unknown, orders={"imd_quintile": ["1", "2", "3", "4", "5"]})
    assert "Unknown" in set(result.indicators["subgroup"])
    sii = result.inequality.query("measure == 'SII' and stratum == 'all' and period == '2021'")
    assert sii["value"].iloc[0] == pytest.approx(0.15, abs=1e-4)


def test_progress_is_reported_from_start_to_finish():
    seen = []
    profile(progress=lambda fraction, message: seen.append((fraction, message)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert all(message for _, message in seen)


def test_progress_may_be_an_object_with_an_update_method():
    class TaskProgress:
        def __init__(self):
            self.last = None

        def update(self, fraction, message=""):
            self.last = (fraction, message)

    task = TaskProgress()
    profile(progress=task)
    assert task.last == (1.0, "Profile complete")


def test_summary_is_json_and_tables_convert_to_arrow_with_the_rule():
    result = profile(imd_edition="IMD2019")
    summary = json.loads(json.dumps(result.summary()))
    assert summary["imd_edition"] == "IMD2019"
    assert summary["sentences"] == list(result.sentences)
    arrow = result.to_arrow()
    assert arrow["indicators"].num_rows == len(result.indicators)
    assert arrow["inequality"].schema.metadata[b"disclosure"] == result.disclosure.encode()
    assert arrow["heat"].num_rows == len(result.heat) > 0
    assert "heat" in result.tables()
    d = [r for r in summary["heat"] if r["measure"] == "D" and r["dimension"] == "sex"]
    assert d and d[0]["name"] == "Difference (D)"


def test_a_missing_count_column_is_named():
    with pytest.raises(InputError, match="column 'attendances'"):
        profile(numerator="attendances")


def test_an_ordered_dimension_must_be_one_of_the_dimensions():
    with pytest.raises(InputError, match="ordered dimension 'imd_decile'"):
        profile(ordered=["imd_decile"])


def test_an_unknown_before_period_is_named():
    with pytest.raises(InputError, match="before period '2019' is not in the data"):
        profile(before=2019)


def test_a_single_period_profile_has_no_change():
    counts = counts_table()
    result = profile(counts[counts.year == 2021])
    assert result.change.empty and result.sentences == ()
    assert np.isfinite(result.inequality.query("measure == 'SII'")["value"]).all()


def test_fewer_than_five_ranked_groups_give_na_sii_with_a_reason_not_an_error():
    counts = counts_table()
    counts = counts[~((counts.year == 2021) & counts.imd_quintile.isin([4, 5]))]
    result = profile(counts, orders={"imd_quintile": [1, 2, 3, 4, 5]})
    early = result.inequality.query("period == '2021'")
    assert early["value"].isna().all() and early["lower"].isna().all()
    assert (early["reason"] == (
        "The slope index needs at least 5 ranked groups with people in them; "
        "this dimension has 3."
    )).all()  # fmt: skip
    later = result.inequality.query("period == '2022' and measure == 'SII'")
    assert later["value"].notna().all() and (later["reason"] == "").all()
    # The rest of the profile is there; the change and the HEAT measures say why not.
    assert len(result.indicators.query("period == '2021'")) == 3 + 2
    change = result.change.query("measure == 'SII' and stratum == 'all'").iloc[0]
    assert np.isnan(change["change"]) and "at least 5 ranked groups" in change["reason"]
    assert "could not be calculated" in result.sentences[0]
    heat = result.heat.query("period == '2021' and dimension == 'imd_quintile'")
    ends = heat.set_index("measure").loc[["D", "SII"]]
    assert ends["value"].isna().all() and (ends["reason"] != "").all()


def test_published_values_come_from_the_rounded_counts_so_no_exact_count_leaks():
    counts = pd.DataFrame(
        {"sex": ["Female", "Male"], "attended": [23, 480], "invited": [101, 1003]}
    )
    result = profile_counts(
        counts, numerator="attended", denominator="invited", dimensions=["sex"], seed=1
    )
    women = result.indicators.set_index("subgroup").loc["Female"]
    assert (women["numerator"], women["denominator"]) == (25, 100)
    # 0.25 = 25 / 100, not 0.2277 = 23 / 101, which with the published 100 would
    # give the exact numerator back (0.2277 x 101 = 23).
    assert women["value"] == pytest.approx(0.25)
    assert women["value"] * 101 != pytest.approx(23, abs=0.5)
    from coeval.equity.indicators import phe_proportion

    expected = phe_proportion(pd.DataFrame({"x": [25], "n": [100]}), "x", "n").iloc[0]
    assert (women["lowercl"], women["uppercl"]) == pytest.approx(
        (expected["lowercl"], expected["uppercl"])
    )


def test_every_published_value_is_its_published_numerator_over_its_denominator():
    counts = counts_table()
    counts["attended"] += np.arange(len(counts)) % 5  # counts that rounding changes
    result = profile(counts)
    for table in (result.indicators, result.intersections):
        shown = table.dropna(subset=["value"])
        ratio = shown["numerator"].astype(float) / shown["denominator"].astype(float)
        assert np.allclose(shown["value"], ratio)
        assert table.loc[table["numerator"].isna(), "value"].isna().all()


def test_the_sii_of_a_stratum_with_a_suppressed_cell_is_na_with_a_reason():
    counts = counts_table()
    counts.loc[
        (counts.year == 2021) & (counts.imd_quintile == 1) & (counts.sex == "Male"), "attended"
    ] = 3
    sii = profile(counts).inequality.query("period == '2021' and measure == 'SII'")
    hidden = sii.set_index("stratum").loc["sex=Male"]
    assert np.isnan(hidden["value"]) and "suppressed by disclosure control" in hidden["reason"]


def _patients(quintiles=(1, 2, 3), people=400) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = people * len(quintiles) * 2
    return pd.DataFrame(
        {
            "imd_quintile": np.repeat(list(quintiles), n // len(quintiles)),
            "sex": rng.choice(["F", "M"], n),
            "year": np.tile([2023, 2024], n // 2),
            "attended": rng.integers(0, 2, n),
        }
    )


PATIENT_SPEC = """
[indicator]
name = "uptake"
type = "proportion"
[indicator.numerator]
where = [{ column = "attended", op = "==", value = 1 }]
[[dimensions]]
kind = "imd"
name = "imd_quintile"
column = "imd_quintile"
edition = "IMD2019"
[[dimensions]]
kind = "sex"
name = "sex"
column = "sex"
[periods]
column = "year"
"""


def test_run_profile_of_data_with_three_quintiles_returns_the_rest_of_the_profile():
    from coeval.equity import AnalysisSpec, run_profile

    result = run_profile(
        AnalysisSpec.from_toml(PATIENT_SPEC), _patients(), repetitions=1000, seed=5
    )
    assert set(result.indicators.query("dimension == 'imd_quintile'")["subgroup"]) >= {"1", "3"}
    sii = result.inequality.query("measure == 'SII'")
    assert len(sii) and sii["value"].isna().all()
    assert sii["reason"].str.contains("this dimension has 3").all()
    assert "1,000 repetitions" not in " ".join(result.methods)  # nothing was simulated


def test_run_profile_passes_repetitions_and_seed_to_the_sii(monkeypatch):
    from coeval.equity import AnalysisSpec, inequality, run_profile

    spec = AnalysisSpec.from_toml(PATIENT_SPEC)
    data = _patients(quintiles=(1, 2, 3, 4, 5), people=2000)
    data["attended"] = (np.arange(len(data)) % 7 < data["imd_quintile"]).astype(int)
    seen = []
    original = inequality.phe_sii

    def spy(*args, **kwargs):
        seen.append((kwargs["repetitions"], kwargs["seed"]))
        return original(*args, **kwargs)

    monkeypatch.setattr(inequality, "phe_sii", spy)
    one = run_profile(spec, data, repetitions=2000, seed=5)
    assert seen and set(seen) == {(2000, 5)}
    assert one.inequality.query("measure == 'SII'")["value"].notna().all()
    again = run_profile(spec, data, repetitions=2000, seed=5)
    pd.testing.assert_frame_equal(one.inequality, again.inequality)
    with pytest.raises(InputError, match="repetitions"):
        run_profile(spec, data, repetitions=10)


@pytest.mark.parametrize("name", ["age_band", "period", "numerator"])
def test_a_dimension_named_like_a_reserved_engine_column_is_refused_clearly(name):
    from coeval.equity import AnalysisSpec, run_profile

    spec = AnalysisSpec.from_toml(
        PATIENT_SPEC.replace('name = "sex"\ncolumn = "sex"', f'name = "{name}"\ncolumn = "sex"')
    )
    with pytest.raises(InputError, match=f"'{name}' is a reserved column name") as error:
        run_profile(spec, _patients(), repetitions=1000)
    assert "give the dimension another name" in str(error.value)


@pytest.mark.parametrize("name", ["value", "subgroup", "reason", "lowercl"])
def test_a_dimension_named_like_a_column_of_the_profile_is_refused(name):
    counts = counts_table().rename(columns={"sex": name})
    with pytest.raises(InputError, match="clashes with a column of the profile"):
        profile(counts, dimensions=["imd_quintile", name])
