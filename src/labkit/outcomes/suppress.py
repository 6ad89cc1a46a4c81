"""Small-number protection: hide counts and shares that rest on too few people, so no one can be singled out.

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

from ..model import Measurement, Unit

__all__ = [
    "SUPPRESSED",
    "ProtectedValue",
    "SuppressedTable",
    "footnote",
    "protect",
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


@attrs.frozen
class ProtectedValue:
    measurement: Measurement
    hidden: bool
    reason: str | None = None
    """``primary`` (too few people) or ``secondary`` (would reveal a hidden value), or None when shown."""


def protect(
    measurements: Sequence[Measurement], unit: Unit, min_count: int = 10, *, people: bool = True
) -> list[ProtectedValue]:
    """Decide for each measurement of one indicator (in *unit*) whether it may be shown.

    A count below *min_count* (but above zero) is hidden; any value whose base (the denominator: pupils,
    respondents, participants) is below *min_count* is hidden, whatever its unit; groups that split a total
    count of the same area and period are protected together, so a hidden group cannot be derived from the total.
    Shares and averages without a denominator cannot be judged and are shown: give the denominator.
    """
    status: dict[int, str] = {}
    counts = unit is Unit.COUNT and people
    for k, m in enumerate(measurements):
        if m.denominator is not None:
            if m.denominator < min_count:
                status[k] = "primary"
        elif counts and 0 < m.value < min_count:
            status[k] = "primary"
    if counts:
        by_cell: dict[tuple[str, str, str], list[int]] = {}
        for k, m in enumerate(measurements):
            by_cell.setdefault((m.indicator, m.area, m.period), []).append(k)
        for members in by_cell.values():
            totals = [k for k in members if measurements[k].group is None]
            parts = [k for k in members if measurements[k].group is not None]
            if not totals or not parts:
                continue
            total = totals[-1]
            part_counts = [_as_count(measurements[k]) for k in parts]
            total_count = _as_count(measurements[total])
            if total_count is None or any(c is None for c in part_counts):
                continue
            if sum(c or 0 for c in part_counts) != total_count:
                # The groups are more than one breakdown of the total (e.g. by gender and by age) and labkit
                # cannot tell which groups belong together: if any group is hidden, hide them all, so that no
                # hidden group can be recomputed as the total minus its partners.
                if any(k in status for k in parts) or any(0 < (c or 0) < min_count for c in part_counts):
                    for k in parts:
                        status.setdefault(
                            k, "primary" if 0 < (_as_count(measurements[k]) or 0) < min_count else "secondary"
                        )
                continue
            hidden_parts, total_hidden = suppress_line(
                [c or 0 for c in part_counts],
                total_count,
                min_count,
                [i for i, k in enumerate(parts) if k in status],
            )
            for i in hidden_parts:
                status.setdefault(parts[i], "secondary")
            if total_hidden:
                status.setdefault(total, "secondary")
    return [ProtectedValue(m, k in status, status.get(k)) for k, m in enumerate(measurements)]


def _as_count(m: Measurement) -> int | None:
    if m.denominator is not None:
        return m.denominator if m.numerator is None else m.numerator
    return int(m.value) if float(m.value).is_integer() else None


def footnote(min_count: int, lang: str) -> str:
    """The footnote under every table or chart with hidden values."""
    if lang == "sv":
        return (
            f"{SUPPRESSED}: dold för att skydda enskilda (färre än {min_count} personer, "
            "eller en uppgift som ett sådant värde kan räknas fram ur)."
        )
    return (
        f"{SUPPRESSED}: hidden to protect individuals (fewer than {min_count} people, "
        "or a figure from which such a value could be worked out)."
    )
