"""labkit benchmarks. Each prints a ratio against a baseline measured in the same run (machines are noisy).

    python benchmarks/run.py [SUITE|all] [--quick] [--json FILE]

cold-start  `labkit methods` vs importing only its light dependencies        target <= 1.5x
render      one guide with labkit vs plain docxtpl (fresh DocxTemplate)      target <= 0.08x
batch       1,000 guides on 2 processes vs 1; peak memory 1,000 vs 10 docs   targets >= 1.7x, <= 1.2x
build       `labkit build` of the demo lab vs one fresh process per document target >= 3x
site        `labkit site` (11 methods x 2 languages, with documents) vs one
            fresh process per document; rebuild with nothing changed      targets >= 3x, >= 2x
report-growth  the outcome report at 1k, 10k and 100k rows in three data
            shapes (benchmarks/report_growth.py)                        target each 10x rows <= 12x time
pdf         20 guides with PDF (labkit, all cores) vs rendering the 20 .docx
            and converting them in one LibreOffice call                  target <= 1.3x
partners    a build with 1,000 partners vs 50, CPU time per document
            (benchmarks/partners.py)                                    target <= 1.2x
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
LABKIT = [PY, "-m", "labkit"]


def _median_seconds(command: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(name: str, value: float, target: str, ok: bool, detail: str) -> dict[str, object]:
    shown = (
        f"{value:6.3f}" if value < 0.1 else f"{value:6.2f}"
    )  # 0.075x, not a 0.08x that reads like the target
    print(f"{name:<34} {shown}x  (target {target}) {'OK' if ok else 'MISSED'}  {detail}")
    return {"name": name, "ratio": round(value, 3), "target": target, "ok": ok, "detail": detail}


def cold_start(quick: bool) -> list[dict[str, object]]:
    runs = 5 if quick else 15
    # Warm the disk cache and labkit's method cache once.
    subprocess.run([*LABKIT, "methods"], check=True, capture_output=True)
    baseline = _median_seconds([PY, "-c", "import click, pluggy, attrs, cattrs, yaml"], runs)
    labkit = _median_seconds([*LABKIT, "methods"], runs)
    ratio = labkit / baseline
    return [
        report(
            "cold start: labkit methods",
            ratio,
            "<= 1.5",
            ratio <= 1.5,
            f"{labkit * 1000:.0f} ms vs {baseline * 1000:.0f} ms (median of {runs})",
        )
    ]


def _guide_context():
    import labkit
    from labkit.builtin.method_docs import _indicators
    from labkit.documents.views import Localizer, doc_view, method_view
    from labkit.generators import Request

    catalog = labkit.get_catalog()
    method = catalog.method("portalen")
    tr = Localizer("sv")
    request = Request(method, "sv", catalog)
    view = method_view(tr, method, _indicators(request))
    context = {**view, "labels": tr.labels, "doc": {**doc_view(tr, "x"), "logo": ""}}
    return method, context, catalog.find_template("guide", method.id)


def render(quick: bool) -> list[dict[str, object]]:
    import jinja2
    from docxtpl import DocxTemplate

    import labkit

    method, context, template = _guide_context()
    n = 20 if quick else 60
    env = jinja2.Environment(autoescape=True)

    def plain() -> None:
        doc = DocxTemplate(template)
        doc.render(context, env)
        doc.save(io.BytesIO())

    def ours() -> None:
        labkit.render_guide(method, lang="sv")

    plain(), ours()  # warm up both (imports, caches)
    rounds = []
    for _ in range(5 if quick else 9):
        start = time.perf_counter()
        for _ in range(n):
            plain()
        base = (time.perf_counter() - start) / n
        start = time.perf_counter()
        for _ in range(n):
            ours()
        mine = (time.perf_counter() - start) / n
        rounds.append((mine / base, mine, base))
    ratio, mine, base = sorted(rounds)[len(rounds) // 2]
    return [
        report(
            "render: guide vs plain docxtpl",
            ratio,
            "<= 0.08",
            ratio <= 0.08,
            f"{mine * 1000:.1f} ms vs {base * 1000:.1f} ms per document",
        )
    ]


_BATCH_CHILD = """
import resource, sys, time, tempfile
from labkit.documents.batch import Job, run_jobs
n, processes = int(sys.argv[1]), int(sys.argv[2])
with tempfile.TemporaryDirectory() as out:
    jobs = [Job("guide", "portalen", "sv", f"{out}/g{i}.docx") for i in range(n)]
    run_jobs(jobs[:2], processes=1)
    start = time.perf_counter()
    results = run_jobs(jobs, processes=processes)
    took = time.perf_counter() - start
    assert all(r.path for r in results), [r.error for r in results if r.error][:3]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(took, peak, children)
