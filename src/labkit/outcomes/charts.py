"""Charts for reports and lab plans (matplotlib, non-interactive), readable in black and white.

Series differ by line style and marker, not only colour; the target is a hollow star on a dotted line, the
baseline a thin grey line; an arrow says which direction is better. SVG output is deterministic so a rebuild of
an unchanged lab gives identical files.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import attrs

from ..model import Polarity
from .periods import period_start

__all__ = ["ChartImages", "indicator_chart", "timeline_chart"]

_CM = 1 / 2.54
_INK = "#1f2a37"
_ACCENT = "#1f4e79"
_GREY = "#8a94a0"


@attrs.frozen
class ChartImages:
    png: bytes = attrs.field(repr=False)
    svg: bytes = attrs.field(repr=False)


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "font.size": 8.5,
            "axes.edgecolor": _GREY,
            "axes.labelcolor": _INK,
            "xtick.color": _INK,
            "ytick.color": _INK,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": "labkit",
            "svg.fonttype": "none",
        }
    )
    return plt


def _save(fig: Any) -> ChartImages:
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=200, bbox_inches="tight", metadata={"Software": None})
    svg = io.BytesIO()
    fig.savefig(svg, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    import matplotlib.pyplot as plt

    plt.close(fig)
    return ChartImages(png.getvalue(), svg.getvalue())


_WORDS = {
    "sv": {
        "better": "bättre",
        "target": "mål",
        "baseline": "utgångsläge",
        "hidden": ".. = dolt värde (för få personer)",
    },
    "en": {
        "better": "better",
        "target": "target",
        "baseline": "baseline",
        "hidden": ".. = hidden value (too few people)",
    },
}


def indicator_chart(
    series: Sequence[tuple[str, float | None]],
    *,
    title: str,
    unit_label: str,
    polarity: Polarity,
    baseline: tuple[str, float] | None = None,
    target: tuple[str, float] | None = None,
    reference: Sequence[tuple[str, float | None]] | None = None,
    lang: str = "sv",
    area_label: str = "",
    reference_label: str = "",
) -> ChartImages:
    """One indicator over time: the area, an optional reference area, baseline and target.

    Values that are None (hidden by small-number protection) are left as gaps and noted under the chart.
    """
    plt = _pyplot()
    words = _WORDS.get(lang, _WORDS["en"])
    fig, ax = plt.subplots(figsize=(16 * _CM, 8.5 * _CM))
    hidden = False
    labels: dict[float, str] = {}

    def plot(points: Sequence[tuple[str, float | None]], **style: Any) -> None:
        nonlocal hidden
        xs = [period_start(p) for p, _ in points]
        ys = [float("nan") if v is None else v for _, v in points]
        hidden = hidden or any(v is None for _, v in points)
        for (p, _), x in zip(points, xs, strict=True):
            labels[x] = p
        ax.plot(xs, ys, **style)

    if reference:
        plot(
            reference,
            color=_GREY,
            linestyle="--",
            marker="s",
            markersize=4.5,
            linewidth=1.4,
            label=reference_label or "reference",
        )
    plot(
        series,
        color=_ACCENT,
        linestyle="-",
        marker="o",
        markersize=5,
        linewidth=2.0,
        label=area_label or title,
    )
    if baseline is not None:
        ax.axhline(baseline[1], color=_GREY, linewidth=0.8, linestyle=(0, (1, 2)))
        ax.annotate(
            f"{words['baseline']} {baseline[0]}",
            (period_start(baseline[0]), baseline[1]),
            textcoords="offset points",
            xytext=(2, 4),
            fontsize=7,
            color=_GREY,
        )
        labels.setdefault(period_start(baseline[0]), baseline[0])
    if target is not None:
        tx = period_start(target[0])
        labels.setdefault(tx, target[0])
        if baseline is not None:
            ax.plot(
                [period_start(baseline[0]), tx],
                [baseline[1], target[1]],
                color=_INK,
                linewidth=0.9,
                linestyle=":",
            )
        ax.plot(
            [tx],
            [target[1]],
            marker="*",
            markersize=12,
            markerfacecolor="white",
            markeredgecolor=_INK,
            linestyle="none",
            label=f"{words['target']} {target[0]}",
        )
    ticks = sorted(labels)
    ax.set_xticks(ticks)
    ax.set_xticklabels([labels[t] for t in ticks], rotation=0 if len(ticks) <= 8 else 45)
    ax.set_ylabel(unit_label)
    if lang == "sv":  # decimal comma and a thin space for thousands, as Swedish readers expect
        from matplotlib.ticker import FuncFormatter

        ax.yaxis.set_major_formatter(
            FuncFormatter(lambda v, _p: f"{v:,.10g}".replace(",", "\u2009").replace(".", ","))
        )
    ax.grid(axis="y", color="#e3e7ec", linewidth=0.6)
    import textwrap

    # Wrapped so a long indicator name never runs into the "better" arrow at the top right.
    ax.set_title(textwrap.fill(title, 45), loc="left", fontsize=10, color=_INK, fontweight="bold")
    arrow = "↑" if polarity == Polarity.HIGHER_IS_BETTER else "↓"
    ax.text(
        1.0,
        1.02,
        f"{words['better']} {arrow}",
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        fontsize=8,
        color=_INK,
    )
    ax.legend(loc="best", fontsize=7.5, frameon=False)
    if hidden:
        fig.text(0.01, -0.02, words["hidden"], fontsize=7, color=_GREY)
    return _save(fig)


def timeline_chart(
    phases: Sequence[tuple[str, dt.date, dt.date]],
    milestones: Sequence[tuple[dt.date, str]] = (),
    *,
    lang: str = "sv",
) -> ChartImages:
    """A Gantt chart of the lab's phases (hatched bars, readable without colour) with milestone diamonds."""
    import matplotlib.dates as mdates

    plt = _pyplot()
    height = max(4.5, 1.1 * len(phases) + 2.2)
    fig, ax = plt.subplots(figsize=(16 * _CM, height * _CM))
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
        ax.text(mdates.date2num(start), y + 0.36, label, fontsize=7.5, color=_INK, va="bottom")
    for number, (date, _label) in enumerate(sorted(milestones), start=1):
        x = mdates.date2num(date)
        row = next((i for i, (_l, s, e) in enumerate(phases) if s <= date <= e), 0)
        y = len(phases) - 1 - row
        ax.plot([x], [y], marker="D", markersize=6, color=_INK, markerfacecolor="white", zorder=3)
        ax.annotate(
            str(number), (x, y), textcoords="offset points", xytext=(0, -11), ha="center", fontsize=6.5
        )
    ax.set_yticks([])
    ax.set_ylim(-0.8, len(phases) - 0.2)
    ax.xaxis.set_major_locator(mdates.MonthLocator(interval=2 if len(phases) < 6 else 3))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color="#e3e7ec", linewidth=0.6)
    plt.setp(ax.get_xticklabels(), rotation=0, fontsize=7)
    if milestones:
        # Non-breaking spaces keep each numbered milestone on one line when the legend wraps.
        legend = "   ".join(
            f"{n}.\u00a0{label.replace(' ', chr(0xA0))}"
            for n, (_d, label) in enumerate(sorted(milestones), start=1)
        )
        import textwrap

        fig.text(0.01, -0.04, textwrap.fill(legend, 120), fontsize=6.5, color=_INK, va="top")
    _ = lang
    return _save(fig)
