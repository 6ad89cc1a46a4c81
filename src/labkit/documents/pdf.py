"""PDF conversion through LibreOffice in headless mode.

Each conversion runs with its own temporary user profile: LibreOffice locks its profile, so two conversions
sharing one (for example in a parallel batch) would fail or wait on each other.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import DocumentError

__all__ = ["ENV_SOFFICE", "convert_to_pdf", "find_libreoffice"]

ENV_SOFFICE = "LABKIT_SOFFICE"


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


def convert_to_pdf(
    docx: str | os.PathLike[str], out_dir: str | os.PathLike[str] | None = None, *, timeout: float = 180
) -> Path:
    """Convert *docx* to PDF with LibreOffice; returns the PDF's path (atomic: no partial PDF on failure)."""
    source = Path(docx)
    target_dir = Path(out_dir) if out_dir is not None else source.parent
    program = find_libreoffice()
    if program is None:
        raise DocumentError(
            "PDF needs LibreOffice, which is not installed. Install it (Debian/Ubuntu: "
            "'apt-get install libreoffice-writer'), or set LABKIT_SOFFICE to the soffice program, or leave out --pdf."
        )
    with tempfile.TemporaryDirectory(prefix="labkit-soffice-") as work:
        profile = Path(work) / "profile"
        out = Path(work) / "out"
        out.mkdir()
        command = [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(out),
            str(source.resolve()),
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise DocumentError(
                f"LibreOffice did not convert {source.name} within {timeout:.0f} seconds"
            ) from None
        produced = out / (source.stem + ".pdf")
        if result.returncode != 0 or not produced.exists():
            detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
            raise DocumentError(f"LibreOffice could not convert {source.name} to PDF: {detail[0]}")
        target_dir.mkdir(parents=True, exist_ok=True)
        final = target_dir / produced.name
        staged = target_dir / f".{produced.name}.tmp"
        shutil.move(str(produced), staged)
        staged.replace(final)
    return final
