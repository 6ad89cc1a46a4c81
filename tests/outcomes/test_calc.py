"""Every calculation against hand-computed values, including polarity and missing periods."""

from __future__ import annotations

import pytest

from labkit.model import Indicator, IndicatorLevel, Measurement, PerformanceQuestion, Polarity, Unit
from labkit.outcomes import calc
from labkit.outcomes.estimate import discounted_years, estimate_scenarios

HIGHER, LOWER = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER


def test_change():
    assert calc.change(10, 12) == calc.Change(2, 0.2)
    assert calc.change(8.0, 6.0) == calc.Change(-2.0, -0.25)
    assert calc.change(0, 15) == calc.Change(15, None)


def test_improved_follows_polarity():
    assert calc.improved(7.4, 6.8, LOWER) is True
    assert calc.improved(7.4, 6.8, HIGHER) is False
    assert calc.improved(5, 5, HIGHER) is None


def test_progress():
    assert calc.progress(0, 12, 15) == 1.25
    # Unemployment 7.4 -> target 6.0, now 6.9: (6.9 - 7.4) / (6.0 - 7.4) = 0.357...
    assert calc.progress(7.4, 6.0, 6.9) == pytest.approx(0.5 / 1.4)
    # Moving away from the target is negative progress.
    assert calc.progress(7.4, 6.0, 8.1) == pytest.approx(-0.5)
    assert calc.progress(5, 5, 7) is None


def test_change_is_in_points_for_shares_and_scales():
    from labkit.model import Unit

    assert calc.change(38.0, 33.0, Unit.SHARE) == calc.Change(-5.0, None, calc.ChangeUnit.PERCENTAGE_POINTS)
    # A rating scale 2.8 -> 3.6 is +0.8 points on the scale, never "+29 %".
    assert calc.change(2.8, 3.6, Unit.SCALE).relative is None
    assert calc.change(2.8, 3.6, Unit.SCALE).unit is calc.ChangeUnit.SCALE_POINTS
    assert calc.change(70.0, 77.0, Unit.INDEX).relative is None
    assert calc.change(10, 12, Unit.SEK).relative == pytest.approx(0.2)


@pytest.mark.parametrize(
    ("args", "report_end", "expected"),
    [
        # After the deadline (the end of 2019): reached or not reached, judged on a value within 2019.
        ((0, "2018-H2", 12, "2019", 15, "2019-H2", HIGHER), 2020.0, "reached"),
        ((2, "2018-H2", 25, "2019", 21, "2019-H2", HIGHER), 2020.0, "not-reached"),
        # ... and no status when the latest published value is from before the target period.
        ((2, "2018-H2", 25, "2019", 21, "2018-H2", HIGHER), 2020.0, "no-data"),
        # Before it: on track when the progress is at least the share of the time that has passed (midpoints).
        (
            (7.4, "2018", 6.0, "2021", 6.9, "2020", LOWER),
            2021.0,
            "off-track",
        ),  # 36 % of the way, 67 % of time
        ((7.4, "2018", 6.0, "2021", 6.8, "2019", LOWER), 2020.0, "on-track"),  # 43 % of the way, 33 % of time
        ((7.4, "2018", 6.0, "2021", 5.9, "2019", LOWER), 2020.0, "on-track"),  # reached early: still on track
        ((2.8, "2018-H2", 3.5, "2019-H2", 3.1, "2019-H1", HIGHER), 2019.5, "off-track"),  # 43 % vs 50 %
        ((2.8, "2018-H2", 3.5, "2019-H2", None, None, HIGHER), 2019.5, "no-data"),
        # Holding the baseline: on track while not worse, then reached.
        ((5, "2018", 5, "2020", 5, "2019", HIGHER), 2020.0, "on-track"),
        ((5, "2018", 5, "2020", 4, "2020", HIGHER), 2021.0, "not-reached"),
    ],
)
def test_goal_status(args, report_end, expected):
    result = calc.goal_status(*args, report_end=report_end)
    assert result.status.value == expected
    assert result.deadline_passed == (
        expected in ("reached", "not-reached") or (report_end >= 2020.0 and args[3] <= "2019")
    )


def test_goal_status_states_its_rule():
    result = calc.goal_status(7.4, "2018", 6.0, "2021", 6.8, "2019", LOWER, report_end=2020.0)
    assert result.progress == pytest.approx(0.6 / 1.4)
    assert result.time_elapsed == pytest.approx(1 / 3)
    assert not result.deadline_passed


