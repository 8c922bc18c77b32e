"""Ethnicity: the ONS 2021 19 categories and their 5 high-level groups."""

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
from coeval.equity.errors import InputError

# (ONS 2021 code, group, category, NHS Data Dictionary letter where one exists).
# Census 2021 numbers the categories in this order.
CATEGORIES: tuple[tuple[int, str, str, str | None], ...] = (
    (1, "Asian", "Bangladeshi", "K"),
    (2, "Asian", "Chinese", "R"),
    (3, "Asian", "Indian", "H"),
    (4, "Asian", "Pakistani", "J"),
    (5, "Asian", "Other Asian", "L"),
    (6, "Black", "African", "N"),
    (7, "Black", "Caribbean", "M"),
    (8, "Black", "Other Black", "P"),
    (9, "Mixed", "White and Asian", "F"),
    (10, "Mixed", "White and Black African", "E"),
    (11, "Mixed", "White and Black Caribbean", "D"),
    (12, "Mixed", "Other Mixed", "G"),
    (13, "White", "English, Welsh, Scottish, Northern Irish or British", "A"),
    (14, "White", "Irish", "B"),
    (15, "White", "Gypsy or Irish Traveller", None),
    (16, "White", "Roma", None),
    (17, "White", "Other White", "C"),
    (18, "Other", "Arab", None),
    (19, "Other", "Any other ethnic group", "S"),
)
GROUPS = ("Asian", "Black", "Mixed", "White", "Other")
# NHS "Z" (not stated) and "99" (not known) are missing answers, not bad codes.
NOT_STATED = ("Z", "99", "NOT STATED", "NOT KNOWN", "")
GROUPINGS = ("category", "group")


@dataclass(frozen=True)
class Ethnicity(Dimension):
    """Ethnic group from an ONS code (1–19), an NHS letter (A–S) or the label itself."""

    kind = "ethnicity"
    column: str = ""
    grouping: str = "group"

    def __post_init__(self) -> None:
        super().__post_init__()
        require_column(self.column, f"{self.where}: column")
        if self.grouping not in GROUPINGS:
            raise InputError(f"{self.where}: grouping must be 'category' (19) or 'group' (5)")

    def source_columns(self) -> tuple[str, ...]:
        return (self.column,)

    def categories(self) -> tuple[str, ...]:
        if self.grouping == "group":
            return GROUPS + (MISSING,)
        return tuple(_label(group, name) for _, group, name, _ in CATEGORIES) + (MISSING,)

    def describe_unrecognised(self) -> str:
        return "not an ONS 2021 ethnicity code (1–19), NHS ethnic category letter or label"

    def codes(self) -> dict[str, str]:
        out = {code: MISSING for code in NOT_STATED}
        for number, group, name, letter in CATEGORIES:
            label = group if self.grouping == "group" else _label(group, name)
            spellings = [str(number), name, _label(group, name), letter]
            out.update({s.upper(): label for s in spellings if s})
        return out

    def label_ibis(self, table: ir.Table) -> ir.StringValue:
        return codes_ibis(table[self.column], self.codes())

    def label_pandas(self, frame: pd.DataFrame) -> pd.Series:
        return codes_pandas(frame[self.column], self.codes())


def _label(group: str, name: str) -> str:
    return f"{group}: {name}"
