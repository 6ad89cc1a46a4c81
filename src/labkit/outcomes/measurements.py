"""Measurements from CSV and Excel (.xlsx) files.

The first row names the columns: ``indicator, area, period, value`` are required; ``numerator, denominator,
group, source, note`` are optional. CSV files may use comma, semicolon or tab as separator (Excel in Swedish
saves with semicolons) and decimal comma or point, in UTF-8 or Windows-1252. Every bad cell is reported with file,
row and column (the first hundred listed, the rest counted), and nothing is loaded from a file with any error.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import os
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from .._gc import collector_paused
from ..errors import InvalidDataError, Problem
from ..files import MAX_FILE_BYTES, atomic_write
from ..model import Measurement, check_slug
from ..model.period import period_problem
from ..text import counting

__all__ = [
    "COLUMNS",
    "MeasurementRow",
    "dump_measurements_csv",
    "lab_file_rows",
    "load_measurement_rows",
    "load_measurements",
    "parse_measurement_rows",
    "read_measurement_rows",
]

REQUIRED = ("indicator", "area", "period", "value")
OPTIONAL = ("numerator", "denominator", "group", "source", "note")
COLUMNS = REQUIRED + OPTIONAL


def _number(text: str) -> float:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError
    return value


def _written_decimals(text: str) -> int | None:
    """How many decimals a number was written with (``41,7`` has 1); None for ``4.17e1``."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".").lower()
    if "e" in cleaned:
        return None
    _whole, dot, fraction = cleaned.partition(".")
    return len(fraction) if dot else 0


def _float_decimals(value: float) -> int | None:
    """The decimals of a number read as a number (an Excel cell, a YAML value): as few as give it back."""
    return 0 if value.is_integer() else _written_decimals(repr(value))


@attrs.frozen
class MeasurementRow:
    """A measurement and where it was written: its file, its row (or line) and the label of each column."""

    measurement: Measurement
    file: str | None = None
    line: int | None = None
    """The row of a spreadsheet, or the line of the measurement in a YAML or JSON file."""
    path: tuple[str | int, ...] = ()
    """Where the measurement sits in a YAML or JSON file, like ``("measurements", 3)``; empty in a spreadsheet."""
    columns: Mapping[str, str] = attrs.field(factory=dict)
    """The label of each field's column in a spreadsheet, like ``D (value)`` in Excel."""
    lines: Mapping[str, int] = attrs.field(factory=dict)
    """The line of each field in a YAML or JSON file."""
    decimals: int | None = None
    """How many decimals the value was written with, when known."""
    spreadsheet: bool = False

    def problem(self, field: str | None, message: str) -> Problem:
        """A problem with *field* of this measurement (or with the whole row when *field* is None)."""
        if field is None:
            return Problem(message, self.file, self.line, self.path)
        return Problem(
            message, self.file, self.lines.get(field, self.line), (*self.path, self.columns.get(field, field))
        )

    def place(self, seen_from: MeasurementRow | None = None) -> str:
        """``row 3`` (or ``line 40``) in the same file as *seen_from*, else ``data.csv:3``."""
        if seen_from is not None and seen_from.file == self.file and self.line is not None:
            return f"{'row' if self.spreadsheet else 'line'} {self.line}"
        where = self.file or "the lab"
        return f"{where}:{self.line}" if self.line is not None else where


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


#: At most this many problems are listed; the rest are counted, so a file full of mistakes stays readable.
MAX_PROBLEMS = 100

#: An .xlsx file is a zip archive: refused before opening when it holds more parts or more uncompressed bytes.
MAX_XLSX_ENTRIES = 10_000
MAX_XLSX_BYTES = 200 * 1024 * 1024

ColumnLabel = Callable[[int, str], str]


