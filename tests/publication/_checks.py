"""The publication checks: what a reader of the printed document would object to, found in the PDF.

Each check takes the document's pages (from the PDF) and structure (from the .docx) and returns findings. A
finding names the check, the page and what was seen, so a failing test reads like a proofreader's note.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

import attrs

from ._layout import Line, Page, Structure, normal, words_of


@attrs.frozen
class Finding:
    check: str
    page: int
    text: str
    context: str = attrs.field(default="", eq=False)
    """The whole line the finding is about (the text may shorten it)."""

    def __str__(self) -> str:
        where = f"page {self.page}: " if self.page else ""
        return f"{self.check}: {where}{self.text}"


@attrs.frozen
class Document:
    """One published document as the checks see it."""

    name: str
    kind: str
    lang: str
    pages: Sequence[Page]
    structure: Structure
    labels: dict[str, str]
    internal_ids: frozenset[str]


Check = Callable[[Document], Iterable[Finding]]
CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    def register(function: Check) -> Check:
        CHECKS[name] = function
        return function

    return register


def run_checks(document: Document) -> list[Finding]:
    found: list[Finding] = []
    for function in CHECKS.values():
        found.extend(function(document))
    return found


# -- pages ---------------------------------------------------------------------------------------------------------
@check("empty-page")
def empty_pages(doc: Document) -> Iterator[Finding]:
    for page in doc.pages:
        if not page.lines:
            yield Finding("empty-page", page.number, "no body text, only the running head and foot")


def _trailer_words(doc: Document) -> set[str]:
    """Words of the signature blocks and the colophon: text that must not stand alone on a page."""
    signature_labels = {
        normal(doc.labels[key])
        for key in ("signed_by", "signature", "name_and_signature")
        if key in doc.labels
    }
    words: set[str] = set()
    for table in doc.structure.tables:
        if signature_labels & set(table.header):
            for text in (*table.texts, table.after_heading):
                words.update(words_of(text))
    for text in doc.structure.colophon:
        words.update(words_of(text))
    return words


@check("lonely-trailer")
def lonely_trailer(doc: Document) -> Iterator[Finding]:
    trailer = _trailer_words(doc)
    if not trailer:
        return
    for page in doc.pages:
        words = [w for line in page.lines for w in words_of(line.text)]
        if words and all(w in trailer for w in words) and len(doc.pages) > 1:
            yield Finding(
                "lonely-trailer",
                page.number,
                f"the page holds only the signature block or the colophon: “{_short(page.text)}”",
            )


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bands(lines: Sequence[Line]) -> list[list[Line]]:
    """Lines grouped by their vertical position (the cells of one table row share a band)."""
    bands: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: ln.y0):
        if bands and abs(bands[-1][0].y0 - line.y0) < 3:
            bands[-1].append(line)
        else:
            bands.append([line])
    return bands


def _tail_blocks(page: Page) -> list[str]:
    """The page's last paragraphs (blocks of lines), bottom first, each as one text."""
    order: list[int] = []
    texts: dict[int, list[str]] = {}
    for line in page.lines:
        if line.block not in texts:
            order.append(line.block)
            texts[line.block] = []
        texts[line.block].append(line.text)
    last_y = {b: max(ln.y1 for ln in page.lines if ln.block == b) for b in order}
    return [normal(" ".join(texts[b])) for b in sorted(order, key=lambda b: -last_y[b])]


BODY_MARGIN = 56.7
"""The templates' bottom margin in points (2 cm)."""


def _in_header(band: set[str], header: set[str]) -> bool:
    return bool(band) and all(any(t == c or t in c for c in header) for t in band)


@check("orphaned-heading")
def orphaned_headings(doc: Document) -> Iterator[Finding]:
    """A heading (with its lead-in lines) or a table's header row at the foot of a page, its content on the next."""
    blocks = [tuple(t for t in block if t) for block in doc.structure.heading_blocks]
    heading_texts = {text for block in blocks for text in block}
    headers = [set(t.header) - {""} for t in doc.structure.tables if any(t.header)]
    for page, following in zip(doc.pages, doc.pages[1:], strict=False):
        if not page.lines or not following.lines:
            continue
        last_band = {normal(line.text) for line in _bands(page.lines)[-1]}
        first_band = {normal(line.text) for line in _bands(following.lines)[0]}
        tail = _tail_blocks(page)
        # The last row printed is a table's header row, repeated at the top of the next page with the body rows.
        bottom = page.height - BODY_MARGIN
        room = bottom - max(line.y1 for line in page.lines)
        for header in headers:
            # Blank rows to fill in have no text: room for a row under the header means rows follow it.
            if room > 30:
                break
            if len(header) < 2:
                continue
            if _in_header(last_band, header) and _in_header(first_band, header):
                yield Finding(
                    "orphaned-heading", page.number, f"a table header row ends the page: {sorted(header)}"
                )
                break
        # The last paragraphs on the page are a heading and its lead-in lines only.
        trailing: list[str] = []
        for text in tail:
            if text in heading_texts or any(
                h.endswith(text) or text.endswith(h) for h in heading_texts if len(text) > 3
            ):
                trailing.append(text)
            else:
                break
        if trailing and any(
            t in doc.structure.headings or any(h.endswith(t) for h in doc.structure.headings)
            for t in trailing
        ):
            yield Finding(
                "orphaned-heading",
                page.number,
                f"the heading “{_short(trailing[-1])}” is at the foot of the page, what it heads on the next",
            )
            continue
        # A heading and a line or two of its introduction end the page; the table it introduces starts the next.
        yield from _table_moved_away(doc, page, tail, first_band)


