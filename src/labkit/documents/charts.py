"""Charts for reports and lab plans (matplotlib, non-interactive), readable in black and white.

A chart is rendering only: it draws the figures it is given (already protected) and describes them in an alt
text. The rules a statistician expects:

- periods sit on a real time axis at their midpoints, so a baseline year and half-years are spaced by time, and
  tick labels are thinned so they never overlap, however long the series;
- counts get whole-number ticks and a y-axis from zero;
- a series of fewer than three points is drawn as dots labelled with their values, not as a line;
- a hidden value is marked ``..`` where it would be, and the note about hidden values appears only when one is;
- the fonts are the document's (Carlito, metric-compatible with Calibri, then DejaVu Sans), the words are the
  document's language, and charts of invented data say so;
- user text is plain text: no mathtext between dollar signs, control characters removed, long labels cut with an
  ellipsis (so a 50 KB name costs nothing), and SVG output is well-formed XML.

PNG is always made; SVG only when asked for.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from ..i18n import counted
from ..model import Polarity
from .views import format_number

__all__ = ["ChartImages", "ChartPoint", "indicator_chart", "plain", "timeline_chart", "warm_up"]

_CM = 1 / 2.54
_INK = "#1f2a37"
_ACCENT = "#1f4e79"
_GREY = "#6b7684"
_LIGHT = "#e3e7ec"
_WIDTH_CM = 16.0
#: Above this many points a series is drawn without markers (a long series stays a clean line).
_MARKER_LIMIT = 60
_DPI = 200
_PAD_INCHES = 0.1


@attrs.frozen
class ChartImages:
    png: bytes = attrs.field(repr=False)
    svg: bytes | None = attrs.field(default=None, repr=False)
    alt: str = ""
    """A one or two sentence description of what the chart shows, for screen readers (the image's alt text)."""


_NOT_XML = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)


def plain(text: str, limit: int = 80) -> str:
    """User text made safe for a chart: control and bidi-override characters removed, cut at *limit* with "…"."""
    head = str(text)[: limit * 4]
    cleaned = " ".join(_NOT_XML.sub("", head).split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1].rstrip() + "…"


def _wrapped(text: str, width: int, lines: int) -> str:
    return "\n".join(textwrap.wrap(plain(text, width * lines), width)[:lines])


@functools.cache
def _fonts() -> list[str]:
    from matplotlib import font_manager

    available = {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in ("Carlito", "Calibri", "DejaVu Sans") if f in available] or ["DejaVu Sans"]


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "font.family": _fonts(),
            "font.size": 9,
            "axes.edgecolor": _GREY,
            "axes.labelcolor": _INK,
            "xtick.color": _INK,
            "ytick.color": _INK,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.formatter.useoffset": False,
            "text.parse_math": False,
            "text.usetex": False,
            "svg.hashsalt": "labkit",
            "svg.fonttype": "none",
        }
    )
    return plt


def warm_up() -> None:
    """Import matplotlib and load the chart fonts now (a batch does this once before its workers start)."""
    import matplotlib.dates  # noqa: F401 - the timeline's date axis

    plt = _pyplot()
    fig = plt.figure(figsize=(1, 1))
    fig.text(0.5, 0.5, "0", fontsize=9)
    fig.canvas.draw()
    plt.close(fig)


def _save(fig: Any, svg: bool, alt: str) -> ChartImages:
    """The chart as PNG (and SVG when asked for), cut to what is drawn plus a small margin.

    The box is measured without drawing and given to ``savefig``, so the chart is drawn once (matplotlib's own
    ``bbox_inches="tight"`` draws it twice: once to measure, once to save).
    """
    import matplotlib.pyplot as plt

    fig.set_dpi(_DPI)
    box = fig.get_tightbbox(fig.canvas.get_renderer()).padded(_PAD_INCHES)
    png = io.BytesIO()
    # zlib level 1: a quarter less encoding time than the default level (18 vs 25 ms for a chart of 1259 x 669
    # pixels), for a quarter more bytes (79 vs 62 KB); a report draws a chart for every indicator.
    fig.savefig(
        png,
        format="png",
        dpi=_DPI,
        bbox_inches=box,
        metadata={"Software": None},
        pil_kwargs={"compress_level": 1},
    )
    svg_bytes = None
    if svg:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", bbox_inches=box, metadata={"Date": None, "Creator": None})
        svg_bytes = buffer.getvalue()
    plt.close(fig)
    return ChartImages(png.getvalue(), svg_bytes, alt)


