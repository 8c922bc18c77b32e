"""Small HEAT Plus template tables for the tests."""

import numpy as np
import pandas as pd


def stratum(
    subgroups,
    estimates,
    *,
    se=None,
    population=None,
    ordered=False,
    favourable=1,
    reference=None,
    scale=100,
    setting_average=None,
    dimension="dim",
    date=2020,
):
    n = len(subgroups)
    return pd.DataFrame(
        {
            "setting": "Anytown",
            "date": date,
            "source": "survey",
            "indicator": "uptake",
            "dimension": dimension,
            "subgroup": subgroups,
            "estimate": estimates,
            "se": se if se is not None else [1.0] * n,
            "ci_lb": np.nan,
            "ci_ub": np.nan,
            "population": population if population is not None else [100.0] * n,
            "setting_average": setting_average,
            "favourable_indicator": favourable,
            "indicator_scale": scale,
            "ordered_dimension": int(ordered),
            "subgroup_order": list(range(1, n + 1)) if ordered else np.nan,
            "reference_subgroup": reference if reference is not None else [np.nan] * n,
        }
    )
