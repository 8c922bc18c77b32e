"""Public-health indicators with PHEindicatormethods 2.1.0 methods and column names.

Every function takes a tidy DataFrame and column names, and returns a DataFrame with
``value``, the limits for each confidence level, ``confidence``, ``statistic``,
``method`` and ``reason`` (empty for valid groups, the cause of the NA otherwise).
"""

from coeval.equity.indicators.mean import phe_mean
from coeval.equity.indicators.proportion import phe_proportion
from coeval.equity.indicators.rate import phe_rate

__all__ = [
    "phe_mean",
    "phe_proportion",
    "phe_rate",
]