#: A point of a chart: its period label, its place on the time axis (a fractional year) and its value (None when
#: hidden).
ChartPoint = tuple[str, float, float | None]


# ---------------------------------------------------------------------------------------------------------------
# Indicator charts


@attrs.frozen
class _Spec:
    series: Sequence[ChartPoint]
    title: str
    unit_label: str
    polarity: Polarity
    counts: bool
    baseline: tuple[str, float, float] | None
    target: tuple[str, float, float] | None
    reference: Sequence[ChartPoint]
    area_label: str
    reference_label: str
    words: Mapping[str, str]
    lang: str
    invented: bool
    fmt: Callable[[float], str]
    start: float | None = None
    """Where the lab started on the time axis: a thin vertical line, so periods before it stand out."""


def indicator_chart(
    series: Sequence[ChartPoint],
    *,
    title: str,
    unit_label: str,
    polarity: Polarity,
    words: Mapping[str, str],
    counts: bool = False,
    baseline: tuple[str, float, float] | None = None,
    target: tuple[str, float, float] | None = None,
    reference: Sequence[ChartPoint] | None = None,
    lang: str = "sv",
    area_label: str = "",
    reference_label: str = "",
    invented: bool = False,
    svg: bool = False,
    fmt: Callable[[float], str] | None = None,
    start: float | None = None,
) -> ChartImages:
    """One indicator over time: the area, an optional reference area, baseline and target.

    *series* and *reference* hold (period, place on the time axis, value) with None for a hidden value; the
    baseline and target are (period, place, value). *words* are the document's
    labels (``chart_better``, ``chart_target``, ``chart_baseline``, ``chart_hidden``, ``chart_invented`` and the
    alt-text sentences). *fmt* formats a value for labels and the alt text.
    """
    spec = _Spec(
        list(series),
        plain(title, 120),
        plain(unit_label, 40),
        polarity,
        counts,
        baseline,
        target,
        list(reference or ()),
        plain(area_label, 40),
        plain(reference_label, 40),
        words,
        lang,
        invented,
        fmt or (lambda v: format_number(v, lang, 0 if float(v).is_integer() else 1)),
        start,
    )
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(_WIDTH_CM * _CM, 8.5 * _CM))
    ticks: dict[float, str] = {}
    if spec.reference:
        _draw(ax, spec, spec.reference, ticks, reference=True)
    _draw(ax, spec, spec.series, ticks, reference=False)
    _goal_marks(ax, spec, ticks)
    _axes(ax, spec, ticks)
    _furniture(fig, ax, spec)
    return _save(fig, svg, indicator_alt(spec.series, spec.reference, spec))


