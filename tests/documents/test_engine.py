"""The rendering engine: escaping, no template injection, XML-safe text, strict templates, images and the cache.

User and plugin text is data passed to compiled templates, never compiled itself; it is escaped, stripped of
characters XML forbids, and newlines become line breaks. Templates are strict: a misspelt variable is an error
naming the template, the variable and the place. Custom templates are checked against what the document
provides before anything is rendered.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from pathlib import Path

import attrs
import docx
import pytest
from docx.shared import Cm

import labkit
from labkit.catalog import Catalog
from labkit.documents import engine
from labkit.documents.engine import (
    CompiledTemplate,
    Image,
    check_variables,
    clean_text,
    compile_template,
    make_environment,
)
from labkit.documents.render import check_template
from labkit.errors import ConfigurationError, TemplateError
from labkit.files import load_method
from labkit.plugins import load_plugins

SAMPLE = Path(__file__).parent.parent / "data" / "sample-method.yaml"

#: Every character XML 1.0 forbids that a Python string can hold: C0 controls except tab, newline and
#: carriage return, lone surrogates, and the two non-characters U+FFFE and U+FFFF.
FORBIDDEN = (
    [chr(c) for c in range(0x00, 0x09)]
    + ["\x0b", "\x0c"]
    + [chr(c) for c in range(0x0E, 0x20)]
    + ["\ud800", "\udbff", "\udc00", "\udfff", "\ufffe", "\uffff"]
)

#: The variables the guide generator provides to its template.
GUIDE_VARIABLES = [
    "based_on",
    "checklists",
    "doc",
    "evidence",
    "history",
    "indicators",
    "labels",
    "materials",
    "method",
    "pitfalls",
    "prerequisites",
    "resources",
    "roles",
    "sources",
    "steps",
    "success_factors",
    "target_groups",
    "toc",
]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(load_plugins(entry_points=False))


@pytest.fixture(scope="module")
def method():
    return load_method(SAMPLE)


def guide(catalog: Catalog, method, lang: str = "sv", **changes) -> labkit.Document:
    return labkit.render("guide", attrs.evolve(method, **changes), lang=lang, catalog=catalog)


def body_xml(data: bytes, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(part).decode("utf-8")


def paragraphs(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found += [p.text for p in cell.paragraphs]
    return found


def under(data: bytes, heading: str) -> list[str]:
    """The body paragraphs under the heading (any ``Heading n`` style) *heading*, up to the next heading."""
    found: list[str] | None = None
    for paragraph in docx.Document(io.BytesIO(data)).paragraphs:
        if paragraph.style.name.startswith("Heading"):
            if found is not None:
                return found
            if paragraph.text == heading:
                found = []
        elif found is not None and paragraph.text:
            found.append(paragraph.text)
    if found is None:
        raise AssertionError(f"no heading {heading!r}")
    return found


def make_template(
    path: Path, *lines: str, header: str | None = None, footer: str | None = None, heading: str | None = None
) -> Path:
    """A .docx template made with python-docx: one paragraph per line, optionally a heading first, a header and a
    footer."""
    document = docx.Document()
    if heading is not None:
        document.add_paragraph(heading, "Heading 1")
    for line in lines:
        document.add_paragraph(line)
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    if footer is not None:
        document.sections[0].footer.paragraphs[0].text = footer
    document.save(path)
    return path


def png(width: int = 4, height: int = 2) -> bytes:
    """A tiny valid RGB PNG image."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    rows = b"".join(b"\x00" + b"\xcc\x22\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


# -- escaping -----------------------------------------------------------------------------------------------------


def test_ampersand_and_angle_brackets_are_escaped(catalog, method):
    summary = "Tom & Jerry <b>fet</b> a<b & c>d"
    document = guide(catalog, method, summary=summary)
    xml = body_xml(document.data)
    assert "Tom &amp; Jerry &lt;b&gt;fet&lt;/b&gt; a&lt;b &amp; c&gt;d" in xml
    assert "<b>" not in xml
    assert under(document.data, "Sammanfattning") == [summary]


