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
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple, TypeVar

from lxml import etree

from ..text import counting
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
_R, _T, _RPR, _P, _TC, _SHD = f"{W}r", f"{W}t", f"{W}rPr", f"{W}p", f"{W}tc", f"{W}shd"
_VAL, _FILL, _TBL, _TR, _TRPR = f"{W}val", f"{W}fill", f"{W}tbl", f"{W}tr", f"{W}trPr"
_TBLHEADER, _GRID_SPAN, _V_MERGE, _SYM = f"{W}tblHeader", f"{W}gridSpan", f"{W}vMerge", f"{W}sym"


class _Package:
    def __init__(self, source: bytes | str | os.PathLike[str] | Mapping[str, bytes]) -> None:
        if isinstance(source, Mapping):
            self.parts = {name: data for name, data in source.items() if _CHECKED_PARTS.match(name)}
        else:
            self.parts = _read_parts(source if isinstance(source, bytes) else Path(source).read_bytes())
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


def _read_parts(data: bytes) -> dict[str, bytes]:
    """Only the parts the checks read: the text, its headers and footers, styles and properties."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return {name: package.read(name) for name in package.namelist() if _CHECKED_PARTS.match(name)}
    except zipfile.BadZipFile:
        raise ValueError("not a Word document (.docx): it is not a zip package") from None


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
    return element.get(_VAL if attr == "val" else f"{W}{attr}")


def _number(value: str) -> int | None:
    """A whole number written in ASCII digits (None for anything else, ``²`` included); one too long for int() (a
    size of 5,000 digits) counts as a billion, larger than any size, level or span the checks compare."""
    if not (value.isascii() and value.isdigit()):
        return None
    digits = value.lstrip("0") or "0"
    return int(digits) if len(digits) <= 9 else 10**9


def _on(element: etree._Element | None) -> bool | None:
    """A Word on/off property: None when absent."""
    if element is None:
        return None
    return (_val(element) or "true").lower() not in {"0", "false", "off"}


#: How many answers each of a styles part's look-ups keeps: their keys come from the documents checked.
_MAX_REMEMBERED = 4096
_K = TypeVar("_K")
_V = TypeVar("_V")


def _remember(answers: dict[_K, _V], key: _K, answer: _V) -> _V:
    """Keep *answer* for *key* in *answers*, which never hold more than :data:`_MAX_REMEMBERED`."""
    if len(answers) >= _MAX_REMEMBERED:
        answers.clear()
    answers[key] = answer
    return answer


class _Styles:
    """Paragraph and character styles, resolved through basedOn and the document defaults."""

    def __init__(self, root: etree._Element | None) -> None:
        self.by_id: dict[str, etree._Element] = {}
        self.defaults_rpr: etree._Element | None = None
        self._run_properties: dict[tuple[str, str | None, str | None], etree._Element | None] = {}
        self._levels: dict[tuple[str | None, str | None], int | None] = {}
        self._numbered: dict[str | None, bool] = {}
        self._looks: dict[tuple[_RunProperties, str | None], _Look | None] = {}
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
        if key in self._run_properties:
            return self._run_properties[key]
        return _remember(self._run_properties, key, self._resolve(tag, run_style, para_style))

    def _resolve(self, tag: str, run_style: str | None, para_style: str | None) -> etree._Element | None:
        for style_id in (run_style, para_style or self.default_paragraph):
            for style in self.chain(style_id):
                found = style.find(f"{W}rPr/{W}{tag}")
                if found is not None:
                    return found
        if self.defaults_rpr is not None:
            return self.defaults_rpr.find(f"{W}{tag}")
        return None

    def look(self, own: _RunProperties, para_style: str | None) -> _Look | None:
        """The colour and size class of text with these own run properties in this paragraph style (see
        :func:`_look`), worked out once: documents made from one template share their styles and these."""
        key = (own, para_style)
        if key in self._looks:
            return self._looks[key]
        return _remember(self._looks, key, _look(self, *own, para_style))

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or "")
        return (_val(style.find(f"{W}name")) or "") if style is not None else ""

    def outline_level(self, paragraph: etree._Element) -> int | None:
        """0 for a title, 1–9 for headings, None for body text."""
        style_id, own_level, _, _ = _paragraph_properties(paragraph)
        key = (style_id, own_level)
        if key in self._levels:
            return self._levels[key]
        return _remember(self._levels, key, self._level(style_id, own_level))

    def _level(self, style_id: str | None, level: str | None) -> int | None:
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
        number = _number(level) if level is not None else None
        if number is None or number > 8:
            return None
        return number + 1

    def numbered(self, paragraph: etree._Element) -> bool:
        _, _, style_id, numbered = _paragraph_properties(paragraph)
        if numbered:
            return True
        if style_id in self._numbered:
            return self._numbered[style_id]
        in_style = any(style.find(f"{W}pPr/{W}numPr") is not None for style in self.chain(style_id))
        return _remember(self._numbered, style_id, in_style)


_PPR, _PSTYLE, _OUTLINE, _NUMPR = f"{W}pPr", f"{W}pStyle", f"{W}outlineLvl", f"{W}numPr"


class _ParagraphProperties(NamedTuple):
    """What a paragraph says of itself, as Word reads it: its first ``pPr`` decides the style and outline level
    of a heading; a style or numbering in any ``pPr`` counts for its look and for lists (one ``pPr`` is what
    the schema allows, these only differ for a malformed file)."""

    style: str | None
    level: str | None
    any_style: str | None
    numbered: bool


def _paragraph_properties(paragraph: etree._Element) -> _ParagraphProperties:
    first: dict[str, etree._Element] | None = None
    any_style: etree._Element | None = None
    numbered = False
    for ppr in paragraph:
        if ppr.tag != _PPR:
            continue
        found: dict[str, etree._Element] = {}
        for child in ppr:
            found.setdefault(child.tag, child)
        if first is None:
            first = found
        if any_style is None:
            any_style = found.get(_PSTYLE)
        numbered = numbered or _NUMPR in found
    style, level = (first.get(_PSTYLE), first.get(_OUTLINE)) if first is not None else (None, None)
    return _ParagraphProperties(_val(style), _val(level), _val(any_style), numbered)


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(_T)).strip()


def _short(text: str, limit: int = 60) -> str:
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Places:
    """Names places by the heading they come after, as a reader would find them."""

    def __init__(self) -> None:
        self.heading = ""

    def near(self) -> str:
        return f" (after “{_short(self.heading, 50)}”)" if self.heading else " (before the first heading)"


def check_docx(source: bytes | str | os.PathLike[str] | Mapping[str, bytes]) -> list[Finding]:
    """Check a .docx file (path or bytes, or its parts as a mapping of part name to XML bytes, as in
    ``{"word/document.xml": ...}``) and return every problem found; an empty list means none.

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
            root = document if name == "word/document.xml" else package.xml(name)
            if root is not None:
                findings += _images(root, name)
                if _contrast_may_fail(root, styles):
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
        if element.tag == _P:
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
                if typed_items:
                    fake_list += _typed_list(typed_items)
            elif _is_spacer(element, children, index):
                blank_run += 1
                if blank_run == 2:
                    empty.append(places.near().strip(" ()"))
                continue
            blank_run = 0
        elif element.tag == _TBL:
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
            f"empty paragraphs in a row used for spacing ({counting(len(empty), 'place')}): "
            "use space before and after in the paragraph style instead",
        )
    if fake_list:
        yield Finding(
            "1.3.1",
            fake_list[0],
            f"{counting(len(fake_list), 'paragraph')} typed as a list "
            "(a bullet or number written as text): use a list style",
        )


