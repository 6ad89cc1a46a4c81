"""Property: any Unicode in a method's texts gives a valid Word document that shows the text.

Methods are the sample method with random texts in the name, summary, purpose and step titles and descriptions:
control characters, lone surrogates, right-to-left Arabic and Somali text, emoji with joiners and flags, template
syntax, markup characters, line breaks and 50 KB fields, with optional fields left empty. python-docx must open
every document, and every text must be in it exactly, minus the characters XML 1.0 forbids.
"""

from __future__ import annotations

import io
from pathlib import Path

import attrs
import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import labkit
from labkit.catalog import Catalog
from labkit.documents.engine import clean_text
from labkit.files import load_method
from labkit.plugins import load_plugins
from labkit.text import localize

SAMPLE = Path(__file__).parent.parent / "data" / "sample-method.yaml"

FORBIDDEN = (
    [chr(c) for c in range(0x00, 0x09)]
    + ["\x0b", "\x0c"]
    + [chr(c) for c in range(0x0E, 0x20)]
    + ["\ud800", "\udbff", "\udc00", "\udfff", "\ufffe", "\uffff"]
)
PIECES = [
    "مرحبا بالعالم",  # Arabic, right to left
    "السلامة في الحي ١٢٣",
    "Ku soo dhawoow xaafadda",  # Somali
    "Waxbarashada carruurta",
    "Trygghet på gården: åäö ÅÄÖ",
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "\u200d",  # zero-width joiner
    "\ufeff",
    "\x85",
    "\u2028",
    "🏠",
    "👩🏽‍🔧",
    "🇸🇪🇸🇴",
    "{{ 7*7 }}",
    "{% for x in range(10**9) %}",
    "{# comment #}",
    "& < > ]]> \" '",
    "&amp;",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "  ",
]

pieces = st.one_of(
    st.text(st.characters(), max_size=12),
    st.text(st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), min_size=1, max_size=12),
    st.text(st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF), min_size=1, max_size=4),
    st.sampled_from(PIECES),
    st.sampled_from(FORBIDDEN),
)
texts = st.lists(pieces, min_size=1, max_size=8).map("".join).filter(lambda text: text.strip() != "")
localized = st.one_of(
    texts,
    st.fixed_dictionaries({"sv": texts, "en": texts}),
    st.fixed_dictionaries({"sv": texts}),
)
languages = st.sampled_from(["sv", "en"])


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(load_plugins(entry_points=False))


@pytest.fixture(scope="module")
def sample():
    return load_method(SAMPLE)


def shown(value, lang: str) -> str:
    """What a text looks like read back from the document: cleaned, with every kind of newline as ``\\n``."""
    text = clean_text(localize(value, lang).text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def big(value, size: int = 50_000):
    def grow(text: str) -> str:
        return (text * (size // len(text) + 1))[:size]

    if isinstance(value, str):
        return grow(value)
    return {lang: grow(text) for lang, text in value.items()}


@st.composite
def methods(draw, sample):
    steps = []
    for number in range(draw(st.integers(1, 3))):
        template = sample.steps[0]
        steps.append(
            attrs.evolve(
                template,
                id=f"step-{number + 1}",
                title=draw(localized),
                description=draw(localized),
                outputs=draw(st.sampled_from([(), template.outputs])),
                consulted=(),
                informed=(),
            )
        )
    summary = draw(localized)
    purpose = draw(localized)
    huge = draw(st.sampled_from([None, "summary", "purpose", "description"]))
    if huge == "summary":
        summary = big(summary)
    elif huge == "purpose":
        purpose = big(purpose)
    elif huge == "description":
        steps[0] = attrs.evolve(steps[0], description=big(steps[0].description))
    empty_optionals = draw(st.booleans())
    changes = {}
    if empty_optionals:
        changes = {
            "prerequisites": (),
            "success_factors": (),
            "pitfalls": (),
            "indicators": (),
            "checklists": (),
            "history": (),
            "based_on": None,
            "resources": attrs.evolve(
                sample.resources,
                materials=(),
                budget=attrs.evolve(sample.resources.budget, note=None),
            ),
            "sources": tuple(attrs.evolve(s, note=None, url=None, year=None) for s in sample.sources),
        }
    return attrs.evolve(
        sample,
        name=draw(localized),
        summary=summary,
        purpose=purpose,
        steps=tuple(steps),
        **changes,
    )


def under(document, heading: str) -> list[str]:
    found: list[str] | None = None
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading"):
            if found is not None:
                return found
            if paragraph.text == heading:
                found = []
        elif found is not None and paragraph.text:
            found.append(paragraph.text)
    raise AssertionError(f"no heading {heading!r} followed by another heading")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)
@given(data=st.data(), lang=languages)
def test_any_unicode_gives_a_valid_document_containing_the_text(catalog, sample, data, lang):
    method = data.draw(methods(sample))
    # Text that cleans to nothing can leave a heading empty: not accessible, but still a well-formed document.
    document = labkit.render("guide", method, lang=lang, catalog=catalog, allow_inaccessible=True)
    opened = docx.Document(io.BytesIO(document.data))  # raises if any part is not well-formed XML
    opened.sections[0].header.paragraphs  # noqa: B018 - parse the header and footer parts too
    opened.sections[0].footer.paragraphs  # noqa: B018

    labels = {"sv": ("Sammanfattning", "Syfte"), "en": ("Summary", "Purpose")}[lang]
    for heading, value in zip(labels, (method.summary, method.purpose), strict=True):
        expected = shown(value, lang)
        assert under(opened, heading) == ([expected] if expected else [])

    texts = [p.text for p in opened.paragraphs]
    for number, step in enumerate(method.steps, start=1):
        assert f"{number}. {shown(step.title, lang)}" in texts
        description = shown(step.description, lang)
        if description:
            assert description in texts

    name = shown(method.name, lang)
    assert opened.core_properties.title == document.title.replace(localize(method.name, lang).text, name)
    assert name in texts


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, lang=languages)
def test_any_unicode_gives_a_valid_checklist(catalog, sample, text, lang):
    checklist = sample.checklists[0]
    point = attrs.evolve(checklist.pause_points[0], items=(text, {"sv": text}))
    method = attrs.evolve(
        sample, checklists=(attrs.evolve(checklist, title=text, pause_points=(point,), based_on=None),)
    )
    document = labkit.render("checklist", method, lang=lang, catalog=catalog, allow_inaccessible=True)
    opened = docx.Document(io.BytesIO(document.data))
    cells = [cell.text for table in opened.tables for row in table.rows for cell in row.cells]
    everything = [p.text for p in opened.paragraphs] + cells
    expected = shown(text, lang)
    if expected.strip():
        assert any(expected in found for found in everything)
