"""Small-number protection of a whole report, not table by table.

Every number a report publishes that is derived from measurements is one *cell*: an indicator's value in an area,
period and group (named totals such as "Totalt" or "Alla" are the area's total). The cells and every relation an
attacker could use between them form one linear system:

- **groups and totals**: groups whose counts add up to the total of their area and period (every such subset of
  groups, so two overlapping breakdowns such as gender and age are both found; without a total, two breakdowns of
  the same population are linked through their common, unpublished total);
- **nested periods**: a year and its halves, quarters and months, a half-year and its quarters, a quarter and its
  months, a school year and its months. When a series adds up over time the cells are sums of unpublished
  *atoms* (the stretches of time between period boundaries), so any mix of nested periods is covered;
- **shares and bases**: a share's count of people and its base (the denominator) are each counts, with the
  count never above the base.

Protection then runs on the whole system:

1. *Primary suppression* hides a cell when a count of people is between 1 and the minimum minus one, when a
   share or average rests on a base below the minimum, or when all but 1 to minimum minus one of the base are
   counted (the rest is then a small count).
2. *Secondary suppression* hides further cells, one at a time, until the audit passes.
3. *The audit* checks, for every hidden count, that it is not determined by the published figures (its unit
   vector has no component in the null space of the equations restricted to hidden values) and that the range of
   values consistent with everything published, found by linear programming (the minimum and the maximum of the
   cell subject to the equations and bounds, as statistical offices audit cell suppression), still holds at
   least ``min_count`` whole numbers.

Hidden cells are never zero unless a small base hid them, so the audit assumes, as an attacker would, that a
hidden count is at least 1. Optional rounding (counts to base 5 or 10, shares to whole per cent) turns a published
value into an interval the audit takes into account.
"""

from __future__ import annotations

import enum
import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from ..model import Indicator, Measurement, Unit
from .periods import contains, period_months

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

#: Breakdowns with more groups than this are not searched for subsets that add up to the total.
MAX_GROUPS_SEARCHED = 14


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


@attrs.frozen(order=True)
class CellKey:
    """Where a published figure sits: indicator, area, period and group (None for the whole area)."""

    indicator: str
    area: str
    period: str
    group: str | None = None


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


@attrs.frozen
class _Cell:
    key: CellKey
    value: float
    numerator: int | None
    denominator: int | None
    source: str
    quantities: Mapping[str, float]
    """``n`` (people counted) and ``den`` (the base), where the figure has them."""
    can_be_zero_hidden: bool


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
) -> dict[CellKey, _Cell]:
    """One cell per key (the last measurement of a key wins; named totals become the total)."""
    cells: dict[CellKey, _Cell] = {}
    for m in measurements:
        indicator = indicators.get(m.indicator)
        if indicator is None:
            continue
        key = CellKey(m.indicator, m.area, m.period, None if is_total_name(m.group) else m.group)
        quantities = _quantities(m, indicator)
        cells[key] = _Cell(
            key, m.value, m.numerator, m.denominator, "measurement", quantities, "den" in quantities
        )
    for key, value in baselines:
        indicator = indicators.get(key.indicator)
        if key in cells or indicator is None:
            continue
        measurement = Measurement(key.indicator, key.area, key.period, value)
        cells[key] = _Cell(key, value, None, None, "lab-file", _quantities(measurement, indicator), False)
    return cells


def _primary(cell: _Cell, min_count: int) -> Reason | None:
    q = cell.quantities
    if "den" in q and q["den"] < min_count:
        return Reason.SMALL_BASE
    if "n" in q and 0 < q["n"] < min_count:
        return Reason.FEW_PEOPLE
    if "n" in q and "den" in q and 0 < q["den"] - q["n"] < min_count:
        return Reason.FEW_REST
    return None


# ---------------------------------------------------------------------------------------------------------------
# The linear system: variables are (cell key, quantity) or latent atoms; every relation is sum(coef * var) = 0.

Var = tuple[Any, ...]


@attrs.define
class _System:
    equations: list[dict[Var, float]] = attrs.field(factory=list)
    inequalities: list[dict[Var, float]] = attrs.field(factory=list)
    """sum(coef * var) <= 0."""
    kinds: dict[str, int] = attrs.field(factory=lambda: defaultdict(int))

    def equal(self, kind: str, terms: dict[Var, float]) -> None:
        self.equations.append(terms)
        self.kinds[kind] += 1