def _table_moved_away(doc: Document, page: Page, tail: list[str], first_band: set[str]) -> Iterator[Finding]:
    for text in tail[:3]:
        if text not in doc.structure.headings:
            continue
        position = tail.index(text)
        below = tail[:position]
        if sum(len(t) for t in below) > 200:
            return
        for table in doc.structure.tables:
            header = set(table.header) - {""}
            if table.after_heading == text and len(header) > 1 and _in_header(first_band, header):
                yield Finding(
                    "orphaned-heading",
                    page.number,
                    f"the heading “{_short(text)}” and its introduction end the page, its table starts the next",
                )
                return
        return


# -- contents --------------------------------------------------------------------------------------------------
_PAGE_NUMBER = re.compile(r"(\d+)$")


@check("contents")
def contents_page(doc: Document) -> Iterator[Finding]:
    label = normal(doc.labels.get("contents", "Contents"))
    for page in doc.pages[:4]:
        texts = [normal(line.text) for line in page.lines]
        if label not in texts:
            continue
        entries = [line for line in page.lines if normal(line.text) != label]
        if not entries:
            yield Finding("contents", page.number, "the contents page lists nothing")
        for line in entries:
            text = normal(line.text)
            match = _PAGE_NUMBER.search(text)
            if match is None:
                yield Finding("contents", page.number, f"no page number for “{_short(text)}”")
                continue
            title = normal(text[: match.start()].rstrip(" .…\t"))
            number = int(match.group(1))
            actual = _first_page_with(doc.pages[page.number :], title)
            if actual is not None and actual != number:
                yield Finding("contents", page.number, f"“{title}” is on page {actual}, not {number}")
        for instruction in ("Word", "högerklicka", "right-click"):
            if any(instruction in t for t in texts):
                yield Finding(
                    "contents", page.number, f"an instruction to the software is printed: “{instruction}”"
                )
        return


def _first_page_with(pages: Sequence[Page], text: str) -> int | None:
    for page in pages:
        if any(normal(line.text) == text for line in page.lines):
            return page.number
    return None


# -- language and internal words ------------------------------------------------------------------------------
# Function words that never occur in running text of the other language.
GIVEAWAYS = {
    "sv": frozenset(
        [
            "the",
            "and",
            "of",
            "with",
            "which",
            "this",
            "that",
            "from",
            "these",
            "those",
            "their",
            "there",
            "where",
            "when",
            "what",
            "how",
            "should",
            "would",
            "could",
            "page",
            "contributors",
            "born",
            "signature",
            "update",
        ]
    ),
    "en": frozenset(
        [
            "och",
            "att",
            "för",
            "med",
            "som",
            "inte",
            "eller",
            "av",
            "på",
            "är",
            "till",
            "det",
            "den",
            "ska",
            "vid",
            "från",
            "hur",
            "när",
            "vad",
            "sida",
            "bidragsgivare",
            "födda",
            "född",
            "underskrift",
        ]
    ),
}


def _reading_lines(doc: Document) -> Iterator[tuple[int, str]]:
    """Body lines outside the sources list (titles of sources keep their own language)."""
    sources = normal(doc.labels.get("sources", "Sources"))
    in_sources = False
    headings = set(doc.structure.headings)
    for page in doc.pages:
        for line in page.lines:
            text = normal(line.text)
            if text in headings:
                in_sources = text == sources
            if not in_sources:
                yield page.number, text


def _tokens(text: str) -> Iterator[str]:
    for token in text.split():
        if "://" in token or token.startswith("www.") or "@" in token:
            continue
        yield token


@check("other-language")
def other_language(doc: Document) -> Iterator[Finding]:
    giveaways = GIVEAWAYS.get(doc.lang, frozenset())
    for number, text in _reading_lines(doc):
        found = sorted(
            {
                w
                for token in _tokens(text)
                for w in words_of(token)
                if w.lower() in giveaways and w.lower() == w
            }
        )
        if found:
            yield Finding("other-language", number, f"{', '.join(found)} in “{_short(text)}”", text)


_VERSION_RANGE = re.compile(r"(?<![\w.])(?:[\^~]\s?\d|[<>]=?\s?\d|==\s?\d|\d+\.\d+\.\d+\b)")
_SPDX = re.compile(r"\b(?:CC0-1\.0|CC-BY(?:-(?:SA|NC|ND))*-\d\.\d|[A-Z]+-\d\.\d(?:-only|-or-later)?)\b")
_LABKIT = re.compile(r"\blabkit-[a-z]")


