"""Where a brief's evidence comes from: plan sections, analysis outputs, themes.

Each source is read through its own app's read side and turned into one plain
snapshot shape (``Evidence``), so the brief pages and exporters know nothing of the
other apps' models. Numbers only ever arrive here from analysis outputs, which the
datasets app stores after disclosure control; nothing here reads a dataset's rows.

The other apps are being built alongside this one, so each reader checks that its
app is there and returns nothing (an empty, labelled slot) when it is not.
"""

from dataclasses import dataclass, field

from django.apps import apps


@dataclass
class Evidence:
    kind: str  # an ItemKind value
    source_id: str
    title: str
    content: dict = field(default_factory=dict)
    note: str = ""  # why it may be worth including, shown when picking


# --- Evaluation plan sections -----------------------------------------------------------


def plan_sections(team) -> list[Evidence]:
    if not apps.is_installed("coeval.web.workbook"):
        return []
    try:
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
    except Exception:  # the workbook is mid-build; a brief can still be written without it
        return []


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


def normalise_output(identifier, title: str, result: dict) -> Evidence:
    """An analysis result (as the datasets app stores it) as brief evidence."""
    tables = []
    raw = result.get("tables", {})
    if isinstance(raw, dict):
        for name, value in raw.items():
            table = _table(str(name).replace("_", " ").capitalize(), value)
            if table:
                tables.append(table)
    elif isinstance(raw, list):
        for index, value in enumerate(raw, start=1):
            table = _table(f"Table {index}", value)
            if table:
                tables.append(table)
    charts = result.get("charts", [])
    if isinstance(charts, dict):
        charts = list(charts.values())
    summary = result.get("summary", {}) if isinstance(result.get("summary"), dict) else {}
    sentences = result.get("sentences") or summary.get("sentences") or []
    content = {
        "sentences": [str(s) for s in sentences],
        "tables": tables,
        "charts": [c for c in charts if isinstance(c, dict)],
        "disclosure": str(result.get("disclosure") or summary.get("disclosure") or ""),
    }
    return Evidence("analysis", str(identifier), title, content, note=content["disclosure"])


def analysis_outputs(team) -> list[Evidence]:
    if not apps.is_installed("coeval.web.datasets"):
        return []
    try:
        from coeval.web.datasets import services as datasets
    except ImportError:
        datasets = None
    reader = getattr(datasets, "outputs_for_team", None) if datasets else None
    try:
        if reader is not None:
            return [normalise_output(o["id"], o.get("title", "Analysis"), o) for o in reader(team)]
        from coeval.web.datasets.models import Analysis

        finished = Analysis.objects.filter(dataset__team=team, status="done").order_by("-id")
        return [normalise_output(a.pk, a.title, a.result or {}) for a in finished]
    except Exception:  # the datasets app is mid-build (no tables yet): an empty slot
        return []


# --- Qualitative themes -------------------------------------------------------------


def themes(team) -> list[Evidence]:
    if not apps.is_installed("coeval.web.qda"):
        return []
    try:
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
    except Exception:
        return []


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
