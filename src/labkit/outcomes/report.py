"""The outcome report as one computation: protected figures, rules and comparisons, no rendering.

:func:`compute_report` turns a lab, the indicators and the measurements into an
:class:`~labkit.outcomes.figures.OutcomeReport`. Small-number protection runs first, on every figure the report
will publish at once (:mod:`labkit.outcomes.protect`); everything after it (change, progress, status, trend,
comparison, estimate) is computed from published values only, so no view can reveal a hidden one.

The rules, stated once:

- **Report period**: the lab's, from the first day of its first phase to the last day of its last, unless the
  caller gives another. Periods whose middle falls after it are left out and named.
- **Goal baseline**: the value measured for the baseline period when there is one (the lab file's value is
  named when it differs), else the lab file's value, marked as such.
- **Status**: after the deadline (the end of the target period) *reached* or *not reached*; before it *on track*
  when the progress is at least the share of the time that has passed, else *not on track*.
- **Trend**: at least three periods; improving or worsening only when every step goes the same way, else "no
  clear trend".
- **Change**: shares in percentage points, rating scales and indexes in points on the scale, never in per cent.
- **Comparison with a reference area**: a difference in differences needs at least two periods before the lab
  started in both areas (else the areas are shown side by side only); it is a comparison, not an estimate of the
  lab's effect, unless the methods declare an evidence level of :data:`CAUSAL_EVIDENCE_LEVEL` or more.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from .._gc import collector_paused
from ..errors import InvalidDataError
from ..model import Goal, Indicator, Lab, Measurement, Method, PerformanceQuestion
from ..model.lab import DEFAULT_MIN_COUNT
from . import calc
from .checks import measurement_problems
from .estimate import ASSUMPTIONS, SCENARIO_PICKS, estimate_scenarios
from .figures import (
    AssumptionUsed,
    Baseline,
    ChangeFigures,
    Comparison,
    ComparisonKind,
    EstimateFigures,
    GapFigure,
    GoalFigures,
    GroupTable,
    MeasureGroup,
    MeasureRow,
    OutcomeReport,
    Placebo,
    Point,
    ProtectionSummary,
    ReportPeriod,
    ScenarioFigures,
    Section,
    Series,
    Summary,
    TrendFigures,
)
from .measurements import MeasurementRow
from .periods import period_end, period_midpoint, period_months, period_sort_key
from .protect import CellKey, Figure, Protection, Reason, is_total_name, protect_report

if TYPE_CHECKING:
    from ..catalog import Catalog

__all__ = [
    "CAUSAL_EVIDENCE_LEVEL",
    "MIN_PRE_PERIODS",
    "ReportInputs",
    "ReportSource",
    "check_measurements",
    "compute_report",
    "parse_report_period",
    "report_for",
]

#: The evidence level (on labkit's scale, modelled on Nesta's) from which a comparison group is taken to show that
#: a method causes part of a change: below it the report never says the lab caused or contributed to a change.
CAUSAL_EVIDENCE_LEVEL = 3

#: A difference in differences needs at least this many periods before the lab started, in both areas.
MIN_PRE_PERIODS = 2


class ReportSource(Protocol):
    """What a report is made from: a lab with its measurements, checked against a catalog (a lab context)."""

    @property
    def lab(self) -> Lab: ...

    @property
    def measurements(self) -> Sequence[Measurement]: ...

    @property
    def measurement_rows(self) -> Sequence[MeasurementRow]: ...

    @property
    def path(self) -> object: ...

    @property
    def catalog(self) -> Catalog: ...

    def chosen_methods(self) -> Iterable[tuple[Any, Method]]: ...


def check_measurements(ctx: ReportSource) -> None:
    """Every measurement fits the lab and the indicators (see :mod:`labkit.outcomes.checks`); all problems at once,
    each with its file, row and column."""
    indicators = {key: entry.item for key, entry in ctx.catalog.indicator_entries.items()}
    area = ctx.lab.area
    problems = measurement_problems(ctx.measurement_rows, indicators, area.name, area.reference_area)
    if problems:
        raise InvalidDataError(problems)


def report_for(source: ReportSource, period: tuple[dt.date, dt.date] | None = None) -> OutcomeReport:
    """The figures of a lab's outcome report: the lab, the catalog's indicators and methods, the measurements."""
    check_measurements(source)
    indicators = {key: entry.item for key, entry in source.catalog.indicator_entries.items()}
    methods = [method for _chosen, method in source.chosen_methods()]
    return compute_report(ReportInputs(source.lab, indicators, source.measurements, methods, period))


@attrs.frozen
class ReportInputs:
    """Everything a report is computed from."""

    lab: Lab
    indicators: Mapping[str, Indicator]
    measurements: Sequence[Measurement]
    methods: Sequence[Method] = ()
    """The lab's chosen methods (their indicators and declared evidence levels)."""
    period: tuple[dt.date, dt.date] | None = None
    """The report period, when not the lab's."""


