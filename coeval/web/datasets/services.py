"""Read-side queries for the data and analysis pages, and the read API for briefs.

Other apps (evidence briefs, the decision log) take analysis outputs from
``released_outputs_for(team)`` and ``analysis_outputs(analysis)``: only finished,
disclosure-controlled results, checked once more on the way out.
"""

from coeval.web.datasets.models import Analysis, Dataset
from coeval.web.datasets.results import DIMENSION_NAMES, check_protected

SUPPRESSED = "[c]"
SUPPRESSED_NOTE = "[c] means a number is hidden because it is small, to protect privacy."


def team_data(team) -> dict:
    datasets = list(team.datasets.order_by("-created_at"))
    analyses = list(
        Analysis.objects.filter(dataset__team=team)
        .select_related("dataset")
        .order_by("-created_at")
    )
    return {"team": team, "datasets": datasets, "analyses": analyses}


def planned_indicators(team) -> list:
    """The data plan's indicators from the workbook, when the team has a plan."""
    try:
        from coeval.web.workbook.models import PlannedIndicator
    except ImportError:  # the workbook app is optional for this page
        return []
    return list(PlannedIndicator.objects.filter(plan__team=team).order_by("position"))


def rounded_rows(count) -> str:
    """A dataset's size for people without row access: rounded, never a small number."""
    if count is None:
        return "not known yet"
    if count <= 7:
        return "fewer than 10 rows"
    return f"about {int(5 * round(count / 5)):,} rows"


def _number(value, places=1) -> str:
    if value is None:
        return SUPPRESSED
    return f"{value:,.{places}f}"


def _count(value) -> str:
    return SUPPRESSED if value is None else f"{int(value):,}"


def _dimension(name: str) -> str:
    return DIMENSION_NAMES.get(name, name.replace("_", " ").capitalize())


# The change table's measures in words; "value" is the indicator itself in a subgroup.
CHANGE_MEASURES = {
    "SII": "Slope index of inequality (SII)",
    "RII": "Relative index of inequality (RII)",
    "D": "Gap between the ends (D)",
    "R": "Ratio between the ends (R)",
}


def _who(stratum: str) -> str:
    """ "all" is everyone; "sex=Female" is "Sex: Female", with the dimension's name."""
    if stratum == "all":
        return "Everyone"
    dimension, _, group = stratum.partition("=")
    return f"{_dimension(dimension)}: {group}"


def analysis_outputs(analysis: Analysis) -> dict:
    """A finished analysis's published outputs, ready for a page, a file or a brief."""
    result = analysis.result or {}
    tables = result.get("tables", {})
    indicators = tables.get("indicators", [])
    check_protected(indicators)
    level = f"{(result.get('confidence') or 0.95) * 100:g}%"
    indicator_rows = [
        {
            "period": r["period"],
            "dimension": _dimension(r["dimension"]),
            "subgroup": r["subgroup"],
            "numerator": _count(r.get("numerator")),
            "denominator": _count(r.get("denominator")),
            "numerator_value": r.get("numerator"),
            "denominator_value": r.get("denominator"),
            "value": _number(r.get("value")),
            "interval": (
                f"{_number(r.get('lower'))} to {_number(r.get('upper'))}"
                if r.get("lower") is not None
                else SUPPRESSED
            ),
        }
        for r in indicators
    ]
    inequality_rows = [
        {
            "period": r["period"],
            "dimension": _dimension(r["dimension"]),
            "stratum": "Everyone" if r["stratum"] == "all" else r["stratum"].replace("=", ": "),
            "measure": r["measure"],
            "value": _number(r.get("value"), 2),
            "interval": f"{_number(r.get('lower'), 2)} to {_number(r.get('upper'), 2)}",
        }
        for r in tables.get("inequality", [])
    ]
    change_rows = [
        {
            "dimension": _dimension(r["dimension"]),
            "stratum": _who(r["stratum"]),
            "measure": CHANGE_MEASURES.get(r["measure"], result.get("indicator") or r["measure"]),
            "before": _number(r.get("before"), 2),
            "after": _number(r.get("after"), 2),
            "change": _number(r.get("change"), 2),
            "interval": f"{_number(r.get('lower'), 2)} to {_number(r.get('upper'), 2)}",
            "comparison": "after ÷ before" if r.get("comparison") == "ratio" else "after − before",
        }
        for r in tables.get("change", [])
    ]
    return {
        "analysis_id": analysis.pk,
        "title": analysis.title,
        "indicator": result.get("indicator", ""),
        "confidence": level,
        "disclosure": result.get("disclosure", ""),
        "imd_edition": result.get("imd_edition"),
        "methods": result.get("methods", []),
        "before": result.get("before"),
        "after": result.get("after"),
        "interpretation": result.get("interpretation", []),
        "detail_sentences": result.get("engine_sentences", []),
        "indicator_rows": indicator_rows,
        "inequality_rows": inequality_rows,
        "change_rows": change_rows,
        "charts": [
            {**chart, "element_id": f"vega-lite-{analysis.pk}-{i}"}
            for i, chart in enumerate(result.get("charts", []), start=1)
        ],
        "tables": tables,
        "suppressed_note": SUPPRESSED_NOTE,
    }


def released_outputs_for(team) -> list[dict]:
    """Every finished analysis of a team, newest first, as disclosure-controlled outputs.

    Each item has ``title``, ``interpretation`` (sentences), ``indicator_rows``,
    ``inequality_rows``, ``change_rows`` (display-ready), ``tables`` (raw protected
    numbers), ``charts`` (``spec`` Vega-Lite dict, ``svg``, ``title``, ``description``),
    ``disclosure`` (the rule applied) and ``methods``.
    """
    finished = Analysis.objects.filter(
        dataset__team=team, status=Analysis.Status.DONE
    ).select_related("dataset")
    return [analysis_outputs(a) for a in finished.order_by("-finished_at", "-id")]


def dataset_summary(dataset: Dataset, can_view_rows: bool) -> dict:
    problems = dataset.problems
    return {
        "dataset": dataset,
        "rows_label": f"{dataset.row_count:,} rows"
        if can_view_rows and dataset.row_count is not None
        else rounded_rows(dataset.row_count),
        "errors": [p for p in problems if p.get("severity") == "error"],
        "warnings": [p for p in problems if p.get("severity") != "error"],
        "analyses": list(dataset.analyses.order_by("-created_at")),
    }


def memberships_for_access(team) -> list:
    from coeval.web.core.roles import TEAM_ROLES

    members = list(team.memberships.select_related("user", "data_access_granted_by"))
    for m in members:
        m.can_hold_rows = TEAM_ROLES[m.role].can_be_granted_row_level_data
    return sorted(members, key=lambda m: m.user.display_name.lower())