def test_text_that_looks_escaped_stays_literal(catalog, method):
    summary = "&lt;script&gt; &amp; &#60; &#x3C;"
    document = guide(catalog, method, summary=summary)
    assert "&amp;lt;script&amp;gt; &amp;amp; &amp;#60; &amp;#x3C;" in body_xml(document.data)
    assert under(document.data, "Sammanfattning") == [summary]


def test_markup_in_user_text_cannot_add_paragraphs(catalog, method):
    plain = guide(catalog, method)
    hostile = (
        '</w:t></w:r></w:p><w:p><w:r><w:t>injected</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">'
    )
    document = guide(catalog, method, summary=hostile + " ]]> \"quoted\" 'single'")
    texts = paragraphs(document.data)
    assert len(texts) == len(paragraphs(plain.data))
    assert under(document.data, "Sammanfattning") == [hostile + " ]]> \"quoted\" 'single'"]


def test_title_in_the_document_properties_is_escaped(catalog, method):
    name = {"sv": "Möten & <samtal>\x07", "en": "Meetings & <talks>"}
    document = guide(catalog, method, name=name)
    properties = docx.Document(io.BytesIO(document.data)).core_properties
    assert properties.title == "Möten & <samtal> – Metodguide"
    assert document.title == "Möten & <samtal>\x07 – Metodguide"


# -- template injection -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_user_text_is_never_compiled_as_a_template(catalog, method, lang):
    expression = "{{ 7*7 }}"
    # Would run for a very long time if it were ever executed.
    loop = "{% for x in range(10**9) %}x{% endfor %}"
    dunder = "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    step = attrs.evolve(method.steps[0], description={"sv": loop, "en": loop})
    document = guide(
        catalog,
        method,
        lang=lang,
        summary={"sv": expression, "en": expression},
        purpose={"sv": loop, "en": loop},
        when_to_use=dunder,
        steps=(step,),
    )
    texts = paragraphs(document.data)
    summary_heading = "Sammanfattning" if lang == "sv" else "Summary"
    assert under(document.data, summary_heading) == [expression]
    assert loop in texts
    assert dunder in texts
    assert texts.count(loop) == 2  # the purpose and the step description
    assert "49" not in under(document.data, summary_heading)[0]
    assert "{{ 7*7 }}" in body_xml(document.data)


def test_template_syntax_in_a_plugin_method_file_is_literal(catalog, method, tmp_path):
    text = SAMPLE.read_text(encoding="utf-8").replace(
        'summary: {sv: "En eller två meningar.", en: "One or two sentences."}',
        'summary: {sv: "{{ 7*7 }} {% raw %}", en: "{{ labels.purpose }}"}',
    )
    path = tmp_path / "method.yaml"
    path.write_text(text, encoding="utf-8")
    document = labkit.render("guide", load_method(path), lang="en", catalog=catalog)
    assert under(document.data, "Summary") == ["{{ labels.purpose }}"]


# -- characters XML forbids ---------------------------------------------------------------------------------------


def test_clean_text_removes_exactly_the_forbidden_characters():
    for char in FORBIDDEN:
        assert clean_text(f"a{char}b") == "ab", repr(char)
    kept = (
        "tab\t newline\n return\r Arabic مرحبا Somali Soo dhawow emoji 🏠👩🏽‍🔧 \u00a0\u200f\ufeff\U0010fffd"
    )
    assert clean_text(kept) == kept
    assert clean_text("".join(FORBIDDEN)) == ""


def test_control_characters_and_lone_surrogates_are_stripped(catalog, method):
    dirty = "A" + "".join(f"{char}{i}" for i, char in enumerate(FORBIDDEN)) + "Z"
    clean = "A" + "".join(str(i) for i in range(len(FORBIDDEN))) + "Z"
    step = attrs.evolve(method.steps[0], title=dirty)
    document = guide(
        catalog, method, lang="en", summary=dirty, purpose={"sv": dirty, "en": dirty}, steps=(step,)
    )
    texts = paragraphs(document.data)  # python-docx parses every part: the document is well-formed XML
    assert under(document.data, "Summary") == [clean]
    assert f"1. {clean}" in texts
    for part in ("word/document.xml", "docProps/core.xml"):
        xml = body_xml(document.data, part)
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", xml)
    # Lone surrogates could not even have been encoded as UTF-8; the part decoded above.


