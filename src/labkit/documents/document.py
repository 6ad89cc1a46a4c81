"""A generated document: the .docx bytes plus what it is, with atomic saving and optional PDF."""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from ..files import atomic_write

__all__ = ["Document"]


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

        The PDF is tagged (PDF/UA) and checked like the document; a PDF that fails the check is an error and
        neither file is kept (unless the document was made with ``allow_inaccessible``).
        """
        target = Path(path) if path is not None else Path(self.filename)
        if target.is_dir():
            target = target / self.filename
        atomic_write(target, self.data)
        if pdf:
            from .pdf import convert_to_pdf

            try:
                made = convert_to_pdf(target)
                if self.accessible:
                    _check_pdf(made)
            except BaseException:
                target.unlink(missing_ok=True)
                target.with_suffix(".pdf").unlink(missing_ok=True)
                raise
        return target

    def __len__(self) -> int:
        return len(self.data)


def _check_pdf(path: Path) -> None:
    from ..accessibility import check_pdf
    from ..errors import DocumentError

    findings = check_pdf(path)
    if findings:
        raise DocumentError(
            f"the PDF {path.name} would not be accessible: " + "; ".join(str(f) for f in findings)
        )