def _draw(
    ax: Any, spec: _Spec, points: Sequence[ChartPoint], ticks: dict[float, str], *, reference: bool
) -> None:
    xs = [x for _p, x, _v in points]
    ys = [float("nan") if v is None else float(v) for _p, _x, v in points]
    for period, x, _v in points:
        ticks.setdefault(x, period)
    shown = [v for _p, _x, v in points if v is not None]
    label = spec.reference_label if reference else (spec.area_label or spec.title)
    style: dict[str, Any] = (
        {"color": _GREY, "marker": "s", "markersize": 4.5, "linestyle": "--", "linewidth": 1.4}
        if reference
        else {"color": _ACCENT, "marker": "o", "markersize": 5, "linestyle": "-", "linewidth": 2.0}
    )
    if len(points) > _MARKER_LIMIT:
        style["marker"] = ""
    if len(shown) < 3:
        # Fewer than three values: dots with their values, not a line that suggests a trend.
        style["linestyle"] = "none"
        style["marker"] = style["marker"] or "o"
        for x, y in zip(xs, ys, strict=True):
            if y == y:  # not NaN
                ax.annotate(
                    spec.fmt(y),
                    (x, y),
                    textcoords="offset points",
                    xytext=(0, 7),
                    ha="center",
                    fontsize=8,
                    color=style["color"],
                )
    ax.plot(xs, ys, label=label, **style)
    if len(points) <= _MARKER_LIMIT:
        _hidden_marks(ax, [x for _p, x, v in points if v is None], style["color"])


def _hidden_marks(ax: Any, xs: Sequence[float], color: str) -> None:
    """A hidden value marked where it would be: ".." just above the time axis."""
    import matplotlib.transforms as transforms

    blended = transforms.blended_transform_factory(ax.transData, ax.transAxes)
    for x in xs:
        ax.plot([x], [0.0], marker="|", markersize=6, color=color, transform=blended, clip_on=False)
        ax.text(
            x,
            0.03,
            "..",
            transform=blended,
            ha="center",
            va="bottom",
            fontsize=12,
            color=color,
            weight="bold",
        )


def _goal_marks(ax: Any, spec: _Spec, ticks: dict[float, str]) -> None:
    words = spec.words
    if spec.start is not None:
        ax.axvline(spec.start, color=_GREY, linewidth=0.8, linestyle="-", alpha=0.6, zorder=0)
        ax.annotate(
            words["chart_lab_start"],
            (spec.start, 1.0),
            xycoords=("data", "axes fraction"),
            textcoords="offset points",
            xytext=(3, -10),
            fontsize=7.5,
            color=_GREY,
        )
    if spec.baseline is not None:
        period, bx, value = spec.baseline
        # In the legend rather than next to the line, where it would collide with the values' labels.
        ax.axhline(
            value,
            color=_GREY,
            linewidth=0.8,
            linestyle=(0, (1, 2)),
            label=f"{words['chart_baseline']} {period}",
        )
        ticks.setdefault(bx, period)
    if spec.target is not None:
        period, tx, value = spec.target
        ticks.setdefault(tx, period)
        if spec.baseline is not None:
            ax.plot(
                [spec.baseline[1], tx], [spec.baseline[2], value], color=_INK, linewidth=0.9, linestyle=":"
            )
        ax.plot(
            [tx],
            [value],
            marker="*",
            markersize=12,
            markerfacecolor="white",
            markeredgecolor=_INK,
            linestyle="none",
            label=f"{words['chart_target']} {period}",
        )


def _axes(ax: Any, spec: _Spec, ticks: dict[float, str]) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    positions = sorted(ticks)
    kept = _thin(positions, [ticks[x] for x in positions])
    ax.set_xticks([positions[i] for i in kept])
    ax.set_xticklabels([ticks[positions[i]] for i in kept])
    if len(positions) == 1:
        ax.set_xlim(positions[0] - 1, positions[0] + 1)
    else:
        pad = (positions[-1] - positions[0]) * 0.04 or 0.5
        ax.set_xlim(positions[0] - pad, positions[-1] + pad)
    ax.tick_params(axis="x", length=3)
    ax.set_ylabel(spec.unit_label)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: _tick(v, spec.lang)))
    if spec.counts:
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
        top = max([*_values(spec), 1.0])
        ax.set_ylim(0, top * 1.15 + 0.5)
    else:
        values = _values(spec)
        if values:
            low, high = min(values), max(values)
            pad = (high - low) * 0.15 or max(abs(high) * 0.1, 1.0)
            ax.set_ylim(low - pad, high + pad)
    ax.grid(axis="y", color=_LIGHT, linewidth=0.6)


