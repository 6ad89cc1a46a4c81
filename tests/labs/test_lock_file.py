"""The lock file beside a lab is labkit's, but it lies in the user's folder: whatever is found there, ``lab check``
and ``build`` go on (a note says the lock was not usable) and the build writes a good one again. A lock that cannot
be written is a warning: the documents are made.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from labkit.cli import main
from labkit.labs.demo import DEMO_DIR
from labkit.labs.lock import lock_path

DAMAGED = {
    "a list": "[]",
    "methods as text": '{"methods": "portalen"}',
    "a method as text": '{"methods": {"portalen": "1.0.0"}}',
    "a version as a number": '{"methods": {"portalen": {"version": 1, "steps": {}}}}',
    "steps as a list": '{"methods": {"portalen": {"version": "0.1.0", "steps": []}}}',
    "a step as text": '{"methods": {"portalen": {"version": "0.1.0", "steps": {"a": "b"}}}}',
    "a title as a number": '{"methods": {"portalen": {"version": "0.1.0", "steps": {"a": {"title": 1}}}}}',
    "not JSON": "{{",
    "nested too deep": "[" * 100_000 + "]" * 100_000,
    "not UTF-8": b"\xff\xfe{}",
}


@pytest.fixture
def lab(tmp_path: Path) -> Path:
    shutil.copy(DEMO_DIR / "lab.yaml", tmp_path / "lab.yaml")
    shutil.copy(DEMO_DIR / "measurements.csv", tmp_path / "measurements.csv")
    return tmp_path / "lab.yaml"


def _build(lab: Path) -> int:
    return main(["build", str(lab), "--out", str(lab.parent / "out"), "--kind", "lab-plan", "--jobs", "1"])


@pytest.mark.parametrize("content", list(DAMAGED.values()), ids=list(DAMAGED))
def test_a_damaged_lock_is_a_note_and_is_written_again(lab, capsys, content):
    lock = lock_path(lab)
    if isinstance(content, bytes):
        lock.write_bytes(content)
    else:
        lock.write_text(content, encoding="utf-8")
    assert main(["lab", "check", str(lab)]) == 0
    out = capsys.readouterr().out
    assert f"note: {lock}" in out and "the next build writes it again" in out
    assert _build(lab) == 0
    written = json.loads(lock.read_text(encoding="utf-8"))
    assert set(written["methods"]) == {"innovation-lab", "portalen", "mentoring"}
    capsys.readouterr()
    assert main(["lab", "check", str(lab)]) == 0
    assert capsys.readouterr().out.strip() == "OK"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_lock_that_is_a_named_pipe_is_not_read(lab):
    os.mkfifo(lock_path(lab))
    # In a subprocess: if the pipe were opened for reading, it would wait for a writer for ever.
    result = subprocess.run(
        [sys.executable, "-m", "labkit", "lab", "check", str(lab)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0
    assert "named pipe (FIFO), not a regular file; the next build writes it again" in result.stdout


def test_a_lock_that_cannot_be_written_is_a_warning(lab, capsys, monkeypatch):
    import labkit.files

    real = labkit.files.atomic_write

    def refuse_the_lock(path, data, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).endswith(".lock.json"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, data, **kwargs)

    monkeypatch.setattr("labkit.labs.lock.atomic_write", refuse_the_lock)
    assert _build(lab) == 0
    err = capsys.readouterr().err
    assert f"warning: {lock_path(lab)}: the method versions of this build could not be recorded" in err
    assert (lab.parent / "out" / "sv" / "hageby-portalen-lab-lab-plan-sv.docx").is_file()
    assert not lock_path(lab).exists()
