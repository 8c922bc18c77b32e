"""One HEAT stratum (setting, date, source, indicator, dimension) ready for the measures.

The choices here follow WHO HEAT Plus (WHOequity/HEAT-Measures): subgroups without an
estimate are dropped; the setting mean is the population-weighted mean of the
subgroup estimates when every population is known, and the supplied setting average
otherwise; which subgroups a difference or ratio compares depends on the reference
subgroup, the dimension's order and whether the indicator is favourable.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

Array = NDArray[np.float64]


class NotApplicable(Exception):
    """This measure cannot be calculated for this stratum; the message says why."""


@dataclass(frozen=True)
class Stratum:
    """Subgroups with estimates, sorted by subgroup order when the dimension is ordered."""

    dimension: str
    subgroups: list[str]
    estimate: Array
    se: Array  # NaN where unknown
    population: Array  # NaN where unknown
    order: Array  # NaN for non-ordered dimensions
    reference: NDArray[np.bool_]
    favourable: bool
    ordered: bool
    scale: float
    setting_average: float  # NaN where not supplied
    missing_estimates: int  # subgroups dropped for want of an estimate
    prefer_setting_average: bool = False

    @property
    def n(self) -> int:
        return len(self.estimate)

    @property
    def has_se(self) -> bool:
        return bool(np.isfinite(self.se).all())

    @property
    def has_population(self) -> bool:
        return bool(np.isfinite(self.population).all() and self.population.sum() > 0)

    @property
    def share(self) -> Array:
        if not self.has_population:
            raise NotApplicable("needs the population of every subgroup")
        return self.population / self.population.sum()

    @property
    def has_reference(self) -> bool:
        return int(self.reference.sum()) == 1

    @property
    def reference_index(self) -> int:
        if not self.has_reference:
            raise NotApplicable("needs exactly one reference subgroup with an estimate")
        return int(np.flatnonzero(self.reference)[0])

    @property
    def mean(self) -> float:
        """The setting mean that PAF, PAR, BGV, COV, IDIS, TI and MLD compare with."""
        supplied = self.setting_average
        if self.prefer_setting_average and np.isfinite(supplied):
            return float(supplied)
        if self.has_population:
            return float(np.sum(self.share * self.estimate))
        if np.isfinite(supplied):
            return float(supplied)
        raise NotApplicable("needs either every subgroup's population or the setting average")

    def high_low(self) -> tuple[int, int]:
        """Indices (high, low) of the subgroups that D and R compare: D = high - low.

        With a reference subgroup it is one end and the most extreme other subgroup is
        the other; on an ordered dimension the two ends of the order, arranged so that
        a positive D means the disadvantaged end fares worse; otherwise the highest and
        lowest estimates.
        """
        if self.has_reference:
            ref = self.reference_index
            others = [i for i in range(self.n) if i != ref]
            if self.favourable:
                return ref, min(others, key=lambda i: self.estimate[i])
            return max(others, key=lambda i: self.estimate[i]), ref
        if self.ordered:
            first, last = 0, self.n - 1  # sorted by subgroup order, 1 = most disadvantaged
            return (last, first) if self.favourable else (first, last)
        return int(np.argmax(self.estimate)), int(np.argmin(self.estimate))

    def best_index(self) -> int:
        """The reference for PAF and PAR: the reference subgroup, else the most advantaged
        end of an ordered dimension, else the best estimate."""
        if self.has_reference:
            return self.reference_index
        if self.ordered:
            return self.n - 1
        return int(np.argmax(self.estimate) if self.favourable else np.argmin(self.estimate))


def build_stratum(
    rows: pd.DataFrame, *, prefer_setting_average: bool = False
) -> tuple[Stratum | None, str | None]:
    """A Stratum from one stratum's template rows, or None and the reason it is unusable."""
    dimension = str(rows["dimension"].iloc[0])
    for column, label in [
        ("favourable_indicator", "favourable_indicator"),
        ("ordered_dimension", "ordered_dimension"),
        ("indicator_scale", "indicator_scale"),
    ]:
        if rows[column].nunique(dropna=False) != 1:
            return None, f"{label} differs between the subgroups of dimension {dimension!r}"
    ordered = int(rows["ordered_dimension"].iloc[0]) == 1
    if ordered:
        order = rows["subgroup_order"]
        if order.isna().any():
            return None, f"ordered dimension {dimension!r} has a subgroup without subgroup_order"
        if sorted(order.astype(int)) != list(range(1, len(order) + 1)) or (order % 1 != 0).any():
            return None, (
                f"subgroup_order of ordered dimension {dimension!r} must be 1 to {len(order)}"
            )
        rows = rows.sort_values("subgroup_order")
    if (rows["reference_subgroup"].fillna(0).astype(float) == 1).sum() > 1:
        return None, f"dimension {dimension!r} marks more than one reference subgroup"
    present = rows[rows["estimate"].notna()]
    reference = present["reference_subgroup"].fillna(0).astype(float).to_numpy() == 1
    stratum = Stratum(
        dimension=dimension,
        subgroups=[str(s) for s in present["subgroup"]],
        estimate=present["estimate"].to_numpy(float),
        se=present["se"].to_numpy(float),
        population=present["population"].to_numpy(float),
        order=present["subgroup_order"].to_numpy(float),
        reference=reference,
        favourable=int(rows["favourable_indicator"].iloc[0]) == 1,
        ordered=ordered,
        scale=float(rows["indicator_scale"].iloc[0]),
        setting_average=float(rows["setting_average"].dropna().iloc[0])
        if rows["setting_average"].notna().any()
        else float("nan"),
        missing_estimates=len(rows) - len(present),
        prefer_setting_average=prefer_setting_average,
    )
    return stratum, None
