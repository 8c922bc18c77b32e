"""Equity dimensions: deprivation, ethnicity, age, sex, any column, and intersections."""

from coeval.equity.dimensions.age import ESP2013_LOWER_BOUNDS, AgeBands, band_labels
from coeval.equity.dimensions.base import (
    MISSING,
    UNRECOGNISED,
    Dimension,
    dimension_from_dict,
    known_kinds,
)
from coeval.equity.dimensions.column import Column
from coeval.equity.dimensions.ethnicity import Ethnicity
from coeval.equity.dimensions.imd import CORE20, EDITIONS, NOT_CORE20, Deprivation
from coeval.equity.dimensions.intersection import SEPARATOR, Intersection
from coeval.equity.dimensions.sex import Sex

__all__ = [
    "CORE20",
    "EDITIONS",
    "ESP2013_LOWER_BOUNDS",
    "MISSING",
    "NOT_CORE20",
    "SEPARATOR",
    "UNRECOGNISED",
    "AgeBands",
    "Column",
    "Deprivation",
    "Dimension",
    "Ethnicity",
    "Intersection",
    "Sex",
    "band_labels",
    "dimension_from_dict",
    "known_kinds",
]
