"""The quantiles and funnel commands, run as a user types them, match PHE's figures."""

import pandas as pd
from click.testing import CliRunner

from coeval.cli.__main__ import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_quantiles_command_gives_phe_deciles_within_each_group(reference_dir, tmp_path):
    source = reference_dir / "phe" / "testdata_Quantiles__testdata_Quantiles.csv"
    data = pd.read_csv(source)
    one_set = data[(data["GroupSet"] == "IndSexReg") & data["Value"].notna()]
    one_set = one_set[one_set["IndSexRef"] == one_set["IndSexRef"].iloc[0]]
    one_set = one_set[one_set["ParentCode"] == one_set["ParentCode"].iloc[0]]
    inverted = one_set["Polarity"].iloc[0] == "RAG - Low is good"
    area = tmp_path / "areas.csv"
    one_set.to_csv(area, index=False)
    out = tmp_path / "deciles.csv"
    result = run("quantiles", area, "-o", out, "--values", "Value",
                 "--invert" if inverted else "--no-invert")  # fmt: skip
    assert result.exit_code == 0, result.output
    written = pd.read_csv(out)
    assert written["quantile"].tolist() == one_set["QuantileInGrp"].astype(int).tolist()


def test_funnel_command_writes_limits_and_each_areas_significance(reference_dir, tmp_path):
    inputs = pd.read_csv(reference_dir / "phe" / "testdata_funnel_rate_dsr_inputs.csv")
    source = tmp_path / "rates.csv"
    inputs[["count", "rate_dsr", "pop"]].to_csv(source, index=False)
    limits, significance = tmp_path / "limits.csv", tmp_path / "significance.csv"
    result = run(
        "funnel", source, "-o", limits, "--numerator", "count", "--denominator", "pop",
        "--statistic", "rate", "--rate", "rate_dsr", "--rate-type", "dsr",
        "--multiplier", 100_000, "--years-of-data", 1, "--significance", significance,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert len(pd.read_csv(limits)) == 100  # 100 rows spanning the denominators
    written = pd.read_csv(significance)
    assert written["significance"].tolist() == inputs["dsr_per_100000_with_0"].tolist()
