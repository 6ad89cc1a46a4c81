"""Linear growth of the outcome report: ten times the rows may take at most twelve times as long.

    python benchmarks/report_growth.py [--quick]        (or: python benchmarks/run.py report-growth)

Three data shapes, each at 1,000, 10,000 and 100,000 measurement rows:

two areas    one indicator month after month in the lab's area and its reference area (compared in the report)
many groups  one indicator in ten periods, broken down into more and more groups
long series  one indicator measured month after month, for more and more months

The lab starts halfway through the data at every size, so every size makes the same parts of the report (before
and after the start, and for two areas the comparison since the start). Each run loads the measurement file, computes every figure with small-number protection on the whole report and
renders the Word report with its charts, in one process. About one figure in twenty is a count below ten, so
protection always has work to do. The ratio of each size to the one ten times smaller is printed; the target is
at most 12.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

LAB = """
id: growth-lab
name: Tillväxtlabb
host: Bostadsbolaget
area: {{name: Norrby, municipality: Exempelstad, reference_area: Söderby}}
partners:
  - {{id: housing, organisation: Bostadsbolaget, actor: housing-company, role: Värd}}
  - {{id: tenants, organisation: Hyresgästföreningen, actor: tenants-association, role: Boende}}
  - {{id: police, organisation: Polisen, actor: police, role: Polis}}
  - {{id: municipality, organisation: Kommunen, actor: municipality, role: Kommun}}
  - {{id: residents, organisation: Boende, actor: residents, role: Deltar}}
focus_areas: [employment]
challenge: Arbete.
target_group: Boende.
phases:
  - {{phase: understand, start: {start}, end: {understood}}}
  - {{phase: test, start: {testing}, end: 9999-12-31}}
methods:
  - {{id: safety-walk, responsible: housing}}
goals:
  - indicator: participants-into-work
    baseline: {{value: {baseline}, period: "{first}"}}
    target: {{value: 100000000, period: "9999"}}
data_files: [data.csv]
"""

INDICATOR = "participants-into-work"


def _value(rng: random.Random) -> int:
    return rng.randint(1, 9) if rng.random() < 0.05 else rng.randint(10, 400)


def two_areas(rows: int, rng: random.Random) -> list[tuple[str, str, int, str]]:
    # Every area of a lab's measurements is its own or its reference area (any other is refused), so the rows
    # grow as two ever longer series side by side.
    months = [f"{1000 + k // 12}-{k % 12 + 1:02d}" for k in range(rows // 2)]
    return [(area, month, _value(rng), "") for area in ("Norrby", "Söderby") for month in months]


def many_groups(rows: int, rng: random.Random) -> list[tuple[str, str, int, str]]:
    periods = [str(2000 + k) for k in range(10)]
    groups = rows // len(periods) - 1
    found = []
    for period in periods:
        values = [_value(rng) for _ in range(groups)]
        found.append(("Norrby", period, sum(values), ""))
        found += [("Norrby", period, v, f"grupp {g}") for g, v in enumerate(values)]
    return found


def long_series(rows: int, rng: random.Random) -> list[tuple[str, str, int, str]]:
    return [("Norrby", f"{1000 + k // 12}-{k % 12 + 1:02d}", _value(rng), "") for k in range(rows)]


SHAPES: dict[str, Callable[[int, random.Random], list[tuple[str, str, int, str]]]] = {
    "two areas": two_areas,
    "many groups": many_groups,
    "long series": long_series,
}


def _write(folder: Path, data: list[tuple[str, str, int, str]]) -> Path:
    lines = ["indicator,area,period,value,group"]
    lines += [f"{INDICATOR},{area},{period},{value},{group}" for area, period, value, group in data]
    (folder / "data.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lab = folder / "lab.yaml"
    periods = sorted({p for a, p, _v, g in data if a == "Norrby" and not g}, key=lambda p: (len(p), p))
    first = periods[0]
    baseline = next(v for a, p, v, g in data if a == "Norrby" and p == first and not g)
    # The lab starts halfway through the data at every size, so each size has the same parts of the report
    # (the periods before and after the start, the comparison with the reference area since the start).
    start = _first_day(periods[len(periods) // 2])
    lab.write_text(
        LAB.format(
            first=first,
            baseline=baseline,
            start=start,
            understood=start + dt.timedelta(days=180),
            testing=start + dt.timedelta(days=181),
        ),
        encoding="utf-8",
    )
    return lab


def _first_day(period: str) -> dt.date:
    """The first day of a period written as a year (2005) or a month (1500-07)."""
    year, _, month = period.partition("-")
    return dt.date(int(year), int(month or 1), 1)


def time_report(lab: Path) -> float:
    """CPU seconds to load the measurements, compute the protected figures and render the Word report.

    CPU time of this process, not wall time: the machines these run on are shared, and everything happens in
    this one process.
    """
    from labkit.catalog import get_catalog
    from labkit.labs.report import figures_for, load_report_context, render_report

    catalog = get_catalog()
    start = time.process_time()
    ctx = load_report_context(lab, catalog=catalog)
    figures = figures_for(ctx, (dt.date(1000, 1, 1), dt.date(9999, 12, 31)))
    render_report(ctx, lang="sv", figures=figures)
    return time.process_time() - start


def growth(quick: bool) -> list[dict[str, object]]:
    sizes = [1_000, 10_000] if quick else [1_000, 10_000, 100_000]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        # Warm up: imports, template compilation, fonts.
        warm = Path(tmp) / "warm"
        warm.mkdir()
        time_report(_write(warm, two_areas(200, random.Random(0))))
        for shape, make in SHAPES.items():
            seconds = {}
            for size in sizes:
                folder = Path(tmp) / f"{shape}-{size}".replace(" ", "-")
                folder.mkdir()
                lab = _write(folder, make(size, random.Random(size)))
                runs = 3 if size <= 10_000 else 2
                seconds[size] = min(time_report(lab) for _ in range(runs))
            for small, large in itertools.pairwise(sizes):
                ratio = seconds[large] / seconds[small]
                detail = f"{seconds[large]:.2f} s for {large:,} rows vs {seconds[small]:.2f} s for {small:,}"
                print(
                    f"report, {shape:<12} {large:>7,} / {small:>6,} rows  {ratio:6.2f}x  (target <= 12) "
                    f"{'OK' if ratio <= 12 else 'MISSED'}  {detail}"
                )
                results.append(
                    {
                        "name": f"report growth: {shape}, {large} vs {small} rows",
                        "ratio": round(ratio, 3),
                        "target": "<= 12",
                        "ok": ratio <= 12,
                        "detail": detail,
                    }
                )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="Only 1,000 and 10,000 rows.")
    growth(parser.parse_args().quick)


if __name__ == "__main__":
    main()
