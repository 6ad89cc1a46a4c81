"""The audit of a protected report: can a reader work out, or narrow down, a hidden figure?

For each part of the system of relations that holds a hidden figure, every hidden count is checked twice:

- **determined**: the published figures fix it when its unit vector has no component in the null space of the
  equations restricted to the unknowns (singular value decomposition);
- **narrowed**: linear programming finds the least and the greatest value consistent with every equation, the
  published figures (rounded ones as intervals) and what a reader knows of counts (not negative; a hidden count is
  at least 1 unless a small base hid it). Fewer than ``min_count`` whole numbers in between is too narrow.

This is the audit statistical offices run on cell suppression (see the privacy explanation in the docs).
"""

from __future__ import annotations

import math
from collections.abc import Container, Mapping
from typing import Any

import attrs

from ._cells import Cell, CellKey, System, Var, linear_system

__all__ = ["Audit"]


@attrs.define
class Audit:
    cells: Mapping[CellKey, Cell]
    system: System
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
        self,
        hidden: Container[CellKey],
        variables: set[Var],
        equations: list[int],
        inequalities: list[int],
        safe: set[Var],
    ) -> list[Var]:
        """The first hidden quantity of one component found determined or narrowed below the minimum (or none).

        Quantities found safe are added to *safe* and not checked again: hiding more cells only removes what a
        reader knows, so a safe quantity stays safe.
        """
        targets = sorted(
            (v for v in variables if isinstance(v[0], CellKey) and v[0] in hidden and v not in safe), key=repr
        )
        if not targets:
            return []
        unknown = sorted(
            (v for v in variables if not self._known(v, hidden)),
            key=repr,
        )
        index = {v: i for i, v in enumerate(unknown)}
        a_eq, b_eq = linear_system([self.system.equations[i] for i in equations], index, self._value)
        a_ub, b_ub = linear_system([self.system.inequalities[i] for i in inequalities], index, self._value)
        determined = _determined(a_eq, [index[t] for t in targets])
        found = [t for t, d in zip(targets, determined, strict=True) if d]
        if found:
            return found[:1]
        ranges = _Ranges(a_eq, b_eq, a_ub, b_ub, [self._bounds(v, hidden) for v in unknown])
        for target in targets:
            low, high = ranges(index[target])
            if low is not None and high is not None and _whole_numbers(low, high) < self.min_count:
                return [target]
            safe.add(target)  # wide enough, or the figures contradict each other so nothing can be worked out
        return []

    def _known(self, v: Var, hidden: Container[CellKey]) -> bool:
        return isinstance(v[0], CellKey) and v[0] not in hidden and v not in self.intervals

    def _value(self, v: Var) -> float:
        return self.cells[v[0]].quantities[v[1]]

    def _bounds(self, v: Var, hidden: Container[CellKey]) -> tuple[float, float | None]:
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


def _whole_numbers(low: float, high: float) -> int:
    """How many whole numbers lie between *low* and *high* (inclusive, with a little room for rounding)."""
    return math.floor(high + 1e-7) - math.ceil(low - 1e-7) + 1


def _determined(a_eq: Any, columns: list[int]) -> list[bool]:
    """For each column: is that unknown fixed by the equations (no component in their null space)?"""
    import numpy as np

    if a_eq.shape[0] == 0:
        return [False] * len(columns)
    _u, s, vt = np.linalg.svd(a_eq)
    rank = int((s > 1e-9 * max(1.0, s[0] if len(s) else 1.0)).sum())
    null = vt[rank:]
    return [bool(null.shape[0] == 0 or np.abs(null[:, c]).max() < 1e-9) for c in columns]


class _Ranges:
    """The least and greatest value of each unknown consistent with the system.

    One equation with lower bounds only (a total and its groups, the common case) has a closed form, computed for
    all unknowns at once; anything else is two linear programs per unknown.
    """

    def __init__(self, a_eq: Any, b_eq: Any, a_ub: Any, b_ub: Any, bounds: list[tuple[float, float | None]]):
        self.a_eq, self.b_eq, self.a_ub, self.b_ub, self.bounds = a_eq, b_eq, a_ub, b_ub, bounds
        self.single = a_eq.shape[0] == 1 and not a_ub.shape[0] and all(b[1] is None for b in bounds)
        if self.single:
            import numpy as np

            row = a_eq[0]
            lows = np.array([b[0] for b in bounds])
            self.total = float((row * lows).sum())
            self.positive = int((row > 0).sum())
            self.negative = int((row < 0).sum())

    def __call__(self, column: int) -> tuple[float | None, float | None]:
        if self.single:
            return self._closed_form(column)
        return self._programs(column)

    def _closed_form(self, column: int) -> tuple[float | None, float | None]:
        low = self.bounds[column][0]
        coef = float(self.a_eq[0][column])
        if coef == 0:
            return low, None
        # Another unknown of the opposite sign can grow without limit and carry this one along.
        if (self.negative if coef > 0 else self.positive) > 0:
            return low, None
        high = (float(self.b_eq[0]) - (self.total - coef * low)) / coef
        if high < low - 1e-9:
            return None, None
        return low, high

    def _programs(self, column: int) -> tuple[float | None, float | None]:
        import numpy as np
        from scipy.optimize import linprog

        cost = np.zeros(len(self.bounds))
        cost[column] = 1.0
        options: dict[str, Any] = {"bounds": self.bounds, "method": "highs"}
        if self.a_eq.shape[0]:
            options.update(A_eq=self.a_eq, b_eq=self.b_eq)
        if self.a_ub.shape[0]:
            options.update(A_ub=self.a_ub, b_ub=self.b_ub)
        low = linprog(cost, **options)
        if low.status == 2:  # infeasible: the published figures contradict each other
            return None, None
        high = linprog(-cost, **options)
        return (float(low.fun) if low.status == 0 else self.bounds[column][0]), (
            float(-high.fun) if high.status == 0 else None
        )