class _Problems:
    """Collects problems, keeping the first :data:`MAX_PROBLEMS` and counting the rest."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.kept: list[Problem] = []
        self.more = 0

    def add(self, problem: Problem) -> None:
        if len(self.kept) < MAX_PROBLEMS:
            self.kept.append(problem)
        else:
            self.more += 1

    def raise_if_any(self, read: Sequence[MeasurementRow] = ()) -> None:
        """Raise the problems (with the rows that were read without one, for a check that goes on)."""
        if not self.kept:
            return
        problems = list(self.kept)
        if self.more:
            problems.append(
                Problem(
                    f"and {counting(self.more, 'more problem')} not listed ({len(self.kept) + self.more} in all)",
                    self.filename,
                )
            )
        raise _PartlyRead(problems, read)


class _PartlyRead(InvalidDataError):
    """The problems of a file, and the rows of it that were read without a problem."""

    def __init__(self, problems: Iterable[Problem], read: Sequence[MeasurementRow]) -> None:
        super().__init__(problems)
        self.read = list(read)


def _columns(header: Sequence[Any], filename: str, label: ColumnLabel) -> dict[str, int]:
    """Where each known column is; unknown and missing columns are problems."""
    problems: list[Problem] = []
    names = [_cell_text(h).lower() for h in header]
    for index, name in enumerate(names):
        if name and name not in COLUMNS:
            close = difflib.get_close_matches(name, COLUMNS, 1, 0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; the columns are {', '.join(COLUMNS)}"
            problems.append(Problem(f"unknown column {name!r}{hint}", filename, 1, (label(index, name),)))
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        problems.append(Problem(f"missing column(s): {', '.join(missing)}", filename, 1))
    if problems:
        raise InvalidDataError(problems[:MAX_PROBLEMS])
    return {name: names.index(name) for name in COLUMNS if name in names}


@attrs.define
class _Row:
    """One data row being read: its cells by column name and the problems found in it."""

    line: int
    cells: dict[str, str]
    raw: dict[str, Any]
    problems: list[tuple[str, str]] = attrs.field(factory=list)
    values: dict[str, Any] = attrs.field(factory=dict)
    decimals: int | None = None

    def bad(self, column: str, message: str) -> None:
        self.problems.append((column, message))


def _read_names(row: _Row) -> None:
    for column in ("indicator", "area"):
        if not row.cells[column]:
            row.bad(column, "this cell is empty")
        row.values[column] = row.cells[column]
    if row.values["indicator"]:
        try:
            check_slug(None, None, row.values["indicator"])
        except ValueError as exc:
            row.bad("indicator", str(exc))


def _read_period(row: _Row) -> None:
    period = row.cells["period"]
    problem = period_problem(period)
    if problem is not None:
        row.bad("period", problem)
    row.values["period"] = period


def _read_value(row: _Row) -> None:
    raw = row.raw["value"]
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if math.isfinite(raw):
            row.values["value"] = float(raw)
            row.decimals = _float_decimals(float(raw))
        else:
            row.bad("value", f"expected a finite number, got {raw!r}")
        return
    try:
        row.values["value"] = _number(row.cells["value"])
        row.decimals = _written_decimals(row.cells["value"])
    except ValueError:
        text = row.cells["value"]
        row.bad("value", f"expected a number, got {text!r}" if text else "this cell is empty")


def _read_people(row: _Row) -> None:
    for column in ("numerator", "denominator"):
        text = row.cells.get(column, "")
        if not text:
            continue
        try:
            number = _number(text)
        except ValueError:
            row.bad(column, f"expected a whole number of people, got {text!r}")
            continue
        if number < 0:
            row.bad(column, f"a number of people cannot be negative, got {text!r}")
        elif not number.is_integer():
            row.bad(column, f"expected a whole number of people, got {text!r}")
        else:
            row.values[column] = int(number)
    numerator, denominator = row.values.get("numerator"), row.values.get("denominator")
    if numerator is not None and denominator is not None and numerator > denominator:
        row.bad(
            "numerator",
            f"the numerator ({numerator}) is larger than the denominator ({denominator}): "
            "a share counts people out of the group it is of",
        )


def _read_texts(row: _Row) -> None:
    for column in ("group", "source", "note"):
        if row.cells.get(column):
            row.values[column] = row.cells[column]


_READERS = (_read_names, _read_period, _read_value, _read_people, _read_texts)


def parse_measurement_rows(
    header: Sequence[Any],
    rows: Iterable[tuple[int, Sequence[Any]]],
    filename: str,
    column_label: ColumnLabel | None = None,
) -> list[Measurement]:
    """Turn a header and numbered rows into measurements, collecting every problem (the first hundred listed)."""
    return [row.measurement for row in _parse_rows(header, rows, filename, column_label)]


def _parse_rows(
    header: Sequence[Any],
    rows: Iterable[tuple[int, Sequence[Any]]],
    filename: str,
    column_label: ColumnLabel | None = None,
) -> list[MeasurementRow]:
    label: ColumnLabel = column_label or (lambda index, name: name)
    where = _columns(header, filename, label)
    labels = {name: label(index, name) for name, index in where.items()}
    problems = _Problems(filename)
    found: list[MeasurementRow] = []
    for line, cells in rows:
        row = _Row(
            line,
            {name: _cell_text(cells[i]) if i < len(cells) else "" for name, i in where.items()},
            {name: (cells[i] if i < len(cells) else None) for name, i in where.items()},
        )
        if not any(row.cells.values()):
            continue
        for read in _READERS:
            read(row)
        for column, message in row.problems:
            problems.add(Problem(message, filename, line, (label(where[column], column),)))
        if row.problems:
            continue
        try:
            measurement = Measurement(**row.values)
        except (ValueError, TypeError) as exc:
            problems.add(Problem(str(exc), filename, line))
            continue
        found.append(MeasurementRow(measurement, filename, line, (), labels, {}, row.decimals, True))
    problems.raise_if_any(found)
    return found


def _decode_csv(data: bytes, path: Path) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252 as older Excel saves it; never a guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InvalidDataError(
            [
                Problem(
                    f"byte 0x{data[exc.start]:02X} is neither UTF-8 nor Windows-1252 text; "
                    "save the file as CSV UTF-8",
                    str(path),
                    line,
                )
            ]
        ) from None


def _load_csv(path: Path) -> list[MeasurementRow]:
    text = _decode_csv(path.read_bytes(), path)
    if "\x00" in text:
        raise InvalidDataError(
            [Problem("the file contains NUL characters; it is not a CSV text file", str(path))]
        )
    if not text.strip():
        raise InvalidDataError([Problem("the file is empty", str(path), 1)])
    first = text.splitlines()[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
        return _parse_rows(header, enumerate(reader, start=2), str(path))
    except csv.Error as exc:
        raise InvalidDataError([Problem(f"not a readable CSV file: {exc}", str(path))]) from None


def _check_xlsx_archive(path: Path) -> None:
    """Refuse an .xlsx whose zip archive would unpack to too many parts or too many bytes (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise InvalidDataError([Problem(f"not a readable Excel file: {exc}", str(path))]) from None
    if len(entries) > MAX_XLSX_ENTRIES:
        raise InvalidDataError(
            [
                Problem(
                    f"the Excel file holds {len(entries)} parts; labkit opens files with up to "
                    f"{MAX_XLSX_ENTRIES}",
                    str(path),
                )
            ]
        )
    unpacked = sum(e.file_size for e in entries)
    if unpacked > MAX_XLSX_BYTES:
        raise InvalidDataError(
            [
                Problem(
                    f"the Excel file would unpack to {unpacked / 1e6:.0f} MB; labkit opens files that unpack "
                    f"to at most {MAX_XLSX_BYTES // 2**20} MB (save the data as CSV, or split it)",
                    str(path),
                )
            ]
        )


def _load_xlsx(path: Path) -> list[MeasurementRow]:
    import openpyxl
    from openpyxl.utils import get_column_letter

    _check_xlsx_archive(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise InvalidDataError([Problem(f"not a readable Excel file: {exc}", str(path))]) from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        try:
            header = next(rows)
        except StopIteration:
            raise InvalidDataError([Problem("the first sheet is empty", str(path), 1)]) from None
        return _parse_rows(
            header,
            enumerate(rows, start=2),
            f"{path}[{sheet.title}]",
            lambda index, name: f"{get_column_letter(index + 1)} ({name})",
        )
    finally:
        book.close()


def load_measurements(path: str | os.PathLike[str]) -> list[Measurement]:
    """Load measurements from a .csv, .xlsx, .yaml or .json file."""
    return [row.measurement for row in load_measurement_rows(path)]


def read_measurement_rows(path: str | os.PathLike[str]) -> tuple[list[MeasurementRow], list[Problem]]:
    """The rows of a measurement file that read well, and the problems of the others (a check goes on with the
    good rows, so that one run shows every problem of the file)."""
    try:
        return load_measurement_rows(path), []
    except _PartlyRead as exc:
        return exc.read, exc.problems
    except InvalidDataError as exc:
        return [], exc.problems


def load_measurement_rows(path: str | os.PathLike[str]) -> list[MeasurementRow]:
    """Load measurements from a .csv, .xlsx, .yaml or .json file, each with the row and columns it came from."""
    with collector_paused():
        return _load_measurement_rows(Path(path))


def _load_measurement_rows(path: Path) -> list[MeasurementRow]:
    if not path.is_file():
        raise InvalidDataError([Problem("no such file", str(path))])
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InvalidDataError([Problem(f"the file is larger than {MAX_FILE_BYTES // 2**20} MB", str(path))])
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _load_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _load_xlsx(path)
    if suffix in (".yaml", ".yml", ".json"):
        from ..files import load_located

        found: tuple[Measurement, ...]
        found, positions = load_located(path, tuple[Measurement, ...])
        return lab_file_rows(found, str(path), positions, ())
    raise InvalidDataError(
        [Problem("measurements are read from .csv, .xlsx, .yaml or .json files", str(path))]
    )


def lab_file_rows(
    measurements: Sequence[Measurement],
    filename: str | None,
    positions: Mapping[tuple[str | int, ...], int],
    prefix: tuple[str | int, ...] = ("measurements",),
) -> list[MeasurementRow]:
    """Measurements written in a YAML or JSON file (a lab file's ``measurements:``), with the line of each field."""
    rows = []
    for index, measurement in enumerate(measurements):
        path = (*prefix, index)
        lines = {field: positions[(*path, field)] for field in COLUMNS if (*path, field) in positions}
        decimals = _float_decimals(measurement.value)
        rows.append(MeasurementRow(measurement, filename, positions.get(path), path, {}, lines, decimals))
    return rows


def dump_measurements_csv(measurements: Iterable[Measurement], path: str | os.PathLike[str]) -> Path:
    """Write measurements as CSV (comma-separated, UTF-8), the inverse of :func:`load_measurements`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for m in measurements:
        row = attrs.asdict(m)
        writer.writerow(
            [
                "" if row[c] is None else (repr(row[c]) if isinstance(row[c], float) else row[c])
                for c in COLUMNS
            ]
        )
    return atomic_write(path, buffer.getvalue())
