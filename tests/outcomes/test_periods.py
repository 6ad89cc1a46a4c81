"""Period parsing and ordering against hand-computed fractional years."""

from __future__ import annotations

import pytest

from labkit.outcomes.periods import period_end, period_sort_key, period_start, sort_periods


@pytest.mark.parametrize(
    ("period", "start"),
    [
        ("2019", 2019.0),
        ("2019-H1", 2019.0),
        ("2019-H2", 2019.5),
        ("2019-Q1", 2019.0),
        ("2019-Q3", 2019.5),
        ("2019-Q4", 2019.75),
        ("2019-01", 2019.0),
        ("2019-05", 2019 + 4 / 12),
        ("2019-12", 2019 + 11 / 12),
        ("2018/19", 2018 + 7 / 12),  # the Swedish school year starts in August
        ("1999/00", 1999 + 7 / 12),  # across a century
    ],
)
def test_period_start(period, start):
    assert period_start(period) == pytest.approx(start)


def test_period_end_is_start_plus_length():
    assert period_end("2019") == 2020.0
    assert period_end("2019-H1") == 2019.5
    assert period_end("2019-Q3") == 2019.75
    assert period_end("2019-12") == pytest.approx(2020.0)
    assert period_end("2018/19") == pytest.approx(2019 + 7 / 12)


def test_sort_key_puts_the_longer_period_first_at_the_same_start():
    assert period_sort_key("2019") < period_sort_key("2019-H1") < period_sort_key("2019-Q1")
    assert period_sort_key("2019-Q1") < period_sort_key("2019-02")


def test_sort_periods_mixed_and_deduplicated():
    assert sort_periods(["2020", "2018/19", "2019-05", "2019-H2", "2018", "2019", "2019-Q3", "2020"]) == [
        "2018",
        "2018/19",
        "2019",
        "2019-05",
        "2019-H2",
        "2019-Q3",
        "2020",
    ]
    assert sort_periods([]) == []


@pytest.mark.parametrize(
    "bad", ["", "19", "2019-H3", "2019-Q5", "2019-13", "2019-00", "2019-1", "2019/2020", " 2019", "2019-h1"]
)
def test_bad_periods_raise_a_clear_error(bad):
    with pytest.raises(ValueError, match="not a period"):
        period_start(bad)


def test_school_year_must_be_consecutive():
    with pytest.raises(ValueError, match="not a school year"):
        period_start("2018/20")


def test_non_text_is_rejected():
    with pytest.raises(ValueError, match="not a period"):
        period_start(2019)  # type: ignore[arg-type]
