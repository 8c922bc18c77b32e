"""Checking a dataset before anything is analysed: the validation report.

``check_file`` reads an uploaded file once, converting it to Parquet with DuckDB (so
later analyses scan a compact, typed file), and lists what is wrong with it. A file
with a blocking problem is not imported at all; the report says so, and any partly
written copy is removed. ``check_mapping`` then looks at the mapped columns: codes the
equity dimensions do not know, negative counts, ages that are not numbers.

Problems name columns and row numbers (the header is row 1) but never copy values
from the data into logs; only the report, shown to people with the row-level grant,
quotes a few example codes.
"""

import csv
import io
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from coeval.web.datasets import storage

ERROR = "error"  # the file or mapping cannot be used until this is fixed
WARNING = "warning"  # imported, but worth checking
MISSING_MARKERS = ("", "NA", "N/A", "NULL", "NONE", "-", ".", "NAN", "MISSING")
EXAMPLE_ROWS = 5


@dataclass
class Problem:
    kind: str
    message: str
    severity: str = ERROR
    column: str = ""
    rows: list[int] = field(default_factory=list)
    count: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class FileCheck:
    problems: list[Problem]
    columns: list[dict]
    row_count: int | None
    parquet_path: str  # relative to MEDIA_ROOT; empty when nothing was imported

    @property
    def imported(self) -> bool:
        return bool(self.parquet_path) and not any(p.severity == ERROR for p in self.problems)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def check_file(relative: str, file_format: str, progress=None) -> FileCheck:
    report = progress or (lambda fraction, message: None)
    path = storage.absolute(relative)
    if path.stat().st_size == 0:
        return FileCheck([_empty()], [], 0, "")
    report(0.05, "Checking the file's header")
    problems = (
        _csv_header(path)
        if file_format == "csv"
        else _excel_header(path)
        if file_format == "excel"
        else []
    )
    if any(p.severity == ERROR for p in problems):
        return FileCheck(problems, [], None, "")
    target = relative if file_format == "parquet" else storage.sibling(relative, ".parquet")
    report(0.15, "Reading every row")
    try:
        if file_format == "csv":
            _csv_to_parquet(path, storage.absolute(target))
        elif file_format == "excel":
            _excel_to_parquet(path, storage.absolute(target))
    except _Stop as stop:
        storage.remove(target)  # never leave a half-written copy behind
        return FileCheck([stop.problem], [], None, "")
    report(0.6, "Looking for mixed types in columns")
    try:
        columns, row_count = _describe(storage.absolute(target))
    except duckdb.Error:
        _discard(target, relative)
        unreadable = Problem(
            "unreadable", "This is not a Parquet file that can be read. Nothing was imported."
        )
        return FileCheck([unreadable], [], None, "")
    if row_count == 0:
        _discard(target, relative)
        return FileCheck([_empty()], columns, 0, "")
    problems += _mixed_types(storage.absolute(target), columns)
    report(1.0, "Checked")
    return FileCheck(problems, columns, row_count, target)


def _discard(target: str, original: str) -> None:
    if target != original:
        storage.remove(target)


def _empty() -> Problem:
    return Problem(
        "empty",
        "The file has no rows of data. Nothing was imported. Check you chose the right file.",
    )


