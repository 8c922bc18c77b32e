"""The reference engine: plain pandas, batch by batch. Slow, simple, and the oracle."""

from __future__ import annotations

import pandas as pd

from coeval.equity.dimensions.base import text_keys
from coeval.equity.engines.base import (
    AGE_BAND,
    DENOMINATOR,
    NUMERATOR,
    PERIOD,
    SUM_OF_SQUARES,
    Engine,
    age_band_dimension,
    key_columns,
    value_columns,
)
from coeval.equity.engines.checks import check_counts, check_labels, row_mask
from coeval.equity.sources import DataSource
from coeval.equity.spec import AnalysisSpec


class ReferenceEngine(Engine):
    name = "reference"

    def _aggregate(self, spec: AnalysisSpec, source: DataSource) -> pd.DataFrame:
        keys, values = key_columns(spec), value_columns(spec)
        parts = [
            aggregate_batch(spec, batch, source.label)
            for batch in source.batches(spec.source_columns())
        ]
        parts = [p for p in parts if not p.empty]
        if not parts:
            return pd.DataFrame(columns=keys + values)
        combined = pd.concat(parts, ignore_index=True)
        if not keys:
            return combined.sum().to_frame().T
        return combined.groupby(keys, sort=False).sum().reset_index()


def aggregate_batch(spec: AnalysisSpec, frame: pd.DataFrame, file: str) -> pd.DataFrame:
    """Aggregate one batch, checking every row on the way (the engines' row checks)."""
    indicator = spec.indicator
    frame = frame[row_mask(frame, indicator.denominator.where)]
    keys: dict[str, pd.Series] = {}
    for dimension in spec.grouping_dimensions:
        labels = dimension.label_pandas(frame)
        check_labels(dimension, frame, labels, file)
        keys[dimension.name] = labels
    if spec.periods:
        period = text_keys(frame[spec.periods.column])
        if spec.periods.values:
            wanted = period.isin(spec.periods.labels())
            frame, period = frame[wanted], period[wanted]
            keys = {name: labels[wanted] for name, labels in keys.items()}
        keys[PERIOD] = period
    if indicator.type == "dsr":
        bands = age_band_dimension(spec)
        keys[AGE_BAND] = bands.label_pandas(frame)
        check_labels(bands, frame, keys[AGE_BAND], file)
    in_numerator = row_mask(frame, indicator.numerator.where)
    check_counts(spec, frame, in_numerator, file)
    columns: dict[str, pd.Series] = {}
    if indicator.type == "mean":
        assert indicator.value is not None
        value = frame[indicator.value].astype("float64").where(in_numerator)
        columns[NUMERATOR] = value.fillna(0.0)
        columns[DENOMINATOR] = value.notna().astype("int64")
        columns[SUM_OF_SQUARES] = (value**2).fillna(0.0)
    else:
        top = frame[indicator.numerator.column] if indicator.numerator.column else 1
        bottom = frame[indicator.denominator.column] if indicator.denominator.column else 1
        columns[NUMERATOR] = in_numerator.astype("int64") * top
        columns[DENOMINATOR] = pd.Series(bottom, index=frame.index)
    table = pd.DataFrame({**keys, **columns}, index=frame.index)
    names = key_columns(spec)
    if not names:
        return table[value_columns(spec)].sum().to_frame().T
    return table.groupby(names, sort=False)[value_columns(spec)].sum().reset_index()
