"""What a reader sees: the text of a PDF page by page, with positions, and the structure of the .docx it came from.

Pages come from ``pdftotext -bbox-layout`` (poppler): words with their boxes, grouped into lines and blocks (a
block is a paragraph or a table cell). Running heads and feet are told apart from body text by position: the
default templates have 2 cm margins with the header and footer 1 cm from the edge.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path

import attrs
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XHTML = "{http://www.w3.org/1999/xhtml}"
HEAD_ZONE = 50.0
"""Points from the top and bottom edge that belong to the running head and foot (the margin is 56.7 pt)."""


def normal(text: str) -> str:
    """Text compared as a reader would: whitespace collapsed, Unicode composed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@attrs.frozen
class Line:
    text: str
    words: tuple[str, ...]
    x0: float
    y0: float
    x1: float
    y1: float
    block: int


@attrs.frozen
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    """Body lines (running heads and feet excluded), top to bottom."""

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


def read_pdf(path: Path) -> list[Page]:
    """The pages of *path* with their body lines."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
    ).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True, huge_tree=True))
    pages = []
    block_id = 0
    for number, page in enumerate(root.iter(f"{_XHTML}page"), start=1):
        height = float(page.get("height", "842"))
        lines = []
        for block in page.iter(f"{_XHTML}block"):
            block_id += 1
            for line in block.iter(f"{_XHTML}line"):
                words = tuple(normal(w.text or "") for w in line.iter(f"{_XHTML}word"))
                y0, y1 = float(line.get("yMin", "0")), float(line.get("yMax", "0"))
                if y1 < HEAD_ZONE or y0 > height - HEAD_ZONE or not any(words):
                    continue
                lines.append(
                    Line(
                        " ".join(w for w in words if w),
                        words,
                        float(line.get("xMin", "0")),
                        y0,
                        float(line.get("xMax", "0")),
                        y1,
                        block_id,
                    )
                )
        lines.sort(key=lambda ln: (round(ln.y0, 0), ln.x0))
        pages.append(Page(number, float(page.get("width", "595")), height, tuple(lines)))
    return pages


# -- the .docx side ----------------------------------------------------------------------------------------------
@attrs.frozen
class Table:
    header: tuple[str, ...]
    texts: tuple[str, ...]
    """Every cell's text."""
    after_heading: str
    repeats_header: bool


@attrs.frozen
class Structure:
    """What the .docx says its parts are: headings, captions that belong to them, tables, the colophon."""

    headings: tuple[str, ...]
    heading_blocks: tuple[tuple[str, ...], ...]
    """A heading followed by the short lead-in paragraphs (Meta style) printed under it."""
    titles: tuple[str, ...]
    top_headings: tuple[str, ...]
    """Headings of level 1."""
    tables: tuple[Table, ...]
    colophon: tuple[str, ...]
    words: frozenset[str]
    """Every word of the body text, as written (for broken-word checks)."""
    body: tuple[str, ...]
    """Every paragraph of body text in order."""
    joined_tables: tuple[str, ...] = ()
    """The header of each table that follows another table with no paragraph between (Word and LibreOffice join
    the two into one table: the first one's header row repeats over the second one's rows)."""


def _text(element: etree._Element) -> str:
    parts = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        else:
            parts.append(" ")
    return normal("".join(parts))


def _breaks_page(paragraph: etree._Element) -> bool:
    return any(br.get(f"{W}type") == "page" for br in paragraph.iter(f"{W}br"))


def _style(paragraph: etree._Element) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val", "") if style is not None else ""


HEADING_STYLES = re.compile(r"^(Heading\d|Title)$")
COLOPHON_STYLES = {"Colophon", "Small"}
LEAD_IN_STYLES = {"Meta", "Subtitle"}


def read_docx(path: Path) -> Structure:
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    body = root.find(f"{W}body")
    assert body is not None
    headings: list[str] = []
    blocks: list[list[str]] = []
    titles: list[str] = []
    top: list[str] = []
    tables: list[Table] = []
    colophon: list[str] = []
    paragraphs: list[str] = []
    joined: list[str] = []
    last_heading = ""
    for element in body:
        previous = element.getprevious()
        if element.tag == f"{W}tbl" and previous is not None and previous.tag == f"{W}tbl":
            first = element.find(f"{W}tr")
            joined.append(
                " | ".join(_text(tc) for tc in first.findall(f"{W}tc")) if first is not None else ""
            )
        if element.tag == f"{W}p":
            text = _text(element)
            style = _style(element)
            if _breaks_page(element) and blocks and blocks[-1][0] == last_heading:
                blocks.pop()  # a heading block that ends where the author breaks the page (a cover) is wanted
                blocks.append([""])
            if not text:
                continue
            paragraphs.append(text)
            if HEADING_STYLES.match(style):
                headings.append(text)
                blocks.append([text])
                last_heading = text
                if style == "Title":
                    titles.append(text)
                elif style == "Heading1":
                    top.append(text)
            elif style in LEAD_IN_STYLES and blocks and blocks[-1][0] == last_heading:
                blocks[-1].append(text)
            else:
                if blocks and blocks[-1][0] == last_heading:
                    blocks.append([""])  # ends the lead-in of the last heading
                if style in COLOPHON_STYLES:
                    colophon.append(text)
        elif element.tag == f"{W}tbl":
            rows = element.findall(f"{W}tr")
            if not rows:
                continue
            header = tuple(_text(tc) for tc in rows[0].findall(f"{W}tc"))
            texts = tuple(t for tc in element.iter(f"{W}tc") if (t := _text(tc)))
            paragraphs.extend(texts)
            repeats = rows[0].find(f"{W}trPr/{W}tblHeader") is not None
            tables.append(Table(header, texts, last_heading, repeats))
            if blocks and blocks[-1][0] == last_heading:
                blocks.append([""])
    words = frozenset(w for text in paragraphs for w in words_of(text))
    return Structure(
        tuple(headings),
        tuple(tuple(b) for b in blocks if b[0]),
        tuple(titles),
        tuple(top),
        tuple(tables),
        tuple(colophon),
        words,
        tuple(paragraphs),
        tuple(joined),
    )


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def words_of(text: str) -> Iterator[str]:
    """The words of *text*: runs of letters (hyphens, slashes and digits separate words)."""
    return (m.group(0) for m in _WORD.finditer(text))
