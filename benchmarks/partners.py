"""Builds with many partners: the time per document with 1,000 partners may be at most 1.2 times that with 50.

    python benchmarks/partners.py [--quick]        (or: python benchmarks/run.py partners)

The lab is the example lab with its partners replaced by N made-up organisations (the actor kinds of the
original partners, in turn): one for each role of the three methods and all others local partners of every
method, so the steps of those roles name every partner and every partner gets a checklist.
The measurements are left out, so the lab's documents are its plan, one checklist per partner and the methods'
documents. Each build runs in one process (its CPU time is measured: the machines are shared).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def make_lab(partners: int, folder: Path) -> Path:
    """Write the example lab with *partners* partners into *folder*; returns the lab file."""
    import yaml

    from labkit.labs.demo import demo_lab_path

    lab: dict[str, Any] = yaml.safe_load(demo_lab_path().read_text(encoding="utf-8"))
    actors = [p["actor"] for p in lab["partners"]]
    lab["partners"] = [
        {
            "id": f"p{i:04d}",
            "organisation": f"Organisation {i}",
            "actor": actors[i % len(actors)],
            "role": {"sv": f"Partner nummer {i}", "en": f"Partner number {i}"},
        }
        for i in range(partners)
    ]
    roles = [(m, role) for m in lab["methods"] for role in m["roles"]]
    for method in lab["methods"]:
        method["roles"] = {role: [] for role in method["roles"]}
        method["responsible"] = "p0000"
    # One partner for each role; every other partner is one of the many local partners of all three methods,
    # so the steps those roles take part in name every partner (as a large lab's would).
    many = {"local-partners", "civil-society-partners", "mentor-network"}
    for i in range(partners):
        if i < len(roles):
            method, role = roles[i]
            method["roles"][role].append(f"p{i:04d}")
        else:
            for method in lab["methods"]:
                for role in many & set(method["roles"]):
                    method["roles"][role].append(f"p{i:04d}")
    lab["steering_group"] = [f"p{i:04d}" for i in range(min(4, partners))]
    for risk in lab.get("risks", []):
        risk["owner"] = "p0001"
    for key in ("data_files", "estimate", "measurements"):
        lab.pop(key, None)
    path = folder / f"lab-{partners}.yaml"
    path.write_text(yaml.safe_dump(lab, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


_CHILD = """
import json, sys, time
from labkit.labs.build import build
build(sys.argv[3], sys.argv[2] + "-warm", processes=1, lock=False)  # imports, templates, fonts
start = time.process_time()
result = build(sys.argv[1], sys.argv[2], processes=1, lock=False)
print(json.dumps({"cpu": time.process_time() - start, "documents": len(result.built)}))
"""


def build_cpu(lab: Path, out: Path, warm: Path) -> tuple[float, int]:
    """CPU seconds of a whole build of *lab* in one process (after a build of *warm*), and its documents."""
    command = [sys.executable, "-c", _CHILD, str(lab), str(out), str(warm)]
    done = subprocess.run(command, check=True, capture_output=True)
    data = json.loads(done.stdout)
    return float(data["cpu"]), int(data["documents"])


def partners(quick: bool) -> list[dict[str, object]]:
    from run import report

    large = 200 if quick else 1000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = make_lab(50, folder)
        small_cpu, small_docs = build_cpu(small, folder / "small", small)
        large_cpu, large_docs = build_cpu(make_lab(large, folder), folder / "large", small)
    ratio = (large_cpu / large_docs) / (small_cpu / small_docs)
    return [
        report(
            f"partners: {large} vs 50, per document",
            ratio,
            "<= 1.2",
            ratio <= 1.2,
            f"{large_cpu / large_docs * 1000:.1f} ms vs {small_cpu / small_docs * 1000:.1f} ms CPU per document "
            f"({large_docs} and {small_docs} documents)",
        )
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true")
    sys.path.insert(0, str(Path(__file__).parent))
    partners(parser.parse_args().quick)