class _Stop(Exception):
    """Raised by a converter to stop with a ready-made problem for the report."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def _csv_header(path: Path) -> list[Problem]:
    with path.open("rb") as handle:
        head = handle.read(256 * 1024)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [
            Problem(
                "encoding",
                "The file is saved as UTF-16, which cannot be read. Save it again as "
                "'CSV UTF-8' and upload it again. Nothing was imported.",
            )
        ]
    text = _decode_head(head)
    if isinstance(text, Problem):
        return [text]
    first = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))), None)
    if not first:
        return [_empty()]
    return _header_names(first)


def _decode_head(head: bytes):
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 4:  # a character cut in half by the 256 KB read
            return head[: error.start].decode("utf-8")
        row = head[: error.start].count(b"\n") + 1
        return Problem(
            "encoding",
            f"Row {row} has characters that are not UTF-8 (the file may be saved as Windows "
            "or Latin-1 text). Save it again as 'CSV UTF-8' and upload it again. "
            "Nothing was imported.",
            rows=[row],
            count=1,
        )


def _header_names(names: list) -> list[Problem]:
    problems = []
    cleaned = [("" if n is None else str(n)).strip() for n in names]
    blanks = [i + 1 for i, n in enumerate(cleaned) if not n]
    if blanks:
        problems.append(
            Problem(
                "header",
                f"Column {blanks[0]} has no name in the first row. Every column needs a name "
                "in row 1. Nothing was imported.",
                rows=[1],
            )
        )
    seen: set[str] = set()
    for name in cleaned:
        if name and name.lower() in seen:
            problems.append(
                Problem(
                    "header",
                    f"Two columns are called '{name}'. Give each column its own name. "
                    "Nothing was imported.",
                    column=name,
                    rows=[1],
                )
            )
            break
        seen.add(name.lower())
    return problems


def _excel_header(path: Path) -> list[Problem]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception:
        return [
            Problem(
                "unreadable",
                "This is not an Excel workbook that can be read (save it as .xlsx). "
                "Nothing was imported.",
            )
        ]
    sheet = book.worksheets[0]
    merged = [r for r in sheet.merged_cells.ranges if r.min_row <= 2]
    if merged:
        first = merged[0]
        return [
            Problem(
                "merged_header",
                f"The header has merged cells ({first.coord}). Put one plain heading in row 1 "
                "for each column, with no merged cells, then upload it again. "
                "Nothing was imported.",
                rows=list(range(first.min_row, first.max_row + 1)),
            )
        ]
    header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    while header and header[-1] is None:
        header = header[:-1]
    if not header:
        return [_empty()]
    return _header_names(list(header))


def _csv_to_parquet(path: Path, target: Path) -> None:
    connection = duckdb.connect()
    try:
        connection.execute(
            f"COPY (SELECT * FROM read_csv({_literal(str(path))}, header = true)) "
            f"TO {_literal(str(target))} (FORMAT parquet)"
        )
    except duckdb.Error as error:
        raise _Stop(_read_error(str(error))) from None
    finally:
        connection.close()


def _read_error(text: str) -> Problem:
    line = re.search(r"[Ll]ine:?\s*(\d+)", text)
    row = int(line.group(1)) if line else None
    column = re.search(r'[Cc]olumn:?\s*"?([^"\n,]+)"?', text)
    where = f"Row {row}" if row else "A row"
    if "unicode" in text.lower() or "utf" in text.lower():
        return Problem(
            "encoding",
            f"{where} has characters that are not UTF-8. Save the file again as 'CSV UTF-8' "
            "and upload it again. Nothing was imported.",
            rows=[row] if row else [],
        )
    if "convert" in text.lower() or "cast" in text.lower():
        name = column.group(1).strip() if column else ""
        return Problem(
            "mixed_types",
            f"{where} has text in a column of numbers"
            + (f" ('{name}')" if name else "")
            + ". Make every value in the column the same kind, then upload it again. "
            "Nothing was imported.",
            column=name,
            rows=[row] if row else [],
        )
    return Problem(
        "unreadable",
        f"{where} could not be read as CSV (check the commas and quotes). Nothing was imported.",
        rows=[row] if row else [],
    )


def _excel_to_parquet(path: Path, target: Path) -> None:
    # Excel sheets stop at about a million rows, so reading one sheet is bounded.
    import pandas as pd

    try:
        frame = pd.read_excel(path, sheet_name=0, engine="openpyxl")
    except Exception:
        raise _Stop(
            Problem("unreadable", "The workbook could not be read. Nothing was imported.")
        ) from None
    for column in frame.select_dtypes(include="object").columns:
        # A column of numbers with some text in it stays text; the mixed-type check names it.
        frame[column] = frame[column].map(lambda v: None if pd.isna(v) else str(v))
    frame.columns = [str(c).strip() for c in frame.columns]
    frame.to_parquet(target, index=False)


def _describe(path: Path) -> tuple[list[dict], int]:
    connection = duckdb.connect()
    try:
        source = f"read_parquet({_literal(str(path))})"
        described = connection.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
        rows = connection.execute(f"SELECT count(*) FROM {source}").fetchone()[0]
    finally:
        connection.close()
    return [{"name": name, "type": kind} for name, kind, *_ in described], int(rows)


def _mixed_types(path: Path, columns: list[dict]) -> list[Problem]:
    """Text columns that are mostly numbers: probably a typing slip or a stray code."""
    problems = []
    connection = duckdb.connect()
    source = f"read_parquet({_literal(str(path))})"
    markers = ", ".join(_literal(m) for m in MISSING_MARKERS)
    try:
        for column in columns:
            if column["type"] != "VARCHAR":
                continue
            c = _quote(column["name"])
            text = f"{c} IS NOT NULL AND upper(trim({c})) NOT IN ({markers})"
            numbers, others = connection.execute(
                f"SELECT count(*) FILTER (WHERE {text} AND TRY_CAST({c} AS DOUBLE) IS NOT NULL), "
                f"count(*) FILTER (WHERE {text} AND TRY_CAST({c} AS DOUBLE) IS NULL) FROM {source}"
            ).fetchone()
            if not others or numbers < others:
                continue
            rows = connection.execute(
                f"SELECT n FROM (SELECT row_number() OVER () + 1 AS n, {c} FROM {source}) "
                f"WHERE {text} AND TRY_CAST({c} AS DOUBLE) IS NULL ORDER BY n LIMIT {EXAMPLE_ROWS}"
            ).fetchall()
            problems.append(
                Problem(
                    "mixed_types",
                    f"The column '{column['name']}' is mostly numbers, but {others:,} "
                    f"{'row has' if others == 1 else 'rows have'} text in it (for example row "
                    f"{rows[0][0]}). It was imported as text. Fix those rows if the column "
                    "should be numbers.",
                    severity=WARNING,
                    column=column["name"],
                    rows=[r[0] for r in rows],
                    count=int(others),
                )
            )
    finally:
        connection.close()
    return problems
