"""The logic model: changes to its items and links, and its diagram as SVG.

The same SVG is drawn on the page, in the PDF and (as a PNG) in the Word export. It
carries a title and description, and the page always shows the same model as lists,
so nobody depends on seeing the picture.
"""

import textwrap
import uuid
from xml.sax.saxutils import escape

from coeval.web.workbook.content import LOGIC_COLUMNS, OUTCOME_COLUMNS

COLUMN_KEYS = tuple(k for k, _ in LOGIC_COLUMNS)
MAX_ITEMS = 80
MAX_TEXT = 300


class LogicModelError(ValueError):
    """A change that cannot be made, said in plain words."""


def _copy(content: dict) -> dict:
    return {
        **content,
        "items": [dict(i) for i in content.get("items", [])],
        "links": [dict(link) for link in content.get("links", [])],
    }


def apply(content: dict, op: str, data) -> dict:
    """The content after one change. Each change is small, so two people adding items
    at the same time both keep theirs: changes apply to the latest content."""
    new = _copy(content)
    items, links = new["items"], new["links"]
    ids = {i["id"] for i in items}
    if op == "add_item":
        column = data.get("column", "")
        text = (data.get("text") or "").strip()
        if column not in COLUMN_KEYS:
            raise LogicModelError("Choose which column the item goes in")
        if not text:
            raise LogicModelError("Describe the item")
        if len(text) > MAX_TEXT or len(items) >= MAX_ITEMS:
            raise LogicModelError(f"Keep items under {MAX_TEXT} characters and {MAX_ITEMS} items")
        groups = (data.get("groups") or "").strip() if column in OUTCOME_COLUMNS else ""
        items.append({"id": uuid.uuid4().hex[:8], "column": column, "text": text, "groups": groups})
    elif op == "edit_item":
        item = next((i for i in items if i["id"] == data.get("item")), None)
        text = (data.get("text") or "").strip()
        if item is None:
            raise LogicModelError("That item has been removed by someone else")
        if not text:
            raise LogicModelError("Describe the item")
        item["text"] = text[:MAX_TEXT]
        if item["column"] in OUTCOME_COLUMNS:
            item["groups"] = (data.get("groups") or "").strip()
    elif op == "remove_item":
        gone = data.get("item")
        new["items"] = [i for i in items if i["id"] != gone]
        new["links"] = [lk for lk in links if gone not in (lk["from"], lk["to"])]
    elif op == "add_link":
        source, target = data.get("from"), data.get("to")
        if source not in ids or target not in ids:
            raise LogicModelError("Choose the two items to link")
        if source == target:
            raise LogicModelError("Choose two different items to link")
        if any(lk["from"] == source and lk["to"] == target for lk in links):
            raise LogicModelError("Those items are already linked")
        rationale = (data.get("rationale") or "").strip()
        if not rationale:
            raise LogicModelError("Say why the first item should lead to the second")
        links.append(
            {"id": uuid.uuid4().hex[:8], "from": source, "to": target, "rationale": rationale}
        )
    elif op == "remove_link":
        new["links"] = [lk for lk in links if lk["id"] != data.get("link")]
    else:
        raise LogicModelError("That change is not one the logic model knows")
    return new


def outcomes(content: dict) -> list[tuple[str, str]]:
    """(id, text) of the outcomes, for the data plan's "outcome it measures" choice."""
    return [
        (i["text"], i["text"]) for i in content.get("items", []) if i["column"] in OUTCOME_COLUMNS
    ]


# --- Drawing ------------------------------------------------------------------------

BOX_W, GAP, PAD, LINE_H = 150, 36, 8, 15
COLOURS = {
    "inputs": "#e8edee",
    "activities": "#e8edee",
    "participants": "#e8edee",
    "short": "#f0f4f5",
    "medium": "#f0f4f5",
    "long": "#f0f4f5",
}


def svg(content: dict, title: str = "Logic model") -> str:
    items = content.get("items", [])
    columns = {k: [i for i in items if i["column"] == k] for k in COLUMN_KEYS}
    boxes: dict[str, tuple[float, float, float]] = {}  # id -> (x, y, height)
    parts = []
    height = 60
    for col, (key, label) in enumerate(LOGIC_COLUMNS):
        x = 10 + col * (BOX_W + GAP)
        heading = textwrap.wrap(label, 18)
        for n, line in enumerate(heading):
            parts.append(
                f'<text x="{x + BOX_W / 2}" y="{22 + n * LINE_H}" text-anchor="middle" '
                f'font-weight="bold" font-size="13">{escape(line)}</text>'
            )
        y = 56.0
        for item in columns[key]:
            lines = textwrap.wrap(item["text"], 22)[:8]
            if item.get("groups"):
                lines += textwrap.wrap("For: " + item["groups"], 22)[:3]
            h = PAD * 2 + LINE_H * max(len(lines), 1)
            boxes[item["id"]] = (x, y, h)
            parts.append(
                f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{h}" rx="4" '
                f'fill="{COLOURS[key]}" stroke="#005eb8" stroke-width="1.5"/>'
            )
            for n, line in enumerate(lines):
                parts.append(
                    f'<text x="{x + PAD}" y="{y + PAD + 11 + n * LINE_H}" font-size="12">'
                    f"{escape(line)}</text>"
                )
            y += h + 14
        height = max(height, y + 10)
    arrows = []
    for link in content.get("links", []):
        a, b = boxes.get(link.get("from")), boxes.get(link.get("to"))
        if not a or not b:
            continue
        x1, y1 = a[0] + BOX_W, a[1] + a[2] / 2
        x2, y2 = b[0], b[1] + b[2] / 2
        if b[0] <= a[0]:  # a link backwards or within a column runs along the box edge
            x1, x2 = a[0] + BOX_W / 2, b[0] + BOX_W / 2
        arrows.append(
            f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#330072" '
            f'stroke-width="1.5" marker-end="url(#arrow)"/>'
        )
    width = 10 + len(LOGIC_COLUMNS) * (BOX_W + GAP)
    description = f"{len(items)} items in six columns and {len(arrows)} links."
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="lm-title lm-desc" '
        f'font-family="Arial, sans-serif">'
        f'<title id="lm-title">{escape(title)}</title><desc id="lm-desc">{description} The '
        f"same model is listed in text on the page.</desc>"
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
        'fill="#330072"/></marker></defs>'
        '<rect width="100%" height="100%" fill="#ffffff"/>' + "".join(arrows + parts) + "</svg>"
    )


def png(content: dict, title: str = "Logic model") -> bytes:
    import vl_convert

    return vl_convert.svg_to_png(svg(content, title), scale=2)
