"""Measurements from CSV and Excel (.xlsx) files.

The first row names the columns: ``indicator, area, period, value`` are required; ``numerator, denominator,
group, source, note`` are optional. CSV files may use comma, semicolon or tab as separator (Excel in Swedish
saves with semicolons) and decimal comma or point. Every bad cell is reported with file, row and column, and
nothing is loaded from a file with any error.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from ..errors import InvalidDataError, Problem
from ..files import MAX_FILE_BYTES, atomic_write
from ..model import Measurement
from ..model._validators import check_slug
from ..model.outcome import PERIOD

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


def parse_measurement_rows(
    header: Sequence[Any], rows: Iterable[tuple[int, Sequence[Any]]], filename: str, column_label: Any = None
) -> list[Measurement]:
    """Turn a header and numbered rows into measurements, collecting every problem."""
    problems: list[Problem] = []
    names = [_cell_text(h).lower() for h in header]
    label = column_label or (lambda index, name: name)
    for index, name in enumerate(names):
        if name and name not in COLUMNS:
            close = difflib.get_close_matches(name, COLUMNS, 1, 0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; the columns are {', '.join(COLUMNS)}"
            problems.append(Problem(f"unknown column {name!r}{hint}", filename, 1, (label(index, name),)))
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        problems.append(Problem(f"missing column(s): {', '.join(missing)}", filename, 1))
    if problems:
        raise InvalidDataError(problems)
    where = {name: names.index(name) for name in COLUMNS if name in names}
    found: list[Measurement] = []
    for line, row in rows:
        cells = {name: _cell_text(row[i]) if i < len(row) else "" for name, i in where.items()}
        if not any(cells.values()):
            continue
        raw_values = {name: (row[i] if i < len(row) else None) for name, i in where.items()}
        values: dict[str, Any] = {}
        row_ok = True

        def bad(column: str, message: str, line: int = line) -> None:
            nonlocal row_ok
            row_ok = False
            problems.append(Problem(message, filename, line, (label(where[column], column),)))

        for column in ("indicator", "area"):
            if not cells[column]:
                bad(column, "this cell is empty")
            values[column] = cells[column]
        if values["indicator"]:
            try:
                check_slug(None, None, values["indicator"])
            except ValueError as exc:
                bad("indicator", str(exc))
        period = cells["period"]
        if not PERIOD.match(period):
            bad("period", f"{period!r} is not a period like 2019, 2019-H1, 2019-Q3, 2019-05 or 2018/19")
        values["period"] = period
        raw = raw_values["value"]
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            values["value"] = float(raw)
        else:
            try:
                values["value"] = _number(cells["value"])
            except ValueError:
                bad(
                    "value",
                    f"expected a number, got {cells['value']!r}" if cells["value"] else "this cell is empty",
                )
        for column in ("numerator", "denominator"):
            text = cells.get(column, "")
            if not text:
                continue
            try:
                number = _number(text)
                if not number.is_integer() or number < 0:
                    raise ValueError
                values[column] = int(number)
            except ValueError:
                bad(column, f"expected a whole number of people, got {text!r}")
        for column in ("group", "source", "note"):
            if cells.get(column):
                values[column] = cells[column]
        if not row_ok:
            continue
        try:
            found.append(Measurement(**values))
        except (ValueError, TypeError) as exc:
            problems.append(Problem(str(exc), filename, line))
    if problems:
        raise InvalidDataError(problems)
    return found


def _load_csv(path: Path) -> list[Measurement]:
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # Older Excel versions save CSV in Windows-1252.
        text = data.decode("cp1252", errors="replace")
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
        rows = list(reader)
    except csv.Error as exc:
        raise InvalidDataError([Problem(f"not a readable CSV file: {exc}", str(path))]) from None
    return parse_measurement_rows(rows[0], ((n, r) for n, r in enumerate(rows[1:], start=2)), str(path))


def _load_xlsx(path: Path) -> list[Measurement]:
    import openpyxl
    from openpyxl.utils import get_column_letter

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
            ((n, r) for n, r in enumerate(rows, start=2)),
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