@check("internal-id")
def internal_ids(doc: Document) -> Iterator[Finding]:
    for number, text in _reading_lines(doc):
        tokens = list(_tokens(text))
        plain = " ".join(tokens)
        seen = []
        for token in tokens:
            bare = token.strip("()[],.;:“”\"'«»")
            if bare in doc.internal_ids:
                seen.append(bare)
        for pattern in (_VERSION_RANGE, _SPDX, _LABKIT):
            seen.extend(m.group(0) for m in pattern.finditer(plain))
        if seen:
            yield Finding("internal-id", number, f"{', '.join(sorted(set(seen)))} in “{_short(text)}”", text)


# -- words and tables ------------------------------------------------------------------------------------------
@check("broken-word")
def broken_words(doc: Document) -> Iterator[Finding]:
    """A word split across two lines of one paragraph or cell ("Sannolikh|et"): its column is too narrow."""
    known = doc.structure.words
    for page in doc.pages:
        blocks: dict[int, list[Line]] = {}
        for line in page.lines:
            blocks.setdefault(line.block, []).append(line)
        for lines in blocks.values():
            for first, second in itertools.pairwise(lines):
                if not first.words or not second.words or first.words[-1].endswith(("-", "/", "–")):
                    continue
                head = list(words_of(first.words[-1]))
                tail = list(words_of(second.words[0]))
                if not head or not tail or head[-1] in known:
                    continue
                joined = head[-1] + tail[0]
                if any(word.startswith(joined) for word in known):
                    yield Finding(
                        "broken-word", page.number, f"“{head[-1]}|{tail[0]}” is broken inside a word"
                    )


@check("table-header")
def table_headers(doc: Document) -> Iterator[Finding]:
    for table in doc.structure.tables:
        if not any(table.header):
            continue
        heading = table.after_heading
        if heading and any(
            cell == heading or heading.endswith((f": {cell}", f" – {cell}")) for cell in table.header if cell
        ):
            yield Finding(
                "table-header", 0, f"a header cell repeats the heading “{_short(table.after_heading)}”"
            )


@check("joined-tables")
def joined_tables(doc: Document) -> Iterator[Finding]:
    for header in doc.structure.joined_tables:
        yield Finding(
            "joined-tables",
            0,
            f"the table “{_short(header)}” follows another table with nothing between: the two print as one",
        )


@check("placeholder")
def placeholders(doc: Document) -> Iterator[Finding]:
    for page in doc.pages:
        for line in page.lines:
            if normal(line.text) in {"…", "...", "TODO", "XXX"}:
                yield Finding("placeholder", page.number, f"a placeholder “{normal(line.text)}” is printed")


@check("spill-over")
def spill_over(doc: Document) -> Iterator[Finding]:
    """A checklist (a one-page unit, started by its title or top heading) whose last lines spill onto a new page."""
    if "checklist" not in doc.kind or len(doc.pages) < 2:
        return
    titles = set(doc.structure.titles) or set(doc.structure.top_headings)
    if not titles:
        return
    starts = [p.number for p in doc.pages if any(normal(line.text) in titles for line in p.lines[:3])]
    if not starts:
        return
    bounds = [*starts, len(doc.pages) + 1]
    for start, end in itertools.pairwise(bounds):
        if end - start == 2:
            second = doc.pages[start]  # pages are numbered from 1
            if 0 < len(second.lines) <= 8 and len(doc.pages[start - 1].lines) > 0:
                yield Finding(
                    "spill-over",
                    second.number,
                    f"{len(second.lines)} lines spill over from page {start}: “{_short(second.text, 60)}”",
                )


_ITEM = re.compile(r"^[☐•▪◦]\s")


@check("split-list")
def split_lists(doc: Document) -> Iterator[Finding]:
    """A single list item carried over to the next page, or left alone at the foot of a page."""
    for page, following in itertools.pairwise(doc.pages):
        if not page.lines or not following.lines:
            continue
        before = [normal(line.text) for line in page.lines]
        after = [normal(line.text) for line in following.lines]
        if not (_ITEM.match(before[-1]) and _ITEM.match(after[0])):
            continue
        carried = len(list(itertools.takewhile(lambda t: bool(_ITEM.match(t)), after)))
        left = len(list(itertools.takewhile(lambda t: bool(_ITEM.match(t)), reversed(before))))
        if carried == 1 or left == 1:
            alone = after[0] if carried == 1 else before[-1]
            yield Finding(
                "split-list",
                following.number if carried == 1 else page.number,
                f"the list item “{_short(alone)}” is alone on its page",
            )


@check("repeated-line")
def repeated_lines(doc: Document) -> Iterator[Finding]:
    """A heading printed again right under itself (a pause-point name as heading and again as column header)."""
    headings = {h for h in doc.structure.headings if len(h) > 3}
    names = {h.split(": ", 1)[-1] for h in headings}
    for page in doc.pages:
        texts = [normal(line.text) for line in page.lines]
        for first, second in itertools.pairwise(texts):
            if (
                (first in headings or first.split(": ", 1)[-1] in names)
                and second in names | headings
                and (second == first or first.endswith(": " + second))
            ):
                yield Finding("repeated-line", page.number, f"“{_short(second)}” is printed twice in a row")
