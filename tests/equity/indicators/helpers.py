"""Comparisons with the tolerances that ../shared/reference/phe/README.md sets."""

import math

import pandas as pd


def same_number(got: float, expected: float, rel: float = 1e-9, absolute: float = 0.0) -> bool:
    """Relative 1e-9 (absolute 1e-12 at zero); NA only matches NA."""
    if pd.isna(expected) or pd.isna(got):
        return pd.isna(expected) and pd.isna(got)
    if expected == 0:
        return abs(got) <= max(1e-12, absolute)
    return abs(got - expected) <= absolute + rel * abs(expected)


def assert_columns_match(got: pd.DataFrame, expected: pd.DataFrame, columns, **tolerance) -> None:
    """Every named column agrees row by row; the message lists every mismatch."""
    assert len(got) == len(expected), f"{len(got)} rows, expected {len(expected)}"
    problems = []
    for row in range(len(expected)):
        for column in columns:
            g, e = got[column].iloc[row], expected[column].iloc[row]
            if pd.isna(g) and pd.isna(e):
                ok = True
            elif isinstance(e, str) or isinstance(g, str):
                ok = g == e
            else:
                ok = same_number(float(g), float(e), **tolerance)
            if not ok:
                problems.append(f"row {row}, {column}: got {g!r}, expected {e!r}")
    assert not problems, "\n".join(problems)


def finite(value: float) -> bool:
    return not math.isnan(value) and not math.isinf(value)
