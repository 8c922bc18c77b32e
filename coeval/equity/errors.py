"""Errors raised by the equity engine when the user's input is wrong."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input a user can fix; the message says what and where."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        column: str | None = None,
        row: int | None = None,
    ) -> None:
        # The location is kept as fields so a web form or CLI can point at the cell,
        # and is also written into the message so a plain traceback says the same.
        self.file = file
        self.column = column
        self.row = row
        self.reason = message
        super().__init__(_located(message, file=file, column=column, row=row))

    def without_file(self) -> str:
        """The reason with its column and row but not the file: for a web page, where
        the file is the one the person uploaded and its path on the server is private."""
        where = [f"column '{self.column}'" if self.column else "",
                 f"row {self.row}" if self.row else ""]  # fmt: skip
        located = ", ".join(w for w in where if w)
        return f"{self.reason} ({located})" if located else self.reason


def _located(message: str, *, file: str | None, column: str | None, row: int | None) -> str:
    where = []
    if file is not None:
        where.append(f"file {file!r}")
    if column is not None:
        where.append(f"column {column!r}")
    if row is not None:
        where.append(f"row {row}")
    return f"{', '.join(where)}: {message}" if where else message
