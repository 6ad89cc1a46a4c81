"""Faults of the operating system are the user's to fix, not labkit's bugs: one line naming the path and what to
do, exit status 1, no traceback, no partial file.

Permission errors are real: the command runs as root without the capability that lets root write anywhere
(``setpriv``), or as the user running the tests when that is not root. The other faults are real where a test
can make them (a file where a folder belongs, a name too long) and simulated where only an administrator could
(a read-only file system, a full disk).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from labkit.cli import main
from labkit.labs.demo import DEMO_DIR

DEMO_LAB = DEMO_DIR / "lab.yaml"


def _commands(out: Path) -> dict[str, list[str]]:
    """Every command that writes files, writing into *out*."""
    return {
        "guide": ["guide", "portalen", "-o", str(out / "guide.docx")],
        "checklist": ["checklist", "safety-walk", "-o", str(out / "checklist.docx")],
        "document": ["document", "partner-agreement", "portalen", "-o", str(out / "agreement.docx")],
        "build": ["build", str(DEMO_LAB), "--out", str(out / "build"), "--jobs", "1"],
        "demo": ["demo", "--out", str(out / "demo"), "--jobs", "1", "--lang", "sv"],
        "lab new": [
            "lab",
            "new",
            "-o",
            str(out / "lab.yaml"),
            "--name",
            "Labb",
            "--area",
            "Området",
            "--municipality",
            "Kommunen",
            "--host",
            "Bostadsbolaget",
            "--focus",
            "safety",
            "--methods",
            "safety-walk",
        ],
        "lab plan": ["lab", "plan", str(DEMO_LAB), "-o", str(out / "plan.docx")],
        "report": ["report", str(DEMO_LAB), "-o", str(out / "report.docx")],
        "new-plugin": ["new-plugin", "my-method", "--dir", str(out / "plugins")],
    }


COMMANDS = list(_commands(Path("x")))


def _run(argv: list[str], *, drop_root: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABKIT_")}
    env["LABKIT_NO_CACHE"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    command = [sys.executable, "-m", "labkit", *argv]
    if drop_root and os.geteuid() == 0:
        drop = "-dac_override,-dac_read_search,-fowner"
        command = ["setpriv", "--bounding-set", drop, "--inh-caps", drop, "--", *command]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env, check=False)


def _assert_clear_error(result: subprocess.CompletedProcess[str], path_part: str, advice: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert path_part in lines[0]
    assert advice in lines[0]
    assert "Traceback" not in result.stderr
    assert "bug in labkit" not in result.stderr


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("setpriv") is None,
    reason="as root, setpriv (util-linux) is needed to give up the right to write anywhere",
)
@pytest.mark.parametrize("name", COMMANDS)
def test_permission_denied(tmp_path, name):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = _run(_commands(locked)[name], drop_root=True)
    finally:
        locked.chmod(0o755)
    _assert_clear_error(result, str(locked), "permission denied; choose a folder you can write to")
    assert _files(locked) == []


@pytest.mark.parametrize("name", COMMANDS)
def test_a_part_of_the_path_is_a_file(tmp_path, name):
    blocker = tmp_path / "report.txt"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    result = _run(_commands(blocker / "sub")[name])
    _assert_clear_error(result, str(blocker), "a part of the path is a file, not a folder")
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"


@pytest.mark.parametrize("name", ["guide", "checklist", "lab plan", "report"])
def test_a_file_name_too_long(tmp_path, name):
    argv = _commands(tmp_path)[name]
    argv[argv.index("-o") + 1] = str(tmp_path / ("n" * 300 + ".docx"))
    result = _run(argv)
    _assert_clear_error(result, "nnnn", "the name is too long for the file system")
    assert _files(tmp_path) == []


@pytest.mark.parametrize(
    ("code", "advice"),
    [
        (errno.EROFS, "the file system is read-only; choose a folder on a writable disk"),
        (errno.ENOSPC, "the disk is full; free some space or choose a folder on another disk"),
    ],
)
@pytest.mark.parametrize("name", ["guide", "build", "lab plan"])
def test_read_only_file_system_and_full_disk(tmp_path, monkeypatch, capsys, name, code, advice):
    out = tmp_path / "out"
    real_open = os.open

    def failing_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).startswith(str(out)) and flags & os.O_CREAT:
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing_open)
    status = main(_commands(out)[name])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith(f"error: {out}")
    assert advice in err
    assert "Traceback" not in err
    assert _files(out) == []


def test_an_existing_document_survives_a_failed_write(tmp_path, monkeypatch, capsys):
    target = tmp_path / "guide.docx"
    target.write_bytes(b"the old document")
    real_open = os.open

    def full_disk(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).startswith(str(tmp_path)) and flags & os.O_CREAT:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", full_disk)
    assert main(["guide", "portalen", "-o", str(target)]) == 1
    assert target.read_bytes() == b"the old document"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["guide.docx"]


@pytest.mark.parametrize("argv", [["--debug", "guide", "nope"], ["guide", "nope", "--debug"]])
def test_debug_is_accepted_before_and_after_the_subcommand(argv, capsys):
    from labkit.errors import NotFoundError

    with pytest.raises(NotFoundError):
        main(argv)


def test_debug_after_a_double_dash_is_an_argument(capsys):
    assert main(["guide", "--", "--debug"]) == 2
    assert "no installed plugin provides the method '--debug'" in capsys.readouterr().err