def _typed_list(run: list[str]) -> list[str]:
    """The paragraphs of *run* if they are a list typed as text (two or more in a row), and empties *run*.

    One paragraph that starts like an item (a name such as "- Norr", a sentence "1. Vi ...") is not a list."""
    items = run[:] if len(run) >= 2 else []
    run.clear()
    return items


#: What makes an empty paragraph more than space: a drawing, field, section end, bookmark or page break.
_NOT_SPACE = tuple(
    f"{W}{tag}"
    for tag in ("drawing", "pict", "object", "fldChar", "instrText", "sectPr", "bookmarkStart", "br")
)


def _is_spacer(paragraph: etree._Element, siblings: list[etree._Element], index: int) -> bool:
    """An empty paragraph that only makes space (not a page break, section end or required table separator)."""
    for element in paragraph.iter(*_NOT_SPACE):
        if element.tag != f"{W}br" or element.get(f"{W}type") == "page":
            return False
    if index == len(siblings) - 1 or (index == len(siblings) - 2 and siblings[-1].tag == f"{W}sectPr"):
        return False  # Word requires a last paragraph
    before = siblings[index - 1].tag if index > 0 else ""
    after = siblings[index + 1].tag if index + 1 < len(siblings) else ""
    return not (before == f"{W}tbl" and after == f"{W}tbl")  # keeps two tables apart


