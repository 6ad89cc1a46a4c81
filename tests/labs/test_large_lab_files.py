"""An oversized lab file is refused while it is read: parsed once, little memory, a message naming the limit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import labkit.files._yaml as yaml_reader
from labkit.files._yaml import MAX_VALUES
from labkit.labs.check import check_lab
from labkit.labs.demo import DEMO_DIR


def big_lab(folder: Path, megabytes: float = 5.0, suffix: str = ".yaml") -> Path:
    """The example lab with some megabytes of measurements written into the lab file itself."""
    lab = (DEMO_DIR / "lab.yaml").read_text(encoding="utf-8").replace("data_files: [measurements.csv]\n", "")
    rows = []
    size = len(lab)
    while size < megabytes * 1_000_000:
        i = len(rows)
        rows.append(
            {
                "indicator": "participants-into-work",
                "area": "Hageby",
                "period": str(2000 + i % 20),
                "value": i % 97,
                "group": f"g{i}",
            }
        )
        size += 100
    path = folder / f"big{suffix}"
    if suffix == ".json":
        data = yaml.safe_load(lab)
        data["measurements"] = rows
        path.write_text(json.dumps(data, default=str, indent=1), encoding="utf-8")
    else:
        lines = [f"  - {json.dumps(row)}" for row in rows]
        path.write_text(lab + "measurements:\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_an_oversized_list_is_refused_naming_the_limit(tmp_path, monkeypatch, suffix):
    path = big_lab(tmp_path, suffix=suffix)
    parses = []
    real = yaml_reader.parse_yaml
    monkeypatch.setattr(yaml_reader, "parse_yaml", lambda *a: parses.append(a[1]) or real(*a))
    monkeypatch.setattr("labkit.files.parse_yaml", yaml_reader.parse_yaml)
    result = check_lab(path)
    (problem,) = result.problems
    message = str(problem)
    assert f"the file holds more than {MAX_VALUES:,} values" in message
    assert "data file (CSV or .xlsx)" in message
    assert "alias" not in message and "billion laughs" not in message
    assert problem.line is not None and problem.path[0] == "measurements"
    assert parses == [str(path)], "the file is parsed once"


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="reads the peak memory from /proc")
def test_refused_while_parsing_with_little_memory(tmp_path):
    path = big_lab(tmp_path)
    # The peak of the process's own memory (VmHWM; ru_maxrss would include this process's, inherited on fork).
    script = (
        "import re, sys\n"
        "from labkit.labs.check import check_lab\n"
        "result = check_lab(sys.argv[1])\n"
        "assert not result.ok\n"
        "status = open('/proc/self/status').read()\n"
        "print(re.search(r'VmHWM:\\s+(\\d+) kB', status).group(1))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], check=True, capture_output=True, text=True
    )
    peak_mb = int(done.stdout) / 1024
    assert peak_mb < 100, f"peak memory {peak_mb:.0f} MB"


def test_a_long_list_under_the_limit_is_read_with_every_line(tmp_path):
    path = big_lab(tmp_path, megabytes=0.5)
    result = check_lab(path)
    assert result.ok, result.problems[:3]
    assert len(result.lab.measurements) > 4000
