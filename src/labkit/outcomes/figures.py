"""The outcome report as figures: one frozen object holding every number the report shows.

:func:`labkit.outcomes.report.compute_report` makes it; ``labkit report LAB --json`` writes it; the Word report
and its charts are rendered from exactly this object, so the JSON, the document and a hand calculation agree.
Values hidden by small-number protection are ``None`` with the reason, everywhere they appear.
"""

from __future__ import annotations

import enum

import attrs

from ..model import PerformanceQuestion, Polarity, Unit
from ..text import LocalizedText
from .calc import ChangeUnit, Status, TrendDirection
from .protect import Reason

__all__ = [
    "AssumptionUsed",
    "Baseline",
    "ChangeFigures",
    "Comparison",
    "ComparisonKind",
    "EstimateFigures",
    "GapFigure",
    "GoalFigures",
    "GroupTable",
    "MeasureGroup",
    "MeasureRow",
    "OutcomeReport",
    "Placebo",
    "Point",
    "ProtectionSummary",
    "ReportPeriod",
    "ScenarioFigures",
    "Section",
    "Series",
    "Summary",
    "TrendFigures",
]


@attrs.frozen
class Point:
    """One period's value as published: ``value`` is None when it is hidden, and ``hidden`` says why."""

    period: str
    value: float | None
    hidden: Reason | None = None
    rounded: bool = False


@attrs.frozen
class Series:
    """An area's (or one group's) values over time, hidden periods included and marked."""

    area: str
    group: str | None
    points: tuple[Point, ...]

    def published(self) -> list[tuple[str, float]]:
        return [(p.period, p.value) for p in self.points if p.value is not None]

    @property
    def has_hidden(self) -> bool:
        return any(p.value is None for p in self.points)


@attrs.frozen
class Baseline:
    period: str
    value: float | None
    """The published baseline: the measured value for the baseline period, else the lab file's."""
    source: str
    """``measured`` (a measurement for the baseline period exists) or ``lab-file`` (none does)."""
    lab_file_value: float | None
    """What the lab file gives, when it differs from the measured value (which the report uses)."""
    hidden: Reason | None = None


@attrs.frozen
class GoalFigures:
    baseline: Baseline
    target_value: float
    target_period: str
    judged: Point | None
    """The value the status is judged on: the latest published value in the report period."""
    status: Status
    status_reason: str | None
    """Why there is no status: ``baseline-hidden``, ``no-published-value`` or ``no-value-for-target-period``."""
    deadline_passed: bool
    progress: float | None
    time_elapsed: float | None
    """Before the deadline: the share of the time from baseline to target that has passed."""


@attrs.frozen
class ChangeFigures:
    from_period: str
    from_value: float
    to_period: str
    to_value: float
    absolute: float
    relative: float | None
    unit: ChangeUnit


@attrs.frozen
class TrendFigures:
    direction: TrendDirection
    periods: int
    first_period: str | None
    last_period: str | None
    slope_per_year: float | None
    hidden_periods: int
    """Hidden periods left out of the trend."""


class ComparisonKind(enum.StrEnum):
    DIFFERENCE_IN_DIFFERENCES = "difference-in-differences"
    SIDE_BY_SIDE = "side-by-side"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class GapFigure:
    """The lab area and the reference area in one period, and the gap between them (area minus reference)."""

    period: str
    area_value: float
    reference_value: float
    gap: float


@attrs.frozen
class Placebo:
    """The same calculation on the periods before the lab: how much the gap moves without the lab."""

    from_period: str
    to_period: str
    difference: float


@attrs.frozen
class Comparison:
    reference_area: str
    kind: ComparisonKind
    reason: str | None
    """Why only side by side: ``too-few-pre-periods`` or ``no-common-period-since-start``."""
    pre_periods: tuple[GapFigure, ...]
    """Every period before the lab started with published values in both areas."""
    before: GapFigure | None
    after: GapFigure | None
    area_change: float | None
    reference_change: float | None
    difference: float | None
    improved: bool | None
    placebo: Placebo | None
    unit: ChangeUnit
    evidence_level: int | None
    causal_wording: bool
    """True only when the methods' declared evidence level supports saying the lab contributed to the change."""


@attrs.frozen
class GroupTable:
    periods: tuple[str, ...]
    groups: tuple[str, ...]
    rows: tuple[tuple[Point | None, ...], ...]
    """One row per period, one cell per group (None where the group has no value for the period)."""
    all_hidden: bool


@attrs.frozen
class Section:
    """Everything the report says about one indicator."""

    indicator: str
    unit: Unit
    polarity: Polarity
    counts_people: bool
    series: Series
    reference: Series | None
    latest: Point | None
    """The latest published value in the report period."""
    latest_hidden: bool
    """A later period than the latest published one is hidden."""
    goal: GoalFigures | None
    change: ChangeFigures | None
    trend: TrendFigures
    comparison: Comparison | None
    groups: GroupTable | None
    hidden_reasons: tuple[Reason, ...]
    left_out: tuple[str, ...]
    """Periods measured after the report period, not used."""


@attrs.frozen
class MeasureRow:
    indicator: str
    point: Point


@attrs.frozen
class MeasureGroup:
    question: PerformanceQuestion
    rows: tuple[MeasureRow, ...]


@attrs.frozen
class AssumptionUsed:
    name: str
    end: str
    """Which end of the assumption the scenario takes: ``low``, ``central`` or ``high``."""
    value: float
    source: LocalizedText


@attrs.frozen
class ScenarioFigures:
    name: str
    assumptions: tuple[AssumptionUsed, ...]
    effective_years: float
    amount_sek: float
    per_person_sek: float
    value_per_krona: float | None


@attrs.frozen
class EstimateFigures:
    indicator: str
    period: str | None
    people: float | None
    scenarios: tuple[ScenarioFigures, ...]
    investment_sek: float | None
    investment_source: LocalizedText | None
    invented: bool
    hidden_reason: str | None
    """``few-people`` (fewer than the minimum), ``hidden`` (the count is hidden) or ``no-value``."""


@attrs.frozen
class ProtectionSummary:
    min_count: int
    default_min_count: int
    reason: str | None
    """The lab's reason for a minimum below the default."""
    round_counts: int
    share_decimals: int | None
    hidden: int
    hidden_by_reason: dict[str, int]
    relations: dict[str, int]


@attrs.frozen
class ReportPeriod:
    start: str
    """First day, ISO date."""
    end: str
    """Last day, ISO date."""
    source: str
    """``lab`` (the lab's phases) or ``command`` (given when the report was made)."""
    lab_start: str


@attrs.frozen
class Summary:
    goals: int
    reached: int
    not_reached: int
    on_track: int
    off_track: int
    no_data: int


@attrs.frozen
class OutcomeReport:
    """Every figure of an outcome report. Hidden values are None wherever they appear."""

    lab: str
    area: str
    reference_area: str | None
    example: bool
    """The lab's figures are invented (the demo)."""
    period: ReportPeriod
    summary: Summary
    sections: tuple[Section, ...]
    measures: tuple[MeasureGroup, ...]
    estimate: EstimateFigures | None
    data_sources: tuple[str, ...]
    protection: ProtectionSummary
    left_out_measurements: int
    """Measurements not used: other areas, the reference area's groups, periods after the report period."""

    def section(self, indicator: str) -> Section:
        for section in self.sections:
            if section.indicator == indicator:
                return section
        raise KeyError(indicator)
