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
import zlib
from pathlib import Path

import attrs

from ..errors import InvalidDataError, Problem

__all__ = [
    "Colours",
    "Fonts",
    "HouseStyle",
    "accessibility_problems",
    "inaccessible_colours",
    "load_house_style",
    "with_lines",
]

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


def _read_logo(path: str) -> bytes:
    data, problem = _logo(path)
    if problem:
        raise InvalidDataError([Problem(f"the logo {problem}", path)])
    return data


@functools.cache
def _logo(path: str) -> tuple[bytes, str | None]:
    """A logo file's bytes and what keeps them from being a whole PNG, read once per process."""
    data = Path(path).read_bytes()
    return data, png_problem(data)


_MAX_LOGO_BYTES = 5_000_000
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_problem(data: bytes) -> str | None:
    """What keeps *data* from being a whole PNG image (None when it is one): the signature, then chunks whose
    checksums match, from IHDR to IEND. A cut-off or damaged file would be copied into every document."""
    if not data.startswith(_PNG_SIGNATURE):
        return "is not a PNG image"
    offset, kinds = len(_PNG_SIGNATURE), []
    while offset + 12 <= len(data):
        length = int.from_bytes(data[offset : offset + 4], "big")
        kind, body = data[offset + 4 : offset + 8], data[offset + 8 : offset + 8 + length]
        crc = data[offset + 8 + length : offset + 12 + length]
        if len(body) < length or len(crc) < 4 or zlib.crc32(kind + body).to_bytes(4, "big") != crc:
            return "is a damaged or cut-off PNG image"
        kinds.append(kind)
        offset += 12 + length
        if kind == b"IEND":
            break
    if not kinds or kinds[0] != b"IHDR" or kinds[-1] != b"IEND":
        return "is a damaged or cut-off PNG image"
    return None


def load_house_style(path: str | os.PathLike[str], *, accessible: bool = True) -> HouseStyle:
    """Load a house-style file (YAML or JSON); the logo path is resolved against the file's folder.

    With *accessible* (the default) a style that would make documents inaccessible – a colour without enough
    contrast, a logo without alternative text – is refused with the file, line and field of each problem.
    """
    from ..files import load

    path = Path(path)
    style: HouseStyle = load(path, HouseStyle)
    if style.logo is not None:
        logo = (path.parent / style.logo).resolve()
        problem = None if logo.is_file() else "does not exist"
        if problem is None and logo.stat().st_size > _MAX_LOGO_BYTES:
            problem = f"is larger than {_MAX_LOGO_BYTES // 1_000_000} MB: use a smaller image"
        if problem is None:
            problem = _logo(str(logo))[1]
        if problem:
            raise InvalidDataError(
                with_lines([Problem(f"the logo {style.logo!r} {problem}", str(path), None, ("logo",))], path)
            )
        style = attrs.evolve(style, logo=str(logo))
    if accessible and (problems := accessibility_problems(style, path)):
        raise InvalidDataError(with_lines(problems, path))
    return style


def accessibility_problems(style: HouseStyle, source: str | os.PathLike[str] | None = None) -> list[Problem]:
    """What in *style* would make a document inaccessible, each with its field (and *source* as the file)."""
    where = str(source) if source is not None else None
    problems = [
        Problem(
            f"{message}. Choose a darker colour, or make the documents anyway with --allow-inaccessible",
            where,
            None,
            ("colours", field),
        )
        for field, message in _colour_problems(style)
    ]
    if style.logo is not None and not (style.logo_alt or style.organisation).strip():
        problems.append(
            Problem(
                "the logo has no alternative text: add logo_alt (what the logo says) or the organisation's name, "
                "or make the documents anyway with --allow-inaccessible",
                where,
                None,
                ("logo_alt",),
            )
        )
    return problems


def with_lines(problems: list[Problem], source: str | os.PathLike[str] | None) -> list[Problem]:
    """The problems with the line of their field in the house-style file, where it can be found."""
    if source is None:
        return problems
    from ..files import line_of, load_located

    try:
        positions = load_located(source, HouseStyle)[1]
    except Exception:  # the file was read once already; a second failure only costs the line numbers
        return problems
    return [attrs.evolve(p, line=line_of(positions, p.path)) for p in problems]


def inaccessible_colours(style: HouseStyle) -> list[str]:
    """The house style's colour pairs that do not contrast enough, each with its ratio (empty when all pass)."""
    return [f"the house style's colours.{field} {message}" for field, message in _colour_problems(style)]


def _colour_problems(style: HouseStyle) -> list[tuple[str, str]]:
    """(field, what is wrong) for each house-style colour that does not contrast enough.

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
                    (
                        field,
                        f"{colour} on {name} ({background}) has a contrast of {ratio:.2f}:1; text needs at least "
                        f"{TEXT_RATIO:g}:1 (WCAG 2.1 1.4.3)",
                    )
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
