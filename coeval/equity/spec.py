"""The analysis specification: an immutable description of *what* to compute.

Every part is a frozen dataclass that checks itself when built, so an invalid spec
cannot exist. Engines read it to aggregate; the statistics read it to estimate. It
round-trips losslessly through TOML and JSON, and bad keys are named in the error.
"""

from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import tomli_w

from coeval.equity.dimensions import Dimension, Intersection, dimension_from_dict
from coeval.equity.disclosure import DisclosureRule
from coeval.equity.errors import InputError

Scalar = str | int | float | bool

OPERATORS = ("==", "!=", "<", "<=", ">", ">=", "in", "not in", "is null", "not null")
INDICATOR_TYPES = ("proportion", "rate", "mean", "dsr")
# The PHEindicatormethods default for each type; the spec records which was used.
DEFAULT_METHODS = {"proportion": "wilson", "rate": "byars", "mean": "student_t", "dsr": "dobson"}
METHODS = {
    "proportion": ("wilson",),
    "rate": ("byars", "exact"),
    "mean": ("student_t",),
    "dsr": ("dobson",),
}
FORMATS = ("csv", "parquet", "excel", "table")
ESP2013_WEIGHTS = (
    5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
    7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000,
)  # fmt: skip


@dataclass(frozen=True)
class Filter:
    """One condition on a row, such as ``attended == 1``. Missing values never match."""

    column: str
    op: str = "=="
    value: Scalar | tuple[Scalar, ...] | None = None

    def __post_init__(self) -> None:
        _text(self.column, "filter column")
        if self.op not in OPERATORS:
            raise InputError(f"filter op must be one of {', '.join(OPERATORS)}, not {self.op!r}")
        needs_list = self.op in ("in", "not in")
        if self.op in ("is null", "not null"):
            if self.value is not None:
                raise InputError(f"filter on {self.column!r}: {self.op!r} takes no value")
        elif needs_list != isinstance(self.value, tuple) or self.value is None:
            wanted = "a list of values" if needs_list else "one value"
            raise InputError(f"filter on {self.column!r}: {self.op!r} needs {wanted}")

    def describe(self) -> str:
        value = (
            ""
            if self.value is None
            else f" {list(self.value) if isinstance(self.value, tuple) else self.value!r}"
        )
        return f"{self.column} {self.op}{value}"


@dataclass(frozen=True)
class Count:
    """How a numerator or denominator is counted.

    Patient-level rows: the number of rows where every filter holds. Pre-aggregated
    counts: the sum of ``column`` over those rows.
    """

    where: tuple[Filter, ...] = ()
    column: str | None = None

    def __post_init__(self) -> None:
        if self.column is not None:
            _text(self.column, "count column")

    def source_columns(self) -> tuple[str, ...]:
        columns = [f.column for f in self.where]
        return tuple(dict.fromkeys([*columns, *([self.column] if self.column else [])]))

    def describe(self) -> str:
        what = f"sum of {self.column}" if self.column else "rows"
        return what + (
            " where " + " and ".join(f.describe() for f in self.where) if self.where else ""
        )


@dataclass(frozen=True)
class Indicator:
    """What is measured. The numerator is always counted among denominator rows.

    ``value`` is the column averaged by a mean; ``age`` is the column of ages in years
    used to standardise a DSR against the standard population.
    """

    name: str
    type: str
    numerator: Count = field(default_factory=Count)
    denominator: Count = field(default_factory=Count)
    method: str = ""
    multiplier: float = 1
    value: str | None = None
    age: str | None = None

    def __post_init__(self) -> None:
        _text(self.name, "indicator.name")
        if self.type not in INDICATOR_TYPES:
            raise InputError(
                f"indicator.type must be one of {', '.join(INDICATOR_TYPES)}, not {self.type!r}"
            )
        if not self.method:
            object.__setattr__(self, "method", DEFAULT_METHODS[self.type])
        if self.method not in METHODS[self.type]:
            raise InputError(
                f"indicator.method for a {self.type} must be one of "
                f"{', '.join(METHODS[self.type])}, not {self.method!r}"
            )
        if isinstance(self.multiplier, bool) or not isinstance(self.multiplier, int | float):
            raise InputError(f"indicator.multiplier must be a number, not {self.multiplier!r}")
        if not math.isfinite(self.multiplier) or self.multiplier <= 0:
            raise InputError(f"indicator.multiplier must be above 0, not {self.multiplier!r}")
        if (self.type == "mean") != (self.value is not None):
            raise InputError("indicator.value (the column averaged) is needed exactly for a mean")
        if (self.type == "dsr") != (self.age is not None):
            raise InputError("indicator.age (age in years) is needed exactly for a dsr")
        if self.type in ("rate", "dsr") and self.denominator.column is None:
            raise InputError(
                f"indicator.denominator.column is needed for a {self.type}: "
                "a population or person-time column, not a count of rows"
            )

    def source_columns(self) -> tuple[str, ...]:
        extra = [c for c in (self.value, self.age) if c]
        columns = [*self.denominator.source_columns(), *self.numerator.source_columns(), *extra]
        return tuple(dict.fromkeys(columns))


