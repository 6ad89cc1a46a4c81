"""Accessibility checks of a Word document (.docx), made by labkit or by anyone else.

The checks read the package's XML directly: document properties, the styles (resolved through ``basedOn`` like
Word does), the body, headers and footers.
"""

from __future__ import annotations

import functools
import io
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ._contrast import LARGE_TEXT_RATIO, TEXT_RATIO, contrast_ratio, is_large_text
from ._findings import Finding

__all__ = ["check_docx"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
V = "{urn:schemas-microsoft-com:vml}"
DC = "{http://purl.org/dc/elements/1.1/}"
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
_CHECKED_PARTS = re.compile(r"^(word/(document|header\d*|footer\d*|styles)|docProps/core)\.xml$")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
_FAKE_BULLET = re.compile(r"^\s*([•◦▪●■\-–*·]|\d{1,2}[.)])\s+\S")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


class _Package:
    def __init__(self, source: bytes | str | os.PathLike[str]) -> None:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                # Only the parts the checks read: the text, its headers and footers, styles and properties.
                self.parts = {
                    name: package.read(name) for name in package.namelist() if _CHECKED_PARTS.match(name)
                }
        except zipfile.BadZipFile:
            raise ValueError("not a Word document (.docx): it is not a zip package") from None
        if "word/document.xml" not in self.parts:
            raise ValueError("not a Word document (.docx): word/document.xml is missing")

    def styles(self) -> _Styles:
        return _styles(self.parts.get("word/styles.xml"))

    def xml(self, name: str) -> etree._Element | None:
        data = self.parts.get(name)
        if data is None:
            return None
        try:
            return etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise ValueError(f"{name} is not well-formed XML ({exc})") from None


@functools.lru_cache(maxsize=16)
def _styles(data: bytes | None) -> _Styles:
    """The styles of a styles part, parsed once: documents made from one template share it (and its lookups)."""
    if data is None:
        return _Styles(None)
    try:
        return _Styles(etree.fromstring(data, _PARSER))
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"word/styles.xml is not well-formed XML ({exc})") from None


def _val(element: etree._Element | None, attr: str = "val") -> str | None:
    if element is None:
        return None
    return element.get(f"{W}{attr}")


def _on(element: etree._Element | None) -> bool | None:
    """A Word on/off property: None when absent."""
    if element is None:
        return None
    return (_val(element) or "true").lower() not in {"0", "false", "off"}


class _Styles:
    """Paragraph and character styles, resolved through basedOn and the document defaults."""

    def __init__(self, root: etree._Element | None) -> None:
        self.by_id: dict[str, etree._Element] = {}
        self.defaults_rpr: etree._Element | None = None
        self._run_properties: dict[tuple[str, str | None, str | None], etree._Element | None] = {}
        self.default_paragraph = ""
        if root is None:
            return
        for style in root.findall(f"{W}style"):
            sid = style.get(f"{W}styleId") or ""
            self.by_id[sid] = style
            if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in {"1", "true"}:
                self.default_paragraph = sid
        self.defaults_rpr = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")

    def chain(self, style_id: str | None) -> Iterator[etree._Element]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = _val(style.find(f"{W}basedOn"))

    def run_property(self, tag: str, run_style: str | None, para_style: str | None) -> etree._Element | None:
        """The run property *tag* as the styles give it (a document has few style pairs and many runs)."""
        key = (tag, run_style, para_style)
        if key not in self._run_properties:
            self._run_properties[key] = self._resolve(tag, run_style, para_style)
        return self._run_properties[key]

    def _resolve(self, tag: str, run_style: str | None, para_style: str | None) -> etree._Element | None:
        for style_id in (run_style, para_style or self.default_paragraph):
            for style in self.chain(style_id):
                found = style.find(f"{W}rPr/{W}{tag}")
                if found is not None:
                    return found
        if self.defaults_rpr is not None:
            return self.defaults_rpr.find(f"{W}{tag}")
        return None

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or "")
        return (_val(style.find(f"{W}name")) or "") if style is not None else ""

    def outline_level(self, paragraph: etree._Element) -> int | None:
        """0 for a title, 1–9 for headings, None for body text."""
        ppr = paragraph.find(f"{W}pPr")
        level = _val(ppr.find(f"{W}outlineLvl")) if ppr is not None else None
        style_id = _val(ppr.find(f"{W}pStyle")) if ppr is not None else None
        if level is None:
            for style in self.chain(style_id):
                name = (_val(style.find(f"{W}name")) or "").lower()
                if name == "title":
                    return 0
                match = re.fullmatch(r"heading (\d)", name)
                if match:
                    return int(match.group(1))
                level = _val(style.find(f"{W}pPr/{W}outlineLvl"))
                if level is not None:
                    break
        if level is None or not level.isdigit() or int(level) > 8:
            return None
        return int(level) + 1

    def numbered(self, paragraph: etree._Element) -> bool:
        if paragraph.find(f"{W}pPr/{W}numPr") is not None:
            return True
        style_id = _val(paragraph.find(f"{W}pPr/{W}pStyle"))
        return any(style.find(f"{W}pPr/{W}numPr") is not None for style in self.chain(style_id))


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t")).strip()


