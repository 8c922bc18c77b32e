"""Age bands: custom lower bounds, or the 19 bands of the European Standard Population."""

from __future__ import annotations

from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import pandas as pd

from coeval.equity.dimensions.base import MISSING, UNRECOGNISED, Dimension, require_column
from coeval.equity.errors import InputError

ESP2013_LOWER_BOUNDS = tuple(range(0, 95, 5))  # 0–4, 5–9, …, 85–89, 90+
OLDEST = 130  # ages at or above this are treated as data errors, not people


def band_labels(lower_bounds: tuple[int, ...]) -> tuple[str, ...]:
    uppers = [f"-{b - 1}" for b in lower_bounds[1:]] + ["+"]
    return tuple(f"{lower}{upper}" for lower, upper in zip(lower_bounds, uppers, strict=True))


@dataclass(frozen=True)
class AgeBands(Dimension):
    """Age in whole years grouped into bands, given by their lower bounds."""

    kind = "age"
    column: str = ""
    bands: tuple[int, ...] | str = "ESP2013"

    def __post_init__(self) -> None:
        super().__post_init__()
        require_column(self.column, f"{self.where}: column")
        bounds = self.lower_bounds
        if (
            not bounds
            or any(isinstance(b, bool) or not isinstance(b, int) for b in bounds)
            or bounds[0] != 0
            or list(bounds) != sorted(set(bounds))
        ):
            raise InputError(
                f"{self.where}: bands must be 'ESP2013' or rising whole-year lower bounds "
                f"starting at 0, such as [0, 18, 65], not {self.bands!r}"
            )

    @property
    def lower_bounds(self) -> tuple[int, ...]:
        if self.bands == "ESP2013":
            return ESP2013_LOWER_BOUNDS
        if isinstance(self.bands, str):
            return ()
        return tuple(self.bands)

    def source_columns(self) -> tuple[str, ...]:
        return (self.column,)

    def categories(self) -> tuple[str, ...]:
        return band_labels(self.lower_bounds) + (MISSING,)

    @property
    def ordered(self) -> bool:
        return True

    def describe_unrecognised(self) -> str:
        return f"not an age in years (0 to {OLDEST - 1})"

    def group_key_ibis(self, table: ir.Table) -> ir.Value:
        age = table[self.column]
        if not age.type().is_numeric():
            raise InputError("age must be a number of years", column=self.column)
        # Bands start at whole years, so the whole year keeps every age in its band.
        return age.floor() if age.type().is_floating() else age

    def label_ibis(self, table: ir.Table) -> ir.StringValue:
        age = table[self.column]
        if not age.type().is_numeric():
            raise InputError("age must be a number of years", column=self.column)
        bounds, labels = self.lower_bounds, band_labels(self.lower_bounds)
        branches = [((age < 0) | (age >= OLDEST), ibis.literal(UNRECOGNISED))]
        branches += [(age < upper, ibis.literal(label)) for upper, label in zip(bounds[1:], labels)]
        return ibis.cases(
            (age.isnull(), ibis.literal(MISSING)), *branches, else_=ibis.literal(labels[-1])
        )

    def label_pandas(self, frame: pd.DataFrame) -> pd.Series:
        age = frame[self.column]
        if not pd.api.types.is_numeric_dtype(age):
            raise InputError("age must be a number of years", column=self.column)
        labels = band_labels(self.lower_bounds)
        bins = [*self.lower_bounds, OLDEST]
        banded = pd.cut(age, bins=bins, labels=list(labels), right=False)
        out = banded.astype(object).where(banded.notna(), UNRECOGNISED)
        return out.mask(age.isna(), MISSING).astype(object)