def parse_report_period(text: str) -> tuple[dt.date, dt.date]:
    """``2019``, ``2018-H2:2019-H2`` or ``2018-08-20:2019-12-31`` as first and last day."""
    first, _, last = text.partition(":")
    last = last or first
    try:
        start = _day(first.strip(), at_end=False)
        end = _day(last.strip(), at_end=True)
    except ValueError as exc:
        raise ValueError(
            f"{text!r} is not a report period: give a period (2019, 2019-H1) or two joined by a colon "
            f"(2018-H2:2019-H2), or two dates (2018-08-20:2019-12-31): {exc}"
        ) from None
    if end < start:
        raise ValueError(f"{text!r} is not a report period: it ends before it starts")
    return start, end


def _day(text: str, *, at_end: bool) -> dt.date:
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return dt.date.fromisoformat(text)
    first, end = period_months(text)
    month = (end - 1) if at_end else first
    year, m = divmod(month, 12)
    day = calendar.monthrange(year, m + 1)[1] if at_end else 1
    return dt.date(year, m + 1, day)


def _fraction(day: dt.date, *, after: bool) -> float:
    """A date as a fractional year; *after* counts the day itself as passed."""
    days = calendar.monthrange(day.year, day.month)[1]
    return day.year + (day.month - 1 + (day.day - (0 if after else 1)) / days) / 12


# ---------------------------------------------------------------------------------------------------------------


@attrs.frozen
class _Context:
    inputs: ReportInputs
    protection: Protection
    index: Mapping[tuple[str, str, str | None], list[Figure]]
    start: float
    """When the lab started (fractional year)."""
    end: float
    """When the report period ends (fractional year)."""
    left_out: Mapping[str, tuple[str, ...]]
    evidence: Mapping[str, int | None]

    @property
    def lab(self) -> Lab:
        return self.inputs.lab

    def series(self, indicator: str, area: str, group: str | None = None) -> Series:
        figures = sorted(
            (f for f in self.index.get((indicator, area, group), ()) if f.source == "measurement"),
            key=lambda f: period_sort_key(f.key.period),
        )
        return Series(area, group, tuple(_point(f) for f in figures))

    def point(self, key: CellKey) -> Point | None:
        figure = self.protection.get(key)
        return _point(figure) if figure is not None else None


def _clean(value: float | None) -> float | None:
    """A derived figure without floating-point noise (7.9 - 7.1 is 0.8, not 0.8000000000000007)."""
    return None if value is None else round(value, 10) + 0.0


def _point(figure: Figure) -> Point:
    return Point(figure.key.period, figure.value, figure.reason, figure.rounded)


def compute_report(inputs: ReportInputs) -> OutcomeReport:
    """Every figure of the outcome report, protected as a whole."""
    with collector_paused():
        return _compute_report(inputs)


def _compute_report(inputs: ReportInputs) -> OutcomeReport:
    lab = inputs.lab
    start_day = lab.phases[0].start
    first, last = inputs.period or (start_day, lab.phases[-1].end)
    end = _fraction(last, after=True)
    shown, left_out = _shown_measurements(inputs, end)
    protection = _protect(inputs, shown)
    index: dict[tuple[str, str, str | None], list[Figure]] = defaultdict(list)
    for figure in protection.figures.values():
        index[(figure.key.indicator, figure.key.area, figure.key.group)].append(figure)
    context = _Context(
        inputs, protection, index, _fraction(start_day, after=False), end, left_out, _evidence(inputs)
    )
    sections = tuple(_section(context, ind) for ind in _order(inputs, shown))
    return OutcomeReport(
        lab=lab.id,
        area=lab.area.name,
        reference_area=lab.area.reference_area,
        example=lab.example,
        period=ReportPeriod(
            first.isoformat(), last.isoformat(), "command" if inputs.period else "lab", start_day.isoformat()
        ),
        summary=_summary(sections),
        sections=sections,
        measures=_measures(context, inputs),
        estimate=_estimate(context),
        data_sources=tuple(sorted({m.source for m in shown if m.source})),
        protection=_protection_summary(lab, protection),
        left_out_measurements=len(inputs.measurements) - len(shown),
    )


