"""Periods, the one grammar of them in labkit: a year (2019), half-year (2019-H1), quarter (2019-Q3), month
(2019-05) or school year (2018/19, the second year following the first).

The model checks periods with this module where files are read, and calculations place periods on one time axis
with it: :func:`period_start` gives the fractional year where a period starts, so trends over irregular or missing
periods are computed on real time, not on list positions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

__all__ = [
    "PERIOD",
    "PERIOD_FORMS",
    "PERIOD_METADATA",
    "check_period",
    "period_end",
    "period_problem",
    "period_sort_key",
    "period_span",
    "period_start",
    "sort_periods",
    "to_period",
]

#: The shape of a period (a school year must also have its second year follow the first).
PERIOD = re.compile(r"^(\d{4})(?:-H([12])|-Q([1-4])|-(0[1-9]|1[0-2])|/(\d{2}))?\Z")
PERIOD_FORMS = "2019, 2019-H1, 2019-Q3, 2019-05 or 2018/19"


def period_span(period: str) -> tuple[float, float]:
    """Where *period* starts (a fractional year) and how long it is, in years; ValueError if it is no period."""
    match = PERIOD.match(period) if isinstance(period, str) else None
    if match is None:
        raise ValueError(f"{period!r} is not a period like {PERIOD_FORMS}")
    year = int(match[1])
    if match[2]:
        return year + (int(match[2]) - 1) / 2, 0.5
    if match[3]:
        return year + (int(match[3]) - 1) / 4, 0.25
    if match[4]:
        return year + (int(match[4]) - 1) / 12, 1 / 12
    if match[5]:
        if (year + 1) % 100 != int(match[5]):
            raise ValueError(f"{period!r} is not a school year: the second year must follow the first")
        return year + 7 / 12, 1.0  # the Swedish school year starts in August
    return float(year), 1.0


def period_start(period: str) -> float:
    """The fractional year at which *period* starts: 2019-H2 -> 2019.5, 2018/19 -> 2018.583 (August)."""
    return period_span(period)[0]


def period_end(period: str) -> float:
    start, length = period_span(period)
    return start + length


def period_sort_key(period: str) -> tuple[float, float]:
    start, length = period_span(period)
    return start, -length


def sort_periods(periods: Iterable[str]) -> list[str]:
    """Distinct periods in time order (a whole year before its first half)."""
    return sorted(set(periods), key=period_sort_key)


def to_period(value: Any) -> str:
    """A period as text: a year written without quotes in YAML arrives as a number."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise TypeError(f"expected a period like {PERIOD_FORMS}, got {value!r}")
    return value


def period_problem(value: Any) -> str | None:
    """What is wrong with *value* as a period, or None: the check every reader of periods uses."""
    try:
        period_span(value)
    except ValueError as exc:
        return str(exc)
    return None


def check_period(_inst: Any, _attr: Any, value: str) -> None:
    """The attrs validator of a period field."""
    period_span(value)


#: Field metadata telling the loader to accept a bare year number (2019) for a period.
PERIOD_METADATA = {"labkit_structure": to_period}
