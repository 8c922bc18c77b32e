"""Read a .qdpx zip into memory safely: no path tricks, no zip bombs, no oversized files.

Nothing is ever extracted to disk, but paths that would escape the folder are still refused:
an archive that contains them was made to attack someone, and its other contents cannot be
trusted either.
"""

import io
import os
import re
import zipfile
from pathlib import PurePosixPath
from typing import BinaryIO

from coeval.qualitative.refi.errors import QdpxImportError
from coeval.qualitative.refi.limits import MB, ImportLimits

ArchiveInput = bytes | str | os.PathLike[str] | BinaryIO

_CHUNK = 1 * MB
_DRIVE = re.compile(r"^[A-Za-z]:")


def check_member_name(name: str) -> None:
    """Refuse a path inside the archive that could point outside the folder it unpacks to."""
    if "\x00" in name or "\\" in name:
        raise QdpxImportError(f"The archive contains a file with an unsafe name ({name!r}).")
    if name.startswith("/") or _DRIVE.match(name):
        raise QdpxImportError(
            f"The archive contains a file with an absolute path ({name!r}); files must stay "
            "inside the project folder."
        )
    if ".." in PurePosixPath(name).parts:
        raise QdpxImportError(
            f"The archive contains a path that escapes the project folder ({name!r})."
        )


def _open(source: ArchiveInput, limits: ImportLimits) -> zipfile.ZipFile:
    if isinstance(source, bytes):
        size = len(source)
        stream: BinaryIO | str | os.PathLike[str] = io.BytesIO(source)
    elif isinstance(source, str | os.PathLike):
        size = os.path.getsize(source)
        stream = source
    else:
        size = source.seek(0, io.SEEK_END)
        source.seek(0)
        stream = source
    if size > limits.max_archive_bytes:
        raise QdpxImportError(
            f"The file is {size / MB:.0f} MB, more than the {limits.max_archive_bytes / MB:.0f} MB "
            "coeval accepts."
        )
    try:
        return zipfile.ZipFile(stream)
    except zipfile.BadZipFile:
        raise QdpxImportError(
            "The file is not a .qdpx project: it is not a zip archive (or it is damaged)."
        ) from None


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ImportLimits) -> bytes:
    # The declared size can lie, so count what actually comes out while reading.
    ceiling = min(info.file_size, limits.max_member_bytes)
    parts: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                total += len(chunk)
                if total > ceiling:
                    raise QdpxImportError(
                        f"{info.filename} unpacks to more than its declared size; the archive "
                        "looks like a zip bomb and was refused."
                    )
                parts.append(chunk)
    except (zipfile.BadZipFile, EOFError, OSError) as error:
        raise QdpxImportError(f"{info.filename} is damaged inside the archive ({error}).") from None
    except NotImplementedError:
        raise QdpxImportError(
            f"{info.filename} uses a compression method coeval cannot read."
        ) from None
    return b"".join(parts)


def read_archive(source: ArchiveInput, limits: ImportLimits | None = None) -> dict[str, bytes]:
    """Every file in the archive by its path, after all the safety checks."""
    limits = limits or ImportLimits()
    with _open(source, limits) as archive:
        infos = archive.infolist()
        if len(infos) > limits.max_entries:
            raise QdpxImportError(
                f"The archive holds {len(infos)} files, more than the {limits.max_entries} "
                "coeval accepts."
            )
        declared_total = 0
        for info in infos:
            check_member_name(info.filename)
            if info.flag_bits & 0x1:
                raise QdpxImportError(f"{info.filename} is encrypted; coeval cannot read it.")
            if info.file_size > limits.max_member_bytes:
                raise QdpxImportError(
                    f"{info.filename} is {info.file_size / MB:.0f} MB uncompressed, more than the "
                    f"{limits.max_member_bytes / MB:.0f} MB coeval accepts for one file."
                )
            ratio = info.file_size / max(info.compress_size, 1)
            if (
                info.file_size > limits.ratio_applies_above_bytes
                and ratio > limits.max_compression_ratio
            ):
                raise QdpxImportError(
                    f"{info.filename} is compressed {ratio:.0f} to 1; the archive looks like a "
                    "zip bomb and was refused."
                )
            declared_total += info.file_size
        if declared_total > limits.max_total_bytes:
            raise QdpxImportError(
                f"The archive unpacks to {declared_total / MB:.0f} MB, more than the "
                f"{limits.max_total_bytes / MB:.0f} MB coeval accepts."
            )
        files: dict[str, bytes] = {}
        for info in infos:
            if info.is_dir():
                continue
            if info.filename in files:
                raise QdpxImportError(f"The archive holds {info.filename} twice.")
            files[info.filename] = _read_member(archive, info, limits)
        return files


def member_for(path: str) -> str | None:
    """The archive member a REFI source path points to, or None for files outside the archive.

    ``internal://x`` lives in ``sources/``; so does a bare file name, which is how the qc
    tool writes it. ``relative://`` and ``absolute://`` name files on the exporter's disk.
    """
    if path.startswith("internal://"):
        name = path.removeprefix("internal://")
    elif "://" in path:
        return None
    else:
        name = path
    member = f"sources/{name}"
    check_member_name(member)
    return member