def _group_relations(cells: Mapping[CellKey, _Cell], system: _System) -> None:
    """Groups adding up to their total, and breakdowns of the same population linked through it."""
    by_place: dict[tuple[str, str, str], list[_Cell]] = defaultdict(list)
    for cell in cells.values():
        by_place[(cell.key.indicator, cell.key.area, cell.key.period)].append(cell)
    for (indicator, area, period), members in by_place.items():
        groups = [c for c in members if c.key.group is not None]
        if len(groups) < 2:
            continue
        total = cells.get(CellKey(indicator, area, period))
        for q in ("n", "den"):
            parts = [c for c in groups if q in c.quantities]
            if len(parts) >= 2:
                _breakdowns(total, parts, q, system)


def _breakdowns(total: _Cell | None, parts: list[_Cell], q: str, system: _System) -> None:
    values = [c.quantities[q] for c in parts]
    if total is not None and q in total.quantities:
        total_var: Var = (total.key, q)
        target: float | None = total.quantities[q]
    else:
        total_var = ("total", parts[0].key.indicator, parts[0].key.area, parts[0].key.period, q)
        target = _common_total(values)
    if target is None:
        return
    for subset in _subsets_adding_up(values, target):
        terms: dict[Var, float] = {total_var: -1.0}
        for i in subset:
            terms[(parts[i].key, q)] = 1.0
        system.equal("groups", terms)


def _subsets_adding_up(values: Sequence[float], target: float) -> list[tuple[int, ...]]:
    """Subsets of two or more non-zero parts that add up to *target* (all parts when there are very many)."""
    nonzero = [i for i, v in enumerate(values) if v != 0]
    if len(nonzero) > MAX_GROUPS_SEARCHED:
        return [tuple(range(len(values)))] if math.isclose(sum(values), target) else []
    found = []
    for size in range(2, len(nonzero) + 1):
        for subset in itertools.combinations(nonzero, size):
            if math.isclose(sum(values[i] for i in subset), target, abs_tol=1e-9):
                found.append(subset)
    return found


def _common_total(values: Sequence[float]) -> float | None:
    """Without a total: the size of the population when the groups split into 2-4 breakdowns of equal sum."""
    nonzero = [v for v in values if v != 0]
    if len(nonzero) < 4 or len(nonzero) > MAX_GROUPS_SEARCHED:
        return None
    whole = sum(nonzero)
    for k in (2, 3, 4):
        share = whole / k
        if _partitions_into(nonzero, k, share):
            return share
    return None


def _partitions_into(values: Sequence[float], k: int, target: float) -> bool:
    """Whether *values* split into *k* groups that each add up to *target* (small inputs only)."""
    bins = [0.0] * k

    def place(i: int) -> bool:
        if i == len(values):
            return all(math.isclose(b, target) for b in bins)
        tried: set[float] = set()
        for b in range(k):
            if bins[b] in tried or bins[b] + values[i] > target + 1e-9:
                continue
            tried.add(bins[b])
            bins[b] += values[i]
            if place(i + 1):
                return True
            bins[b] -= values[i]
        return False

    return place(0)


def _period_relations(cells: Mapping[CellKey, _Cell], system: _System) -> None:
    """Nested periods of one series: as sums of atoms of time when the series adds up, else exact tilings."""
    series: dict[tuple[str, str, str | None], list[_Cell]] = defaultdict(list)
    for cell in cells.values():
        series[(cell.key.indicator, cell.key.area, cell.key.group)].append(cell)
    for members in series.values():
        if len(members) < 2:
            continue
        for q in ("n", "den"):
            part = [c for c in members if q in c.quantities]
            if _has_nesting(part):
                _time_relations(part, q, system)


def _has_nesting(members: Sequence[_Cell]) -> bool:
    spans = sorted((period_months(c.key.period), c) for c in members)
    latest_end = -1
    for (first, end), _cell in spans:
        if first < latest_end:
            return True
        latest_end = max(latest_end, end)
    return False


