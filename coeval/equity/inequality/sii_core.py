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
    # Per area: SIMULATED (Monte-Carlo order statistics) or EXACT (computed quantiles).
    method: NDArray[np.object_] | None = None


SIMULATED, EXACT = "simulation", "exact"


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

    Where the coefficients are linear in the draws, the order statistics are drawn
    directly from their distribution (see ``_direct``). With ``exact`` (the default),
    natural-scale rates and proportions get the quantiles the draws estimate from the
    computed distribution (see ``convolved``). Areas neither covers are simulated
    draw by draw; ``Simulation.method`` says which happened to each area.
    """
    areas = len(mean)
    linear = transform or value_type == NORMAL
    want_ratio = want_rii and not transform
    direct_seed, drawn_seed = np.random.SeedSequence(seed).spawn(2)
    slope = np.full((areas, len(positions)), np.nan)
    rii = np.full((areas, len(positions)), np.nan) if want_ratio else None
    method = np.full(areas, SIMULATED, dtype=object)
    done = np.zeros(areas, dtype=bool)
    if linear:
        done = _direct(
            mean, se, population, value_type=value_type, transform=transform,
            want_ratio=want_ratio, repetitions=repetitions, positions=positions,
            rng=np.random.default_rng(direct_seed), slope=slope, rii=rii,
        )  # fmt: skip
    elif exact:
        done = convolved(
            mean, se, population, value_type=value_type, want_rii=want_rii,
            repetitions=repetitions, positions=positions, slope=slope, rii=rii,
        )  # fmt: skip
        method[done] = EXACT
    rest = np.flatnonzero(~done)
    if len(rest):
        drawn_slope, drawn_rii = _drawn(
            mean[rest], se[rest], population[rest], value_type=value_type,
            transform=transform, want_rii=want_rii, repetitions=repetitions,
            positions=positions, seed=drawn_seed, workers=workers,
        )  # fmt: skip
        slope[rest] = drawn_slope
        if rii is not None and drawn_rii is not None:
            rii[rest] = drawn_rii
    return Simulation(slope=slope, rii=rii, method=method)


def uniform_order_statistics(
    rng: np.random.Generator, areas: int, repetitions: int, positions: list[int]
) -> Array:
    """(areas, positions) order statistics of ``repetitions`` uniform draws, 0-based.

    Sorting n uniform draws and reading element k gives a Beta(k, n - k + 1) variable;
    given it equals u, a later element j is u + (1 - u) Beta(j - k, n - j + 1). Drawing
    these few values is exactly as random as drawing and sorting all n.
    """
    order = np.argsort(positions, kind="stable")
    out = np.empty((areas, len(positions)))
    previous_k, previous_u = 0, np.zeros(areas)
    for column in order:
        k = positions[column] + 1
        if k > previous_k:
            step = rng.beta(k - previous_k, repetitions - k + 1, size=areas)
            previous_u = previous_u + (1 - previous_u) * step
            previous_k = k
        out[:, column] = previous_u
    return out


def _direct(
    mean: Array,
    se: Array,
    population: Array,
    *,
    value_type: int,
    transform: bool,
    want_ratio: bool,
    repetitions: int,
    positions: list[int],
    rng: np.random.Generator,
    slope: Array,
    rii: Array | None,
) -> NDArray[np.bool_]:
    """Order statistics of linear coefficients, without drawing every repetition.

    The slope is normal, so its order statistics are the normal quantile function at
    the uniform order statistics. The RII, 1 + b / a, has a closed-form distribution
    when the intercept a cannot be zero or negative (Hinkley's ratio of normals with
    a > 0): P(b / a <= t) = Phi((t mu_a - mu_b) / sd(b - t a)); areas where a could
    be 0 or below (more than 1e-9) are left for the draw-by-draw simulation.
    Fills ``slope`` and ``rii`` in place and returns the areas done.
    """
    from scipy.special import ndtri

    fitted = mean if transform else back_transform(mean, value_type)
    base = fit(population, fitted)
    cov = coefficient_covariance(base.weights, se)
    areas = len(mean)
    z = ndtri(uniform_order_statistics(rng, areas, repetitions, positions))
    slope[:] = base.slope[:, None] + np.sqrt(cov[:, 1, 1])[:, None] * z
    if not want_ratio or rii is None:
        return np.ones(areas, dtype=bool)
    mu_a, mu_b = base.intercept, base.slope
    s_aa, s_ab, s_bb = cov[:, 0, 0], cov[:, 0, 1], cov[:, 1, 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        safe = mu_a > _RATIO_SAFE_Z * np.sqrt(s_aa)
    q = ndtri(uniform_order_statistics(rng, areas, repetitions, positions))
    rii[:] = 1 + ratio_quantile(mu_a[:, None], mu_b[:, None], s_aa[:, None], s_ab[:, None],
                                s_bb[:, None], q)  # fmt: skip
    rii[~safe] = np.nan
    return safe


# P(intercept <= 0) below 1e-9: the ratio's distribution is then Hinkley's to that error.
_RATIO_SAFE_Z = 6.0


def ratio_quantile(
    mu_a: Array, mu_b: Array, s_aa: Array, s_ab: Array, s_bb: Array, q: Array
) -> Array:
    """t with P(b / a <= t) = Phi(q) for bivariate normal (a, b), a almost surely > 0.

    Phi((t mu_a - mu_b) / sd(b - t a)) = Phi(q) squares to a quadratic in t; of its
    two roots, the one where t mu_a - mu_b has the sign of q is the answer.
    """
    q2 = q * q
    a2 = mu_a * mu_a - q2 * s_aa
    b1 = mu_a * mu_b - q2 * s_ab
    c0 = mu_b * mu_b - q2 * s_bb
    root = np.sqrt(np.maximum(b1 * b1 - a2 * c0, 0.0))
    return (b1 + np.sign(q) * root) / a2


def _drawn(
    mean: Array,
    se: Array,
    population: Array,
    *,
    value_type: int,
    transform: bool,
    want_rii: bool,
    repetitions: int,
    positions: list[int],
    seed: np.random.SeedSequence,
    workers: int,
) -> tuple[Array, Array | None]:
    """The plain simulation: draw every repetition, refit, read the order statistics."""
    areas, quantiles = mean.shape
    linear = transform or value_type == NORMAL
    fitted = mean if transform else back_transform(mean, value_type)
    base = fit(population, fitted)
    draws_per_rep = (2 if want_rii else 1) if linear else quantiles
    per_chunk = max(1, _CHUNK_ELEMENTS // (repetitions * draws_per_rep))
    starts = list(range(0, areas, per_chunk))
    # One child seed per chunk, so the answer depends on the seed and never on which
    # thread ran which chunk.
    children = seed.spawn(len(starts))

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
    return slope, rii


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


# Elements of one block of a sum's grid: a few MB, so that the dozen passes over it
# (log, normal CDF, differences) stay in cache.
_BLOCK_ELEMENTS = 1 << 18


def _term_cdf(x: Array, coef: Array, mean: Array, se: Array, value_type: int) -> Array:
    """P(coef h(mean + se Z) <= x) for x shaped (rows, terms, points); overwrites x."""
    from scipy.special import logit, ndtr

    zero = coef == 0
    safe_coef = np.where(zero, 1.0, coef)[:, :, None]
    if zero.any():
        at_or_above_zero = x >= 0
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        x /= safe_coef
        if value_type == RATE:
            np.maximum(x, 0.0, out=x)
            np.log(x, out=x)
        else:
            np.clip(x, 0.0, 1.0, out=x)
            logit(x, out=x)
        x -= mean[:, :, None]
        # A negative coefficient turns the term around: P(X >= x / coef).
        x *= (np.where(coef > 0, 1.0, -1.0) / np.maximum(se, 1e-300))[:, :, None]
    ndtr(x, out=x)
    if zero.any():
        x[:] = np.where(zero[:, :, None], at_or_above_zero, x)
    return x


def sum_distribution(
    coef: Array, mean: Array, se: Array, value_type: int, cells: int
) -> tuple[Array, Array, Array]:
    """Distribution of sum_k coef_k h(mean_k + se_k Z_k), for each row of (rows, terms).

    Returns the grid start and step per row, and the distribution function at the
    grid's points start + (j + 1/2) step, shaped (rows, size).
    """
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
    # Each term's mass lies within its own span, a fraction of the sum's: beyond it the
    # term's distribution function is 1, so it is evaluated on that span only.
    spans = np.ceil(((high - low) / step[:, None]).max(initial=0.0)) + 2
    width = int(min(bins + 2, spans))
    cdf = np.empty((rows, size))
    block = max(1, _BLOCK_ELEMENTS // (terms * width))
    ladder = np.arange(width, dtype=float)
    for first in range(0, rows, block):
        part = slice(first, first + block)
        x = low[part, :, None] + step[part, None, None] * ladder
        term = _term_cdf(x, coef[part], mean[part], se[part], value_type)
        mass = np.diff(term, axis=2, prepend=0.0)  # mass in (edge j-1, edge j], at its centre
        spectrum = np.prod(np.fft.rfft(mass, n=size, axis=2), axis=1)
        summed = np.fft.irfft(spectrum, n=size, axis=1)
        np.cumsum(summed, axis=1, out=cdf[part])
    np.clip(cdf, 0.0, 1.0, out=cdf)
    np.maximum.accumulate(cdf, axis=1, out=cdf)
    # Cell J of the sum sits at sum_k low_k + (J - terms / 2) step; its right edge is
    # half a step above.
    start = low.sum(axis=1) - terms / 2 * step
    return start, step, cdf


def _quantiles(start: Array, step: Array, cdf: Array, p: Array) -> Array:
    """x with F(x) = p, reading F linearly between grid points; p shaped (rows, k)."""
    rows, size = cdf.shape
    # Offsetting each row by 2 makes the rows one sorted array: one search for all.
    offset = 2.0 * np.arange(rows)[:, None]
    flat = np.searchsorted((cdf + offset).ravel(), (p + offset).ravel(), side="left")
    index = (flat.reshape(p.shape) - size * np.arange(rows)[:, None]).clip(1, size - 1)
    left = np.take_along_axis(cdf, index - 1, axis=1)
    right = np.take_along_axis(cdf, index, axis=1)
    gap = right - left
    frac = np.where(gap > 0, (p - left) / np.where(gap > 0, gap, 1), 0.5)
    return start[:, None] + (index - 0.5 + frac) * step[:, None]


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
    slope: Array,
    rii: Array | None,
) -> NDArray[np.bool_]:
    """The order statistics a natural-scale simulation estimates, computed exactly.

    Fills ``slope`` (and ``rii``) in place; returns the areas done. An area is not
    done when its intercept could be zero or negative, where the RII has no such
    simple distribution: the caller simulates it.
    """
    fitted = back_transform(mean, value_type)
    base = fit(population, fitted)
    areas = len(mean)
    p = (np.asarray(positions, dtype=float) + 1) / repetitions
    wanted = np.broadcast_to(p, (areas, len(p)))
    start, step, cdf = sum_distribution(base.weights[:, 1, :], mean, se, value_type, 2048)
    slope[:] = _quantiles(start, step, cdf, wanted)
    if not want_rii or rii is None:
        return np.ones(areas, dtype=bool)
    start, step, cdf = sum_distribution(base.weights[:, 0, :], mean, se, value_type, 512)
    done = _cdf_at_zero(start, step, cdf) <= 1e-9
    rii[:] = np.nan
    chosen = np.flatnonzero(done)
    found, solved = _rii_quantiles(base, mean[chosen], se[chosen], value_type, wanted[chosen],
                                   chosen)  # fmt: skip
    rii[chosen] = found
    done[chosen] = solved
    return done


def _rii_quantiles(
    base: Fit, mean: Array, se: Array, value_type: int, p: Array, chosen: NDArray[np.intp]
) -> tuple[Array, NDArray[np.bool_]]:
    """Solve P(RII <= r) = p for r: two evaluations and a secant step per limit.

    r is written exp(centre + sd t) around the delta-method normal, and the probit of
    P(RII <= r) is close to linear in t (exactly so if log RII were normal), so a
    secant through the probits at the normal guess and at one corrected guess lands
    on the answer. Returns the limits and which areas were solved.
    """
    from scipy.special import ndtri

    a, b = base.intercept[chosen], base.slope[chosen]
    weights = base.weights[chosen]
    effective = se * back_transform_slope(mean, value_type)
    cov = coefficient_covariance(weights, effective)
    grad_a, grad_b = 1 / (a + b) - 1 / a, 1 / (a + b)
    with np.errstate(invalid="ignore", divide="ignore"):
        sd = np.sqrt(
            grad_a**2 * cov[:, 0, 0] + 2 * grad_a * grad_b * cov[:, 0, 1] + grad_b**2 * cov[:, 1, 1]
        )
        centre = np.log((a + b) / a)
    solved = np.isfinite(centre) & np.isfinite(sd) & (sd > 0)
    out = np.full(p.shape, np.nan)
    rows = np.flatnonzero(solved)
    if not len(rows):
        return out, solved
    centre, sd, w0, w1 = centre[rows], sd[rows], weights[rows, 0, :], weights[rows, 1, :]
    mean, se = mean[rows], se[rows]
    limits = p.shape[1]

    def probit(t: Array) -> Array:
        # t (areas, limits): r = exp(centre + sd t); the probit of P(RII <= r).
        r = np.exp(centre[:, None] + sd[:, None] * t)
        coef = (w0[:, None, :] * (1 - r[..., None]) + w1[:, None, :]).reshape(-1, w0.shape[1])
        spread = np.repeat(mean, limits, axis=0), np.repeat(se, limits, axis=0)
        start, step, cdf = sum_distribution(coef, *spread, value_type, 512)
        with np.errstate(divide="ignore"):
            return ndtri(_cdf_at_zero(start, step, cdf)).reshape(t.shape)

    target = ndtri(p[rows])
    t0 = target
    e0 = probit(t0) - target
    t1 = t0 - e0
    e1 = probit(t1) - target
    with np.errstate(invalid="ignore", divide="ignore"):
        t2 = np.where(e1 == e0, t1, t1 - e1 * (t1 - t0) / (e1 - e0))
    good = np.isfinite(t2).all(axis=1) & np.isfinite(e0).all(axis=1)
    out[rows] = np.exp(centre[:, None] + sd[:, None] * t2)
    solved[rows] = good
    out[~solved] = np.nan
    return out, solved
