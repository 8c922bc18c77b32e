"""Confidence interval helpers shared by every indicator (Fingertips technical guidance).

All helpers take arrays and return arrays, so one call covers every group of a table.
A limit that the formula cannot give (for example a negative Byar's lower limit) is NaN.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import stats

Array = npt.NDArray[np.float64]
ArrayLike = npt.ArrayLike

# Counts below this use exact Poisson limits; from here on Byar's approximation is close enough.
EXACT_POISSON_BELOW = 10


def z_value(confidence: float) -> float:
    """The two-sided normal quantile for a confidence level (1.959963984540054 for 0.95)."""
    return float(stats.norm.ppf(confidence + (1 - confidence) / 2))


def _float(values: ArrayLike) -> Array:
    return np.asarray(values, dtype=np.float64)


def wilson_lower(x: ArrayLike, n: ArrayLike, confidence: float = 0.95) -> Array:
    """Lower Wilson score limit for the proportion x/n."""
    x, n = _float(x), _float(n)
    z = z_value(confidence)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (2 * x + z**2 - z * np.sqrt(z**2 + 4 * x * (1 - x / n))) / 2 / (n + z**2)


def wilson_upper(x: ArrayLike, n: ArrayLike, confidence: float = 0.95) -> Array:
    """Upper Wilson score limit for the proportion x/n."""
    x, n = _float(x), _float(n)
    z = z_value(confidence)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (2 * x + z**2 + z * np.sqrt(z**2 + 4 * x * (1 - x / n))) / 2 / (n + z**2)


def byars_lower(x: ArrayLike, confidence: float = 0.95) -> Array:
    """Byar's lower limit for a Poisson count x; NaN where the approximation goes negative."""
    x = _float(x)
    z = z_value(confidence)
    with np.errstate(invalid="ignore", divide="ignore"):
        limit = x * (1 - 1 / (9 * x) - z / (3 * np.sqrt(x))) ** 3
    return np.where(limit < 0, np.nan, limit)


def byars_upper(x: ArrayLike, confidence: float = 0.95) -> Array:
    """Byar's upper limit for a Poisson count x."""
    x1 = _float(x) + 1
    z = z_value(confidence)
    with np.errstate(invalid="ignore", divide="ignore"):
        return x1 * (1 - 1 / (9 * x1) + z / (3 * np.sqrt(x1))) ** 3


def exact_poisson_lower(x: ArrayLike, confidence: float = 0.95) -> Array:
    """Exact (chi-square) lower limit for a Poisson count x; 0 when x is 0."""
    x = _float(x)
    with np.errstate(invalid="ignore"):
        limit = stats.chi2.ppf((1 - confidence) / 2, 2 * x) / 2
    # chi-square with 0 degrees of freedom is a point mass at 0, which scipy reports as NaN.
    return np.where(x == 0, 0.0, limit)


def exact_poisson_upper(x: ArrayLike, confidence: float = 0.95) -> Array:
    """Exact (chi-square) upper limit for a Poisson count x."""
    x = _float(x)
    with np.errstate(invalid="ignore"):
        return stats.chi2.ppf(confidence + (1 - confidence) / 2, 2 * x + 2) / 2


def poisson_count_limits(x: ArrayLike, confidence: float = 0.95) -> tuple[Array, Array]:
    """Limits for a count: exact Poisson below 10 events, Byar's from 10 (as PHE rates and ISRs)."""
    x = _float(x)
    exact = x < EXACT_POISSON_BELOW
    lower = np.where(exact, exact_poisson_lower(x, confidence), byars_lower(x, confidence))
    upper = np.where(exact, exact_poisson_upper(x, confidence), byars_upper(x, confidence))
    return lower, upper


def poisson_count_method(x: ArrayLike) -> npt.NDArray[np.object_]:
    """The method name PHE reports for each count ("Exact" or "Byars"); None where x is missing."""
    x = _float(x)
    method = np.where(x < EXACT_POISSON_BELOW, "Exact", "Byars").astype(object)
    method[np.isnan(x)] = None
    return method


def student_t_half_width(sd: ArrayLike, n: ArrayLike, confidence: float = 0.95) -> Array:
    """Half-width of the Student's t interval for a mean of n values with standard deviation sd."""
    sd, n = _float(sd), _float(n)
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.abs(stats.t.ppf((1 - confidence) / 2, n - 1))
        return t * sd / np.sqrt(n)


def dobson_limits(
    value: ArrayLike,
    variance: ArrayLike,
    total_count: ArrayLike,
    confidence: float = 0.95,
    multiplier: float = 1,
) -> tuple[Array, Array]:
    """Dobson limits for a weighted sum of Poisson counts.

    The Byar's limits of the total count are scaled onto the statistic by
    sqrt(variance / total_count); ``value`` is already multiplied, ``variance`` is not.
    """
    value, variance, count = _float(value), _float(variance), _float(total_count)
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = np.sqrt(variance / count) * multiplier
        lower = value + scale * (byars_lower(count, confidence) - count)
        upper = value + scale * (byars_upper(count, confidence) - count)
    return lower, upper
