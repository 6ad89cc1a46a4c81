"""Jinja filters available in every template."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..documents.views import format_number

__all__ = ["FILTERS"]


def sek(value: float, lang: str = "sv") -> str:
    """Format an amount in kronor: ``{{ 1200000 | sek }}`` -> ``1 200 000 kr``."""
    return f"{format_number(value, lang)} kr" if lang == "sv" else f"SEK {format_number(value, lang)}"


def number(value: float, lang: str = "sv", decimals: int = 0) -> str:
    """Format a number for the document's language."""
    return format_number(value, lang, decimals)


FILTERS: dict[str, Callable[..., Any]] = {"sek": sek, "number": number}
