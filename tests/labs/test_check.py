"""``check_lab`` reads everything ``build`` and ``report`` will use: the data files and the goals against the installed
indicators, every problem at once with its file, line (or row) and field (or column).

The demo lab uses the innovation-lab, portalen and mentoring plugins (installed in the development environment).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.demo_plugins import needs_demo_plugins
from tests.lab_files import replace

from labkit.catalog import get_catalog
from labkit.errors import InvalidDataError
from labkit.labs.build import build
from labkit.labs.check import check_lab
from labkit.labs.demo import DEMO_DIR
from labkit.labs.report import report_figures

pytestmark = needs_demo_plugins


@pytest.fixture
def lab(tmp_path: Path) -> Path:
    """A copy of the demo lab and its measurements."""
    for name in ("lab.yaml", "measurements.csv"):
        shutil.copy(DEMO_DIR / name, tmp_path / name)
    return tmp_path / "lab.yaml"


def problems(lab: Path) -> list[str]:
    return [str(p) for p in check_lab(lab, get_catalog()).problems]


def add_data_file(lab: Path, text: str, name: str = "bad.csv") -> Path:
    replace(lab, "data_files: [measurements.csv]", f"data_files: [measurements.csv, {name}]")
    path = lab.parent / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_demo_lab_and_its_data_files_are_ok(lab):
    assert problems(lab) == []


def test_every_problem_of_a_data_file_is_named_by_file_row_and_column_with_the_lab_file_problems(lab):
    bad = add_data_file(
        lab,
        "indicator,area,period,value\n"
        "job-interviews,Hageby,2019-H1,tjugo\n"
        "nope,Hageby,2027,3\n"
        "job-intreviews,Hageby,2027,3\n"
        "job-interviews,Hogeby,2027,3\n",
    )
    line = replace(lab, "  - indicator: belief-in-future", "  - indicator: belief-in-futur")
    assert problems(lab) == [
        f"{lab}:{line}: goals[1].indicator: unknown indicator 'belief-in-futur' (did you mean 'belief-in-future'?)",
        f"{bad}:2: value: expected a number, got 'tjugo'",
        f"{bad}:3: indicator: unknown indicator 'nope'; 'labkit indicators' lists the installed ones",
        f"{bad}:4: indicator: unknown indicator 'job-intreviews' (did you mean 'job-interviews'?)",
        f"{bad}:5: area: the area 'Hogeby' is neither the lab's area 'Hageby' nor its reference area 'Navestad' "
        "(did you mean 'Hageby'?)",
    ]


def test_values_that_disagree_and_a_second_value_for_a_cell_across_files(lab):
    bad = add_data_file(
        lab,
        "indicator,area,period,value,numerator,denominator\n"
        "registered-unemployed-12-months,Hageby,2019,130,,\n"
        "registered-unemployed-12-months,Hageby,2022,48,5,12\n"
        "registered-unemployed-12-months,Hageby,2023,41.7,15,12\n",
    )
    first = next(
        i
        for i, row in enumerate((lab.parent / "measurements.csv").read_text("utf-8").splitlines(), 1)
        if row.startswith("registered-unemployed-12-months,Hageby,2019,")
    )
    assert problems(lab) == [
        f"{bad}:2: value: 130 is not a share: registered-unemployed-12-months is a percentage, from 0 to 100",
        f"{bad}:2: a second value for registered-unemployed-12-months in Hageby, 2019; the first is at "
        f"{lab.parent / 'measurements.csv'}:{first} (give each indicator, area, period and group one value)",
        f"{bad}:3: value: 48 does not agree with the numerator and denominator: 100 × 5 / 12 = 41.67",
        f"{bad}:4: numerator: the numerator (15) is larger than the denominator (12): "
        "a share counts people out of the group it is of",
    ]


def test_a_measurement_in_the_lab_file_is_checked_like_one_in_a_data_file(lab):
    line = replace(
        lab,
        "data_files: [measurements.csv]",
        "data_files: [measurements.csv]\nmeasurements:\n"
        "  - {indicator: registered-unemployed-12-months, area: Hageby, period: 2016, value: 8.1}",
    )
    # The lab file's measurements come first, so the data file's row is the second value.
    assert problems(lab) == [
        f"{lab.parent / 'measurements.csv'}:22: a second value for registered-unemployed-12-months in Hageby, "
        f"2016; the first is at {lab}:{line + 2} (give each indicator, area, period and group one value)"
    ]


def test_a_goal_on_the_wrong_side_of_its_baseline_a_second_goal_and_a_share_above_100(lab):
    # registered-unemployed-12-months: lower is better; job-interviews: higher is better.
    wrong = replace(lab, "    target: {value: 6.0, period: 2021}", "    target: {value: 9.0, period: 2021}")
    second = replace(
        lab,
        "budget:\n",
        "  - indicator: job-interviews\n"
        "    baseline: {value: 2, period: 2018-H2}\n"
        "    target: {value: 1, period: 2019}\n"
        "  - indicator: feeling-unsafe-evening\n"
        "    baseline: {value: 38, period: 2018}\n"
        "    target: {value: 148, period: 2021}\nbudget:\n",
    )
    first = lab.read_text("utf-8").splitlines().index("  - indicator: job-interviews") + 1
    assert problems(lab) == [
        f"{lab}:{wrong}: goals[3].target.value: the target 9 is above the baseline 7.4, but for "
        "registered-unemployed-12-months a lower value is better (lower-is-better)",
        f"{lab}:{second}: goals[4].indicator: a second goal for 'job-interviews'; the first is goals[2] "
        f"(line {first}): give each indicator one goal",
        f"{lab}:{second + 2}: goals[4].target.value: the target 1 is below the baseline 2, but for job-interviews "
        "a higher value is better (higher-is-better)",
        f"{lab}:{second + 5}: goals[5].target.value: 148 is not a share: feeling-unsafe-evening is a percentage, "
        "from 0 to 100",
        f"{lab}:{second + 5}: goals[5].target.value: the target 148 is above the baseline 38, but for "
        "feeling-unsafe-evening a lower value is better (lower-is-better)",
    ]


def test_build_and_report_refuse_what_lab_check_refuses(lab, tmp_path):
    bad = add_data_file(lab, "indicator,area,period,value\njob-interviews,Hageby,2019-H1,tjugo\n")
    expected = [f"{bad}:2: value: expected a number, got 'tjugo'"]
    assert problems(lab) == expected
    with pytest.raises(InvalidDataError) as caught:
        build(lab, tmp_path / "out", kinds=["lab-plan"], processes=1)
    assert [str(p) for p in caught.value.problems] == expected
    assert not (tmp_path / "out").exists()
    with pytest.raises(InvalidDataError) as caught:
        report_figures(lab)
    assert [str(p) for p in caught.value.problems] == expected


def test_a_report_with_more_data_refuses_a_second_value_from_it(lab, tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text("indicator,area,period,value\njob-interviews,Hageby,2019-H1,13\n", encoding="utf-8")
    with pytest.raises(InvalidDataError) as caught:
        report_figures(lab, data=[extra])
    assert [str(p) for p in caught.value.problems] == [
        f"{extra}:2: a second value for job-interviews in Hageby, 2019-H1; the first is at "
        f"{lab.parent / 'measurements.csv'}:11 (give each indicator, area, period and group one value)"
    ]


def test_a_negative_goal_for_a_count(lab):
    line = replace(
        lab, "    baseline: {value: 2, period: 2018-H2}\n", "    baseline: {value: -2, period: 2018-H2}\n"
    )
    assert problems(lab) == [
        f"{lab}:{line}: goals[2].baseline.value: -2 is negative: job-interviews (count) cannot be below 0"
    ]


def test_a_check_reads_each_data_file_and_the_report_uses_what_it_read(lab, tmp_path, monkeypatch):
    import labkit.outcomes.measurements as measurements

    real = measurements.load_measurement_rows
    read: list[Path] = []

    def counting(path):  # type: ignore[no-untyped-def]
        read.append(Path(path))
        return real(path)

    monkeypatch.setattr(measurements, "load_measurement_rows", counting)
    report_figures(lab)
    assert read == [lab.parent / "measurements.csv"]  # by the check; the report uses what the check read
    read.clear()
    # The build checks the lab once; its workers and the report document use what that check read.
    build(lab, tmp_path / "out", kinds=["lab-plan", "report"], processes=1)
    assert read == [lab.parent / "measurements.csv"]
