"""Intersections of dimensions, such as deprivation × ethnicity."""

from __future__ import annotations

from dataclasses import dataclass

import ibis.expr.types as ir
import pandas as pd

from coeval.equity.dimensions.base import Dimension
from coeval.equity.errors import InputError

SEPARATOR = " × "


@dataclass(frozen=True)
class Intersection(Dimension):
    """Groups formed by combining other dimensions of the same spec, named in ``of``.

    It reads no column itself: engines aggregate over every dimension at once, and the
    intersection is summed out of that cross table afterwards.
    """

    kind = "intersection"
    of: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        super().__post_init__()
        if len(self.of) < 2 or len(set(self.of)) != len(self.of):
            raise InputError(f"{self.where}: 'of' must name two or more different dimensions")

    def source_columns(self) -> tuple[str, ...]:
        return ()

    def label_ibis(self, table: ir.Table) -> ir.StringValue:
        raise TypeError("an intersection is built from the other dimensions' labels")

    def label_pandas(self, frame: pd.DataFrame) -> pd.Series:
        return frame[list(self.of)].astype(str).agg(SEPARATOR.join, axis=1)
