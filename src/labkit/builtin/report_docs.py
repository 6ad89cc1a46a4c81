"""The outcome report as a Word document, rendered from exactly the figures ``labkit report --json`` writes.

:func:`outcome_report` is the built-in ``report`` generator. It computes the
:class:`~labkit.outcomes.figures.OutcomeReport` (or takes the one in ``request.options["figures"]``) and turns
each figure into words, tables and charts. It computes nothing new: every number printed here is in the figures,
so a value hidden there is hidden everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..documents.charts import ChartImages, indicator_chart
from ..documents.document import Document
from ..documents.engine import Image
from ..documents.forms import table_xml
from ..documents.render import render_docx
from ..documents.views import Localizer, doc_view, format_number
from ..files import atomic_write
from ..generators import Request
from ..i18n import counted
from ..labs.context import LabContext
from ..model import Indicator, Lab, Polarity, Unit
from ..outcomes.calc import Status, TrendDirection
from ..outcomes.figures import (
    Comparison,
    ComparisonKind,
    EstimateFigures,
    GoalFigures,
    GroupTable,
    OutcomeReport,
    Point,
    Section,
    Series,
)
from ..outcomes.periods import period_midpoint
from ..outcomes.protect import Reason
from ..outcomes.report import report_for
from ..text import LocalizedText

__all__ = ["SUPPRESSED", "outcome_report"]

#: How a hidden value is shown, everywhere.
SUPPRESSED = ".."

#: A group table with more groups than this (and than periods) lists the groups down the page instead.
_MAX_COLUMNS = 6

_STATUS_LABEL = {
    Status.REACHED: "reached",
    Status.NOT_REACHED: "not_reached",
    Status.ON_TRACK: "on_track",
    Status.OFF_TRACK: "off_track",
    Status.NO_DATA: "no_data",
}
_TREND_LABEL = {
    TrendDirection.IMPROVING: "trend_improving",
    TrendDirection.WORSENING: "trend_worsening",
    TrendDirection.FLAT: "trend_flat",
    TrendDirection.NO_CLEAR_TREND: "trend_no_clear",
}


def outcome_report(request: Request) -> Document:
    """The ``report`` generator: goal status, a section per indicator, the estimate and the privacy note."""
    ctx: LabContext = request.subject
    figures = request.options.get("figures")
    if not isinstance(figures, OutcomeReport):
        figures = report_for(ctx, request.options.get("period"))
    view = _View(request, ctx, figures)
    context = view.context()
    title = f"{view.tr(ctx.lab.name, 'name')} – {view.L['outcome_report']}"
    context["doc"] = doc_view(view.tr, title, ctx.lab.host, ctx.lab.example)
    return render_docx(
        request, "report", context, title=title, filename=f"{ctx.lab.id}-report-{request.lang}.docx"
    )


class _View:
    """Words, tables and charts for one report in one language."""

    def __init__(self, request: Request, ctx: LabContext, figures: OutcomeReport) -> None:
        self.request = request
        self.lab: Lab = ctx.lab
        self.figures = figures
        self.tr = Localizer(request.lang)
        self.L = self.tr.labels
        self.lang = request.lang
        self.indicators: Mapping[str, Indicator] = {
            key: entry.item for key, entry in ctx.catalog.indicator_entries.items()
        }
        self.n = figures.protection.min_count

    # -- numbers -----------------------------------------------------------------------------------------------

    def value(self, value: float | None, unit: Unit) -> str:
        if value is None:
            return SUPPRESSED
        if unit is Unit.SHARE:
            decimals = 0 if self.figures.protection.share_decimals == 0 else 1
            return f"{format_number(value, self.lang, decimals)} %"
        if unit is Unit.SEK:
            text = format_number(value, self.lang, 0)
            return f"{text} kr" if self.lang == "sv" else f"SEK {text}"
        if unit in (Unit.SCALE, Unit.INDEX):
            return format_number(value, self.lang, 1)
        return format_number(value, self.lang, 0 if float(value).is_integer() else 1)

    def number(self, value: float, decimals: int | None = None) -> str:
        if decimals is None:
            decimals = 0 if float(value).is_integer() else 1
        return format_number(value, self.lang, decimals)

    def difference(self, value: float, unit: Unit, *, signed: bool = True) -> str:
        """A difference with its unit: percentage points for shares, points on the scale for rating scales."""
        kind = {Unit.SHARE: "percentage_points", Unit.SCALE: "scale_points", Unit.INDEX: "index_points"}
        decimals = 1 if unit in kind or not float(round(value, 9)).is_integer() else 0
        text = format_number(abs(value), self.lang, decimals)
        if unit in kind:
            text = f"{text} {self.L[kind[unit]]}"
        elif unit is Unit.SEK:
            text = f"{text} kr" if self.lang == "sv" else f"SEK {text}"
        if not signed:
            return text
        return ("+" if value > 0 else "−" if value < 0 else "±") + text

    def at(self, point: Point | None, unit: Unit) -> str:
        if point is None:
            return "–"
        return f"{self.value(point.value, unit)} ({point.period})"

    def name(self, indicator: str) -> str:
        return self.tr(self.indicators[indicator].name, self.L["indicators"])

    def group(self, group: str) -> str:
        return self._printed(self.lab.group_names, group, "group")

    def data_source(self, source: str) -> str:
        return self._printed(self.lab.source_names, source, "data_sources")

    def _printed(self, names: Mapping[str, LocalizedText], written: str, label: str) -> str:
        """The printed name the lab file gives *written* (as in the data), in the report's language; else as written."""
        return self.tr(names[written], self.L[label]) if written in names else written

    def hidden_note(self, reasons: Sequence[Reason]) -> str:
        if not reasons:
            return ""
        listed = "; ".join(counted(self.L, f"reason_{r.value}", self.n) for r in reasons)
        return self.L["hidden_note"].format(reasons=listed)

    # -- the document ------------------------------------------------------------------------------------------

    def context(self) -> dict[str, Any]:
        f = self.figures
        L = self.L
        period_source = L["report_period_lab"] if f.period.source == "lab" else L["report_period_command"]
        sources = [self.data_source(s) for s in f.data_sources]
        sources += sorted(
            {self.tr(self.indicators[s.indicator].source, L["sources"]) for s in f.sections} - set(sources)
        )
        return {
            "lab": {
                "name": self.tr(self.lab.name, "name"),
                "area": f"{f.area}, {self.lab.area.municipality}",
            },
            "report": {
                "period": f"{f.period.start} – {f.period.end} ({period_source})",
                "summary": self.summary_sentence(),
                "status_rule": L["status_rule"],
                "baseline_notes": self.baseline_notes(),
                "privacy": self.privacy(),
                "method_note": L["explanation"],
            },
            "summary": [self.summary_row(s) for s in f.sections if s.goal is not None],
            "sections": [self.section(s) for s in f.sections],
            "measures": self.measures(),
            "estimate": self.estimate(f.estimate),
            "data_sources": sources,
            "labels": L,
        }

    def summary_sentence(self) -> str:
        s = self.figures.summary
        if not s.goals:
            return self.L["example_data"] if self.figures.example else ""
        parts = [
            self.L["summary_part"].format(status=_lower_first(self.L[key]), n=count)
            for key, count in (
                ("reached", s.reached),
                ("not_reached", s.not_reached),
                ("on_track", s.on_track),
                ("off_track", s.off_track),
                ("no_data", s.no_data),
            )
            if count
        ]
        text = f"{self.L['report_summary'].format(goals=s.goals)} {'; '.join(parts)}."
        return f"{text} {self.L['example_data']}" if self.figures.example else text

    def summary_row(self, section: Section) -> dict[str, str]:
        goal = section.goal
        assert goal is not None
        unit = section.unit
        latest = "–" if section.latest is None else self.at(section.latest, unit)
        if section.latest_hidden:
            # Which period is hidden: "24.0 % (2019); 2021: ..", not a bare ".." after the last published value.
            hidden = f"{section.series.points[-1].period}: {SUPPRESSED}"
            latest = hidden if section.latest is None else f"{latest}; {hidden}"
        return {
            "indicator": self.name(section.indicator),
            "baseline": f"{self.value(goal.baseline.value, unit)} ({goal.baseline.period})",
            "latest": latest,
            "target": f"{self.value(goal.target_value, unit)} ({goal.target_period})",
            "status": self.L[_STATUS_LABEL[goal.status]],
        }

    def baseline_notes(self) -> list[str]:
        notes = []
        for section in self.figures.sections:
            goal = section.goal
            if goal is None:
                continue
            b = goal.baseline
            name = self.name(section.indicator)
            if b.value is None:
                notes.append(self.L["baseline_hidden"].format(indicator=name))
            elif b.source == "lab-file":
                notes.append(self.L["baseline_from_lab_file"].format(indicator=name, period=b.period))
            elif b.lab_file_value is not None:
                notes.append(
                    self.L["baseline_differs"].format(
                        indicator=name, period=b.period, given=self.value(b.lab_file_value, section.unit)
                    )
                )
        return notes

    # -- one indicator -----------------------------------------------------------------------------------------

    def section(self, section: Section) -> dict[str, Any]:
        indicator = self.indicators[section.indicator]
        chart = self.chart(section, indicator)
        return {
            "title": self.name(section.indicator),
            "definition": self.tr(indicator.definition, self.L["indicators"])
            + f" ({self.L['source']}: {self.tr(indicator.source, self.L['indicators'])})",
            "chart": Image(chart.png, width_cm=15.0, description=chart.alt),
            "chart_note": self.hidden_note(_series_reasons(section)),
            "findings": self.findings(section),
            "comparison": self.comparison(section),
            "groups": self.groups(section.groups, section.unit),
            "explanation": self.explanation(section),
        }

    def findings(self, section: Section) -> list[str]:
        L = self.L
        found: list[str] = []
        if section.goal is not None:
            found.extend(self.goal_findings(section, section.goal))
        if section.latest_hidden:
            last = section.series.points[-1]
            found.append(L["latest_suppressed"].format(period=last.period))
        trend = section.trend
        if trend.direction is TrendDirection.TOO_FEW:
            found.append(counted(L, "trend_too_few", trend.periods))
        elif trend.direction is TrendDirection.MIXED_PERIODS:
            found.append(L["trend_mixed_periods"].format(n=trend.periods))
        else:
            found.append(
                L["trend_sentence"].format(
                    n=trend.periods,
                    first=trend.first_period,
                    last=trend.last_period,
                    direction=L[_TREND_LABEL[trend.direction]],
                )
            )
        if trend.hidden_periods:
            found.append(L["trend_hidden"].format(n=trend.hidden_periods))
        if section.left_out:
            found.append(L["left_out"].format(periods=", ".join(section.left_out)))
        return found

    def goal_findings(self, section: Section, goal: GoalFigures) -> list[str]:
        L = self.L
        unit = section.unit
        found: list[str] = []
        change = section.change
        if change is not None:
            if change.relative is not None:
                found.append(
                    L["change_sentence"].format(
                        period=change.from_period,
                        absolute=self.difference(change.absolute, unit),
                        relative=("+" if change.relative >= 0 else "−")
                        + format_number(abs(change.relative) * 100, self.lang, 0)
                        + " %",
                    )
                )
            else:
                found.append(
                    L["change_sentence_no_relative"].format(
                        period=change.from_period, absolute=self.difference(change.absolute, unit)
                    )
                )
        if goal.progress is not None and goal.judged is not None:
            found.append(
                L["progress_sentence"].format(
                    progress=format_number(goal.progress * 100, self.lang, 0),
                    target=self.value(goal.target_value, unit),
                    period=goal.target_period,
                )
            )
        found.append(self.status_sentence(goal, unit))
        return found

    def status_sentence(self, goal: GoalFigures, unit: Unit) -> str:
        L = self.L
        status = L[_STATUS_LABEL[goal.status]]
        if goal.status_reason == "baseline-hidden":
            return L["status_baseline_hidden"]
        if goal.status_reason == "no-value-for-target-period":
            return L["status_none_target"].format(period=goal.target_period)
        if goal.judged is None:
            return L["status_none"]
        if goal.deadline_passed:
            return L["status_after"].format(
                status=status,
                target=self.value(goal.target_value, unit),
                period=goal.target_period,
                judged=goal.judged.period,
                value=self.value(goal.judged.value, unit),
            )
        return L["status_before"].format(
            status=status,
            progress=format_number((goal.progress or 0) * 100, self.lang, 0),
            elapsed=format_number((goal.time_elapsed or 0) * 100, self.lang, 0),
            baseline=goal.baseline.period,
            target=goal.target_period,
        )

    def comparison(self, section: Section) -> dict[str, Any] | None:
        c = section.comparison
        if c is None:
            return None
        L = self.L
        area = self.figures.area
        if c.kind is ComparisonKind.SIDE_BY_SIDE:
            key = "side_by_side_few" if c.reason == "too-few-pre-periods" else "side_by_side_none"
            return {
                "sentences": [L[key].format(area=area, reference=c.reference_area)],
                "table": "",
                "after": [],
            }
        assert c.before and c.after and c.difference is not None
        assert c.area_change is not None and c.reference_change is not None
        unit = section.unit
        direction = L["did_same"] if c.improved is None else L["did_better"] if c.improved else L["did_worse"]
        sentences = [
            L["did_sentence"].format(
                reference=c.reference_area,
                area=area,
                before=c.before.period,
                after=c.after.period,
                area_change=self.difference(c.area_change, unit),
                reference_change=self.difference(c.reference_change, unit),
                difference=self.difference(c.difference, unit),
                direction=direction,
            ),
            L["comparison_supported"].format(level=c.evidence_level)
            if c.causal_wording
            else L["comparison_not_effect"],
            L["comparison_gaps"].format(area=area, reference=c.reference_area),
        ]
        after = []
        if c.placebo is not None:
            after.append(
                L["comparison_placebo"].format(
                    first=c.placebo.from_period,
                    last=c.placebo.to_period,
                    difference=self.difference(c.placebo.difference, unit),
                )
            )
        return {"sentences": sentences, "table": self.gap_table(c, unit), "after": after}

    def gap_table(self, c: Comparison, unit: Unit) -> Any:
        """The two areas and the gap between them in every period before the lab started."""
        rows = [
            [
                g.period,
                self.value(g.area_value, unit),
                self.value(g.reference_value, unit),
                self.difference(g.gap, unit),
            ]
            for g in c.pre_periods
        ]
        return table_xml([self.L["period"], self.figures.area, c.reference_area, self.L["gap"]], rows, 0)

    def groups(self, groups: GroupTable | None, unit: Unit) -> dict[str, Any] | None:
        """The groups by period: periods down and groups across, or the other way round when there are many groups."""
        if groups is None:
            return None
        if groups.all_hidden:
            return {"caption": "", "table": "", "sentence": self.L["groups_all_hidden"], "note": ""}
        cells = [["–" if c is None else self.value(c.value, unit) for c in row] for row in groups.rows]
        names = [self.group(g) for g in groups.groups]
        if len(names) > _MAX_COLUMNS and len(names) > len(groups.periods):
            header = [self.L["group"], *groups.periods]
            rows = [[name, *[row[i] for row in cells]] for i, name in enumerate(names)]
        else:
            header = [self.L["period"], *names]
            rows = [[period, *row] for period, row in zip(groups.periods, cells, strict=True)]
        reasons = [
            r for r in Reason if any(c is not None and c.hidden is r for row in groups.rows for c in row)
        ]
        return {
            "caption": self.L["by_group"],
            "table": table_xml(header, rows, 0),
            "sentence": "",
            "note": self.hidden_note(reasons),
        }

    def explanation(self, section: Section) -> str:
        L = self.L
        better = L["better_when"].format(better=L["polarity_" + section.polarity.value])
        parts = [better[:1].upper() + better[1:]]
        n = self.number
        goal, change = section.goal, section.change
        if change is not None and goal is not None:
            parts.append(
                f"{L['change']} = {n(change.to_value)} − {n(change.from_value)} = {n(round(change.absolute, 9))}"
            )
            if goal.progress is not None:
                parts.append(
                    f"{L['progress']} = ({n(change.to_value)} − {n(change.from_value)}) / "
                    f"({n(goal.target_value)} − {n(change.from_value)}) = "
                    f"{format_number(goal.progress * 100, self.lang, 0)} %"
                )
        if section.trend.slope_per_year is not None:
            slope = L["slope_per_year"].format(
                slope=self.number(section.trend.slope_per_year, 2), n=section.trend.periods
            )
            parts.append(f"{L['trend']}: {slope}")
        c = section.comparison
        if c is not None and c.kind is ComparisonKind.DIFFERENCE_IN_DIFFERENCES and c.before and c.after:
            parts.append(
                f"{L['difference_in_differences']} = ({n(c.after.area_value)} − {n(c.before.area_value)})"
                f" − ({n(c.after.reference_value)} − {n(c.before.reference_value)})"
                f" = {n(round(c.difference or 0.0, 9))}"
            )
        return "; ".join(parts) + "."

    # -- charts ------------------------------------------------------------------------------------------------

    def chart(self, section: Section, indicator: Indicator) -> ChartImages:
        goal = section.goal
        baseline = target = None
        if goal is not None:
            if goal.baseline.value is not None:
                baseline = (goal.baseline.period, period_midpoint(goal.baseline.period), goal.baseline.value)
            target = (goal.target_period, period_midpoint(goal.target_period), goal.target_value)
        reference = section.reference
        images = indicator_chart(
            _chart_points(section.series),
            title=self.name(section.indicator),
            unit_label=self.tr.term("unit", indicator.unit.value),
            polarity=Polarity(section.polarity),
            words=self.L,
            counts=indicator.unit is Unit.COUNT,
            baseline=baseline,
            target=target,
            reference=_chart_points(reference) if reference is not None else None,
            lang=self.lang,
            area_label=self.figures.area,
            reference_label=reference.area if reference is not None else "",
            invented=self.figures.example,
            start=_start(self.figures, section),
            svg=bool(self.request.options.get("chart_svg")),
            fmt=lambda v: self.value(v, indicator.unit),
        )
        self._save_chart(section.indicator, images)
        return images

    def _save_chart(self, indicator: str, images: ChartImages) -> None:
        folder = self.request.options.get("charts_dir")
        if folder is None:
            return
        stem = f"{self.lab.id}-{indicator}-{self.lang}"
        atomic_write(Path(folder) / f"{stem}.png", images.png)
        if images.svg is not None:
            atomic_write(Path(folder) / f"{stem}.svg", images.svg)

    # -- the rest ----------------------------------------------------------------------------------------------

    def measures(self) -> list[dict[str, Any]]:
        keys = {"how-much": "how_much", "how-well": "how_well", "better-off": "better_off"}
        return [
            {
                "question": self.L[keys[group.question.value]],
                "rows": [
                    {
                        "indicator": self.name(row.indicator),
                        "period": row.point.period,
                        "value": self.value(row.point.value, self.indicators[row.indicator].unit),
                    }
                    for row in group.rows
                ],
            }
            for group in self.figures.measures
        ]

    def estimate(self, e: EstimateFigures | None) -> dict[str, Any] | None:
        if e is None:
            return None
        L = self.L
        heading = L["estimate_invented"] if e.invented else L["estimate"]
        description = self.tr(self.lab.estimate.description, L["estimate"]) if self.lab.estimate else ""
        if e.hidden_reason is not None:
            reason = {
                "few-people": counted(L, "estimate_hidden", self.n),
                "hidden": L["estimate_hidden_value"],
                "no-value": L["estimate_no_value"].format(indicator=self.name(e.indicator)),
            }[e.hidden_reason]
            return {"heading": heading, "description": f"{description} {reason}".strip(), "results": []}
        return {
            "heading": heading,
            "description": description,
            "results": self.estimate_results(e),
            "ratio": self.ratio_sentence(e),
            "assumptions": self.assumption_rows(e),
            "picks": L["estimate_picks"],
            "caveat": L["estimate_caveat"],
        }

    def estimate_results(self, e: EstimateFigures) -> list[dict[str, str]]:
        L = self.L
        assert e.people is not None
        low, central, high = e.scenarios

        def sek(value: float) -> str:
            return self.value(round(value, -3), Unit.SEK)

        people = self.number(e.people)
        rows = [
            {
                "label": L["estimate_people"].format(indicator=f"{self.name(e.indicator)}, {e.period}"),
                "low": people,
                "central": people,
                "high": people,
            },
            {"label": L["estimate_value"], **_by_scenario(e, lambda s: sek(s.amount_sek))},
            {"label": L["estimate_per_person"], **_by_scenario(e, lambda s: sek(s.per_person_sek))},
        ]
        if low.value_per_krona is not None:
            rows.append(
                {
                    "label": L["estimate_ratio"],
                    **_by_scenario(e, lambda s: format_number(s.value_per_krona or 0.0, self.lang, 1)),
                }
            )
        del central, high
        return rows

    def ratio_sentence(self, e: EstimateFigures) -> str:
        low, central, high = e.scenarios
        if low.value_per_krona is None:
            return ""
        return self.L["estimate_ratio_sentence"].format(
            low=format_number(low.value_per_krona, self.lang, 1),
            central=format_number(central.value_per_krona or 0.0, self.lang, 1),
            high=format_number(high.value_per_krona or 0.0, self.lang, 1),
        )

    def assumption_rows(self, e: EstimateFigures) -> list[dict[str, str]]:
        shares = {"deadweight", "attribution", "drop_off"}
        rows = []
        for index, used in enumerate(e.scenarios[0].assumptions):
            key = used.name

            def fmt(value: float, share: bool = key in shares) -> str:
                if share:
                    return f"{format_number(value * 100, self.lang, 0)} %"
                return format_number(value, self.lang, 0 if float(value).is_integer() else 1)

            rows.append(
                {
                    "label": self.L[key],
                    **_by_scenario(e, lambda s, i=index, f=fmt: f(s.assumptions[i].value)),  # type: ignore[misc]
                    "source": self.tr(used.source, self.L["data_sources"]),
                }
            )
        rows.append(
            {
                "label": self.L["effective_years"],
                **_by_scenario(e, lambda s: format_number(s.effective_years, self.lang, 2)),
                "source": "",
            }
        )
        return rows

    def privacy(self) -> list[str]:
        p = self.figures.protection
        L = self.L
        paragraphs = [counted(L, "privacy_text", p.min_count)]
        if p.reason:
            paragraphs.append(
                L["privacy_min_reason"].format(n=p.min_count, default=p.default_min_count, reason=p.reason)
            )
        if p.round_counts > 1:
            paragraphs.append(L["privacy_round_counts"].format(base=p.round_counts))
        if p.share_decimals == 0:
            paragraphs.append(L["privacy_round_shares"])
        paragraphs.append(L["privacy_hidden"].format(n=p.hidden))
        return paragraphs


def _start(figures: OutcomeReport, section: Section) -> float | None:
    """Where the lab started, when the chart has periods before it (a comparison's pre-periods, history)."""
    start = dt.date.fromisoformat(figures.period.lab_start)
    year = start.year + (start.month - 1 + (start.day - 1) / 31) / 12
    first = min((period_midpoint(p.period) for p in section.series.points), default=None)
    return year if first is not None and first < year else None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _by_scenario(e: EstimateFigures, cell: Callable[[Any], str]) -> dict[str, str]:
    return {s.name: cell(s) for s in e.scenarios}


def _chart_points(series: Series) -> list[tuple[str, float, float | None]]:
    return [(p.period, period_midpoint(p.period), p.value) for p in series.points]


def _series_reasons(section: Section) -> list[Reason]:
    found = {p.hidden for p in section.series.points if p.hidden}
    if section.reference is not None:
        found |= {p.hidden for p in section.reference.points if p.hidden}
    return [r for r in Reason if r in found]