def test_newlines_become_line_breaks_and_tabs_become_tabs(catalog, method):
    document = guide(
        catalog, method, lang="en", purpose="Line one\nLine two\r\nLine three\rLine four\tafter tab"
    )
    (purpose,) = under(document.data, "Purpose")
    assert purpose == "Line one\nLine two\nLine three\nLine four\tafter tab"
    xml = body_xml(document.data)
    assert xml.count("<w:br/>") >= 3
    assert "Line one</w:t><w:br/>" in xml
    assert "<w:tab/>" in xml
    assert "\r" not in xml


# -- strict templates ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "variable"),
    [
        ("Namn: {{ method.nme }} slut", "'dict object' has no attribute 'nme'"),
        ("Namn: {{ nonexistent }} slut", "'nonexistent' is undefined"),
    ],
)
def test_undefined_variable_at_render_names_template_variable_and_place(tmp_path, line, variable):
    path = make_template(tmp_path / "strict.docx", "Första stycket", line, "Sista")
    compiled = compile_template(path, make_environment())
    with pytest.raises(TemplateError) as caught:
        compiled.render({"method": {"name": "Portalen"}})
    message = str(caught.value)
    assert message == f"strict.docx (word/document.xml), near “Första stycket {line} Sista”: {variable}"


def test_undefined_in_a_list_item_of_a_custom_template_is_caught_at_render(catalog, method, tmp_path):
    # check_variables only sees top-level names and attributes of mappings, so this one fails while rendering.
    path = make_template(tmp_path / "custom.docx", "Steg", "{{ steps[0].titel }}", "Slut")
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateError) as caught:
        labkit.render("guide", method, template=path, catalog=catalog, out=out)
    assert str(caught.value) == (
        "custom.docx (word/document.xml), near “Steg {{ steps[0].titel }} Slut”: "
        "'dict object' has no attribute 'titel'"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    "expression",
    [
        "cycler.__init__.__globals__.os.popen('touch {marker}').read()",
        "method.name.__class__.__mro__[1].__subclasses__()",
        "[1].append(2)",
    ],
)
def test_a_template_cannot_reach_python_or_change_its_data(catalog, method, tmp_path, expression):
    """Templates are shared between colleagues and come with plugins: they run sandboxed, so a template can read
    the values it is given but not reach Python (the operating system) nor change the data."""
    marker = tmp_path / "ran"
    line = "{{ " + expression.format(marker=marker) + " }}"
    path = make_template(tmp_path / "hostile.docx", "Text", line, "Slut")
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateError, match=r"^hostile\.docx \(word/document\.xml\), near .*unsafe"):
        labkit.render("guide", method, template=path, catalog=catalog, out=out)
    assert not marker.exists() and not out.exists()


def test_undefined_in_a_header_names_the_header_part(tmp_path):
    path = make_template(tmp_path / "headed.docx", "Text", header="Sidhuvud {{ organisaton }}")
    compiled = compile_template(path, make_environment())
    with pytest.raises(TemplateError, match=r"^headed\.docx \(word/header\d*\.xml\), near “Sidhuvud"):
        compiled.render({"organisation": "Bostadsbolaget"})


def test_custom_template_is_checked_before_rendering(catalog, method, tmp_path, monkeypatch):
    path = make_template(tmp_path / "custom.docx", "{{ method.nme }}", "{{ nonexistent }}", "{{ doc.titel }}")

    def never(*_args, **_kwargs):
        raise AssertionError("rendered a template that the check should have refused")

    monkeypatch.setattr(CompiledTemplate, "render", never)
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateError) as caught:
        labkit.render("guide", method, template=path, catalog=catalog, out=out)
    problems = str(caught.value).split("; ")
    provides = ", ".join(GUIDE_VARIABLES)
    assert problems[0] == (
        f"custom.docx uses the variable 'nonexistent', which this document does not provide (it provides: {provides})"
    )
    assert problems[1].startswith("custom.docx uses doc.titel, but doc has no 'titel' (it has: ")
    assert problems[2] == (
        "custom.docx uses method.nme, but method has no 'nme' (it has: authors, focus_areas, id, licence, licence_id, name, "
        "owner, purpose, revised, summary, version, when_to_use)"
    )
    assert len(problems) == 3
    assert not out.exists()


