"""The site's look from a house style: organisation, logo, colours and fonts, with colour contrast checked.

Every colour pair the stylesheet uses is checked against WCAG 2.1 AA (contrast at least 4.5:1 for text); a house
style that fails is refused with an error naming the field, both colours and the ratio.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from ..documents.housestyle import HouseStyle, with_lines
from ..errors import InvalidDataError, Problem

__all__ = ["MIN_CONTRAST", "SiteStyle", "contrast_ratio", "site_style"]

#: WCAG 2.1 AA, success criterion 1.4.3: normal text needs a contrast ratio of at least 4.5:1.
MIN_CONTRAST = 4.5

# The default palette passes with room to spare; the backgrounds are the two the stylesheet puts text on.
_DEFAULT_TEXT = "#1F2A37"
_DEFAULT_ACCENT = "#1D4F91"
_BACKGROUNDS = {"page background": "#FFFFFF", "panel background": "#F3F5F8"}
_FONT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,60}\Z")


@attrs.frozen
class SiteStyle:
    """What the site's templates and stylesheet use: already checked, safe to print into CSS."""

    organisation: str = ""
    logo: bytes | None = attrs.field(default=None, repr=False)
    text: str = _DEFAULT_TEXT
    accent: str = _DEFAULT_ACCENT
    """Headings, links and the page header's band (white text on it)."""
    body_font: str = ""
    heading_font: str = ""


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two ``#RRGGBB`` colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _check_contrast(field: str, colour: str, source: str | None) -> list[Problem]:
    problems = []
    for name, background in _BACKGROUNDS.items():
        ratio = contrast_ratio(colour, background)
        if ratio < MIN_CONTRAST:
            problems.append(
                Problem(
                    f"{colour.upper()} on the site's {name} {background} has a contrast ratio of "
                    f"{ratio:.2f}:1; WCAG 2.1 AA needs at least {MIN_CONTRAST}:1 for text. Choose a darker colour.",
                    source,
                    None,
                    ("colours", field),
                )
            )
    return problems


def _check_font(field: str, font: str | None, source: str | None) -> list[Problem]:
    if font is None or _FONT_NAME.match(font):
        return []
    return [
        Problem(
            f"{font!r} is not a font name: use letters, digits, spaces, dots, dashes and underscores only",
            source,
            None,
            ("fonts", field),
        )
    ]


def site_style(style: HouseStyle | None, source: str | Path | None = None) -> SiteStyle:
    """Check *style* for use on the web and turn it into a :class:`SiteStyle`; *source* names the file in errors."""
    if style is None:
        return SiteStyle()
    where = str(source) if source is not None else None
    problems: list[Problem] = []
    if style.colours.text:
        problems += _check_contrast("text", style.colours.text, where)
    if style.colours.headings:
        problems += _check_contrast("headings", style.colours.headings, where)
    problems += _check_font("body", style.fonts.body, where)
    problems += _check_font("headings", style.fonts.headings, where)
    logo = style.logo_bytes()
    if logo is not None and not style.organisation.strip():
        problems.append(
            Problem(
                "a logo needs the organisation's name beside it (its text alternative); set 'organisation'",
                where,
                None,
                ("organisation",),
            )
        )
    if problems:
        raise InvalidDataError(with_lines(problems, source))
    return SiteStyle(
        organisation=style.organisation.strip(),
        logo=logo,
        text=(style.colours.text or _DEFAULT_TEXT).upper(),
        accent=(style.colours.headings or _DEFAULT_ACCENT).upper(),
        body_font=style.fonts.body or "",
        heading_font=style.fonts.headings or "",
    )
