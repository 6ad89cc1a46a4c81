"""The relations between a report's figures that a reader could use to work out a hidden one.

Per indicator, area and quantity (people counted, or the base), the figures are modelled as sums of unpublished
*atoms*: one per series (the total and each group) and stretch of time between period boundaries. A figure for a
period is the sum of its series' atoms within it (so a year is its halves, its quarters, its months, or any mix),
and a breakdown (groups that together make up the total, found where their values add up to it) holds atom by
atom. That is every linear relation between totals, overlapping breakdowns and nested periods at once.

The model is used where the data fit it: when no non-negative atoms reproduce the figures (a series of people
at the end of each period does not add up over time), labkit falls back to the relations that hold exactly:
groups adding up to their total in a period, and a period filled exactly by shorter ones adding up to it.

Only clusters (overlapping periods of one indicator and area) holding a figure hidden by primary suppression get
relations: elsewhere nothing needs protecting, so long series cost time in proportion to their length.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Container, Iterable, Mapping, Sequence

from ._cells import Cell, CellKey, System, Var, linear_system
from .periods import contains, period_months

__all__ = ["MAX_GROUPS_SEARCHED", "build_relations"]

#: Breakdowns with more groups than this are not searched for subsets that add up to the total; only all the
#: groups together are tried.
MAX_GROUPS_SEARCHED = 12

Span = tuple[int, int]


def build_relations(cells: Mapping[CellKey, Cell], primary: Container[CellKey]) -> System:
    """Every relation between *cells* that matters for protecting the *primary* hidden ones."""
    system = System()
    families: dict[tuple[str, str], list[Cell]] = defaultdict(list)
    for cell in cells.values():
        families[(cell.key.indicator, cell.key.area)].append(cell)
    for members in families.values():
        if not any(c.key in primary for c in members):
            continue
        for q in ("n", "den"):
            part = [c for c in members if q in c.quantities]
            if len(part) < 2:
                continue
            breakdowns = _breakdowns(part, q)
            for cluster in _clusters(part):
                if len(cluster) > 1 and any(c.key in primary for c in cluster):
                    _cluster_relations(cluster, q, breakdowns, system)
    for cell in cells.values():
        if "n" in cell.quantities and "den" in cell.quantities and cell.key in primary:
            system.inequalities.append({(cell.key, "n"): 1.0, (cell.key, "den"): -1.0})
            system.kinds["share-bases"] += 1
    return system


# ---------------------------------------------------------------------------------------------------------------
# Breakdowns: groups that together make up the total


def _breakdowns(members: Sequence[Cell], q: str) -> list[frozenset[str]]:
    """Sets of groups that make up the total, most often confirmed first.

    A candidate is a set of groups that adds up to the total in some period (or, without a total, to the common
    size of several breakdowns), with or without that period's zero groups. A candidate that fails in any period
    where the total and all its groups are given is dropped; the rest are ordered by the number of periods that
    confirm them, so that the real breakdowns come before coincidences.
    """
    by_period: dict[str, dict[str | None, float]] = defaultdict(dict)
    for cell in members:
        by_period[cell.key.period][cell.key.group] = cell.quantities[q]
    candidates: set[frozenset[str]] = set()
    for values in by_period.values():
        candidates |= _candidates(values)
    scored = []
    for candidate in candidates:
        holds = fails = 0
        for values in by_period.values():
            if None in values and all(g in values for g in candidate):
                if math.isclose(sum(values[g] for g in candidate), values[None], abs_tol=1e-9):
                    holds += 1
                else:
                    fails += 1
        if not fails:
            scored.append((-holds, -len(candidate), sorted(candidate), candidate))
    return [candidate for *_key, candidate in sorted(scored)]


def _candidates(values: Mapping[str | None, float]) -> set[frozenset[str]]:
    groups = sorted(str(g) for g in values if g is not None)
    if len(groups) < 2:
        return set()
    parts = [values[g] for g in groups]
    target = values[None] if None in values else _common_total(parts)
    if target is None:
        return set()
    zeros = frozenset(g for g in groups if values[g] == 0)
    found: set[frozenset[str]] = set()
    for subset in _subsets_adding_up(parts, target):
        chosen = frozenset(groups[i] for i in subset)
        found |= {chosen, chosen | zeros}
    return found


def _subsets_adding_up(values: Sequence[float], target: float) -> list[tuple[int, ...]]:
    """Subsets of two or more non-zero parts that add up to *target* (all parts when there are very many)."""
    nonzero = [i for i, v in enumerate(values) if v != 0]
    if len(nonzero) > MAX_GROUPS_SEARCHED:
        return [tuple(range(len(values)))] if math.isclose(sum(values), target) else []
    return [
        subset
        for size in range(2, len(nonzero) + 1)
        for subset in itertools.combinations(nonzero, size)
        if math.isclose(sum(values[i] for i in subset), target, abs_tol=1e-9)
    ]


def _common_total(values: Sequence[float]) -> float | None:
    """Without a total: the size of the population when the groups split into 2-4 breakdowns of equal sum."""
    nonzero = [v for v in values if v != 0]
    if len(nonzero) < 4 or len(nonzero) > MAX_GROUPS_SEARCHED:
        return None
    whole = sum(nonzero)
    for k in (2, 3, 4):
        if _partitions_into(sorted(nonzero, reverse=True), k, whole / k):
            return whole / k
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


# ---------------------------------------------------------------------------------------------------------------
# Clusters of overlapping periods and their atoms


def _clusters(members: Sequence[Cell]) -> list[list[Cell]]:
    """Cells in clusters of overlapping periods (any series): a long series splits into many small ones."""
    spans = sorted(members, key=lambda c: period_months(c.key.period))
    clusters: list[list[Cell]] = []
    end = -1
    for cell in spans:
        first, last = period_months(cell.key.period)
        if first >= end:
            clusters.append([])
        clusters[-1].append(cell)
        end = max(end, last)
    return clusters


def _atoms(cluster: Sequence[Cell]) -> list[Span]:
    bounds = sorted({b for c in cluster for b in period_months(c.key.period)})
    return list(itertools.pairwise(bounds))


def _inside(atom: Span, span: Span) -> bool:
    return span[0] <= atom[0] and atom[1] <= span[1]


def _cluster_relations(
    cluster: Sequence[Cell], q: str, breakdowns: Sequence[frozenset[str]], system: System
) -> None:
    atoms = _atoms(cluster)
    model = _AtomModel(cluster, q, atoms)
    timed = model.period_equations()
    if not model.feasible(timed):
        _exact_relations(cluster, q, breakdowns, system)
        return
    present = {c.key.group for c in cluster if c.key.group is not None}
    kept: list[dict[Var, float]] = []
    for breakdown in breakdowns:
        if not breakdown <= present:
            continue
        rows = model.group_equations(breakdown)
        if model.feasible(timed + kept + rows):
            kept += rows
    kind = "periods" if len(atoms) > 1 else "groups"
    for terms in timed:
        system.equal(kind, terms)
    for terms in kept:
        system.equal("groups", terms)


class _AtomModel:
    """The cells of one cluster as sums of atoms, one per series (total or group) and stretch of time."""

    def __init__(self, cluster: Sequence[Cell], q: str, atoms: Sequence[Span]) -> None:
        self.cluster = cluster
        self.q = q
        self.atoms = atoms
        key = cluster[0].key
        self.place = (key.indicator, key.area)
        # A cell that is exactly one atom stands for that atom itself (fewer unknowns for the audit).
        self.exact: dict[tuple[str | None, Span], Cell] = {}
        for cell in cluster:
            span = period_months(cell.key.period)
            if span in atoms:
                self.exact[(cell.key.group, span)] = cell

    def var(self, group: str | None, atom: Span) -> Var:
        cell = self.exact.get((group, atom))
        if cell is not None:
            return (cell.key, self.q)
        return ("atom", *self.place, self.q, group, atom)

    def period_equations(self) -> list[dict[Var, float]]:
        rows = []
        for cell in self.cluster:
            span = period_months(cell.key.period)
            if span in self.atoms:
                continue
            terms: dict[Var, float] = {(cell.key, self.q): -1.0}
            for atom in self.atoms:
                if _inside(atom, span):
                    terms[self.var(cell.key.group, atom)] = 1.0
            rows.append(terms)
        return rows

    def group_equations(self, breakdown: Iterable[str]) -> list[dict[Var, float]]:
        rows = []
        for atom in self.atoms:
            terms: dict[Var, float] = {self.var(None, atom): -1.0}
            for group in sorted(breakdown):
                terms[self.var(group, atom)] = 1.0
            rows.append(terms)
        return rows

    def feasible(self, rows: Sequence[dict[Var, float]]) -> bool:
        """Whether non-negative atoms exist that fit the true values of every cell (the data fit the model)."""
        values = {(c.key, self.q): c.quantities[self.q] for c in self.cluster}
        latent = sorted({v for terms in rows for v in terms if v not in values}, key=repr)
        if not latent:
            return all(abs(sum(c * values[v] for v, c in terms.items())) < 1e-6 for terms in rows)
        import numpy as np
        from scipy.optimize import linprog

        index = {v: i for i, v in enumerate(latent)}
        matrix, rhs = linear_system(rows, index, values.__getitem__)
        result = linprog(np.zeros(len(latent)), A_eq=matrix, b_eq=rhs, bounds=(0, None), method="highs")
        return bool(result.status == 0)


# ---------------------------------------------------------------------------------------------------------------
# The fallback: relations that hold exactly


def _exact_relations(
    cluster: Sequence[Cell], q: str, breakdowns: Sequence[frozenset[str]], system: System
) -> None:
    by_period: dict[str, dict[str | None, Cell]] = defaultdict(dict)
    for cell in cluster:
        by_period[cell.key.period][cell.key.group] = cell
    for period, cells in by_period.items():
        for breakdown in breakdowns:
            if not all(g in cells for g in breakdown):
                continue
            total = cells.get(None)
            parts = sum(cells[g].quantities[q] for g in breakdown)
            if total is not None and not math.isclose(parts, total.quantities[q]):
                continue
            first = next(iter(cluster)).key
            total_var: Var = (total.key, q) if total else ("total", first.indicator, first.area, period, q)
            terms: dict[Var, float] = {total_var: -1.0}
            terms.update({(cells[g].key, q): 1.0 for g in breakdown})
            system.equal("groups", terms)
    series: dict[str | None, list[Cell]] = defaultdict(list)
    for cell in cluster:
        series[cell.key.group].append(cell)
    for members in series.values():
        _tilings(members, q, system)


def _tilings(members: Sequence[Cell], q: str, system: System) -> None:
    """A period and a set of shorter periods of the same length that exactly fill it, where they add up."""
    for outer in members:
        inner = [c for c in members if contains(outer.key.period, c.key.period)]
        by_length: dict[int, list[Cell]] = defaultdict(list)
        for cell in inner:
            first, end = period_months(cell.key.period)
            by_length[end - first].append(cell)
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
