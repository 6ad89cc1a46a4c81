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
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from ..errors import InvalidDataError, Problem
from ..files import MAX_FILE_BYTES, atomic_write
from ..model import Measurement, check_slug
from ..model.period import period_problem
from ..text import counting

__all__ = ["COLUMNS", "dump_measurements_csv", "load_measurements", "parse_measurement_rows"]

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

    def raise_if_any(self) -> None:
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
        raise InvalidDataError(problems)


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
        else:
            row.bad("value", f"expected a finite number, got {raw!r}")
        return
    try:
        row.values["value"] = _number(row.cells["value"])
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
            if not number.is_integer() or number < 0:
                raise ValueError
            row.values[column] = int(number)
        except ValueError:
            row.bad(column, f"expected a whole number of people, got {text!r}")


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
    label: ColumnLabel = column_label or (lambda index, name: name)
    where = _columns(header, filename, label)
    problems = _Problems(filename)
    found: list[Measurement] = []
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
            found.append(Measurement(**row.values))
        except (ValueError, TypeError) as exc:
            problems.add(Problem(str(exc), filename, line))
    problems.raise_if_any()
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


def _load_csv(path: Path) -> list[Measurement]:
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
        return parse_measurement_rows(header, enumerate(reader, start=2), str(path))
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


def _load_xlsx(path: Path) -> list[Measurement]:
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
        return parse_measurement_rows(
            header,
            enumerate(rows, start=2),
            f"{path}[{sheet.title}]",
            lambda index, name: f"{get_column_letter(index + 1)} ({name})",
        )
    finally:
        book.close()


def load_measurements(path: str | os.PathLike[str]) -> list[Measurement]:
    """Load measurements from a .csv, .xlsx, .yaml or .json file."""
    path = Path(path)
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
        from ..files import load

        return list(load(path, tuple[Measurement, ...]))
    raise InvalidDataError(
        [Problem("measurements are read from .csv, .xlsx, .yaml or .json files", str(path))]
    )


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
