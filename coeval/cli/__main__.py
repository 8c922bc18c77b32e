"""Argument parsing for ``coeval``; the work is done by the functions in ``main``.

Run ``coeval --help`` or see docs/cli.md. Exit codes are listed in ``coeval.cli``.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from coeval.cli import FILE_ERROR, INPUT_ERROR, INTERNAL_ERROR
from coeval.cli import main as commands
from coeval.cli.files import FileProblem
from coeval.equity.errors import InputError

CONFIDENCE_HELP = (
    "Confidence level, as 0.95 or 95; repeat for several (limits are then named "
    "lower95_0cl, upper95_0cl, ...)."
)


class CoevalGroup(click.Group):
    """Turns known errors into a one-line message and the documented exit code."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:
            # The reader stopped early (e.g. `coeval ... | head`): not an error of ours.
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(0) from None
        except InputError as error:
            _fail(f"Error: {error}", INPUT_ERROR)
        except FileProblem as error:
            _fail(f"Error: {error}", FILE_ERROR)
        except Exception as error:  # a bug: say so briefly, show details only on request
            if ctx.find_root().params.get("show_traceback"):
                traceback.print_exc()
            _fail(
                f"Internal error: {type(error).__name__}: {error}\n"
                "This is a bug in coeval; please report it (run with --traceback for details).",
                INTERNAL_ERROR,
            )


def _fail(message: str, code: int) -> None:
    click.echo(message, err=True)
    raise click.exceptions.Exit(code)


@click.group(cls=CoevalGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--traceback", "show_traceback", is_flag=True, help="Show tracebacks of internal errors."
)
@click.version_option(package_name="coeval")
def cli(show_traceback: bool) -> None:
    """Equity-sensitive evaluation statistics: indicators, inequality and reports."""


def input_csv(function):
    return click.argument(
        "input_path", metavar="DATA.csv", type=click.Path(path_type=Path, dir_okay=False)
    )(function)


def output_option(function):
    return click.option(
        "-o",
        "--output",
        "output_path",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Where to write the CSV result (default: standard output).",
    )(function)


def group_by_option(function):
    return click.option(
        "--group-by", multiple=True, metavar="COLUMN", help="Group by this column (repeatable)."
    )(function)


def confidence_option(function):
    return click.option(
        "--confidence",
        multiple=True,
        type=click.FloatRange(min=0, max=100, min_open=True, max_open=True),
        default=(0.95,),
        show_default=True,
        help=CONFIDENCE_HELP,
    )(function)


@cli.command()
@input_csv
@output_option
@click.option("--numerator", required=True, metavar="COLUMN", help="Column of event counts.")
@click.option("--denominator", required=True, metavar="COLUMN", help="Column of population counts.")
@group_by_option
@confidence_option
@click.option("--multiplier", type=float, default=1, show_default=True, help="100 for percentages.")
def proportion(input_path, output_path, **options):
    """Proportions with Wilson score limits."""
    commands.proportion(input_path, output_path, **options)


@cli.command()
@input_csv
@output_option
@click.option("--numerator", required=True, metavar="COLUMN", help="Column of event counts.")
@click.option("--denominator", required=True, metavar="COLUMN", help="Column of person-time.")
@group_by_option
@confidence_option
@click.option("--multiplier", type=float, default=100_000, show_default=True)
def rate(input_path, output_path, **options):
    """Crude rates: exact Poisson limits below 10 events, Byar's from 10."""
    commands.rate(input_path, output_path, **options)


@cli.command()
@input_csv
@output_option
@click.option("--values", required=True, metavar="COLUMN", help="Column of values to average.")
@group_by_option
@confidence_option
def mean(input_path, output_path, **options):
    """Means with Student's t limits."""
    commands.mean(input_path, output_path, **options)


@cli.command()
@input_csv
@output_option
@click.option("--numerator", required=True, metavar="COLUMN", help="Events in each age band.")
@click.option("--denominator", required=True, metavar="COLUMN", help="Population of each band.")
@click.option("--stdpop", metavar="COLUMN", help="Standard population column (default ESP2013).")
@group_by_option
@confidence_option
@click.option("--multiplier", type=float, default=100_000, show_default=True)
def dsr(input_path, output_path, **options):
    """Directly standardised rates (Dobson); NA below 10 events."""
    commands.dsr(input_path, output_path, **options)


@cli.command()
@input_csv
@output_option
@click.option("--numerator", required=True, metavar="COLUMN", help="Observed events.")
@click.option("--denominator", required=True, metavar="COLUMN", help="Population.")
@click.option("--x-ref", required=True, metavar="COLUMN", help="Reference events by band.")
@click.option("--n-ref", required=True, metavar="COLUMN", help="Reference population by band.")
@click.option("--rate", is_flag=True, help="An indirectly standardised rate, not a ratio.")
@group_by_option
@confidence_option
@click.option("--multiplier", type=float, default=None, help="Default 1 (ratio), 100000 (rate).")
def isr(input_path, output_path, **options):
    """Indirectly standardised ratios or rates."""
    if options["multiplier"] is None:
        options["multiplier"] = 100_000 if options["rate"] else 1
    commands.isr(input_path, output_path, **options)


