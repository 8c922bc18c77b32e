"""Inequality between groups: PHE SII/RII, WHO HEAT summary measures, change over time."""

from coeval.equity.inequality.change import (
    compare_inequality,
    compare_periods,
    compare_values,
    sii_long,
)
from coeval.equity.inequality.heat_formulas import MEASURES as HEAT_MEASURES
from coeval.equity.inequality.heat_measures import heat_measures
from coeval.equity.inequality.heat_template import (
    TEMPLATE_COLUMNS,
    check_estimates,
    read_heat_template,
)
from coeval.equity.inequality.phe_sii import phe_sii

__all__ = [
    "HEAT_MEASURES",
    "TEMPLATE_COLUMNS",
    "check_estimates",
    "compare_inequality",
    "compare_periods",
    "compare_values",
    "heat_measures",
    "phe_sii",
    "read_heat_template",
    "sii_long",
]
