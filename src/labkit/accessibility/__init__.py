"""Accessibility checks for Word documents and PDFs (WCAG 2.1 AA as EN 301 549 clause 10 applies it).

``check(path)`` works on any .docx or .pdf, including documents labkit did not make; each
:class:`Finding` names the place, the problem and the success criterion. labkit runs the same checks on every
document it makes, so a template, a house style or a plugin cannot silently produce an inaccessible document.
"""

from __future__ import annotations

import os
from pathlib import Path

from ._contrast import LARGE_TEXT_RATIO, TEXT_RATIO, contrast_ratio, is_large_text, parse_colour
from ._docx import check_docx
from ._findings import CRITERIA, Finding
from ._pdf import check_pdf

__all__ = [
    "CRITERIA",
    "LARGE_TEXT_RATIO",
    "TEXT_RATIO",
    "Finding",
    "check",
    "check_docx",
    "check_pdf",
    "contrast_ratio",
    "is_large_text",
    "parse_colour",
]


def check(path: str | os.PathLike[str]) -> list[Finding]:
    """Check a .docx or .pdf file; raises ValueError for other files."""
    path = Path(path)
    with path.open("rb") as handle:
        head = handle.read(5)
    if head.startswith(b"%PDF"):
        return check_pdf(path)
    if head.startswith(b"PK"):
        return check_docx(path)
    raise ValueError("not a Word document (.docx) or PDF")
