"""What every engine promises, and the pieces they share.

An engine turns (spec, source) into a small aggregated table: one row per combination
of dimension groups × period (× age band for a DSR), with the columns below. Engines
differ only in *where* the work happens; the reference engine is the oracle.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa

from coeval.equity.dimensions import AgeBands, Dimension
from coeval.equity.errors import InputError
from coeval.equity.sources import DataSource, open_source
from coeval.equity.spec import AnalysisSpec, Source

PERIOD = "period"
AGE_BAND = "age_band"
NUMERATOR = "numerator"
DENOMINATOR = "denominator"
SUM_OF_SQUARES = "sum_of_squares"  # for a mean: numerator is the sum, denominator the n
RESERVED = (PERIOD, AGE_BAND, NUMERATOR, DENOMINATOR, SUM_OF_SQUARES)


class Engine(ABC):
    name: str

    def aggregate(
        self,
        spec: AnalysisSpec,
        source: DataSource | Source | pd.DataFrame | pa.Table | str | None = None,
    ) -> pd.DataFrame:
        """Aggregate ``source`` (or the spec's own source) as the spec says: a path, a
        ``Source``, a DataFrame or an Arrow table."""
        if source is None:
            if spec.source is None:
                raise InputError("no data: the spec has no source and none was given")
            source = spec.source
        data = open_source(source)
        check_dimension_names(d.name for d in spec.dimensions)
        data.require(spec.source_columns())
        return finish(self._aggregate(spec, data), spec)

    @abstractmethod
    def _aggregate(self, spec: AnalysisSpec, source: DataSource) -> pd.DataFrame:
        """The raw aggregate: key columns, then the value columns of :func:`value_columns`."""


RESERVED_MEANING = {
    PERIOD: "the period of each row",
    AGE_BAND: "the ESP2013 age band the engine adds for a directly standardised rate",
    NUMERATOR: "the numerator count",
    DENOMINATOR: "the denominator count",
    SUM_OF_SQUARES: "the sum of squares of a mean",
}


def check_dimension_names(names: Iterable[str]) -> None:
    """InputError if a dimension is named like a column the engine writes itself."""
    for name in names:
        if name in RESERVED:
            raise InputError(
                f"dimension {name!r}: {name!r} is a reserved column name (the engine uses it "
                f"for {RESERVED_MEANING[name]}); give the dimension another name, such as "
                f'name = "{name}_group" (the data column can keep its name)'
            )


def key_columns(spec: AnalysisSpec) -> list[str]:
    keys = [d.name for d in spec.grouping_dimensions]
    if spec.periods:
        keys.append(PERIOD)
    if spec.indicator.type == "dsr":
        keys.append(AGE_BAND)
    return keys


def value_columns(spec: AnalysisSpec) -> list[str]:
    extra = [SUM_OF_SQUARES] if spec.indicator.type == "mean" else []
    return [NUMERATOR, DENOMINATOR, *extra]


def age_band_dimension(spec: AnalysisSpec) -> AgeBands:
    """Ages banded as the standard population is, for direct standardisation."""
    assert spec.indicator.age is not None
    return AgeBands(
        AGE_BAND, column=spec.indicator.age, bands=spec.standard_population.lower_bounds
    )


def finish(raw: pd.DataFrame, spec: AnalysisSpec) -> pd.DataFrame:
    """Give every engine's output the same shape, order and types."""
    keys, values = key_columns(spec), value_columns(spec)
    table = raw[keys + values].copy()
    for column in keys:
        table[column] = table[column].astype(str)
    for column in values:
        numbers = pd.to_numeric(table[column].astype("float64")).fillna(0.0)
        whole = bool(np.all(numbers == np.round(numbers)))
        table[column] = numbers.astype("int64") if whole and column != SUM_OF_SQUARES else numbers
    table = table.sort_values(keys, kind="stable").reset_index(drop=True) if keys else table
    table.attrs["editions"] = editions(spec.grouping_dimensions)
    table.attrs["indicator"] = spec.indicator.name
    return table


def editions(dimensions: tuple[Dimension, ...]) -> dict[str, str]:
    return {d.name: d.edition for d in dimensions if d.edition}