"""


def _batch(n: int, processes: int) -> tuple[float, int, int]:
    out = subprocess.run(
        [PY, "-c", _BATCH_CHILD, str(n), str(processes)], check=True, capture_output=True, text=True
    )
    took, peak, children = out.stdout.split()
    return float(took), int(peak), int(children)


def batch(quick: bool) -> list[dict[str, object]]:
    n = 200 if quick else 1000
    one, peak_one, _ = _batch(n, 1)
    two, _, _ = _batch(n, 2)
    _t, peak_small, _ = _batch(10, 1)
    speedup = one / two
    memory = peak_one / peak_small
    cores = os.cpu_count() or 1
    return [
        report(
            f"batch: {n} guides, 2 vs 1 process",
            speedup,
            ">= 1.7",
            speedup >= 1.7,
            f"{one:.1f} s vs {two:.1f} s ({cores} cores)",
        ),
        report(
            f"batch: peak memory {n} vs 10 docs",
            memory,
            "<= 1.2",
            memory <= 1.2,
            f"{peak_one / 1024:.0f} MB vs {peak_small / 1024:.0f} MB",
        ),
    ]


def _one_process_command(job, lab: Path) -> list[str]:
    """The command a user without ``labkit build`` would run to make the document of *job* on its own."""
    options = dict(job.options)
    lang = ["--lang", job.lang]
    if job.kind == "lab-plan":
        return ["lab", "plan", str(lab), *lang]
    if job.kind == "partner-checklist":
        return ["lab", "checklist", str(lab), options["partner"], *lang]
    if job.kind == "report":
        return ["report", str(lab), *lang, "--charts", options["charts_dir"]]
    return ["document", job.kind, job.subject, *lang]


def _planned_jobs(lab: Path, out: Path, langs: list[str]):
    from labkit.catalog import get_catalog
    from labkit.labs.build import _checked, plan_jobs

    ctx = _checked(lab, out, get_catalog())
    return [p.job for p in plan_jobs(ctx, Path(lab), out, langs)]


def build(quick: bool) -> list[dict[str, object]]:
    from labkit.labs.demo import demo_lab_path

    lab = demo_lab_path()
    rounds = 1 if quick else 3
    togethers, separates = [], []
    with tempfile.TemporaryDirectory() as tmp:
        jobs = _planned_jobs(lab, Path(tmp) / "one", ["sv"])
        commands = [_one_process_command(job, lab) for job in jobs]
        for r in range(rounds):
            start = time.perf_counter()
            subprocess.run(
                [*LABKIT, "build", str(lab), "--out", f"{tmp}/all{r}", "--lang", "sv"],
                check=True,
                capture_output=True,
            )
            togethers.append(time.perf_counter() - start)
            start = time.perf_counter()
            for i, command in enumerate(commands):
                subprocess.run(
                    [*LABKIT, *command, "-o", f"{tmp}/one{r}/{i}.docx"], check=True, capture_output=True
                )
            separates.append(time.perf_counter() - start)
    together, separate = statistics.median(togethers), statistics.median(separates)
    ratio = separate / together
    return [
        report(
            "build: demo lab vs one process each",
            ratio,
            ">= 5",
            ratio >= 5,
            f"{together:.1f} s vs {separate:.1f} s for {len(commands)} documents (median of {rounds})",
        )
    ]


def site(quick: bool) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        start = time.perf_counter()
        subprocess.run([*LABKIT, "site", "--out", str(out)], check=True, capture_output=True)
        together = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([*LABKIT, "site", "--out", str(out)], check=True, capture_output=True)
        rebuild = time.perf_counter() - start
        manifest = json.loads((out / ".labkit" / "site.json").read_text())
        commands = []
        for rel in manifest["documents"]:
            method = Path(rel).parent.name
            stem = Path(rel).stem
            kind, lang = stem[len(method) + 1 : -3], stem[-2:]
            commands.append(["document", kind, method, "--lang", lang])
        measured = commands[::6] if quick else commands
        start = time.perf_counter()
        for i, command in enumerate(measured):
            subprocess.run([*LABKIT, *command, "-o", f"{tmp}/one/{i}.docx"], check=True, capture_output=True)
        separate = (time.perf_counter() - start) * len(commands) / len(measured)
    ratio = separate / together
    methods = len({c[2] for c in commands})
    return [
        report(
            "site: whole site vs one process each",
            ratio,
            ">= 3",
            ratio >= 3,
            f"{together:.1f} s for {len(commands)} documents of {methods} methods and every page, vs "
            f"{separate:.1f} s for the documents alone" + (" (extrapolated from every 6th)" if quick else ""),
        ),
        report(
            "site: rebuild, nothing changed",
            together / rebuild,
            ">= 2",
            together / rebuild >= 2,
            f"{rebuild:.2f} s vs {together:.1f} s for the first build",
        ),
    ]


def _twenty_guides(out: Path, pdf: bool):
    import labkit
    from labkit.app.batch import Job

    methods = [m.id for m in labkit.get_catalog().methods()]
    pairs = [(m, lang) for lang in ("sv", "en") for m in methods][:20]
    return [Job("guide", m, lang, str(out / f"{m}-guide-{lang}.docx"), pdf=pdf) for m, lang in pairs]


def pdf(quick: bool) -> list[dict[str, object]]:
    from labkit.app.batch import run_jobs
    from labkit.documents.pdf import _filter, find_libreoffice

    program = find_libreoffice()
    if program is None:
        print("pdf: LibreOffice is not installed; skipped")
        return []
    rounds = 1 if quick else 3
    ours, plain = [], []
    with tempfile.TemporaryDirectory() as tmp:
        run_jobs(_twenty_guides(Path(tmp) / "warm", pdf=False)[:2], processes=1)  # imports, templates
        for r in range(rounds):
            start = time.perf_counter()
            results = run_jobs(_twenty_guides(Path(tmp) / f"ours{r}", pdf=True))
            ours.append(time.perf_counter() - start)
            assert not [x.error for x in results if x.error], [x.error for x in results if x.error][:2]
            start = time.perf_counter()
            jobs = _twenty_guides(Path(tmp) / f"plain{r}", pdf=False)
            run_jobs(jobs, processes=1)
            subprocess.run(
                [
                    program,
                    f"-env:UserInstallation={(Path(tmp) / f'profile{r}').as_uri()}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    _filter(),
                    "--outdir",
                    str(Path(tmp) / f"plain{r}"),
                    *(job.out for job in jobs),
                ],
                check=True,
                capture_output=True,
            )
            plain.append(time.perf_counter() - start)
    mine, base = statistics.median(ours), statistics.median(plain)
    ratio = mine / base
    return [
        report(
            "pdf: 20 guides vs one soffice call",
            ratio,
            "<= 1.3",
            ratio <= 1.3,
            f"{mine:.1f} s vs {base:.1f} s (render 20 + one LibreOffice call; {os.cpu_count()} cores; "
            f"median of {rounds})",
        )
    ]


def report_growth(quick: bool) -> list[dict[str, object]]:
    sys.path.insert(0, str(Path(__file__).parent))
    from report_growth import growth

    return growth(quick)


def partners(quick: bool) -> list[dict[str, object]]:
    sys.path.insert(0, str(Path(__file__).parent))
    from partners import partners as run_partners

    return run_partners(quick)


SUITES = {
    "cold-start": cold_start,
    "render": render,
    "batch": batch,
    "build": build,
    "site": site,
    "pdf": pdf,
    "report-growth": report_growth,
    "partners": partners,
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("suite", nargs="?", default="all", choices=[*SUITES, "all"])
    parser.add_argument("--quick", action="store_true", help="Fewer rounds (for a smoke test).")
    parser.add_argument("--json", type=Path, help="Also write the results as JSON.")
    args = parser.parse_args()
    results = []
    for name, suite in SUITES.items():
        if args.suite in (name, "all"):
            results += suite(args.quick)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
