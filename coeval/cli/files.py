"""Reading and writing the CLI's tables, with errors that name the file."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from coeval.equity.errors import InputError


class FileProblem(OSError):
    """A file that cannot be read or written (exit code 4), as opposed to bad content."""


def read_csv(path: str | Path) -> pd.DataFrame:
    path = Path(path)
    if not path.is_file():
        raise FileProblem(f"cannot read {str(path)!r}: no such file")
    try:
        # utf-8-sig: spreadsheets often save CSV with a byte-order mark.
        return pd.read_csv(path, encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        raise InputError("the file is empty", file=str(path)) from None
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise InputError(f"not a readable CSV file ({error})", file=str(path)) from None
    except OSError as error:
        raise FileProblem(f"cannot read {str(path)!r}: {error.strerror or error}") from None


def write_csv(table: pd.DataFrame, path: str | Path | None) -> None:
    """Write to ``path``, or to standard output when it is None or '-'."""
    if path is None or str(path) == "-":
        table.to_csv(sys.stdout, index=False)
        return
    write_text(table.to_csv(index=False), path)


def write_text(text: str, path: str | Path) -> None:
    path = Path(path)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise FileProblem(f"cannot write {str(path)!r}: {error.strerror or error}") from None
