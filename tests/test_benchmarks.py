"""The benchmarks still run: their made-up labs pass labkit's checks and their plans match what a build makes.

No timing is asserted here (the benchmarks print ratios; machines are noisy). Two benchmarks had stopped working
unnoticed when lab checks grew (a goal target below its baseline, data files read by the check); these tests run
each benchmark's inputs through the same calls on a small scale.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

from labkit.cli import main
from labkit.labs.demo import demo_lab_path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("shape", ["two areas", "many groups", "long series"])
def test_every_report_growth_shape_makes_a_report(tmp_path, shape):
    growth = _module("report_growth")
    lab = growth._write(tmp_path, growth.SHAPES[shape](10_000, random.Random(0)))
    assert growth.time_report(lab) >= 0


def test_the_build_benchmark_plans_the_documents_a_build_makes(tmp_path):
    run = _module("run")
    lab = demo_lab_path()
    jobs = run._planned_jobs(lab, tmp_path / "plan", ["sv"])
    assert main(["build", str(lab), "--out", str(tmp_path / "built"), "--lang", "sv"]) == 0
    built = sorted(p.relative_to(tmp_path / "built") for p in (tmp_path / "built").rglob("*.docx"))
    assert sorted(Path(job.out).relative_to(tmp_path / "plan") for job in jobs) == built
    commands = [run._one_process_command(job, lab) for job in jobs]
    assert {command[0] for command in commands} <= {"lab", "report", "document"}
