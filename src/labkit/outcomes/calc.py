"""Calculations for outcome reports, each a small pure function with hand-checked tests.

Polarity matters everywhere: for unemployment or crime a *lower* value is better, so "improved" and "on track"
are judged in the direction of the indicator, never by the sign of the change alone.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Sequence

import attrs

from ..model import Indicator, Measurement, PerformanceQuestion, Polarity, Unit
from .periods import period_end, period_midpoint, period_months, period_start, sort_periods

__all__ = [
    "MIN_TREND_PERIODS",
    "Change",
    "ChangeUnit",
    "DiD",
    "GoalStatus",
    "Status",
    "Trend",
    "TrendDirection",
    "change",
    "change_unit",
    "difference_in_differences",
    "goal_status",
    "group_by_question",
    "improved",
    "latest",
    "progress",
    "series",
    "trend",
]


class ChangeUnit(enum.StrEnum):
    """What a difference between two values is measured in."""

    UNIT = "unit"
    """The indicator's own unit: people, kronor, hours, a rate."""
    PERCENTAGE_POINTS = "percentage-points"
    """Shares differ in percentage points: from 38 % to 33 % is -5 percentage points, not -13 %."""
    SCALE_POINTS = "scale-points"
    """Averages on a rating scale or an index differ in points on the scale, never in per cent."""

    def __str__(self) -> str:
        return self.value


def change_unit(unit: Unit) -> ChangeUnit:
    if unit is Unit.SHARE:
        return ChangeUnit.PERCENTAGE_POINTS
    if unit in (Unit.SCALE, Unit.INDEX):
        return ChangeUnit.SCALE_POINTS
    return ChangeUnit.UNIT


@attrs.frozen
class Change:
    absolute: float
    relative: float | None
    """Change as a fraction of the baseline; None when the baseline is 0 or the unit has no meaningful ratio."""
    unit: ChangeUnit = ChangeUnit.UNIT


def change(baseline: float, latest: float, unit: Unit = Unit.COUNT) -> Change:
    """Change since the baseline: 10 -> 12 is +2 and +20 %; shares and rating scales get no per cent change."""
    absolute = latest - baseline
    kind = change_unit(unit)
    relative = absolute / abs(baseline) if baseline and kind is ChangeUnit.UNIT else None
    return Change(absolute, relative, kind)


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
    """A goal's status. After the deadline a goal is reached or not; before it, on track or not."""

    REACHED = "reached"
    NOT_REACHED = "not-reached"
    ON_TRACK = "on-track"
    OFF_TRACK = "off-track"
    NO_DATA = "no-data"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class GoalStatus:
    status: Status
    deadline_passed: bool
    """Whether the report period reaches the end of the target period."""
    progress: float | None
    """Share of the way from baseline to target at the value judged."""
    time_elapsed: float | None
    """Before the deadline: the share of the time from baseline to target that has passed (the on-track bar)."""


def _reached(value: float, target: float, polarity: Polarity) -> bool:
    return value >= target if polarity == Polarity.HIGHER_IS_BETTER else value <= target


def goal_status(
    baseline: float,
    baseline_period: str,
    target: float,
    target_period: str,
    latest_value: float | None,
    latest_period: str | None,
    polarity: Polarity,
    report_end: float | None = None,
) -> GoalStatus:
    """The status of a goal at the end of the report period (*report_end*, a fractional year).

    After the deadline (the end of the target period): *reached* when the value measured for the target period
    (or within it) is at the target or better, else *not reached*. Before it: *on track* when the progress is at
    least the share of the time from the baseline to the target that has passed (a straight path), else *not on
    track*. Times are the periods' midpoints.
    """
    deadline = period_end(target_period)
    passed = report_end is not None and report_end >= deadline
    if latest_value is None or latest_period is None:
        return GoalStatus(Status.NO_DATA, passed, None, None)
    share = progress(baseline, target, latest_value)
    if passed:
        in_target = period_start(target_period) <= period_midpoint(latest_period) < deadline
        if not in_target:
            return GoalStatus(Status.NO_DATA, True, share, None)
        status = Status.REACHED if _reached(latest_value, target, polarity) else Status.NOT_REACHED
        return GoalStatus(status, True, share, None)
    start, end = period_midpoint(baseline_period), period_midpoint(target_period)
    now = period_midpoint(latest_period)
    elapsed = 1.0 if end <= start else min(max((now - start) / (end - start), 0.0), 1.0)
    # With no distance to cover (the target is to hold the baseline), on track means not worse than it.
    on_track = _reached(latest_value, target, polarity) if share is None else share >= elapsed
    return GoalStatus(Status.ON_TRACK if on_track else Status.OFF_TRACK, False, share, elapsed)


class TrendDirection(enum.StrEnum):
    IMPROVING = "improving"
    WORSENING = "worsening"
    FLAT = "flat"
    NO_CLEAR_TREND = "no-clear-trend"
    """The direction changes between periods."""
    TOO_FEW = "too-few"
    """Fewer than :data:`MIN_TREND_PERIODS` periods."""
    MIXED_PERIODS = "mixed-periods"
    """The periods are not all of the same length (years and half-years, say): steps between them are not
    comparable, so no trend is drawn."""

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Trend:
    direction: TrendDirection
    periods: int
    """How many periods the trend is judged over."""
    slope_per_year: float | None
    """The least-squares slope per year over the periods' midpoints (three or more periods)."""


#: A trend needs at least this many periods: two points are a change, not yet a pattern.
MIN_TREND_PERIODS = 3

#: A change between periods smaller than this share of the mean absolute value counts as no change.
FLAT_SHARE = 0.01


def trend(points: Sequence[tuple[str, float]], polarity: Polarity) -> Trend:
    """Improving or worsening only when every step goes the same way; "no clear trend" when the direction changes.

    Needs at least three periods, all of the same length. Steps smaller than 1 % of the mean absolute value count
    as no change; a series without any larger step is about the same (flat).
    """
    if len(points) < MIN_TREND_PERIODS:
        return Trend(TrendDirection.TOO_FEW, len(points), None)
    if len({_months(p) for p, _ in points}) > 1:
        return Trend(TrendDirection.MIXED_PERIODS, len(points), None)
    ys = [v for _, v in points]
    slope = _slope([period_midpoint(p) for p, _ in points], ys)
    tolerance = FLAT_SHARE * sum(abs(y) for y in ys) / len(ys)
    steps = [b - a for a, b in itertools.pairwise(ys)]
    ups = any(s > tolerance for s in steps)
    downs = any(s < -tolerance for s in steps)
    if ups and downs:
        return Trend(TrendDirection.NO_CLEAR_TREND, len(points), slope)
    if not ups and not downs:
        return Trend(TrendDirection.FLAT, len(points), slope)
    better = ups == (polarity == Polarity.HIGHER_IS_BETTER)
    return Trend(TrendDirection.IMPROVING if better else TrendDirection.WORSENING, len(points), slope)


def _months(period: str) -> int:
    first, end = period_months(period)
    return end - first


def _slope(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx


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
    if abs(estimate) < 1e-12:
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
