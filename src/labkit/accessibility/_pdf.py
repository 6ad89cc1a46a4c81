"""Accessibility checks of a PDF: tagged structure, language, title, alternative text and table headers.

The structure tree is read with pikepdf. Custom structure types are resolved through the document's RoleMap,
so a paragraph style exported as ``/Meta`` counts as the ``/P`` it maps to.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ._findings import Finding

__all__ = ["check_pdf"]

_HEADING = re.compile(r"^/H([1-6])$")
_MAX_ELEMENTS = 200_000


def check_pdf(source: str | os.PathLike[str]) -> list[Finding]:
    """Check a PDF file and return every problem found; an empty list means none.

    Raises ValueError when *source* is not a readable PDF.
    """
    import pikepdf

    try:
        pdf = pikepdf.open(Path(source))
    except (pikepdf.PdfError, pikepdf.PasswordError) as exc:
        raise ValueError(f"not a readable PDF ({exc})") from None
    with pdf:
        findings = list(_catalog(pdf))
        root = pdf.Root.get("/StructTreeRoot")
        if root is not None:
            findings += _structure(root)
        return findings


def _text(value: Any) -> str:
    try:
        return str(value).strip() if value is not None else ""
    except (ValueError, TypeError):
        return ""


def _catalog(pdf: Any) -> Iterator[Finding]:
    root = pdf.Root
    marked = root.get("/MarkInfo")
    if root.get("/StructTreeRoot") is None or marked is None or not bool(marked.get("/Marked", False)):
        yield Finding(
            "1.3.1", "document", "the PDF is not tagged: it has no structure for assistive technology"
        )
    if not _text(root.get("/Lang")):
        yield Finding("3.1.1", "document", "the document language is not set (/Lang)")
    title = _text(pdf.docinfo.get("/Title")) if pdf.docinfo is not None else ""
    if not title:
        try:
            with pdf.open_metadata() as meta:
                title = _text(meta.get("dc:title"))
        except Exception:
            title = ""
    if not title:
        yield Finding("2.4.2", "document properties", "the document has no title")
    prefs = root.get("/ViewerPreferences")
    if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
        yield Finding(
            "2.4.2", "document properties", "the title is not shown as the window title (DisplayDocTitle)"
        )


def _role(element: Any, role_map: Any) -> str:
    role = str(element.get("/S", ""))
    seen = set()
    while role_map is not None and role in role_map and role not in seen:
        seen.add(role)
        role = str(role_map[role])
    return role


def _elements(root: Any) -> Iterator[tuple[Any, list[Any]]]:
    """Every structure element with its ancestors, in document order (depth first)."""
    import pikepdf

    stack: list[tuple[Any, list[Any]]] = [(root.get("/K"), [])]
    seen: set[tuple[int, int]] = set()
    count = 0
    while stack:
        node, ancestors = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend((child, ancestors) for child in reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.is_indirect:
                key = node.objgen
                if key in seen:
                    continue
                seen.add(key)
            count += 1
            if count > _MAX_ELEMENTS:
                return
            yield node, ancestors
            kids = node.get("/K")
            if kids is not None:
                stack.append((kids, [*ancestors, node]))


def _structure(root: Any) -> Iterator[Finding]:
    role_map = root.get("/RoleMap")
    figures = 0
    previous = 0
    tables: list[Any] = []
    headers: set[int] = set()
    for element, ancestors in _elements(root):
        role = _role(element, role_map)
        if role == "/Figure":
            figures += 1
            if not (_text(element.get("/Alt")) or _text(element.get("/ActualText"))):
                yield Finding("1.1.1", f"figure {figures}", "the figure has no alternative text (/Alt)")
        elif role == "/Table":
            tables.append(element)
        elif role == "/TH":
            headers.update(id(a) for a in ancestors)
            headers.update(a.objgen for a in ancestors if a.is_indirect)
        match = _HEADING.match(role)
        if match:
            level = int(match.group(1))
            if level > previous + 1:
                yield Finding(
                    "1.3.1",
                    f"heading “{_text(element.get('/T')) or _text(element.get('/ActualText')) or level}”",
                    f"heading level {level} follows level {previous}: a level is skipped",
                )
            previous = level
    for number, table in enumerate(tables, start=1):
        key = table.objgen if table.is_indirect else id(table)
        if key not in headers:
            yield Finding("1.3.1", f"table {number}", "the table has no header cells (TH)")
