"""One HEAT stratum (setting, date, source, indicator, dimension) ready for the measures.

The choices here follow WHO HEAT Plus (WHOequity/HEAT-Measures): subgroups without an
estimate are dropped; the setting mean is the population-weighted mean of the
subgroup estimates when every population is known, and the supplied setting average
otherwise; which subgroups a difference or ratio compares depends on the reference
subgroup, the dimension's order and whether the indicator is favourable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

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
    # Fits that several measures share (the SII's and RII's logistic regression).
    fits: dict = field(default_factory=dict, compare=False, repr=False)

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
    columns = {name: rows[name].to_numpy() for name in STRATUM_FIELDS}
    return stratum_from_columns(columns, prefer_setting_average=prefer_setting_average)


# The template columns a stratum is built from; the numeric ones as float arrays.
STRATUM_FIELDS = [
    "dimension", "subgroup", "estimate", "se", "population", "setting_average",
    "favourable_indicator", "indicator_scale", "ordered_dimension", "subgroup_order",
    "reference_subgroup",
]  # fmt: skip


def _one_value(values: np.ndarray) -> bool:
    """True when the column holds a single value, a missing value counting as one."""
    values = np.asarray(values, dtype=float)
    missing = np.isnan(values)
    if missing.all():
        return True
    return not missing.any() and bool((values == values[0]).all())


def stratum_from_columns(
    columns: Mapping[str, np.ndarray], *, prefer_setting_average: bool = False
) -> tuple[Stratum | None, str | None]:
    """As ``build_stratum``, from one stratum's template columns as numpy arrays."""
    dimension = str(columns["dimension"][0])
    for label in ("favourable_indicator", "ordered_dimension", "indicator_scale"):
        if not _one_value(columns[label]):
            return None, f"{label} differs between the subgroups of dimension {dimension!r}"
    ordered = int(columns["ordered_dimension"][0]) == 1
    count = len(columns["dimension"])
    position = np.arange(count)
    if ordered:
        order = np.asarray(columns["subgroup_order"], dtype=float)
        if np.isnan(order).any():
            return None, f"ordered dimension {dimension!r} has a subgroup without subgroup_order"
        if (
            sorted(order.astype(int).tolist()) != list(range(1, count + 1))
            or (order % 1 != 0).any()
        ):
            return None, (f"subgroup_order of ordered dimension {dimension!r} must be 1 to {count}")
        position = np.argsort(order, kind="stable")
    marks = np.nan_to_num(np.asarray(columns["reference_subgroup"], dtype=float), nan=0.0)
    if (marks == 1).sum() > 1:
        return None, f"dimension {dimension!r} marks more than one reference subgroup"
    estimate = np.asarray(columns["estimate"], dtype=float)[position]
    present = position[~np.isnan(estimate)]
    averages = np.asarray(columns["setting_average"], dtype=float)
    averages = averages[~np.isnan(averages)]
    stratum = Stratum(
        dimension=dimension,
        subgroups=[str(s) for s in np.asarray(columns["subgroup"], dtype=object)[present]],
        estimate=np.asarray(columns["estimate"], dtype=float)[present],
        se=np.asarray(columns["se"], dtype=float)[present],
        population=np.asarray(columns["population"], dtype=float)[present],
        order=np.asarray(columns["subgroup_order"], dtype=float)[present],
        reference=marks[present] == 1,
        favourable=int(columns["favourable_indicator"][0]) == 1,
        ordered=ordered,
        scale=float(columns["indicator_scale"][0]),
        setting_average=float(averages[0]) if len(averages) else float("nan"),
        missing_estimates=count - len(present),
        prefer_setting_average=prefer_setting_average,
    )
    return stratum, None
