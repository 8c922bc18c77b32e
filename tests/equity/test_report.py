"""The HTML report is self-contained and says what was found and how."""

import re

import pytest

from coeval.equity.report import render_report
from tests.equity.test_profile import counts_table, profile


@pytest.fixture(scope="module")
def report() -> str:
    result = profile(
        counts_table(gradient_after=0.01),
        multiplier=100,
        indicator_name="screening uptake",
        imd_edition="IMD2019",
    )
    return render_report(result)


def test_report_is_one_self_contained_html_page(report):
    assert report.startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB">' in report
    # Nothing is fetched: no scripts, stylesheets or images from elsewhere.
    assert not re.search(r'<script|<link|src="http', report)


def test_report_opens_with_the_plain_language_change(report):
    sentence = report.index("inequality in screening uptake across deprivation quintiles narrowed")
    assert sentence < report.index("<svg")


def test_report_draws_rates_sii_and_before_after_charts_as_inline_svg(report):
    assert report.count("<svg") == 3
    for title in (
        "screening uptake by IMD quintile",
        "Slope index of inequality, 2024",
        "screening uptake before and after",
    ):
        assert f"<title>{title}</title>" in report


def test_report_records_the_disclosure_rule_edition_and_methods(report):
    assert "suppress 1–7; round to 5; secondary suppression" in report
    assert "IMD2019" in report
    assert "Wilson score" in report
    # Proportions on their own scale: the SII's limits are computed, not sampled.
    assert "exact distribution of the refitted coefficients (FFT)" in report
    assert "WHO HEAT Plus summary measures" in report


def test_report_tables_hold_the_indicator_and_inequality(report):
    assert "<h2>Indicator by subgroup</h2>" in report
    assert "<h2>Inequality</h2>" in report
    assert "<td>SII</td>" in report


def test_report_shows_the_heat_measures_by_their_plain_names(report):
    assert "<h2>Summary measures of inequality (WHO HEAT Plus)</h2>" in report
    for name in ("Difference (D)", "Ratio (R)", "Relative concentration index (RCI)"):
        assert f"<td>{name}</td>" in report


def test_text_from_the_data_is_escaped():
    result = profile(indicator_name="<b>uptake</b>")
    html = render_report(result)
    assert "<b>uptake</b>" not in html
    assert "&lt;b&gt;uptake&lt;/b&gt;" in html


def test_profile_charts_are_the_reports_charts_with_title_description_spec_and_svg(report):
    from coeval.equity.charts import ChartOutput, profile_charts

    result = profile(counts_table(gradient_after=0.01), indicator_name="screening uptake")
    drawn = profile_charts(result)
    assert [type(c) for c in drawn] == [ChartOutput] * 3
    assert [c.title for c in drawn] == [
        "screening uptake by IMD quintile",
        "Slope index of inequality, 2024",
        "screening uptake before and after",
    ]
    for chart in drawn:
        assert chart.svg.startswith("<svg") and chart.description
        assert chart.spec["title"] and chart.as_dict()["svg"] == chart.svg


def test_profile_charts_leave_out_suppressed_subgroups_and_an_na_sii():
    from coeval.equity.charts import profile_charts

    counts = counts_table()
    counts.loc[(counts.year == 2024) & (counts.imd_quintile == 1), "attended"] = 2
    titles = [c.title for c in profile_charts(profile(counts))]
    # The SII of 2024 is NA (a quintile is suppressed), so it has no chart.
    assert titles == ["indicator by IMD quintile", "indicator before and after"]
