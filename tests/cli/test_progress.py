"""The progress bar of ``build`` and ``site`` is stopped however the command ends: done, failed or Ctrl-C.

A bar that is not stopped keeps its refresh thread drawing and leaves the terminal without a cursor. The terminal
is simulated (standard error says it is one), so rich draws a real live display.
"""

from __future__ import annotations

import sys
import threading

import pytest

import labkit.labs.build
from labkit.cli import main
from labkit.errors import DocumentError
from labkit.labs.demo import demo_lab_path

SHOW_CURSOR = "\x1b[?25h"


def _refresh_threads() -> list[threading.Thread]:
    """rich's threads that redraw a live progress bar and have not been told to stop."""
    return [
        t
        for t in threading.enumerate()
        if type(t).__name__ == "_RefreshThread" and t.is_alive() and not t.done.is_set()  # type: ignore[attr-defined]
    ]


def _simulate_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard error says it is a terminal (called in the test itself: capsys swaps the stream for the test)."""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert _refresh_threads() == []


def _failing_run_jobs(error: BaseException):
    def run_jobs(jobs, *, progress=None, **_kwargs):  # type: ignore[no-untyped-def]
        assert progress is not None, "no progress bar was opened: the terminal is not simulated"
        assert _refresh_threads(), "the bar is drawing"
        raise error

    return run_jobs


@pytest.mark.parametrize(
    ("error", "status", "message"),
    [
        (DocumentError("x.docx: the template broke"), 1, "error: x.docx: the template broke"),
        (KeyboardInterrupt(), 130, "aborted"),
        (OSError(28, "No space left on device", "out/x.docx"), 1, "the disk is full"),
    ],
    ids=["failed", "ctrl-c", "disk-full"],
)
def test_the_bar_is_stopped_when_a_build_ends_early(capsys, monkeypatch, tmp_path, error, status, message):
    _simulate_terminal(monkeypatch)
    monkeypatch.setattr(labkit.labs.build, "run_jobs", _failing_run_jobs(error))
    code = main(
        ["build", str(demo_lab_path()), "--out", str(tmp_path / "out"), "--kind", "lab-plan", "--jobs", "1"]
    )
    err = capsys.readouterr().err
    assert code == status, err
    assert message in err
    assert _refresh_threads() == []
    assert err.rfind(SHOW_CURSOR) > err.rfind("\x1b[?25l") >= 0, "the cursor is given back"


def test_the_bar_is_stopped_after_a_build(capsys, monkeypatch, tmp_path):
    _simulate_terminal(monkeypatch)
    lab = tmp_path / "lab.yaml"
    lab.write_bytes(demo_lab_path().read_bytes())
    (tmp_path / "measurements.csv").write_bytes((demo_lab_path().parent / "measurements.csv").read_bytes())
    assert main(["build", str(lab), "--out", str(tmp_path / "out"), "--kind", "lab-plan", "--jobs", "1"]) == 0
    assert _refresh_threads() == []
    err = capsys.readouterr().err
    assert err.rfind(SHOW_CURSOR) > err.rfind("\x1b[?25l") >= 0
