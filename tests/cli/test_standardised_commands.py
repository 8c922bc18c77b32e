"""The dsr, isr and life-expectancy commands give exactly what the library gives."""

import pandas as pd
import pandas.testing as pdt

from coeval.cli import main as commands
from coeval.equity import indicators


def test_dsr_command_matches_the_library(reference_dir, tmp_path):
    source = reference_dir / "phe" / "testdata_DSR_ISR__testdata_multiarea.csv"
    written = commands.dsr(
        source, tmp_path / "out.csv", numerator="count", denominator="pop", group_by=["area"]
    )
    direct = indicators.phe_dsr(pd.read_csv(source), "count", "pop", group_by=["area"])
    pdt.assert_frame_equal(written, direct)
    assert len(pd.read_csv(tmp_path / "out.csv")) == len(direct)


def test_isr_command_matches_the_library_for_ratios_and_rates(reference_dir, tmp_path):
    data = pd.read_csv(reference_dir / "phe" / "testdata_DSR_ISR__testdata_multiarea.csv")
    reference = pd.read_csv(reference_dir / "phe" / "testdata_DSR_ISR__refdata.csv")
    per_area = len(reference)
    data = data.groupby("area", group_keys=False).head(per_area).reset_index(drop=True)
    data["refcount"] = list(reference["refcount"]) * (len(data) // per_area)
    data["refpop"] = list(reference["refpop"]) * (len(data) // per_area)
    source = tmp_path / "isr.csv"
    data.to_csv(source, index=False)
    for rate, function, multiplier in (
        (False, indicators.phe_isr_ratio, 1),
        (True, indicators.phe_isr_rate, 100_000),
    ):
        written = commands.isr(
            source, None, numerator="count", denominator="pop", x_ref="refcount",
            n_ref="refpop", group_by=["area"], rate=rate, multiplier=multiplier,
        )  # fmt: skip
        direct = function(
            pd.read_csv(source), "count", "pop", group_by=["area"], multiplier=multiplier,
            x_ref="refcount", n_ref="refpop",
        )  # fmt: skip
        pdt.assert_frame_equal(written, direct)


def test_life_expectancy_command_matches_the_library(reference_dir, tmp_path):
    source = reference_dir / "phe" / "phe_life_expectancy_input.csv"
    written = commands.life_expectancy(
        source, None, deaths="deaths", population="pops", group_by=["area"]
    )
    direct = indicators.phe_life_expectancy(
        pd.read_csv(source), "deaths", "pops", group_by=["area"], startage="startage"
    )
    pdt.assert_frame_equal(written, direct)
