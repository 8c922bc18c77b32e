"""Section content: read it from a posted form, check it, and show it as text.

Content is plain JSON: a dict from field key to a string (text, line, date, choice), a
list of strings (multi) or a list of row dicts (table). A form that fails validation
keeps every value typed, because the page is drawn again from the parsed values.
"""

import datetime
import difflib
from dataclasses import dataclass, field

from coeval.web.core.forms import DateInput
from coeval.web.workbook import sections as spec

MAX_TEXT = 20_000
MAX_ROWS = 60
EXTRA_ROWS = 1  # blank rows offered for adding one more
LOGIC_COLUMNS = (
    ("inputs", "Inputs"),
    ("activities", "Activities"),
    ("participants", "Participants reached"),
    ("short", "Short-term outcomes"),
    ("medium", "Medium-term outcomes"),
    ("long", "Long-term outcomes"),
)
OUTCOME_COLUMNS = ("short", "medium", "long")
BUILDER_KEYS = ("items", "links")  # logic model content kept outside the plain fields


def empty_content(section: spec.Section) -> dict:
    content: dict = {}
    for f in section.fields:
        content[f.key] = _empty_value(f)
    if section.builder:
        content.update({"items": [], "links": []})
    return content


def normalise(section: spec.Section, content: dict) -> dict:
    """The content with every field present, so partial content (an import, a test, an
    older revision) reads the same as a complete one."""
    return {**empty_content(section), **(content or {})}


def merge(section: spec.Section, base: dict, theirs: dict, yours: dict) -> dict | None:
    """Two people's edits of one revision, combined field by field (a three-way merge).

    A field only one of them changed takes that change; a field both changed the same
    way takes it once. None when both changed one field differently: that needs a
    person, and the conflict page shows both texts.
    """
    base, theirs, yours = (normalise(section, c) for c in (base, theirs, yours))
    merged = {}
    for key in dict.fromkeys([*theirs, *yours]):
        old, their, your = base.get(key), theirs.get(key), yours.get(key)
        if your == their or your == old:
            merged[key] = their
        elif their == old:
            merged[key] = your
        else:
            return None
    return merged


def _empty_value(f: spec.Field):
    if isinstance(f, spec.Multi):
        return []
    if isinstance(f, spec.Table):
        if f.fixed_rows:
            return [{"row": key, **{c.key: _empty_cell(c) for c in f.columns}}
                    for key, _ in f.fixed_rows]  # fmt: skip
        return []
    return ""


def _empty_cell(column: spec.Column):
    return [] if column.kind == "multi" else ""


def _row_is_empty(f: spec.Table, row: dict) -> bool:
    return not any(row.get(c.key) for c in f.columns)


# --- Reading a form -----------------------------------------------------------------


def parse(section: spec.Section, data, previous: dict | None = None) -> dict:
    """The content a posted form describes. Builder data (logic model items and links)
    is carried over from ``previous`` because the plain form does not hold it."""
    content: dict = {}
    for f in section.fields:
        if isinstance(f, spec.Multi):
            content[f.key] = [v for v in data.getlist(f.key) if v]
        elif isinstance(f, spec.Table):
            content[f.key] = _parse_table(f, data)
        elif isinstance(f, spec.Date):
            # The NHS.UK day, month and year boxes (or one ISO date, from the JSON API).
            content[f.key] = DateInput().value_from_datadict(data, None, f.key)
        else:
            content[f.key] = (data.get(f.key) or "").replace("\r\n", "\n").strip()
    if section.builder:
        for key in BUILDER_KEYS:
            content[key] = (previous or {}).get(key, [])
    return content