def _time_relations(members: Sequence[_Cell], q: str, system: _System) -> None:
    for group in _overlapping(members):
        if len(group) < 2:
            continue
        atoms = _atoms(group)
        rows = {c.key: [a for a in range(len(atoms)) if _inside(atoms[a], c.key.period)] for c in group}
        if _adds_up(group, rows, len(atoms), q):
            key0 = group[0].key
            for cell in group:
                terms: dict[Var, float] = {(cell.key, q): -1.0}
                for a in rows[cell.key]:
                    terms[("atom", key0.indicator, key0.area, key0.group, q, atoms[a])] = 1.0
                system.equal("periods", terms)
        else:
            _tilings(group, q, system)


def _overlapping(members: Sequence[_Cell]) -> list[list[_Cell]]:
    """Cells of one series in clusters of overlapping periods (a long series splits into many small ones)."""
    spans = sorted(members, key=lambda c: period_months(c.key.period))
    clusters: list[list[_Cell]] = []
    end = -1
    for cell in spans:
        first, last = period_months(cell.key.period)
        if first >= end:
            clusters.append([])
        clusters[-1].append(cell)
        end = max(end, last)
    return clusters


def _atoms(group: Sequence[_Cell]) -> list[tuple[int, int]]:
    bounds = sorted({b for c in group for b in period_months(c.key.period)})
    return list(itertools.pairwise(bounds))


def _inside(atom: tuple[int, int], period: str) -> bool:
    first, end = period_months(period)
    return first <= atom[0] and atom[1] <= end


def _adds_up(group: Sequence[_Cell], rows: Mapping[CellKey, list[int]], atoms: int, q: str) -> bool:
    """Whether non-negative atoms exist that add up to every cell of the cluster (the series is additive)."""
    import numpy as np
    from scipy.optimize import linprog

    matrix = np.zeros((len(group), atoms))
    for i, cell in enumerate(group):
        matrix[i, rows[cell.key]] = 1.0
    values = np.array([c.quantities[q] for c in group])
    result = linprog(np.zeros(atoms), A_eq=matrix, b_eq=values, bounds=(0, None), method="highs")
    return bool(result.status == 0)


def _tilings(group: Sequence[_Cell], q: str, system: _System) -> None:
    """A period and a set of shorter periods that exactly fill it, where their values add up."""
    for outer in group:
        inner = [c for c in group if contains(outer.key.period, c.key.period)]
        by_length: dict[int, list[_Cell]] = defaultdict(list)
        for c in inner:
            first, end = period_months(c.key.period)
            by_length[end - first].append(c)
        first, end = period_months(outer.key.period)
        for same in by_length.values():
            covered = sorted(period_months(c.key.period) for c in same)
            if covered[0][0] != first or covered[-1][1] != end:
                continue
            if any(a[1] != b[0] for a, b in itertools.pairwise(covered)):
                continue
            if math.isclose(sum(c.quantities[q] for c in same), outer.quantities[q]):
                terms: dict[Var, float] = {(outer.key, q): -1.0}
                terms.update({(c.key, q): 1.0 for c in same})
                system.equal("periods", terms)


def _share_bounds(cells: Mapping[CellKey, _Cell], system: _System) -> None:
    for cell in cells.values():
        if "n" in cell.quantities and "den" in cell.quantities:
            system.inequalities.append({(cell.key, "n"): 1.0, (cell.key, "den"): -1.0})
            system.kinds["share-bases"] += 1


# ---------------------------------------------------------------------------------------------------------------
# Rounding


@attrs.frozen
class _Rounding:
    counts: int = 1
    share_decimals: int | None = None

    def publish(self, cell: _Cell, unit: Unit, people: bool) -> tuple[float, bool]:
        if people and unit is Unit.COUNT and self.counts > 1:
            value = self.counts * math.floor(cell.value / self.counts + 0.5)
            return float(value), True
        if unit is Unit.SHARE and self.share_decimals is not None:
            return round(cell.value, self.share_decimals), True
        return cell.value, False

    def interval(self, cell: _Cell, q: str, unit: Unit, people: bool) -> tuple[float, float] | None:
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
# The audit


