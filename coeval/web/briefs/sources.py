"""Where a brief's evidence comes from: plan sections, analysis outputs, themes.

Each source is read through its own app's read side and turned into one plain
snapshot shape (``Evidence``), so the brief pages and exporters know nothing of the
other apps' models. Numbers only ever arrive here from analysis outputs, which the
datasets app stores after disclosure control; nothing here reads a dataset's rows.

A team with no plan, analysis or theme yet simply gets an empty, labelled slot.
"""

from dataclasses import dataclass, field


@dataclass
class Evidence:
    kind: str  # an ItemKind value
    source_id: str
    title: str
    content: dict = field(default_factory=dict)
    note: str = ""  # why it may be worth including, shown when picking


# --- Evaluation plan sections -----------------------------------------------------------


def plan_sections(team) -> list[Evidence]:
    from coeval.web.workbook import services as workbook
    from coeval.web.workbook.models import EvaluationPlan

    plan = EvaluationPlan.objects.filter(team=team).first()
    if plan is None:
        return []
    out = []
    for section in workbook.plan_sections(plan):
        paragraphs = []
        for label, lines in workbook.read_rows(section):
            text = " ".join(str(line) for line in lines if str(line).strip())
            if text:
                paragraphs.append(f"{label}: {text}")
        if paragraphs:
            out.append(
                Evidence(
                    "plan_section",
                    section.key,
                    section.spec.title,
                    {"paragraphs": paragraphs},
                    note=f"Section {section.number}, revision {section.revision}",
                )
            )
    return out


# --- Analysis outputs (disclosure-controlled) -------------------------------------------


def _table(caption: str, value) -> dict | None:
    """One table in {"caption", "columns", "rows"} form, from the shapes results use."""
    if isinstance(value, dict) and "columns" in value and "rows" in value:
        return {"caption": value.get("caption", caption), **value}
    if isinstance(value, dict) and "records" in value:
        value = value["records"]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        columns = list(value[0])
        return {
            "caption": caption,
            "columns": columns,
            "rows": [[row.get(c) for c in columns] for row in value],
        }
    return None


def normalise_output(output: dict) -> Evidence:
    """One disclosure-controlled analysis output (``datasets.services``) as brief evidence."""
    captions = {
        "indicator_rows": "Results by group",
        "inequality_rows": "Inequality between groups",
        "change_rows": "Change after the service changed",
    }
    tables = [
        table
        for key, caption in captions.items()
        if (table := _table(caption, [_display_row(row) for row in output.get(key, [])]))
    ]
    content = {
        "sentences": [str(s) for s in output.get("interpretation", [])],
        "tables": tables,
        "charts": [
            {**chart["spec"], "description": chart.get("description", "")}
            for chart in output.get("charts", [])
            if isinstance(chart.get("spec"), dict)
        ],
        "disclosure": str(output.get("disclosure", "")),
    }
    return Evidence(
        "analysis",
        str(output["analysis_id"]),
        output.get("title") or "Analysis",
        content,
        note=content["disclosure"],
    )


def _display_row(row: dict) -> dict:
    # The raw numbers beside the formatted ones are for charts, not for people.
    return {k: v for k, v in row.items() if not k.endswith("_value")}


def analysis_outputs(team) -> list[Evidence]:
    from coeval.web.datasets.services import released_outputs_for

    return [normalise_output(output) for output in released_outputs_for(team)]


# --- Qualitative themes -------------------------------------------------------------


def themes(team) -> list[Evidence]:
    from coeval.web.qda.models import Theme

    found = (
        Theme.objects.filter(project__team=team)
        .exclude(status="candidate")  # a candidate grouping is not yet a theme
        .select_related("project")
        .order_by("project__name", "position")
    )
    return [
        Evidence(
            "theme",
            str(t.pk),
            t.name,
            {"paragraphs": [t.definition] if t.definition else []},
            note=f"{t.project.name}: {t.get_status_display().lower()}",
        )
        for t in found
    ]


# Looked up by name at call time, so a test can stand in for an app that is not built yet.
READERS = {"plan_section": "plan_sections", "analysis": "analysis_outputs", "theme": "themes"}


def _read(kind: str, team) -> list[Evidence]:
    return globals()[READERS[kind]](team)


def available(team) -> dict[str, list[Evidence]]:
    return {kind: _read(kind, team) for kind in READERS}


def find(team, kind: str, source_id: str) -> Evidence | None:
    if kind not in READERS:
        return None
    return next((e for e in _read(kind, team) if e.source_id == str(source_id)), None)
