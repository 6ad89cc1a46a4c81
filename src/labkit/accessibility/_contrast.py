"""Colour contrast as WCAG 2.1 defines it (relative luminance of sRGB colours)."""

from __future__ import annotations

import re

__all__ = ["LARGE_TEXT_RATIO", "TEXT_RATIO", "contrast_ratio", "is_large_text", "parse_colour"]

TEXT_RATIO = 4.5
"""The least contrast for text (WCAG 1.4.3)."""
LARGE_TEXT_RATIO = 3.0
"""The least contrast for large text: 18 pt, or 14 pt bold."""

_HEX = re.compile(r"^#?([0-9A-Fa-f]{6})$")


def parse_colour(value: str) -> tuple[int, int, int]:
    """``#1F4E79`` or ``1F4E79`` as an (r, g, b) tuple; ValueError for anything else."""
    match = _HEX.match(value.strip())
    if match is None:
        raise ValueError(f"{value!r} is not a colour like #1F4E79")
    digits = match.group(1)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _luminance(colour: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str = "#FFFFFF") -> float:
    """The contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    a = _luminance(parse_colour(foreground))
    b = _luminance(parse_colour(background))
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


def is_large_text(size_pt: float, bold: bool) -> bool:
    """Large text in WCAG's sense: at least 18 point, or at least 14 point and bold."""
    return size_pt >= 18 or (bold and size_pt >= 14)
