"""PDF conversion through LibreOffice in headless mode: tagged PDF with PDF/UA compliance.

Starting LibreOffice takes longer than converting a document, so many documents are converted by one LibreOffice
process (:func:`convert_each`, :func:`convert_many`); a batch gives each worker process one call for all of its
documents. Each call runs with its own temporary user profile: LibreOffice locks its profile, so two processes
sharing one (for example in a parallel batch) would fail or wait on each other.

LibreOffice runs in a process group of its own. The group is killed when a conversion makes no progress for
*timeout* seconds, when the caller is interrupted (Ctrl-C, an exception) and by :func:`stop_conversions` (a
batch worker calls it when its parent ends), so no LibreOffice is left running. One document that LibreOffice
cannot convert, or that makes it crash or hang, fails alone: it is named, and the others are converted. A PDF is
written with :func:`~labkit.files.atomic_write` (never half a file), and the document it is made from is never
touched.

The export filter gets its options as JSON on the command line (LibreOffice 7.4 and later): a tagged PDF that
claims PDF/UA, the document title as the window title, bookmarks from the headings and the indexes (the table of
contents) updated with real page numbers.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import attrs

from ..errors import DocumentError
from ..files import atomic_write

__all__ = [
    "ENV_SOFFICE",
    "PDF_EXPORT_OPTIONS",
    "Conversion",
    "convert_each",
    "convert_many",
    "convert_to_pdf",
    "find_libreoffice",
    "require_libreoffice",
    "stop_conversions",
]

ENV_SOFFICE = "LABKIT_SOFFICE"

#: Options of LibreOffice's ``writer_pdf_Export`` filter labkit always uses.
PDF_EXPORT_OPTIONS: dict[str, tuple[str, str]] = {
    "UseTaggedPDF": ("boolean", "true"),
    "PDFUACompliance": ("boolean", "true"),
    "ExportBookmarks": ("boolean", "true"),
    "OpenBookmarkLevels": ("long", "-1"),
    "DisplayPDFDocumentTitle": ("boolean", "true"),
    "ExportFormFields": ("boolean", "false"),
    "UseReferenceXObject": ("boolean", "false"),
    "ExportNotes": ("boolean", "false"),
}

#: Seconds a conversion may go without finishing a document before LibreOffice is stopped.
DEFAULT_TIMEOUT = 180.0


@attrs.frozen
class Conversion:
    """What became of one document: its PDF, or why there is none."""

    source: Path
    pdf: Path | None
    error: str | None = None


def _filter() -> str:
    options = {name: {"type": kind, "value": value} for name, (kind, value) in PDF_EXPORT_OPTIONS.items()}
    return "pdf:writer_pdf_Export:" + json.dumps(options, separators=(",", ":"))


def find_libreoffice() -> str | None:
    """Path of the LibreOffice program, or None if it is not installed."""
    configured = os.environ.get(ENV_SOFFICE)
    if configured:
        return shutil.which(configured)  # a program that can be run (not a folder or a plain file), or None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    mac = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    return str(mac) if mac.exists() else None


def require_libreoffice() -> str:
    """The LibreOffice program; a clear error when it is not installed (asked before anything is written)."""
    program = find_libreoffice()
    configured = os.environ.get(ENV_SOFFICE)
    if program is None and configured:
        raise DocumentError(
            f"{ENV_SOFFICE}={configured} is not a program that can be run: set it to LibreOffice's soffice "
            "program, or unset it to use the one on PATH"
        )
    if program is None:
        raise DocumentError(
            "PDF needs LibreOffice, which is not installed. Install it (Debian/Ubuntu: "
            "'apt-get install libreoffice-writer'), or set LABKIT_SOFFICE to the soffice program, or leave out --pdf."
        )
    return program


def convert_to_pdf(
    docx: str | os.PathLike[str],
    out_dir: str | os.PathLike[str] | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> Path:
    """Convert *docx* to PDF with LibreOffice; returns the PDF's path (atomic: no partial PDF on failure)."""
    (done,) = convert_each([docx], out_dir, timeout=timeout)
    if done.pdf is None:
        raise DocumentError(done.error or f"LibreOffice could not convert {done.source.name} to PDF")
    return done.pdf


def convert_many(
    documents: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str] | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[Path]:
    """Convert many documents with one LibreOffice process; returns the PDFs in the order of *documents*.

    Each PDF is written into *out_dir*, or next to its document when *out_dir* is None. The documents that can
    be converted are; then :class:`DocumentError` is raised naming every one that could not.
    """
    done = convert_each(documents, out_dir, timeout=timeout)
    failed = [d.error or d.source.name for d in done if d.pdf is None]
    if failed:
        raise DocumentError("; ".join(failed))
    return [d.pdf for d in done if d.pdf is not None]