def test_trend_needs_three_periods_and_one_direction():
    # 2016: 10, 2018: 12, 2020: 16 on real time: slope 1.5 per year, every step up: improving.
    result = calc.trend([("2016", 10), ("2018", 12), ("2020", 16)], HIGHER)
    assert result.slope_per_year == pytest.approx(1.5)
    assert result.direction is calc.TrendDirection.IMPROVING and result.periods == 3
    assert (
        calc.trend([("2016", 10), ("2018", 12), ("2020", 16)], LOWER).direction
        is calc.TrendDirection.WORSENING
    )
    # Two points are a change, not a trend.
    assert calc.trend([("2018-H2", 0), ("2019-H2", 15)], HIGHER).direction is calc.TrendDirection.TOO_FEW
    # 22 -> 24 -> 23: the direction changes.
    assert (
        calc.trend([("2018-H2", 22), ("2019-H1", 24), ("2019-H2", 23)], HIGHER).direction
        is calc.TrendDirection.NO_CLEAR_TREND
    )
    # Steps below 1 % of the level are no change; only such steps: about the same.
    assert (
        calc.trend([("2019", 50), ("2020", 50.2), ("2021", 50.1)], HIGHER).direction
        is calc.TrendDirection.FLAT
    )
    # A flat step between rises still rises.
    assert (
        calc.trend([("2019", 5), ("2020", 5), ("2021", 7)], HIGHER).direction is calc.TrendDirection.IMPROVING
    )
    # Half-years are half a year apart: 2.8 -> 3.6 over one year is 0.8 per year.
    assert calc.trend(
        [("2018-H2", 2.8), ("2019-H1", 3.2), ("2019-H2", 3.6)], HIGHER
    ).slope_per_year == pytest.approx(0.8)


def test_difference_in_differences():
    # Hageby 8.1 -> 6.9 (-1.2), Navestad 7.2 -> 7.3 (+0.1): DiD = -1.3, better because lower is better.
    result = calc.difference_in_differences(8.1, 6.9, 7.2, 7.3, LOWER)
    assert result.estimate == pytest.approx(-1.3)
    assert result.improved is True
    assert calc.difference_in_differences(8.1, 6.9, 7.2, 7.3, HIGHER).improved is False
    assert calc.difference_in_differences(1, 2, 3, 4, HIGHER).improved is None


def _indicator(ident, question):
    return Indicator(ident, ident, Unit.COUNT, HIGHER, IndicatorLevel.OUTPUT, "own", "def", question=question)


def test_group_by_question_in_order():
    items = [
        _indicator("c", PerformanceQuestion.BETTER_OFF),
        _indicator("a", PerformanceQuestion.HOW_MUCH),
        _indicator("x", None),
        _indicator("b", PerformanceQuestion.HOW_MUCH),
    ]
    grouped = calc.group_by_question(items)
    assert list(grouped) == [PerformanceQuestion.HOW_MUCH, PerformanceQuestion.BETTER_OFF]
    assert [i.id for i in grouped[PerformanceQuestion.HOW_MUCH]] == ["a", "b"]


def test_series_and_latest():
    rows = [
        Measurement("p", "A", "2019-H2", 5),
        Measurement("p", "A", "2019", 3),
        Measurement("p", "B", "2020", 9),
        Measurement("p", "A", "2019-H1", 4, group="women"),
    ]
    assert calc.series(rows, "p", "A") == [("2019", 3), ("2019-H2", 5)]
    assert calc.latest(rows, "p", "A").period == "2019-H2"
    assert calc.latest(rows, "p", "C") is None


def test_estimate_scenarios_by_hand():
    from labkit.model import Assumption, Estimate

    estimate = Estimate(
        indicator="participants-into-work",
        value_per_person_year=Assumption(200_000, 300_000, 400_000, "source"),
        duration_years=Assumption(1, 2, 3, "source"),
        deadweight=Assumption(0.2, 0.3, 0.5, "source"),
        attribution=Assumption(0.3, 0.5, 0.7, "source"),
        drop_off=Assumption(0.1, 0.2, 0.5, "source"),
        investment_sek=1_000_000,
    )
    low, central, high = estimate_scenarios(estimate, 10)
    # The low scenario is cautious everywhere: the high deadweight and drop-off.
    assert (low.deadweight, low.drop_off, high.deadweight, high.drop_off) == (0.5, 0.5, 0.2, 0.1)
    assert low.used("deadweight") == 0.5 and central.effective_years == pytest.approx(1.8)
    # low: 10 x 200 000 x 1 year x (1 - 0.5 deadweight) x 0.3 = 300 000
    assert low.value_sek == pytest.approx(300_000)
    # central: 10 x 300 000 x (1 + 0.8) x 0.7 x 0.5 = 1 890 000
    assert central.value_sek == pytest.approx(1_890_000)
    # high: 10 x 400 000 x (1 + 0.9 + 0.81) x 0.8 x 0.7 = 6 070 400
    assert high.value_sek == pytest.approx(6_070_400)
    assert central.return_ratio == pytest.approx(1.89)
    assert discounted_years(2.5, 0.2) == pytest.approx(1 + 0.8 + 0.5 * 0.64)


def test_a_trend_compares_periods_of_the_same_length():
    mixed = [("2017", 10), ("2018-H1", 12), ("2018-H2", 14)]
    result = calc.trend(mixed, HIGHER)
    assert result.direction is calc.TrendDirection.MIXED_PERIODS and result.slope_per_year is None
    # A school year is as long as a calendar year.
    assert (
        calc.trend([("2017", 10), ("2018/19", 12), ("2020", 14)], HIGHER).direction
        is calc.TrendDirection.IMPROVING
    )
    # Fewer than three periods say so first.
    assert calc.trend(mixed[:2], HIGHER).direction is calc.TrendDirection.TOO_FEW
