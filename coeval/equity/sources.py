"""Where patient-level rows or pre-aggregated counts come from.

A source is read lazily: engines either hand it to a database as a table (DuckDB reads
CSV and Parquet files itself, in a streaming scan) or walk it in batches of rows. No
source ever loads a whole large file into pandas.

Row numbers in error messages count as a spreadsheet does: the header is row 1, so the
first data row is row 2. For a database table they count the rows of the query result.
"""

from __future__ import annotations

import csv
import itertools
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from pathlib import Path

import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from ibis.backends import BaseBackend

from coeval.equity.errors import InputError
from coeval.equity.frames import as_arrow
from coeval.equity.spec import Source

BATCH_ROWS = 65_536
FIRST_DATA_ROW = 2


class DataSource(ABC):
    """Rows to aggregate, known by a label used in every error message."""

    label: str

    @abstractmethod
    def columns(self) -> list[str]:
        """Column names, read without reading the rows."""

    @abstractmethod
    def batches(self, columns: Iterable[str], rows: int = BATCH_ROWS) -> Iterator[pd.DataFrame]:
        """The rows in order, a few columns at a time; each frame's index is row numbers."""

    def ibis_table(self, backend: BaseBackend) -> ir.Table:
        """The rows as a table on ``backend``; by default copied there batch by batch."""
        name = f"coeval_source_{uuid.uuid4().hex[:12]}"
        batches = self.batches(self.columns())
        first = next(batches, None)
        if first is None:
            raise InputError("no rows to analyse", file=self.label)
        if backend.name == "pyspark":
            table = backend.create_table(name, obj=_arrow(first))
            for batch in batches:
                backend.insert(name, _arrow(batch))
            return table
        # SQL drivers bind Python values, and pandas' NA is not one of them: send None.
        schema = ibis.schema(_arrow(first).schema)
        table = backend.create_table(name, schema=schema)
        for batch in itertools.chain([first], batches):
            backend.insert(name, batch.astype(object).where(batch.notna(), None))
        return table

    def close(self) -> None:  # noqa: B027 - most sources hold nothing open
        """Let go of any connection the source opened (a database table's)."""

    def require(self, columns: Iterable[str]) -> None:
        """Fail early, naming the file and the column, if a needed column is absent."""
        present = self.columns()
        for column in columns:
            if column not in present:
                raise InputError(
                    f"missing column; the columns are {', '.join(present)}",
                    file=self.label,
                    column=column,
                )


class CsvSource(DataSource):
    def __init__(self, path: str | Path) -> None:
        self.path = _existing(path)
        self.label = str(path)

    def columns(self) -> list[str]:
        with self.path.open(newline="", encoding="utf-8-sig") as handle:
            return next(csv.reader(handle), [])

    def batches(self, columns: Iterable[str], rows: int = BATCH_ROWS) -> Iterator[pd.DataFrame]:
        wanted = list(columns)
        options = pacsv.ConvertOptions(include_columns=wanted)
        reader = pacsv.open_csv(
            self.path,
            read_options=pacsv.ReadOptions(block_size=1 << 22),
            convert_options=options,
        )
        yield from _numbered(_arrow_frames(reader, self.label), rows)

    def ibis_table(self, backend: BaseBackend) -> ir.Table:
        if backend.name == "duckdb":
            return backend.read_csv(str(self.path))  # type: ignore[attr-defined]
        return super().ibis_table(backend)


class ParquetSource(DataSource):
    """One Parquet file, a folder of them, or a glob such as ``data/*.parquet``."""

    def __init__(self, path: str | Path) -> None:
        self.files = _parquet_files(path)
        self.path = self.files[0] if len(self.files) == 1 else Path(path)
        self.label = str(path)

    def columns(self) -> list[str]:
        return list(pq.ParquetFile(self.files[0]).schema_arrow.names)

    def batches(self, columns: Iterable[str], rows: int = BATCH_ROWS) -> Iterator[pd.DataFrame]:
        wanted = list(columns)
        frames = (
            b.to_pandas()
            for file in self.files
            for b in pq.ParquetFile(file).iter_batches(batch_size=rows, columns=wanted)
        )
        yield from _numbered(frames, rows)

    def ibis_table(self, backend: BaseBackend) -> ir.Table:
        if backend.name in ("duckdb", "pyspark"):
            paths = [str(f) for f in self.files]
            return backend.read_parquet(paths if len(paths) > 1 else paths[0])  # type: ignore[attr-defined]
        return super().ibis_table(backend)


