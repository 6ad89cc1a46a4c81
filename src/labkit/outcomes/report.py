"""The outcome report: goal status, one section per indicator with chart and calculations, the socio-economic
estimate, data sources and small-number protection.

Small-number protection runs before anything is written: every count and share that rests on fewer than the
lab's minimum (default 10) is hidden in tables, charts and text alike, with secondary suppression so hidden
values cannot be worked out from totals.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from ..catalog import Catalog
from ..documents.document import Document
from ..documents.engine import Image
from ..documents.forms import table_xml
from ..documents.render import render, render_docx
from ..documents.views import Localizer, doc_view, format_number
from ..errors import InvalidDataError, Problem
from ..files import atomic_write
from ..generators import Request
from ..labs.context import LabContext
from ..model import Indicator, Lab, Measurement, PerformanceQuestion, Unit
from . import calc, suppress
from .estimate import estimate_scenarios
from .periods import period_sort_key, sort_periods

__all__ = ["check_measurements", "outcome_report", "render_report"]


def check_measurements(ctx: LabContext) -> None:
    """Every measurement names a known indicator (all problems at once)."""
    known = ctx.catalog.indicator_entries
    problems = [
        Problem(
            f"unknown indicator {m.indicator!r} in a measurement ({m.area}, {m.period})",
            str(ctx.path) if ctx.path else None,
        )
        for m in ctx.measurements
        if m.indicator not in known
    ]
    if problems:
        raise InvalidDataError(problems)


def _fmt(value: float | None, unit: Unit, lang: str) -> str:
    if value is None:
        return suppress.SUPPRESSED
    decimals = 0 if float(value).is_integer() and unit in (Unit.COUNT, Unit.SEK) else 1
    if unit in (Unit.SCALE, Unit.INDEX) and not float(value).is_integer():
        decimals = 1
    text = format_number(value, lang, decimals)
    if unit is Unit.SHARE:
        return f"{text} %"
    if unit is Unit.SEK:
        return f"{text} kr" if lang == "sv" else f"SEK {text}"
    return text


def _num(value: float, lang: str) -> str:
    return format_number(value, lang, 0 if float(value).is_integer() else 1)


def _difference(value: float, unit: Unit, lang: str) -> str:
    """A size of difference with its unit: shares differ in percentage points, not per cent."""
    number = format_number(value, lang, 1)
    if unit is Unit.SHARE:
        return f"{number} {'procentenheter' if lang == 'sv' else 'percentage points'}"
    if unit is Unit.SEK:
        return f"{number} kr" if lang == "sv" else f"SEK {number}"
    return number


def _signed(value: float, unit: Unit, lang: str) -> str:
    text = _fmt(abs(value), unit, lang)
    if unit is Unit.SHARE:
        text = text.replace(" %", " procentenheter" if lang == "sv" else " percentage points")
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def _protected(
    measurements: Sequence[Measurement], indicator: Indicator, min_count: int
) -> dict[tuple[str, str, str | None], float | None]:
    """(area, period, group) -> value or None where hidden."""
    rows = [m for m in measurements if m.indicator == indicator.id]
    protected = suppress.protect(rows, indicator.unit, min_count, people=indicator.counts_people)
    return {
        (p.measurement.area, p.measurement.period, p.measurement.group): (
            None if p.hidden else p.measurement.value
        )
        for p in protected
    }


def outcome_report(request: Request) -> Document:
    ctx: LabContext = request.subject
    lab = ctx.lab
    tr = Localizer(request.lang)
    L = tr.labels
    lang = request.lang
    min_count = lab.privacy.min_count
    catalog = ctx.catalog
    check_measurements(ctx)
    measurements = list(ctx.measurements)
    area = lab.area.name
    reference = lab.area.reference_area
    charts_dir = request.options.get("charts_dir")
    indicators = {k: e.item for k, e in catalog.indicator_entries.items()}
    measured = sorted({m.indicator for m in measurements})
    goal_ids = [g.indicator for g in lab.goals]
    order = goal_ids + [i for i in measured if i not in goal_ids]
    visible = {ind: _protected(measurements, indicators[ind], min_count) for ind in measured}

    summary_rows: list[dict[str, str]] = []
    counts = {"achieved": 0, "on-track": 0}
    sections = []
    for ind_id in order:
        indicator = indicators[ind_id]
        goal = next((g for g in lab.goals if g.indicator == ind_id), None)
        values = visible.get(ind_id, {})
        own = [(p, v) for (a, p, g), v in values.items() if a == area and g is None]
        own.sort(key=lambda pv: period_sort_key(pv[0]))
        shown = [(p, v) for p, v in own if v is not None]
        latest = shown[-1] if shown else None
        latest_hidden = bool(own) and own[-1][1] is None
        name = tr(indicator.name, L["indicators"])
        findings: list[str] = []
        better = L["better_when"].format(better=L["polarity_" + indicator.polarity.value])
        explain: list[str] = [better[:1].upper() + better[1:]]
        if goal is not None:
            status = calc.goal_status(
                goal.baseline.value,
                goal.baseline.period,
                goal.target.value,
                goal.target.period,
                latest[1] if latest else None,
                latest[0] if latest else None,
                indicator.polarity,
            )
            key = {"achieved": "achieved", "on-track": "on_track", "off-track": "off_track"}.get(
                status.value, "no_data"
            )
            if status.value in counts:
                counts[status.value] += 1
            summary_rows.append(
                {
                    "indicator": name,
                    "baseline": f"{_fmt(goal.baseline.value, indicator.unit, lang)} ({goal.baseline.period})",
                    "latest": f"{_fmt(latest[1], indicator.unit, lang)} ({latest[0]})"
                    if latest
                    else suppress.SUPPRESSED
                    if latest_hidden
                    else "–",
                    "target": f"{_fmt(goal.target.value, indicator.unit, lang)} ({goal.target.period})",
                    "status": L[key],
                }
            )
            if latest is not None:
                change = calc.change(goal.baseline.value, latest[1])
                explain.append(
                    f"{L['change']} = {_num(latest[1], lang)} − {_num(goal.baseline.value, lang)}"
                    f" = {_num(change.absolute, lang)}"
                )
                if change.relative is not None:
                    findings.append(
                        L["change_sentence"].format(
                            period=goal.baseline.period,
                            absolute=_signed(change.absolute, indicator.unit, lang),
                            relative=("+" if change.relative >= 0 else "−")
                            + format_number(abs(change.relative) * 100, lang, 0)
                            + " %",
                        )
                    )
                else:
                    findings.append(
                        L["change_sentence_no_relative"].format(
                            period=goal.baseline.period,
                            absolute=_signed(change.absolute, indicator.unit, lang),
                        )
                    )
                progress = calc.progress(goal.baseline.value, goal.target.value, latest[1])
                if progress is not None:
                    explain.append(
                        f"{L['progress']} = ({_num(latest[1], lang)} − {_num(goal.baseline.value, lang)}) / "
                        f"({_num(goal.target.value, lang)} − {_num(goal.baseline.value, lang)})"
                        f" = {format_number(progress * 100, lang, 0)} %"
                    )
                    findings.append(
                        L["progress_sentence"].format(
                            progress=format_number(progress * 100, lang, 0),
                            target=_fmt(goal.target.value, indicator.unit, lang),
                            period=goal.target.period,
                        )
                    )
        if latest_hidden:
            findings.append(L["latest_suppressed"].format(n=min_count))
        trend = calc.trend(shown, indicator.polarity)
        if trend.direction is calc.TrendDirection.INSUFFICIENT:
            findings.append(L["trend_insufficient"][:1].upper() + L["trend_insufficient"][1:] + ".")
        else:
            findings.append(
                L["trend_sentence"].format(n=trend.periods, direction=L[f"trend_{trend.direction.value}"])
            )
        if trend.slope_per_year is not None:
            slope = L["slope_per_year"].format(
                slope=format_number(trend.slope_per_year, lang, 2), n=trend.periods
            )
            explain.append(f"{L['trend']}: {slope}")
        ref_series: list[tuple[str, float | None]] = []
        if reference:
            ref = [(p, v) for (a, p, g), v in values.items() if a == reference and g is None]
            ref_series = sorted(ref, key=lambda pv: period_sort_key(pv[0]))
            common = [p for p, v in shown if any(q == p and w is not None for q, w in ref_series)]
            if len(common) >= 2:
                before, after = common[0], common[-1]
                own_map = dict(shown)
                ref_map = {p: v for p, v in ref_series if v is not None}
                did = calc.difference_in_differences(
                    own_map[before], own_map[after], ref_map[before], ref_map[after], indicator.polarity
                )
                explain.append(
                    f"{L['difference_in_differences']} = ({_num(own_map[after], lang)} − {_num(own_map[before], lang)})"
                    f" − ({_num(ref_map[after], lang)} − {_num(ref_map[before], lang)}) = {_num(did.estimate, lang)}"
                )
                findings.append(
                    L["did_sentence"].format(
                        reference=reference,
                        area=area,
                        estimate=_difference(abs(did.estimate), indicator.unit, lang),
                        direction=L["did_better"] if did.improved else L["did_worse"],
                        before=before,
                        after=after,
                    )
                )
        chart = calc_chart(indicator, own, ref_series, goal, tr, area, reference)
        if charts_dir is not None:
            folder = Path(charts_dir)
            atomic_write(folder / f"{lab.id}-{ind_id}-{lang}.png", chart.png)
            atomic_write(folder / f"{lab.id}-{ind_id}-{lang}.svg", chart.svg)
        groups = sorted({g for (a, _p, g), _v in values.items() if a == area and g is not None})
        table: Any = ""
        if groups:
            periods = sort_periods({p for (a, p, g), _v in values.items() if a == area and g is not None})
            header = [L["period"], *groups]
            group_rows = [
                [
                    p,
                    *[
                        _fmt(values.get((area, p, g)), indicator.unit, lang)
                        if (area, p, g) in values
                        else "–"
                        for g in groups
                    ],
                ]
                for p in periods
            ]
            table = table_xml(header, group_rows, 0)
        sections.append(
            {
                "title": name,
                "definition": tr(indicator.definition, L["indicators"])
                + f" ({L['source']}: {tr(indicator.source, L['indicators'])})",
                "chart": Image(chart.png, width_cm=15.0, description=name),
                "findings": findings,
                "table": table,
                "explanation": "; ".join(explain) + ".",
            }
        )

    measures = []
    method_indicators = {i for _c, m in ctx.chosen_methods() for i in m.indicators}
    own_measures = [
        indicators[i] for i in measured if i in method_indicators and indicators[i].question is not None
    ]
    grouped = calc.group_by_question(own_measures)
    for question, items in grouped.items():
        rows: list[dict[str, str]] = []
        for indicator in items:
            vals = visible[indicator.id]
            own = [(p, v) for (a, p, g), v in vals.items() if a == area and g is None]
            if own:
                period = sort_periods([p for p, _ in own])[-1]
                rows.append(
                    {
                        "indicator": tr(indicator.name, L["indicators"]),
                        "period": period,
                        "value": _fmt(dict(own)[period], indicator.unit, lang),
                    }
                )
        if rows:
            key = {
                PerformanceQuestion.HOW_MUCH: "how_much",
                PerformanceQuestion.HOW_WELL: "how_well",
                PerformanceQuestion.BETTER_OFF: "better_off",
            }[question]
            measures.append({"question": L[key], "rows": rows})

    estimate_view = _estimate(lab, visible, indicators, tr, min_count, area)
    sources = sorted({m.source for m in measurements if m.source})
    sources += sorted({tr(indicators[i].source, L["sources"]) for i in measured} - set(sources))
    name = tr(lab.name, "name")
    title = f"{name} – {L['outcome_report']}"
    periods = sort_periods({m.period for m in measurements})
    summary = (
        L["report_summary"].format(
            achieved=counts["achieved"], goals=len(lab.goals), on_track=counts["on-track"]
        )
        if lab.goals
        else ""
    )
    if lab.example:
        summary = f"{summary} {L['example_data']}".strip()
    context = {
        "lab": {"name": name, "area": f"{area}, {lab.area.municipality}"},
        "report": {
            "period": f"{periods[0]} – {periods[-1]}" if periods else "–",
            "summary": summary,
            "privacy": L["privacy_text"].format(n=min_count) + " " + suppress.footnote(min_count, lang),
            "method_note": L["explanation"],
        },
        "summary": summary_rows,
        "sections": sections,
        "measures": measures,
        "estimate": estimate_view,
        "data_sources": sources,
        "labels": L,
    }
    context["doc"] = doc_view(tr, title, lab.host, lab.example)
    return render_docx(request, "report", context, title=title, filename=f"{lab.id}-report-{lang}.docx")


def calc_chart(
    indicator: Indicator,
    own: list[tuple[str, float | None]],
    reference: list[tuple[str, float | None]],
    goal: Any,
    tr: Localizer,
    area: str,
    reference_name: str | None,
) -> Any:
    from .charts import indicator_chart

    L = tr.labels
    unit = tr.term("unit", indicator.unit.value)
    return indicator_chart(
        own,
        title=tr(indicator.name, L["indicators"]),
        unit_label=unit,
        polarity=indicator.polarity,
        baseline=(goal.baseline.period, goal.baseline.value) if goal else None,
        target=(goal.target.period, goal.target.value) if goal else None,
        reference=reference or None,
        lang=tr.lang,
        area_label=area,
        reference_label=reference_name or "",
    )


def _estimate(
    lab: Lab,
    visible: dict[str, Any],
    indicators: dict[str, Indicator],
    tr: Localizer,
    min_count: int,
    area: str,
) -> dict[str, Any] | None:
    estimate = lab.estimate
    if estimate is None or estimate.indicator not in visible:
        return None
    L = tr.labels
    lang = tr.lang
    own = [(p, v) for (a, p, g), v in visible[estimate.indicator].items() if a == area and g is None]
    if not own:
        return None
    period = sort_periods([p for p, _ in own])[-1]
    people = dict(own)[period]
    description = tr(estimate.description, L["estimate"]) if estimate.description else ""
    if people is None or people < min_count:
        return {
            "description": description + " " + L["estimate_hidden"].format(n=min_count),
            "results": [],
            "assumptions": [],
            "caveat": "",
        }
    scenarios = estimate_scenarios(estimate, people)

    def sek(value: float) -> str:
        return _fmt(round(value, -3), Unit.SEK, lang)

    results = [
        {
            "label": L["estimate_people"].format(
                indicator=f"{tr(indicators[estimate.indicator].name, L['estimate'])}, {period}"
            ),
            "low": format_number(people, lang),
            "central": format_number(people, lang),
            "high": format_number(people, lang),
        },
        {"label": L["estimate_value"], **{s.name: sek(s.value_sek) for s in scenarios}},
        {"label": L["estimate_per_person"], **{s.name: sek(s.per_person_sek) for s in scenarios}},
    ]
    if estimate.investment_sek:
        results.append(
            {
                "label": L["estimate_ratio"],
                **{s.name: format_number(s.return_ratio or 0, lang, 1) for s in scenarios},
            }
        )
    assumptions = []
    for key in ("value_per_person_year", "duration_years", "deadweight", "attribution", "drop_off"):
        a = getattr(estimate, key)
        share = key in ("deadweight", "attribution", "drop_off")

        def fmt(value: float, share: bool = share) -> str:
            return (
                f"{format_number(value * 100, lang, 0)} %"
                if share
                else format_number(value, lang, 0 if value >= 10 else 1)
            )

        assumptions.append(
            {
                "label": L[key],
                "low": fmt(a.low),
                "central": fmt(a.central),
                "high": fmt(a.high),
                "source": a.source,
            }
        )
    return {
        "description": description,
        "results": results,
        "assumptions": assumptions,
        "caveat": L["estimate_caveat"],
    }


def render_report(
    lab: Lab | str | os.PathLike[str],
    *,
    data: Sequence[str | os.PathLike[str]] = (),
    lang: str = "sv",
    catalog: Catalog | None = None,
    charts_dir: str | os.PathLike[str] | None = None,
    **kwargs: Any,
) -> Document:
    """The outcome report of *lab*, with measurements from the lab file, its data files and *data*."""
    from ..catalog import get_catalog
    from ..labs.check import check_lab
    from .measurements import load_measurements

    catalog = catalog or get_catalog()
    result = check_lab(lab, catalog)
    result.raise_for_problems()
    assert result.lab is not None
    loaded = result.lab
    extra: list[Measurement] = []
    problems: list[Problem] = []
    for path in data:
        try:
            extra.extend(load_measurements(path))
        except InvalidDataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InvalidDataError(problems)
    if extra:
        loaded = attrs.evolve(loaded, measurements=(*loaded.measurements, *extra))
    ctx = LabContext(loaded, catalog, Path(lab) if not isinstance(lab, Lab) else None)
    if not ctx.measurements:
        raise InvalidDataError(
            [
                Problem(
                    "the lab has no measurements; give them with --data FILE or data_files in the lab file",
                    str(lab) if not isinstance(lab, Lab) else None,
                )
            ]
        )
    return render(
        "report",
        ctx,
        lang=lang,
        catalog=catalog,
        charts_dir=str(charts_dir) if charts_dir else None,
        **kwargs,
    )
