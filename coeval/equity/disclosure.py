"""Statistical disclosure control: the one place where small counts are hidden.

Every table that leaves the engine passes through :func:`apply`. Small counts are
suppressed, the rest rounded, and enough further cells are suppressed that no hidden
count can be worked out by subtracting the published cells from a published total.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from coeval.equity.errors import InputError

RULE_COLUMN = "disclosure_rule"


@dataclass(frozen=True)
class DisclosureRule:
    """How counts are protected. The default is NHS and OpenSAFELY practice."""

    suppress_min: int = 1
    suppress_max: int = 7
    round_to: int = 5
    secondary: bool = True

    def __post_init__(self) -> None:
        for name in ("suppress_min", "suppress_max", "round_to"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise InputError(f"disclosure.{name} must be a whole number ≥ 0, not {value!r}")
        if self.suppress_max and self.suppress_min > self.suppress_max:
            raise InputError(
                f"disclosure.suppress_min ({self.suppress_min}) is above "
                f"disclosure.suppress_max ({self.suppress_max})"
            )
        if not isinstance(self.secondary, bool):
            raise InputError(f"disclosure.secondary must be true or false, not {self.secondary!r}")

    @classmethod
    def none(cls) -> DisclosureRule:
        """No protection, for data that never leaves the private area."""
        return cls(suppress_min=0, suppress_max=0, round_to=0, secondary=False)

    def describe(self) -> str:
        parts = []
        if self.suppress_max:
            parts.append(f"suppress {self.suppress_min}–{self.suppress_max}")
        if self.round_to > 1:
            parts.append(f"round to {self.round_to}")
        if self.secondary and self.suppress_max:
            parts.append("secondary suppression")
        return "; ".join(parts) if parts else "no disclosure control"

    def is_small(self, counts: pd.Series) -> pd.Series:
        if not self.suppress_max:
            return pd.Series(False, index=counts.index)
        return counts.between(self.suppress_min, self.suppress_max) & counts.notna()

    def round(self, counts: pd.Series) -> pd.Series:
        if self.round_to <= 1:
            return counts
        # Halves round up (12.5 → 15), as in OpenSAFELY, never to even.
        rounded = np.floor(counts.astype("float64") / self.round_to + 0.5) * self.round_to
        return pd.Series(rounded, index=counts.index).astype("Int64")


def apply(
    table: pd.DataFrame,
    rule: DisclosureRule,
    count_columns: Sequence[str],
    *,
    groups: Iterable[Sequence[str]] = ((),),
    derived_columns: Sequence[str] = (),
) -> pd.DataFrame:
    """Return a protected copy of ``table``; suppressed values become NA.

    ``groups`` lists the groupings whose cells add up to a published total: each is a
    list of key columns, and ``()`` means the whole table is one group. For a breakdown
    by dimension and period pass ``[["dimension", "period"]]``; for a two-way table pass
    both margins. ``derived_columns`` (rates, intervals) are suppressed on any row where
    one of its counts is suppressed, because a rate gives its count away.
    """
    missing = [c for c in [*count_columns, *derived_columns] if c not in table.columns]
    if missing:
        raise InputError(f"cannot apply disclosure control: no column {missing[0]!r} in table")
    out = table.copy()
    hidden: dict[str, pd.Series] = {}
    numbers: dict[str, pd.Series] = {}
    for column in count_columns:
        counts = numbers[column] = pd.to_numeric(out[column], errors="raise")
        if (counts < 0).any():
            row = int(np.flatnonzero((counts < 0).to_numpy())[0])
            raise InputError("negative count", column=column, row=row + 1)
        hidden[column] = rule.is_small(counts)
        if rule.secondary:
            hidden[column] = _secondary(out, counts, hidden[column], [list(g) for g in groups])
    for column in count_columns:
        out[column] = rule.round(numbers[column]).astype("Int64").mask(hidden[column])
    any_hidden = pd.Series(
        np.logical_or.reduce(
            [hidden[c].to_numpy(dtype=bool) for c in count_columns],
            initial=False,
        )
        if count_columns
        else np.zeros(len(out), dtype=bool),
        index=out.index,
    )
    for column in derived_columns:
        out[column] = out[column].mask(any_hidden)
    out[RULE_COLUMN] = rule.describe()
    out.attrs["disclosure"] = rule.describe()
    return out


def _secondary(
    table: pd.DataFrame, counts: pd.Series, hidden: pd.Series, groups: list[list[str]]
) -> pd.Series:
    """Hide more cells until no group has exactly one hidden cell.

    With two or more hidden cells in a group, the total minus the published cells gives
    only their sum, never one of them. Hiding a cell can leave another grouping with a
    single hidden cell, so repeat until nothing changes.
    """
    hide = hidden.to_numpy(dtype=bool).copy()
    if not hide.any():  # no hidden cell, so no group can have exactly one
        return pd.Series(hide, index=hidden.index)
    values = pd.to_numeric(counts).to_numpy(dtype=float)
    nonzero = values > 0
    # Prefer the smallest non-zero cell: it loses least information, and a hidden zero
    # would add nothing to the sum that protects the small cell. Ties go to the first.
    preference = np.lexsort((np.arange(len(values)), np.nan_to_num(values, nan=np.inf), ~nonzero))
    rank = np.empty(len(values), dtype=np.int64)
    rank[preference] = np.arange(len(values))
    labels = [
        table.groupby(keys, dropna=False, sort=False, observed=True).ngroup().to_numpy()
        if keys
        else np.zeros(len(table), dtype=np.int64)
        for keys in groups
    ]
    changed = True
    while changed:
        changed = False
        for group in labels:
            sizes = np.bincount(group)
            lone = (np.bincount(group, weights=hide) == 1) & (sizes >= 2)
            if not lone.any():
                continue
            candidate = lone[group] & ~hide
            if not candidate.any():
                continue
            # The best-ranked candidate of each group with a lone hidden cell.
            rows = np.flatnonzero(candidate)
            order = rows[np.lexsort((rank[rows], group[rows]))]
            first = np.ones(len(order), dtype=bool)
            first[1:] = group[order][1:] != group[order][:-1]
            hide[order[first]] = True
            changed = True
    return pd.Series(hide, index=hidden.index)
