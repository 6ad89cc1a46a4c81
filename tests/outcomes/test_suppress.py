"""Small-number protection of one count table: primary and secondary suppression, proved by a property test."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from labkit.outcomes.suppress import SUPPRESSED, suppress_counts, suppress_line


def _determined(table, n, m):
    """Hidden cells fixed by the published values, computed from the null space of the equations (SVD).

    A hidden cell can be changed without breaking any row or column total exactly when some null-space
    vector of the equations (over the hidden cells) moves it; otherwise its value is determined.
    """
    hidden = sorted(table.hidden)
    if not hidden:
        return set()
    index = {pos: k for k, pos in enumerate(hidden)}
    rows = []
    for i in range(n + 1):
        rows.append(_vector(index, [((i, j), 1) for j in range(m)] + [((i, m), -1)]))
    for j in range(m + 1):
        rows.append(_vector(index, [((i, j), 1) for i in range(n)] + [((n, j), -1)]))
    matrix = np.array(rows, dtype=float)
    _, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > 1e-9).sum())
    null = vt[rank:]
    return {pos for pos, k in index.items() if null.size == 0 or np.all(np.abs(null[:, k]) < 1e-9)}


def _vector(index, terms):
    row = [0.0] * len(index)
    for pos, coefficient in terms:
        if pos in index:
            row[index[pos]] = coefficient
    return row


def test_classic_rectangle():
    table = suppress_counts([[12, 3, 40], [20, 25, 30]], 10)
    shown = [[table.display(i, j) for j in range(4)] for i in range(3)]
    assert shown == [
        [SUPPRESSED, SUPPRESSED, "40", "55"],
        [SUPPRESSED, SUPPRESSED, "30", "75"],
        ["32", "28", "70", "130"],
    ]
    assert table.reason(0, 1) == "primary" and table.reason(0, 0) == "secondary"


def test_zero_cells_are_shown_and_big_tables_untouched():
    table = suppress_counts([[0, 25], [30, 40]], 10)
    assert table.hidden == frozenset()


@settings(max_examples=200, deadline=None)
@given(
    cells=st.integers(1, 6).flatmap(
        lambda m: st.lists(st.lists(st.integers(0, 60), min_size=m, max_size=m), min_size=1, max_size=6)
    ),
    min_count=st.integers(3, 12),
)
def test_no_hidden_value_is_recoverable(cells, min_count):
    table = suppress_counts(cells, min_count)
    n, m = table.shape
    for i in range(n + 1):
        for j in range(m + 1):
            value = table.values[i][j]
            if (i, j) not in table.hidden:
                # (a) everything published is zero or at least the minimum
                assert value == 0 or value >= min_count
    # (b) nothing hidden can be worked out from what is published
    assert _determined(table, n, m) == set()


def test_line_with_a_total():
    assert suppress_line([11, 4], 15, 10) == ({0, 1}, False)
    assert suppress_line([30, 40], 70, 10) == (set(), False)
    assert suppress_line([5], 5, 10) == ({0}, True)
    assert suppress_line([4, 0, 20], None, 10) == ({0}, False)