@attrs.define
class _Audit:
    cells: Mapping[CellKey, _Cell]
    system: _System
    min_count: int
    intervals: Mapping[Var, tuple[float, float]]
    """Published, rounded quantities: what a reader knows of them."""

    def components(self) -> list[tuple[set[Var], list[int], list[int]]]:
        """Connected parts of the system: variables, equations and inequalities that involve each other."""
        parent: dict[Var, Var] = {}

        def find(v: Var) -> Var:
            root = v
            while parent.setdefault(root, root) != root:
                root = parent[root]
            while parent[v] != root:
                parent[v], v = root, parent[v]
            return root

        rows = self.system.equations + self.system.inequalities
        for terms in rows:
            first, *rest = list(terms)
            for v in rest:
                a, b = find(first), find(v)
                if a != b:
                    parent[a] = b
        groups: dict[Var, tuple[set[Var], list[int], list[int]]] = {}
        n_eq = len(self.system.equations)
        for index, terms in enumerate(rows):
            root = find(next(iter(terms)))
            entry = groups.setdefault(root, (set(), [], []))
            entry[0].update(terms)
            (entry[1] if index < n_eq else entry[2]).append(index if index < n_eq else index - n_eq)
        return list(groups.values())

    def exposed(
        self, hidden: set[CellKey], variables: set[Var], equations: list[int], inequalities: list[int]
    ) -> list[Var]:
        """Hidden quantities of one component that are determined, or narrowed below the minimum."""
        targets = [v for v in variables if v[0] in hidden and isinstance(v[0], CellKey)]
        if not targets:
            return []
        unknown = sorted(
            (v for v in variables if not self._known(v, hidden)),
            key=repr,
        )
        index = {v: i for i, v in enumerate(unknown)}
        a_eq, b_eq = self._rows([self.system.equations[i] for i in equations], index, hidden)
        a_ub, b_ub = self._rows([self.system.inequalities[i] for i in inequalities], index, hidden)
        determined = _determined(a_eq, [index[t] for t in targets])
        found = [t for t, d in zip(targets, determined, strict=True) if d]
        bounds = [self._bounds(v, hidden) for v in unknown]
        for target in targets:
            if target in found:
                continue
            low, high = _range(index[target], a_eq, b_eq, a_ub, b_ub, bounds)
            if low is None:  # the published figures contradict each other: nothing can be worked out
                continue
            if high is not None and math.floor(high + 1e-7) - math.ceil(low - 1e-7) + 1 < self.min_count:
                found.append(target)
        return found

    def _known(self, v: Var, hidden: set[CellKey]) -> bool:
        return isinstance(v[0], CellKey) and v[0] not in hidden and v not in self.intervals

    def _rows(
        self, rows: list[dict[Var, float]], index: Mapping[Var, int], hidden: set[CellKey]
    ) -> tuple[Any, Any]:
        import numpy as np

        matrix = np.zeros((len(rows), len(index)))
        rhs = np.zeros(len(rows))
        for r, terms in enumerate(rows):
            for v, coef in terms.items():
                if v in index:
                    matrix[r, index[v]] = coef
                else:
                    rhs[r] -= coef * self.cells[v[0]].quantities[v[1]]
        return matrix, rhs

    def _bounds(self, v: Var, hidden: set[CellKey]) -> tuple[float, float | None]:
        if v in self.intervals and (not isinstance(v[0], CellKey) or v[0] not in hidden):
            low, high = self.intervals[v]
            return low, high
        if isinstance(v[0], CellKey):
            cell = self.cells[v[0]]
            value = cell.quantities[v[1]]
            # A reader knows hidden counts are at least 1 (zeros are shown), unless a small base hid a zero.
            floor = 0.0 if cell.can_be_zero_hidden or v[1] == "den" else 1.0
            return min(floor, value), None
        return 0.0, None


def _determined(a_eq: Any, columns: list[int]) -> list[bool]:
    """For each column: is that unknown fixed by the equations (no component in their null space)?"""
    import numpy as np

    if a_eq.shape[0] == 0:
        return [False] * len(columns)
    _u, s, vt = np.linalg.svd(a_eq)
    rank = int((s > 1e-9 * max(1.0, s[0] if len(s) else 1.0)).sum())
    null = vt[rank:]
    return [bool(null.shape[0] == 0 or np.abs(null[:, c]).max() < 1e-9) for c in columns]


