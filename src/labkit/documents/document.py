"""A generated document: the .docx bytes plus what it is, with atomic saving and optional PDF."""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from ..files import atomic_write

__all__ = ["Document", "finish_pdf"]


@attrs.frozen
class Document:
    """A finished Word document held in memory."""

    kind: str
    """The document kind (``guide``, ``checklist``, ``walk-protocol``, ...)."""
    title: str
    lang: str
    data: bytes = attrs.field(repr=False)
    filename: str
    """A suggested file name, for example ``portalen-guide-sv.docx``."""
    warnings: tuple[str, ...] = ()
    """Things the reader should know, such as texts shown in another language."""
    accessible: bool = True
    """False when the document was made with ``allow_inaccessible`` despite accessibility problems."""

    def save(self, path: str | os.PathLike[str] | None = None, *, pdf: bool = False) -> Path:
        """Write the document (atomically) and, with *pdf*, also convert it to PDF next to it.

        A folder as *path* saves under :attr:`filename` inside it. Returns the path of the .docx file.

        The PDF is tagged (PDF/UA) and checked like the document: a PDF that fails the check is removed and is an
        error (unless the document was made with ``allow_inaccessible``). A conversion that fails is an error
        naming the document; the .docx written is kept either way.
        """
        target = Path(path) if path is not None else Path(self.filename)
        if target.is_dir():
            target = target / self.filename
        if pdf:
            from .pdf import require_libreoffice

            require_libreoffice()  # before anything is written
        atomic_write(target, self.data)
        if pdf:
            from .pdf import convert_each

            (done,) = convert_each([target])
            finish_pdf(done.pdf, done.error, accessible=self.accessible, docx=target)
        return target

    def __len__(self) -> int:
        return len(self.data)


def finish_pdf(pdf: Path | None, error: str | None, *, accessible: bool, docx: Path) -> None:
    """Check a converted PDF; raise :class:`~labkit.errors.DocumentError` naming *docx* if there is no good one.

    A PDF that fails the accessibility check (for a document that passed it, *accessible*) is removed.
    """
    from ..errors import DocumentError

    if pdf is None:
        raise DocumentError(
            f"{error or 'LibreOffice could not convert it'}; {docx.name} is kept, without a PDF"
        )
    if not accessible:
        return
    from ..accessibility import check_pdf

    try:
        findings = check_pdf(pdf)
    except ValueError as exc:  # LibreOffice wrote something that is not a PDF
        pdf.unlink(missing_ok=True)
        raise DocumentError(f"LibreOffice made {pdf.name}, which cannot be read: {exc}") from None
    if findings:
        pdf.unlink(missing_ok=True)
        raise DocumentError(
            f"the PDF {pdf.name} would not be accessible: " + "; ".join(str(f) for f in findings)
        )
