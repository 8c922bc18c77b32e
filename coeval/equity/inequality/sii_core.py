"""The arithmetic of the PHE slope and relative index of inequality, on arrays.

Every array is shaped (areas, quantiles), so one call handles a thousand areas at
once. The regression is the weighted least squares of PHEindicatormethods' phe_sii:
value ~ intercept + slope x relative rank, weighted by each quantile's population
share, with the relative rank at the midpoint of the quantile's cumulative share.

The Monte-Carlo interval redraws every quantile's value from a normal distribution
(mean the value, sd its standard error) and refits. Where the fitted coefficients are
linear in the draws (normal values, or log/logit values that stay transformed) their
joint distribution is exactly bivariate normal, so we draw the two coefficients
directly: the same distribution as the per-quantile draws at a fraction of the cost.
Rates and proportions fitted on their natural scale need the full per-quantile draws.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

NORMAL, RATE, PROPORTION = 0, 1, 2

# Elements in one chunk's draw array: about 32 MB of float64, small enough for two
# threads on a shared machine and large enough to keep numpy's loops busy.
_CHUNK_ELEMENTS = 4_000_000


@dataclass(frozen=True)
class Fit:
    """Per-area regression pieces: coefficients and the weights that produce them."""

    intercept: Array  # (areas,) on the regression scale
    slope: Array  # (areas,)
    weights: Array  # (areas, 2, quantiles): coefficient = weights @ working values


def relative_rank(population: Array) -> Array:
    """Midpoint of each quantile's cumulative population share, quantile 1 first."""
    share = population / population.sum(axis=1, keepdims=True)
    return np.cumsum(share, axis=1) - share / 2


def back_transform(values: NDArray[Any], value_type: int) -> NDArray[Any]:
    """Rates were logged and proportions logit-ed; return them to their own scale."""
    if value_type == RATE:
        return np.exp(values)
    if value_type == PROPORTION:
        return 1 / (1 + np.exp(-values))
    return values


def back_transform_slope(values: Array, value_type: int) -> Array:
    """Derivative of back_transform, for the analytic (delta-method) interval."""
    if value_type == RATE:
        return np.exp(values)
    if value_type == PROPORTION:
        p = 1 / (1 + np.exp(-values))
        return p * (1 - p)
    return np.ones_like(values)


def fit(population: Array, fitted: Array) -> Fit:
    """Weighted least squares of ``fitted`` on relative rank, for every area at once."""
    share = population / population.sum(axis=1, keepdims=True)
    rank = relative_rank(population)
    s_a = share.sum(axis=1, keepdims=True)
    s_ab = (share * rank).sum(axis=1, keepdims=True)
    s_abb = (share * rank * rank).sum(axis=1, keepdims=True)
    det = s_a * s_abb - s_ab * s_ab
    weights = np.stack(
        [share * (s_abb - s_ab * rank) / det, share * (rank * s_a - s_ab) / det], axis=1
    )
    intercept = (weights[:, 0, :] * fitted).sum(axis=1)
    slope = (weights[:, 1, :] * fitted).sum(axis=1)
    return Fit(intercept=intercept, slope=slope, weights=weights)


def coefficient_covariance(weights: Array, se: Array) -> Array:
    """Covariance (areas, 2, 2) of intercept and slope when each value has its se."""
    scaled = weights * se[:, None, :]
    return np.einsum("gik,gjk->gij", scaled, scaled)


@dataclass(frozen=True)
class Simulation:
    """Sorted-order statistics of simulated coefficients, ready to read limits off."""

    slope: Array  # (areas, positions): order statistics of the simulated slope
    rii: Array | None  # (areas, positions): of (intercept + slope) / intercept


def order_positions(repetitions: int, levels: list[float]) -> list[int]:
    """0-based positions of the lower and upper limit for each level, as phe_sii picks them.

    phe_sii sorts the draws and takes element round(reps x (1 - c)) and round(reps x c)
    (1-based, R's round half to even) with c = level + (1 - level) / 2.
    """
    positions = []
    for level in levels:
        upper = level + (1 - level) / 2
        positions.append(int(np.rint(repetitions * (1 - upper))) - 1)
        positions.append(int(np.rint(repetitions * upper)) - 1)
    return positions


