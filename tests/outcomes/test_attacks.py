"""An attacker who reads only the published report (the Word document and the JSON) and does the arithmetic.

Hypothesis generates measurement files from a hidden "truth": for every month, the number of people into work
per gender and age group (flows, so every published figure is a sum of these). Each file publishes a random mix
of years, halves, quarters, months and a school year; totals (sometimes as a named group, "Totalt" or "Alla",
sometimes missing) with a breakdown by gender and one by age; and a goal whose baseline may be a period the file
does not measure (so it is printed from the lab file).

The attacker knows all of that structure: that counts add up over time and over both breakdowns, that they are
never negative and that a hidden count is at least 1 (zeros are shown). It reads every published figure of the
report (group tables, summary table, goal baselines and the charts' alt texts in the Word document; series and
tables in the JSON, which must agree), and for each hidden figure solves for it: exactly (is it fixed by the
published figures?) and by linear programming (its least and greatest possible value). It must recover nothing
and narrow nothing below the minimum.

``LABKIT_ATTACK_EXAMPLES=500 pytest tests/outcomes/test_attacks.py -s`` runs a larger campaign and prints the
figures: files generated, hidden cells, recovered, narrowed.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import zipfile
from collections import Counter
from pathlib import Path

import docx
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from labkit.catalog import Catalog
from labkit.files import dump_json
from labkit.labs.report import figures_for, load_report_context, render_report
from labkit.outcomes.periods import period_months
from labkit.plugins import load_plugins

METHODS = Path(__file__).parent.parent / "data" / "lab-methods"
GENDERS = ("kvinnor", "män")
AGES = ("16–24 år", "25–44 år", "45–64 år")
INDICATOR = "participants-into-work"
MIN_COUNT = 10
EXAMPLES = int(os.environ.get("LABKIT_ATTACK_EXAMPLES", "15"))
TALLY: Counter[str] = Counter()

LAB = """
id: attack-lab
name: Testlabb
host: Bostadsbolaget
area: {{name: Norrby, municipality: Exempelstad}}
partners:
  - {{id: housing, organisation: Bostadsbolaget, actor: housing-company, role: Värd}}
  - {{id: tenants, organisation: Hyresgästföreningen, actor: tenants-association, role: Boende}}
  - {{id: police, organisation: Polisen, actor: police, role: Polis}}
focus_areas: [employment]
challenge: Arbete.
target_group: Boende.
phases:
  - {{phase: understand, start: {start}-01-01, end: {start}-03-31}}
  - {{phase: test, start: {start}-04-01, end: {end}-12-31}}
methods:
  - {{id: test-walk, responsible: housing}}
goals:
  - indicator: {indicator}
    baseline: {{value: {baseline}, period: "{baseline_period}"}}
    target: {{value: 1000, period: "{target}"}}
