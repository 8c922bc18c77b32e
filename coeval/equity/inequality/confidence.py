"""Confidence levels: parsing, critical values and PHE-style column suffixes."""

from __future__ import annotations

from collections.abc import Iterable

from scipy.stats import norm

from coeval.equity.errors import InputError


def confidence_levels(confidence: float | Iterable[float]) -> list[float]:
    """Levels as fractions; 95 and 0.95 both mean 95%, as in PHEindicatormethods."""
    raw = [confidence] if isinstance(confidence, int | float) else list(confidence)
    if not raw:
        raise InputError("confidence: give at least one confidence level")
    levels = []
    for level in raw:
        level = float(level)
        if not (0.9 <= level <= 1 or 90 <= level <= 100):
            raise InputError(
                f"confidence: {level:g} is not a level between 0.9 and 1 (or 90 and 100)"
            )
        levels.append(level / 100 if level >= 90 else level)
    return levels


def z_value(level: float) -> float:
    """Two-sided normal critical value for a confidence level given as a fraction."""
    return float(norm.ppf(1 - (1 - level) / 2))


def level_suffix(level: float) -> str:
    """'95_0' for 0.95 and '99_8' for 0.998: the suffix PHEindicatormethods puts on limits."""
    return f"{level * 100:.1f}".replace(".", "_")


def level_label(levels: list[float]) -> str:
    """'95%, 99.8%', the PHE CI_confidence column."""
    return ", ".join(f"{round(level * 100, 10):g}%" for level in levels)
