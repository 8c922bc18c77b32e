"""The equity statistics engine: a pure library that never imports Django.

The public Python API (see docs/python-api.md)::

    from coeval import equity

    spec = equity.load_spec("spec.toml")
    result = equity.run_profile(spec, "patients.parquet")   # IbisEngine on DuckDB
    result.indicators, result.inequality, result.change      # tidy DataFrames
    html = equity.render_report(result)

Parts:

- indicators: ``phe_proportion``, ``phe_rate``, ``phe_mean``, ``phe_dsr``, ISR, life
  expectancy, quantiles and funnels (PHEindicatormethods methods and columns);
- inequality: ``phe_sii`` and ``heat_measures`` (WHO HEAT Plus), change over time;
- specification: ``AnalysisSpec``, dimensions, engines and ``DisclosureRule``;
- interfaces: ``run_profile``, ``profile_counts``, charts and the HTML report.
"""

from __future__ import annotations

import importlib
from typing import Any

from coeval.equity.errors import InputError

# Name -> module. Imported on first use, so ``import coeval.equity`` stays quick and
# works even while a part is missing or broken; using a missing name says which part.
_EXPORTS = {
    # indicators
    **{
        name: "coeval.equity.indicators"
        for name in (
            "phe_proportion",
            "phe_rate",
            "phe_mean",
            "phe_dsr",
            "phe_isr_ratio",
            "phe_isr_rate",
            "phe_life_expectancy",
            "phe_quantile",
            "calculate_funnel_limits",
            "assign_funnel_significance",
            "calculate_funnel_points",
            "esp2013",
        )
    },
    # inequality
    **{
        name: "coeval.equity.inequality"
        for name in (
            "phe_sii",
            "heat_measures",
            "read_heat_template",
            "compare_inequality",
            "compare_periods",
            "compare_values",
        )
    },
    # specification, data and engines
    "AnalysisSpec": "coeval.equity.spec",
    "load_spec": "coeval.equity.spec",
    "DisclosureRule": "coeval.equity.disclosure",
    "IbisEngine": "coeval.equity.engines",
    "ReferenceEngine": "coeval.equity.engines",
    "Deprivation": "coeval.equity.dimensions",
    "Ethnicity": "coeval.equity.dimensions",
    "Sex": "coeval.equity.dimensions",
    "AgeBands": "coeval.equity.dimensions",
    "Intersection": "coeval.equity.dimensions",
    # interfaces
    "run_profile": "coeval.equity.profile",
    "profile_counts": "coeval.equity.profile",
    "ProfileResult": "coeval.equity.profile",
    "render_report": "coeval.equity.report",
    "rates_chart": "coeval.equity.charts",
    "sii_chart": "coeval.equity.charts",
    "before_after_chart": "coeval.equity.charts",
    "funnel_chart": "coeval.equity.charts",
    "to_svg": "coeval.equity.charts",
    "to_png": "coeval.equity.charts",
}

__all__ = ["InputError", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'coeval.equity' has no attribute {name!r}")
    try:
        value = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as error:
        raise AttributeError(
            f"coeval.equity.{name} is not available: {module} could not provide it ({error})"
        ) from error
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
