"""Turn the data plan's indicator rows into equity analysis specifications.

A row is what the team wrote; the specification is what the equity engine runs. The
specification is stored as the JSON that ``AnalysisSpec.to_dict`` produces, and is
only stored once ``AnalysisSpec.from_dict`` has accepted it.
"""

from coeval.equity.errors import InputError
from coeval.equity.spec import AnalysisSpec

# Column names the engine reads for each breakdown. Teams name their own numerator,
# denominator and period columns; these follow the shared data dictionary.
BREAKDOWN_COLUMNS = {
    "imd": "imd_quintile",
    "ethnicity": "ethnicity",
    "sex": "sex",
    "age": "age",
}


def has_content(row: dict) -> bool:
    return bool(row.get("name") or row.get("numerator_column"))


def spec_dict(row: dict) -> dict:
    """The plain form of the AnalysisSpec a row describes (not yet checked)."""
    kind = row.get("type") or "proportion"
    numerator_column = row.get("numerator_column", "")
    denominator_column = row.get("denominator_column") or None
    indicator: dict = {"name": row.get("name") or "", "type": kind}
    if kind == "proportion":
        indicator["numerator"] = {"where": [{"column": numerator_column, "op": "==", "value": 1}]}
        if denominator_column:
            indicator["denominator"] = {
                "where": [{"column": denominator_column, "op": "==", "value": 1}]
            }
    elif kind == "rate":
        indicator["numerator"] = {"column": numerator_column}
        indicator["denominator"] = {"column": denominator_column}
        indicator["multiplier"] = 1000
    elif kind == "mean":
        indicator["value"] = row.get("value_column") or None
        if numerator_column:
            indicator["numerator"] = {
                "where": [{"column": numerator_column, "op": "==", "value": 1}]
            }
    dimensions = []
    for key in row.get("dimensions") or []:
        dimension = {"kind": key, "name": key, "column": BREAKDOWN_COLUMNS[key]}
        if key == "imd":
            dimension["edition"] = row.get("imd_edition") or "IMD2019"
        dimensions.append(dimension)
    data: dict = {"indicator": indicator, "dimensions": dimensions}
    if row.get("period_column"):
        periods = [p.strip() for p in (row.get("periods") or "").split(",") if p.strip()]
        data["periods"] = {"column": row["period_column"], "values": periods}
    return data


def build_spec(row: dict) -> AnalysisSpec:
    """The checked specification; raises InputError in the engine's own words."""
    if not (row.get("numerator_column") or row.get("type") == "mean"):
        raise InputError("name the numerator column in the data")
    return AnalysisSpec.from_dict(spec_dict(row))


def check_indicators(rows: list[dict], problems) -> None:
    for i, row in enumerate(rows):
        label = f"Indicator {i + 1}"
        if not has_content(row):
            continue
        if not row.get("name"):
            problems.add(f"id_indicators-{i}-name", f"{label}: give the indicator a name")
        if "imd" not in (row.get("dimensions") or []) and not row.get("no_socioeconomic_reason"):
            problems.add(
                f"id_indicators-{i}-dimensions_0",
                f"{label}: break it down by deprivation, or say why you cannot",
            )
        try:
            build_spec(row)
        except InputError as error:
            problems.add(
                f"id_indicators-{i}-numerator_column",
                f"{label}: the equity engine could not use it: {error}",
            )


def specs_for(rows: list[dict]) -> list[tuple[int, dict, dict]]:
    """(position, row, spec JSON) for each complete row the engine accepts."""
    out = []
    for i, row in enumerate(rows):
        if not has_content(row):
            continue
        try:
            out.append((i, row, build_spec(row).to_dict()))
        except InputError:
            continue
    return out