def _table(table: etree._Element, place: str) -> Iterator[Finding]:
    rows = list(table.iterchildren(_TR))
    if next(table.iterancestors(_TBL), None) is not None:
        yield Finding("1.3.1", place, "a table inside a table (a layout table)")
        return
    if len(rows) <= 1 and all(len(row.findall(f"{W}tc")) <= 1 for row in rows):
        yield Finding(
            "1.3.1", place, "a one-cell table used for layout: use a paragraph with a border instead"
        )
        return
    if not rows:
        return
    header = rows[0]
    marks = (
        mark for properties in header.iterchildren(_TRPR) for mark in properties.iterchildren(_TBLHEADER)
    )
    if not _on(next(marks, None)):
        yield Finding(
            "1.3.1", place, "no header row: mark the first row as a header row that repeats on every page"
        )
    for number, cell in enumerate(header.iterchildren(_TC), start=1):
        if not _text(cell):
            yield Finding("1.3.1", place, f"header cell {number} is empty: name what the column holds")
    merged = symbol = False  # one walk over the table for both
    for element in table.iter(_GRID_SPAN, _V_MERGE, _SYM):
        if element.tag == _SYM:
            symbol = symbol or next(element.iterancestors(_TC), None) is not None  # in a cell
        else:
            merged = merged or _merges(element)
    if merged:
        yield Finding("1.3.1", place, "merged cells: give every row the same cells")
    if symbol:
        yield Finding(
            "1.1.1",
            place,
            "a symbol-font character (not readable aloud): type a Unicode character like ☐",
        )


def _merges(element: etree._Element) -> bool:
    """Whether *element* (a ``gridSpan`` or ``vMerge``) merges its cell: it is in the cell's own properties (the
    cell's first ``tcPr``, not the earlier properties a tracked change keeps inside it), and a ``gridSpan`` is the
    first one there and spans more than one column."""
    properties = element.getparent()
    cell = properties.getparent() if properties is not None else None
    if properties is None or cell is None or properties.tag != f"{W}tcPr" or cell.tag != _TC:
        return False
    if cell.find(f"{W}tcPr") is not properties:
        return False
    if element.tag == f"{W}vMerge":
        return True
    span = _val(element) if properties.find(f"{W}gridSpan") is element else None
    number = _number(span) if span else None
    return number is not None and number > 1


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


_ABSENT = "\0absent"  # a run property the run does not set itself (the styles decide)
_HEX = re.compile(r"[0-9A-Fa-f]{6}")
_ratio = functools.lru_cache(maxsize=1024)(contrast_ratio)
_Look = tuple[str, bool]  # text colour, large text


_NS = {"w": W_NS}
#: Runs with text elements (most runs without are field codes, breaks and drawings).
_TEXT_RUNS = etree.XPath("//w:r[w:t]", namespaces=_NS)
#: The paragraph styles a part names (as plain strings: no element is made for the 350 of a guide).
_PARAGRAPH_STYLES = etree.XPath("//w:pStyle/@w:val", namespaces=_NS, smart_strings=False)
#: Shading of runs, paragraphs and table cells, in document order.
_SHADINGS = etree.XPath("//w:rPr/w:shd | //w:pPr/w:shd | //w:tcPr/w:shd", namespaces=_NS)
_OWNERS = {_RPR: _R, _PPR: _P, f"{W}tcPr": _TC}


def _values(query: etree.XPath, root: etree._Element) -> list[str]:
    found = query(root)
    return [value for value in found if isinstance(value, str)] if isinstance(found, list) else []


def _elements(query: etree.XPath, root: etree._Element) -> list[etree._Element]:
    found = query(root)
    return (
        [element for element in found if isinstance(element, etree._Element)]
        if isinstance(found, list)
        else []
    )


def _contrast_may_fail(root: etree._Element, styles: _Styles) -> bool:
    """Whether any text could fail the contrast check, found without visiting every run: every set of run
    properties in the part, in every paragraph style used, on every fill in the part (and white). Only when one
    of these fails are the runs read one by one (:func:`_contrast`), so what is reported stays exact."""
    owns = {_NO_PROPERTIES}
    fills = {"FFFFFF"}
    for element in root.iter(_RPR, _SHD):  # one walk over the part for both
        if element.tag == _RPR:
            if len(element):
                owns.add(_own_properties(element))
        else:
            fill = element.get(_FILL) or "auto"
            if fill.lower() != "auto":
                fills.add(fill)
    paragraph_styles: set[str | None] = {None, *_values(_PARAGRAPH_STYLES, root)}
    if not all(_HEX.fullmatch(fill) for fill in fills):
        return True  # the runs are read one by one, which names the text on a fill that is not a colour
    for own in owns:
        for para_style in paragraph_styles:
            look = styles.look(own, para_style)
            if look is None:
                continue
            colour, large = look
            needed = LARGE_TEXT_RATIO if large else TEXT_RATIO
            if any(_ratio(colour, fill) < needed for fill in fills):
                return True
    return False


