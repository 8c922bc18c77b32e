"""Quantiles (deprivation deciles, quintiles...) from area values (``phe_quantile``).

Areas are ranked within each group, ties taking the lowest rank, and cut into
``nquantiles`` groups of near-equal count. With ``invert`` the highest value gets
quantile 1 (for indicators where a high value is bad, such as a deprivation score).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from coeval.equity.errors import InputError
from coeval.equity.frames import accepts_arrow
from coeval.equity.indicators.tables import (
    RowChecks,
    as_columns,
    first_reason,
    group_codes,
    numeric,
    require_columns,
)

_TRUE = {"true", "t", "yes", "1"}
_FALSE = {"false", "f", "no", "0"}


@accepts_arrow
def phe_quantile(
    data: pd.DataFrame,
    values: str,
    group_by: str | Iterable[str] = (),
    nquantiles: int = 10,
    invert: bool | str = True,
) -> pd.DataFrame:
    """The input rows with ``quantile`` (1..nquantiles), ``nquantiles``, ``groupvars``,
    ``qinverted`` and ``reason``.

    ``invert`` is True/False for the whole table or names a column of true/false flags,
    which must agree within each group. Rows without a value get no quantile; a group
    with fewer valued areas than quantiles gets none at all.
    """
    if isinstance(nquantiles, bool) or not isinstance(nquantiles, int) or nquantiles < 1:
        raise InputError(f"nquantiles must be a whole number of at least 1, not {nquantiles!r}")
    columns = as_columns(group_by)
    invert_column = [invert] if isinstance(invert, str) else []
    require_columns(data, [values, *columns, *invert_column])
    x = numeric(data, values)
    flags = _invert_flags(data, invert)
    codes = group_codes(data, columns)
    size = int(codes.max()) + 1 if len(codes) else 0

    frame = pd.DataFrame({"x": x, "flag": flags, "code": codes})
    mixed = frame.groupby("code")["flag"].transform("nunique").to_numpy() > 1
    flipped = np.where(flags, -x, x)
    rank = pd.Series(flipped).groupby(codes).rank(method="min", na_option="keep").to_numpy()
    valued = np.bincount(codes, weights=~np.isnan(x), minlength=size)[codes]
    with np.errstate(invalid="ignore", divide="ignore"):
        quantile = np.floor(
            (nquantiles + 1) - np.ceil(((valued + 1) - rank) / (valued / nquantiles))
        )
    quantile[quantile == 0] = 1

    checks = RowChecks(len(data))
    checks.flag(mixed, f"invert column {invert!r} is not the same for every row of the group")
    group_reason = first_reason(checks.reasons, codes, size)[codes]
    few = valued < nquantiles
    reason = np.where(group_reason != "", group_reason, "").astype(object)
    reason[(reason == "") & few] = [
        f"the group has {int(count)} areas with values, fewer than {nquantiles} quantiles"
        for count in valued[(reason == "") & few]
    ]
    reason[(reason == "") & np.isnan(x)] = f"value {values!r} is missing"
    quantile[reason != ""] = np.nan

    result = data.reset_index(drop=True).copy()
    result["quantile"] = quantile
    result["nquantiles"] = nquantiles
    result["groupvars"] = ", ".join(columns)
    result["qinverted"] = np.where(
        flags,
        "lowest quantile represents highest values",
        "lowest quantile represents lowest values",
    )
    result["reason"] = reason
    return result


def _invert_flags(data: pd.DataFrame, invert: bool | str) -> np.ndarray:
    if not isinstance(invert, str):
        if not isinstance(invert, bool | np.bool_):
            raise InputError(f"invert must be True, False or a column name, not {invert!r}")
        return np.full(len(data), bool(invert))
    column = data[invert]
    if pd.api.types.is_bool_dtype(column):
        return column.to_numpy(dtype=bool)
    words = column.astype(str).str.strip().str.lower()
    unknown = ~words.isin(_TRUE | _FALSE)
    if unknown.any():
        position = int(np.flatnonzero(unknown.to_numpy())[0])
        raise InputError(
            f"must hold true or false, but has {column.iloc[position]!r}",
            column=invert,
            row=position + 1,
        )
    return words.isin(_TRUE).to_numpy()
