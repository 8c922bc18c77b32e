"""One plain function per ``coeval`` command, with explicit arguments.

Each reads its input, calls the equity library and writes its output. Nothing here
reads the environment or parses arguments; ``__main__`` does that.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from coeval.cli.files import FileProblem, read_csv, write_csv, write_text
from coeval.equity.errors import InputError

Progress = Callable[[float, str], None]


def _indicator(
    function_name: str,
    input_path: Path,
    output_path: Path | None,
    columns: Sequence[str],
    group_by: Sequence[str],
    confidence: Sequence[float],
    **options: Any,
) -> pd.DataFrame:
    """Read the CSV, run one indicator method on it, write the CSV. Every indicator
    command is this with its own columns and options."""
    from coeval.equity import indicators

    function = getattr(indicators, function_name)
    result = function(
        read_csv(input_path),
        *columns,
        group_by=list(group_by),
        confidence=_levels(confidence),
        **options,
    )
    write_csv(result, output_path)
    return result


def proportion(
    input_path: Path,
    output_path: Path | None,
    *,
    numerator: str,
    denominator: str,
    group_by: Sequence[str] = (),
    confidence: Sequence[float] = (0.95,),
    multiplier: float = 1,
) -> pd.DataFrame:
    """Proportions with Wilson score limits."""
    return _indicator(
        "phe_proportion", input_path, output_path, (numerator, denominator), group_by,
        confidence, multiplier=multiplier,
    )  # fmt: skip


def rate(
    input_path: Path,
    output_path: Path | None,
    *,
    numerator: str,
    denominator: str,
    group_by: Sequence[str] = (),
    confidence: Sequence[float] = (0.95,),
    multiplier: float = 100_000,
) -> pd.DataFrame:
    """Crude rates with exact Poisson (below 10 events) or Byar's limits."""
    return _indicator(
        "phe_rate", input_path, output_path, (numerator, denominator), group_by, confidence,
        multiplier=multiplier,
    )  # fmt: skip


def mean(
    input_path: Path,
    output_path: Path | None,
    *,
    values: str,
    group_by: Sequence[str] = (),
    confidence: Sequence[float] = (0.95,),
) -> pd.DataFrame:
    """Means with Student's t limits."""
    return _indicator("phe_mean", input_path, output_path, (values,), group_by, confidence)


def dsr(
    input_path: Path,
    output_path: Path | None,
    *,
    numerator: str,
    denominator: str,
    group_by: Sequence[str] = (),
    confidence: Sequence[float] = (0.95,),
    multiplier: float = 100_000,
    stdpop: str | None = None,
) -> pd.DataFrame:
    """Directly standardised rates (Dobson), ESP2013 unless ``stdpop`` names a column."""
    return _indicator(
        "phe_dsr", input_path, output_path, (numerator, denominator), group_by, confidence,
        multiplier=multiplier, stdpop=stdpop,
    )  # fmt: skip


def isr(
    input_path: Path,
    output_path: Path | None,
    *,
    numerator: str,
    denominator: str,
    x_ref: str,
    n_ref: str,
    group_by: Sequence[str] = (),
    confidence: Sequence[float] = (0.95,),
    multiplier: float = 1,
    rate: bool = False,
) -> pd.DataFrame:
    """Indirectly standardised ratios (or rates, with ``rate``) against reference columns."""
    return _indicator(
        "phe_isr_rate" if rate else "phe_isr_ratio", input_path, output_path,
        (numerator, denominator), group_by, confidence,
        multiplier=multiplier, x_ref=x_ref, n_ref=n_ref,
    )  # fmt: skip


def life_expectancy(
    input_path: Path,
    output_path: Path | None,
    *,
    deaths: str,
    population: str,
    startage: str = "startage",
    group_by: Sequence[str] = (),
    confidence: Sequence[float] = (0.95,),
) -> pd.DataFrame:
    """Life expectancy by Chiang II with Silcocks' variance, at every age band."""
    return _indicator(
        "phe_life_expectancy", input_path, output_path, (deaths, population), group_by,
        confidence, startage=startage,
    )  # fmt: skip


def quantiles(
    input_path: Path,
    output_path: Path | None,
    *,
    values: str,
    group_by: Sequence[str] = (),
    nquantiles: int = 10,
    invert: bool = True,
) -> pd.DataFrame:
    """Quantiles (such as deprivation deciles) of area values; 1 is the highest if inverted."""
    from coeval.equity.indicators import phe_quantile

    result = phe_quantile(
        read_csv(input_path), values, group_by=list(group_by), nquantiles=nquantiles, invert=invert
    )
    write_csv(result, output_path)
    return result