def _contrast(root: etree._Element, styles: _Styles, part: str) -> Iterator[Finding]:
    """Text whose colour is too close to what is behind it, once per colour, background and text size."""
    seen: set[tuple[str, str, bool]] = set()
    places: dict[etree._Element, tuple[str | None, str]] = {}  # a run's parent -> paragraph style, fill
    shadings = _shadings(root)
    fills: dict[etree._Element, str] = {}
    where = "" if part == "word/document.xml" else f"{Path(part).stem}: "
    for run in _elements(_TEXT_RUNS, root):
        text, own = _run_text_and_properties(run)
        if not text:
            continue
        parent = run.getparent()
        holder = run if parent is None else parent
        place = places.get(holder)
        if place is None:
            place = places[holder] = _paragraph_place(run, shadings, fills)
        para_style, fill = place
        look = styles.look(own, para_style)
        if look is None:
            continue
        colour, large = look
        background = shadings.get(run) or fill
        if (colour.upper(), background.upper(), large) in seen:
            continue
        seen.add((colour.upper(), background.upper(), large))
        ratio = contrast_ratio(colour, background)
        needed = LARGE_TEXT_RATIO if large else TEXT_RATIO
        if ratio < needed:
            yield Finding(
                "1.4.3",
                f"{where}“{_short(text, 40)}”",
                f"text colour #{colour.upper()} on #{background.upper()} has a contrast of {ratio:.1f}:1; "
                f"{'large ' if large else ''}text needs {needed:g}:1",
            )


def _shadings(root: etree._Element) -> dict[etree._Element, str | None]:
    """The shading fill of every run, paragraph and table cell that has one (None or "auto": no fill). The
    first shading in document order counts, as Word reads it."""
    found: dict[etree._Element, str | None] = {}
    for shading in _elements(_SHADINGS, root):
        properties = shading.getparent()
        owner = properties.getparent() if properties is not None else None
        if properties is not None and owner is not None and owner.tag == _OWNERS.get(properties.tag):
            found.setdefault(owner, shading.get(f"{W}fill"))
    return {owner: fill for owner, fill in found.items() if fill and fill.lower() != "auto"}


_RunProperties = tuple[str | None, str | None, bool | None, str | None]
_NO_PROPERTIES: _RunProperties = (_ABSENT, _ABSENT, None, None)


def _run_text_and_properties(run: etree._Element) -> tuple[str, _RunProperties]:
    """A run's text and the properties it sets itself: colour, size (``_ABSENT`` when not set), bold (None when
    not set) and character style; read in one pass over its children."""
    texts: list[str] = []
    rpr = None
    for child in run:
        if child.tag == _T:
            texts.append(child.text or "")
        elif child.tag == _RPR and rpr is None:
            rpr = child
    text = "".join(texts).strip()
    if not text or rpr is None:
        return text, _NO_PROPERTIES
    return text, _own_properties(rpr)


def _own_properties(rpr: etree._Element) -> _RunProperties:
    found: dict[str, etree._Element] = {}
    for child in rpr:
        found.setdefault(child.tag, child)
    colour, size = found.get(f"{W}color"), found.get(f"{W}sz")
    return (
        _ABSENT if colour is None else _val(colour),
        _ABSENT if size is None else _val(size),
        _on(found.get(f"{W}b")),
        _val(found.get(f"{W}rStyle")),
    )


def _look(
    styles: _Styles,
    colour: str | None,
    size: str | None,
    bold: bool | None,
    run_style: str | None,
    para_style: str | None,
) -> _Look | None:
    """The colour and size class of text with these own properties in these styles; None when its colour is
    automatic (Word then picks black or white against the background)."""
    if colour == _ABSENT:
        colour = _val(styles.run_property("color", run_style, para_style))
    if not colour or colour.lower() == "auto" or not _HEX.fullmatch(colour):
        return None
    if size == _ABSENT:
        size = _val(styles.run_property("sz", run_style, para_style))
    number = _number(size) if size else None
    points = number / 2 if number is not None else 11.0
    if bold is None:
        bold = bool(_on(styles.run_property("b", run_style, para_style)))
    return colour, is_large_text(points, bold)


def _paragraph_place(
    run: etree._Element, shadings: dict[etree._Element, str | None], fills: dict[etree._Element, str]
) -> tuple[str | None, str]:
    """The style of the paragraph holding *run* and the fill behind it: the paragraph's own shading or that of
    the nearest run or table cell around it (white by default). *fills* keeps the answer for every element
    passed on the way: the paragraphs of one table cell share it."""
    paragraph = next(run.iterancestors(_P), None)
    if paragraph is None:
        return None, "FFFFFF"
    passed: list[etree._Element] = []
    element: etree._Element | None = paragraph
    fill = "FFFFFF"
    while element is not None:
        known = fills.get(element) or shadings.get(element)
        if known:
            fill = known
            break
        passed.append(element)
        element = element.getparent()
    for seen in passed:
        fills[seen] = fill
    return _paragraph_properties(paragraph).any_style, fill