def simulate(
    mean: Array,
    se: Array,
    population: Array,
    *,
    value_type: int,
    transform: bool,
    want_rii: bool,
    repetitions: int,
    positions: list[int],
    seed: int | None,
    workers: int = 2,
    exact: bool = True,
) -> Simulation:
    """Monte-Carlo order statistics of slope (and RII) for every area.

    With ``exact`` (the default), natural-scale rates and proportions get the
    quantiles the draws estimate from the computed distribution (see ``convolved``).
    """
    areas, quantiles = mean.shape
    linear = transform or value_type == NORMAL
    if not linear and exact:
        computed = convolved(
            mean, se, population, value_type=value_type, want_rii=want_rii,
            repetitions=repetitions, positions=positions,
        )  # fmt: skip
        if computed is not None:
            return computed
    fitted = mean if transform else back_transform(mean, value_type)
    base = fit(population, fitted)
    draws_per_rep = (2 if want_rii else 1) if linear else quantiles
    per_chunk = max(1, _CHUNK_ELEMENTS // (repetitions * draws_per_rep))
    starts = list(range(0, areas, per_chunk))
    # One child seed per chunk, so the answer depends on the seed and never on which
    # thread ran which chunk.
    children = np.random.SeedSequence(seed).spawn(len(starts))

    def run(index: int) -> tuple[Array, Array | None]:
        part = slice(starts[index], starts[index] + per_chunk)
        rng = np.random.default_rng(children[index])
        if linear:
            cov = coefficient_covariance(base.weights[part], se[part])
            if not (want_rii and not transform):
                # The slope is increasing in a single standard normal, so its order
                # statistics are those of the normal draws, rescaled.
                z = rng.standard_normal((len(cov), repetitions), dtype=np.float32)
                z_stats = order_statistics(z, positions).astype(np.float64)
                slope = base.slope[part, None] + np.sqrt(cov[:, 1, 1])[:, None] * z_stats
                return slope, None
            a, b, w = _bivariate(rng, base.intercept[part], base.slope[part], cov, repetitions)
            # The slope is base slope + its sd x w, so its order statistics come from w.
            w_stats = order_statistics(w, positions).astype(np.float64)
            slope_stats = base.slope[part, None] + np.sqrt(cov[:, 1, 1])[:, None] * w_stats
            b /= a
            b += 1
            return slope_stats, order_statistics(b, positions).astype(np.float64)
        else:
            y: NDArray[Any] = rng.standard_normal(
                (len(mean[part]), quantiles, repetitions), dtype=np.float32
            )
            y *= se[part][:, :, None].astype(np.float32)
            y += mean[part][:, :, None].astype(np.float32)
            y = back_transform(y, value_type)
            a = np.einsum("gk,gkr->gr", base.weights[part, 0, :].astype(np.float32), y)
            b = np.einsum("gk,gkr->gr", base.weights[part, 1, :].astype(np.float32), y)
        slope_stats = order_statistics(b, positions).astype(np.float64)
        rii_stats = None
        if want_rii and not transform:
            b /= a
            b += 1
            rii_stats = order_statistics(b, positions).astype(np.float64)
        return slope_stats, rii_stats

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        parts = list(pool.map(run, range(len(starts))))
    slope = np.concatenate([p[0] for p in parts])
    rii = np.concatenate([p[1] for p in parts]) if want_rii and not transform else None  # type: ignore[misc]
    return Simulation(slope=slope, rii=rii)


def _bivariate(
    rng: np.random.Generator, intercept: Array, slope: Array, cov: Array, repetitions: int
) -> tuple[NDArray[np.float32], NDArray[np.float32], NDArray[np.float32]]:
    """Draw (intercept, slope) pairs with the given means and 2x2 covariances.

    Returns intercepts, slopes and the standard normal draw that drives the slope.
    Single precision: Monte-Carlo error dwarfs float32 rounding, and it halves the
    memory traffic that dominates the run time.
    """
    f32 = np.float32
    s00, s01, s11 = cov[:, 0, 0], cov[:, 0, 1], cov[:, 1, 1]
    sd1 = np.sqrt(s11)
    load = (s01 / sd1).astype(f32)[:, None]
    rest = np.sqrt(np.maximum(s00 - s01 * s01 / s11, 0)).astype(f32)[:, None]
    w = rng.standard_normal((len(slope), repetitions), dtype=f32)
    a = rng.standard_normal((len(slope), repetitions), dtype=f32)
    a *= rest
    a += w * load
    a += intercept.astype(f32)[:, None]
    b = w * sd1.astype(f32)[:, None]
    b += slope.astype(f32)[:, None]
    return a, b, w


def order_statistics(draws: NDArray, positions: list[int]) -> NDArray:
    """draws sorted along axis 1, read at ``positions``, without sorting everything.

    Two single-pivot partitions isolate the lower and upper tails, which are then
    sorted; numpy's multi-pivot partition is several times slower than this.
    """
    repetitions = draws.shape[1]
    lower = [p for p in positions if p < repetitions // 2]
    upper = [p for p in positions if p >= repetitions // 2]
    found: dict[int, NDArray] = {}
    if lower:
        top = max(lower)
        tail = np.sort(np.partition(draws, top, axis=1)[:, : top + 1], axis=1)
        found.update({p: tail[:, p] for p in lower})
    if upper:
        bottom = min(upper)
        tail = np.sort(np.partition(draws, bottom, axis=1)[:, bottom:], axis=1)
        found.update({p: tail[:, p - bottom] for p in upper})
    return np.stack([found[p] for p in positions], axis=1)


# -- the simulated distribution, computed instead of sampled ------------------------------
#
# On a natural scale (rates or proportions fitted untransformed) each refitted
# coefficient is a weighted sum of independent terms c_k h(m_k + s_k Z_k), with h the
# back-transform (exp or expit) and Z_k standard normal. Each term's distribution
# function is known exactly, Phi((h^-1(x / c_k) - m_k) / s_k), so the distribution of
# the sum is the convolution of the terms' distributions: computed on a fine grid with
# the FFT, it gives the quantiles that the Monte-Carlo order statistics estimate, with
# no sampling error and in a few milliseconds. The RII, (a + b) / a, is not a sum, but
# P(RII <= r) = P(sum of (w0_k (1 - r) + w1_k) X_k <= 0) when the intercept a is
# positive, which is again a sum; its quantiles are found by bracketing r.

_SPREAD = 6.0  # each term's grid spans m +/- 6 s: beyond it lies 2e-9 of its mass


def _inverse(values: Array, value_type: int) -> Array:
    with np.errstate(divide="ignore", invalid="ignore"):
        if value_type == RATE:
            return np.log(np.maximum(values, 0.0))
        clipped = np.clip(values, 0.0, 1.0)
        return np.log(clipped) - np.log1p(-clipped)


def sum_distribution(
    coef: Array, mean: Array, se: Array, value_type: int, cells: int
) -> tuple[Array, Array, Array]:
    """Distribution of sum_k coef_k h(mean_k + se_k Z_k), for each row of (rows, terms).

    Returns the grid start and step per row, and the distribution function at the
    grid's points start + (j + 1/2) step, shaped (rows, size).
    """
    from scipy.special import ndtr

    rows, terms = coef.shape
    size = 1 << int(np.ceil(np.log2(cells)))
    bins = size - 2 * terms - 4
    low_h = back_transform(mean - _SPREAD * se, value_type)
    high_h = back_transform(mean + _SPREAD * se, value_type)
    low = np.where(coef >= 0, coef * low_h, coef * high_h)
    high = np.where(coef >= 0, coef * high_h, coef * low_h)
    total = (high - low).sum(axis=1)
    scale = np.maximum(np.abs(low).sum(axis=1), 1e-300)
    step = np.where(total > 0, total / bins, scale * 1e-12)
    edges = low[:, :, None] + step[:, None, None] * np.arange(bins + 2)[None, None, :]
    safe_coef = np.where(coef == 0, 1.0, coef)[:, :, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (_inverse(edges / safe_coef, value_type) - mean[:, :, None]) / np.maximum(se, 1e-300)[
            :, :, None
        ]
    cdf = np.where(coef[:, :, None] > 0, ndtr(z), ndtr(-z))
    cdf = np.where(coef[:, :, None] == 0, (edges >= 0).astype(float), cdf)
    mass = np.diff(cdf, axis=2, prepend=0.0)  # mass in (edge j-1, edge j], at its centre
    spectrum = np.prod(np.fft.rfft(mass, n=size, axis=2), axis=1)
    summed = np.fft.irfft(spectrum, n=size, axis=1)
    # Cell J of the sum sits at sum_k low_k + (J - terms / 2) step; its right edge is
    # half a step above.
    start = low.sum(axis=1) - terms / 2 * step
    return start, step, np.clip(np.cumsum(summed, axis=1), 0.0, 1.0)


def _quantiles(start: Array, step: Array, cdf: Array, p: Array) -> Array:
    """x with F(x) = p, reading F linearly between grid points; p shaped (rows, k)."""
    out = np.empty(p.shape)
    for i in range(len(cdf)):
        index = np.searchsorted(cdf[i], p[i], side="left").clip(1, cdf.shape[1] - 1)
        left, right = cdf[i, index - 1], cdf[i, index]
        frac = np.where(right > left, (p[i] - left) / np.where(right > left, right - left, 1), 0.5)
        out[i] = start[i] + (index - 0.5 + frac) * step[i]
    return out


def _cdf_at_zero(start: Array, step: Array, cdf: Array) -> Array:
    position = (0.0 - start) / step - 0.5
    index = np.floor(position)
    frac = position - index
    last = cdf.shape[1] - 1
    i0 = index.clip(0, last).astype(int)
    i1 = (index + 1).clip(0, last).astype(int)
    rows = np.arange(len(cdf))
    low = np.where(index < 0, 0.0, cdf[rows, i0])
    high = np.where(index + 1 < 0, 0.0, cdf[rows, i1])
    return low + frac * (high - low)


def convolved(
    mean: Array,
    se: Array,
    population: Array,
    *,
    value_type: int,
    want_rii: bool,
    repetitions: int,
    positions: list[int],
) -> Simulation | None:
    """The order statistics a natural-scale simulation estimates, computed exactly.

    None when the RII's intercept could be zero or negative, where the ratio has no
    such simple distribution; the caller then simulates.
    """
    fitted = back_transform(mean, value_type)
    base = fit(population, fitted)
    areas = len(mean)
    p = (np.asarray(positions, dtype=float) + 1) / repetitions
    wanted = np.broadcast_to(p, (areas, len(p)))
    start, step, cdf = sum_distribution(base.weights[:, 1, :], mean, se, value_type, 2048)
    slope = _quantiles(start, step, cdf, wanted)
    if not want_rii:
        return Simulation(slope=slope, rii=None)
    start, step, cdf = sum_distribution(base.weights[:, 0, :], mean, se, value_type, 512)
    if np.any(_cdf_at_zero(start, step, cdf) > 1e-9):
        return None
    rii = _rii_quantiles(base, mean, se, value_type, wanted)
    return None if rii is None else Simulation(slope=slope, rii=rii)


def _rii_quantiles(base: Fit, mean: Array, se: Array, value_type: int, p: Array) -> Array | None:
    """Solve P(RII <= r) = p for r by two rounds of bracketing on a normal-ish scale."""
    from scipy.special import ndtri

    a, b = base.intercept, base.slope
    effective = se * back_transform_slope(mean, value_type)
    cov = coefficient_covariance(base.weights, effective)
    grad_a, grad_b = 1 / (a + b) - 1 / a, 1 / (a + b)
    sd = np.sqrt(
        grad_a**2 * cov[:, 0, 0] + 2 * grad_a * grad_b * cov[:, 0, 1] + grad_b**2 * cov[:, 1, 1]
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        centre = np.log((a + b) / a)
    if not (np.all(np.isfinite(centre)) and np.all(np.isfinite(sd)) and np.all(sd > 0)):
        return None
    areas, limits = p.shape
    w0, w1 = base.weights[:, 0, :], base.weights[:, 1, :]

    def probability(t: Array) -> Array:
        # t (areas, limits, candidates): r = exp(centre + sd t); returns P(RII <= r).
        r = np.exp(centre[:, None, None] + sd[:, None, None] * t)
        coef = w0[:, None, None, :] * (1 - r[..., None]) + w1[:, None, None, :]
        shape = coef.shape
        rows = shape[0] * shape[1] * shape[2]

        def spread(x: Array) -> Array:
            return np.broadcast_to(x[:, None, None, :], shape).reshape(rows, -1)

        flat = coef.reshape(rows, -1)
        start, step, cdf = sum_distribution(flat, spread(mean), spread(se), value_type, 512)
        return _cdf_at_zero(start, step, cdf).reshape(shape[:3])

    # P(RII <= r) on a ladder of r for each area, read by interpolating the probit of
    # the probability, which is close to linear in log r (exactly so if log RII were
    # normal), so a coarse ladder is enough.
    ladder = np.linspace(-4.8, 4.8, 9)
    probit = ndtri(probability(np.broadcast_to(ladder, (areas, 1, len(ladder))).copy())[:, 0, :])
    probit = np.maximum.accumulate(np.nan_to_num(probit, nan=-np.inf), axis=1)
    target = ndtri(p)
    if np.any(probit[:, :1] > target) or np.any(probit[:, -1:] < target):
        return None
    found = np.empty_like(p)
    for i in range(areas):
        finite = np.isfinite(probit[i])
        found[i] = np.interp(target[i], probit[i][finite], ladder[finite])
    return np.exp(centre[:, None] + sd[:, None] * found)
