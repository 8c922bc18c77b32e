"""What an imported project holds that the workspace's tables do not, kept so exports lose nothing.

An imported .qdpx may carry PDF, picture, audio and video sources, links, sets that are not
coeval themes, other graphs, names on selections, dates, extra archive files and more. The
workspace cannot edit those, but it must not drop them. At import we compare the original pure
project (O) with what the stored rows alone would export (R0), and keep only the difference:

- for every object with a GUID, each field where O and R0 differ, as ``[R0 value, O value]``;
- for every list, the original order, the GUIDs the rows showed, the items the rows do not hold
  at all ("hidden": kept whole) and items the rows invented ("phantom", such as a stand-in coder).

At export the rows give R1. A field takes the original value only where R1 still equals R0,
so anything a person edited in the workspace wins; hidden items come back, in their places.
Archive files (rich text, PDFs, media) are kept as a private file, never in the database.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import enum
import functools
import io
import uuid
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings

from coeval.qualitative import model as pure

FORMAT = 1
# Lists whose order a person can change in the workspace (codes can be moved).
_REORDERABLE = {("Code", "children"), ("Project", "codes")}
_CLASSES = {
    cls.__name__: cls
    for cls in (
        pure.User,
        pure.Code,
        pure.Coding,
        pure.TextSelection,
        pure.Variable,
        pure.VariableValue,
        pure.TextSource,
        pure.OpaqueSource,
        pure.Case,
        pure.Link,
        pure.CodeSet,
        pure.Vertex,
        pure.Edge,
        pure.Graph,
    )
}
_ENUMS = {"VariableType": pure.VariableType}


# --- plain JSON for pure values ---------------------------------------------------------


def encode(value: Any) -> Any:
    """A pure value as JSON that ``decode`` turns back into an equal value."""
    if isinstance(value, enum.Enum):  # before str: a StrEnum is a str too
        return {"$enum": type(value).__name__, "v": value.value}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat()}
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$dc": type(value).__name__, **fields}
    if isinstance(value, list | tuple):
        return [encode(item) for item in value]
    raise TypeError(f"cannot keep a {type(value).__name__} in the preserved remainder")


def decode(data: Any) -> Any:
    if isinstance(data, list):
        return [decode(item) for item in data]
    if not isinstance(data, dict):
        return data
    if "$enum" in data:
        return _ENUMS[data["$enum"]](data["v"])
    if "$datetime" in data:
        return datetime.datetime.fromisoformat(data["$datetime"])
    if "$date" in data:
        return datetime.date.fromisoformat(data["$date"])
    if "$bytes" in data:
        return base64.b64decode(data["$bytes"])
    cls = _CLASSES[data["$dc"]]
    return cls(**{k: decode(v) for k, v in data.items() if k != "$dc"})


# --- walking the model -----------------------------------------------------------------


def _object_lists(obj: Any) -> tuple[str, ...]:
    """The fields of a model class that hold lists of model objects (not of GUID strings)."""
    return _object_lists_of(type(obj))


@functools.cache
def _object_lists_of(cls: type) -> tuple[str, ...]:
    return tuple(
        f.name
        for f in dataclasses.fields(cls)
        if str(f.type).startswith("list[") and str(f.type) != "list[str]"
    )


def _keys(items: list) -> list[str]:
    """A key for each list item: its GUID, else (variable values) variable GUID and occurrence."""
    seen: dict[str, int] = {}
    keys = []
    for item in items:
        guid = getattr(item, "guid", None)
        if guid is None:
            base = getattr(item, "variable_guid", "")
            guid = f"{base}#{seen.get(base, 0)}"
            seen[base] = seen.get(base, 0) + 1
        keys.append(guid)
    return keys


def _owner(obj: Any) -> str:
    return f"{type(obj).__name__}:{getattr(obj, 'guid', '')}"


def _index(project: pure.Project) -> dict[str, Any]:
    """Every object with a GUID, by class and GUID, wherever it sits in the tree."""
    found: dict[str, Any] = {}

    def visit(obj: Any) -> None:
        for name in _object_lists(obj):
            for item in getattr(obj, name):
                if getattr(item, "guid", None) is not None:
                    found.setdefault(_owner(item), item)
                visit(item)

    visit(project)
    return found


def _scalar_fields(obj: Any) -> list[str]:
    lists = _object_lists(obj)
    return [f.name for f in dataclasses.fields(obj) if f.name != "files" and f.name not in lists]


# --- at import: what the rows do not hold ----------------------------------------------


def remainder_of(original: pure.Project, shown: pure.Project) -> dict:
    """What ``original`` holds beyond ``shown`` (the rows' own export), as JSON."""
    objects: dict[str, dict] = {}
    lists: dict[str, dict] = {}
    shown_index = _index(shown)
    original_index = _index(original)

    def compare(o: Any, r: Any) -> None:
        differing = {
            name: [encode(getattr(r, name)), encode(getattr(o, name))]
            for name in _scalar_fields(o)
            if encode(getattr(o, name)) != encode(getattr(r, name))
        }
        if differing:
            objects[_owner(o)] = differing
        for name in _object_lists(o):
            compare_lists(_owner(o), name, getattr(o, name), getattr(r, name))

    def compare_lists(owner: str, name: str, o_items: list, r_items: list) -> None:
        o_keys, r_keys = _keys(o_items), _keys(r_items)
        r_by_key = dict(zip(r_keys, r_items, strict=True))
        hidden, atoms = {}, {}
        for key, item in zip(o_keys, o_items, strict=True):
            has_guid = getattr(item, "guid", None) is not None
            counterpart = shown_index.get(_owner(item)) if has_guid else r_by_key.get(key)
            if counterpart is None:
                hidden[key] = encode(item)
            elif has_guid:
                compare(item, counterpart)
            elif encode(item) != encode(counterpart):
                atoms[key] = [encode(counterpart), encode(item)]
        phantom = [
            key
            for key, item in zip(r_keys, r_items, strict=True)
            if (
                original_index.get(_owner(item)) is None
                if getattr(item, "guid", None) is not None
                else key not in o_keys
            )
        ]
        entry = {"order": o_keys, "shown": r_keys}
        for label, value in (("hidden", hidden), ("atoms", atoms), ("phantom", phantom)):
            if value:
                entry[label] = value
        if o_keys != r_keys or len(entry) > 2:
            lists[f"{owner}.{name}"] = entry

    compare(original, shown)
    return {"format": FORMAT, "objects": objects, "lists": lists}


def summary(remainder: dict) -> list[str]:
    """Plain words for what an import keeps read-only, for the person importing."""
    kinds: dict[str, int] = {}
    for entry in remainder.get("lists", {}).values():
        for item in entry.get("hidden", {}).values():
            if isinstance(item, dict) and "$dc" in item:
                label = item.get("kind") if item["$dc"] == "OpaqueSource" else item["$dc"]
                kinds[label] = kinds.get(label, 0) + 1
    names = {
        "PDFSource": "PDF source(s)",
        "PictureSource": "picture source(s)",
        "AudioSource": "audio source(s)",
        "VideoSource": "video source(s)",
        "Link": "link(s) between items",
        "CodeSet": "set(s) that are not coeval themes",
        "Graph": "graph(s)",
        "Coding": "coding(s) of whole sources",
        "TextSelection": "selection(s) in notes",
        "VariableValue": "attribute value(s) the workspace does not show",
    }
    return [f"{n} {names.get(kind, 'other item(s)')}" for kind, n in kinds.items()]


# --- at export: put it back -------------------------------------------------------------


def restore(current: pure.Project, remainder: dict, files: dict[str, bytes]) -> pure.Project:
    """``current`` (the rows' export) with the preserved remainder merged back, in place."""
    if not remainder:
        current.files = {**files, **current.files}
        return current
    objects, lists = remainder.get("objects", {}), remainder.get("lists", {})
    present = {owner.split(":", 1)[1] for owner in _index(current)}
    removed = {
        key
        for entry in lists.values()
        for key in entry.get("shown", [])
        if "#" not in key and key not in present
    }

    def merge(obj: Any) -> None:
        for name, (was, original) in objects.get(_owner(obj), {}).items():
            if hasattr(obj, name) and encode(getattr(obj, name)) == was:
                setattr(obj, name, decode(original))
        for name in _object_lists(obj):
            setattr(obj, name, merge_list(obj, name, getattr(obj, name)))

    def merge_list(owner: Any, name: str, items: list) -> list:
        entry = lists.get(f"{_owner(owner)}.{name}")
        for item in items:
            if dataclasses.is_dataclass(item) and getattr(item, "guid", None) is not None:
                merge(item)
        if entry is None:
            return items
        keys = _keys(items)
        phantom = set(entry.get("phantom", []))
        kept: dict[str, Any] = {}
        for key, item in zip(keys, items, strict=True):
            if key in phantom:
                continue
            atom = entry.get("atoms", {}).get(key)
            if atom is not None and encode(item) == atom[0]:
                item = decode(atom[1])
            kept[key] = item
        for key, data in entry.get("hidden", {}).items():
            if key not in kept and key not in removed:
                kept[key] = decode(data)
        shown = [k for k in entry["shown"] if k in kept]
        now = [k for k in keys if k in shown]
        if (type(owner).__name__, name) in _REORDERABLE and now != shown:
            order = now + [k for k in entry["order"] if k in kept and k not in now]
        else:
            order = [k for k in entry["order"] if k in kept]
        order += [k for k in keys if k in kept and k not in order]
        return [kept[k] for k in order]

    merge(current)
    current.files = {
        path: data
        for path, data in {**files, **current.files}.items()
        if not any(path.startswith(f"sources/{guid}.") for guid in removed)
    }
    _drop_references(current, removed)
    return current


def _drop_references(project: pure.Project, removed: set[str]) -> None:
    """References to things deleted in the workspace, which kept originals may still name."""
    if not removed:
        return

    def visit(obj: Any) -> None:
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                setattr(obj, f.name, [v for v in value if v not in removed])
            elif f.name in _object_lists(obj):
                for item in value:
                    if dataclasses.is_dataclass(item):
                        visit(item)

    visit(project)


# --- keeping the remainder in step with the workspace -----------------------------------


def rewrite_guid(remainder: dict, old: str, new: str) -> dict:
    """The remainder with references to ``old`` pointing at ``new`` (after a code merge)."""
    old_bytes, new_bytes = old.encode(), new.encode()

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return new if value == old else value
        if isinstance(value, list):
            if new in value and old in value:
                value = [v for v in value if v != old]
            return [walk(v) for v in value]
        if isinstance(value, dict):
            if "$bytes" in value:
                data = base64.b64decode(value["$bytes"]).replace(old_bytes, new_bytes)
                return {"$bytes": base64.b64encode(data).decode("ascii")}
            return {k: walk(v) for k, v in value.items()}
        return value

    result = dict(remainder)
    result["objects"] = {
        owner: {name: [was, walk(original)] for name, (was, original) in fields.items()}
        for owner, fields in remainder.get("objects", {}).items()
    }
    result["lists"] = {
        where: {
            **entry,
            **({"hidden": walk(entry["hidden"])} if "hidden" in entry else {}),
            **(
                {"atoms": {k: [was, walk(o)] for k, (was, o) in entry["atoms"].items()}}
                if "atoms" in entry
                else {}
            ),
        }
        for where, entry in remainder.get("lists", {}).items()
    }
    return result


def mentions(remainder: dict, guid: str) -> bool:
    """Whether something kept read-only still refers to ``guid``."""
    needle = guid.encode()

    def walk(value: Any) -> bool:
        if isinstance(value, str):
            return value == guid
        if isinstance(value, list):
            return any(walk(v) for v in value)
        if isinstance(value, dict):
            if "$bytes" in value:
                return needle in base64.b64decode(value["$bytes"])
            return any(walk(v) for v in value.values())
        return False

    kept = [
        original
        for fields in remainder.get("objects", {}).values()
        for _, original in fields.values()
    ]
    for entry in remainder.get("lists", {}).values():
        kept.append(entry.get("hidden", {}))
        kept.extend(original for _, original in entry.get("atoms", {}).values())
    return walk(kept)


# --- archive files, kept privately ------------------------------------------------------


def _root() -> Path:
    return Path(settings.MEDIA_ROOT) / "qda"


def store_files(files: dict[str, bytes]) -> str:
    """Write archive files to private storage; return the path relative to MEDIA_ROOT."""
    if not files:
        return ""
    relative = f"qda/preserved-{uuid.uuid4().hex}.zip"
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(path, data)
    return relative


def _absolute(relative: str) -> Path:
    base = _root().resolve()
    path = (Path(settings.MEDIA_ROOT) / relative).resolve()
    if base not in path.parents:
        raise ValueError("a preserved file must stay inside private storage")
    return path


def load_files(relative: str) -> dict[str, bytes]:
    if not relative:
        return {}
    data = _absolute(relative).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def remove_files(relative: str) -> None:
    if relative:
        _absolute(relative).unlink(missing_ok=True)
