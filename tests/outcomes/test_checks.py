"""Measurements against the lab and the indicators: every mistake with file, row and column, none dropped silently."""

from __future__ import annotations

import pytest

from labkit.model import Indicator, IndicatorLevel, Measurement, Polarity, Unit
from labkit.outcomes.checks import measurement_problems, number_text
from labkit.outcomes.measurements import MAX_PROBLEMS, MeasurementRow, lab_file_rows, load_measurement_rows


def indicator(ident: str, unit: Unit) -> Indicator:
    return Indicator(ident, ident, unit, Polarity.LOWER_IS_BETTER, IndicatorLevel.OUTCOME, "own", "def")


INDICATORS = {
    "unsafe": indicator("unsafe", Unit.SHARE),
    "visits": indicator("visits", Unit.COUNT),
    "crimes": indicator("crimes", Unit.RATE),
    "hours": indicator("hours", Unit.HOURS),
    "index": indicator("index", Unit.INDEX),
    "cost": indicator("cost", Unit.SEK),
}


def check(tmp_path, rows: str, reference: str | None = "Navestad") -> list[str]:
    path = tmp_path / "data.csv"
    path.write_text("indicator,area,period,value,numerator,denominator,group\n" + rows, encoding="utf-8")
    found = load_measurement_rows(path)
    return [
        str(p).removeprefix(f"{path}:") for p in measurement_problems(found, INDICATORS, "Hageby", reference)
    ]


def test_good_rows_have_no_problems(tmp_path):
    rows = (
        "unsafe,Hageby,2019,41.7,5,12,\n"  # 41.666… written with one decimal
        "unsafe,Hageby,2020,42,5,12,\n"  # and with none
        "unsafe,Hageby,2021,0,0,0,\n"  # nobody asked: no share to compare
        "unsafe,Navestad,2019,30,,,\n"
        "unsafe,Hageby,2019,40,,,women\n"
        "unsafe,Hageby,2019,43,,,men\n"
        "index,Hageby,2019,-3,,,\n"  # an index may be negative
        "cost,Hageby,2019,-500,,,\n"
    )
    assert check(tmp_path, rows) == []


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("unsafe,Hageby,2019,130,,,", "2: value: 130 is not a share: unsafe is a percentage, from 0 to 100"),
        (
            "unsafe,Hageby,2019,-0.5,,,",
            "2: value: -0.5 is not a share: unsafe is a percentage, from 0 to 100",
        ),
        (
            "unsafe,Hageby,2019,48,5,12,",
            "2: value: 48 does not agree with the numerator and denominator: 100 × 5 / 12 = 41.67",
        ),
        (
            "unsafe,Hageby,2019,41.6,5,12,",  # 41.67 rounds to 41.7 with one decimal, not to 41.6
            "2: value: 41.6 does not agree with the numerator and denominator: 100 × 5 / 12 = 41.67",
        ),
        ("visits,Hageby,2019,-4,,,", "2: value: -4 is negative: visits (count) cannot be below 0"),
        ("crimes,Hageby,2019,-1.5,,,", "2: value: -1.5 is negative: crimes (rate) cannot be below 0"),
        ("hours,Hageby,2019,-2,,,", "2: value: -2 is negative: hours (hours) cannot be below 0"),
        (
            "unsafe,Hogeby,2019,30,,,",
            "2: area: the area 'Hogeby' is neither the lab's area 'Hageby' nor its reference area 'Navestad' "
            "(did you mean 'Hageby'?)",
        ),
        ("usnafe,Hageby,2019,30,,,", "2: indicator: unknown indicator 'usnafe' (did you mean 'unsafe'?)"),
        (
            "nope,Hageby,2019,30,,,",
            "2: indicator: unknown indicator 'nope'; 'labkit indicators' lists the installed ones",
        ),
    ],
)
def test_a_value_the_lab_cannot_use_is_a_problem_with_its_row_and_column(tmp_path, row, problem):
    assert check(tmp_path, row + "\n") == [problem]