def _short(text: str, limit: int = 60) -> str:
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Places:
    """Names places by the heading they come after, as a reader would find them."""

    def __init__(self) -> None:
        self.heading = ""

    def near(self) -> str:
        return f" (after “{_short(self.heading, 50)}”)" if self.heading else " (before the first heading)"


def check_docx(source: bytes | str | os.PathLike[str]) -> list[Finding]:
    """Check a .docx file (path or bytes) and return every problem found; an empty list means none.

    Raises ValueError when *source* is not a Word document.
    """
    package = _Package(source)
    document = package.xml("word/document.xml")
    assert document is not None
    body = document.find(f"{W}body")
    if body is None:
        raise ValueError("not a Word document (.docx): the document has no body")
    styles = package.styles()
    findings: list[Finding] = []
    findings += _properties(package)
    findings += _language(styles)
    findings += _body(body, styles)
    for name in sorted(package.parts):
        if _PARTS.match(name):
            root = package.xml(name)
            if root is not None:
                findings += _images(root, name)
                findings += _contrast(root, styles, name)
    return findings


def _properties(package: _Package) -> Iterator[Finding]:
    core = package.xml("docProps/core.xml")
    title = core.find(f"{DC}title") if core is not None else None
    if title is None or not (title.text or "").strip():
        yield Finding("2.4.2", "document properties", "the document has no title (File › Properties › Title)")


def _language(styles: _Styles) -> Iterator[Finding]:
    lang = _val(styles.run_property("lang", None, None))
    if not lang:
        yield Finding(
            "3.1.1", "styles", "the document language is not set (no language on the default paragraph style)"
        )
    elif not _LANG.match(lang):
        yield Finding("3.1.1", "styles", f"the document language {lang!r} is not a language tag like sv-SE")


def _body(body: etree._Element, styles: _Styles) -> Iterator[Finding]:
    places = _Places()
    previous_level: int | None = None
    headings = 0
    text_paragraphs = 0
    empty: list[str] = []
    blank_run = 0
    fake_list: list[str] = []
    typed_items: list[str] = []  # consecutive paragraphs that start like list items
    children = list(body)
    table_number = 0
    for index, element in enumerate(children):
        if element.tag == f"{W}p":
            text = _text(element)
            level = styles.outline_level(element)
            if level is not None and text:
                headings += 1
                if level > 0:
                    if previous_level is None and level > 1:
                        yield Finding(
                            "1.3.1", f"heading “{_short(text)}”", f"the first heading is level {level}, not 1"
                        )
                    elif previous_level is not None and level > max(previous_level, 0) + 1:
                        yield Finding(
                            "1.3.1",
                            f"heading “{_short(text)}”",
                            f"heading level {level} follows level {max(previous_level, 0)}: a level is skipped",
                        )
                    previous_level = level
                elif previous_level is None:
                    previous_level = 0
                places.heading = text
            elif text:
                text_paragraphs += 1
                if _FAKE_BULLET.match(text) and not styles.numbered(element):
                    typed_items.append(f"“{_short(text, 40)}”{places.near()}")
                    blank_run = 0
                    continue
            if text:
                fake_list += _typed_list(typed_items)
            elif _is_spacer(element, children, index):
                blank_run += 1
                if blank_run == 2:
                    empty.append(places.near().strip(" ()"))
                continue
            blank_run = 0
        elif element.tag == f"{W}tbl":
            fake_list += _typed_list(typed_items)
            blank_run = 0
            table_number += 1
            yield from _table(element, f"table {table_number}{places.near()}")
    fake_list += _typed_list(typed_items)
    if headings == 0 and text_paragraphs > 10:
        yield Finding("2.4.6", "document", "the document has no headings (use the Heading styles)")
    if empty:
        yield Finding(
            "1.3.1",
            empty[0],
            f"empty paragraphs in a row used for spacing ({len(empty)} place{'s' if len(empty) > 1 else ''}): "
            "use space before and after in the paragraph style instead",
        )
    if fake_list:
        yield Finding(
            "1.3.1",
            fake_list[0],
            f"{len(fake_list)} paragraph{'s' if len(fake_list) > 1 else ''} typed as a list "
            "(a bullet or number written as text): use a list style",
        )


