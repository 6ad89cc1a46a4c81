"""Counted words and signed numbers in the rendered outcome report read right in Swedish and English.

The report is rendered from a lab whose indicators have none, one, two and three published periods, a change
below zero and progress below zero; then every sentence of the document (paragraphs, table cells and the charts'
descriptions) is read: a count of 1 is never followed by a plural ("1 published periods", "1 publicerade
perioder"), a count of 0 never printed as "0 published periods", and a number below zero always carries the
typographic minus sign (U+2212), never a hyphen-minus ("-50 %").
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest

from labkit.labs.report import render_report

LAB = """
id: wording-lab
name: Trygghetslabb
host: Bostadsbolaget
area: {name: Norrby, municipality: Exempelstad, reference_area: Söderby}
partners:
  - {id: host, organisation: Bostadsbolaget, actor: housing-company, role: Värd}
  - {id: tenants, organisation: Hyresgästföreningen, actor: tenants-association, role: Boende}
  - {id: residents, organisation: Boende i Norrby, actor: residents, role: Boende}
  - {id: municipality, organisation: Kommunen, actor: municipality, role: Kommun}
  - {id: police, organisation: Polisen, actor: police, role: Polis}
focus_areas: [safety]
challenge: Otrygghet på kvällarna.
target_group: Boende i Norrby.
phases:
  - {phase: understand, start: 2019-01-01, end: 2019-06-30}
  - {phase: test, start: 2019-07-01, end: 2021-12-31}
methods:
  - {id: safety-walk, responsible: host}
goals:
  - indicator: feeling-unsafe-evening
    baseline: {value: 30, period: 2018}
    target: {value: 20, period: 2022}
  - indicator: safety-walk-actions-on-time
    baseline: {value: 40, period: 2018}
    target: {value: 80, period: 2022}
"""

DATA = """indicator,area,period,value,numerator,denominator,group,source,note
feeling-unsafe-evening,Norrby,2018,30,,200,,survey,
feeling-unsafe-evening,Norrby,2020,35.5,,210,,survey,
feeling-unsafe-evening,Söderby,2018,28,,220,,survey,
feeling-unsafe-evening,Söderby,2020,27,,230,,survey,
safety-walk-actions-on-time,Norrby,2018,40,,200,,list,
safety-walk-actions-on-time,Norrby,2019,35,,210,,list,
safety-walk-actions-on-time,Norrby,2020,30,,220,,list,
safety-walk-resident-share,Norrby,2020,45,,31,,protocols,
participants,Norrby,2020,5,,,,lists,
"""

#: Plural nouns (with an adjective or two between) that must not follow the number 1, nor 0 for "periods".
PLURALS = {
    "en": r"(?:periods|people|persons|phases|methods|documents|problems|items|sources)",
    "sv": r"(?:perioder|mätperioder|personer|faser|metoder|dokument|problem)",
}
ADJECTIVES = r"(?:[^\W\d]+ ){0,2}"
#: A hyphen-minus used as a sign: before a digit and not inside a word, a date (2026-11-29) or a range (16-24).
HYPHEN_SIGN = re.compile(r"(?<![\w.,)\]])-\d")


def texts(document: bytes) -> list[str]:
    """Every paragraph, table cell and image description of the Word document."""
    opened = docx.Document(io.BytesIO(document))
    found = [p.text for p in opened.paragraphs]
    found += [c.text for t in opened.tables for r in t.rows for c in r.cells]
    with zipfile.ZipFile(io.BytesIO(document)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    found += re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml)
    return found


def wording_problems(lang: str, lines: list[str]) -> list[str]:
    plural_after_one = re.compile(rf"(?<![\d,.\u00a0−+])\b1 {ADJECTIVES}{PLURALS[lang]}\b")
    zero_periods = re.compile(rf"(?<![\d,.\u00a0−+])\b0 {ADJECTIVES}(?:periods|perioder)\b")
    problems = []
    for line in lines:
        for pattern, why in (
            (plural_after_one, "plural after 1"),
            (zero_periods, "0 periods"),
            (HYPHEN_SIGN, "hyphen-minus as a sign"),
        ):
            problems += [f"{why}: {m[0]!r} in {line!r}" for m in pattern.finditer(line)]
    return problems


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, list[str]]:
    folder: Path = tmp_path_factory.mktemp("wording")
    (folder / "lab.yaml").write_text(LAB, encoding="utf-8")
    (folder / "data.csv").write_text(DATA, encoding="utf-8")
    return {
        lang: texts(render_report(folder / "lab.yaml", data=[folder / "data.csv"], lang=lang).data)
        for lang in ("sv", "en")
    }


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_counts_agree_with_their_nouns_and_minus_signs_are_typographic(reports, lang):
    assert wording_problems(lang, reports[lang]) == []


def test_the_report_has_the_cases_the_check_looks_at(reports):
    en, sv = "\n".join(reports["en"]), "\n".join(reports["sv"])
    assert "No trend: 1 published period, and a trend needs at least three." in en
    assert "No trend: no published period, and a trend needs at least three." in en
    assert "No trend: 2 published periods, and a trend needs at least three." in en
    assert "Ingen trend: 1 publicerad period, och en trend kräver minst tre." in sv
    assert "Ingen trend: ingen publicerad period, och en trend kräver minst tre." in sv
    assert "Change since the baseline (2018): −10.0 percentage points." in en
    assert "−55 % of the way from the baseline to the target (20.0 % by 2022)." in en
    assert "−55 % av vägen från utgångsläget till målet (20,0 % senast 2022)." in sv
    assert "Change = 30 − 40 = −10" in en


@pytest.mark.parametrize(
    ("lang", "line", "problem"),
    [
        ("en", "No trend: 1 published periods, and a trend needs at least three.", "plural after 1"),
        ("en", "No trend: 0 published periods, and a trend needs at least three.", "0 periods"),
        ("sv", "Ingen trend: 1 publicerade perioder, och en trend kräver minst tre.", "plural after 1"),
        ("en", "-50 % of the way from the baseline to the target", "hyphen-minus"),
        ("sv", "Förändring sedan utgångsläget (2018): -5,0 %.", "hyphen-minus"),
    ],
)
def test_the_wording_check_catches_the_old_mistakes(lang, line, problem):
    assert any(problem in found for found in wording_problems(lang, [line]))


@pytest.mark.parametrize(
    "line",
    [
        "Report period: 2026-11-29 – 2028-04-01",
        "Trend over 3 periods (2018-H2 to 2019-H2): improving.",
        "11 published periods",
        "21 personer",
        "Ages 16-24",
        "1,5 perioder",
    ],
)
def test_the_wording_check_leaves_right_text_alone(line):
    assert wording_problems("en", [line]) == wording_problems("sv", [line]) == []