def test_without_a_reference_area_only_the_lab_area_is_known(tmp_path):
    assert check(tmp_path, "unsafe,Navestad,2019,30,,,\n", reference=None) == [
        "2: area: the area 'Navestad' is not the lab's area 'Hageby'"
    ]


def test_two_values_for_one_cell_name_both_rows(tmp_path):
    rows = (
        "unsafe,Hageby,2019,30,,,\n"
        "unsafe,Hageby,2019,40,,,women\n"
        "unsafe,Hageby,2019,31,,,\n"  # the same total again
        "unsafe,Hageby,2019,32,,,Totalt\n"  # a total by name is the same cell
        "unsafe,Hageby,2019,41,,,women\n"
        "unsafe,Navestad,2019,30,,,\n"  # another area: another cell
    )
    assert check(tmp_path, rows) == [
        "4: a second value for unsafe in Hageby, 2019; the first is at row 2 "
        "(give each indicator, area, period and group one value)",
        "5: a second value for unsafe in Hageby, 2019; the first is at row 2 "
        "(give each indicator, area, period and group one value)",
        "6: a second value for unsafe in Hageby, 2019, group 'women'; the first is at row 3 "
        "(give each indicator, area, period and group one value)",
    ]


def test_a_second_value_in_another_file_names_the_first_file_and_row(tmp_path):
    first = tmp_path / "a.csv"
    first.write_text("indicator,area,period,value\nunsafe,Hageby,2019,30\n", encoding="utf-8")
    second = tmp_path / "b.csv"
    second.write_text("indicator,area,period,value\nvisits,Hageby,2019,3\nunsafe,Hageby,2019,31\n", "utf-8")
    rows = [*load_measurement_rows(first), *load_measurement_rows(second)]
    assert [str(p) for p in measurement_problems(rows, INDICATORS, "Hageby")] == [
        f"{second}:3: a second value for unsafe in Hageby, 2019; the first is at {first}:2 "
        "(give each indicator, area, period and group one value)"
    ]


def test_measurements_in_a_lab_file_are_named_by_line_and_field():
    positions = {("measurements", 0): 40, ("measurements", 0, "value"): 43, ("measurements", 0, "area"): 42}
    rows = lab_file_rows([Measurement("unsafe", "Hogeby", "2019", 120.0)], "lab.yaml", positions)
    assert [str(p) for p in measurement_problems(rows, INDICATORS, "Hageby")] == [
        "lab.yaml:43: measurements[0].value: 120 is not a share: unsafe is a percentage, from 0 to 100",
        "lab.yaml:42: measurements[0].area: the area 'Hogeby' is not the lab's area 'Hageby' "
        "(did you mean 'Hageby'?)",
    ]


def test_the_decimals_of_a_number_read_as_a_number_count():
    (row,) = lab_file_rows([Measurement("unsafe", "Hageby", "2019", 41.67, 5, 12)], "lab.yaml", {})
    assert row.decimals == 2
    assert measurement_problems([row], INDICATORS, "Hageby") == []
    (row,) = lab_file_rows([Measurement("unsafe", "Hageby", "2019", 41.6, 5, 12)], "lab.yaml", {})
    assert len(measurement_problems([row], INDICATORS, "Hageby")) == 1


def test_a_file_full_of_mistakes_lists_a_hundred_and_counts_the_rest():
    rows = [
        MeasurementRow(Measurement("unsafe", "Elsewhere", str(2000 + i % 30), 1.0, group=str(i)), "x.csv", i)
        for i in range(2, 152)
    ]
    problems = measurement_problems(rows, INDICATORS, "Hageby")
    assert len(problems) == MAX_PROBLEMS + 1
    assert str(problems[-1]) == "x.csv: and 50 more problem(s) not listed (150 in all)"


@pytest.mark.parametrize(("value", "text"), [(48.0, "48"), (41.666, "41.67"), (-0.001, "0"), (2.5, "2.5")])
def test_number_text(value, text):
    assert number_text(value) == text
