"""Small-number protection: primary and secondary suppression, proved by a property test."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from labkit.model import Measurement, Unit
from labkit.outcomes.suppress import SUPPRESSED, footnote, protect, suppress_counts, suppress_line


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


def test_protect_groups_and_shares():
    rows = [
        Measurement("into-work", "A", "2019", 15),
        Measurement("into-work", "A", "2019", 11, group="outside Europe"),
        Measurement("into-work", "A", "2019", 4, group="Europe"),
        Measurement("into-work", "A", "2020", 25),
    ]
    result = protect(rows, Unit.COUNT, 10)
    assert [(p.hidden, p.reason) for p in result] == [
        (False, None),
        (True, "secondary"),
        (True, "primary"),
        (False, None),
    ]
    shares = [
        Measurement("eligible", "A", "2019", 80.0, numerator=4, denominator=5),
        Measurement("eligible", "A", "2020", 75.0, numerator=30, denominator=40),
        Measurement("eligible", "A", "2021", 7.5),  # no base given: cannot be judged, so shown
    ]
    assert [p.hidden for p in protect(shares, Unit.SHARE, 10)] == [True, False, False]
    # A survey average resting on 6 respondents is hidden too.
    assert protect([Measurement("belief", "A", "2019", 3.5, denominator=6)], Unit.SCALE, 10)[0].hidden


def test_footnote_languages():
    assert footnote(10, "sv").startswith("..: dold för att skydda enskilda (färre än 10 personer")
    assert footnote(5, "en").startswith("..: hidden to protect individuals (fewer than 5 people")


def test_two_breakdowns_of_one_total_hide_all_groups():
    # Total 40 split by gender (4 + 36) and by age (20 + 20): labkit cannot tell the breakdowns apart, so when
    # any group is hidden all groups are, and "women = 40 - 36" cannot be worked out.
    rows = [
        Measurement("n", "A", "2020", 40),
        Measurement("n", "A", "2020", 4, group="women"),
        Measurement("n", "A", "2020", 36, group="men"),
        Measurement("n", "A", "2020", 20, group="16-24"),
        Measurement("n", "A", "2020", 20, group="25-64"),
    ]
    result = protect(rows, Unit.COUNT, 10)
    assert [p.hidden for p in result] == [False, True, True, True, True]
    assert result[1].reason == "primary"