def convert_each(
    documents: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str] | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[Conversion]:
    """Convert *documents* to PDF, as few LibreOffice processes as possible; one result each, in their order.

    Each PDF is written into *out_dir*, or next to its document when *out_dir* is None (documents with the same
    file name in different folders are converted in separate calls). A document LibreOffice cannot convert, or
    that makes it crash or go *timeout* seconds without finishing, gets an error naming it; the others are
    converted all the same. Raises :class:`DocumentError` only when LibreOffice is not installed, and two
    documents that would write the same PDF into *out_dir* are a :class:`ValueError`.
    """
    sources = [Path(d) for d in documents]
    targets = [(Path(out_dir) if out_dir is not None else s.parent) / f"{s.stem}.pdf" for s in sources]
    if len({t.resolve() for t in targets}) != len(targets):
        raise ValueError("convert_each: two documents would be written to the same PDF")
    if not sources:
        return []
    program = require_libreoffice()
    done: dict[int, Conversion] = {}
    with tempfile.TemporaryDirectory(prefix="labkit-soffice-") as work:
        profile = Path(work) / "profile"
        pending = list(range(len(sources)))
        for call in range(1, len(sources) + 1):  # every call settles at least one document
            if not pending:
                break
            batch = sorted({sources[i].stem: i for i in reversed(pending)}.values())  # one per file name
            out = Path(work) / f"out{call}"
            out.mkdir()
            ended, detail, errors = _run(program, [sources[i] for i in batch], out, profile, timeout)
            pending = [i for i in pending if i not in set(batch)]
            missing = [i for i in batch if not _complete(out / f"{sources[i].stem}.pdf")]
            # LibreOffice prints one "Error: ..." line for each document it cannot load, without its name.
            reasons = dict(zip(missing, errors, strict=True)) if len(errors) == len(missing) else {}
            blamed = False
            for i in batch:
                if i not in missing:
                    atomic_write(targets[i], (out / f"{sources[i].stem}.pdf").read_bytes())
                    done[i] = Conversion(sources[i], targets[i])
                elif ended:
                    done[i] = Conversion(sources[i], None, _failure(sources[i], reasons.get(i, detail)))
                elif not blamed:  # LibreOffice crashed or hung on the first document it did not finish
                    done[i] = Conversion(
                        sources[i], None, f"LibreOffice {detail} converting {sources[i].name}"
                    )
                    blamed = True
                else:
                    pending.append(i)
            pending.sort()
    return [done[i] for i in range(len(sources))]


def _failure(source: Path, detail: str) -> str:
    if not source.is_file():
        return f"{source.name}: no such document to convert to PDF"
    return f"LibreOffice could not convert {source.name} to PDF: {detail}"


def _complete(pdf: Path) -> bool:
    """A PDF LibreOffice finished writing (it ends with the end-of-file marker)."""
    try:
        with pdf.open("rb") as file:
            size = file.seek(0, os.SEEK_END)
            file.seek(max(0, size - 1024))
            return size > 0 and b"%%EOF" in file.read()
    except OSError:
        return False


#: LibreOffice processes running in this process, by process id (which is also their process group's id).
_RUNNING: dict[int, subprocess.Popen[bytes]] = {}


def stop_conversions() -> None:
    """Kill every LibreOffice process group this process started and has not seen end (safe in a signal handler)."""
    for process in list(_RUNNING.values()):
        _kill(process)


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows has no process groups
            process.kill()


def _run(
    program: str, sources: Sequence[Path], out: Path, profile: Path, timeout: float
) -> tuple[bool, str, list[str]]:
    """Run one LibreOffice process converting *sources* into *out*.

    Returns whether it ended normally (False: it crashed or failed, or made no progress for *timeout* seconds
    and was killed), the last line it printed or what happened to it, and the error lines it printed.
    """
    command = [
        program,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        _filter(),
        "--outdir",
        str(out),
        *(str(source.resolve()) for source in sources),
    ]
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, killed as a whole
    )
    _RUNNING[process.pid] = process
    try:
        output = _wait(process, out, timeout)
    except BaseException:
        _kill(process)
        with contextlib.suppress(Exception):
            process.wait(5)
        raise
    finally:
        _RUNNING.pop(process.pid, None)
    _kill(process)  # anything it left behind in its group
    if output is None:
        return False, f"made no progress for {timeout:.0f} seconds and was stopped", []
    lines = [line.strip()[:300] for line in output.decode("utf-8", "replace").splitlines() if line.strip()]
    errors = [line for line in lines if line.lower().startswith("error")]
    last = (errors or lines or ["no output"])[-1]
    if process.returncode < 0:
        return False, f"was killed by signal {-process.returncode}", errors
    if process.returncode != 0:
        return False, f"stopped with exit status {process.returncode} ({last})", errors
    return True, last, errors


def _wait(process: subprocess.Popen[bytes], out: Path, timeout: float) -> bytes | None:
    """The output of *process* once it ends, or None when it went *timeout* seconds without writing a PDF."""
    seen = 0
    deadline = time.monotonic() + timeout
    while True:
        try:
            output, _ = process.communicate(timeout=min(1.0, timeout))
            return output
        except subprocess.TimeoutExpired:
            written = sum(1 for _ in out.iterdir())
            if written > seen:
                seen, deadline = written, time.monotonic() + timeout
            elif time.monotonic() > deadline:
                _kill(process)
                process.communicate()
                return None
