"""Measurements checked against a lab and the indicators: what a parser alone cannot know.

Each problem names the file, the row (or line) and the column of the measurement, so ``labkit lab check`` and the
outcome report refuse the same mistakes with the same words:

- the indicator is one the installed plugins provide (else the closest one is suggested);
- the area is the lab's area or its reference area (a measurement of any other area would never be shown);
- a share is a percentage from 0 to 100, and agrees with its numerator and denominator (100 × numerator /
  denominator, within the rounding of the decimals the value is written with); counts, rates and hours are not
  negative;
- one value per indicator, area, period and group (a second one would silently replace the first).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping

from ..errors import Problem
from ..model import Indicator, Unit
from ..text import did_you_mean
from .measurements import MAX_PROBLEMS, MeasurementRow
from .protect import is_total_name

__all__ = ["NON_NEGATIVE_UNITS", "measurement_problems", "number_text", "value_problem"]

#: Units whose values cannot be below zero (a share is checked against 0-100 on its own).
NON_NEGATIVE_UNITS = frozenset({Unit.COUNT, Unit.RATE, Unit.HOURS})


def number_text(value: float) -> str:
    """A number as a reader writes it: ``41.67``, ``48``, ``-3.5``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def measurement_problems(
    rows: Iterable[MeasurementRow],
    indicators: Mapping[str, Indicator],
    area: str,
    reference_area: str | None = None,
) -> list[Problem]:
    """Every problem of *rows* against the indicators and the lab's areas (at most a hundred per file listed)."""
    found: list[Problem] = []
    per_file: Counter[str | None] = Counter()
    first_of: dict[tuple[str, str, str, str | None], MeasurementRow] = {}
    for row in rows:
        for problem in _row_problems(row, indicators, area, reference_area, first_of):
            per_file[row.file] += 1
            if per_file[row.file] <= MAX_PROBLEMS:
                found.append(problem)
    for file, count in per_file.items():
        if count > MAX_PROBLEMS:
            found.append(
                Problem(f"and {count - MAX_PROBLEMS} more problem(s) not listed ({count} in all)", file)
            )
    return found


def _row_problems(
    row: MeasurementRow,
    indicators: Mapping[str, Indicator],
    area: str,
    reference_area: str | None,
    first_of: dict[tuple[str, str, str, str | None], MeasurementRow],
) -> Iterator[Problem]:
    m = row.measurement
    indicator = indicators.get(m.indicator)
    if indicator is None:
        yield row.problem(
            "indicator",
            f"unknown indicator {m.indicator!r}"
            + did_you_mean(m.indicator, sorted(indicators), "; 'labkit indicators' lists the installed ones"),
        )
    else:
        yield from _value_problems(row, indicator)
    areas = [area, *([reference_area] if reference_area else [])]
    if m.area not in areas:
        known = f"the lab's area {area!r}" + (
            f" nor its reference area {reference_area!r}" if reference_area else ""
        )
        yield row.problem(
            "area",
            f"the area {m.area!r} is {'neither' if reference_area else 'not'} {known}"
            f"{did_you_mean(m.area, areas)}",
        )
    key = (m.indicator, m.area, m.period, None if is_total_name(m.group) else m.group)
    first = first_of.setdefault(key, row)
    if first is not row:
        group = f", group {m.group!r}" if key[3] is not None else ""
        yield row.problem(
            None,
            f"a second value for {m.indicator} in {m.area}, {m.period}{group}; "
            f"the first is at {first.place(row)} (give each indicator, area, period and group one value)",
        )


def value_problem(value: float, indicator: Indicator) -> str | None:
    """Why *value* cannot be a value of *indicator* (a share outside 0-100, a negative count), or None."""
    text = number_text(value)
    if indicator.unit is Unit.SHARE and not 0 <= value <= 100:
        return f"{text} is not a share: {indicator.id} is a percentage, from 0 to 100"
    if indicator.unit in NON_NEGATIVE_UNITS and value < 0:
        return f"{text} is negative: {indicator.id} ({indicator.unit}) cannot be below 0"
    return None


def _value_problems(row: MeasurementRow, indicator: Indicator) -> Iterator[Problem]:
    m = row.measurement
    problem = value_problem(m.value, indicator)
    if problem is not None:
        yield row.problem("value", problem)
    elif indicator.unit is Unit.SHARE and m.numerator is not None and m.denominator:
        yield from _share_agrees(row)


def _share_agrees(row: MeasurementRow) -> Iterator[Problem]:
    """A share with its numerator and denominator is 100 × numerator / denominator, rounded as it is written."""
    m = row.measurement
    assert m.numerator is not None and m.denominator
    expected = 100 * m.numerator / m.denominator
    tolerance = 0.5 * 10.0 ** -(row.decimals if row.decimals is not None else 6) + 1e-9
    if abs(m.value - expected) > tolerance:
        yield row.problem(
            "value",
            f"{number_text(m.value)} does not agree with the numerator and denominator: "
            f"100 × {m.numerator} / {m.denominator} = {number_text(expected)}",
        )