def test_unused_variables_of_a_custom_template_are_warnings(catalog, method, tmp_path, monkeypatch):
    path = make_template(
        tmp_path / "short.docx", "{{ method.name }}: {{ method.summary }}", "{{ steps|length }}"
    )
    document = labkit.render("guide", method, template=path, catalog=catalog)
    unused = [v for v in GUIDE_VARIABLES if v not in {"method", "steps", "doc", "labels", "toc"}]
    assert document.warnings == (f"the template short.docx does not show: {', '.join(unused)}",)
    assert paragraphs(document.data) == ["Exempelmetod: En eller två meningar.", "1"]
    # check_template reports the same without writing anything (it uses the process-wide catalog).
    monkeypatch.setattr("labkit.catalog._default", catalog)
    assert check_template("guide", path, method) == list(document.warnings)


def test_custom_template_showing_everything_has_no_warnings(catalog, method, tmp_path):
    lines = [f"{{{{ {name} }}}}" for name in GUIDE_VARIABLES if name not in {"doc", "labels", "toc"}]
    path = make_template(tmp_path / "all.docx", *lines, heading="{{ doc.title }}")
    assert labkit.render("guide", method, template=path, catalog=catalog).warnings == ()


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("{{ method.name ", "template syntax error: expected token 'end of print statement', got 'Efter'"),
        ("{% for s in steps %}x", "template syntax error: Unexpected end of template."),
        ("{% endif %}", "template syntax error: Encountered unknown tag 'endif'."),
    ],
)
def test_jinja_syntax_error_names_the_template(catalog, method, tmp_path, line, error):
    path = make_template(tmp_path / "syntax.docx", "Före", line, "Efter")
    with pytest.raises(TemplateError) as caught:
        labkit.render("guide", method, template=path, catalog=catalog)
    message = str(caught.value)
    assert message.startswith("syntax.docx (word/document.xml), near “")
    assert line.strip() in message
    assert error in message


