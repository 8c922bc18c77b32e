"""The shortcuts inside the SII simulation give what drawing every repetition gives."""

import numpy as np
import pandas as pd
import pytest
from scipy.special import ndtri

from coeval.equity.inequality import phe_sii
from coeval.equity.inequality import sii_core as core


def test_uniform_order_statistics_are_distributed_as_sorted_uniform_draws():
    rng = np.random.default_rng(11)
    positions, n, areas = [24, 974, 1], 1000, 4000
    direct = core.uniform_order_statistics(rng, areas, n, positions)
    sorted_draws = np.sort(rng.random((areas, n)), axis=1)[:, positions]
    # The k-th of n (1-based) has mean k / (n + 1): both ways agree on mean and spread.
    expected = (np.asarray(positions) + 1) / (n + 1)
    for sample in (direct, sorted_draws):
        assert np.abs(sample.mean(axis=0) - expected).max() < 4 * sample.std(axis=0).max() / 63
    np.testing.assert_allclose(direct.std(axis=0), sorted_draws.std(axis=0), rtol=0.08)
    # Jointly drawn, so the order holds in every area.
    assert (direct[:, 2] <= direct[:, 0]).all() and (direct[:, 0] <= direct[:, 1]).all()


def test_the_ratio_quantile_matches_the_quantile_of_drawn_ratios():
    rng = np.random.default_rng(3)
    mu_a, mu_b, s_aa, s_ab, s_bb = 10.0, 3.0, 0.6, -0.2, 0.5
    cov = np.array([[s_aa, s_ab], [s_ab, s_bb]])
    a, b = rng.multivariate_normal([mu_a, mu_b], cov, size=2_000_000).T
    p = np.array([0.001, 0.025, 0.5, 0.975, 0.999])
    drawn = np.quantile(b / a, p)
    computed = core.ratio_quantile(mu_a, mu_b, s_aa, s_ab, s_bb, ndtri(p))
    np.testing.assert_allclose(computed, drawn, atol=0.002)


def areas_of_rates() -> pd.DataFrame:
    # Area A: a gentle gradient, where the exact distribution applies. Area B: a steep
    # one with wide errors, whose intercept may fall below zero, so it is simulated.
    rows = []
    for area, values, se in (("A", [8.0, 7.8, 7.5, 7.3, 7.0], 0.02),
                             ("B", [0.01, 0.05, 0.2, 0.5, 1.0], 1.0)):  # fmt: skip
        for q, value in enumerate(values, start=1):
            rows.append((area, q, 1000.0, value, se))
    return pd.DataFrame(rows, columns=["area", "q", "pop", "v", "se"])


def test_ci_method_names_the_method_that_made_each_rows_limits():
    data = areas_of_rates()
    got = phe_sii(data, "q", "pop", value="v", se="se", value_type=1, rii=True,
                  group_by=["area"], repetitions=2000, seed=1)  # fmt: skip
    assert got["CI_method"].tolist() == [
        "exact distribution of the refitted coefficients (FFT)",
        "Monte-Carlo simulation (2,000 repetitions)",
    ]
    assert got[["sii_lower95_0cl", "rii_upper95_0cl"]].notna().all().all()
    normal = phe_sii(data, "q", "pop", value="v", se="se", group_by=["area"],
                     repetitions=2000, seed=1)  # fmt: skip
    assert (normal["CI_method"] == "Monte-Carlo simulation (2,000 repetitions)").all()
    broken = data.assign(v=data["v"].where(data["area"] == "A"))
    na = phe_sii(broken, "q", "pop", value="v", se="se", group_by=["area"], repetitions=2000)
    assert na["CI_method"].tolist() == ["Monte-Carlo simulation (2,000 repetitions)", "none"]


@pytest.mark.parametrize("value_type", [1, 2])
def test_the_exact_path_agrees_with_drawing_every_repetition(value_type):
    rng = np.random.default_rng(5)
    areas = 6
    values = (0.2 + 0.03 * np.arange(5)) * rng.uniform(0.8, 1.2, (areas, 1))
    mean = np.log(values) if value_type == 1 else np.log(values / (1 - values))
    se = np.full_like(mean, 0.05)
    pop = rng.uniform(500, 5000, (areas, 5))
    positions = core.order_positions(100_000, [0.95])
    options = dict(value_type=value_type, transform=False, want_rii=True,
                   repetitions=100_000, positions=positions, seed=2)  # fmt: skip
    exact = core.simulate(mean, se, pop, **options)
    drawn = core.simulate(mean, se, pop, exact=False, **options)
    assert (exact.method == core.EXACT).all() and (drawn.method == core.SIMULATED).all()
    for ours, theirs in ((exact.slope, drawn.slope), (exact.rii, drawn.rii)):
        half = (theirs[:, 1] - theirs[:, 0])[:, None] / 2
        assert np.abs(ours - theirs).max() <= (0.03 * half).min()
