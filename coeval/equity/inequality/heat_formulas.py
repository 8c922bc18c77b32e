"""The WHO HEAT Plus summary measures of inequality, one function per measure.

Formulas follow the HEAT technical notes and the WHOequity/HEAT-Measures and
healthequal R code (read, not copied). Where those two agree on a quirk we keep it so
that results match HEAT Plus, and say so in docs/methods/heat_measures.md: the
standard errors of PAF, TI and MLD are on the unscaled measure, as in HEAT.

Each function takes a Stratum and a Settings and returns an Outcome; a measure that
does not apply raises NotApplicable with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy.special import ndtr, ndtri

from coeval.equity.inequality.heat_stratum import Array, NotApplicable, Stratum

NAN = float("nan")


@dataclass(frozen=True)
class Outcome:
    estimate: float
    se: float = NAN
    lower: float = NAN
    upper: float = NAN
    interval_method: str = "analytic"
    reason: str | None = None


@dataclass
class Settings:
    """Confidence and the simulation that the simulated intervals share."""

    z: float
    level: float
    simulations: int
    seed: int | None
    _cache: list[tuple[Stratum, Array]] = field(default_factory=list)

    def draws(self, stratum: Stratum) -> Array:
        """(simulations, subgroups) draws of each estimate from its normal distribution,
        truncated at 0 (and at 100 for percentages) as HEAT does. Every simulated
        measure of a stratum shares the same draws, as in HEAT."""
        if not self._cache or self._cache[0][0] is not stratum:
            rng = np.random.default_rng(self.seed)
            upper = 100.0 if stratum.scale == 100 else np.inf
            low = ndtr((0 - stratum.estimate) / stratum.se)
            high = ndtr((upper - stratum.estimate) / stratum.se)
            u = low + (high - low) * rng.random((self.simulations, stratum.n))
            self._cache[:] = [(stratum, stratum.estimate + stratum.se * ndtri(u))]
        return self._cache[0][1]


def analytic(estimate: float, se: float, settings: Settings) -> Outcome:
    if not np.isfinite(se):
        return Outcome(
            estimate, interval_method="none", reason="no standard errors, so no interval"
        )
    return Outcome(estimate, se, estimate - settings.z * se, estimate + settings.z * se)


def simulated(estimate: float, stratum: Stratum, settings: Settings, statistic) -> Outcome:
    """Interval from the statistic recomputed on each simulated set of estimates."""
    if not stratum.has_se:
        return Outcome(
            estimate, interval_method="none", reason="no standard errors, so no interval"
        )
    values = statistic(settings.draws(stratum))
    tail = (1 - settings.level) / 2
    lower, upper = np.nanquantile(values, [tail, 1 - tail])
    return Outcome(estimate, NAN, float(lower), float(upper), "simulated")


# --- any dimension ---------------------------------------------------------------


def difference(st: Stratum, s: Settings) -> Outcome:
    high, low = st.high_low()
    return analytic(
        float(st.estimate[high] - st.estimate[low]),
        float(np.hypot(st.se[high], st.se[low])),
        s,
    )


def ratio(st: Stratum, s: Settings) -> Outcome:
    high, low = st.high_low()
    if st.estimate[low] == 0:
        raise NotApplicable(
            f"subgroup {st.subgroups[low]!r} has an estimate of 0, so R divides by 0"
        )
    r = float(st.estimate[high] / st.estimate[low])
    se = float(np.sqrt((st.se[high] ** 2 + r**2 * st.se[low] ** 2) / st.estimate[low] ** 2))
    if not np.isfinite(se) or r <= 0:
        return analytic(r, NAN, s)
    # The interval is symmetric on the log scale; se/r is the se of log(R).
    return Outcome(r, se, r * np.exp(-s.z * se / r), r * np.exp(s.z * se / r))


def _attributable(st: Stratum) -> tuple[float, float, float]:
    """(PAR, mean, se of the PAF) with the HEAT direction rule: no gain, no risk."""
    best = st.best_index()
    mean = st.mean
    par = float(st.estimate[best] - mean)
    if (st.favourable and par < 0) or (not st.favourable and par > 0):
        par = 0.0
    se = NAN
    if st.has_population:
        # Walter's variance for an attributable fraction from a 2x2 table built from
        # the reference subgroup and the setting, as HEAT does.
        ref_pop, total = st.population[best], st.population.sum()
        c = st.estimate[best] / st.scale * ref_pop
        d = ref_pop - c
        a = mean / st.scale * total - c
        b = total - a - ref_pop
        n = a + b + c + d
        with np.errstate(invalid="ignore", divide="ignore"):
            se = float(
                np.sqrt(c * n * (a * d * (n - c) + b * c**2) / ((a + c) ** 3 * (c + d) ** 3))
            )
    return par, mean, se


def paf(st: Stratum, s: Settings) -> Outcome:
    par, mean, se = _attributable(st)
    if mean == 0:
        raise NotApplicable("the setting mean is 0, so PAF divides by 0")
    return analytic(100 * par / mean, se, s)


def par(st: Stratum, s: Settings) -> Outcome:
    value, mean, paf_se = _attributable(st)
    # HEAT turns the PAF interval's width into an se for PAR: |mean| x se(PAF).
    return analytic(value, abs(mean) * paf_se, s)


# --- ordered dimensions ------------------------------------------------------------


def _concentration(st: Stratum, absolute: bool) -> tuple[float, float]:
    pop = st.population
    share = st.share
    rank = np.cumsum(share) - share / 2
    sigma = np.sum(share * (rank - 0.5) ** 2)
    mean = float(np.sum(share * st.estimate))
    root = np.sqrt(pop)
    y = 2 * sigma * (st.estimate / mean) * root
    if absolute:
        y = y * mean
    x = np.column_stack([rank * root, root])
    coef, *_ = np.linalg.lstsq(x, y, rcond=None)
    dof = st.n - 2
    residual = y - x @ coef
    se = NAN
    if dof > 0:
        cov = np.linalg.inv(x.T @ x) * (residual @ residual) / dof
        se = float(np.sqrt(cov[0, 0]))
    return float(coef[0]), se


def aci(st: Stratum, s: Settings) -> Outcome:
    return analytic(*_concentration(st, absolute=True), s)


def rci(st: Stratum, s: Settings) -> Outcome:
    return analytic(*_concentration(st, absolute=False), s)


def _logistic_ends(st: Stratum) -> tuple[float, float, Array, Array]:
    """Fitted proportions at rank 0 and 1 and their gradients' robust covariance.

    HEAT fits a logistic regression of the subgroup counts (estimate / scale x
    population, rounded) on the midpoint rank, with the population as prior weights,
    and takes HC1 robust standard errors. The SII and RII of a stratum share one fit.
    """
    fitted = st.fits.get("logistic")
    if fitted is None:
        fitted = st.fits["logistic"] = _fit_logistic(st)
    if isinstance(fitted, NotApplicable):
        raise fitted
    return fitted


def _fit_logistic(st: Stratum) -> tuple[float, float, Array, Array] | NotApplicable:
    try:
        return _logistic_fit(st)
    except NotApplicable as why:
        return why


def _logistic_fit(st: Stratum) -> tuple[float, float, Array, Array]:
    pop = np.ceil(st.population)
    events = np.rint(st.estimate / st.scale * pop)
    if np.any(events < 0) or np.any(events > pop):
        raise NotApplicable("estimates must lie between 0 and the indicator scale")
    if events.sum() == 0 or events.sum() == pop.sum():
        raise NotApplicable("every subgroup is at 0 or at the full scale")
    share = pop / pop.sum()
    rank = np.cumsum(share) - share / 2
    x = np.column_stack([np.ones_like(rank), rank])
    overall = events.sum() / pop.sum()
    beta = np.array([np.log(overall / (1 - overall)), 0.0])
    for _ in range(100):
        p = 1 / (1 + np.exp(-(x @ beta)))
        score = x.T @ (pop * (events - pop * p))
        information = (x * (pop * pop * p * (1 - p))[:, None]).T @ x
        step = np.linalg.solve(information, score)
        beta = beta + step
        if np.max(np.abs(step)) < 1e-12:
            break
    p = 1 / (1 + np.exp(-(x @ beta)))
    information = (x * (pop * pop * p * (1 - p))[:, None]).T @ x
    bread = np.linalg.inv(information)
    scores = x * (pop * (events - pop * p))[:, None]
    meat = scores.T @ scores
    k = x.shape[1]
    cov = bread @ meat @ bread * st.n / (st.n - k)
    p0 = float(1 / (1 + np.exp(-beta[0])))
    p1 = float(1 / (1 + np.exp(-(beta[0] + beta[1]))))
    return p0, p1, beta, cov


def sii(st: Stratum, s: Settings) -> Outcome:
    p0, p1, _, cov = _logistic_ends(st)
    gradient = np.array([p1 * (1 - p1) - p0 * (1 - p0), p1 * (1 - p1)])
    se = float(np.sqrt(gradient @ cov @ gradient)) * st.scale
    return analytic((p1 - p0) * st.scale, se, s)


def rii(st: Stratum, s: Settings) -> Outcome:
    p0, p1, _, cov = _logistic_ends(st)
    gradient = np.array([p0 - p1, 1 - p1])  # of log(p1 / p0)
    se_log = float(np.sqrt(gradient @ cov @ gradient))
    value = p1 / p0
    return Outcome(value, se_log, value * np.exp(-s.z * se_log), value * np.exp(s.z * se_log))


# --- non-ordered dimensions ----------------------------------------------------------


def bgv(st: Stratum, s: Settings) -> Outcome:
    share, mean = st.share, st.mean
    value = float(np.sum(share * (st.estimate - mean) ** 2))
    if not st.has_se:
        return analytic(value, NAN, s)
    wmean = np.sum(share * st.estimate)
    se2, p2 = st.se**2, share**2
    variance = 4 * np.sum(p2 * se2 * (st.estimate - wmean) ** 2) + 2 * (
        np.sum(p2 * se2) ** 2 - np.sum(p2**2 * se2**2) + np.sum(p2 * (1 - share) ** 2 * se2**2)
    )
    return analytic(value, float(np.sqrt(variance)), s)


def bgsd(st: Stratum, s: Settings) -> Outcome:
    share, mean = st.share, st.mean
    value = float(np.sqrt(np.sum(share * (st.estimate - mean) ** 2)))
    return simulated(value, st, s, lambda d: np.sqrt(np.sum(share * (d - mean) ** 2, axis=1)))


def cov(st: Stratum, s: Settings) -> Outcome:
    share, mean = st.share, st.mean
    if mean == 0:
        raise NotApplicable("the setting mean is 0, so COV divides by 0")
    value = float(100 * np.sqrt(np.sum(share * (st.estimate - mean) ** 2)) / mean)
    return simulated(
        value, st, s, lambda d: 100 * np.sqrt(np.sum(share * (d - mean) ** 2, axis=1)) / mean
    )


def _weighted_mean(share: Array, values: Array) -> Array:
    return np.sum(share * values, axis=-1, keepdims=True)


def mdmu(st: Stratum, s: Settings) -> Outcome:
    share = st.share
    value = float(np.mean(np.abs(st.estimate - _weighted_mean(share, st.estimate))))
    return simulated(value, st, s, lambda d: np.mean(np.abs(d - _weighted_mean(share, d)), axis=1))


def mdmw(st: Stratum, s: Settings) -> Outcome:
    share = st.share
    value = float(np.sum(share * np.abs(st.estimate - _weighted_mean(share, st.estimate))))
    return simulated(
        value, st, s, lambda d: np.sum(share * np.abs(d - _weighted_mean(share, d)), axis=1)
    )


def _best(st: Stratum, values: Array) -> Array:
    return (
        values.max(axis=-1, keepdims=True) if st.favourable else values.min(axis=-1, keepdims=True)
    )


def mdbu(st: Stratum, s: Settings) -> Outcome:
    value = float(np.mean(np.abs(_best(st, st.estimate) - st.estimate)))
    return simulated(value, st, s, lambda d: np.mean(np.abs(_best(st, d) - d), axis=1))


def mdbw(st: Stratum, s: Settings) -> Outcome:
    share = st.share
    value = float(np.sum(share * np.abs(_best(st, st.estimate) - st.estimate)))
    return simulated(value, st, s, lambda d: np.sum(share * np.abs(_best(st, d) - d), axis=1))


def mdru(st: Stratum, s: Settings) -> Outcome:
    ref = st.reference_index
    value = float(np.mean(np.abs(st.estimate[ref] - st.estimate)))
    # The reference subgroup's own draw is the reference in each simulation.
    return simulated(value, st, s, lambda d: np.mean(np.abs(d[:, [ref]] - d), axis=1))


def mdrw(st: Stratum, s: Settings) -> Outcome:
    ref, share = st.reference_index, st.share
    value = float(np.sum(share * np.abs(st.estimate[ref] - st.estimate)))
    return simulated(value, st, s, lambda d: np.sum(share * np.abs(d[:, [ref]] - d), axis=1))


def idisu(st: Stratum, s: Settings) -> Outcome:
    mean = st.mean
    if mean == 0:
        raise NotApplicable("the setting mean is 0, so IDISU divides by 0")
    value = float(100 * np.mean(np.abs(st.estimate - mean)) / mean)
    return simulated(value, st, s, lambda d: 100 * np.mean(np.abs(d - mean), axis=1) / mean)


def idisw(st: Stratum, s: Settings) -> Outcome:
    share, mean = st.share, st.mean
    if mean == 0:
        raise NotApplicable("the setting mean is 0, so IDISW divides by 0")
    value = float(100 * np.sum(share * np.abs(st.estimate - np.sum(share * st.estimate))) / mean)

    def statistic(d: Array) -> Array:
        centre = _weighted_mean(share, d)
        return 100 * np.sum(share * np.abs(d - centre), axis=1) / centre[:, 0]

    return simulated(value, st, s, statistic)


def _positive(st: Stratum) -> Array:
    # HEAT replaces zero estimates by 1e-6 so that the logarithm exists.
    if np.any(st.estimate < 0):
        raise NotApplicable("estimates must not be negative for a logarithm-based measure")
    return np.where(st.estimate == 0, 1e-6, st.estimate)


def ti(st: Stratum, s: Settings) -> Outcome:
    share, mean, y = st.share, st.mean, _positive(st)
    r = y / mean
    value = float(1000 * np.sum(share * r * np.log(r)))
    if not st.has_se:
        return analytic(value, NAN, s)
    wmean = np.sum(share * y)
    rw = y / wmean
    centre = np.sum(share * rw * (1 + np.log(rw)))
    se = float(np.sqrt(np.sum((1 + np.log(rw) - centre) ** 2 * share**2 * st.se**2 / wmean**2)))
    return analytic(value, se, s)


def mld(st: Stratum, s: Settings) -> Outcome:
    share, mean, y = st.share, st.mean, _positive(st)
    value = float(1000 * np.sum(share * -np.log(y / mean)))
    if not st.has_se:
        return analytic(value, NAN, s)
    wmean = np.sum(share * y)
    rw = y / wmean
    se = float(np.sqrt(np.sum(st.se**2 * share**2 / wmean**2 * (1 - 1 / rw) ** 2)))
    return analytic(value, se, s)


@dataclass(frozen=True)
class Measure:
    name: str
    family: str  # "any", "ordered" or "non-ordered"
    calculate: Callable[[Stratum, Settings], Outcome]
    needs_reference: bool = False


MEASURES: dict[str, Measure] = {
    m.name: m
    for m in [
        Measure("D", "any", difference),
        Measure("R", "any", ratio),
        Measure("PAF", "any", paf),
        Measure("PAR", "any", par),
        Measure("ACI", "ordered", aci),
        Measure("RCI", "ordered", rci),
        Measure("SII", "ordered", sii),
        Measure("RII", "ordered", rii),
        Measure("BGV", "non-ordered", bgv),
        Measure("BGSD", "non-ordered", bgsd),
        Measure("COV", "non-ordered", cov),
        Measure("MDMU", "non-ordered", mdmu),
        Measure("MDMW", "non-ordered", mdmw),
        Measure("MDBU", "non-ordered", mdbu),
        Measure("MDBW", "non-ordered", mdbw),
        Measure("MDRU", "non-ordered", mdru, needs_reference=True),
        Measure("MDRW", "non-ordered", mdrw, needs_reference=True),
        Measure("IDISU", "non-ordered", idisu),
        Measure("IDISW", "non-ordered", idisw),
        Measure("TI", "non-ordered", ti),
        Measure("MLD", "non-ordered", mld),
    ]
}


# Plain names, as HEAT Plus shows them.
MEASURE_NAMES: dict[str, str] = {
    "D": "Difference",
    "R": "Ratio",
    "PAF": "Population attributable fraction",
    "PAR": "Population attributable risk",
    "ACI": "Absolute concentration index",
    "RCI": "Relative concentration index",
    "SII": "Slope index of inequality",
    "RII": "Relative index of inequality",
    "BGV": "Between-group variance",
    "BGSD": "Between-group standard deviation",
    "COV": "Coefficient of variation",
    "MDMU": "Mean difference from mean, unweighted",
    "MDMW": "Mean difference from mean, weighted",
    "MDBU": "Mean difference from best performing subgroup, unweighted",
    "MDBW": "Mean difference from best performing subgroup, weighted",
    "MDRU": "Mean difference from reference subgroup, unweighted",
    "MDRW": "Mean difference from reference subgroup, weighted",
    "IDISU": "Index of disparity, unweighted",
    "IDISW": "Index of disparity, weighted",
    "TI": "Theil index",
    "MLD": "Mean log deviation",
}
