"""Whole-report protection: every published figure and the relations between them treated as one system."""

from __future__ import annotations

import pytest

from labkit.model import Indicator, IndicatorLevel, Measurement, Polarity, Unit
from labkit.outcomes.protect import CellKey, Reason, is_total_name, protect_report


def _indicator(ident: str, unit: Unit = Unit.COUNT, people: bool = True) -> Indicator:
    return Indicator(
        ident,
        ident,
        unit,
        Polarity.HIGHER_IS_BETTER,
        IndicatorLevel.OUTCOME,
        "own",
        "def",
        counts_people=people,
    )


INDICATORS = {
    "n": _indicator("n"),
    "events": _indicator("events", people=False),
    "share": _indicator("share", Unit.SHARE),
    "belief": _indicator("belief", Unit.SCALE),
}


def m(period, value, group=None, indicator="n", area="A", **kw):
    return Measurement(indicator, area, period, value, group=group, **kw)


def hidden(protection):
    return {(f.key.period, f.key.group): f.reason for f in protection.hidden}


def test_a_small_group_and_its_partner_are_hidden_the_total_stays():
    result = protect_report([m("2019", 15), m("2019", 11, "outside"), m("2019", 4, "europe")], INDICATORS)
    assert hidden(result) == {("2019", "europe"): Reason.FEW_PEOPLE, ("2019", "outside"): Reason.SECONDARY}
    assert result.get(CellKey("n", "A", "2019")).value == 15


def test_a_total_that_would_narrow_its_hidden_groups_is_hidden_too():
    # Total 10 = 7 + 3: with 10 published, each hidden group lies in 1..9, fewer than 10 possible values.
    result = protect_report([m("2019", 10), m("2019", 7, "a"), m("2019", 3, "b")], INDICATORS)
    assert set(hidden(result)) == {("2019", "a"), ("2019", "b"), ("2019", None)}
    # Total 11 = 10 + 1: each hidden group lies in 1..10, ten possible values: the total may stay.
    result = protect_report([m("2019", 11), m("2019", 10, "a"), m("2019", 1, "b")], INDICATORS)
    assert set(hidden(result)) == {("2019", "a"), ("2019", "b")}


def test_counts_of_things_are_never_hidden():
    result = protect_report(
        [m("2019", 3, indicator="events"), m("2019", 1, "x", indicator="events")], INDICATORS
    )
    assert result.hidden == []


def test_zero_is_shown_and_never_hidden_to_protect_another():
    result = protect_report(
        [m("2019", 15), m("2019", 15, "a"), m("2019", 0, "b"), m("2019", 0, "c")], INDICATORS
    )
    assert result.hidden == []
    # A group of 4 next to zeros: its partner must be a non-zero cell (here the total), never a zero.
    result = protect_report([m("2019", 4), m("2019", 4, "a"), m("2019", 0, "b")], INDICATORS)
    assert ("2019", "b") not in hidden(result)


@pytest.mark.parametrize("name", ["Totalt", "TOTAL", "alla", " Alla ", "Samtliga", "all"])
def test_named_totals_are_the_total(name):
    assert is_total_name(name)
    result = protect_report(
        [m("2019", 15, name), m("2019", 11, "outside"), m("2019", 4, "europe")], INDICATORS
    )
    assert set(hidden(result)) == {("2019", "europe"), ("2019", "outside")}
    assert result.get(CellKey("n", "A", "2019")).value == 15


def test_two_overlapping_breakdowns_are_both_found():
    # 40 = women 4 + men 36 = age 16-24 20 + 25-64 20. Hiding women and men is enough: the age groups add
    # nothing to what a reader knows of them, and each lies in 1..39.
    rows = [
        m("2020", 40),
        m("2020", 4, "women"),
        m("2020", 36, "men"),
        m("2020", 20, "16-24"),
        m("2020", 20, "25-64"),
    ]
    result = protect_report(rows, INDICATORS)
    assert set(hidden(result)) == {("2020", "women"), ("2020", "men")}
    assert result.relations["groups"] == 2


def test_two_breakdowns_without_a_total_are_linked_through_it():
    # No total: women 4 + men 26 = young 12 + old 18 (= 30). The ages give the total, and the total minus the
    # men gives the women: so the men are hidden too (each then lies in 1..29).
    rows = [m("2020", 4, "women"), m("2020", 26, "men"), m("2020", 12, "young"), m("2020", 18, "old")]
    result = protect_report(rows, INDICATORS)
    assert hidden(result) == {("2020", "women"): Reason.FEW_PEOPLE, ("2020", "men"): Reason.SECONDARY}
    assert result.relations["groups"] == 2


def test_nested_periods_a_year_and_its_halves():
    # The year 2019 (30) and H1 (25) published would give H2 = 5.
    result = protect_report([m("2019", 30), m("2019-H1", 25), m("2019-H2", 5)], INDICATORS)
    assert ("2019-H2", None) in hidden(result)
    assert len(result.hidden) >= 2
    assert result.relations["periods"] == 1  # 2019 = H1 + H2


def test_nested_periods_any_mix_of_year_quarters_and_months():
    # 2019 = H1 + Q3 + Q4, and Q4 = 10 + 11 + 12: every hidden month must stay wide.
    rows = [
        m("2019", 100),
        m("2019-H1", 50),
        m("2019-Q3", 30),
        m("2019-Q4", 20),
        m("2019-10", 12),
        m("2019-11", 5),
        m("2019-12", 3),
    ]
    result = protect_report(rows, INDICATORS)
    assert {("2019-11", None), ("2019-12", None)} <= set(hidden(result))
    assert len(result.hidden) >= 3


