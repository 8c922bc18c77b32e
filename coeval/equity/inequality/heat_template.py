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
    base = table.reset_index(drop=True)
    columns: dict = {name: base[name] for name in base.columns}
    for column in NUMERIC_COLUMNS:
        columns[column] = _numbers(table[column], column, file)
    for column in TEXT_COLUMNS:
        values = table[column]
        empty = values.isna().to_numpy() | (values.astype(str).to_numpy() == "")
        _required(empty, column, file, "is empty")
    for column in STRATUM_COLUMNS:
        values = table[column].astype(object)
        columns[column] = values.where(values.notna(), "").to_numpy()
    for column in ("favourable_indicator", "ordered_dimension"):
        _required(~np.isin(columns[column], [0, 1]), column, file, "must be 0 or 1")
    reference = columns["reference_subgroup"]
    _required(~np.isin(reference, [0, 1]) & ~np.isnan(reference),
              "reference_subgroup", file, "must be 0, 1 or empty")  # fmt: skip
    with np.errstate(invalid="ignore"):
        _required(~(columns["indicator_scale"] > 0), "indicator_scale", file,
                  "must be a number above 0")  # fmt: skip
        _required(columns["population"] < 0, "population", file, "must not be negative")
        _required(columns["se"] < 0, "se", file, "must not be negative")
        _required(columns["ci_lb"] > columns["ci_ub"], "ci_lb", file, "is above ci_ub")
    result = pd.DataFrame(columns, columns=table.columns)
    duplicated = result.duplicated([*STRATUM_COLUMNS, "subgroup"]).to_numpy()
    _required(duplicated, "subgroup", file, "repeats a subgroup already given for this dimension")
    se, lower, upper = columns["se"].copy(), columns["ci_lb"], columns["ci_ub"]
    derive = np.isnan(se) & ~np.isnan(lower) & ~np.isnan(upper)
    if derive.any():
        se[derive] = (upper[derive] - lower[derive]) / (2 * _Z95)
        result["se"] = se
    return result


def _numbers(column: pd.Series, name: str, file: str | None) -> np.ndarray:
    if column.dtype.kind in "fiu":
        return column.to_numpy(dtype=float, copy=True)
    numbers = pd.to_numeric(column, errors="coerce")
    bad = (numbers.isna() & column.notna()).to_numpy()
    _required(bad, name, file, "is not a number", show=column)
    return numbers.to_numpy(dtype=float, na_value=np.nan)


def _required(
    bad: np.ndarray, column: str, file: str | None, problem: str, show: pd.Series | None = None
) -> None:
    if bad.any():
        index = int(np.flatnonzero(bad)[0])
        value = "" if show is None else f" ({show.iloc[index]!r})"
        others = int(bad.sum()) - 1
        more = f"; {others} more row(s) like it" if others else ""
        raise InputError(f"{problem}{value}{more}", file=file, column=column, row=index + 2)
