import pytest

from coeval.equity.dimensions import AgeBands, Deprivation, Ethnicity, Intersection, Sex
from coeval.equity.disclosure import DisclosureRule
from coeval.equity.errors import InputError
from coeval.equity.spec import (
    AnalysisSpec,
    Change,
    Count,
    Filter,
    Indicator,
    Periods,
    Source,
    StandardPopulation,
    load_spec,
)

ATTENDANCE = Indicator(
    name="Attended screening",
    type="proportion",
    numerator=Count(where=(Filter("attended", "==", 1),)),
    multiplier=100,
)

FULL = AnalysisSpec(
    indicator=ATTENDANCE,
    dimensions=(
        Deprivation("imd", column="lsoa", edition="IoD2025", level="lsoa", lookup="iod.csv"),
        Ethnicity("ethnicity", column="ethnic_code", grouping="category"),
        AgeBands("age", column="age", bands=(0, 18, 65)),
        Sex("sex", column="sex"),
        Intersection("imd_by_ethnicity", of=("imd", "ethnicity")),
    ),
    periods=Periods(
        "year", values=(2022, 2023, 2024), change=Change(before=(2022,), after=(2024,))
    ),
    confidence=(0.95, 0.998),
    disclosure=DisclosureRule(suppress_max=10, round_to=10),
    source=Source(path="visits.parquet"),
)

TOML = """
[indicator]
name = "Attended screening"
type = "proportion"
multiplier = 100
numerator.where = [{column = "attended", op = "==", value = 1}]

[[dimensions]]
kind = "imd"
name = "imd"
column = "imd_decile"
level = "decile"
edition = "IMD2019"

[periods]
column = "year"
"""


def test_a_full_spec_round_trips_through_toml_without_loss():
    assert AnalysisSpec.from_toml(FULL.to_toml()) == FULL


def test_a_full_spec_round_trips_through_json_without_loss():
    assert AnalysisSpec.from_json(FULL.to_json()) == FULL


def test_a_hand_written_toml_spec_fills_in_the_documented_defaults():
    spec = AnalysisSpec.from_toml(TOML)
    assert spec.indicator.method == "wilson"
    assert spec.confidence == (0.95, 0.998)
    assert spec.standard_population.name == "ESP2013"
    assert sum(spec.standard_population.weights) == 100_000
    assert spec.disclosure == DisclosureRule()
    assert spec.dimension("imd").edition == "IMD2019"
    assert spec.source_columns() == ("imd_decile", "attended", "year")


def test_the_spec_cannot_be_changed_after_it_is_built():
    with pytest.raises(AttributeError):
        FULL.confidence = (0.9,)  # type: ignore[misc]


@pytest.mark.parametrize(
    "text, message",
    [
        ("colour = 1\n" + TOML, "unknown key 'colour'"),
        (TOML.replace("multiplier", "multiplyer"), r"indicator: unknown key 'multiplyer'"),
        (TOML.replace('"proportion"', '"ratio"'), "indicator.type must be one of"),
        (TOML.replace('op = "=="', 'op = "~"'), "filter op must be one of"),
        (TOML.replace('"IMD2019"', '"IMD2015"'), "edition must be one of IMD2019, IoD2025"),
        (TOML.replace('kind = "imd"', 'kind = "religion"'), r"dimensions\[0\].kind must be"),
        (TOML.replace('level = "decile"', 'levels = "decile"'), "unknown key 'levels'"),
        ("confidence = [95]\n" + TOML, "between 0 and 1, not 95"),
        (TOML + "change = {before = [2022], after = [2022]}\n", "'2022' is both before and after"),
        ("[indicator\n", "not valid TOML"),
    ],
)
def test_bad_keys_and_values_are_refused_naming_the_key(text, message):
    with pytest.raises(InputError, match=message):
        AnalysisSpec.from_toml(text)


def test_a_dsr_needs_an_age_column_and_a_population_column():
    with pytest.raises(InputError, match="indicator.age"):
        Indicator(name="Deaths", type="dsr", denominator=Count(column="population"))
    with pytest.raises(InputError, match="indicator.denominator.column is needed for a dsr"):
        Indicator(name="Deaths", type="dsr", age="age")


def test_a_mean_needs_the_column_it_averages():
    with pytest.raises(InputError, match="indicator.value"):
        Indicator(name="BMI", type="mean")


def test_an_intersection_must_name_dimensions_of_the_same_spec():
    with pytest.raises(InputError, match="'sex' is not a dimension of this spec"):
        AnalysisSpec(
            indicator=ATTENDANCE,
            dimensions=(
                Ethnicity("ethnicity", column="e"),
                Intersection("x", of=("ethnicity", "sex")),
            ),
        )


def test_two_dimensions_cannot_share_a_name():
    with pytest.raises(InputError, match="'sex' is used twice"):
        AnalysisSpec(
            indicator=ATTENDANCE, dimensions=(Sex("sex", column="a"), Sex("sex", column="b"))
        )


def test_a_change_must_use_listed_periods():
    with pytest.raises(InputError, match="2025 is not in periods.values"):
        Periods("year", values=(2023, 2024), change=Change(before=(2023,), after=(2025,)))


def test_a_custom_standard_population_needs_a_weight_per_band():
    with pytest.raises(InputError, match="one weight per age band"):
        StandardPopulation(name="local", lower_bounds=(0, 50), weights=(1.0,))


def test_loading_a_spec_file_resolves_its_paths_next_to_it(tmp_path):
    (tmp_path / "spec.toml").write_text(FULL.to_toml(), encoding="utf-8")
    spec = load_spec(tmp_path / "spec.toml")
    assert spec.source is not None and spec.source.path == str(tmp_path / "visits.parquet")
    assert spec.dimension("imd").lookup == str(tmp_path / "iod.csv")  # type: ignore[attr-defined]


def test_a_bad_spec_file_is_named_in_the_error(tmp_path):
    (tmp_path / "bad.toml").write_text("oops = 1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"file '.*bad.toml': unknown key 'oops'"):
        load_spec(tmp_path / "bad.toml")
