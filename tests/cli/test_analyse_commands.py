"""`coeval analyse`, `coeval spec new`, `coeval sii` and `coeval inequality`."""

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from coeval.cli import FILE_ERROR, INPUT_ERROR
from coeval.cli.__main__ import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def patients(tmp_path):
    rng = np.random.default_rng(3)
    n = 20_000
    quintile = rng.integers(1, 6, n)
    table = pd.DataFrame(
        {
            "imd_quintile": quintile,
            "sex": rng.choice(["1", "2"], n),
            "period": rng.integers(1, 5, n),
            "invited": 1,
            "attended": (rng.random(n) < 0.3 + 0.08 * quintile).astype(int),
        }
    )
    path = tmp_path / "patients.parquet"
    table.to_parquet(path)
    return path


def test_spec_new_writes_an_example_that_analyse_runs(tmp_path, patients):
    spec = tmp_path / "spec.toml"
    assert run("spec", "new", "-o", spec).exit_code == 0
    report = tmp_path / "report.html"
    tables = tmp_path / "tables.csv"
    result = run("analyse", spec, "--source", patients, "-o", report, "--tables", tables)
    assert result.exit_code == 0, result.output
    html = report.read_text()
    assert "<svg" in html and "suppress 1–7; round to 5" in html
    assert "inequality in screening uptake across deprivation quintiles" in result.output
    written = pd.read_csv(tables)
    assert set(written["table"]) == {"indicators", "intersections", "inequality", "heat", "change"}


def test_spec_new_will_not_overwrite_a_file(tmp_path):
    spec = tmp_path / "spec.toml"
    spec.write_text("mine")
    result = run("spec", "new", "-o", spec)
    assert result.exit_code == INPUT_ERROR
    assert "already exists" in result.output
    assert spec.read_text() == "mine"


def test_analyse_names_a_missing_column_in_the_data(tmp_path, patients):
    spec = tmp_path / "spec.toml"
    run("spec", "new", "-o", spec)
    spec.write_text(spec.read_text().replace('column = "sex"', 'column = "gender"'))
    result = run("analyse", spec, "--source", patients, "-o", tmp_path / "r.html")
    assert result.exit_code == INPUT_ERROR
    assert "gender" in result.output
    assert "Traceback" not in result.output


def test_analyse_of_a_missing_spec_exits_with_code_4(tmp_path, patients):
    result = run("analyse", tmp_path / "none.toml", "--source", patients, "-o", tmp_path / "r.html")
    assert result.exit_code == FILE_ERROR


def test_sii_command_gives_the_slope_across_quintiles(tmp_path):
    path = tmp_path / "quintiles.csv"
    path.write_text(
        "q,pop,value,se\n1,1000,10,1\n2,1000,12,1\n3,1000,14,1\n4,1000,16,1\n5,1000,18,1\n"
    )
    result = run(
        "sii", path, "--quantile", "q", "--population", "pop", "--value", "value",
        "--se", "se", "--repetitions", "1000", "--seed", "1",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    header, first = result.output.splitlines()[:2]
    row = dict(zip(header.split(","), first.split(",")))
    # Values rise by 2 per fifth of the population: 10 over the whole rank.
    assert float(row["sii"]) == pytest.approx(10.0)


def test_inequality_command_reads_a_heat_plus_template(tmp_path):
    rows = [
        "setting,date,source,indicator,dimension,subgroup,estimate,se,ci_lb,ci_ub,population,"
        "setting_average,favourable_indicator,indicator_scale,ordered_dimension,"
        "subgroup_order,reference_subgroup"
    ]
    for order, estimate in enumerate([50, 55, 60, 65, 70], start=1):
        rows.append(
            f"Area,2024,Survey,uptake,IMD,Q{order},{estimate},1.5,,,1000,60,1,100,1,{order},"
            + ("1" if order == 5 else "0")
        )
    path = tmp_path / "heat.csv"
    path.write_text("\n".join(rows) + "\n")
    out = tmp_path / "measures.csv"
    result = run("inequality", path, "-o", out, "--seed", "1")
    assert result.exit_code == 0, result.output
    measures = pd.read_csv(out)
    difference = measures[measures["measure"] == "D"]
    assert abs(float(difference["estimate"].iloc[0])) == pytest.approx(20.0)


def test_dsr_command_standardises_to_esp2013(tmp_path):
    bands = 19
    table = pd.DataFrame({"area": "A", "count": [20] * bands, "pop": [10_000] * bands})
    path = tmp_path / "dsr.csv"
    table.to_csv(path, index=False)
    result = run("dsr", path, "--numerator", "count", "--denominator", "pop", "--group-by", "area")
    assert result.exit_code == 0, result.output
    header, first = result.output.splitlines()[:2]
    row = dict(zip(header.split(","), first.split(",")))
    # The same rate in every band standardises to that rate: 20 per 10,000.
    assert float(row["value"]) == pytest.approx(200.0)
