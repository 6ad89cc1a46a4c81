"""The build's README.md and index.html carry hostile lab names as text: nothing hidden, no table broken.

Markdown is read back with two parsers (CommonMark with GitHub's tables, and Python-Markdown, which MkDocs and
many tools use); HTML with the standard library's parser.
"""

from __future__ import annotations

import html.parser
import json
import re
from pathlib import Path

import markdown
import pytest
from markdown_it import MarkdownIt

from labkit.labs.build import build

HOSTILE_NAMES = [
    "Labbet <!-- allt efter detta göms",
    "Labbet\n<!--\nallt efter detta göms",
    "Labb | med | streck",
    "Labb\n| med | streck |\n|---|---|",
    "**fet** _kursiv_ `kod` [länk](https://example.org) ![bild](x.png) ~~struken~~",
    "<script>alert(1)</script> &amp; &lt;",
    "# rubrik \\ bakstreck",
    "styr\x1b[31mtecken\x07 och \u202eomvänd\u202c text\x85",
]
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _shown(name: str) -> str:
    """What a reader must see: the name with control characters gone and whitespace as written on one line."""
    return " ".join(CONTROLS.sub("", name).replace("\u202e", "").replace("\u202c", "").split())


class _Text(html.parser.HTMLParser):
    """The text of each element of interest, and how many table rows the body has."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self.rows = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        if tag == "tr" and "tbody" in self.stack:
            self.rows += 1

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self.stack:
            self.texts.setdefault(self.stack[-1], []).append(data)

    def text(self, tag: str) -> str:
        return " ".join("".join(self.texts.get(tag, [])).split())


def _parse(page: str) -> _Text:
    parser = _Text()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def built(tmp_path_factory, request) -> dict[str, Path]:
    """One build per hostile name (the lab in JSON, which can carry any character)."""
    import yaml
    from tests.conftest import DATA, LAB_TEXT, _TestMethods

    from labkit.catalog import Catalog
    from labkit.plugins import load_plugins

    catalog = Catalog(load_plugins(entry_points=False))
    catalog.register(_TestMethods([DATA / "walk.yaml", DATA / "meeting.yaml"]), name="test-methods")
    outs = {}
    for number, name in enumerate(HOSTILE_NAMES):
        folder = tmp_path_factory.mktemp(f"hostile{number}")
        data = yaml.safe_load(LAB_TEXT)
        data["name"] = name
        lab = folder / "lab.json"
        lab.write_text(json.dumps(data, default=str), encoding="utf-8")
        build(lab, folder / "out", processes=1, catalog=catalog, kinds=["lab-plan", "partner-checklist"])
        outs[name] = folder / "out"
    return outs


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_readme_shows_the_name_and_every_row(built, name):
    out = built[name]
    text = (out / "README.md").read_text(encoding="utf-8")
    assert not CONTROLS.search(text) and "\u202e" not in text
    documents = sorted(p for p in out.rglob("*.docx"))
    for rendered in (
        MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text),
        markdown.markdown(text, extensions=["tables"]),
    ):
        page = _parse(rendered)
        assert page.text("h1") == _shown(name)
        assert page.rows == len(documents)
        assert "<script>" not in rendered and "<!--" not in rendered
        for document in documents:
            assert document.name in page.text("a")


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_index_html_shows_the_name_and_every_row(built, name):
    out = built[name]
    text = (out / "index.html").read_text(encoding="utf-8")
    assert not CONTROLS.search(text)
    page = _parse(text)
    assert page.text("h1").replace("\u202e", "").replace("\u202c", "") == _shown(name)
    assert page.text("title").replace("\u202e", "").replace("\u202c", "") == _shown(name)
    assert page.rows == len(list(out.rglob("*.docx")))
