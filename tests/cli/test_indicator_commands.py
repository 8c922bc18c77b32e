"""The indicator commands read a CSV of aggregated counts and write a CSV of results."""

import pandas as pd
import pytest
from click.testing import CliRunner

from coeval.cli import FILE_ERROR, INPUT_ERROR, USAGE_ERROR
from coeval.cli.__main__ import cli


@pytest.fixture
def counts_csv(tmp_path):
    path = tmp_path / "counts.csv"
    path.write_text("area,n,d\nA,10,100\nA,5,50\nB,0,20\n")
    return path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_proportion_writes_wilson_limits_at_two_levels_as_percentages(counts_csv, tmp_path):
    out = tmp_path / "out.csv"
    result = run(
        "proportion", counts_csv, "--numerator", "n", "--denominator", "d",
        "--group-by", "area", "--confidence", "0.95", "--confidence", "0.998",
        "--multiplier", "100", "-o", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out)
    a = table.set_index("area").loc["A"]
    # 15 of 150 with Wilson 95% limits (z = 1.959963984540054), worked by hand.
    assert a["value"] == pytest.approx(10.0)
    assert a["lower95_0cl"] == pytest.approx(6.154138382631, rel=1e-9)
    assert a["upper95_0cl"] == pytest.approx(15.84348116681, rel=1e-9)
    assert {"lower99_8cl", "upper99_8cl", "method", "reason"} <= set(table.columns)
    assert table.set_index("area").loc["B", "value"] == 0


def test_proportion_without_output_option_writes_csv_to_standard_output(counts_csv):
    result = run("proportion", counts_csv, "--numerator", "n", "--denominator", "d")
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("area,n,d,value,lowercl,uppercl")


def test_rate_uses_per_100000_by_default(counts_csv):
    result = run("rate", counts_csv, "--numerator", "n", "--denominator", "d", "--group-by", "area")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    header = lines[0].split(",")
    first = dict(zip(header, lines[1].split(",")))
    assert float(first["value"]) == pytest.approx(10_000)


def test_mean_of_values_by_group(tmp_path):
    path = tmp_path / "values.csv"
    path.write_text("area,x\nA,1\nA,2\nA,3\nB,5\nB,7\n")
    result = run("mean", path, "--values", "x", "--group-by", "area")
    assert result.exit_code == 0
    assert "2.0" in result.output.splitlines()[1]


def test_a_missing_column_is_bad_input_with_exit_code_3_and_no_traceback(counts_csv):
    result = CliRunner().invoke(
        cli, ["proportion", str(counts_csv), "--numerator", "cases", "--denominator", "d"]
    )
    assert result.exit_code == INPUT_ERROR == 3
    assert "column 'cases': no such column" in result.output
    assert "Traceback" not in result.output


def test_a_missing_file_exits_with_code_4(tmp_path):
    result = run("proportion", tmp_path / "nope.csv", "--numerator", "n", "--denominator", "d")
    assert result.exit_code == FILE_ERROR == 4
    assert "no such file" in result.output


def test_an_empty_file_is_bad_input(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    result = run("proportion", path, "--numerator", "n", "--denominator", "d")
    assert result.exit_code == INPUT_ERROR
    assert "empty" in result.output


def test_a_missing_option_is_a_usage_error_with_exit_code_2(counts_csv):
    result = run("proportion", counts_csv, "--numerator", "n")
    assert result.exit_code == USAGE_ERROR == 2
    assert "Missing option '--denominator'" in result.output


def test_a_confidence_level_of_100_is_a_usage_error(counts_csv):
    result = run(
        "proportion", counts_csv, "--numerator", "n", "--denominator", "d", "--confidence", "100"
    )
    assert result.exit_code == USAGE_ERROR


def test_non_numeric_counts_are_named_by_column_and_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("area,n,d\nA,10,100\nB,lots,20\n")
    result = run("proportion", path, "--numerator", "n", "--denominator", "d")
    assert result.exit_code == INPUT_ERROR
    assert "column 'n', row 2" in result.output
