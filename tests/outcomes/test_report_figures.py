"""One computation, many views: the JSON, the Word report and a hand calculation agree.

Three labs: the demo, a lab with a reference area (tests/data/reports/reference-lab.yaml) and a lab with a
rating-scale indicator measured in two periods (tests/data/reports/scale-lab.yaml). For each, the figures
``labkit report --json`` writes are checked against values worked out by hand (in the comments), and the Word
report in Swedish and English is read back with python-docx and checked against the JSON. Every scenario of the
socio-economic estimate is recomputed from its assumptions, both as the JSON gives them and as the Word table
prints them.
"""

from __future__ import annotations

import io
import json
import math
import re
from pathlib import Path

import docx
import pytest

from labkit.cli import main
from labkit.labs.demo import demo_lab_path

DATA = Path(__file__).parent.parent / "data" / "reports"
DEMO = demo_lab_path()
REFERENCE = DATA / "reference-lab.yaml"
SCALE = DATA / "scale-lab.yaml"


def report_json(lab: Path, capsys, *args: str) -> dict:
    assert main(["report", str(lab), "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The Word reports of the three labs in both languages, opened with python-docx."""
    out = tmp_path_factory.mktemp("reports")
    found = {}
    for lab in (DEMO, REFERENCE, SCALE):
        for lang in ("sv", "en"):
            path = out / f"{lab.stem}-{lang}.docx"
            assert main(["report", str(lab), "--lang", lang, "-o", str(path)]) == 0
            found[(lab, lang)] = docx.Document(io.BytesIO(path.read_bytes()))
    return found


def rows(document) -> list[list[str]]:
    return [[c.text for c in r.cells] for t in document.tables for r in t.rows]


def text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def number(cell: str, lang: str) -> float:
    """A number as the report prints it: '2 896 000 kr', 'SEK 2,896,000', '0,5', '35 %', '−0,8'."""
    cleaned = cell.replace("\u00a0", "").replace("kr", "").replace("SEK", "").replace("%", "").strip()
    cleaned = cleaned.replace("−", "-").replace(" ", "")
    cleaned = cleaned.replace(",", ".") if lang == "sv" else cleaned.replace(",", "")
    return float(cleaned)


def row(table_rows: list[list[str]], label: str) -> list[str]:
    found = [r for r in table_rows if r and r[0].startswith(label)]
    assert found, f"no row starting with {label!r}"
    return found[0]


def section(figures: dict, indicator: str) -> dict:
    return next(s for s in figures["sections"] if s["indicator"] == indicator)


def values(series: dict) -> list[tuple[str, float | None]]:
    return [(p["period"], p["value"]) for p in series["points"]]


# ---------------------------------------------------------------------------------------------------------------
# The demo


def test_demo_figures_by_hand(capsys):
    f = report_json(DEMO, capsys)
    assert f["period"] == {
        "start": "2018-08-20",
        "end": "2019-12-31",
        "source": "lab",
        "lab_start": "2018-08-20",
    }
    # Two goals reached (15 >= 12 into work; 3.6 >= 3.5 belief), one not (21 < 25 interviews), one before its
    # deadline and on track (unemployment).
    assert f["summary"] == {
        "goals": 4,
        "reached": 2,
        "not_reached": 1,
        "on_track": 1,
        "off_track": 0,
        "no_data": 0,
    }

    work = section(f, "participants-into-work")
    # 6 in 2019-H1 is a count of people below 10; the groups 4 and 11 (= 15 - 4) are hidden too.
    assert values(work["series"]) == [("2018-H2", 0.0), ("2019-H1", None), ("2019-H2", 15.0)]
    assert work["groups"]["all_hidden"] is True
    assert work["change"]["absolute"] == 15.0 and work["change"]["relative"] is None  # baseline 0
    assert work["goal"]["progress"] == 1.25  # (15 - 0) / (12 - 0)
    assert work["goal"]["status"] == "reached" and work["goal"]["deadline_passed"] is True
    assert work["trend"]["direction"] == "too-few"  # two published periods

    belief = section(f, "belief-in-future")
    assert belief["change"] == {
        "from_period": "2018-H2",
        "from_value": 2.8,
        "to_period": "2019-H2",
        "to_value": 3.6,
        "absolute": 0.8,  # points on the scale, never "+29 %"
        "relative": None,
        "unit": "scale-points",
    }
    assert belief["goal"]["progress"] == pytest.approx(0.8 / 0.7)
    assert belief["trend"]["direction"] == "improving" and belief["trend"]["slope_per_year"] == 0.8

    interviews = section(f, "job-interviews")
    # Interviews are events, not people: 2 is shown. 2 -> 21 is +19 (+950 %); 19 / 23 of the way.
    assert values(interviews["series"])[0] == ("2018-H2", 2.0)
    assert interviews["change"]["relative"] == 9.5
    assert interviews["goal"]["status"] == "not-reached"
    # Least squares over 2018.75, 2019.25, 2019.75 and 2, 12, 21: 9.5 / 0.5 = 19 per year.
    assert interviews["trend"]["slope_per_year"] == 19.0

    unemployed = section(f, "registered-unemployed-12-months")
    # 2020 lies after the lab's period: not used. Baseline 7.4 (2018), latest 6.8 (2019), target 6.0 (2021).
    assert unemployed["left_out"] == ["2020"]
    assert unemployed["goal"]["status"] == "on-track"
    assert unemployed["goal"]["progress"] == pytest.approx(0.6 / 1.4)  # 43 % of the way
    assert unemployed["goal"]["time_elapsed"] == pytest.approx(1 / 3)  # midpoints 2018.5 -> 2019.5 -> 2021.5
    assert unemployed["change"]["unit"] == "percentage-points" and unemployed["change"]["absolute"] == -0.6
    # 8.1, 7.9, 7.4, 6.8: every step down, lower is better: improving; slope -2.2 / 5 = -0.44 per year.
    assert unemployed["trend"]["direction"] == "improving" and unemployed["trend"]["slope_per_year"] == -0.44
    c = unemployed["comparison"]
    # The lab started 2018-08-20: 2016 and 2017 are before it in both areas (2018 is not: it includes the start).
    assert c["kind"] == "difference-in-differences"
    assert [(g["period"], g["gap"]) for g in c["pre_periods"]] == [("2016", 0.9), ("2017", 0.8)]
    # (6.8 - 7.9) - (6.8 - 7.1) = -1.1 + 0.3 = -0.8: better, as lower is better.
    assert (c["before"]["period"], c["after"]["period"], c["difference"], c["improved"]) == (
        "2017",
        "2019",
        -0.8,
        True,
    )
    # Placebo on the pre-periods: (7.9 - 8.1) - (7.1 - 7.2) = -0.1.
    assert c["placebo"] == {"from_period": "2016", "to_period": "2017", "difference": -0.1}
    assert c["causal_wording"] is False and c["evidence_level"] == 2

    # Counts of things are not protected; pairs matched (9) is a count of matches made.
    assert values(section(f, "mentoring-matches")["series"]) == [("2019-H1", 9.0), ("2019-H2", 14.0)]
    participants = section(f, "participants")
    assert participants["trend"]["direction"] == "no-clear-trend"  # 22 -> 24 -> 23

    estimate = f["estimate"]
    assert estimate["people"] == 15.0 and estimate["invented"] is True
    # low:     15 × 220 000 × 1                × (1 − 0.50) × 0.30 =    495 000
    # central: 15 × 330 000 × (1 + 0.8)        × (1 − 0.35) × 0.50 =  2 895 750
    # high:    15 × 440 000 × (1 + 0.9 + 0.81) × (1 − 0.20) × 0.70 = 10 016 160
    assert [round(s["amount_sek"], 2) for s in estimate["scenarios"]] == [495000.0, 2895750.0, 10016160.0]
    assert f["protection"]["hidden"] == 3 and f["protection"]["hidden_by_reason"] == {
        "few-people": 2,
        "secondary": 1,
    }


def test_reference_lab_figures_by_hand(capsys):
    f = report_json(REFERENCE, capsys)
    unsafe = section(f, "feeling-unsafe-evening")
    # "Totalt" is the total of 2019; 2021 is after the report period; Söderby's groups are not shown.
    assert values(unsafe["series"]) == [
        ("2016", 30.0),
        ("2017", 29.0),
        ("2018", 28.0),
        ("2019", 26.0),
        ("2020", 24.0),
    ]
    assert unsafe["left_out"] == ["2021"] and f["left_out_measurements"] == 2
    # Goal 28 (2018) -> 20 (2022); 24 in 2020: (24 - 28) / (20 - 28) = 50 % of the way after
    # (2020.5 - 2018.5) / (2022.5 - 2018.5) = 50 % of the time: on track.
    goal = unsafe["goal"]
    assert (goal["status"], goal["progress"], goal["time_elapsed"], goal["deadline_passed"]) == (
        "on-track",
        0.5,
        0.5,
        False,
    )
    assert goal["baseline"] == {"period": "2018", "value": 28.0, "source": "measured", "lab_file_value": None}
    assert unsafe["change"]["absolute"] == -4.0 and unsafe["change"]["unit"] == "percentage-points"
    # 30, 29, 28, 26, 24 on 2016.5 ... 2020.5: slope -15 / 10 = -1.5 per year.
    assert unsafe["trend"]["slope_per_year"] == -1.5
    c = unsafe["comparison"]
    # Before = 2018 (the last pre-period), after = 2020: (24 - 28) - (23.5 - 24) = -4 + 0.5 = -3.5.
    assert (c["area_change"], c["reference_change"], c["difference"]) == (-4.0, -0.5, -3.5)
    assert [g["gap"] for g in c["pre_periods"]] == [5.0, 4.5, 4.0]
    assert c["placebo"]["difference"] == -1.0  # (28 - 30) - (24 - 25)
    # 4 of 20 aged 16-24 is a count of 4 people: hidden, and 25-64 (which would give it as 48 - 44) too; the
    # gender breakdown stays.
    groups = unsafe["groups"]
    assert groups["groups"] == ["16–24 år", "25–64 år", "kvinnor", "män"]
    assert [(c["value"], c.get("hidden")) for c in groups["rows"][0]] == [
        (None, "few-people"),
        (None, "secondary"),
        (30.0, None),
        (22.0, None),
    ]


def test_scale_lab_figures_by_hand(capsys):
    f = report_json(SCALE, capsys)
    belief = section(f, "belief-in-future")
    # Two periods: a change of +0.3 points on the scale, no per cent change and no trend.
    assert belief["change"]["absolute"] == 0.3 and belief["change"]["relative"] is None
    assert belief["trend"]["direction"] == "too-few" and belief["trend"]["periods"] == 2
    # The deadline (end of 2020-H2) is the end of the report period: 3.4 < 3.5 is not reached.
    assert belief["goal"]["status"] == "not-reached" and belief["goal"]["progress"] == pytest.approx(0.75)
    assert values(section(f, "participants")["series"]) == [("2020-H1", None), ("2020-H2", 15.0)]
    assert values(section(f, "mentoring-matches")["series"]) == [("2020-H2", 3.0)]  # a count of things
    assert values(section(f, "job-interviews")["series"]) == [("2020-H1", 4.0)]
    e = f["estimate"]
    # low:     12 × 200 000 × (1 + 0.5 × 0.7)              × 0.7 × 0.4 =   907 200
    # central: 12 × 250 000 × (1 + 0.8)                    × 0.8 × 0.5 = 2 160 000
    # high:    12 × 300 000 × (1 + 0.9 + 0.5 × 0.81)       × 0.9 × 0.6 = 4 480 920
    assert [round(s["amount_sek"], 2) for s in e["scenarios"]] == [907200.0, 2160000.0, 4480920.0]
    assert [round(s["value_per_krona"], 4) for s in e["scenarios"]] == [0.9072, 2.16, 4.4809]


# ---------------------------------------------------------------------------------------------------------------
# Every scenario recomputed from its assumptions: in the JSON and in the Word table


def effective_years(duration: float, drop_off: float) -> float:
    whole = math.floor(duration)
    return sum((1 - drop_off) ** y for y in range(whole)) + (duration - whole) * (1 - drop_off) ** whole


def recompute(people: float, used: dict[str, float]) -> float:
    return (
        people
        * used["value_per_person_year"]
        * effective_years(used["duration_years"], used["drop_off"])
        * (1 - used["deadweight"])
        * used["attribution"]
    )


@pytest.mark.parametrize("lab", [DEMO, SCALE], ids=["demo", "scale"])
def test_scenarios_recompute_from_the_json(lab, capsys):
    estimate = report_json(lab, capsys)["estimate"]
    for scenario in estimate["scenarios"]:
        used = {a["name"]: a["value"] for a in scenario["assumptions"]}
        assert recompute(estimate["people"], used) == pytest.approx(scenario["amount_sek"])
    # The low scenario is the cautious one: high deadweight and drop-off.
    low = {a["name"]: a["end"] for a in estimate["scenarios"][0]["assumptions"]}
    assert low == {
        "value_per_person_year": "low",
        "duration_years": "low",
        "deadweight": "high",
        "attribution": "low",
        "drop_off": "high",
    }


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("lab", [DEMO, SCALE], ids=["demo", "scale"])
def test_scenarios_recompute_from_the_word_table(lab, lang, rendered, capsys):
    figures = report_json(lab, capsys)["estimate"]
    table = rows(rendered[(lab, lang)])
    labels = {
        "sv": ["Värde per person", "Varaktighet", "Dödvikt", "Tillskrivning", "Avtagande"],
        "en": ["Value per person", "Duration", "Deadweight", "Attribution", "Drop-off"],
    }[lang]
    keys = ["value_per_person_year", "duration_years", "deadweight", "attribution", "drop_off"]
    people = number(row(table, "Personer" if lang == "sv" else "People")[1], lang)
    amounts = row(table, "Uppskattat värde" if lang == "sv" else "Estimated value")[1:4]
    for column in (1, 2, 3):
        used = {}
        for key, label in zip(keys, labels, strict=True):
            value = number(row(table, label)[column], lang)
            used[key] = value / 100 if key in ("deadweight", "attribution", "drop_off") else value
        recomputed = recompute(people, used)
        printed = number(amounts[column - 1], lang)
        # The report prints amounts in whole thousands.
        assert abs(recomputed - printed) <= 500
        assert abs(figures["scenarios"][column - 1]["amount_sek"] - printed) <= 500


# ---------------------------------------------------------------------------------------------------------------
# The Word report prints the JSON's figures


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_demo_word_report_matches_the_json(lang, rendered, capsys):
    f = report_json(DEMO, capsys)
    document = rendered[(DEMO, lang)]
    table = rows(document)
    body = text(document)
    status = {
        "sv": ["Uppnått", "Uppnått", "Inte uppnått", "På väg mot målet"],
        "en": ["Reached", "Reached", "Not reached", "On track"],
    }
    summary = [r for r in table if r and r[-1] in status[lang]]
    assert [r[-1] for r in summary] == status[lang]
    for line, s in zip(summary, [s for s in f["sections"] if s["goal"]], strict=True):
        goal = s["goal"]
        assert line[1].endswith(f"({goal['baseline']['period']})")
        assert number(line[1].split(" (")[0], lang) == goal["baseline"]["value"]
        assert number(line[2].split(" (")[0], lang) == s["latest"]["value"]
        assert number(line[3].split(" (")[0], lang) == goal["target_value"]
    c = section(f, "registered-unemployed-12-months")["comparison"]
    gaps = [r for r in table if r and r[0] in ("2016", "2017")]
    assert [number(r[3].split(" ")[0], lang) for r in gaps] == [g["gap"] for g in c["pre_periods"]]
    sv = lang == "sv"
    assert ("−0,8 procentenheter" if sv else "−0.8 percentage points") in body
    assert ("+0,8 skalsteg" if sv else "+0.8 points on the scale") in body
    assert ("inte en skattning av labbets effekt" if sv else "not an estimate of the lab's effect") in body
    assert (
        "Trend över 3 perioder (2018-H2 till 2019-H2): ingen tydlig trend" if sv else "no clear trend"
    ) in body
    assert ("påhittade exempelsiffror" if sv else "invented example figures") in body
    assert ("uppskattning, inte ett mätt resultat" if sv else "estimate, not a measured result") in body
    # The ratio only with its range: 0.5 to 9.5 kronor per krona.
    assert ("mellan 0,5 och 9,5 kronor" if sv else "between 0.5 and 9.5 kronor") in body
    # The groups are all hidden: one sentence instead of the table (and no group id anywhere).
    assert ("Alla värden per grupp är dolda" if sv else "All values by group are hidden") in body
    assert "born-in-europe" not in body


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_reference_word_report_matches_the_json(lang, rendered, capsys):
    report_json(REFERENCE, capsys)
    document = rendered[(REFERENCE, lang)]
    table = rows(document)
    body = text(document)
    sv = lang == "sv"
    groups = [r for r in table if r and r[0] == "2020" and len(r) == 5]
    assert groups == [["2020", "..", "..", "30,0 %" if sv else "30.0 %", "22,0 %" if sv else "22.0 %"]]
    header = next(r for r in table if r and r[0] == "Period" and len(r) == 5)
    assert header[3:] == (["Kvinnor", "Män"] if sv else ["Women", "Men"])
    # The reason is printed under the table where the hidden values are.
    assert (
        "..: dolt för att skydda enskilda – färre än 10 personer; en uppgift som ett dolt värde"
        if sv
        else "..: hidden to protect individuals – fewer than 10 people; a figure from which"
    ) in body
    assert (
        "en skillnad på −3,5 procentenheter (bättre för Norrby)"
        if sv
        else "a difference of −3.5 percentage points (better for Norrby)"
    ) in body
    assert ("ger −1,0 procentenheter" if sv else "gives −1.0 percentage points") in body
    assert ("50 % av vägen efter 50 % av tiden" if sv else "50 % of the way after 50 % of the time") in body
    assert ("Mätt efter rapportperioden och inte använt här: 2021" if sv else "not used here: 2021") in body


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_scale_word_report_matches_the_json(lang, rendered):
    body = text(rendered[(SCALE, lang)])
    sv = lang == "sv"
    # Points on the scale, and no per cent change after them.
    assert (
        "Förändring sedan utgångsläget (2020-H1): +0,3 skalsteg.\n"
        if sv
        else "Change since the baseline (2020-H1): +0.3 points on the scale.\n"
    ) in body
    assert ("Ingen trend: 2 publicerade perioder" if sv else "No trend: 2 published periods") in body
    assert (
        "Inte uppnått – målet var 3,5 för 2020-H2, och värdet för 2020-H2 är 3,4"
        if sv
        else "Not reached – the target was 3.5 for 2020-H2, and the value for 2020-H2 is 3.4"
    ) in body
    # This lab's figures are not marked as invented (only the demo's are).
    assert ("påhittade exempelsiffror" if sv else "invented example figures") not in body


def test_report_period_from_the_command(capsys):
    f = report_json(DEMO, capsys, "--period", "2016:2020")
    assert f["period"]["source"] == "command" and (f["period"]["start"], f["period"]["end"]) == (
        "2016-01-01",
        "2020-12-31",
    )
    unemployed = section(f, "registered-unemployed-12-months")
    assert unemployed["left_out"] == [] and unemployed["latest"] == {"period": "2020", "value": 6.9}
    # 2020 is after the lab started and its value of 6.9 is the latest: -0.5 since 2018; the goal is for 2021.
    assert unemployed["goal"]["status"] == "off-track"
    assert main(["report", str(DEMO), "--json", "--period", "2020:2019"]) == 2
    assert "ends before it starts" in capsys.readouterr().err


def test_json_to_a_file_and_the_same_figures_as_the_word_report(tmp_path, capsys):
    out = tmp_path / "figures.json"
    assert main(["report", str(DEMO), "--json", "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    assert json.loads(out.read_text(encoding="utf-8")) == report_json(DEMO, capsys)
    # No floating-point noise in the differences (0.8, not 0.8000000000000007).
    assert re.search(r"\.\d*(0{7}|9{7})\d", out.read_text(encoding="utf-8")) is None


def test_the_cycle_collector_is_paused_while_figures_are_computed_and_restored_after(monkeypatch):
    import gc

    from labkit import _gc

    seen = []
    original = _gc.collector_paused

    def watching():
        seen.append("entered")
        return original()

    monkeypatch.setattr("labkit.outcomes.report.collector_paused", watching)
    from labkit import report_figures

    report_figures(DEMO)
    assert seen == ["entered"] and gc.isenabled()
    gc.disable()
    try:
        with _gc.collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # it stays as it was
    finally:
        gc.enable()
    with _gc.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_no_trend_across_periods_of_different_lengths(tmp_path, capsys):
    """A year next to half-years: the steps between them are not comparable, so the report draws no trend and
    says why, in the JSON and in the Word report."""
    import shutil

    lab = tmp_path / "lab"
    shutil.copytree(DEMO.parent, lab)
    data = lab / "measurements.csv"
    data.write_text(
        data.read_text(encoding="utf-8")
        + "belief-in-future,Hageby,2017,2.6,,40,,Exempel: deltagarenkät,Påhittat exempel\n",
        encoding="utf-8",
    )
    belief = section(report_json(lab / "lab.yaml", capsys), "belief-in-future")
    assert [p["period"] for p in belief["series"]["points"]] == ["2017", "2018-H2", "2019-H1", "2019-H2"]
    assert belief["trend"]["direction"] == "mixed-periods"
    assert belief["trend"]["slope_per_year"] is None
    for lang, words in (
        ("sv", "Ingen trend: de 4 publicerade perioderna är inte lika långa"),
        ("en", "No trend: the 4"),
    ):
        out = tmp_path / f"report-{lang}.docx"
        assert main(["report", str(lab / "lab.yaml"), "--lang", lang, "-o", str(out)]) == 0
        assert words in text(docx.Document(str(out)))


def test_the_collector_comes_back_when_the_last_of_several_threads_is_done():
    import gc
    import threading

    from labkit import _gc

    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def first():
        with _gc.collector_paused():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second():
        first_in.wait(5)
        with _gc.collector_paused():
            second_in.set()
            first_out.wait(5)
            seen.append(gc.isenabled())  # the first thread is done, this one is still working

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == [False] and gc.isenabled()
