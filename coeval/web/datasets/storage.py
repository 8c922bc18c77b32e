"""Where dataset files live: under MEDIA_ROOT/datasets, outside the web root.

Uploads are copied in chunks from Django's temporary upload file, so a file of
several gigabytes never sits whole in memory. Nothing here builds a URL: files
are only ever read by the engine and by the permission-checked preview.
"""

import uuid
from pathlib import Path

from django.conf import settings

CHUNK_BYTES = 8 * 1024 * 1024
FORMATS = {"csv": "csv", "xlsx": "excel", "parquet": "parquet", "pq": "parquet"}
ACCEPT_ATTRIBUTE = ".csv,.xlsx,.parquet"


def root() -> Path:
    return Path(settings.MEDIA_ROOT) / "datasets"


def format_of(filename: str) -> str | None:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return FORMATS.get(extension)


def store_upload(upload, team_id: int, file_format: str) -> tuple[str, int]:
    """Copy an uploaded file into private storage; return (relative path, bytes)."""
    suffix = {"csv": "csv", "excel": "xlsx", "parquet": "parquet"}[file_format]
    relative = f"datasets/team-{team_id}/{uuid.uuid4().hex}.{suffix}"
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    with target.open("wb") as out:
        for chunk in upload.chunks(chunk_size=CHUNK_BYTES):
            out.write(chunk)
            size += len(chunk)
    return relative, size


def store_lookup(upload, team_id: int) -> str:
    """Keep an IMD lookup file (LSOA code to decile) beside the team's datasets."""
    return store_upload(upload, team_id, "csv")[0]


def absolute(relative: str) -> Path:
    """The file on disk, refusing any stored path that points outside private storage."""
    base = root().resolve()
    path = (Path(settings.MEDIA_ROOT) / relative).resolve()
    if base not in path.parents:
        raise ValueError("a dataset path must stay inside private storage")
    return path


def sibling(relative: str, suffix: str) -> str:
    """Another file next to a stored one, such as its Parquet copy."""
    return relative.rsplit(".", 1)[0] + suffix


def remove(relative: str) -> None:
    if relative:
        try:
            absolute(relative).unlink(missing_ok=True)
        except ValueError:
            pass
