"""The pieces small-number protection works on: cells (published figures), their quantities and the system of
relations between them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

__all__ = ["Cell", "CellKey", "System", "Var", "linear_system"]


@attrs.frozen(order=True, cache_hash=True)
class CellKey:
    """Where a published figure sits: indicator, area, period and group (None for the whole area)."""

    indicator: str
    area: str
    period: str
    group: str | None = None


@attrs.frozen
class Cell:
    """A figure the report would publish, with the true counts it reveals."""

    key: CellKey
    value: float
    source: str
    """``measurement`` or ``lab-file`` (a goal baseline given only in the lab file)."""
    quantities: Mapping[str, float]
    """``n`` (the people counted) and ``den`` (the base), where the figure has them."""
    can_be_zero_hidden: bool
    """A small base can hide a zero count; other hidden counts are never zero."""


#: A variable of the system: ``(cell key, quantity)`` for a cell, or a tuple starting with ``"atom"`` for an
#: unpublished stretch of time of one series, or ``"total"`` for an unpublished total.
Var = tuple[Any, ...]


@attrs.define
class System:
    """Linear relations: each equation is sum(coef * var) = 0, each inequality sum(coef * var) <= 0."""

    equations: list[dict[Var, float]] = attrs.field(factory=list)
    inequalities: list[dict[Var, float]] = attrs.field(factory=list)
    kinds: dict[str, int] = attrs.field(factory=lambda: defaultdict(int))

    def equal(self, kind: str, terms: dict[Var, float]) -> None:
        self.equations.append(terms)
        self.kinds[kind] += 1


def linear_system(
    rows: Sequence[Mapping[Var, float]], index: Mapping[Var, int], known: Callable[[Var], float]
) -> tuple[Any, Any]:
    """The matrix and right-hand side of *rows* (each ``sum(coef * var) = 0``) over the unknowns in *index*; every
    other variable is moved to the right-hand side with its value from *known*."""
    import numpy as np

    matrix = np.zeros((len(rows), len(index)))
    rhs = np.zeros(len(rows))
    for r, terms in enumerate(rows):
        for v, coef in terms.items():
            if v in index:
                matrix[r, index[v]] = coef
            else:
                rhs[r] -= coef * known(v)
    return matrix, rhs
