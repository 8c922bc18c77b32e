"""The one abstract base that every equity dimension plugs into.

A dimension turns one or more source columns into a group label, in two ways that must
agree: as an Ibis expression (for the database engines) and as a pandas Series (for the
reference engine and for finding the rows behind an error).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from coeval.equity.errors import InputError

# Labels that never collide with real categories. UNRECOGNISED marks a code the
# dimension does not know; the engines turn it into an error naming the rows.
MISSING = "Unknown"
UNRECOGNISED = "\u2047unrecognised"

_REGISTRY: dict[str, type[Dimension]] = {}


@dataclass(frozen=True)
class Dimension(ABC):
    """A way of splitting the population into groups, such as IMD quintile."""

    kind: ClassVar[str]
    name: str

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "kind" in cls.__dict__:
            _REGISTRY[cls.kind] = cls

    def __post_init__(self) -> None:
        _require_name(self.name, f"dimension {self.kind!r}: name")

    @property
    def where(self) -> str:
        return f"dimension {self.name!r}"

    @abstractmethod
    def source_columns(self) -> tuple[str, ...]:
        """The input columns this dimension reads."""

    def categories(self) -> tuple[str, ...] | None:
        """Labels in their natural order, or None when they come from the data."""
        return None

    @property
    def ordered(self) -> bool:
        """Whether the groups have a social order (needed for SII, ACI and RCI)."""
        return False

    @property
    def edition(self) -> str | None:
        """The IMD edition behind the groups, recorded on every output."""
        return None

    @abstractmethod
    def label_ibis(self, table: ir.Table) -> ir.StringValue:
        """The group label of each row, as an Ibis expression over ``table``."""

    @abstractmethod
    def label_pandas(self, frame: pd.DataFrame) -> pd.Series:
        """The group label of each row, computed in pandas; must agree with label_ibis."""

    def group_key_ibis(self, table: ir.Table) -> ir.Value:
        """A cheap key to GROUP BY in the database, labelled later by :meth:`label_keys`.

        Grouping by the raw code and labelling the few distinct codes afterwards keeps
        the big query as fast as a hand-written GROUP BY.
        """
        return table[self.source_columns()[0]]

    def label_keys(self, keys: pd.Series) -> pd.Series:
        """Labels for the distinct keys that :meth:`group_key_ibis` produced."""
        return self.label_pandas(pd.DataFrame({self.source_columns()[0]: keys}))

    def prepare_ibis(self, table: ir.Table) -> ir.Table:
        """Join anything the label needs (such as a lookup file). Default: nothing."""
        return table

    def describe_unrecognised(self) -> str:
        return "unknown code"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None or f.name.startswith("_"):
                continue
            out[f.name] = list(value) if isinstance(value, tuple) else value
        return out


def dimension_from_dict(data: Mapping[str, Any], where: str = "dimension") -> Dimension:
    """Build a dimension from its serialised form, naming any bad key."""
    if not isinstance(data, Mapping):
        raise InputError(f"{where} must be a table of settings, not {data!r}")
    kind = data.get("kind")
    if kind not in _REGISTRY:
        known = ", ".join(sorted(_REGISTRY))
        raise InputError(f"{where}.kind must be one of {known}, not {kind!r}")
    cls = _REGISTRY[kind]
    allowed = {f.name for f in fields(cls) if not f.name.startswith("_")}
    unknown = sorted(set(data) - allowed - {"kind"})
    if unknown:
        raise InputError(
            f"{where}: unknown key {unknown[0]!r} for a {kind} dimension; "
            f"known keys are {', '.join(sorted(allowed))}"
        )
    kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k != "kind"}
    try:
        return cls(**kwargs)  # type: ignore[arg-type]
    except TypeError as error:
        raise InputError(f"{where}: {error}") from None


def known_kinds() -> tuple[str, ...]:
    return tuple(sorted(_REGISTRY))


def _require_name(value: object, where: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where} must be a non-empty text, not {value!r}")


def require_column(value: object, where: str) -> None:
    _require_name(value, where)


# Code lists: most dimensions map codes written in several ways (1, "1", "Male", "m")
# to one label. Keys are upper-cased text; numeric columns are matched by number.


def codes_ibis(column: ir.Column, codes: Mapping[str, str]) -> ir.StringValue:
    if column.type().is_numeric():
        numeric = [(float(k), v) for k, v in codes.items() if _is_number(k)]
        branches = [(column == number, ibis.literal(label)) for number, label in numeric]
        labelled = ibis.cases(*branches, else_=ibis.literal(UNRECOGNISED))
    else:
        normalised = column.cast("string").strip().upper()
        labelled = normalised.substitute(dict(codes), else_=UNRECOGNISED)
    return ibis.ifelse(column.isnull(), ibis.literal(MISSING), labelled)


def codes_pandas(column: pd.Series, codes: Mapping[str, str]) -> pd.Series:
    keys = text_keys(column).str.strip().str.upper()
    labels = keys.map(dict(codes)).fillna(UNRECOGNISED)
    return labels.mask(column.isna(), MISSING).astype(object)


def text_keys(column: pd.Series) -> pd.Series:
    """Values as text, writing whole numbers without a decimal point."""
    if pd.api.types.is_bool_dtype(column):
        return column.map({True: "true", False: "false"}).astype(object)
    if pd.api.types.is_numeric_dtype(column):
        numbers = column.astype("float64")
        whole = np.isfinite(numbers) & (numbers == np.round(numbers))
        text = numbers.astype(str)
        ints = numbers.where(whole, 0).astype("int64").astype(str)
        return ints.where(whole, text).mask(column.isna()).astype(object)
    return column.astype(object).where(column.isna(), column.astype(str))


def text_ibis(column: ir.Column) -> ir.StringValue:
    """The Ibis twin of :func:`text_keys`."""
    dtype = column.type()
    if dtype.is_boolean():
        return ibis.ifelse(column, "true", "false")
    if dtype.is_integer():
        return column.cast("string")
    if dtype.is_floating():
        whole = column == column.round()
        return ibis.ifelse(whole, column.cast("int64").cast("string"), column.cast("string"))
    return column.cast("string")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
