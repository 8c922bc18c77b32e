"""The HEAT Plus upload template: read it, check it, and say exactly what is wrong.

Rows are numbered as a spreadsheet shows them: the header is row 1, so the first
subgroup is row 2.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

from coeval.equity.errors import InputError

STRATUM_COLUMNS = ["setting", "date", "source", "indicator", "dimension"]
TEMPLATE_COLUMNS = [
    *STRATUM_COLUMNS, "subgroup", "estimate", "se", "ci_lb", "ci_ub", "population",
    "setting_average", "favourable_indicator", "indicator_scale", "ordered_dimension",
    "subgroup_order", "reference_subgroup",
]  # fmt: skip
NUMERIC_COLUMNS = [
    "estimate", "se", "ci_lb", "ci_ub", "population", "setting_average",
    "favourable_indicator", "indicator_scale", "ordered_dimension", "subgroup_order",
    "reference_subgroup",
]  # fmt: skip
TEXT_COLUMNS = ["setting", "indicator", "dimension", "subgroup"]
# HEAT Plus derives a missing standard error from 95% limits.
_Z95 = 1.959963984540054


def read_heat_template(source: str | PathLike[str] | IO[str]) -> pd.DataFrame:
    """Read a HEAT Plus template CSV and return it checked and normalised."""
    name = str(source) if isinstance(source, str | PathLike) else getattr(source, "name", None)
    if isinstance(source, str | PathLike) and not Path(source).is_file():
        raise InputError("file not found", file=name)
    try:
        table = pd.read_csv(
            source, dtype=str, keep_default_na=False, na_values=["", "NA"], encoding="utf-8-sig"
        )
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise InputError(f"not a readable CSV file ({error})", file=name) from error
    table.columns = [str(c).strip().lower() for c in table.columns]
    table = table.apply(lambda column: column.str.strip())
    return check_estimates(table.mask(table == ""), file=name)


def check_estimates(table: pd.DataFrame, file: str | None = None) -> pd.DataFrame:
    """The template's rules, checked on a DataFrame; returns a normalised copy."""
    missing = [c for c in TEMPLATE_COLUMNS if c not in table.columns]
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)}", file=file)
    table = table.reset_index(drop=True).copy()
    for column in NUMERIC_COLUMNS:
        table[column] = _numbers(table[column], column, file)
    for column in TEXT_COLUMNS:
        _required(
            table[column].isna() | (table[column].astype(str) == ""), column, file, "is empty"
        )
    for column in STRATUM_COLUMNS:
        table[column] = table[column].astype(object).where(table[column].notna(), "")
    for column in ("favourable_indicator", "ordered_dimension"):
        _required(~table[column].isin([0, 1]), column, file, "must be 0 or 1")
    _required(~table["reference_subgroup"].isin([0, 1]) & table["reference_subgroup"].notna(),
              "reference_subgroup", file, "must be 0, 1 or empty")  # fmt: skip
    _required(~(table["indicator_scale"] > 0), "indicator_scale", file, "must be a number above 0")
    _required(table["population"] < 0, "population", file, "must not be negative")
    _required(table["se"] < 0, "se", file, "must not be negative")
    _required(table["ci_lb"] > table["ci_ub"], "ci_lb", file, "is above ci_ub")
    duplicated = table.duplicated([*STRATUM_COLUMNS, "subgroup"])
    _required(duplicated, "subgroup", file, "repeats a subgroup already given for this dimension")
    derive = table["se"].isna() & table["ci_lb"].notna() & table["ci_ub"].notna()
    table.loc[derive, "se"] = (table.loc[derive, "ci_ub"] - table.loc[derive, "ci_lb"]) / (2 * _Z95)
    return table


def _numbers(column: pd.Series, name: str, file: str | None) -> pd.Series:
    numbers = pd.to_numeric(column, errors="coerce")
    bad = numbers.isna() & column.notna()
    _required(bad, name, file, "is not a number", show=column)
    return numbers.astype(float)


def _required(bad: pd.Series, column: str, file: str | None, problem: str, show=None) -> None:
    if bad.any():
        index = int(np.flatnonzero(bad.to_numpy())[0])
        value = "" if show is None else f" ({show.iloc[index]!r})"
        others = int(bad.sum()) - 1
        more = f"; {others} more row(s) like it" if others else ""
        raise InputError(f"{problem}{value}{more}", file=file, column=column, row=index + 2)