@dataclass(frozen=True)
class Change:
    """A before/after comparison: which periods are before the change and which after."""

    before: tuple[Scalar, ...]
    after: tuple[Scalar, ...]

    def __post_init__(self) -> None:
        if not self.before or not self.after:
            raise InputError("periods.change needs at least one period before and one after")
        overlap = {str(p) for p in self.before} & {str(p) for p in self.after}
        if overlap:
            raise InputError(f"periods.change: {sorted(overlap)[0]!r} is both before and after")


@dataclass(frozen=True)
class Periods:
    """The period column and the periods to compare (all periods when none are listed)."""

    column: str
    values: tuple[Scalar, ...] = ()
    change: Change | None = None

    def __post_init__(self) -> None:
        _text(self.column, "periods.column")
        if len({str(v) for v in self.values}) != len(self.values):
            raise InputError("periods.values lists a period twice")
        if self.change and self.values:
            listed = {str(v) for v in self.values}
            for period in (*self.change.before, *self.change.after):
                if str(period) not in listed:
                    raise InputError(f"periods.change: {period!r} is not in periods.values")

    def labels(self) -> tuple[str, ...]:
        return tuple(str(v) for v in self.values)


@dataclass(frozen=True)
class StandardPopulation:
    """Weights by age band (given by lower bounds) for direct standardisation."""

    name: str = "ESP2013"
    lower_bounds: tuple[int, ...] = tuple(range(0, 95, 5))
    weights: tuple[float, ...] = ESP2013_WEIGHTS

    def __post_init__(self) -> None:
        _text(self.name, "standard_population.name")
        if len(self.lower_bounds) != len(self.weights) or not self.weights:
            raise InputError("standard_population needs one weight per age band")
        if any(w < 0 for w in self.weights) or self.lower_bounds[0] != 0:
            raise InputError("standard_population weights must be ≥ 0 and bands start at age 0")
        if list(self.lower_bounds) != sorted(set(self.lower_bounds)):
            raise InputError("standard_population lower_bounds must rise")


@dataclass(frozen=True)
class Source:
    """Where the rows are: a CSV, Parquet or Excel file, or a database table."""

    path: str | None = None
    format: str | None = None
    table: str | None = None
    sheet: str | None = None
    connection: str | None = None

    def __post_init__(self) -> None:
        if (self.path is None) == (self.table is None):
            raise InputError("source needs exactly one of path (a file) or table (a database)")
        if self.format is None:
            object.__setattr__(self, "format", _format_of(self.path) if self.path else "table")
        if self.format not in FORMATS:
            raise InputError(f"source.format must be one of {', '.join(FORMATS)}")


@dataclass(frozen=True)
class AnalysisSpec:
    """One equity analysis: an indicator broken down by dimensions over periods."""

    indicator: Indicator
    dimensions: tuple[Dimension, ...] = ()
    periods: Periods | None = None
    standard_population: StandardPopulation = field(default_factory=StandardPopulation)
    confidence: tuple[float, ...] = (0.95, 0.998)
    disclosure: DisclosureRule = field(default_factory=DisclosureRule)
    source: Source | None = None

    def __post_init__(self) -> None:
        names = [d.name for d in self.dimensions]
        duplicated = {n for n in names if names.count(n) > 1}
        if duplicated:
            raise InputError(f"dimensions: the name {sorted(duplicated)[0]!r} is used twice")
        for dimension in self.dimensions:
            if isinstance(dimension, Intersection):
                for part in dimension.of:
                    if part not in names or isinstance(self.dimension(part), Intersection):
                        raise InputError(
                            f"dimension {dimension.name!r}: {part!r} is not a dimension of this spec"
                        )
        if not self.confidence:
            raise InputError("confidence needs at least one level, such as 0.95")
        for level in self.confidence:
            if isinstance(level, bool) or not isinstance(level, int | float) or not 0 < level < 1:
                raise InputError(f"confidence levels must lie between 0 and 1, not {level!r}")

    def dimension(self, name: str) -> Dimension:
        for dimension in self.dimensions:
            if dimension.name == name:
                return dimension
        raise KeyError(name)

    @property
    def grouping_dimensions(self) -> tuple[Dimension, ...]:
        """Dimensions that read columns; intersections are summed out of these."""
        return tuple(d for d in self.dimensions if not isinstance(d, Intersection))

    def source_columns(self) -> tuple[str, ...]:
        columns = [c for d in self.grouping_dimensions for c in d.source_columns()]
        columns += list(self.indicator.source_columns())
        if self.periods:
            columns.append(self.periods.column)
        return tuple(dict.fromkeys(columns))

    # Serialisation ---------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return _to_plain(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AnalysisSpec:
        return _from_plain(cls, data, "spec")

    def to_toml(self) -> str:
        return tomli_w.dumps(self.to_dict())

    @classmethod
    def from_toml(cls, text: str) -> AnalysisSpec:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise InputError(f"the spec is not valid TOML: {error}") from None
        return cls.from_dict(data)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> AnalysisSpec:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(f"the spec is not valid JSON: {error}") from None
        return cls.from_dict(data)


