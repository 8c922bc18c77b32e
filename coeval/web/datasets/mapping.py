"""Linking a dataset's columns to the equity engine's dimensions.

A mapping is a small dict saved on the dataset. ``suggest`` guesses one from column
names and a few values; ``dimension_dicts`` and ``build_spec`` turn it into the
engine's own AnalysisSpec, so the web app never re-implements a dimension.
"""

import re

from coeval.equity.dimensions.imd import EDITIONS
from coeval.web.datasets import storage

ROLES = ("outcome", "numerator", "denominator", "period", "imd", "ethnicity", "age", "sex")
DIMENSION_ROLES = ("imd", "ethnicity", "age", "sex")
DIMENSION_LABELS = {
    "imd": "Deprivation (IMD quintile)",
    "ethnicity": "Ethnic group",
    "age": "Age band",
    "sex": "Sex",
}
IMD_LEVELS = (
    ("quintile", "IMD quintile (1 to 5)"),
    ("decile", "IMD decile (1 to 10)"),
    ("lsoa", "LSOA code, looked up in an IMD file you upload"),
)
# An English or Welsh LSOA code (2011 or 2021): E01 or W01 and six digits.
LSOA_CODE = re.compile(r"^[EW]01\d{6}$")
# Age bands chosen so that age is a breakdown, not a ranked scale: the SII is kept
# for deprivation, where the programme's question lies.
AGE_BANDS = (0, 45, 65)

_NAME_PATTERNS = {
    "imd": r"imd|depriv|quintile|decile|lsoa",
    "ethnicity": r"ethnic",
    "age": r"^age$|^age_|_age$|age_?years|ageyrs",
    "sex": r"^sex|gender",
    "period": r"year|period|quarter|month|^fy|financial",
    "numerator": r"numerator|^n$|events|count|cases",
    "denominator": r"denominator|population|^pop|invited|eligible|total",
    "outcome": r"outcome|checked|attended|uptake|flag|^had_|received|screened",
}


def suggest(columns: list[dict], samples: dict[str, list], is_aggregated: bool) -> dict:
    """A first guess at the mapping from names, then values; the analyst confirms it."""
    names = [c["name"] for c in columns]
    mapping: dict = {}
    roles = [r for r in ROLES if r != ("outcome" if is_aggregated else "numerator")]
    if not is_aggregated:
        roles.remove("denominator")
    for role in roles:
        for name in names:
            if name in mapping.values():
                continue
            if re.search(_NAME_PATTERNS[role], name.lower()):
                mapping[role] = name
                break
    if not is_aggregated and "outcome" not in mapping:
        for name in names:
            values = {str(v) for v in samples.get(name, [])}
            if values and values <= {"0", "1", "True", "False", "true", "false"}:
                if name not in mapping.values():
                    mapping["outcome"] = name
                    break
    if "outcome" in mapping:
        values = {str(v) for v in samples.get(mapping["outcome"], [])}
        mapping["outcome_value"] = next(
            (v for v in ("1", "True", "true", "Y", "Yes", "yes") if v in values),
            sorted(values)[0] if values else "1",
        )
    if "imd" in mapping:
        column = mapping["imd"]
        values = [str(v).strip().upper() for v in samples.get(column, [])]
        numbers = [_number(v) for v in values]
        biggest = max((n for n in numbers if n is not None), default=0)
        if values and all(LSOA_CODE.match(v) for v in values):
            mapping["imd_level"] = "lsoa"
        elif "decile" in column.lower() or biggest > 5:
            mapping["imd_level"] = "decile"
        else:
            mapping["imd_level"] = "quintile"
        mapping["imd_edition"] = "IoD2025" if "2025" in column else "IMD2019"
    return mapping


def _number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def dimension_dicts(mapping: dict, chosen: list[str] | None = None) -> list[dict]:
    """The engine's dimension settings for the mapped (and chosen) roles."""
    out = []
    for role in DIMENSION_ROLES:
        column = mapping.get(role)
        if not column or (chosen is not None and role not in chosen):
            continue
        if role == "imd":
            imd = {
                "kind": "imd",
                "name": "imd_quintile",
                "column": column,
                "edition": mapping.get("imd_edition") or EDITIONS[0],
                "level": mapping.get("imd_level") or "quintile",
                "output": "quintile",
            }
            if imd["level"] == "lsoa" and mapping.get("imd_lookup"):
                imd["lookup"] = str(storage.absolute(mapping["imd_lookup"]))
            out.append(imd)
        elif role == "ethnicity":
            out.append({"kind": "ethnicity", "name": "ethnic_group", "column": column})
        elif role == "age":
            out.append({"kind": "age", "name": "age_group", "column": column, "bands": AGE_BANDS})
        elif role == "sex":
            out.append({"kind": "sex", "name": "sex", "column": column})
    return out