def _shown_measurements(
    inputs: ReportInputs, end: float
) -> tuple[list[Measurement], dict[str, tuple[str, ...]]]:
    """The measurements the report publishes: the lab's area (with groups) and the reference area's totals, up to
    the end of the report period. Anything else is never shown, so it takes no part in the protection either."""
    area, reference = inputs.lab.area.name, inputs.lab.area.reference_area
    shown: list[Measurement] = []
    later: dict[str, set[str]] = defaultdict(set)
    for m in inputs.measurements:
        if m.indicator not in inputs.indicators:
            continue
        if not (m.area == area or (m.area == reference and is_total_name(m.group))):
            continue
        if period_midpoint(m.period) > end:
            later[m.indicator].add(m.period)
            continue
        shown.append(m)
    return shown, {k: tuple(sorted(v, key=period_sort_key)) for k, v in later.items()}


def _baseline_cells(inputs: ReportInputs, shown: Iterable[Measurement]) -> list[tuple[CellKey, float]]:
    """Goal baselines given only in the lab file: published too, so protected with the rest."""
    measured = {
        (m.indicator, m.period) for m in shown if m.area == inputs.lab.area.name and is_total_name(m.group)
    }
    return [
        (CellKey(g.indicator, inputs.lab.area.name, g.baseline.period), g.baseline.value)
        for g in inputs.lab.goals
        if (g.indicator, g.baseline.period) not in measured and g.indicator in inputs.indicators
    ]


def _protect(inputs: ReportInputs, shown: Sequence[Measurement]) -> Protection:
    privacy = inputs.lab.privacy
    rounding = privacy.rounding
    return protect_report(
        shown,
        inputs.indicators,
        min_count=privacy.min_count,
        baselines=_baseline_cells(inputs, shown),
        round_counts=rounding.counts if rounding else 1,
        share_decimals=0 if rounding and rounding.whole_per_cent else None,
    )


def _evidence(inputs: ReportInputs) -> dict[str, int | None]:
    """Per indicator: the highest evidence level of the chosen methods that measure it, else the lowest of all."""
    levels = [m.evidence.level for m in inputs.methods]
    fallback = min(levels) if levels else None
    found: dict[str, int | None] = {}
    for indicator in inputs.indicators:
        own = [m.evidence.level for m in inputs.methods if indicator in m.indicators]
        found[indicator] = max(own) if own else fallback
    return found


def _order(inputs: ReportInputs, shown: Iterable[Measurement]) -> list[str]:
    measured = sorted({m.indicator for m in shown if m.area == inputs.lab.area.name})
    goals = [g.indicator for g in inputs.lab.goals if g.indicator in inputs.indicators]
    return list(dict.fromkeys(goals + measured))


# ---------------------------------------------------------------------------------------------------------------
# One indicator


def _section(context: _Context, indicator_id: str) -> Section:
    indicator = context.inputs.indicators[indicator_id]
    lab = context.lab
    series = context.series(indicator_id, lab.area.name)
    published = series.published()
    latest = Point(*published[-1]) if published else None
    latest_hidden = bool(series.points) and series.points[-1].value is None
    goal = next((g for g in lab.goals if g.indicator == indicator_id), None)
    goal_figures = _goal(context, goal, indicator, latest) if goal else None
    reference = context.series(indicator_id, lab.area.reference_area) if lab.area.reference_area else None
    if reference is not None and not reference.points:
        reference = None
    groups = _groups(context, indicator_id)
    return Section(
        indicator=indicator_id,
        unit=indicator.unit,
        polarity=indicator.polarity,
        counts_people=indicator.counts_people,
        series=series,
        reference=reference,
        latest=latest,
        latest_hidden=latest_hidden,
        goal=goal_figures,
        change=_change(goal_figures, latest, indicator),
        trend=_trend(series, indicator),
        comparison=_comparison(context, series, reference, indicator) if reference else None,
        groups=groups,
        hidden_reasons=_reasons(series, reference, groups),
        left_out=context.left_out.get(indicator_id, ()),
    )