def load_spec(path: str | Path) -> AnalysisSpec:
    """Read a .toml or .json spec; file paths inside it are relative to the spec file."""
    path = Path(path)
    if not path.is_file():
        raise InputError("spec file not found", file=str(path))
    text = path.read_text(encoding="utf-8")
    try:
        spec = (AnalysisSpec.from_json if path.suffix == ".json" else AnalysisSpec.from_toml)(text)
    except InputError as error:
        raise InputError(str(error), file=str(path)) from None
    return _resolve_paths(spec, path.parent)


def _resolve_paths(spec: AnalysisSpec, base: Path) -> AnalysisSpec:
    from dataclasses import replace

    def resolve(value: str | None) -> str | None:
        return value if value is None or Path(value).is_absolute() else str(base / value)

    dimensions = tuple(
        replace(d, lookup=resolve(d.lookup)) if getattr(d, "lookup", None) else d  # type: ignore[attr-defined, call-arg]
        for d in spec.dimensions
    )
    source = spec.source
    if source is not None and source.path is not None:
        source = replace(source, path=resolve(source.path))
    return replace(spec, dimensions=dimensions, source=source)


# Plain-data conversion, shared by TOML and JSON. TOML has no null, so None is left out.

_NESTED: dict[str, type] = {
    "indicator": Indicator,
    "numerator": Count,
    "denominator": Count,
    "periods": Periods,
    "change": Change,
    "standard_population": StandardPopulation,
    "disclosure": DisclosureRule,
    "source": Source,
}


def _to_plain(value: Any) -> Any:
    if isinstance(value, Dimension):
        return value.to_dict()
    if hasattr(value, "__dataclass_fields__"):
        out = {}
        for f in fields(value):
            item = getattr(value, f.name)
            if item is not None and f.init:
                out[f.name] = _to_plain(item)
        return out
    if isinstance(value, tuple):
        return [_to_plain(v) for v in value]
    return value


def _from_plain(cls: type, data: Any, where: str) -> Any:
    if not isinstance(data, Mapping):
        raise InputError(f"{where} must be a table of settings, not {data!r}")
    known = {f.name: f for f in fields(cls) if f.init}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise InputError(
            _at(where, f"unknown key {unknown[0]!r}; known keys are {', '.join(sorted(known))}")
        )
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        here = f"{where}.{key}" if where != "spec" else key
        if key == "dimensions":
            if not isinstance(value, list):
                raise InputError("dimensions must be a list of tables")
            kwargs[key] = tuple(
                dimension_from_dict(d, f"dimensions[{i}]") for i, d in enumerate(value)
            )
        elif key == "where":
            if not isinstance(value, list):
                raise InputError(f"{here} must be a list of filters")
            kwargs[key] = tuple(_from_plain(Filter, f, f"{here}[{i}]") for i, f in enumerate(value))
        elif key in _NESTED:
            kwargs[key] = _from_plain(_NESTED[key], value, here)
        elif isinstance(value, list):
            kwargs[key] = tuple(value)
        else:
            kwargs[key] = value
    try:
        return cls(**kwargs)
    except InputError as error:
        message = str(error)
        raise InputError(message if message.startswith(where) else _at(where, message)) from None
    except TypeError as error:
        raise InputError(_at(where, str(error))) from None


def _at(where: str, message: str) -> str:
    return message if where == "spec" else f"{where}: {message}"


def _text(value: object, where: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where} must be a non-empty text, not {value!r}")


def _format_of(path: str) -> str:
    if Path(path).is_dir():
        return "parquet"  # a folder of Parquet files, as Spark and DuckDB write them
    suffix = Path(path).suffix.lower()
    formats = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".xlsx": "excel"}
    if suffix not in formats:
        raise InputError(
            f"cannot tell the format of {path!r} from its name; set source.format", file=path
        )
    return formats[suffix]