def _typed_list(run: list[str]) -> list[str]:
    """The paragraphs of *run* if they are a list typed as text (two or more in a row), and empties *run*.

    One paragraph that starts like an item (a name such as "- Norr", a sentence "1. Vi ...") is not a list."""
    items = run[:] if len(run) >= 2 else []
    run.clear()
    return items


def _is_spacer(paragraph: etree._Element, siblings: list[etree._Element], index: int) -> bool:
    """An empty paragraph that only makes space (not a page break, section end or required table separator)."""
    if any(
        paragraph.find(f".//{W}{tag}") is not None
        for tag in ("drawing", "pict", "object", "fldChar", "instrText", "sectPr", "bookmarkStart")
    ):
        return False
    if any(br.get(f"{W}type") == "page" for br in paragraph.iter(f"{W}br")):
        return False
    if index == len(siblings) - 1 or (index == len(siblings) - 2 and siblings[-1].tag == f"{W}sectPr"):
        return False  # Word requires a last paragraph
    before = siblings[index - 1].tag if index > 0 else ""
    after = siblings[index + 1].tag if index + 1 < len(siblings) else ""
    return not (before == f"{W}tbl" and after == f"{W}tbl")  # keeps two tables apart


def _table(table: etree._Element, place: str) -> Iterator[Finding]:
    rows = table.findall(f"{W}tr")
    cells = [row.findall(f"{W}tc") for row in rows]
    if any(ancestor.tag == f"{W}tbl" for ancestor in table.iterancestors()):
        yield Finding("1.3.1", place, "a table inside a table (a layout table)")
        return
    if len(rows) <= 1 and all(len(row) <= 1 for row in cells):
        yield Finding(
            "1.3.1", place, "a one-cell table used for layout: use a paragraph with a border instead"
        )
        return
    if not rows:
        return
    if not _on(rows[0].find(f"{W}trPr/{W}tblHeader")):
        yield Finding(
            "1.3.1", place, "no header row: mark the first row as a header row that repeats on every page"
        )
    header = cells[0]
    for number, cell in enumerate(header, start=1):
        if not _text(cell):
            yield Finding("1.3.1", place, f"header cell {number} is empty: name what the column holds")
    for tc in table.iter(f"{W}tc"):
        props = tc.find(f"{W}tcPr")
        if props is None:
            continue
        span = _val(props.find(f"{W}gridSpan"))
        if (span and span.isdigit() and int(span) > 1) or props.find(f"{W}vMerge") is not None:
            yield Finding("1.3.1", place, "merged cells: give every row the same cells")
            break
    for tc in table.iter(f"{W}tc"):
        if tc.find(f".//{W}sym") is not None:
            yield Finding(
                "1.1.1",
                place,
                "a symbol-font character (not readable aloud): type a Unicode character like ☐",
            )
            break


