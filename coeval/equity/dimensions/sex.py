"""Sex, from NHS codes (1 male, 2 female, 9 indeterminate, 0 not known) or words."""

from __future__ import annotations

from dataclasses import dataclass

import ibis.expr.types as ir
import pandas as pd

from coeval.equity.dimensions.base import (
    MISSING,
    Dimension,
    codes_ibis,
    codes_pandas,
    require_column,
)

CODES = {
    "1": "Male", "M": "Male", "MALE": "Male",
    "2": "Female", "F": "Female", "FEMALE": "Female",
    "9": "Indeterminate", "I": "Indeterminate", "INDETERMINATE": "Indeterminate",
    "0": MISSING, "U": MISSING, "UNKNOWN": MISSING, "NOT KNOWN": MISSING, "": MISSING,
}  # fmt: skip


@dataclass(frozen=True)
class Sex(Dimension):
    kind = "sex"
    column: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        require_column(self.column, f"{self.where}: column")

    def source_columns(self) -> tuple[str, ...]:
        return (self.column,)

    def categories(self) -> tuple[str, ...]:
        return ("Female", "Male", "Indeterminate", MISSING)

    def describe_unrecognised(self) -> str:
        return "not a sex code (1, 2, 9, 0, M, F, I, U or the words)"

    def label_ibis(self, table: ir.Table) -> ir.StringValue:
        return codes_ibis(table[self.column], CODES)

    def label_pandas(self, frame: pd.DataFrame) -> pd.Series:
        return codes_pandas(frame[self.column], CODES)