def test_unreadable_or_missing_templates(catalog, method, tmp_path):
    not_docx = tmp_path / "notes.docx"
    not_docx.write_text("just text", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"^notes\.docx: not a readable \.docx file"):
        labkit.render("guide", method, template=not_docx, catalog=catalog)
    no_document = tmp_path / "empty.docx"
    with zipfile.ZipFile(no_document, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(
        TemplateError, match=r"^empty\.docx: not a Word document \(word/document\.xml is missing\)$"
    ):
        labkit.render("guide", method, template=no_document, catalog=catalog)
    with pytest.raises(ConfigurationError, match="does not exist"):
        labkit.render("guide", method, template=tmp_path / "missing.docx", catalog=catalog)
    with pytest.raises(TemplateError, match="does not exist"):
        compile_template(tmp_path / "missing.docx", make_environment())


def test_check_variables_accepts_what_is_provided(tmp_path):
    path = make_template(
        tmp_path / "ok.docx", "{{ a.b }} {% for x in items %}{{ loop.index }}{{ x }}{% endfor %}"
    )
    compiled = compile_template(path, make_environment())
    assert check_variables(compiled, {"a": {"b": 1}, "items": [1]}) == []
    assert check_variables(compiled, {"a": {"c": 1}, "items": []}) == [
        "ok.docx uses a.b, but a has no 'b' (it has: c)"
    ]
    assert compiled.variables == {"a", "items"}


def test_environment_values(tmp_path):
    path = make_template(tmp_path / "values.docx", "[{{ nothing }}|{{ yes }}|{{ n }}|{{ x|shout }}]")
    compiled = compile_template(path, make_environment({"shout": lambda s: s.upper() + "!"}))
    data = compiled.render({"nothing": None, "yes": True, "n": 1.5, "x": "hej & hå"})
    assert paragraphs(data) == ["[|True|1.5|HEJ & HÅ!]"]


# -- images -------------------------------------------------------------------------------------------------------


def test_png_image_is_embedded_as_a_media_part(tmp_path):
    picture = png(40, 20)
    path = make_template(tmp_path / "image.docx", "Före", "{{ chart }}", "{{ second }}", "Efter")
    compiled = compile_template(path, make_environment())
    data = compiled.render(
        {
            "chart": Image(picture, width_cm=8.0, description="Andel & <trend>"),
            "second": Image(png(10, 10), width_cm=2.0, description="Ruta"),
        }
    )
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        names = package.namelist()
        assert package.read("word/media/labkit-document-rIdLabkit1.png") == picture
        assert "word/media/labkit-document-rIdLabkit2.png" in names
        rels = package.read("word/_rels/document.xml.rels").decode()
        assert 'Id="rIdLabkit1"' in rels and 'Target="media/labkit-document-rIdLabkit1.png"' in rels
        types = package.read("[Content_Types].xml").decode()
        assert types.count('Extension="png"') == 1
        xml = package.read("word/document.xml").decode()
        assert 'descr="Andel &amp; &lt;trend&gt;"' in xml
    document = docx.Document(io.BytesIO(data))
    shapes = document.inline_shapes
    assert len(shapes) == 2
    assert shapes[0].width == Cm(8.0)
    assert shapes[0].height == Cm(4.0)
    rid = shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert document.part.related_parts[rid].blob == picture
    assert [p.text for p in document.paragraphs] == ["Före", "", "", "Efter"]


def test_image_in_a_header_gets_its_own_relationships(tmp_path):
    path = make_template(tmp_path / "logo.docx", "Text", header="{{ logo }}")
    compiled = compile_template(path, make_environment())
    data = compiled.render({"logo": Image(png(), width_cm=3.0, description="Logo")})
    document = docx.Document(io.BytesIO(data))
    header = document.sections[0].header
    blips = header._element.xpath(".//a:blip/@r:embed")
    assert len(blips) == 1
    assert header.part.related_parts[blips[0]].blob == png()


def test_rendering_twice_gives_independent_images(tmp_path):
    path = make_template(tmp_path / "twice.docx", "{{ chart }}")
    compiled = compile_template(path, make_environment())
    first = compiled.render({"chart": Image(png(2, 2), description="Liten")})
    second = compiled.render({"chart": Image(png(3, 3), description="Större")})
    for data, size in ((first, 2), (second, 3)):
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            assert [n for n in package.namelist() if n.startswith("word/media/labkit-")] == [
                "word/media/labkit-document-rIdLabkit1.png"
            ]
            assert package.read("word/media/labkit-document-rIdLabkit1.png") == png(size, size)


def test_only_png_images_are_accepted(tmp_path):
    path = make_template(tmp_path / "jpeg.docx", "{{ chart }}")
    compiled = compile_template(path, make_environment())
    with pytest.raises(TemplateError, match="images must be PNG files"):
        compiled.render({"chart": Image(b"\xff\xd8\xff\xe0 not a png", description="JPEG")})


# -- the compiled-template cache ----------------------------------------------------------------------------------


def test_cache_returns_the_same_compiled_template_for_the_same_file(tmp_path):
    env = make_environment()
    path = make_template(tmp_path / "cached.docx", "Alfa {{ word }}")
    first = compile_template(path, env)
    assert compile_template(path, env) is first
    assert compile_template(str(path), env) is first
    # Another environment (other plugin filters) compiles its own.
    assert compile_template(path, make_environment()) is not first


def test_cache_recompiles_after_the_file_changes(tmp_path):
    env = make_environment()
    path = make_template(tmp_path / "cached.docx", "Alfa {{ word }}")
    first = compile_template(path, env)
    before = path.stat()
    make_template(path, "Omega {{ word }} och {{ other }}")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    second = compile_template(path, env)
    assert second is not first
    assert second.variables == {"word", "other"}
    assert paragraphs(second.render({"word": "x", "other": "y"})) == ["Omega x och y"]
    assert compile_template(path, env) is second
    # The old compiled template still renders what it was compiled from.
    assert paragraphs(first.render({"word": "x"})) == ["Alfa x"]


def test_cache_is_keyed_by_the_resolved_path(tmp_path, monkeypatch):
    env = make_environment()
    path = make_template(tmp_path / "cached.docx", "{{ word }}")
    first = compile_template(path, env)
    monkeypatch.chdir(tmp_path)
    assert compile_template("cached.docx", env) is first
    (tmp_path / "sub").mkdir()
    assert compile_template(Path("sub/../cached.docx"), env) is first
    assert len([k for k in engine._CACHE if k[0] == str(path.resolve())]) == 1


# -- the package: unchanged parts copied as compressed bytes ------------------------------------------------------


def raw_parts(data: bytes) -> dict[str, tuple[int, bytes]]:
    """Each part of the zip package *data* as (compression method, compressed bytes), read from its local header."""
    found = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for info in package.infolist():
            start = info.header_offset
            name_length, extra_length = struct.unpack("<HH", data[start + 26 : start + 30])
            offset = start + 30 + name_length + extra_length
            found[info.filename] = (info.compress_type, data[offset : offset + info.compress_size])
    return found


def contents(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None  # every CRC checked
        return {name: package.read(name) for name in package.namelist()}


def test_a_guide_copies_the_compressed_bytes_of_every_part_it_does_not_change(catalog, method):
    template = catalog.find_template("guide", method.id)
    original = Path(template).read_bytes()
    rendered = guide(catalog, method).data
    before, after = contents(original), contents(rendered)
    assert list(after)[: len(before)] == list(before)  # the template's parts, in its order
    unchanged = [name for name in before if after[name] == before[name]]
    assert "word/theme/theme1.xml" in unchanged and len(unchanged) >= 5, unchanged
    assert not {"word/document.xml", "docProps/core.xml", "word/settings.xml"} & set(unchanged)
    raw_before, raw_after = raw_parts(original), raw_parts(rendered)
    for name in unchanged:
        assert raw_after[name] == raw_before[name], name
    # A second document shares them too; the package is the same bytes for the same content.
    assert guide(catalog, method).data == rendered
    document = docx.Document(io.BytesIO(rendered))
    assert any(p.text for p in document.paragraphs)


def mixed_template(tmp_path: Path) -> Path:
    """A template whose parts are stored, deflated and compressed with bzip2, one with a non-ASCII name."""
    source = make_template(tmp_path / "plain.docx", "Rubrik {{ word }}", "Andra stycket")
    path = tmp_path / "mixed.docx"
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(path, "w") as out:
        for i, info in enumerate(package.infolist()):
            method = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2)[i % 3]
            out.writestr(info.filename, package.read(info), compress_type=method)
        out.writestr("customXml/anteckning-åäö.xml", "<a>å</a>", compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_parts_of_every_compression_are_copied_or_recompressed_into_a_valid_package(tmp_path):
    path = mixed_template(tmp_path)
    compiled = CompiledTemplate(path, make_environment())
    data = compiled.render({"word": "x & y"})
    before, after = contents(path.read_bytes()), contents(data)
    assert set(after) == set(before)
    assert after["customXml/anteckning-åäö.xml"] == "<a>å</a>".encode()
    raw_before, raw_after = raw_parts(path.read_bytes()), raw_parts(data)
    methods = {name: method for name, (method, _raw) in raw_after.items()}
    assert zipfile.ZIP_BZIP2 not in methods.values()  # what Word may not read is deflated instead
    for name, (method, raw) in raw_before.items():
        if method != zipfile.ZIP_BZIP2 and after[name] == before[name]:
            assert raw_after[name] == (method, raw), name
    assert paragraphs(data) == ["Rubrik x & y", "Andra stycket"]


@pytest.mark.libreoffice
def test_libreoffice_reads_a_package_of_copied_parts(tmp_path, libreoffice):
    import subprocess

    from labkit.documents.pdf import convert_to_pdf

    target = tmp_path / "mixed-out.docx"
    target.write_bytes(CompiledTemplate(mixed_template(tmp_path), make_environment()).render({"word": "Öst"}))
    pdf = convert_to_pdf(target)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Rubrik Öst" in text and "Andra stycket" in text


@pytest.mark.parametrize(
    "expression",
    [
        "view.__class__.__mro__[1].__subclasses__()",
        "view.pop('name')",
        "view.update(name='x')",
        "view.items.__self__",
    ],
)
def test_a_views_own_attributes_still_meet_the_sandbox(expression):
    """Views are dicts read through a short way to their items ({{ view.name }}); what is not an item of the view
    goes through the sandbox as before."""
    import jinja2.sandbox

    from labkit.documents.engine import make_environment

    env = make_environment()
    view = {"name": "Portalen", "items": "an item named like a method"}
    assert env.from_string("{{ view.name }}").render(view=view) == "Portalen"
    with pytest.raises(jinja2.sandbox.SecurityError):
        env.from_string("{{ " + expression + " }}").render(view=view)
    assert view == {"name": "Portalen", "items": "an item named like a method"}


@pytest.mark.parametrize(
    "expression", ["loop.__class__.__mro__[1].__subclasses__()", "loop._iterator", "loop.cycle.__globals__"]
)
def test_loop_properties_are_read_directly_and_the_rest_meets_the_sandbox(expression):
    """``loop.first`` and the other loop properties are read without the sandbox's checks (they are Jinja's own
    public values); anything else of ``loop`` still goes through the sandbox."""
    import jinja2.sandbox

    env = make_environment()
    template = "{% for x in items %}{{ loop.index }}{{ loop.first }}{{ loop.revindex }}{{ loop.length }};{% endfor %}"
    assert env.from_string(template).render(items="ab") == "1True22;2False12;"
    with pytest.raises(jinja2.sandbox.SecurityError):
        env.from_string("{% for x in [1] %}{{ " + expression + " }}{% endfor %}").render()


class _Shouting(engine.Markup):
    def __html__(self) -> str:
        return str.upper(self)


class _Page:
    """Not markup, though it says how it would print in HTML: printed as its text."""

    def __html__(self) -> str:
        return "<b>page</b>"

    def __str__(self) -> str:
        return "<sida>"


@pytest.mark.parametrize(
    ("value", "escaped", "unescaped"),
    [
        ("<w:p> & “citat”", "&lt;w:p&gt; &amp; “citat”", "&lt;w:p&gt; &amp; “citat”"),
        (engine.Markup("<w:br/>"), "<w:br/>", "<w:br/>"),
        (_Shouting("<w:tab/>"), "<W:TAB/>", "<w:tab/>"),
        (_Page(), "&lt;sida&gt;", "&lt;sida&gt;"),
        (None, "", ""),
        (True, "True", "True"),
        (3, "3", "3"),
        (2.5, "2.5", "2.5"),
        (["<", 1], "[&#39;&lt;&#39;, 1]", "[&#39;&lt;&#39;, 1]"),
    ],
)
def test_every_printed_value_is_printed_as_jinja_would_print_it(value, escaped, unescaped):
    """Where autoescaping is on, a value is printed through labkit's short way (``print_value``), which gives what
    Jinja's ``escape(finalize(value))`` gives; text is escaped once. Inside ``{% autoescape false %}`` the code is
    Jinja's own (``str(finalize(value))``), and labkit's finalize still escapes text there."""
    env = make_environment()
    assert env.from_string("{{ value }}").render(value=value) == escaped
    assert escaped == str(engine.escape(engine._finalize(value)))
    off = "{% autoescape false %}{{ value }}{% endautoescape %}"
    assert env.from_string(off).render(value=value) == unescaped
    volatile = "{% autoescape on %}{{ value }}{% endautoescape %}"
    assert env.from_string(volatile).render(value=value, on=True) == escaped


def test_only_labkits_finalize_gets_the_short_way():
    """An environment made with another finalize (an overlay) prints through Jinja's own escape."""
    overlay = make_environment().overlay(finalize=lambda value: value)
    assert overlay.from_string("{{ value }}").render(value="<w:p>") == "&lt;w:p&gt;"
    assert "print_value" not in overlay.compile("{{ value }}", raw=True)
    assert "print_value" in make_environment().compile("{{ value }}", raw=True)


def test_start_tags_in_cdata_and_comments_are_left_as_they_are():
    """Only real paragraph start tags get the line break; text that looks like one in CDATA or a comment does not."""
    xml = (
        "<w:body><w:p><w:r><w:t><![CDATA[a <w:p> b]]></w:t></w:r></w:p><!-- <w:p> --><w:p w:x='1'/></w:body>"
    )
    assert engine._patch(xml) == (
        "<w:body><w:p\n><w:r><w:t><![CDATA[a <w:p> b]]></w:t></w:r></w:p><!-- <w:p> --><w:p\n w:x='1'/></w:body>"
    )


def test_paragraph_lines_are_inside_start_tags_and_read_as_before(catalog, method):
    """The template keeps a line per paragraph for its error messages, inside each start tag (``<w:p\\n>``), where
    XML ignores it: a guide's XML has no text between its elements and reads the same in python-docx."""
    data = labkit.render("guide", method, lang="sv", catalog=catalog).data
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    root = xml[xml.index("<w:document") :]
    assert "<w:p\n>" in root
    assert not re.search(r">\s+<", root)
    texts = paragraphs(data)
    assert texts[:2] == ["Metodguide", method.name["sv"]] and all("\n" not in text for text in texts)


def test_printable_text_needs_no_cleaning():
    """Printable text is only escaped (the short way through _text_markup): no printable character is one XML
    forbids, a line break or a tab."""
    printable = "".join(ch for ch in map(chr, range(0x110000)) if ch.isprintable())
    assert clean_text(printable) == printable
    assert not set("\t\n\r") & set(printable)


@pytest.mark.parametrize(
    ("template", "printed"),
    [
        ("{{ value|e }}", "a&lt;b&gt;\tc"),
        ("{{ value|safe }}", "a<b>\tc"),
        ("{% autoescape false %}{{ value|e }}{% endautoescape %}", "a&lt;b&gt;\tc"),
    ],
)
def test_markup_made_of_text_loses_the_characters_xml_forbids(template, printed):
    """``|e`` and ``|safe`` make markup of anyone's text; the characters XML forbids still go (a document with one
    would not open), the tab stays."""
    value = "a\x01<b>\x0b\tc\ufffe"
    assert make_environment().from_string(template).render(value=value) == printed


def _runs(data: bytes) -> list[tuple[str, str | None]]:
    """Each run's text and the language it is marked with (None: the document's)."""
    document = docx.Document(io.BytesIO(data))
    lang = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang"
    found = []
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            mark = run._r.find(f"{{{engine._W}}}rPr/{lang}")
            found.append((run.text, None if mark is None else mark.get(f"{{{engine._W}}}val")))
    return found


def test_text_cannot_make_or_break_a_language_mark(tmp_path):
    """Text in another language is marked while rendering with three noncharacters; text is cleaned of those, so
    text that holds them (or the private-use characters once used) neither marks itself nor loses characters,
    and a mark made in a {% set %} block stays."""
    from labkit.documents._language import ForeignText

    path = make_template(
        tmp_path / "lang.docx",
        "{{ plain }}",
        "{{ forged }}",
        "{% set kept %}Syfte: {{ foreign }}{% endset %}{{ kept }}",
    )
    compiled = compile_template(path, make_environment())
    data = compiled.render(
        {
            "plain": "a\ue000\ue001b\ue002c",
            "forged": "\ufdd0en\ufdd1forged\ufdd2",
            "foreign": ForeignText("Purpose", "en"),
        }
    )
    runs = _runs(data)
    assert ("a\ue000\ue001b\ue002c", None) in runs
    assert ("enforged", None) in runs
    assert ("Purpose", "en-GB") in runs
