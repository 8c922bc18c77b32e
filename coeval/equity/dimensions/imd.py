"""Deprivation: the Index of Multiple Deprivation, by decile, quintile or LSOA."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import ibis
import ibis.expr.types as ir
import pandas as pd

from coeval.equity.dimensions.base import (
    MISSING,
    UNRECOGNISED,
    Dimension,
    codes_ibis,
    codes_pandas,
    require_column,
)
from coeval.equity.errors import InputError

EDITIONS = ("IMD2019", "IoD2025")
LEVELS = ("decile", "quintile", "lsoa")
OUTPUTS = ("decile", "quintile", "core20")
CORE20 = "Core20"
NOT_CORE20 = "Not Core20"
# Column names looked for in a lookup file when the spec does not name them.
_CODE_NAMES = ("lsoa_code", "lsoa11cd", "lsoa21cd", "lsoa code (2011)", "lsoa code (2021)", "lsoa")
_DECILE_NAMES = ("imd_decile", "decile", "index of multiple deprivation (imd) decile")


@dataclass(frozen=True)
class Deprivation(Dimension):
    """IMD groups, national deciles and quintiles with 1 the most deprived.

    ``level`` says what the input column holds: an IMD decile, an IMD quintile, or an
    LSOA code looked up in a user-supplied file of deciles. ``output`` is the grouping
    reported. Core20 is national quintile 1. Editions are not comparable, so the edition
    is required and recorded on every output.
    """

    kind = "imd"
    column: str = ""
    edition: str = ""  # type: ignore[assignment]
    level: str = "quintile"
    output: str = "quintile"
    lookup: str | None = None
    lookup_code_column: str | None = None
    lookup_decile_column: str | None = None
    _deciles: dict[str, int] | None = field(default=None, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        require_column(self.column, f"{self.where}: column")
        if self.edition not in EDITIONS:
            raise InputError(
                f"{self.where}: edition must be one of {', '.join(EDITIONS)}, "
                f"not {self.edition!r} (editions are not comparable, so it is required)"
            )
        if self.level not in LEVELS:
            raise InputError(f"{self.where}: level must be one of {', '.join(LEVELS)}")
        if self.output not in OUTPUTS:
            raise InputError(f"{self.where}: output must be one of {', '.join(OUTPUTS)}")
        if self.level == "quintile" and self.output == "decile":
            raise InputError(f"{self.where}: deciles cannot be made from quintiles")
        if (self.level == "lsoa") != (self.lookup is not None):
            raise InputError(f"{self.where}: a lookup file is needed exactly when level is lsoa")

    def source_columns(self) -> tuple[str, ...]:
        return (self.column,)

    def categories(self) -> tuple[str, ...]:
        if self.output == "core20":
            return (CORE20, NOT_CORE20)
        return tuple(str(i) for i in range(1, 11 if self.output == "decile" else 6))

    @property
    def ordered(self) -> bool:
        return True

    def describe_unrecognised(self) -> str:
        if self.level == "lsoa":
            return f"LSOA code not in the {self.edition} lookup file"
        return f"not an IMD {self.level} (1 is most deprived)"

    def _group_of(self) -> dict[str, str]:
        """Input code (decile or quintile) → reported label."""
        top = 10 if self.level in ("decile", "lsoa") else 5
        out = {}
        for code in range(1, top + 1):
            quintile = (code + 1) // 2 if top == 10 else code
            label = {"decile": str(code), "quintile": str(quintile)}.get(self.output)
            out[str(code)] = label or (CORE20 if quintile == 1 else NOT_CORE20)
        return out

    def deciles(self) -> dict[str, int]:
        """The lookup file as LSOA code → decile, read once and checked row by row."""
        if self._deciles is None:
            assert self.lookup is not None
            object.__setattr__(self, "_deciles", self._read_lookup(Path(self.lookup)))
        assert self._deciles is not None
        return self._deciles

    def _read_lookup(self, path: Path) -> dict[str, int]:
        if not path.is_file():
            raise InputError("IMD lookup file not found", file=str(path))
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = list(reader.fieldnames or [])
            code_col = self._pick(header, self.lookup_code_column, _CODE_NAMES, path, "LSOA code")
            decile_col = self._pick(
                header, self.lookup_decile_column, _DECILE_NAMES, path, "decile"
            )
            deciles: dict[str, int] = {}
            for row_number, row in enumerate(reader, start=2):
                code = (row[code_col] or "").strip().upper()
                raw = (row[decile_col] or "").strip()
                if not raw.isdigit() or not 1 <= int(raw) <= 10:
                    raise InputError(
                        f"decile must be a whole number from 1 to 10, not {raw!r}",
                        file=str(path),
                        column=decile_col,
                        row=row_number,
                    )
                if code in deciles:
                    raise InputError(
                        f"LSOA {code} appears twice",
                        file=str(path),
                        column=code_col,
                        row=row_number,
                    )
                deciles[code] = int(raw)
        if not deciles:
            raise InputError("lookup file has no rows", file=str(path))
        return deciles

    @staticmethod
    def _pick(
        header: list[str], chosen: str | None, candidates: tuple[str, ...], path: Path, what: str
    ) -> str:
        if chosen is not None:
            if chosen not in header:
                raise InputError(f"missing {what} column", file=str(path), column=chosen)
            return chosen
        for name in header:
            if name.strip().lower() in candidates:
                return name
        raise InputError(
            f"no {what} column found; name it in the spec (columns are {', '.join(header)})",
            file=str(path),
        )

    def label_ibis(self, table: ir.Table) -> ir.StringValue:
        column = table[self.column]
        if self.level != "lsoa":
            return codes_ibis(column, self._group_of())
        decile = table["_coeval_imd_decile_" + self.name]
        labelled = decile.cast("string").substitute(self._group_of(), else_=UNRECOGNISED)
        missing = column.isnull() | (column.cast("string").strip() == "")
        return ibis.ifelse(missing, ibis.literal(MISSING), labelled)

    def group_key_ibis(self, table: ir.Table) -> ir.Value:
        # An LSOA has too many codes to group by; its label comes from the joined decile.
        return self.label_ibis(table) if self.level == "lsoa" else table[self.column]

    def label_keys(self, keys: pd.Series) -> pd.Series:
        return keys.astype(object) if self.level == "lsoa" else super().label_keys(keys)

    def prepare_ibis(self, table: ir.Table) -> ir.Table:
        if self.level != "lsoa":
            return table
        key = "_coeval_imd_lsoa_" + self.name
        decile = "_coeval_imd_decile_" + self.name
        codes = self.deciles()
        lookup = ibis.memtable(
            pd.DataFrame({key: list(codes), decile: pd.Series(codes.values(), dtype="int64")})
        )
        normalised = table[self.column].cast("string").strip().upper()
        joined = table.left_join(lookup, normalised == lookup[key])
        return joined.drop(key)

    def label_pandas(self, frame: pd.DataFrame) -> pd.Series:
        column = frame[self.column]
        if self.level != "lsoa":
            return codes_pandas(column, self._group_of())
        text = column.astype("string").str.strip().str.upper()
        deciles = text.map(self.deciles()).astype("Int64").astype("string")
        labels = deciles.map(self._group_of()).astype(object).where(deciles.notna(), UNRECOGNISED)
        return labels.mask(text.isna() | (text == ""), MISSING).astype(object)
