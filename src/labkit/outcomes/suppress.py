"""Small-number protection of a single count table (cells with row, column and grand totals).

A whole report is protected by :mod:`labkit.outcomes.protect`, which treats every published figure and the
relations between them as one system; the functions here protect one table on its own.

*Primary* suppression hides every count between 1 and ``min_count - 1`` (default 10, as Skolverket does) and
every share or average whose base (denominator) is below ``min_count``. *Secondary* suppression then hides more
cells until no hidden value can be worked out from the published ones: in a table with row and column totals a
hidden cell is recoverable exactly when the totals' equations pin it down, which is tested with linear algebra
(the cell's unit vector lies in the row space of the equations restricted to the hidden cells). Hidden cells are
shown as ``..`` with a footnote.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "SUPPRESSED",
    "SuppressedTable",
    "recoverable",
    "suppress_counts",
    "suppress_line",
    "suppress_share",
]

SUPPRESSED = ".."

Pos = tuple[int, int]


@attrs.frozen
class SuppressedTable:
    """A count table with totals, and which of its cells are hidden.

    Positions run over the full table: row ``n`` holds the column totals, column ``m`` the row totals and
    ``(n, m)`` the grand total.
    """

    values: tuple[tuple[int, ...], ...]
    """The full table including totals."""
    hidden: frozenset[Pos]
    primary: frozenset[Pos]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.values) - 1, len(self.values[0]) - 1

    def display(self, row: int, col: int) -> str:
        return SUPPRESSED if (row, col) in self.hidden else str(self.values[row][col])

    def reason(self, row: int, col: int) -> str | None:
        if (row, col) in self.primary:
            return "primary"
        return "secondary" if (row, col) in self.hidden else None


def _full(cells: Sequence[Sequence[int]]) -> list[list[int]]:
    rows = [list(r) for r in cells]
    if not rows or not rows[0] or any(len(r) != len(rows[0]) for r in rows):
        raise ValueError("a count table needs at least one row and one column, all rows of the same length")
    if any(v < 0 or not isinstance(v, int) for r in rows for v in r):
        raise ValueError("counts must be whole numbers of at least 0")
    full = [[*r, sum(r)] for r in rows]
    full.append([sum(col) for col in zip(*full, strict=True)])
    return full


def _equations(n: int, m: int) -> list[list[tuple[Pos, int]]]:
    """Each row and column of the full table: inner cells sum to the total."""
    eqs = []
    for i in range(n + 1):
        eqs.append([((i, j), 1) for j in range(m)] + [((i, m), -1)])
    for j in range(m + 1):
        eqs.append([((i, j), 1) for i in range(n)] + [((n, j), -1)])
    return eqs


def recoverable(n: int, m: int, hidden: Iterable[Pos]) -> set[Pos]:
    """Hidden cells of an n x m table (plus totals) whose value the published cells and totals determine."""
    import numpy as np

    unknowns = sorted(set(hidden))
    if not unknowns:
        return set()
    index = {pos: k for k, pos in enumerate(unknowns)}
    rows = []
    for eq in _equations(n, m):
        row = np.zeros(len(unknowns))
        for pos, coefficient in eq:
            if pos in index:
                row[index[pos]] = coefficient
        if row.any():
            rows.append(row)
    if not rows:
        return set()
    matrix = np.array(rows)
    rank = np.linalg.matrix_rank(matrix)
    found = set()
    for pos, k in index.items():
        unit = np.zeros(len(unknowns))
        unit[k] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            found.add(pos)
    return found


def suppress_counts(cells: Sequence[Sequence[int]], min_count: int = 10) -> SuppressedTable:
    """Hide small counts in a table with row, column and grand totals, and enough others to protect them."""
    full = _full(cells)
    n, m = len(full) - 1, len(full[0]) - 1
    positions = [(i, j) for i in range(n + 1) for j in range(m + 1)]
    primary = {p for p in positions if 0 < full[p[0]][p[1]] < min_count}
    hidden = set(primary)
    lines = [[pos for pos, _ in eq] for eq in _equations(n, m)]

    def cost(p: Pos) -> tuple[bool, bool, int, Pos]:
        # Prefer hiding small inner cells with people in them over zeros and totals (which readers value most).
        value = full[p[0]][p[1]]
        return (p[0] == n or p[1] == m, value == 0, value, p)

    while True:
        # A row or column with exactly one hidden cell gives it away through its total: hide a second one there.
        lone = next((line for line in lines if sum(p in hidden for p in line) == 1), None)
        if lone is not None:
            hidden.add(min((p for p in lone if p not in hidden), key=cost))
            continue
        # Rarer: a hidden cell determined by several equations together.
        exposed = recoverable(n, m, hidden)
        if not exposed:
            break
        row, col = min(exposed)
        candidates = [p for p in positions if (p[0] == row or p[1] == col) and p not in hidden]
        hidden.add(min(candidates or [p for p in positions if p not in hidden], key=cost))
    return SuppressedTable(tuple(tuple(r) for r in full), frozenset(hidden), frozenset(primary))


def suppress_line(
    values: Sequence[int], total: int | None, min_count: int = 10, already: Iterable[int] = ()
) -> tuple[set[int], bool]:
    """Parts of a whole (groups and their total): hidden part indexes and whether the total is hidden.

    *already* are parts hidden for another reason. With a total, one equation links the parts, so a single
    hidden value could be recomputed: a second one (the smallest other part, or else the total) is hidden too.
    """
    hidden = {i for i, v in enumerate(values) if 0 < v < min_count} | set(already)
    total_hidden = total is not None and 0 < total < min_count
    if total is not None and len(hidden) + total_hidden == 1:
        others = [i for i in range(len(values)) if i not in hidden]
        if others:
            hidden.add(min(others, key=lambda i: (values[i] == 0, values[i], i)))
        else:
            total_hidden = True
    return hidden, total_hidden


def suppress_share(numerator: int | None, denominator: int | None, min_count: int = 10) -> bool:
    """True if a share must be hidden: its base (denominator) is below the minimum."""
    del numerator  # a share is judged by how many people it rests on
    return denominator is not None and denominator < min_count