def test_school_year_and_its_months():
    # August 2018 to July 2019: eleven months of 10 and March of 4 add up to the school year, 114.
    months = [f"2018-{k:02d}" for k in range(8, 13)] + [f"2019-{k:02d}" for k in range(1, 8)]
    rows = [m("2018/19", 114)] + [m(p, 4 if p == "2019-03" else 10) for p in months]
    result = protect_report(rows, INDICATORS)
    assert ("2019-03", None) in hidden(result)
    assert len(result.hidden) == 2 and result.relations["periods"] == 1  # 2018/19 = its twelve months


def test_a_stock_series_that_does_not_add_up_gets_no_time_relation():
    # Participants at the end of each period: the year is not the sum of its halves.
    result = protect_report([m("2019", 23), m("2019-H1", 22), m("2019-H2", 24)], INDICATORS)
    assert result.hidden == [] and "periods" not in result.relations


def test_a_lab_file_baseline_takes_part():
    # The goal's baseline for 2019 (lab file: 30) with H1 published would give H2.
    key = CellKey("n", "A", "2019")
    result = protect_report([m("2019-H1", 25), m("2019-H2", 5)], INDICATORS, baselines=[(key, 30.0)])
    assert ("2019-H2", None) in hidden(result)
    assert result.get(key).source == "lab-file"
    assert any(f.key == key or f.key.period == "2019-H1" for f in result.hidden)


def test_counts_with_a_denominator_are_judged_by_the_count():
    # "3 of 25" reveals three people: hidden although the base is large.
    result = protect_report([m("2019", 3, denominator=25)], INDICATORS)
    assert hidden(result) == {("2019", None): Reason.FEW_PEOPLE}


def test_shares_follow_the_count_rule_and_the_base_rule():
    rows = [
        m("2018", 80.0, indicator="share", numerator=4, denominator=5),  # base 5
        m("2019", 12.0, indicator="share", numerator=3, denominator=25),  # 3 people
        m("2020", 96.0, indicator="share", numerator=24, denominator=25),  # all but 1
        m("2021", 75.0, indicator="share", numerator=30, denominator=40),
        m("2022", 7.5, indicator="share"),  # no base: cannot be judged
        m("2023", 20.0, indicator="share", denominator=100),  # numerator derived: 20
    ]
    result = protect_report(rows, INDICATORS)
    assert hidden(result) == {
        ("2018", None): Reason.SMALL_BASE,
        ("2019", None): Reason.FEW_PEOPLE,
        ("2020", None): Reason.FEW_REST,
    }


def test_a_share_of_a_small_group_with_published_bases_is_protected():
    # Women 2 of 20, men 18 of 30, all 20 of 50: the group's count follows from the total's.
    rows = [
        m("2019", 40.0, indicator="share", numerator=20, denominator=50),
        m("2019", 10.0, "women", indicator="share", numerator=2, denominator=20),
        m("2019", 60.0, "men", indicator="share", numerator=18, denominator=30),
    ]
    result = protect_report(rows, INDICATORS)
    assert ("2019", "women") in hidden(result) and ("2019", "men") in hidden(result)


def test_averages_resting_on_few_people_are_hidden():
    result = protect_report([m("2019", 3.5, indicator="belief", denominator=6)], INDICATORS)
    assert hidden(result) == {("2019", None): Reason.SMALL_BASE}


def test_a_lower_minimum_and_rounding():
    rows = [m("2019", 15), m("2019", 11, "outside"), m("2019", 4, "europe")]
    assert protect_report(rows, INDICATORS, min_count=3).hidden == []
    rounded = protect_report(
        [m("2019", 23), m("2019", 12, "a"), m("2019", 11, "b")], INDICATORS, round_counts=5
    )
    assert [rounded.get(CellKey("n", "A", "2019", g)).value for g in (None, "a", "b")] == [25.0, 10.0, 10.0]
    assert rounded.get(CellKey("n", "A", "2019")).rounded
    shares = protect_report(
        [m("2019", 24.4, indicator="share", denominator=200)], INDICATORS, share_decimals=0
    )
    assert shares.get(CellKey("share", "A", "2019")).value == 24.0


def test_rounded_figures_are_intervals_for_the_audit():
    # Rounded to 5, the total 23 is published as 25 (23..27 to a reader) and the group 19 as 20 (18..22): the
    # hidden 4 would lie in 1..9, so the 19 is hidden too.
    rows = [m("2019", 23), m("2019", 19, "a"), m("2019", 4, "b")]
    assert set(hidden(protect_report(rows, INDICATORS, round_counts=5))) == {("2019", "a"), ("2019", "b")}
    # Three groups: 40 = 30 + 6 + 4 (published 40 and 30: the two hidden groups add up to 6..14, so each lies
    # in 1..13 and the 30 may stay).
    three = [m("2019", 40), m("2019", 30, "a"), m("2019", 6, "b"), m("2019", 4, "c")]
    assert set(hidden(protect_report(three, INDICATORS, round_counts=5))) == {("2019", "b"), ("2019", "c")}


def test_a_long_series_splits_into_small_independent_parts():
    rows = []
    for year in range(1900, 2000):
        rows += [m(str(year), 30), m(f"{year}-H1", 25), m(f"{year}-H2", 5)]
    result = protect_report(rows, INDICATORS)
    assert len(result.hidden) >= 200
    assert all(CellKey("n", "A", f"{y}-H2") in {f.key for f in result.hidden} for y in range(1900, 2000))