def _images(root: etree._Element, part: str) -> Iterator[Finding]:
    where = "" if part == "word/document.xml" else f"{Path(part).stem}: "
    for number, doc_pr in enumerate(root.iter(f"{WP}docPr"), start=1):
        decorative = any(
            el.get("val") in {"1", "true"} for el in doc_pr.iter() if el.tag.endswith("decorative")
        )
        if not (doc_pr.get("descr") or "").strip() and not decorative:
            name = doc_pr.get("name") or f"image {number}"
            yield Finding("1.1.1", f"{where}image “{name}”", "the image has no alternative text")
    for shape in root.iter(f"{V}shape"):
        if shape.find(f"{V}imagedata") is not None and not (shape.get("alt") or "").strip():
            yield Finding(
                "1.1.1", f"{where}image “{shape.get('id') or 'shape'}”", "the image has no alternative text"
            )


def _background(run: etree._Element, paragraphs: dict[etree._Element, str]) -> str:
    """The fill behind *run*: its own shading, else its paragraph's, else its table cell's (white by default).
    *paragraphs* keeps the answer for each paragraph, which all its runs share."""
    own = _val(run.find(f"{W}rPr/{W}shd"), "fill")
    if own and own.lower() != "auto":
        return own
    paragraph = run.getparent()
    while paragraph is not None and paragraph.tag != f"{W}p":
        paragraph = paragraph.getparent()
    if paragraph is None:
        return "FFFFFF"
    if paragraph not in paragraphs:
        paragraphs[paragraph] = _fill_behind(paragraph)
    return paragraphs[paragraph]


def _fill_behind(paragraph: etree._Element) -> str:
    for element in (paragraph, *paragraph.iterancestors()):
        if element.tag == f"{W}r":
            fill = _val(element.find(f"{W}rPr/{W}shd"), "fill")
        elif element.tag == f"{W}p":
            fill = _val(element.find(f"{W}pPr/{W}shd"), "fill")
        elif element.tag == f"{W}tc":
            fill = _val(element.find(f"{W}tcPr/{W}shd"), "fill")
        else:
            continue
        if fill and fill.lower() != "auto":
            return fill
    return "FFFFFF"


def _contrast(root: etree._Element, styles: _Styles, part: str) -> Iterator[Finding]:
    seen: set[tuple[str, str, bool]] = set()
    fills: dict[etree._Element, str] = {}
    where = "" if part == "word/document.xml" else f"{Path(part).stem}: "
    for run in root.iter(f"{W}r"):
        text = "".join(t.text or "" for t in run.findall(f"{W}t")).strip()
        if not text:
            continue
        paragraph = next((a for a in run.iterancestors(f"{W}p")), None)
        para_style = _val(paragraph.find(f"{W}pPr/{W}pStyle")) if paragraph is not None else None
        rpr = run.find(f"{W}rPr")
        run_style = _val(rpr.find(f"{W}rStyle")) if rpr is not None else None

        def prop(
            tag: str,
            rpr: etree._Element | None = rpr,
            rs: str | None = run_style,
            ps: str | None = para_style,
        ) -> etree._Element | None:
            own = rpr.find(f"{W}{tag}") if rpr is not None else None
            return own if own is not None else styles.run_property(tag, rs, ps)

        colour = _val(prop("color"))
        if not colour or colour.lower() == "auto" or not re.fullmatch(r"[0-9A-Fa-f]{6}", colour):
            continue
        size_half_points = _val(prop("sz"))
        size = int(size_half_points) / 2 if size_half_points and size_half_points.isdigit() else 11.0
        bold = bool(_on(prop("b")))
        background = _background(run, fills)
        large = is_large_text(size, bold)
        key = (colour.upper(), background.upper(), large)
        if key in seen:
            continue
        seen.add(key)
        ratio = contrast_ratio(colour, background)
        needed = LARGE_TEXT_RATIO if large else TEXT_RATIO
        if ratio < needed:
            yield Finding(
                "1.4.3",
                f"{where}“{_short(text, 40)}”",
                f"text colour #{colour.upper()} on #{background.upper()} has a contrast of {ratio:.1f}:1; "
                f"{'large ' if large else ''}text needs {needed:g}:1",
            )