def _values(spec: _Spec) -> list[float]:
    found = [v for _p, _x, v in (*spec.series, *spec.reference) if v is not None]
    return found + [g[2] for g in (spec.baseline, spec.target) if g is not None]


def _tick(value: float, lang: str) -> str:
    decimals = (
        0 if abs(value - round(value)) < 1e-9 else (1 if abs(value * 10 - round(value * 10)) < 1e-6 else 2)
    )
    return format_number(value, lang, decimals)


def _thin(positions: Sequence[float], labels: Sequence[str], width_cm: float = 14.0) -> list[int]:
    """Indexes of the tick labels to keep so that none overlap: greedy from the left, always the last one."""
    if not positions:
        return []
    span = (positions[-1] - positions[0]) or 1.0
    per_cm = span / width_cm
    char_cm = 0.17  # about 8.5 pt text

    def room(i: int) -> float:
        return (len(labels[i]) * char_cm + 0.35) * per_cm

    kept = [0]
    for i in range(1, len(positions)):
        if positions[i] - positions[kept[-1]] >= (room(i) + room(kept[-1])) / 2:
            kept.append(i)
    last = len(positions) - 1
    if kept[-1] != last:
        while len(kept) > 1 and positions[last] - positions[kept[-1]] < (room(last) + room(kept[-1])) / 2:
            kept.pop()
        if positions[last] - positions[kept[-1]] >= (room(last) + room(kept[-1])) / 2:
            kept.append(last)
    return kept


def _furniture(fig: Any, ax: Any, spec: _Spec) -> None:
    words = spec.words
    ax.set_title(_wrapped(spec.title, 55, 2), loc="left", fontsize=10.5, color=_INK, fontweight="bold")
    arrow = "↑" if spec.polarity == Polarity.HIGHER_IS_BETTER else "↓"
    ax.text(
        1.0,
        1.02,
        f"{words['chart_better']} {arrow}",
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        fontsize=8.5,
        color=_INK,
    )
    ax.legend(loc="best", fontsize=8, frameon=False)
    notes = []
    if any(v is None for _p, _x, v in (*spec.series, *spec.reference)):
        notes.append(words["chart_hidden"])
    if spec.invented:
        notes.append(words["chart_invented"])
    if notes:
        fig.text(0.01, -0.03, "   ".join(notes), fontsize=8, color=_GREY, style="italic")


# ---------------------------------------------------------------------------------------------------------------
# Alt texts


def _values_text(points: Sequence[ChartPoint], spec: _Spec) -> str:
    return "; ".join(
        f"{p}: {spec.fmt(v) if v is not None else spec.words['alt_hidden']}" for p, _x, v in points
    )


def _series_text(points: Sequence[ChartPoint], label: str, spec: _Spec, key: str) -> str:
    words = spec.words
    shown = [(p, v) for p, _x, v in points if v is not None]
    if len(points) <= 8 or len(shown) < 2:
        return words[key].format(label=label, values=_values_text(points, spec))
    values = [v for _p, v in shown]
    return words[key + "_long"].format(
        label=label,
        n=len(points),
        first=spec.fmt(shown[0][1]),
        first_period=shown[0][0],
        last=spec.fmt(shown[-1][1]),
        last_period=shown[-1][0],
        low=spec.fmt(min(values)),
        high=spec.fmt(max(values)),
        hidden=len(points) - len(shown),
    )


def indicator_alt(series: Sequence[ChartPoint], reference: Sequence[ChartPoint], spec: _Spec) -> str:
    """Describe the chart: the indicator, its values (or their range over a long series), reference, target."""
    words = spec.words
    parts = [
        words["alt_chart"].format(title=spec.title),
        _series_text(series, spec.area_label or spec.title, spec, "alt_series"),
    ]
    if reference:
        parts.append(_series_text(reference, spec.reference_label, spec, "alt_series"))
    if spec.target is not None:
        parts.append(words["alt_target"].format(target=spec.fmt(spec.target[2]), period=spec.target[0]))
    return " ".join(parts)


