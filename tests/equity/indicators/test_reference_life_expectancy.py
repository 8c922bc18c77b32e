"""Life expectancy against every row of the two generated expectation files."""

import pandas as pd
import pytest

from coeval.equity.indicators import phe_life_expectancy
from tests.equity.indicators.helpers import assert_columns_match


@pytest.mark.parametrize(
    "expected_file, confidence, limits",
    [
        (
            "phe_life_expectancy_expected_le_age_all",
            (0.95, 0.998),
            ["lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl"],
        ),
        ("phe_life_expectancy_expected_default", 0.95, ["lowercl", "uppercl"]),
    ],
)
def test_every_area_and_age_matches(reference_dir, expected_file, confidence, limits):
    inputs = pd.read_csv(reference_dir / "phe" / "phe_life_expectancy_input.csv")
    expected = pd.read_csv(reference_dir / "phe" / f"{expected_file}.csv")
    got = phe_life_expectancy(inputs, "deaths", "pops", "area", confidence)
    got = got.set_index(["area", "startage"]).loc[
        pd.MultiIndex.from_frame(expected[["area", "startage"]])
    ]
    columns = ["value", *limits, "pops_used", "dths_used", "confidence", "statistic", "method"]
    assert_columns_match(got.reset_index(), expected, columns)


REASONS = {
    "warn_negative_deaths": "deaths 'deaths' are negative",
    "warn_negative_pops": "population 'pops' is not greater than zero",
    "warn_deaths_more_than_pops": "deaths 'deaths' are more than population",
    "warn_low_pops": "total population",
    "low_pops_single": "total population",
    "warn_missing_age_band": "the group has 19 age bands, not the 20 of age_contents",
    "widecis_Area1": "deaths 'deaths' are more than population",
}


def test_each_suppressed_area_says_why(reference_dir):
    inputs = pd.read_csv(reference_dir / "phe" / "phe_life_expectancy_input.csv")
    got = phe_life_expectancy(inputs, "deaths", "pops", "area")
    for area, reason in REASONS.items():
        reasons = set(got.loc[got["area"] == area, "reason"])
        assert len(reasons) == 1 and reason in reasons.pop(), (area, reasons)
    wide = got[(got["area"] == "widecis_Area2") & (got["startage"] >= 40)]
    assert (wide["reason"] == "the 95% interval is wider than 20 years").all()
