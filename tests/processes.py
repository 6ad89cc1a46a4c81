"""Processes in tests: a stand-in for LibreOffice, and telling whether a process has ended.

The stand-in (installed with ``LABKIT_SOFFICE``) takes LibreOffice's command line and logs each call: it converts
documents as LibreOffice does (a PDF per document in ``--outdir``), except that a document whose name says so
cannot be loaded, makes it crash, or makes it hang with a child process of its own (LibreOffice's soffice.bin).
"""

from __future__ import annotations

import json
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from labkit.documents import pdf

FAKE = textwrap.dedent(
    """\
    #!{python}
    import json, os, subprocess, sys, time
    from pathlib import Path

    # A one-page PDF, untagged, with the document's bytes in a comment.
    PDF = (
        b"%%PDF-1.4\\n%% %s\\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\\n"
        b"trailer << /Root 1 0 R >>\\n%%%%EOF\\n"
    )
    args = sys.argv[1:]
    out = Path(args[args.index("--outdir") + 1])
    sources = [Path(a) for a in args[args.index("--outdir") + 2 :]]
    with open(os.environ["FAKE_SOFFICE_LOG"], "a") as log:
        call = {{"pid": os.getpid(), "parent": os.getppid(), "group": os.getpgid(0), "documents": [s.name for s in sources]}}
        log.write(json.dumps(call) + "\\n")
    for source in sources:
        if "broken" in source.name:
            print(f"Error: source file could not be loaded", flush=True)
            continue
        if "crash" in source.name:
            os.kill(os.getpid(), 11)
        if "hang" in source.name:
            (out / (source.stem + ".pdf")).write_bytes(b"%PDF-1.7 half a file")
            child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
            with open(os.environ["FAKE_SOFFICE_LOG"] + ".children", "a") as children:
                children.write(f"{{child.pid}}\\n")
            time.sleep(600)
        (out / (source.stem + ".pdf")).write_bytes(PDF % source.read_bytes())
        print(f"convert {{source}} -> {{out / (source.stem + '.pdf')}}", flush=True)
    """
)


class Soffice:
    """The stand-in's record: its calls (process, parent, process group, documents) and its hanging children."""

    def __init__(self, log: Path) -> None:
        self.log = log

    def __call__(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]

    def children(self) -> list[int]:
        """The child processes started by conversions that hang."""
        found = self.log.with_name(self.log.name + ".children")
        return [int(line) for line in found.read_text().split()] if found.exists() else []


def install_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Soffice:
    """Install the stand-in LibreOffice."""
    program = tmp_path / "bin" / "soffice"
    program.parent.mkdir()
    program.write_text(FAKE.format(python=sys.executable), encoding="utf-8")
    program.chmod(0o755)
    log = tmp_path / "soffice.log"
    monkeypatch.setenv(pdf.ENV_SOFFICE, str(program))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))

    return Soffice(log)


def gone(pid: int) -> bool:
    """The process has ended (a zombie waiting for its parent to collect it counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in {"Z", "X"}


def wait_until(condition: Callable[[], bool], what: str) -> None:
    """Poll *condition* (a process ending is seen a moment after it is killed)."""
    for _ in range(400):
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(what)
