"""Charts are valid Vega-Lite, render offline to SVG, and are accessible."""

import altair as alt
import pandas as pd
import pytest

from coeval.equity import charts
from coeval.equity.errors import InputError


@pytest.fixture
def rates() -> pd.DataFrame:
    rows = []
    for period in ("before", "after"):
        for sex in ("Female", "Male"):
            for quintile in range(1, 6):
                value = 0.30 - 0.04 * quintile + (0.02 if sex == "Male" else 0)
                rows.append((period, sex, quintile, value, value - 0.02, value + 0.02, 1000))
    return pd.DataFrame(
        rows, columns=["period", "sex", "imd_quintile", "value", "lowercl", "uppercl", "pop"]
    )


def valid_vega_lite(chart) -> dict:
    spec = chart.to_dict(validate=True)  # checks against the Vega-Lite JSON schema
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    return spec


def test_rates_chart_is_valid_vega_lite_with_a_title_and_description(rates):
    chart = charts.rates_chart(rates, group="imd_quintile", colour="sex", facet="period")
    spec = valid_vega_lite(chart)
    assert spec["title"] == "Rates by group"
    assert "IMD quintile 1: 0.26 (0.24 to 0.28)" in spec["description"]


def test_rates_chart_renders_offline_to_svg_with_its_axis_titles(rates):
    chart = charts.rates_chart(
        rates[rates.period == "before"], group="imd_quintile", value_title="Uptake"
    )
    svg = charts.to_svg(chart)
    assert svg.startswith("<svg")
    assert "IMD quintile" in svg
    assert "Uptake" in svg


def test_svg_carries_title_and_description_for_screen_readers(rates):
    chart = charts.rates_chart(rates[rates.period == "after"], group="imd_quintile", title="Uptake")
    svg = charts.to_svg(chart)
    assert 'role="img"' in svg
    assert "<title>Uptake</title>" in svg
    assert "<desc>Value with confidence intervals by IMD quintile." in svg


def test_suppressed_values_are_described_as_not_shown(rates):
    table = rates[(rates.period == "after") & (rates.sex == "Male")].copy()
    table.loc[table.imd_quintile == 3, ["value", "lowercl", "uppercl"]] = float("nan")
    spec = valid_vega_lite(charts.rates_chart(table, group="imd_quintile"))
    assert "IMD quintile 3: not shown" in spec["description"]


def test_sii_line_runs_from_intercept_to_intercept_plus_sii(rates):
    table = rates[(rates.period == "before") & (rates.sex == "Female")]
    chart = charts.sii_chart(
        table, quantile="imd_quintile", population="pop", sii=-0.16, intercept=0.3
    )
    spec = valid_vega_lite(chart)
    line = [layer for layer in spec["layer"] if layer["mark"]["type"] == "line"][0]
    values = spec["datasets"][line["data"]["name"]]
    assert [v["fitted"] for v in values] == pytest.approx([0.3, 0.14])
    assert "Relative rank" in charts.to_svg(chart)


def test_sii_chart_places_equal_groups_at_the_midpoints_of_their_rank(rates):
    table = rates[(rates.period == "before") & (rates.sex == "Female")]
    chart = charts.sii_chart(table, quantile="imd_quintile", population="pop", sii=1, intercept=0)
    spec = chart.to_dict()
    point = [layer for layer in spec["layer"] if layer["mark"]["type"] == "point"][0]
    ranks = [row["relative_rank"] for row in spec["datasets"][point["data"]["name"]]]
    assert ranks == pytest.approx([0.1, 0.3, 0.5, 0.7, 0.9])


def test_before_after_chart_joins_each_group_across_periods(rates):
    table = rates[rates.sex == "Female"]
    chart = charts.before_after_chart(
        table, group="imd_quintile", period="period", period_order=["before", "after"]
    )
    spec = valid_vega_lite(chart)
    assert "from before to after" in spec["description"]
    assert "Period" in charts.to_svg(chart)


def test_before_after_chart_refuses_a_single_period(rates):
    with pytest.raises(InputError, match="at least two periods"):
        charts.before_after_chart(
            rates[rates.period == "after"], group="imd_quintile", period="period"
        )


def test_funnel_chart_draws_points_inside_control_limits():
    points = pd.DataFrame({"area": ["A", "B"], "denominator": [100, 400], "value": [10.0, 30.0]})
    limits = pd.DataFrame(
        {
            "denominator": [50, 500],
            "lower_2s_limit": [5.0, 15.0],
            "upper_2s_limit": [35.0, 25.0],
            "lower_3s_limit": [1.0, 12.0],
            "upper_3s_limit": [40.0, 28.0],
            "baseline": [20.0, 20.0],
        }
    )
    chart = charts.funnel_chart(
        points, limits, x="denominator", y="value", label="area", x_title="Population"
    )
    valid_vega_lite(chart)
    assert "Population" in charts.to_svg(chart)


def test_a_missing_column_is_named_in_the_error(rates):
    with pytest.raises(InputError, match="'ucl'"):
        charts.rates_chart(rates, group="imd_quintile", upper="ucl")


def test_png_renders_offline(rates):
    png = charts.to_png(charts.rates_chart(rates[rates.period == "after"], group="imd_quintile"))
    assert png.startswith(b"\x89PNG")


def test_palette_is_colour_blind_safe_okabe_ito():
    assert charts.PALETTE[:3] == ("#0072B2", "#D55E00", "#009E73")
    assert isinstance(alt.Scale(range=list(charts.PALETTE)), alt.Scale)