@cli.command("life-expectancy")
@input_csv
@output_option
@click.option("--deaths", required=True, metavar="COLUMN")
@click.option("--population", required=True, metavar="COLUMN")
@click.option("--startage", default="startage", show_default=True, metavar="COLUMN")
@group_by_option
@confidence_option
def life_expectancy(input_path, output_path, **options):
    """Life expectancy (Chiang II, Silcocks' variance) from 20 age bands."""
    commands.life_expectancy(input_path, output_path, **options)


@cli.command()
@input_csv
@output_option
@click.option("--values", required=True, metavar="COLUMN", help="Area values to rank.")
@group_by_option
@click.option("--nquantiles", type=click.IntRange(min=2), default=10, show_default=True)
@click.option(
    "--invert/--no-invert",
    default=True,
    show_default=True,
    help="Inverted: the highest value is quantile 1 (as for IMD scores).",
)
def quantiles(input_path, output_path, **options):
    """Quantiles of area values, such as deprivation deciles."""
    commands.quantiles(input_path, output_path, **options)


@cli.command()
@input_csv
@output_option
@click.option("--numerator", required=True, metavar="COLUMN")
@click.option("--denominator", metavar="COLUMN")
@click.option("--statistic", required=True, type=click.Choice(["proportion", "ratio", "rate"]))
@click.option("--multiplier", type=float, required=True)
@click.option("--rate", "rate_column", metavar="COLUMN", help="Rate column (rate funnels).")
@click.option("--ratio-type", type=click.Choice(["count", "isr"]))
@click.option("--rate-type", type=click.Choice(["dsr", "crude"]))
@click.option("--years-of-data", type=float)
@click.option(
    "--significance",
    "significance_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write each row's significance against the funnel to this CSV.",
)
def funnel(input_path, output_path, **options):
    """Funnel plot control limits (95% and 99.8%) and significance."""
    options["rate"] = options.pop("rate_column")
    commands.funnel(input_path, output_path, **options)


@cli.command()
@input_csv
@output_option
@click.option("--quantile", required=True, metavar="COLUMN", help="1 = most deprived.")
@click.option("--population", required=True, metavar="COLUMN")
@click.option("--value", required=True, metavar="COLUMN")
@click.option(
    "--value-type",
    type=click.Choice(["normal", "rate", "proportion"]),
    default="normal",
    show_default=True,
)
@click.option("--lower-cl", metavar="COLUMN")
@click.option("--upper-cl", metavar="COLUMN")
@click.option("--se", metavar="COLUMN")
@click.option("--transform", is_flag=True, help="Regress on the log/logit scale.")
@group_by_option
@confidence_option
@click.option("--multiplier", type=float, default=1, show_default=True)
@click.option("--repetitions", type=int, default=100_000, show_default=True)
@click.option("--seed", type=int, help="Seed for reproducible simulated intervals.")
@click.option("--interval", type=click.Choice(["simulation", "analytic"]), default="simulation")
def sii(input_path, output_path, **options):
    """Slope and relative index of inequality (PHE method)."""
    options["value_type"] = {"normal": 0, "rate": 1, "proportion": 2}[options["value_type"]]
    commands.sii(input_path, output_path, **options)


@cli.command()
@click.argument(
    "input_path", metavar="HEAT_TEMPLATE.csv", type=click.Path(path_type=Path, dir_okay=False)
)
@output_option
@click.option("--measure", "measures", multiple=True, help="Only this measure (repeatable).")
@click.option(
    "--confidence",
    type=click.FloatRange(min=0, max=100, min_open=True, max_open=True),
    default=0.95,
    show_default=True,
)
@click.option("--seed", type=int, help="Seed for simulated intervals.")
def inequality(input_path, output_path, **options):
    """WHO HEAT Plus summary measures from a HEAT Plus upload template."""
    commands.inequality(input_path, output_path, **options)


@cli.command()
@click.argument("spec_path", metavar="SPEC.toml", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--source", metavar="DATA", help="Patient-level data (default: the spec's source).")
@click.option(
    "-o",
    "--output",
    "output_path",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the HTML report.",
)
@click.option(
    "--tables",
    "tables_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the result tables (after disclosure control) to this CSV.",
)
def analyse(spec_path, source, output_path, tables_path):
    """Patient-level data to an HTML equity report with charts."""
    with progress_bar() as progress:
        result = commands.analyse(
            spec_path, output_path, source=source, tables_path=tables_path, progress=progress
        )
    for sentence in result.sentences:
        click.echo(sentence, err=True)
    click.echo(f"Report written to {output_path}", err=True)


@cli.group()
def spec() -> None:
    """Analysis specifications."""


@spec.command("new")
@click.option(
    "-o",
    "--output",
    "output_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the example spec (default: standard output).",
)
def spec_new(output_path):
    """Write an example specification to edit."""
    commands.new_spec(output_path)


class progress_bar:
    """A rich progress bar on standard error, silent when that is not a terminal."""

    def __enter__(self):
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(stderr=True)
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        )
        self._bar.start()
        self._task = self._bar.add_task("Starting", total=1.0)
        return self.update

    def update(self, fraction: float, message: str) -> None:
        self._bar.update(self._task, completed=fraction, description=message)

    def __exit__(self, *exc_info) -> None:
        self._bar.stop()


def main() -> None:
    """The console script ``coeval`` (declared in pyproject.toml)."""
    cli.main(prog_name="coeval")


if __name__ == "__main__":
    sys.exit(main())
