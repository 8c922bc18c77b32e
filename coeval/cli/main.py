"""One plain function per ``coeval`` command, with explicit arguments.

Each reads its input, calls the equity library and writes its output. Nothing here
reads the environment or parses arguments; ``__main__`` does that.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from coeval.cli.files import read_csv, write_csv, write_text
from coeval.equity.errors import InputError

Progress = Callable[[float, str], None]


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
    from coeval.equity.indicators import phe_proportion

    result = phe_proportion(
        read_csv(input_path),
        numerator,
        denominator,
        group_by=list(group_by),
        confidence=_levels(confidence),
        multiplier=multiplier,
    )
    write_csv(result, output_path)
    return result


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
    from coeval.equity.indicators import phe_rate

    result = phe_rate(
        read_csv(input_path),
        numerator,
        denominator,
        group_by=list(group_by),
        confidence=_levels(confidence),
        multiplier=multiplier,
    )
    write_csv(result, output_path)
    return result


def mean(
    input_path: Path,
    output_path: Path | None,
    *,
    values: str,
    group_by: Sequence[str] = (),
    confidence: Sequence[float] = (0.95,),
) -> pd.DataFrame:
    """Means with Student's t limits."""
    from coeval.equity.indicators import phe_mean

    result = phe_mean(
        read_csv(input_path), values, group_by=list(group_by), confidence=_levels(confidence)
    )
    write_csv(result, output_path)
    return result


def _levels(confidence: Sequence[float]) -> float | tuple[float, ...]:
    # PHE names the limits lowercl/uppercl for one level, lower95_0cl... for several.
    levels = tuple(confidence) or (0.95,)
    return levels[0] if len(levels) == 1 else levels


def _library(module: str, name: str) -> Any:
    """A function from a part of the equity engine, or a clear error if it is absent."""
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        raise InputError(f"{name} is not available in this version of coeval") from None


__all__ = ["mean", "proportion", "rate", "write_text"]