def _parquet_files(path: str | Path) -> list[Path]:
    """The Parquet files named by a file, a folder (its *.parquet files) or a glob."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.glob("*.parquet") if p.is_file())
    elif any(c in str(path) for c in "*?["):
        files = sorted(p for p in path.parent.glob(path.name) if p.is_file())
    else:
        return [_existing(path)]
    if not files:
        raise InputError("no Parquet files found", file=str(path))
    return files


class ExcelSource(DataSource):
    """The first (or named) sheet of an .xlsx workbook, read row by row."""

    def __init__(self, path: str | Path, sheet: str | None = None) -> None:
        self.path = _existing(path)
        self.sheet = sheet
        self.label = str(path) + (f" [{sheet}]" if sheet else "")

    def _rows(self) -> Iterator[tuple]:
        import openpyxl

        book = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        try:
            if self.sheet is not None and self.sheet not in book.sheetnames:
                raise InputError(f"no sheet {self.sheet!r}", file=str(self.path))
            sheet = book[self.sheet] if self.sheet else book.worksheets[0]
            yield from sheet.iter_rows(values_only=True)
        finally:
            book.close()

    def columns(self) -> list[str]:
        header = next(self._rows(), ())
        return [str(c) for c in header if c is not None]

    def batches(self, columns: Iterable[str], rows: int = BATCH_ROWS) -> Iterator[pd.DataFrame]:
        wanted = list(columns)
        cells = self._rows()
        header = [str(c) for c in next(cells, ())]
        positions = [header.index(c) for c in wanted]
        frames = (
            pd.DataFrame(
                [[row[i] for i in positions] for row in chunk], columns=wanted
            ).infer_objects()
            for chunk in _chunks(cells, rows)
        )
        yield from _numbered(frames, rows)


class FrameSource(DataSource):
    """A pandas DataFrame already in memory, for the Python API and tests."""

    def __init__(self, frame: pd.DataFrame, label: str = "data frame") -> None:
        self.frame = frame
        self.label = label

    def columns(self) -> list[str]:
        return [str(c) for c in self.frame.columns]

    def batches(self, columns: Iterable[str], rows: int = BATCH_ROWS) -> Iterator[pd.DataFrame]:
        wanted = list(columns)
        frames = (self.frame.iloc[i : i + rows][wanted] for i in range(0, len(self.frame), rows))
        yield from _numbered(frames, rows)

    def ibis_table(self, backend: BaseBackend) -> ir.Table:
        if backend.name == "duckdb":
            return _register_arrow(backend, _arrow(self.frame))
        return super().ibis_table(backend)


class ArrowSource(DataSource):
    """An Arrow table in memory: from pyarrow, Polars or DuckDB (``to_arrow()``).

    DuckDB reads it in place, without a copy; other backends get it batch by batch.
    """

    def __init__(self, table: pa.Table, label: str = "Arrow table") -> None:
        self.table = table
        self.label = label

    def columns(self) -> list[str]:
        return list(self.table.column_names)

    def batches(self, columns: Iterable[str], rows: int = BATCH_ROWS) -> Iterator[pd.DataFrame]:
        chosen = self.table.select(list(columns))
        frames = (b.to_pandas() for b in chosen.to_batches(max_chunksize=rows))
        yield from _numbered(frames, rows)

    def ibis_table(self, backend: BaseBackend) -> ir.Table:
        if backend.name == "duckdb":
            return _register_arrow(backend, self.table)
        return super().ibis_table(backend)


class TableSource(DataSource):
    """A table already in a database that Ibis can reach; the engine runs there."""

    def __init__(self, backend: BaseBackend | str, name: str, database: str | None = None) -> None:
        # A connection opened here from a URL is closed by close(); one passed in
        # belongs to the caller.
        self._opened_here = isinstance(backend, str)
        self.backend = ibis.connect(backend) if isinstance(backend, str) else backend
        self.name = name
        self.database = database
        self.label = f"table {name}"

    def _table(self) -> ir.Table:
        try:
            return self.backend.table(self.name, database=self.database)
        except Exception as error:  # each backend raises its own "no such table"
            raise InputError(f"cannot open the table: {error}", file=self.label) from None

    def columns(self) -> list[str]:
        return list(self._table().columns)

    def batches(self, columns: Iterable[str], rows: int = BATCH_ROWS) -> Iterator[pd.DataFrame]:
        table = self._table().select(*columns)
        frames = (b.to_pandas() for b in table.to_pyarrow_batches(chunk_size=rows))
        yield from _numbered(frames, rows)

    def ibis_table(self, backend: BaseBackend) -> ir.Table:
        return self._table()

    def close(self) -> None:
        if self._opened_here:
            self.backend.disconnect()


def open_source(source: Source | DataSource | pd.DataFrame | pa.Table | str | Path) -> DataSource:
    """Any way of naming data, as a :class:`DataSource`: a path, a ``Source``, a
    DataFrame, or an Arrow table (or anything with ``to_arrow()``)."""
    if isinstance(source, DataSource):
        return source
    if isinstance(source, pd.DataFrame):
        return FrameSource(source)
    arrow = as_arrow(source)
    if arrow is not None:
        return ArrowSource(arrow)
    if isinstance(source, str | Path):
        source = Source(path=str(source))
    if source.format == "table":
        if source.connection is None:
            raise InputError("source.connection (an Ibis URL) is needed to read a table")
        assert source.table is not None
        return TableSource(source.connection, source.table)
    assert source.path is not None
    if source.format == "csv":
        return CsvSource(source.path)
    if source.format == "parquet":
        return ParquetSource(source.path)
    return ExcelSource(source.path, source.sheet)


ARROW_VIEW_PREFIX = "coeval_arrow_"


def _register_arrow(backend: BaseBackend, table: pa.Table) -> ir.Table:
    """An Arrow table as a DuckDB view, read in place; the engine unregisters it after
    its one query, so a long-lived connection does not keep the data alive."""
    name = f"{ARROW_VIEW_PREFIX}{uuid.uuid4().hex[:12]}"
    backend.con.register(name, table)  # type: ignore[attr-defined]
    return backend.table(name)


def _existing(path: str | Path) -> Path:
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found", file=str(path))
    return path


def _arrow(frame: pd.DataFrame) -> pa.Table:
    """A frame as Arrow; a column with no values at all is taken to be text."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for i, column in enumerate(table.schema):
        if pa.types.is_null(column.type):
            table = table.set_column(i, column.name, table.column(i).cast(pa.string()))
    return table


def _arrow_frames(reader: pacsv.CSVStreamingReader, label: str) -> Iterator[pd.DataFrame]:
    try:
        for batch in reader:
            yield batch.to_pandas()
    except pa.ArrowInvalid as error:
        # A column whose type changes half-way through a file, such as a text code in
        # a column of numbers, is reported by Arrow with the offending value.
        raise InputError(f"cannot read the file: {error}", file=label) from None


def _numbered(frames: Iterable[pd.DataFrame], rows: int) -> Iterator[pd.DataFrame]:
    start = FIRST_DATA_ROW
    for frame in frames:
        for offset in range(0, len(frame), rows):
            piece = frame.iloc[offset : offset + rows].reset_index(drop=True)
            piece.index = pd.RangeIndex(start, start + len(piece))
            start += len(piece)
            yield piece


def _chunks(items: Iterator[tuple], size: int) -> Iterator[list[tuple]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk
