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
def proportion(input_path, output_path, numerator, denominator, group_by, confidence, multiplier):
    """Proportions with Wilson score limits."""
    commands.proportion(
        input_path,
        output_path,
        numerator=numerator,
        denominator=denominator,
        group_by=group_by,
        confidence=confidence,
        multiplier=multiplier,
    )


@cli.command()
@input_csv
@output_option
@click.option("--numerator", required=True, metavar="COLUMN", help="Column of event counts.")
@click.option("--denominator", required=True, metavar="COLUMN", help="Column of person-time.")
@group_by_option
@confidence_option
@click.option("--multiplier", type=float, default=100_000, show_default=True)
def rate(input_path, output_path, numerator, denominator, group_by, confidence, multiplier):
    """Crude rates: exact Poisson limits below 10 events, Byar's from 10."""
    commands.rate(
        input_path,
        output_path,
        numerator=numerator,
        denominator=denominator,
        group_by=group_by,
        confidence=confidence,
        multiplier=multiplier,
    )


@cli.command()
@input_csv
@output_option
@click.option("--values", required=True, metavar="COLUMN", help="Column of values to average.")
@group_by_option
@confidence_option
def mean(input_path, output_path, values, group_by, confidence):
    """Means with Student's t limits."""
    commands.mean(input_path, output_path, values=values, group_by=group_by, confidence=confidence)


def main() -> None:
    """The console script ``coeval`` (declared in pyproject.toml)."""
    cli.main(prog_name="coeval")


if __name__ == "__main__":
    sys.exit(main())