def funnel(
    input_path: Path,
    output_path: Path | None,
    *,
    numerator: str,
    denominator: str | None,
    statistic: str,
    multiplier: float,
    rate: str | None = None,
    ratio_type: str | None = None,
    rate_type: str | None = None,
    years_of_data: float | None = None,
    significance_path: Path | None = None,
) -> pd.DataFrame:
    """Funnel plot control limits; optionally each row's significance to a second file."""
    from coeval.equity.indicators import assign_funnel_significance, calculate_funnel_limits

    data = read_csv(input_path)
    limits = calculate_funnel_limits(
        data,
        numerator,
        denominator,
        statistic=statistic,
        multiplier=multiplier,
        rate=rate,
        ratio_type=ratio_type,
        rate_type=rate_type,
        years_of_data=years_of_data,
    )
    write_csv(limits, output_path)
    if significance_path is not None:
        significance = assign_funnel_significance(
            data,
            numerator,
            denominator,
            statistic=statistic,
            rate=rate,
            rate_type=rate_type,
            multiplier=multiplier if statistic == "rate" else None,
        )
        write_csv(significance, significance_path)
    return limits


def sii(
    input_path: Path,
    output_path: Path | None,
    *,
    quantile: str,
    population: str,
    value: str,
    value_type: int = 0,
    lower_cl: str | None = None,
    upper_cl: str | None = None,
    se: str | None = None,
    group_by: Sequence[str] = (),
    confidence: Sequence[float] = (0.95,),
    multiplier: float = 1,
    transform: bool = False,
    repetitions: int = 100_000,
    seed: int | None = None,
    interval: str = "simulation",
) -> pd.DataFrame:
    """Slope and relative index of inequality (PHE), one row per group."""
    from coeval.equity.inequality import phe_sii

    result = phe_sii(
        read_csv(input_path),
        quantile,
        population,
        value=value,
        value_type=value_type,
        transform=transform,
        lower_cl=lower_cl,
        upper_cl=upper_cl,
        se=se,
        multiplier=multiplier,
        repetitions=repetitions,
        confidence=list(confidence),
        rii=True,
        intercept=True,
        group_by=list(group_by),
        seed=seed,
        interval=interval,
    )
    write_csv(result, output_path)
    return result


def inequality(
    input_path: Path,
    output_path: Path | None,
    *,
    measures: Sequence[str] = (),
    confidence: float = 0.95,
    seed: int | None = None,
) -> pd.DataFrame:
    """WHO HEAT Plus summary measures from a HEAT Plus upload template."""
    from coeval.equity.inequality import heat_measures, read_heat_template

    if not Path(input_path).is_file():
        raise FileProblem(f"cannot read {str(input_path)!r}: no such file")
    estimates = read_heat_template(input_path)
    result = heat_measures(estimates, list(measures) or None, confidence, seed=seed)
    write_csv(result, output_path)
    return result


def analyse(
    spec_path: Path,
    output_path: Path,
    *,
    source: str | None = None,
    tables_path: Path | None = None,
    progress: Progress | None = None,
) -> Any:
    """Patient-level data to an HTML report (and optionally the tables as CSV)."""
    from coeval.equity.profile import run_profile
    from coeval.equity.report import render_report
    from coeval.equity.spec import load_spec

    if not Path(spec_path).is_file():
        raise FileProblem(f"cannot read {str(spec_path)!r}: no such file")
    spec = load_spec(spec_path)
    if source is None and spec.source is None:
        raise InputError("no data: give --source or a [source] in the spec", file=str(spec_path))
    result = run_profile(spec, source, progress=progress)
    write_text(render_report(result), output_path)
    if tables_path is not None:
        tables = [table.assign(table=name) for name, table in result.tables().items()]
        write_csv(pd.concat(tables, ignore_index=True), tables_path)
    return result


def new_spec(output_path: Path | None) -> str:
    """Write an example specification to start from (TOML)."""
    from coeval.equity.spec import AnalysisSpec

    text = EXAMPLE_SPEC
    AnalysisSpec.from_toml(text)  # the example must always be a valid spec
    if output_path is None or str(output_path) == "-":
        print(text, end="")
    else:
        if Path(output_path).exists():
            raise InputError(f"{str(output_path)!r} already exists; choose another name")
        write_text(text, output_path)
    return text


EXAMPLE_SPEC = """\
# An equity analysis: which share of invited people attended, by deprivation and sex,
# before and after the service change. Run it with:
#   coeval analyse spec.toml --source patients.parquet -o report.html
confidence = [0.95, 0.998]

[indicator]
name = "screening uptake"
type = "proportion"          # proportion or rate
multiplier = 100             # 100 gives percentages

[indicator.denominator]      # who counts: rows where every filter holds
where = [{ column = "invited", op = "==", value = 1 }]

[indicator.numerator]        # counted among the denominator's rows
where = [{ column = "attended", op = "==", value = 1 }]

[[dimensions]]
kind = "imd"
name = "imd_quintile"
column = "imd_quintile"      # the column holding each person's IMD quintile
edition = "IMD2019"          # or IoD2025; editions are not comparable
level = "quintile"

[[dimensions]]
kind = "sex"
name = "sex"
column = "sex"

[periods]
column = "period"

[periods.change]             # periods pooled before and after the service change
before = [1, 2]
after = [3, 4]

[disclosure]                 # NHS practice: suppress 1-7, round to 5
suppress_min = 1
suppress_max = 7
round_to = 5
secondary = true
"""


def _levels(confidence: Sequence[float]) -> float | tuple[float, ...]:
    # PHE names the limits lowercl/uppercl for one level, lower95_0cl... for several.
    levels = tuple(confidence) or (0.95,)
    return levels[0] if len(levels) == 1 else levels