def _range(
    column: int,
    a_eq: Any,
    b_eq: Any,
    a_ub: Any,
    b_ub: Any,
    bounds: list[tuple[float, float | None]],
) -> tuple[float | None, float | None]:
    """The least and greatest value of one unknown consistent with the system (None: infeasible/unbounded)."""
    fast = _single_equation_range(column, a_eq, b_eq, a_ub, bounds)
    if fast is not None:
        return fast
    import numpy as np
    from scipy.optimize import linprog

    cost = np.zeros(len(bounds))
    cost[column] = 1.0
    options: dict[str, Any] = {"bounds": bounds, "method": "highs"}
    if a_eq.shape[0]:
        options.update(A_eq=a_eq, b_eq=b_eq)
    if a_ub.shape[0]:
        options.update(A_ub=a_ub, b_ub=b_ub)
    low = linprog(cost, **options)
    if low.status == 2:
        return None, None
    high = linprog(-cost, **options)
    return (float(low.fun) if low.status == 0 else bounds[column][0]), (
        float(-high.fun) if high.status == 0 else None
    )


def _single_equation_range(
    column: int, a_eq: Any, b_eq: Any, a_ub: Any, bounds: list[tuple[float, float | None]]
) -> tuple[float | None, float | None] | None:
    """The range in closed form for the common case: one equation, lower bounds only (a total and its groups)."""
    if a_eq.shape[0] != 1 or a_ub.shape[0] or any(b[1] is not None for b in bounds):
        return None
    row = a_eq[0]
    coef = row[column]
    if coef == 0:
        return bounds[column][0], None
    others = [(row[i], bounds[i][0]) for i in range(len(row)) if i != column and row[i] != 0]
    if any(a / coef < 0 for a, _ in others):
        return bounds[column][0], None  # another unknown can grow without limit and carry this one along
    high = (b_eq[0] - sum(a * low for a, low in others)) / coef
    if high < bounds[column][0] - 1e-9:
        return None, None
    return bounds[column][0], high


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
    system = _System()
    _group_relations(cells, system)
    _period_relations(cells, system)
    _share_bounds(cells, system)
    intervals = _rounding_intervals(cells, indicators, rounding)
    audit = _Audit(cells, system, min_count, intervals)
    _secondary(audit, hidden)
    return Protection(
        min_count,
        _figures(cells, indicators, hidden, rounding),
        dict(system.kinds),
        round_counts,
        share_decimals,
    )


def _rounding_intervals(
    cells: Mapping[CellKey, _Cell], indicators: Mapping[str, Indicator], rounding: _Rounding
) -> dict[Var, tuple[float, float]]:
    found: dict[Var, tuple[float, float]] = {}
    for key, cell in cells.items():
        indicator = indicators[key.indicator]
        for q in cell.quantities:
            interval = rounding.interval(cell, q, indicator.unit, indicator.counts_people)
            if interval is not None:
                found[(key, q)] = interval
    return found


def _secondary(audit: _Audit, hidden: dict[CellKey, Reason]) -> None:
    """Hide one more cell at a time, in each part of the system, until no hidden figure is exposed."""
    for variables, equations, inequalities in audit.components():
        if not any(isinstance(v[0], CellKey) and v[0] in hidden for v in variables):
            continue
        while True:
            exposed = audit.exposed(set(hidden), variables, equations, inequalities)
            if not exposed:
                break
            choice = _cheapest(audit, exposed, hidden, variables, equations)
            if choice is None:
                break
            hidden[choice] = Reason.SECONDARY


def _cheapest(
    audit: _Audit,
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


def _value(cell: _Cell) -> float:
    return cell.quantities.get("n", cell.quantities.get("den", cell.value))


def _cost(cell: _Cell) -> tuple[bool, float, tuple[int, int], CellKey]:
    # Keep the area's totals (what readers value most) and long periods; hide small groups first.
    first, end = period_months(cell.key.period)
    return (cell.key.group is None, _value(cell), (end - first, first), cell.key)


def _figures(
    cells: Mapping[CellKey, _Cell],
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
