"""Editing a copy of a lab's files in a test: one change, at the one place it can go."""

from __future__ import annotations

from pathlib import Path


def replace(path: Path, old: str, new: str) -> int:
    """Replace the one occurrence of *old* in *path*; return its line number."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1
