"""The Word engine: escaping, no template injection, XML-safe text, strict templates, real Word structure."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import attrs
import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import labkit
from labkit.catalog import Catalog
from labkit.documents.engine import clean_text, compile_template, make_environment
from labkit.errors import NotFoundError, TemplateError
from labkit.files import load_method
from labkit.plugins import load_plugins

SAMPLE = Path(__file__).parent.parent / "data" / "sample-method.yaml"


@pytest.fixture(scope="module")
def builtin_catalog() -> Catalog:
    return Catalog(load_plugins(entry_points=False))


@pytest.fixture(scope="module")
def method():
    return attrs.evolve(load_method(SAMPLE), indicators=("participants",))


def text_of(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_user_text_is_escaped_and_never_a_template(method, builtin_catalog):
    hostile = attrs.evolve(
        method,
        summary={"sv": "{{ 7*7 }} & <b>fet</b> {% for x in range(10**9) %}x{% endfor %}", "en": "{{ 7*7 }}"},
        purpose="Rad ett\nRad två\tmed tab",
    )
    document = labkit.render("guide", hostile, lang="sv", catalog=builtin_catalog)
    text = text_of(document.data)
    assert "{{ 7*7 }} & <b>fet</b> {% for x in range(10**9) %}x{% endfor %}" in text
    assert "49" not in text.split("Sammanfattning", 1)[1].split("Syfte", 1)[0]
    xml = zipfile.ZipFile(io.BytesIO(document.data)).read("word/document.xml").decode()
    assert "&amp; &lt;b&gt;fet&lt;/b&gt;" in xml
    assert "Rad ett</w:t><w:br/>" in xml and "<w:tab/>" in xml


def test_control_characters_are_removed(method, builtin_catalog):
    dirty = attrs.evolve(method, summary="a\x00b\x07c\x0bd\x1fe\ud800f\ufffeg")
    document = labkit.render("guide", dirty, lang="en", catalog=builtin_catalog)
    assert "abcdefg" in text_of(document.data)
    assert clean_text("ok\x00\x01\t\n") == "ok\t\n"


UNICODE = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(
            list("مرحبا بالعالم") + list("Soo dhawoow") + ["😀", "\u202e", "\u200f", "\x00", "\x1b"]
        ),
    ),
    min_size=1,
    max_size=200,
).filter(lambda s: clean_text(s).strip() != "")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(summary=UNICODE, description=UNICODE, big=st.booleans(), lang=st.sampled_from(["sv", "en"]))
def test_any_unicode_gives_a_valid_document_containing_the_text(
    method, builtin_catalog, summary, description, big, lang
):
    if big:
        summary = (summary * (50_000 // len(summary) + 1))[:50_000]
    step = attrs.evolve(method.steps[0], description=description)
    changed = attrs.evolve(method, summary=summary, steps=(step,), prerequisites=(), pitfalls=())
    document = labkit.render("guide", changed, lang=lang, catalog=builtin_catalog)
    text = text_of(document.data)
    for original in (summary, description):
        for line in clean_text(original).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            for part in line.split("\t"):
                assert part in text


def _template(tmp_path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    path = tmp_path / "custom.docx"
    document.save(path)
    return path


def test_custom_template_unknown_variables_before_rendering(tmp_path, method, builtin_catalog):
    path = _template(tmp_path, "{{ method.name }}", "{{ method.nme }}", "{{ nonexistent }}")
    with pytest.raises(TemplateError) as caught:
        labkit.render("guide", method, template=path, catalog=builtin_catalog)
    message = str(caught.value)
    assert "custom.docx uses the variable 'nonexistent', which this document does not provide" in message
    assert "custom.docx uses method.nme, but method has no 'nme'" in message


def test_custom_template_unused_variables_are_reported(tmp_path, method, builtin_catalog):
    path = _template(tmp_path, "{{ method.name }}: {{ method.summary }}")
    document = labkit.render("guide", method, lang="en", template=path, catalog=builtin_catalog)
    (warning,) = document.warnings
    assert warning.startswith("the template custom.docx does not show: based_on, checklists, evidence")
    assert "Example method: One or two sentences." in text_of(document.data)


def test_template_syntax_error_names_template_and_place(tmp_path, method, builtin_catalog):
    path = _template(tmp_path, "Intro", "{% if method.name %}never closed")
    with pytest.raises(
        TemplateError,
        match=r"custom\.docx \(word/document\.xml\), near “.*never closed.*”: template syntax error",
    ):
        labkit.render("guide", method, template=path, catalog=builtin_catalog)


def test_strict_undefined_at_render_time(tmp_path):
    env = make_environment()
    compiled = compile_template(_template(tmp_path, "Hello {{ person.name }}"), env)
    with pytest.raises(
        TemplateError,
        match=r"custom\.docx \(word/document\.xml\), near “Hello \{\{ person\.name \}\}”: 'dict object' has no attribute 'name'",
    ):
        compiled.render({"person": {}})


def test_compiled_templates_are_cached_and_refreshed(tmp_path):
    env = make_environment()
    path = _template(tmp_path, "{{ a }}")
    first = compile_template(path, env)
    assert compile_template(path, env) is first
    _template(tmp_path, "{{ a }} and {{ b }}")
    second = compile_template(path, env)
    assert second is not first and second.variables == {"a", "b"}


def test_guide_structure(method, builtin_catalog):
    document = labkit.render("guide", method, lang="sv", catalog=builtin_catalog)
    opened = docx.Document(io.BytesIO(document.data))
    styles = {p.style.name for p in opened.paragraphs if p.text.strip()}
    assert {"Title", "Heading 1", "Heading 2"} <= styles
    headings = [p.text for p in opened.paragraphs if p.style.name == "Heading 1"]
    assert headings[:4] == ["Innehåll", "Sammanfattning", "Syfte", "Roller"]
    package = zipfile.ZipFile(io.BytesIO(document.data))
    body = package.read("word/document.xml").decode()
    assert re.search(r"<w:instrText[^>]*> PAGEREF _Toc_summary ", body)
    footers = "".join(package.read(n).decode() for n in package.namelist() if n.startswith("word/footer"))
    assert " PAGE " in footers
    section = opened.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert "<dc:title>Exempelmetod – Metodguide</dc:title>" in package.read("docProps/core.xml").decode()


def test_languages_and_missing_translation_notice(method, builtin_catalog):
    sv = text_of(labkit.render("guide", method, lang="sv", catalog=builtin_catalog).data)
    en = text_of(labkit.render("guide", method, lang="en", catalog=builtin_catalog).data)
    assert "Syfte" in sv and "Purpose" in en and "Purpose" not in sv
    only_swedish = attrs.evolve(method, summary={"sv": "Bara svenska."})
    document = labkit.render("guide", only_swedish, lang="en", catalog=builtin_catalog)
    assert (
        "Some texts are not available in this language and are shown in another language: Summary"
        in text_of(document.data)
    )
    assert document.warnings == ("texts missing in 'en', shown in another language: Summary",)


def test_checklist_roles(method, builtin_catalog):
    document = labkit.render("checklist", method, role="coordinator", catalog=builtin_catalog)
    assert "Book the premises" in text_of(
        labkit.render("checklist", method, lang="en", catalog=builtin_catalog).data
    )
    assert document.filename == "example-method-checklists-coordinator-sv.docx"
    with pytest.raises(
        NotFoundError, match="the method 'example-method' has no role 'mentor'; its roles are coordinator"
    ):
        labkit.render("checklist", method, role="mentor", catalog=builtin_catalog)


def test_failed_save_leaves_no_partial_file(tmp_path, method, builtin_catalog, monkeypatch):
    document = labkit.render("guide", method, catalog=builtin_catalog)
    target = tmp_path / "guide.docx"

    def broken_replace(self, other):
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        document.save(target)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.libreoffice
def test_every_shipped_guide_and_checklist_converts_to_pdf(tmp_path, libreoffice):
    from labkit.catalog import get_catalog
    from labkit.documents.batch import Job, run_jobs

    catalog = get_catalog()
    jobs = []
    for m in catalog.methods():
        for lang in ("sv", "en"):
            jobs.append(Job("guide", m.id, lang, str(tmp_path / f"{m.id}-guide-{lang}.docx"), pdf=True))
            if m.checklists:
                jobs.append(
                    Job("checklist", m.id, lang, str(tmp_path / f"{m.id}-checklist-{lang}.docx"), pdf=True)
                )
    results = run_jobs(jobs, processes=2, catalog=catalog)
    assert [r.error for r in results if r.error] == []
    for result in results:
        docx.Document(result.path)
        assert Path(result.path).with_suffix(".pdf").stat().st_size > 5_000
