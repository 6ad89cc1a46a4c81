"""Periods on a time axis: a year (2019), half-year (2019-H1), quarter (2019-Q3), month (2019-05) or school year
(2018/19), in the one grammar of :mod:`labkit.model.period`.

Calculations need periods on one time axis: :func:`period_start` places each at the fractional year where it
starts, so trends over irregular or missing periods are computed on real time, not on list positions.
:func:`period_months` gives the calendar months a period covers, which is how nesting is decided: a year holds
its halves, quarters and months; a half-year its quarters and months; a quarter its months; a school year (August
to July) its twelve months.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from ..model.period import PERIOD, period_problem

__all__ = [
    "contains",
    "period_end",
    "period_midpoint",
    "period_months",
    "period_sort_key",
    "period_start",
    "sort_periods",
]


@functools.lru_cache(maxsize=2**18)
def period_months(period: str) -> tuple[int, int]:
    """The months a period covers as ``(first, end)`` counted from January of year 0, *end* exclusive.

    2019 -> (24228, 24240); 2019-H2 -> (24234, 24240); 2018/19 -> August 2018 to July 2019.
    """
    problem = period_problem(period)
    if problem is not None:
        raise ValueError(problem)
    match = PERIOD.match(period)
    assert match is not None
    first = int(match[1]) * 12
    if match[2]:
        first += (int(match[2]) - 1) * 6
        return first, first + 6
    if match[3]:
        first += (int(match[3]) - 1) * 3
        return first, first + 3
    if match[4]:
        first += int(match[4]) - 1
        return first, first + 1
    if match[5]:
        return first + 7, first + 19  # the Swedish school year starts in August
    return first, first + 12


def period_start(period: str) -> float:
    """The fractional year at which *period* starts: 2019-H2 -> 2019.5, 2018/19 -> 2018.583 (August)."""
    return period_months(period)[0] / 12


def period_end(period: str) -> float:
    """The fractional year at which *period* ends (where the next period starts)."""
    return period_months(period)[1] / 12


def period_midpoint(period: str) -> float:
    """The middle of *period* on the time axis: where a chart places its value."""
    first, end = period_months(period)
    return (first + end) / 24


def contains(outer: str, inner: str) -> bool:
    """True if *inner* lies wholly within *outer* and is shorter (2019 contains 2019-H1 and 2019-05)."""
    a, b = period_months(outer)
    c, d = period_months(inner)
    return a <= c and d <= b and (b - a) > (d - c)


def period_sort_key(period: str) -> tuple[int, int]:
    first, end = period_months(period)
    return first, first - end


def sort_periods(periods: Iterable[str]) -> list[str]:
    """Distinct periods in time order (a whole year before its first half)."""
    return sorted(set(periods), key=period_sort_key)
