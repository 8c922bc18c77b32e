"""Public-health indicators with PHEindicatormethods 2.1.0 methods and column names.

Every function takes a tidy DataFrame and column names, and returns a DataFrame with
``value``, the limits for each confidence level, ``confidence``, ``statistic``,
``method`` and ``reason`` (empty for valid groups, the cause of the NA otherwise).
"""

from coeval.equity.indicators.dsr import phe_dsr
from coeval.equity.indicators.funnel import (
    assign_funnel_significance,
    calculate_funnel_limits,
    calculate_funnel_points,
)
from coeval.equity.indicators.isr import phe_isr_rate, phe_isr_ratio
from coeval.equity.indicators.life_expectancy import phe_life_expectancy
from coeval.equity.indicators.mean import phe_mean
from coeval.equity.indicators.proportion import phe_proportion
from coeval.equity.indicators.quantile import phe_quantile
from coeval.equity.indicators.rate import phe_rate
from coeval.equity.indicators.standard_populations import ESP2013, ESP2013_BANDS, esp2013

__all__ = [
    "ESP2013",
    "ESP2013_BANDS",
    "assign_funnel_significance",
    "calculate_funnel_limits",
    "calculate_funnel_points",
    "esp2013",
    "phe_dsr",
    "phe_isr_rate",
    "phe_isr_ratio",
    "phe_life_expectancy",
    "phe_mean",
    "phe_proportion",
    "phe_quantile",
    "phe_rate",
]