# ---------------------------------------------------------------------------------------------------------------
# The lab plan's timeline


def timeline_chart(
    phases: Sequence[tuple[str, dt.date, dt.date]],
    milestones: Sequence[tuple[dt.date, str]] = (),
    *,
    lang: str = "sv",
    words: Mapping[str, str] | None = None,
    svg: bool = False,
) -> ChartImages:
    """A Gantt chart of the lab's phases (hatched bars, readable without colour) with milestone diamonds."""
    import matplotlib.dates as mdates

    words = words or _timeline_words(lang)
    plt = _pyplot()
    phases = [(plain(label, 60), start, end) for label, start, end in phases]
    milestones = sorted((date, plain(label, 80)) for date, label in milestones)
    height = max(4.5, 1.1 * len(phases) + 2.2)
    fig, ax = plt.subplots(figsize=(_WIDTH_CM * _CM, height * _CM))
    _phase_bars(ax, phases)
    for number, (date, _label) in enumerate(milestones, start=1):
        x = mdates.date2num(date)
        row = next((i for i, (_l, s, e) in enumerate(phases) if s <= date <= e), 0)
        y = len(phases) - 1 - row
        ax.plot([x], [y], marker="D", markersize=6, color=_INK, markerfacecolor="white", zorder=3)
        ax.annotate(str(number), (x, y), textcoords="offset points", xytext=(0, -11), ha="center", fontsize=7)
    ax.set_yticks([])
    ax.set_ylim(-0.8, len(phases) - 0.2)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color=_LIGHT, linewidth=0.6)
    plt.setp(ax.get_xticklabels(), rotation=0, fontsize=8)
    if milestones:
        # Non-breaking spaces keep each numbered milestone on one line when the legend wraps.
        legend = "   ".join(
            f"{n}.\u00a0{label.replace(' ', chr(0xA0))}" for n, (_d, label) in enumerate(milestones, start=1)
        )
        fig.text(0.01, -0.04, textwrap.fill(legend, 110), fontsize=7.5, color=_INK, va="top")
    return _save(fig, svg, timeline_alt(phases, milestones, words))


def _phase_bars(ax: Any, phases: Sequence[tuple[str, dt.date, dt.date]]) -> None:
    import matplotlib.dates as mdates

    hatches = ["", "///", "...", "xxx", "\\\\\\", "+++"]
    fills = ["#dce6f1", "#ffffff", "#eef2f6", "#ffffff", "#dce6f1", "#ffffff"]
    for row, (label, start, end) in enumerate(phases):
        y = len(phases) - 1 - row
        ax.barh(
            y,
            mdates.date2num(end) - mdates.date2num(start) + 1,
            left=mdates.date2num(start),
            height=0.55,
            color=fills[row % len(fills)],
            edgecolor=_ACCENT,
            hatch=hatches[row % len(hatches)],
            linewidth=1.0,
        )
        ax.text(mdates.date2num(start), y + 0.36, label, fontsize=8, color=_INK, va="bottom")


def _timeline_words(lang: str) -> Mapping[str, str]:
    from ..i18n import labels

    return labels(lang)


def timeline_alt(
    phases: Sequence[tuple[str, dt.date, dt.date]],
    milestones: Sequence[tuple[dt.date, str]],
    words: Mapping[str, str],
) -> str:
    """Describe the timeline: how many phases, from when to when, each phase's dates, how many milestones."""
    if not phases:
        return words["timeline"]
    listed = "; ".join(f"{label} {start.isoformat()}–{end.isoformat()}" for label, start, end in phases)
    text = counted(
        words,
        "alt_timeline",
        len(phases),
        start=phases[0][1].isoformat(),
        end=phases[-1][2].isoformat(),
        phases=listed,
    )
    if milestones:
        text += " " + words["alt_milestones"].format(n=len(milestones))
    return text
