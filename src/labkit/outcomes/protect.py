"""Small-number protection of a whole report, not table by table.

Every number a report publishes that is derived from measurements is one *cell*: an indicator's value in an area,
period and group (named totals such as "Totalt" or "Alla" are the area's total; goal baselines given only in the
lab file are cells too). The cells and every relation a reader could use between them form one linear system
(:mod:`labkit.outcomes._relations`): groups adding up to their total, overlapping breakdowns of the same
population, nested periods (a year and its halves, quarters and months, a school year and its months), and a
share's count of people never above its base.

Protection runs on that whole system:

1. *Primary suppression* hides a cell when a count of people is between 1 and the minimum minus one, when a
   share or average rests on a base below the minimum, or when all but 1 to minimum minus one of the base are
   counted (those left out are then a small count). Counts of things (``counts_people: false``) are not hidden.
2. *Secondary suppression* hides further cells, one at a time and cheapest first (small groups before totals,
   never a zero), until the audit passes.
3. *The audit* (:mod:`labkit.outcomes._audit`) checks that no hidden count is determined by what is published
   (null-space test) and that linear programming cannot narrow it to fewer than ``min_count`` whole numbers.

Optional rounding (counts to base 5 or 10, shares to whole per cent) turns a published value into an interval
the audit takes into account. Every view of the report takes its numbers from the returned
:class:`Protection`, so a value hidden anywhere is hidden everywhere.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Iterator, Mapping

import attrs

from ..model import Indicator, Measurement, Unit
from ._audit import Audit
from ._cells import Cell, CellKey, Var
from ._relations import build_relations
from .periods import period_months

__all__ = [
    "TOTAL_NAMES",
    "CellKey",
    "Figure",
    "Protection",
    "Reason",
    "is_total_name",
    "protect_report",
]

#: Group names that mean the whole area: a value given under one of them is the area's total.
TOTAL_NAMES = frozenset(
    {
        "total",
        "totalt",
        "totals",
        "summa",
        "sum",
        "alla",
        "all",
        "samtliga",
        "everyone",
        "hela området",
        "whole area",
        "alla grupper",
        "all groups",
        "totalt antal",
        "i alla",
    }
)


def is_total_name(group: str | None) -> bool:
    """True for no group and for a group named like a total ("Totalt", "Alla", "Total", ...)."""
    return group is None or " ".join(group.split()).casefold() in TOTAL_NAMES


class Reason(enum.StrEnum):
    """Why a figure is hidden."""

    FEW_PEOPLE = "few-people"
    """A count of between 1 and the minimum minus one people."""
    SMALL_BASE = "small-base"
    """A share, rate or average that rests on fewer people than the minimum."""
    FEW_REST = "few-rest"
    """All but a few of the base are counted, so the few left out are a small count."""
    SECONDARY = "secondary"
    """Not small itself, but hidden so that a small figure cannot be worked out from it."""

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Figure:
    """A figure as the report may publish it."""

    key: CellKey
    value: float | None
    """The published value (rounded when the lab asks for rounding), or None when hidden."""
    reason: Reason | None = None
    rounded: bool = False
    source: str = "measurement"
    """``measurement`` or ``lab-file`` (a goal baseline given only in the lab file)."""

    @property
    def hidden(self) -> bool:
        return self.value is None


@attrs.frozen
class Protection:
    """The protected set of figures every view of a report takes its numbers from."""

    min_count: int
    figures: Mapping[CellKey, Figure]
    relations: Mapping[str, int]
    """How many relations of each kind the audit took into account."""
    rounding_counts: int = 1
    rounding_share_decimals: int | None = None

    def get(self, key: CellKey) -> Figure | None:
        return self.figures.get(key)

    @property
    def hidden(self) -> list[Figure]:
        return [f for f in self.figures.values() if f.hidden]


# ---------------------------------------------------------------------------------------------------------------
# Cells and their quantities


def _quantities(m: Measurement, indicator: Indicator) -> dict[str, float]:
    found: dict[str, float] = {}
    if m.denominator is not None:
        found["den"] = float(m.denominator)
    if indicator.counts_people:
        if indicator.unit is Unit.COUNT:
            found["n"] = float(m.value)
        elif m.numerator is not None:
            found["n"] = float(m.numerator)
        elif indicator.unit is Unit.SHARE and m.denominator is not None:
            found["n"] = float(round(m.value * m.denominator / 100))
    return found


def _cells(
    measurements: Iterable[Measurement],
    indicators: Mapping[str, Indicator],
    baselines: Iterable[tuple[CellKey, float]],
) -> dict[CellKey, Cell]:
    """One cell per key (the last measurement of a key wins; named totals become the total)."""
    cells: dict[CellKey, Cell] = {}
    for m in measurements:
        indicator = indicators.get(m.indicator)
        if indicator is None:
            continue
        key = CellKey(m.indicator, m.area, m.period, None if is_total_name(m.group) else m.group)
        quantities = _quantities(m, indicator)
        cells[key] = Cell(key, m.value, "measurement", quantities, "den" in quantities)
    for key, value in baselines:
        indicator = indicators.get(key.indicator)
        if key in cells or indicator is None:
            continue
        measurement = Measurement(key.indicator, key.area, key.period, value)
        cells[key] = Cell(key, value, "lab-file", _quantities(measurement, indicator), False)
    return cells


def _primary(cell: Cell, min_count: int) -> Reason | None:
    q = cell.quantities
    if "den" in q and q["den"] < min_count:
        return Reason.SMALL_BASE
    if "n" in q and 0 < q["n"] < min_count:
        return Reason.FEW_PEOPLE
    if "n" in q and "den" in q and 0 < q["den"] - q["n"] < min_count:
        return Reason.FEW_REST
    return None


# ---------------------------------------------------------------------------------------------------------------
# Rounding


@attrs.frozen
class _Rounding:
    counts: int = 1
    share_decimals: int | None = None

    def publish(self, cell: Cell, unit: Unit, people: bool) -> tuple[float, bool]:
        if people and unit is Unit.COUNT and self.counts > 1:
            value = self.counts * math.floor(cell.value / self.counts + 0.5)
            return float(value), True
        if unit is Unit.SHARE and self.share_decimals is not None:
            return round(cell.value, self.share_decimals), True
        return cell.value, False

    def interval(self, cell: Cell, q: str, unit: Unit, people: bool) -> tuple[float, float] | None:
        """What a reader knows of quantity *q* of a published, rounded cell (None: known exactly)."""
        if q == "n" and people and unit is Unit.COUNT and self.counts > 1:
            # The whole numbers that round to the published value (half rounds up).
            published, _ = self.publish(cell, unit, people)
            half = self.counts / 2
            return max(math.ceil(published - half), 0.0), math.ceil(published + half) - 1.0
        if q == "n" and unit is Unit.SHARE and self.share_decimals is not None and "den" in cell.quantities:
            published, _ = self.publish(cell, unit, people)
            step = 0.5 * 10 ** (-self.share_decimals)
            den = cell.quantities["den"]
            return max(den * (published - step) / 100, 0.0), den * (published + step) / 100
        return None


# ---------------------------------------------------------------------------------------------------------------
# Putting it together


def protect_report(
    measurements: Iterable[Measurement],
    indicators: Mapping[str, Indicator],
    *,
    min_count: int = 10,
    baselines: Iterable[tuple[CellKey, float]] = (),
    round_counts: int = 1,
    share_decimals: int | None = None,
) -> Protection:
    """Decide which figures of a report may be published, treating the whole report as one system.

    *baselines* are goal baselines given only in the lab file (no measurement for that period): they are
    published too, so they take part. Returns the protected set every view must take its numbers from.
    """
    cells = _cells(measurements, indicators, baselines)
    rounding = _Rounding(round_counts, share_decimals)
    hidden: dict[CellKey, Reason] = {}
    for key, cell in cells.items():
        reason = _primary(cell, min_count)
        if reason is not None:
            hidden[key] = reason
    system = build_relations(cells, hidden)
    intervals = _rounding_intervals(cells, indicators, rounding)
    audit = Audit(cells, system, min_count, intervals)
    _secondary(audit, hidden)
    return Protection(
        min_count,
        _figures(cells, indicators, hidden, rounding),
        dict(system.kinds),
        round_counts,
        share_decimals,
    )


def _rounding_intervals(
    cells: Mapping[CellKey, Cell], indicators: Mapping[str, Indicator], rounding: _Rounding
) -> dict[Var, tuple[float, float]]:
    found: dict[Var, tuple[float, float]] = {}
    for key, cell in cells.items():
        indicator = indicators[key.indicator]
        for q in cell.quantities:
            interval = rounding.interval(cell, q, indicator.unit, indicator.counts_people)
            if interval is not None:
                found[(key, q)] = interval
    return found


def _secondary(audit: Audit, hidden: dict[CellKey, Reason]) -> None:
    """Hide one more cell at a time, in each part of the system, until no hidden figure is exposed."""
    for variables, equations, inequalities in audit.components():
        if not any(isinstance(v[0], CellKey) and v[0] in hidden for v in variables):
            continue
        safe: set[Var] = set()
        while True:
            exposed = audit.exposed(hidden, variables, equations, inequalities, safe)
            if not exposed:
                break
            choice = _cheapest(audit, exposed, hidden, variables, equations)
            if choice is None:
                break
            hidden[choice] = Reason.SECONDARY


def _cheapest(
    audit: Audit,
    exposed: list[Var],
    hidden: Mapping[CellKey, Reason],
    variables: set[Var],
    equations: list[int],
) -> CellKey | None:
    """The published cell that is least costly to hide, preferring one that shares an equation with the exposed."""
    exposed_vars = set(exposed)
    near = {
        v[0]
        for i in equations
        if exposed_vars & set(audit.system.equations[i])
        for v in audit.system.equations[i]
        if isinstance(v[0], CellKey)
    }
    component = {v[0] for v in variables if isinstance(v[0], CellKey)}
    for pool in (near, component):
        candidates = [k for k in pool if k not in hidden and _value(audit.cells[k]) != 0]
        if candidates:
            return min(candidates, key=lambda k: _cost(audit.cells[k]))
    zeros = [k for k in component if k not in hidden]
    return min(zeros, key=lambda k: _cost(audit.cells[k])) if zeros else None


def _value(cell: Cell) -> float:
    return cell.quantities.get("n", cell.quantities.get("den", cell.value))


def _cost(cell: Cell) -> tuple[bool, float, tuple[int, int], CellKey]:
    # Keep the area's totals (what readers value most) and long periods; hide small groups first.
    first, end = period_months(cell.key.period)
    return (cell.key.group is None, _value(cell), (end - first, first), cell.key)


def _figures(
    cells: Mapping[CellKey, Cell],
    indicators: Mapping[str, Indicator],
    hidden: Mapping[CellKey, Reason],
    rounding: _Rounding,
) -> dict[CellKey, Figure]:
    figures = {}
    for key, cell in cells.items():
        if key in hidden:
            figures[key] = Figure(key, None, hidden[key], False, cell.source)
            continue
        indicator = indicators[key.indicator]
        value, rounded = rounding.publish(cell, indicator.unit, indicator.counts_people)
        figures[key] = Figure(key, value, None, rounded, cell.source)
    return figures


def iter_hidden(protection: Protection) -> Iterator[Figure]:
    """Hidden figures in a stable order (for notes and tests)."""
    return iter(sorted(protection.hidden, key=lambda f: f.key))
