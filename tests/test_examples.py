"""Every script under examples/ runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest

EXAMPLES = Path(__file__).parents[1] / "examples"


@pytest.mark.parametrize("script", sorted(p.name for p in EXAMPLES.glob("*.py")))
def test_example_runs(script, tmp_path):
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / script), str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    made = list(tmp_path.rglob("*.docx"))
    assert made, result.stdout
    for path in made:
        docx.Document(path)


def test_example_lab_is_the_demo_lab():
    demo = Path(__file__).parents[1] / "src" / "labkit" / "builtin" / "demo"
    for name in ("lab.yaml", "measurements.csv"):
        assert (EXAMPLES / "norrkoping" / name).read_text(encoding="utf-8") == (demo / name).read_text(
            encoding="utf-8"
        )
