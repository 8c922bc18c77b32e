"""Engines: turn an analysis spec and a data source into a small aggregated table."""

from coeval.equity.engines.base import (
    AGE_BAND,
    DENOMINATOR,
    NUMERATOR,
    PERIOD,
    SUM_OF_SQUARES,
    Engine,
)
from coeval.equity.engines.breakdown import breakdown
from coeval.equity.engines.ibis_engine import IbisEngine
from coeval.equity.engines.reference import ReferenceEngine

__all__ = [
    "AGE_BAND",
    "DENOMINATOR",
    "NUMERATOR",
    "PERIOD",
    "SUM_OF_SQUARES",
    "Engine",
    "IbisEngine",
    "ReferenceEngine",
    "breakdown",
]