data_files: [data.csv]
"""


# ---------------------------------------------------------------------------------------------------------------
# The truth and what a file publishes


def periods_of(years: list[int], levels: set[str]) -> list[str]:
    found = []
    for year in years:
        if "year" in levels:
            found.append(str(year))
        if "half" in levels:
            found += [f"{year}-H1", f"{year}-H2"]
        if "quarter" in levels:
            found += [f"{year}-Q{q}" for q in range(1, 5)]
        if "month" in levels:
            found += [f"{year}-{m:02d}" for m in range(1, 13)]
    if "school" in levels and len(years) == 2:
        found.append(f"{years[0]}/{(years[1]) % 100:02d}")
    return found


@st.composite
def scenarios(draw):
    years = [2019] if draw(st.booleans()) else [2019, 2020]
    months = [(year * 12 + m) for year in years for m in range(12)]
    # People into work per month, gender and age: mostly 0-2, so months and small groups fall below 10.
    truth = {
        (month, g, a): draw(st.integers(0, 2 if draw(st.integers(0, 9)) else 6))
        for month in months
        for g in GENDERS
        for a in AGES
    }
    levels = draw(
        st.sets(
            st.sampled_from(["year", "half", "quarter", "month", "school"]), min_size=1, max_size=4
        ).filter(lambda s: s != {"school"})
    )
    rows = []
    for period in periods_of(years, levels):
        if draw(st.integers(0, 9)) > 0:  # the total, sometimes under a name, sometimes missing
            rows.append((period, draw(st.sampled_from([None, None, "Totalt", "Alla"]))))
        if draw(st.integers(0, 9)) < 7:
            rows += [(period, g) for g in GENDERS]
        if draw(st.integers(0, 9)) < 5:
            rows += [(period, a) for a in AGES]
    baseline_period = draw(st.sampled_from(periods_of(years, {"year", "half", "quarter"})))
    return {"years": years, "truth": truth, "rows": rows, "baseline_period": baseline_period}


def true_value(truth: dict, period: str, group: str | None) -> int:
    first, end = period_months(period)
    return sum(
        v
        for (month, g, a), v in truth.items()
        if first <= month < end and (group in (None, "Totalt", "Alla") or group in (g, a))
    )


def write_files(folder: Path, scenario: dict) -> Path:
    truth = scenario["truth"]
    lines = ["indicator,area,period,value,group"]
    for period, group in scenario["rows"]:
        lines.append(f"{INDICATOR},Norrby,{period},{true_value(truth, period, group)},{group or ''}")
    (folder / "data.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lab = folder / "lab.yaml"
    lab.write_text(
        LAB.format(
            start=scenario["years"][0],
            end=scenario["years"][-1],
            indicator=INDICATOR,
            baseline=true_value(truth, scenario["baseline_period"], None),
            baseline_period=scenario["baseline_period"],
            target=scenario["years"][-1] + 2,
        ),
        encoding="utf-8",
    )
    return lab


# ---------------------------------------------------------------------------------------------------------------
# The attacker: reads the report, then solves


def canonical(group: str | None) -> str | None:
    return None if group in (None, "Totalt", "Alla") else group


def read_json(figures: dict) -> dict[tuple[str, str | None], float | None]:
    """Every figure of the indicator the JSON publishes: (period, group) -> value, None where hidden."""
    section = next(s for s in figures["sections"] if s["indicator"] == INDICATOR)
    seen: dict[tuple[str, str | None], float | None] = {}
    for point in section["series"]["points"]:
        seen[(point["period"], None)] = point["value"]
    if section["groups"]:
        for period, cells in zip(section["groups"]["periods"], section["groups"]["rows"], strict=True):
            for group, cell in zip(section["groups"]["groups"], cells, strict=True):
                if cell is not None:
                    seen[(period, group)] = cell["value"]
    baseline = section["goal"]["baseline"]
    seen.setdefault((baseline["period"], None), baseline["value"])
    return seen


def number(text: str) -> float | None:
    text = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".").replace("−", "-")
    return None if text in ("..", "–", "") else float(text)


def read_word(document_bytes: bytes) -> dict[tuple[str, str | None], float | None]:
    """What the Word document publishes: group tables, the summary table and the charts' alt texts."""
    document = docx.Document(io.BytesIO(document_bytes))
    seen: dict[tuple[str, str | None], float | None] = {}
    for table in document.tables:
        header = [c.text for c in table.rows[0].cells]
        if header[0] == "Period" and len(header) > 1:
            for row in table.rows[1:]:
                cells = [c.text for c in row.cells]
                for group, cell in zip(header[1:], cells[1:], strict=True):
                    if cell != "–":
                        seen[(cells[0], group)] = number(cell)
        if header[:2] == ["Mål", "Utgångsläge"]:
            for row in table.rows[1:]:
                baseline = row.cells[1].text
                match = re.fullmatch(r"(.+) \((.+)\)", baseline)
                assert match, baseline
                seen[(match[2], None)] = number(match[1])
    with zipfile.ZipFile(io.BytesIO(document_bytes)) as package:
        xml = package.read("word/document.xml").decode()
    for alt in re.findall(r'descr="([^"]*)"', xml):
        for period, value in re.findall(r"(\d{4}(?:-H\d|-Q\d|-\d\d|/\d\d)?): ([^;.]+)", alt):
            seen.setdefault((period, None), None if value.strip() == "dolt" else number(value))
    return seen