def outcome_value(mapping: dict, column_type: str):
    """The outcome's 'yes' value in the column's own type, so the filter matches."""
    raw = str(mapping.get("outcome_value", "1"))
    if column_type.upper() == "BOOLEAN":
        return raw.lower() in ("1", "true", "yes", "y")
    if any(t in column_type.upper() for t in ("INT", "DOUBLE", "FLOAT", "DECIMAL", "REAL")):
        number = _number(raw)
        if number is not None:
            return int(number) if number.is_integer() else number
    return raw


def build_spec(
    dataset,
    *,
    indicator_name: str,
    dimensions: list[str],
    before: list[str],
    after: list[str],
    statistic: str = "proportion",
    multiplier: int = 100,
) -> dict:
    """An AnalysisSpec (as a dict) for this dataset's mapping and the form's choices.

    A rate needs counts from a table: patient-level rows give a proportion of people.
    """
    mapping = dataset.mapping
    types = {c["name"]: c.get("type", "") for c in dataset.columns}
    if dataset.is_aggregated:
        indicator = {
            "name": indicator_name,
            "type": statistic,
            "multiplier": multiplier,
            "numerator": {"column": mapping["numerator"]},
            "denominator": {"column": mapping["denominator"]},
        }
    else:
        column = mapping["outcome"]
        indicator = {
            "name": indicator_name,
            "type": "proportion",
            "multiplier": multiplier,
            "numerator": {
                "where": [
                    {
                        "column": column,
                        "op": "==",
                        "value": outcome_value(mapping, types.get(column, "")),
                    }
                ]
            },
        }
    spec: dict = {"indicator": indicator, "dimensions": dimension_dicts(mapping, dimensions)}
    if mapping.get("period"):
        spec["periods"] = {"column": mapping["period"]}
        if before and after:
            spec["periods"]["change"] = {
                "before": [_period(p) for p in before],
                "after": [_period(p) for p in after],
            }
    return spec


def _period(value: str):
    return int(value) if re.fullmatch(r"-?\d+", str(value)) else str(value)


def spec_from_plan(dataset, plan_spec: dict) -> dict:
    """A data plan indicator's spec, with its breakdowns pointed at this dataset's columns.

    The plan names columns from the shared data dictionary; a team's file may call
    them something else, so each breakdown takes the column the analyst matched.
    Raises ValueError, with a message for the page, when the plan cannot run here.
    """
    spec = {k: v for k, v in plan_spec.items() if k != "source"}
    indicator = spec.get("indicator", {})
    if indicator.get("type", "proportion") not in ("proportion", "rate"):
        raise ValueError("Only proportions and rates can be analysed here for now.")
    names = {c["name"] for c in dataset.columns}
    wanted = []
    for part in ("numerator", "denominator"):
        count = indicator.get(part) or {}
        wanted += [f["column"] for f in count.get("where", [])]
        wanted += [count["column"]] if count.get("column") else []
    if indicator.get("value"):
        wanted.append(indicator["value"])
    missing = [c for c in wanted if c not in names]
    if missing:
        raise ValueError(
            f"The plan's indicator uses the column '{missing[0]}', which this dataset does not have."
        )
    by_kind = {d["kind"]: d for d in dimension_dicts(dataset.mapping)}
    dimensions = []
    for planned in spec.get("dimensions", []):
        mine = by_kind.get(planned.get("kind"))
        if mine is None:
            raise ValueError(
                f"The plan breaks the indicator down by {planned.get('kind')}, but no column of "
                "this dataset is matched to it. Match the columns first."
            )
        if planned.get("kind") == "imd" and planned.get("edition"):
            mine = {**mine, "edition": planned["edition"]}
        dimensions.append(mine)
    spec["dimensions"] = dimensions
    if spec.get("periods") and dataset.mapping.get("period"):
        spec["periods"] = {**spec["periods"], "column": dataset.mapping["period"]}
    return spec