def _parse_table(f: spec.Table, data) -> list[dict]:
    try:
        count = min(int(data.get(f"{f.key}-rows", 0)), MAX_ROWS)
    except (TypeError, ValueError):
        count = 0
    rows = []
    for i in range(count):
        row = {}
        for c in f.columns:
            name = f"{f.key}-{i}-{c.key}"
            if c.kind == "multi":
                row[c.key] = [v for v in data.getlist(name) if v]
            else:
                row[c.key] = (data.get(name) or "").replace("\r\n", "\n").strip()
        rows.append(row)
    if f.fixed_rows:
        # Fixed rows keep their place even when empty, so cells line up after any edit.
        padded = rows + [{c.key: _empty_cell(c) for c in f.columns}] * len(f.fixed_rows)
        return [{"row": key, **padded[i]} for i, (key, _) in enumerate(f.fixed_rows)]
    return [row for row in rows if not _row_is_empty(f, row)]


# --- Checking -----------------------------------------------------------------------


@dataclass
class Problems:
    """Problems keyed by the id of the input they are about, in page order."""

    items: list[tuple[str, str]] = field(default_factory=list)

    def add(self, anchor: str, message: str) -> None:
        self.items.append((anchor, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def for_anchor(self, anchor: str) -> list[str]:
        return [m for a, m in self.items if a == anchor]

    def anchors(self) -> set[str]:
        return {a for a, _ in self.items}


def validate(section: spec.Section, content: dict, previous: dict | None = None) -> Problems:
    problems = Problems()
    previous = previous or {}
    content = normalise(section, content)
    for f in section.fields:
        value = content.get(f.key)
        anchor = f"id_{f.key}"
        if isinstance(f, spec.Choice):
            if value and value not in dict(f.choices):
                problems.add(anchor, f"Choose one of the options for “{f.label}”")
        elif isinstance(f, spec.Multi):
            unknown = [v for v in value if v not in dict(f.choices)]
            if unknown:
                problems.add(f"{anchor}_0", f"Choose only from the options for “{f.label}”")
        elif isinstance(f, spec.Date):
            _check_date(f, value, previous.get(f.key), problems)
        elif isinstance(f, spec.Table):
            _check_table(f, value, problems)
        elif isinstance(value, str) and len(value) > MAX_TEXT:
            problems.add(anchor, f"“{f.label}” must be {MAX_TEXT:,} characters or fewer")
    if section.key == "data_plan":
        from coeval.web.workbook.indicators import check_indicators

        check_indicators(content.get("indicators", []), problems)
    return problems


def _check_date(f: spec.Field, value: str, before: str | None, problems: Problems) -> None:
    if not value:
        return
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        problems.add(f"id_{f.key}", f"Enter “{f.label}” as a real date, with a day, month and year")
        return
    if f.key == "review_on" and value != before:
        # HEAT stage 4: a review 6 to 12 months on. Only a newly chosen date is checked,
        # so a plan saved months later does not suddenly fail.
        months = (day - datetime.date.today()).days / 30.44
        if not 5.9 <= months <= 12.1:
            problems.add(f"id_{f.key}", "Choose a review date between 6 and 12 months from today")


def _check_table(f: spec.Table, rows: list[dict], problems: Problems) -> None:
    if len(rows) > MAX_ROWS:
        problems.add(f"id_{f.key}-0-{f.columns[0].key}", f"“{f.label}” can have at most "
                     f"{MAX_ROWS} rows")  # fmt: skip
    for i, row in enumerate(rows):
        for c in f.columns:
            value = row.get(c.key)
            anchor = f"id_{f.key}-{i}-{c.key}"
            if c.kind == "choice" and c.choices and value and value not in dict(c.choices):
                problems.add(anchor, f"{f.row_label} {i + 1}: choose one of the options for "
                             f"“{c.label}”")  # fmt: skip
            if c.kind == "multi" and any(v not in dict(c.choices) for v in value or []):
                problems.add(f"{anchor}_0", f"{f.row_label} {i + 1}: choose only from the "
                             f"options for “{c.label}”")  # fmt: skip


def missing_required(section: spec.Section, content: dict) -> list[str]:
    """Labels of required fields still empty: a section cannot go for review without them."""
    return [f.label for f in section.fields if f.required and not content.get(f.key)]


# --- Showing as text ----------------------------------------------------------------


def _label(choices, value) -> str:
    return dict(choices).get(value, value)


def column_choices(column: spec.Column, choice_context: dict) -> tuple:
    if column.choices_from:
        return tuple(choice_context.get(column.choices_from, ()))
    return column.choices


def cell_text(column: spec.Column, value, choice_context: dict | None = None) -> str:
    choices = column_choices(column, choice_context or {})
    if column.kind == "multi":
        return ", ".join(_label(choices, v) for v in value or [])
    if column.kind == "choice":
        return _label(choices, value) if value else ""
    return value or ""


def row_title(f: spec.Table, index: int, row: dict) -> str:
    if f.fixed_rows:
        return dict(f.fixed_rows).get(row.get("row"), f"{f.row_label} {index + 1}")
    return f"{f.row_label} {index + 1}"


def field_lines(f: spec.Field, value, choice_context: dict | None = None) -> list[str]:
    """A field's value as lines of plain text, for diffs, exports and the read page."""
    if isinstance(f, spec.Multi):
        return [_label(f.choices, v) for v in value or []]
    if isinstance(f, spec.Choice):
        return [_label(f.choices, value)] if value else []
    if isinstance(f, spec.Table):
        lines = []
        for i, row in enumerate(value or []):
            if _row_is_empty(f, row):
                continue
            cells = [
                f"{c.label}: {cell_text(c, row.get(c.key), choice_context)}"
                for c in f.columns
                if row.get(c.key)
            ]
            lines.append(f"{row_title(f, i, row)} — " + "; ".join(cells))
        return lines
    return (value or "").splitlines()


def logic_model_lines(content: dict) -> dict[str, list[str]]:
    items = {i["id"]: i for i in content.get("items", [])}
    item_lines = []
    for key, label in LOGIC_COLUMNS:
        for item in content.get("items", []):
            if item.get("column") == key:
                groups = f" (benefits: {item['groups']})" if item.get("groups") else ""
                item_lines.append(f"{label}: {item.get('text', '')}{groups}")
    link_lines = []
    for link in content.get("links", []):
        a, b = items.get(link.get("from")), items.get(link.get("to"))
        if a and b:
            why = f" because {link['rationale']}" if link.get("rationale") else ""
            link_lines.append(f"{a['text']} → {b['text']}{why}")
    return {"Items": item_lines, "Links": link_lines}


def all_lines(
    section: spec.Section, content: dict, choice_context: dict | None = None
) -> list[tuple[str, list[str]]]:
    """(label, lines) for every field, builder parts included."""
    out = []
    if section.builder:
        out += list(logic_model_lines(content).items())
    for f in section.fields:
        out.append((f.label, field_lines(f, content.get(f.key), choice_context)))
    return out


def is_blank(section: spec.Section, content: dict) -> bool:
    return not any(lines for _, lines in all_lines(section, content or {}))


# --- Differences --------------------------------------------------------------------


@dataclass
class FieldDiff:
    label: str
    old: list[str]
    new: list[str]
    lines: list[tuple[str, str]]  # ("same" | "added" | "removed", text)

    @property
    def changed(self) -> bool:
        return self.old != self.new


def diff_lines(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    out = []
    for line in difflib.ndiff(old, new):
        tag, text = line[:2], line[2:]
        if tag == "  ":
            out.append(("same", text))
        elif tag == "- ":
            out.append(("removed", text))
        elif tag == "+ ":
            out.append(("added", text))
    return out


def diff(
    section: spec.Section, old: dict, new: dict, choice_context: dict | None = None
) -> list[FieldDiff]:
    """Field-by-field differences between two contents, only the fields that changed."""
    before = dict(all_lines(section, old or {}, choice_context))
    after = all_lines(section, new or {}, choice_context)
    result = []
    for label, lines in after:
        old_lines = before.get(label, [])
        if old_lines != lines:
            result.append(FieldDiff(label, old_lines, lines, diff_lines(old_lines, lines)))
    return result