def attack(scenario: dict, seen: dict[tuple[str, str | None], float | None]) -> tuple[int, int, int]:
    """Solve for every hidden figure: (hidden, recovered exactly, narrowed below the minimum)."""
    truth = scenario["truth"]
    atoms = sorted(truth)
    index = {a: i for i, a in enumerate(atoms)}

    def row(period: str, group: str | None) -> np.ndarray:
        first, end = period_months(period)
        vector = np.zeros(len(atoms))
        for month, g, a in atoms:
            if first <= month < end and (group is None or group in (g, a)):
                vector[index[(month, g, a)]] = 1.0
        return vector

    published = [(row(p, g), v) for (p, g), v in seen.items() if v is not None]
    hidden = [(p, g) for (p, g), v in seen.items() if v is None]
    a_eq = np.array([r for r, _ in published]) if published else np.zeros((0, len(atoms)))
    b_eq = np.array([v for _, v in published]) if published else np.zeros(0)
    # Hidden counts are at least 1 (zeros are shown): -row . x <= -1.
    a_ub = np.array([-row(p, g) for p, g in hidden]) if hidden else None
    b_ub = -np.ones(len(hidden)) if hidden else None
    recovered = narrowed = 0
    for period, group in hidden:
        target = row(period, group)
        low = linprog(target, A_eq=a_eq, b_eq=b_eq, A_ub=a_ub, b_ub=b_ub, bounds=(0, None), method="highs")
        high = linprog(-target, A_eq=a_eq, b_eq=b_eq, A_ub=a_ub, b_ub=b_ub, bounds=(0, None), method="highs")
        assert low.status == 0, "the published figures contradict the truth"
        least = low.fun
        greatest = -high.fun if high.status == 0 else math.inf
        if greatest - least < 0.5:
            recovered += 1
            assert round(least) == true_value(truth, period, group)
        elif (
            math.isfinite(greatest) and math.floor(greatest + 1e-7) - math.ceil(least - 1e-7) + 1 < MIN_COUNT
        ):
            narrowed += 1
    return len(hidden), recovered, narrowed


# ---------------------------------------------------------------------------------------------------------------


def _catalog() -> Catalog:
    class Methods:
        from labkit import hookimpl

        @hookimpl
        def labkit_methods(self) -> list[Path]:
            return [METHODS / "walk.yaml"]

    catalog = Catalog(load_plugins(entry_points=False))
    catalog.register(Methods(), name="attack-methods")
    return catalog


CATALOG = _catalog()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
    derandomize=EXAMPLES <= 15,
)
@given(scenario=scenarios())
def test_the_attacker_recovers_nothing(scenario, tmp_path_factory):
    folder = tmp_path_factory.mktemp("attack")
    lab = write_files(folder, scenario)
    # One computation, two views: the JSON and the Word report of the same figures.
    ctx = load_report_context(lab, catalog=CATALOG)
    figures = figures_for(ctx)
    from_json = read_json(json.loads(dump_json(figures)))
    document = render_report(ctx, lang="sv", figures=figures)
    from_word = read_word(document.data)
    # The two views publish the same figures: nothing in the document that the JSON does not have.
    for key, value in from_word.items():
        assert from_json.get(key, "absent") == value, key
    hidden, recovered, narrowed = attack(scenario, from_json)
    TALLY.update(files=1, hidden=hidden, recovered=recovered, narrowed=narrowed)
    assert (recovered, narrowed) == (0, 0)


def test_report_the_campaign():
    """Runs after the campaign above (tests run in file order) and prints its figures."""
    print(
        f"\nattack campaign: files generated {TALLY['files']}, hidden cells {TALLY['hidden']}, "
        f"recovered {TALLY['recovered']}, narrowed below {MIN_COUNT}: {TALLY['narrowed']}"
    )
    assert TALLY["recovered"] == TALLY["narrowed"] == 0
