"""Calculations for outcome reports, each a small pure function with hand-checked tests.

Polarity matters everywhere: for unemployment or crime a *lower* value is better, so "improved" and "on track"
are judged in the direction of the indicator, never by the sign of the change alone.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence

import attrs

from ..model import Indicator, Measurement, PerformanceQuestion, Polarity
from .periods import period_start, sort_periods

__all__ = [
    "Change",
    "DiD",
    "Status",
    "Trend",
    "TrendDirection",
    "change",
    "difference_in_differences",
    "goal_status",
    "group_by_question",
    "improved",
    "latest",
    "progress",
    "series",
    "trend",
]


@attrs.frozen
class Change:
    absolute: float
    relative: float | None
    """Change as a fraction of the baseline; None when the baseline is 0."""


def change(baseline: float, latest: float) -> Change:
    """Change since the baseline: 10 -> 12 is +2 absolute and +0.2 (20 %) relative."""
    absolute = latest - baseline
    return Change(absolute, absolute / abs(baseline) if baseline else None)


def improved(baseline: float, latest: float, polarity: Polarity) -> bool | None:
    """True if *latest* is better than *baseline* in the indicator's direction; None if equal."""
    if latest == baseline:
        return None
    return (latest > baseline) == (polarity == Polarity.HIGHER_IS_BETTER)


def progress(baseline: float, target: float, latest: float) -> float | None:
    """Fraction of the way from baseline to target (1.0 = reached, above 1 = passed, below 0 = moved away).

    The target's direction from the baseline encodes the polarity, so the same formula serves both.
    """
    if target == baseline:
        return None
    return (latest - baseline) / (target - baseline)


class Status(enum.StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on-track"
    OFF_TRACK = "off-track"
    NO_DATA = "no-data"


def goal_status(
    baseline: float,
    baseline_period: str,
    target: float,
    target_period: str,
    latest_value: float | None,
    latest_period: str | None,
    polarity: Polarity,
) -> Status:
    """Achieved, on track (at least as far along as a straight path from baseline to target), off track or no data."""
    if latest_value is None or latest_period is None:
        return Status.NO_DATA
    higher = polarity == Polarity.HIGHER_IS_BETTER
    reached = latest_value >= target if higher else latest_value <= target
    if reached and target != baseline:
        return Status.ACHIEVED
    share = progress(baseline, target, latest_value)
    if share is None:  # the target is to hold the baseline
        return (
            Status.ACHIEVED
            if (latest_value >= target if higher else latest_value <= target)
            else Status.OFF_TRACK
        )
    start, end = period_start(baseline_period), period_start(target_period)
    now = period_start(latest_period)
    elapsed = 1.0 if end <= start else min(max((now - start) / (end - start), 0.0), 1.0)
    return Status.ON_TRACK if share >= elapsed else Status.OFF_TRACK


class TrendDirection(enum.StrEnum):
    IMPROVING = "improving"
    WORSENING = "worsening"
    FLAT = "flat"
    INSUFFICIENT = "insufficient"


@attrs.frozen
class Trend:
    direction: TrendDirection
    periods: int
    """How many periods the trend is computed over."""
    slope_per_year: float | None


#: A slope smaller than this share of the mean absolute value per year counts as flat.
FLAT_SHARE = 0.01


def trend(points: Sequence[tuple[str, float]], polarity: Polarity) -> Trend:
    """Least-squares slope per year over the periods' real start times (missing periods leave real gaps)."""
    if len(points) < 2:
        return Trend(TrendDirection.INSUFFICIENT, len(points), None)
    xs = [period_start(p) for p, _ in points]
    ys = [v for _, v in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return Trend(TrendDirection.INSUFFICIENT, len(points), None)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    scale = sum(abs(y) for y in ys) / len(ys)
    if abs(slope) < FLAT_SHARE * scale or slope == 0:
        return Trend(TrendDirection.FLAT, len(points), slope)
    better = (slope > 0) == (polarity == Polarity.HIGHER_IS_BETTER)
    return Trend(TrendDirection.IMPROVING if better else TrendDirection.WORSENING, len(points), slope)


@attrs.frozen
class DiD:
    area_change: float
    reference_change: float
    estimate: float
    """The area's change minus the reference area's change."""
    improved: bool | None
    """Whether the area did better than the reference, in the indicator's direction (None if equal)."""


def difference_in_differences(
    area_before: float, area_after: float, reference_before: float, reference_after: float, polarity: Polarity
) -> DiD:
    """(area after − area before) − (reference after − reference before), judged by polarity."""
    area_change = area_after - area_before
    reference_change = reference_after - reference_before
    estimate = area_change - reference_change
    if estimate == 0:
        return DiD(area_change, reference_change, 0.0, None)
    return DiD(
        area_change, reference_change, estimate, (estimate > 0) == (polarity == Polarity.HIGHER_IS_BETTER)
    )


_QUESTION_ORDER = (PerformanceQuestion.HOW_MUCH, PerformanceQuestion.HOW_WELL, PerformanceQuestion.BETTER_OFF)


def group_by_question(indicators: Iterable[Indicator]) -> dict[PerformanceQuestion, list[Indicator]]:
    """A method's own measures grouped by "how much / how well / is anyone better off" (in that order)."""
    grouped: dict[PerformanceQuestion, list[Indicator]] = {}
    items = list(indicators)
    for question in _QUESTION_ORDER:
        found = [i for i in items if i.question is question]
        if found:
            grouped[question] = found
    return grouped


def series(
    measurements: Iterable[Measurement], indicator: str, area: str, group: str | None = None
) -> list[tuple[str, float]]:
    """(period, value) of one indicator in one area (and group), in time order; the last value of a period wins."""
    values = {
        m.period: m.value
        for m in measurements
        if m.indicator == indicator and m.area == area and m.group == group
    }
    return [(p, values[p]) for p in sort_periods(values)]


def latest(
    measurements: Iterable[Measurement], indicator: str, area: str, group: str | None = None
) -> Measurement | None:
    """The most recent measurement of one indicator in one area (and group)."""
    found = [m for m in measurements if m.indicator == indicator and m.area == area and m.group == group]
    if not found:
        return None
    order = sort_periods(m.period for m in found)
    last = order[-1]
    return [m for m in found if m.period == last][-1]
