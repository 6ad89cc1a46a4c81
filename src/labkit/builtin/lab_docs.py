"""The built-in lab documents (lab plan, partner checklists, outcome report)."""

from __future__ import annotations

from ..generators import Generator

__all__ = ["generators"]


def generators() -> list[Generator]:
    return []
