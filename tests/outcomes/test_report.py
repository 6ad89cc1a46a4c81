"""The outcome report: status per goal, sections with charts, and no small group visible anywhere."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest

from labkit.cli import main
from labkit.errors import InvalidDataError
from labkit.labs.report import render_report

LAB = """
id: small-lab
name: Litet labb
host: Bostadsbolaget
area: {name: Norr, municipality: Exempelstad, reference_area: Söder}
partners:
  - {id: housing, organisation: Bostadsbolaget, actor: housing-company, role: Värd}
  - {id: tenants, organisation: Hyresgästföreningen, actor: tenants-association, role: Boende}
  - {id: police, organisation: Polisen, actor: police, role: Polis}
focus_areas: [safety]
challenge: Otrygghet.
target_group: Boende.
phases:
  - {phase: understand, start: 2019-01-01, end: 2019-12-31}
  - {phase: test, start: 2020-01-01, end: 2021-12-31}
methods:
  - {id: test-walk, responsible: housing}
goals:
  - {indicator: participants-into-work, baseline: {value: 0, period: 2019}, target: {value: 30, period: 2021}}
  - {indicator: feeling-unsafe-evening, baseline: {value: 24.0, period: 2019}, target: {value: 18.0, period: 2021}}
"""

DATA = """indicator,area,period,value,numerator,denominator,group
participants-into-work,Norr,2020,23,,,
participants-into-work,Norr,2020,17,,,women
participants-into-work,Norr,2020,6,,,men
participants-into-work,Norr,2021,31,,,
participants-into-work,Norr,2021,7,,,women
participants-into-work,Norr,2021,24,,,men
feeling-unsafe-evening,Norr,2019,24.0,48,200,
feeling-unsafe-evening,Norr,2021,19.5,39,200,
feeling-unsafe-evening,Söder,2019,20.0,40,200,
feeling-unsafe-evening,Söder,2021,21.0,42,200,
feeling-unsafe-evening,Norr,2020,25.0,2,8,
"""


@pytest.fixture
def lab_files(tmp_path):
    lab = tmp_path / "lab.yaml"
    lab.write_text(LAB, encoding="utf-8")
    data = tmp_path / "data.csv"
    data.write_text(DATA, encoding="utf-8")
    return lab, data


def _all_text(document_bytes):
    with zipfile.ZipFile(io.BytesIO(document_bytes)) as package:
        xml = package.read("word/document.xml").decode()
    return re.sub(r"<[^>]+>", " ", xml)


def test_report_shows_status_and_hides_small_groups(lab_files, catalog, tmp_path):
    lab, data = lab_files
    document = render_report(lab, data=[data], lang="en", catalog=catalog, charts_dir=tmp_path / "charts")
    opened = docx.Document(io.BytesIO(document.data))
    rows = [[c.text for c in r.cells] for t in opened.tables for r in t.rows]
    assert ["Goal", "Baseline", "Latest", "Target", "Status"] in rows
    assert [
        "Participants into work, studies, internship or own business",
        "0 (2019)",
        "31 (2021)",
        "30 (2021)",
        "Reached",
    ] in rows
    # 19.5 % in 2021 against 24 -> 18 by 2021, and the report period ends with 2021: not reached.
    assert [
        "Feeling unsafe outdoors late in the evening",
        "24.0 % (2019)",
        "19.5 % (2021)",
        "18.0 % (2021)",
        "Not reached",
    ] in rows
    # Groups: 6 men (2020) and 7 women (2021) are below 10; their partners in the same year are hidden too.
    # Every group cell is hidden, so the table is replaced by one sentence.
    assert not [r for r in rows if r and r[0] in ("2020", "2021")]
    text = _all_text(document.data)
    assert "All values by group are hidden to protect individuals." in text
    for small in (" 6 ", " 7 ", " 17 "):  # (24, the men of 2021, equals the baseline of another goal)
        assert small not in text
    # The survey figure resting on 8 respondents (2020) is hidden; the footnote explains "..".
    assert "25.0 %" not in text and "25,0" not in text
    assert "hidden to protect individuals – the figure rests on fewer than 10 people" in text
    # One period before the lab in both areas: side by side only.
    assert "Norr and Söder are shown side by side only" in text
    charts = sorted(p.name for p in (tmp_path / "charts").iterdir())
    assert "small-lab-feeling-unsafe-evening-en.png" in charts
    assert not any(c.endswith(".svg") for c in charts)
    assert any(n.startswith("word/media/") for n in zipfile.ZipFile(io.BytesIO(document.data)).namelist())


def test_report_needs_measurements(lab_files, catalog):
    lab, _data = lab_files
    with pytest.raises(InvalidDataError, match="the lab has no measurements"):
        render_report(lab, catalog=catalog)


def test_bad_data_file_reports_every_cell_and_writes_nothing(
    lab_files, tmp_path, capsys, monkeypatch, catalog
):
    import labkit.catalog

    monkeypatch.setattr(labkit.catalog, "_default", catalog)
    lab, data = lab_files
    data.write_text(
        "indicator,area,period,value\nparticipants-into-work,Norr,2020,tjugo\nx y,Norr,2021,3\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.docx"
    assert main(["report", str(lab), "--data", str(data), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{data}:2: value: expected a number, got 'tjugo'" in err
    assert f"{data}:3: indicator: 'x y' is not a valid id" in err
    assert not out.exists()


def test_charts_are_png_unless_svg_is_asked_for(lab_files, tmp_path, monkeypatch, catalog):
    import labkit.catalog

    monkeypatch.setattr(labkit.catalog, "_default", catalog)
    lab, data = lab_files
    charts = tmp_path / "charts"
    assert (
        main(
            [
                "report",
                str(lab),
                "--data",
                str(data),
                "--charts",
                str(charts),
                "--svg",
                "-o",
                str(tmp_path / "r.docx"),
            ]
        )
        == 0
    )
    names = sorted(p.name for p in charts.iterdir())
    assert (
        "small-lab-feeling-unsafe-evening-sv.png" in names
        and "small-lab-feeling-unsafe-evening-sv.svg" in names
    )


def test_outcomes_is_pure_calculation():
    """No module of labkit.outcomes imports documents, labs, the built-in plugin or the CLI, not even in a function."""
    import ast
    from pathlib import Path

    import labkit.outcomes

    found = []
    for path in Path(labkit.outcomes.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom):
                module = ("." * node.level) + (node.module or "")
                names = [module] + [f"{module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if any(part in name for part in ("documents", "labs", "builtin", "cli", "generators")):
                    found.append(f"{path.name}: {name}")
    assert found == []


def test_sources_are_printed_in_the_report_language(lab_files, catalog):
    """Data sources named in `source_names` and an estimate's assumption sources given per language are printed
    in the report's language; a source not listed is printed as written (never silently translated)."""
    lab, data = lab_files
    lab.write_text(
        LAB
        + """source_names:
  Egen enkät: {sv: Egen enkät, en: Own survey}
estimate:
  indicator: participants-into-work
  value_per_person_year: {low: 100, central: 200, high: 300, source: {sv: Antagande om värde, en: Assumed value}}
  duration_years: {low: 1, central: 2, high: 3, source: {sv: Antagande om tid, en: Assumed duration}}
  deadweight: {low: 0.1, central: 0.2, high: 0.3, source: Bara svenska}
  attribution: {low: 0.3, central: 0.5, high: 0.7, source: {sv: Antagande om andel, en: Assumed share}}
  drop_off: {low: 0.1, central: 0.2, high: 0.3, source: {sv: Antagande om avtagande, en: Assumed drop-off}}
""",
        encoding="utf-8",
    )
    rows = DATA.splitlines()
    sourced = [rows[0] + ",source"] + [
        row + (",Egen enkät" if row.startswith("feeling") else ",Registret") for row in rows[1:]
    ]
    data.write_text("\n".join(sourced) + "\n", encoding="utf-8")
    english = _all_text(render_report(lab, data=[data], lang="en", catalog=catalog).data)
    assert "Own survey" in english and "Egen enkät" not in english
    assert "Registret" in english  # not listed: as written
    for source in ("Assumed value", "Assumed duration", "Assumed share", "Assumed drop-off", "Bara svenska"):
        assert source in english
    assert "Antagande om" not in english
    swedish = _all_text(render_report(lab, data=[data], lang="sv", catalog=catalog).data)
    assert "Egen enkät" in swedish and "Antagande om värde" in swedish and "Assumed" not in swedish


def test_a_hidden_latest_figure_names_its_period_in_the_summary(lab_files, catalog):
    lab, data = lab_files
    data.write_text(
        DATA.replace(
            "feeling-unsafe-evening,Norr,2021,19.5,39,200,", "feeling-unsafe-evening,Norr,2021,37.5,3,8,"
        ),
        encoding="utf-8",
    )
    document = render_report(lab, data=[data], lang="en", catalog=catalog)
    rows = [
        [c.text for c in r.cells] for t in docx.Document(io.BytesIO(document.data)).tables for r in t.rows
    ]
    unsafe = next(r for r in rows if r and r[0] == "Feeling unsafe outdoors late in the evening")
    assert unsafe[2] == "24.0 % (2019); 2021: .."
