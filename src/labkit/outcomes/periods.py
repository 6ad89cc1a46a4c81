"""Periods: a year (2019), half-year (2019-H1), quarter (2019-Q3), month (2019-05) or school year (2018/19).

Calculations need periods on one time axis: :func:`period_start` places each at the fractional year where it
starts, so trends over irregular or missing periods are computed on real time, not on list positions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["period_end", "period_sort_key", "period_start", "sort_periods"]

_PATTERN = re.compile(r"^(\d{4})(?:-H([12])|-Q([1-4])|-(0[1-9]|1[0-2])|/(\d{2}))?$")


def _parts(period: str) -> tuple[float, float]:
    match = _PATTERN.match(period) if isinstance(period, str) else None
    if match is None:
        raise ValueError(f"{period!r} is not a period like 2019, 2019-H1, 2019-Q3, 2019-05 or 2018/19")
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
    return _parts(period)[0]


def period_end(period: str) -> float:
    start, length = _parts(period)
    return start + length


def period_sort_key(period: str) -> tuple[float, float]:
    start, length = _parts(period)
    return start, -length


def sort_periods(periods: Iterable[str]) -> list[str]:
    """Distinct periods in time order (a whole year before its first half)."""
    return sorted(set(periods), key=period_sort_key)
