"""PDF conversion through LibreOffice in headless mode: tagged PDF with PDF/UA compliance.

Each conversion runs with its own temporary user profile: LibreOffice locks its profile, so two conversions
sharing one (for example in a parallel batch) would fail or wait on each other. :func:`convert_many` converts many
documents with one LibreOffice process, which is much faster than one process per document.

The export filter gets its options as JSON on the command line (LibreOffice 7.4 and later): a tagged PDF that
claims PDF/UA, the document title as the window title, bookmarks from the headings and the indexes (the table of
contents) updated with real page numbers.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import DocumentError

__all__ = ["ENV_SOFFICE", "PDF_EXPORT_OPTIONS", "convert_many", "convert_to_pdf", "find_libreoffice"]

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


def _filter() -> str:
    options = {name: {"type": kind, "value": value} for name, (kind, value) in PDF_EXPORT_OPTIONS.items()}
    return "pdf:writer_pdf_Export:" + json.dumps(options, separators=(",", ":"))


def find_libreoffice() -> str | None:
    """Path of the LibreOffice program, or None if it is not installed."""
    configured = os.environ.get(ENV_SOFFICE)
    if configured:
        return configured if Path(configured).exists() or shutil.which(configured) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    mac = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    return str(mac) if mac.exists() else None


def _program() -> str:
    program = find_libreoffice()
    if program is None:
        raise DocumentError(
            "PDF needs LibreOffice, which is not installed. Install it (Debian/Ubuntu: "
            "'apt-get install libreoffice-writer'), or set LABKIT_SOFFICE to the soffice program, or leave out --pdf."
        )
    return program


def _run(
    sources: Sequence[Path], out: Path, profile: Path, timeout: float
) -> subprocess.CompletedProcess[str]:
    command = [
        _program(),
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
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        names = sources[0].name if len(sources) == 1 else f"{len(sources)} documents"
        raise DocumentError(f"LibreOffice did not convert {names} within {timeout:.0f} seconds") from None


def _place(produced: Path, target_dir: Path) -> Path:
    target_dir.mkdir(parents=True, exist_ok=True)
    final = target_dir / produced.name
    staged = target_dir / f".{produced.name}.tmp"
    shutil.move(str(produced), staged)
    staged.replace(final)
    return final


def convert_to_pdf(
    docx: str | os.PathLike[str], out_dir: str | os.PathLike[str] | None = None, *, timeout: float = 180
) -> Path:
    """Convert *docx* to PDF with LibreOffice; returns the PDF's path (atomic: no partial PDF on failure)."""
    source = Path(docx)
    target_dir = Path(out_dir) if out_dir is not None else source.parent
    with tempfile.TemporaryDirectory(prefix="labkit-soffice-") as work:
        out = Path(work) / "out"
        out.mkdir()
        result = _run([source], out, Path(work) / "profile", timeout)
        produced = out / (source.stem + ".pdf")
        if result.returncode != 0 or not produced.exists():
            detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
            raise DocumentError(f"LibreOffice could not convert {source.name} to PDF: {detail[0]}")
        return _place(produced, target_dir)


def convert_many(
    documents: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    timeout: float = 1800,
) -> list[Path]:
    """Convert many documents with one LibreOffice process; returns the PDFs in the order of *documents*.

    The documents' file names must differ (the PDFs are named after them). Raises :class:`DocumentError` naming
    every document that could not be converted.
    """
    sources = [Path(d) for d in documents]
    stems = [s.stem for s in sources]
    if len(set(stems)) != len(stems):
        raise DocumentError("convert_many needs documents with different file names")
    if not sources:
        return []
    target_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="labkit-soffice-") as work:
        out = Path(work) / "out"
        out.mkdir()
        result = _run(sources, out, Path(work) / "profile", timeout)
        missing = [s.name for s in sources if not (out / f"{s.stem}.pdf").exists()]
        if missing:
            detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
            raise DocumentError(f"LibreOffice could not convert {', '.join(missing)} to PDF: {detail[0]}")
        return [_place(out / f"{s.stem}.pdf", target_dir) for s in sources]
