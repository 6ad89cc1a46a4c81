"""House style: one file that gives every document a company's name, logo, colours and fonts.

```yaml
organisation: Bostadsbolaget i Exempelstad
logo: logo.png            # PNG, relative to this file
logo_alt: Bostadsbolaget i Exempelstad   # what the logo says, read aloud by screen readers
colours: {headings: "#7A1F3D", text: "#222222"}
fonts: {body: Georgia, headings: Verdana}
```

Every document must stay accessible: colours that do not contrast enough with the page and the table shading
(WCAG 2.1 1.4.3: 4.5:1) and a logo without alternative text are refused with an error naming the problem.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import attrs

from ..errors import InvalidDataError, Problem

__all__ = ["Colours", "Fonts", "HouseStyle", "inaccessible_colours", "load_house_style"]

_HEX = r"^#[0-9A-Fa-f]{6}$"


@attrs.frozen
class Colours:
    """Colours as hex codes, like `#7A1F3D`."""

    headings: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.matches_re(_HEX))
    )
    """The colour of the title, the subtitle and headings 1–3."""
    text: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.matches_re(_HEX))
    )
    """The colour of body text."""


@attrs.frozen
class Fonts:
    """Font names; the fonts must be installed where the documents are opened."""

    body: str | None = None
    """The font of body text."""
    headings: str | None = None
    """The font of the title and headings."""


@attrs.frozen
class HouseStyle:
    """An organisation's look for every document: name, logo, colours and fonts."""

    organisation: str = ""
    """The organisation's name, printed in the header of every document."""
    logo: str | None = None
    """Path to a PNG logo; relative paths are relative to the house-style file."""
    logo_alt: str | None = None
    """The logo's alternative text, read aloud by screen readers (what the logo says). Without it the
    organisation's name is used; a logo with neither is refused."""
    colours: Colours = attrs.field(factory=Colours)
    """Colours for headings and text."""
    fonts: Fonts = attrs.field(factory=Fonts)
    """Fonts for body text and headings."""

    def logo_bytes(self) -> bytes | None:
        if self.logo is None:
            return None
        return _read_logo(self.logo)


@functools.cache
def _read_logo(path: str) -> bytes:
    data = Path(path).read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise InvalidDataError([Problem("the logo must be a PNG image", path)])
    return data


def load_house_style(path: str | os.PathLike[str]) -> HouseStyle:
    """Load a house-style file (YAML or JSON); the logo path is resolved against the file's folder."""
    from ..files import load

    path = Path(path)
    style: HouseStyle = load(path, HouseStyle)
    if style.logo is not None:
        logo = (path.parent / style.logo).resolve()
        if not logo.is_file():
            raise InvalidDataError(
                [Problem(f"the logo {style.logo!r} does not exist", str(path), None, ("logo",))]
            )
        style = attrs.evolve(style, logo=str(logo))
        style.logo_bytes()
    return style


def inaccessible_colours(style: HouseStyle) -> list[str]:
    """The house style's colour pairs that do not contrast enough, each with its ratio (empty when all pass).

    Headings are measured on the page (white); body text on the page and on the shading of table header rows
    and label cells, where it also appears. Every pair needs 4.5:1 (Heading 3 and table headers are not large).
    """
    from ..accessibility import TEXT_RATIO, contrast_ratio
    from ._look import HEADER_FILL, LABEL_FILL

    backgrounds = {
        "headings": [("white", "#FFFFFF")],
        "text": [
            ("white", "#FFFFFF"),
            ("table header shading", f"#{HEADER_FILL}"),
            ("label shading", f"#{LABEL_FILL}"),
        ],
    }
    problems = []
    for field, colour in (("headings", style.colours.headings), ("text", style.colours.text)):
        if colour is None:
            continue
        for name, background in backgrounds[field]:
            ratio = contrast_ratio(colour, background)
            if ratio < TEXT_RATIO:
                problems.append(
                    f"the house style's colours.{field} {colour} on {name} ({background}) has a contrast of "
                    f"{ratio:.2f}:1; text needs at least {TEXT_RATIO:g}:1 (WCAG 2.1 1.4.3)"
                )
                break
    return problems


_HEADING_STYLES = ("Title", "Subtitle", "Heading1", "Heading2", "Heading3")


def apply_to_styles(styles_xml: bytes, style: HouseStyle) -> bytes:
    """Return a template's ``word/styles.xml`` with the house colours and fonts applied."""
    from lxml import etree

    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    w = "{{{}}}".format(ns["w"])
    root = etree.fromstring(styles_xml)

    def set_font(rpr: etree._Element, font: str) -> None:
        fonts = rpr.find("w:rFonts", ns)
        if fonts is None:
            fonts = etree.SubElement(rpr, w + "rFonts")
            rpr.insert(0, fonts)
        for attr in list(fonts.attrib):
            if str(attr).endswith("Theme"):
                del fonts.attrib[attr]
        for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(w + attr, font)

    def set_colour(rpr: etree._Element, colour: str) -> None:
        el = rpr.find("w:color", ns)
        if el is None:
            el = etree.SubElement(rpr, w + "color")
        for attr in list(el.attrib):
            del el.attrib[attr]
        el.set(w + "val", colour.lstrip("#").upper())

    for st in root.findall("w:style", ns):
        sid = st.get(w + "styleId") or ""
        rpr = st.find("w:rPr", ns)
        if rpr is None:
            rpr = etree.SubElement(st, w + "rPr")
        if sid in _HEADING_STYLES:
            if style.colours.headings:
                set_colour(rpr, style.colours.headings)
            if style.fonts.headings:
                set_font(rpr, style.fonts.headings)
        elif st.get(w + "type") == "paragraph" or sid == "DefaultParagraphFont":
            if style.fonts.body and sid == "Normal":
                set_font(rpr, style.fonts.body)
            if style.colours.text and sid == "Normal":
                set_colour(rpr, style.colours.text)
    defaults = root.find("w:docDefaults/w:rPrDefault/w:rPr", ns)
    if defaults is not None and style.fonts.body:
        set_font(defaults, style.fonts.body)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out
