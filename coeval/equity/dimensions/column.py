"""Any other column used as it is, such as a PLUS group or a practice."""

from __future__ import annotations

from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import pandas as pd

from coeval.equity.dimensions.base import (
    MISSING,
    UNRECOGNISED,
    Dimension,
    require_column,
    text_ibis,
    text_keys,
)
from coeval.equity.errors import InputError


@dataclass(frozen=True)
class Column(Dimension):
    """Groups are the column's own values. Listing ``values`` fixes their order and
    makes any other value an error; ``ordered`` marks a social order (low to high)."""

    kind = "column"
    column: str = ""
    values: tuple[str, ...] = ()
    is_ordered: bool = False

    def __post_init__(self) -> None:
        super().__post_init__()
        require_column(self.column, f"{self.where}: column")
        if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in self.values):
            raise InputError(f"{self.where}: values must be texts or whole numbers")
        if self.is_ordered and not self.values:
            raise InputError(f"{self.where}: an ordered column must list its values in order")

    def source_columns(self) -> tuple[str, ...]:
        return (self.column,)

    def categories(self) -> tuple[str, ...] | None:
        return tuple(str(v) for v in self.values) + (MISSING,) if self.values else None

    @property
    def ordered(self) -> bool:
        return self.is_ordered

    def describe_unrecognised(self) -> str:
        return f"not one of the listed values ({', '.join(map(str, self.values))})"

    def label_ibis(self, table: ir.Table) -> ir.StringValue:
        column = table[self.column]
        text = text_ibis(column)
        if self.values:
            known = [str(v) for v in self.values]
            text = ibis.ifelse(text.isin(known), text, ibis.literal(UNRECOGNISED))
        return ibis.ifelse(column.isnull(), ibis.literal(MISSING), text)

    def label_pandas(self, frame: pd.DataFrame) -> pd.Series:
        column = frame[self.column]
        text = text_keys(column)
        if self.values:
            text = text.where(text.isin([str(v) for v in self.values]), UNRECOGNISED)
        return text.mask(column.isna(), MISSING).astype(object)