def _goal(context: _Context, goal: Goal, indicator: Indicator, latest: Point | None) -> GoalFigures:
    key = CellKey(goal.indicator, context.lab.area.name, goal.baseline.period)
    figure = context.protection.get(key)
    assert figure is not None  # measured, or added from the lab file by _baseline_cells
    measured = figure.source == "measurement"
    differs = measured and figure.value is not None and figure.value != goal.baseline.value
    baseline = Baseline(
        goal.baseline.period,
        figure.value,
        "measured" if measured else "lab-file",
        goal.baseline.value if differs else None,
        figure.reason,
    )
    reason: str | None = None
    if baseline.value is None:
        reason = "baseline-hidden"
    elif latest is None:
        reason = "no-published-value"
    status = calc.goal_status(
        baseline.value if baseline.value is not None else goal.baseline.value,
        goal.baseline.period,
        goal.target.value,
        goal.target.period,
        latest.value if latest and reason is None else None,
        latest.period if latest and reason is None else None,
        indicator.polarity,
        context.end,
    )
    if reason is None and status.status is calc.Status.NO_DATA:
        reason = "no-value-for-target-period"
    return GoalFigures(
        baseline,
        goal.target.value,
        goal.target.period,
        latest if reason is None else None,
        status.status,
        reason,
        status.deadline_passed,
        _clean(status.progress),
        _clean(status.time_elapsed),
    )


def _change(goal: GoalFigures | None, latest: Point | None, indicator: Indicator) -> ChangeFigures | None:
    if goal is None or goal.baseline.value is None or latest is None or latest.value is None:
        return None
    if period_sort_key(latest.period) <= period_sort_key(goal.baseline.period):
        return None
    result = calc.change(goal.baseline.value, latest.value, indicator.unit)
    return ChangeFigures(
        goal.baseline.period,
        goal.baseline.value,
        latest.period,
        latest.value,
        _clean(result.absolute) or 0.0,
        _clean(result.relative),
        result.unit,
    )


def _trend(series: Series, indicator: Indicator) -> TrendFigures:
    published = series.published()
    result = calc.trend(published, indicator.polarity)
    return TrendFigures(
        result.direction,
        result.periods,
        published[0][0] if published else None,
        published[-1][0] if published else None,
        _clean(result.slope_per_year),
        sum(1 for p in series.points if p.value is None),
    )


def _comparison(context: _Context, own: Series, reference: Series, indicator: Indicator) -> Comparison:
    ref = dict(reference.published())
    common = [GapFigure(p, v, ref[p], _clean(v - ref[p]) or 0.0) for p, v in own.published() if p in ref]
    pre = tuple(g for g in common if period_end(g.period) <= context.start + 1e-9)
    since = [g for g in common if period_midpoint(g.period) >= context.start]
    level = context.evidence.get(indicator.id)
    unit = calc.change_unit(indicator.unit)
    base = {
        "reference_area": reference.area,
        "pre_periods": pre,
        "unit": unit,
        "evidence_level": level,
    }
    if len(pre) < MIN_PRE_PERIODS or not since:
        reason = "too-few-pre-periods" if len(pre) < MIN_PRE_PERIODS else "no-common-period-since-start"
        return _side_by_side(reason, base)
    before, after = pre[-1], since[-1]
    did = calc.difference_in_differences(
        before.area_value, after.area_value, before.reference_value, after.reference_value, indicator.polarity
    )
    placebo = calc.difference_in_differences(
        pre[0].area_value,
        pre[-1].area_value,
        pre[0].reference_value,
        pre[-1].reference_value,
        indicator.polarity,
    )
    return Comparison(
        kind=ComparisonKind.DIFFERENCE_IN_DIFFERENCES,
        reason=None,
        before=before,
        after=after,
        area_change=_clean(did.area_change),
        reference_change=_clean(did.reference_change),
        difference=_clean(did.estimate),
        improved=did.improved,
        placebo=Placebo(pre[0].period, pre[-1].period, _clean(placebo.estimate) or 0.0),
        causal_wording=level is not None and level >= CAUSAL_EVIDENCE_LEVEL,
        **base,  # type: ignore[arg-type]
    )


def _side_by_side(reason: str, base: Mapping[str, object]) -> Comparison:
    """The areas shown side by side only: no difference in differences, and the reason why."""
    return Comparison(
        kind=ComparisonKind.SIDE_BY_SIDE,
        reason=reason,
        before=None,
        after=None,
        area_change=None,
        reference_change=None,
        difference=None,
        improved=None,
        placebo=None,
        causal_wording=False,
        **base,  # type: ignore[arg-type]
    )


