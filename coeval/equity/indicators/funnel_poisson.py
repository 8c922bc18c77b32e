"""Poisson building blocks for funnel plots, as in the Fingertips funnel workbook.

The control limits are found by bisection on Poisson tail probabilities. The tail sum
stops where the workbook's does (past the mean, once a term is below 1e-10 of the
running total), so the bisection takes the same turns and lands on the same limits.
"""

from __future__ import annotations

import numpy as np
from scipy import special, stats

# Bisection stops when the step in v (where events = (1 + obs) v / (1 - v)) is this small.
BISECTION_TOLERANCE = 1e-7


def poisson_share(mean: float, low: float, high: float) -> float:
    """P(low <= K <= high) for K ~ Poisson(mean), from the workbook's truncated series."""
    span = int(mean + 40 * np.sqrt(mean) + 60)
    while True:
        k = np.arange(span + 1, dtype=np.float64)
        terms = np.exp(k * np.log(mean) - mean - special.gammaln(k + 1))
        before = np.concatenate(([0.0], np.cumsum(terms)[:-1]))
        stop = np.flatnonzero((k > mean) & (terms <= before * 1e-10))
        if len(stop):
            break
        span *= 2
    end = int(stop[0])  # terms 0 .. end-1 are summed
    total = before[end]
    inside = terms[:end][(k[:end] >= low) & (k[:end] <= high)].sum()
    return float(inside / total)


def poisson_funnel(observed: float, probability: float, side: str) -> float:
    """The expected count at which ``observed`` sits exactly on a control limit.

    ``side="low"`` finds the expected count below which observed is significantly high;
    ``side="high"`` the one above which it is significantly low.
    """
    v, step = 0.5, 0.5
    while step > BISECTION_TOLERANCE:
        step /= 2
        mean = (1 + observed) * v / (1 - v)
        if side == "low":
            move_down = poisson_share(mean, observed, 1e10) > probability
        else:
            move_down = poisson_share(mean, 0, observed) < probability
        v = v - step if move_down else v + step
    return (1 + observed) * v / (1 - v)


def count_limit(observed: float, confidence: float, side: str) -> float:
    """Limit of a Poisson count for significance tests: exact below 10 events, else Byar's."""
    tail = 0.5 + confidence / 2
    if observed == 0 and side == "low":
        return 0.0
    if observed < 10:
        if side == "low":
            return float(stats.chi2.ppf(1 - tail, 2 * observed)) / 2
        return float(stats.chi2.ppf(tail, 2 * observed + 2)) / 2
    z = float(stats.norm.ppf(tail))
    count = observed if side == "low" else observed + 1
    sign = -1 if side == "low" else 1
    return count * (1 - 1 / (9 * count) + sign * z / 3 / np.sqrt(count)) ** 3


def wilson_funnel_limit(
    probability: float, population: np.ndarray, average: float, side: str
) -> np.ndarray:
    """The proportion at which a unit of this size sits on the control limit.

    It solves the Wilson score inequality for the observed proportion around the
    overall average (the Fingertips "sigma adjustment").
    """
    z2 = stats.norm.ppf(probability) ** 2
    with np.errstate(invalid="ignore", divide="ignore"):
        centre = average * (population / z2 + 1)
        root = np.sqrt(
            (-8 * average * (population / z2 + 1)) ** 2
            - 64
            * (1 / z2 + 1 / population)
            * average
            * (population * (average * (population / z2 + 2) - 1) + z2 * (average - 1))
        )
        scale = 1 / z2 + 1 / population
        edge = centre - root / 8 if side == "low" else centre + root / 8
        return edge / scale / population