def _groups(context: _Context, indicator_id: str) -> GroupTable | None:
    area = context.lab.area.name
    names = sorted({g for (i, a, g) in context.index if i == indicator_id and a == area and g is not None})
    if not names:
        return None
    columns = [context.series(indicator_id, area, g) for g in names]
    periods = sorted({p.period for s in columns for p in s.points}, key=period_sort_key)
    by_period = [{p.period: p for p in s.points} for s in columns]
    rows = tuple(tuple(cells.get(period) for cells in by_period) for period in periods)
    all_hidden = all(c is None or c.value is None for row in rows for c in row)
    return GroupTable(tuple(periods), tuple(names), rows, all_hidden)


def _reasons(series: Series, reference: Series | None, groups: GroupTable | None) -> tuple[Reason, ...]:
    found = {p.hidden for p in series.points if p.hidden}
    if reference is not None:
        found |= {p.hidden for p in reference.points if p.hidden}
    if groups is not None:
        found |= {c.hidden for row in groups.rows for c in row if c is not None and c.hidden}
    return tuple(r for r in Reason if r in found)


# ---------------------------------------------------------------------------------------------------------------
# The whole report


def _summary(sections: Iterable[Section]) -> Summary:
    statuses = Counter(s.goal.status for s in sections if s.goal is not None)
    return Summary(
        goals=sum(statuses.values()),
        reached=statuses[calc.Status.REACHED],
        not_reached=statuses[calc.Status.NOT_REACHED],
        on_track=statuses[calc.Status.ON_TRACK],
        off_track=statuses[calc.Status.OFF_TRACK],
        no_data=statuses[calc.Status.NO_DATA],
    )


def _measures(context: _Context, inputs: ReportInputs) -> tuple[MeasureGroup, ...]:
    """The methods' own measures under "how much / how well / is anyone better off", latest value each."""
    own = {i for m in inputs.methods for i in m.indicators}
    candidates = [
        inputs.indicators[i]
        for i in sorted(own)
        if i in inputs.indicators and inputs.indicators[i].question is not None
    ]
    groups = []
    for question, items in calc.group_by_question(candidates).items():
        rows = []
        for indicator in items:
            series = context.series(indicator.id, context.lab.area.name)
            if series.points:
                rows.append(MeasureRow(indicator.id, series.points[-1]))
        if rows:
            groups.append(MeasureGroup(PerformanceQuestion(question), tuple(rows)))
    return tuple(groups)


def _estimate(context: _Context) -> EstimateFigures | None:
    estimate = context.lab.estimate
    if estimate is None:
        return None
    series = context.series(estimate.indicator, context.lab.area.name)
    last = series.points[-1] if series.points else None
    invented = context.lab.example
    people = last.value if last else None
    reason = None
    if last is None:
        reason = "no-value"
    elif people is None:
        reason = "hidden"
    elif people < context.protection.min_count:
        reason = "few-people"
    if reason is not None:
        return EstimateFigures(
            estimate.indicator, last.period if last else None, None, (), None, None, invented, reason
        )
    assert last is not None and people is not None
    scenarios = tuple(
        ScenarioFigures(
            s.name,
            tuple(
                AssumptionUsed(key, SCENARIO_PICKS[s.name][key], s.used(key), getattr(estimate, key).source)
                for key in ASSUMPTIONS
            ),
            s.effective_years,
            s.value_sek,
            s.per_person_sek,
            s.return_ratio,
        )
        for s in estimate_scenarios(estimate, people)
    )
    return EstimateFigures(
        estimate.indicator,
        last.period,
        people,
        scenarios,
        estimate.investment_sek,
        estimate.investment_source,
        invented,
        None,
    )


def _protection_summary(lab: Lab, protection: Protection) -> ProtectionSummary:
    hidden = protection.hidden
    return ProtectionSummary(
        min_count=protection.min_count,
        default_min_count=DEFAULT_MIN_COUNT,
        reason=lab.privacy.reason if lab.privacy.min_count < DEFAULT_MIN_COUNT else None,
        round_counts=protection.rounding_counts,
        share_decimals=protection.rounding_share_decimals,
        hidden=len(hidden),
        hidden_by_reason=dict(sorted(Counter(str(f.reason) for f in hidden).items())),
        relations=dict(sorted(protection.relations.items())),
    )
