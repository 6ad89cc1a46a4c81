"""``labkit accessibility`` and the checks behind it: a deliberately broken document fails with the expected
findings, every document labkit makes passes, and a template or house style that would make an inaccessible
document is refused (or, with allow_inaccessible, made with a warning)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import attrs
import docx
import pytest
from hypothesis import HealthCheck, given, settings

import labkit
from labkit.accessibility import (
    CRITERIA,
    Finding,
    check,
    check_docx,
    check_pdf,
    contrast_ratio,
    is_large_text,
)
from labkit.cli import main
from labkit.errors import DocumentError, TemplateError
from labkit.files import load_method
from labkit.labs.demo import demo_lab_path

from ..strategies import word_documents, word_styles

FILES = Path(__file__).parents[1] / "files"
BROKEN_DOCX = FILES / "inaccessible.docx"
UNTAGGED_PDF = FILES / "untagged.pdf"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SAMPLE = Path(__file__).parents[1] / "data" / "sample-method.yaml"


def summary(findings: list[Finding]) -> set[tuple[str, str]]:
    return {(f.criterion, f.message.split(":")[0].split(" (")[0]) for f in findings}


def test_broken_docx_has_the_expected_findings():
    findings = check_docx(BROKEN_DOCX)
    assert summary(findings) == {
        ("2.4.2", "the document has no title"),
        ("3.1.1", "the document language is not set"),
        ("1.3.1", "heading level 3 follows level 1"),
        ("1.3.1", "no header row"),
        ("1.3.1", "header cell 2 is empty"),
        ("1.3.1", "merged cells"),
        ("1.1.1", "a symbol-font character"),
        ("1.3.1", "a one-cell table used for layout"),
        ("1.3.1", "empty paragraphs in a row used for spacing"),
        ("1.3.1", "2 paragraphs typed as a list"),
        ("1.1.1", "the image has no alternative text"),
        ("1.4.3", "text colour #4F81BD on #FFFFFF has a contrast of 4.0"),
        ("1.4.3", "text colour #BBBBBB on #FFFFFF has a contrast of 1.9"),
    }
    places = {f.place for f in findings}
    assert "heading “Detaljer”" in places and "image “Picture 1”" in places
    assert any(p.startswith("table 1 (after “Detaljer”)") for p in places)


def test_untagged_pdf_has_the_expected_findings():
    assert summary(check_pdf(UNTAGGED_PDF)) == {
        ("1.3.1", "the PDF is not tagged"),
        ("2.4.2", "the document has no title"),
        ("2.4.2", "the title is not shown as the window title"),
    }


def test_every_finding_names_wcag_and_en_301_549():
    for finding in check(BROKEN_DOCX) + check(UNTAGGED_PDF):
        assert finding.criterion in CRITERIA
        assert finding.en_301_549 == f"EN 301 549 10.{finding.criterion}"
        assert str(finding).endswith(f"({finding.wcag}; {finding.en_301_549})")


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#767676") == pytest.approx(
        4.54, abs=0.01
    )  # the lightest grey that passes on white
    assert contrast_ratio("777777") < 4.5
    assert (
        is_large_text(18, bold=False) and is_large_text(14, bold=True) and not is_large_text(14, bold=False)
    )
    with pytest.raises(ValueError, match="not a colour"):
        contrast_ratio("red")


def test_cli_reports_problems_with_exit_status_and_json(tmp_path, capsys):
    assert main(["accessibility", str(BROKEN_DOCX), str(UNTAGGED_PDF)]) == 1
    out = capsys.readouterr().out
    assert f"{BROKEN_DOCX}: 13 problems" in out
    assert "(WCAG 2.1 1.1.1 Non-text Content; EN 301 549 10.1.1.1)" in out
    assert main(["accessibility", "--json", str(BROKEN_DOCX)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report[0]["file"] == str(BROKEN_DOCX)
    assert {"criterion", "wcag", "en_301_549", "place", "message"} == set(report[0]["findings"][0])
    good = labkit.render("guide", "portalen", lang="en", out=tmp_path / "guide.docx")
    assert good.accessible
    assert main(["accessibility", str(tmp_path / "guide.docx")]) == 0
    assert "no problems found" in capsys.readouterr().out


def test_cli_names_files_it_cannot_read(tmp_path, capsys):
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"PK\x03\x04 broken")
    assert main(["accessibility", str(text), str(fake)]) == 1
    err = capsys.readouterr().err
    assert f"error: {text}: not a Word document (.docx) or PDF" in err
    assert f"error: {fake}: not a Word document (.docx): it is not a zip package" in err
    # A file that is not there is a mistake on the command line (exit status 2), as in every command.
    assert main(["accessibility", str(text), str(tmp_path / "missing.pdf")]) == 2
    assert f"error: {tmp_path / 'missing.pdf'}: no such file" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize(
    ("kind", "subject"),
    [("guide", "portalen"), ("checklist", "safety-walk"), ("walk-protocol", "safety-walk")],
)
def test_documents_labkit_makes_pass(kind, subject, lang):
    document = labkit.render(kind, subject, lang=lang)
    assert check_docx(document.data) == []
    assert document.accessible and not any("not accessible" in w for w in document.warnings)


def test_document_language_and_properties():
    document = labkit.render("guide", "portalen", lang="en")
    package = zipfile.ZipFile(io.BytesIO(document.data))
    styles = package.read("word/styles.xml").decode()
    assert '<w:lang w:val="en-GB"' in styles.split("</w:docDefaults>")[0]
    opened = docx.Document(io.BytesIO(document.data))
    core = opened.core_properties
    assert core.title == document.title
    assert core.language == "en-GB"
    assert core.subject  # the method's summary
    assert "python-docx" not in package.read("docProps/core.xml").decode()
    assert (
        b"python-docx" not in package.read("docProps/app.xml")
        and "docProps/thumbnail.jpeg" not in package.namelist()
    )
    sv = zipfile.ZipFile(io.BytesIO(labkit.render("guide", "portalen", lang="sv").data))
    assert '<w:lang w:val="sv-SE"' in sv.read("word/styles.xml").decode()
    assert "<dc:language>sv-SE</dc:language>" in sv.read("docProps/core.xml").decode()


def test_text_in_another_language_is_marked_with_its_language(builtin_catalog):
    method = load_method(SAMPLE)
    only_swedish = attrs.evolve(method, summary={"sv": "Bara på svenska."})
    document = labkit.render("guide", only_swedish, lang="en", catalog=builtin_catalog)
    body = docx.Document(io.BytesIO(document.data)).element.body
    runs = [
        r for r in body.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t")) == "Bara på svenska."
    ]
    assert runs, "the Swedish summary is printed"
    assert all(r.find(f"{W}rPr/{W}lang").get(f"{W}val") == "sv-SE" for r in runs)


@pytest.fixture
def builtin_catalog():
    from labkit.catalog import Catalog
    from labkit.plugins import load_plugins

    return Catalog(load_plugins(entry_points=False))


def _template_with(tmp_path: Path, build) -> Path:
    document = docx.Document()
    document.add_paragraph("{{ method.name }}", "Heading 1")
    build(document)
    path = tmp_path / "plugin-template.docx"
    document.save(path)
    return path


def png(width: int = 8, height: int = 8) -> bytes:
    import struct
    import zlib

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    rows = b"".join(b"\x00" + b"\x20\x40\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_a_template_image_without_alternative_text_is_refused(tmp_path):
    def build(document):
        document.add_picture(io.BytesIO(png()))

    template = _template_with(tmp_path, build)
    with pytest.raises(DocumentError) as caught:
        labkit.render("guide", "portalen", template=template)
    message = str(caught.value)
    assert message.startswith("the document would not be accessible: the template plugin-template.docx: ")
    assert "the image has no alternative text (WCAG 2.1 1.1.1" in message
    assert "--allow-inaccessible" in message
    document = labkit.render("guide", "portalen", template=template, allow_inaccessible=True)
    assert not document.accessible
    assert any(
        w.startswith("not accessible: the template plugin-template.docx: image") for w in document.warnings
    )


def test_a_template_table_without_header_row_is_refused(tmp_path):
    def build(document):
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "Namn"
        table.cell(0, 1).text = "{{ method.version }}"

    template = _template_with(tmp_path, build)
    with pytest.raises(DocumentError, match="no header row: mark the first row as a header row"):
        labkit.render("guide", "portalen", template=template)


def test_images_need_a_description():
    from labkit.documents.engine import Image

    with pytest.raises(TypeError):
        Image(png())  # type: ignore[call-arg]
    with pytest.raises(TemplateError, match="an image needs a description"):
        Image(png(), description="  ")


def _figures(pdf) -> list:
    import pikepdf

    figures = []
    stack = [pdf.Root.StructTreeRoot.K]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure":
                figures.append(node)
            if "/K" in node:
                stack.append(node.K)
    return figures


def _assert_tagged(pdf_path: Path, title: str, lang: str) -> list:
    import pikepdf

    with pikepdf.open(pdf_path) as pdf:
        root = pdf.Root
        assert bool(root.MarkInfo.Marked) and "/StructTreeRoot" in root
        assert str(root.Lang) == lang
        assert str(pdf.docinfo.Title) == title
        assert bool(root.ViewerPreferences.DisplayDocTitle)
        assert "/Outlines" in root and int(root.Outlines.Count) != 0  # bookmarks from the headings
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"
        figures = _figures(pdf)
        assert all(str(f.get("/Alt", "")).strip() for f in figures), "a figure without alternative text"
        alts = [str(f.Alt) for f in figures]
    assert check_pdf(pdf_path) == []
    return alts


@pytest.mark.libreoffice
def test_guide_pdf_is_tagged_with_language_title_and_alternative_text(tmp_path, libreoffice):
    """The PDF of a guide, inspected with pikepdf: PDF/UA tagging, language, title shown as window title,
    bookmarks from the headings and alternative text on every figure; the lab plan's timeline is such a figure."""
    document = labkit.render("guide", "portalen", lang="sv")
    path = document.save(tmp_path / "guide.docx", pdf=True)
    _assert_tagged(path.with_suffix(".pdf"), document.title, "sv-SE")

    plan = labkit.render("lab-plan", demo_lab_path(), lang="en")
    path = plan.save(tmp_path / "plan.docx", pdf=True)
    alts = _assert_tagged(path.with_suffix(".pdf"), plan.title, "en-GB")
    # The timeline's alternative text names its phases with their dates (from the data, not a fixed word).
    assert any("Understand the challenge 2018-08-20" in alt for alt in alts)


def test_one_paragraph_that_starts_like_an_item_is_not_a_typed_list():
    """A list has two or more items: a lone "- Norr, Exempelstad" (an area's name) or "1. Vi …" is prose, while
    two such paragraphs in a row are a list typed as text (found by the check-then-build property test)."""

    def findings(*paragraphs: str) -> list[Finding]:
        document = docx.Document()
        document.core_properties.title = "Test"
        document.add_heading("Rubrik", 1)
        for text in paragraphs:
            document.add_paragraph(text)
        data = io.BytesIO()
        document.save(data)
        return [f for f in check_docx(data.getvalue()) if "typed as a list" in f.message]

    assert findings("- , Exempelstad", "Vanlig text.") == []
    assert findings("Vanlig text.", "1. Vi börjar i augusti.") == []
    (typed,) = findings("Inledning.", "- första punkten", "- andra punkten", "Slut.")
    assert typed.message.startswith("2 paragraphs typed as a list")


SHIPPED_TEMPLATES = sorted(
    [
        *(Path(labkit.__file__).parent / "builtin" / "templates").glob("*.docx"),
        *(Path(__file__).parents[2] / "plugins").glob("*/src/*/templates/**/*.docx"),
    ]
)


@pytest.mark.parametrize("template", SHIPPED_TEMPLATES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_text_in_every_style_of_a_shipped_template_passes_contrast(template):
    """Staff restyle labkit's templates in Word and may use any style in them (Heading 4, Caption, Intense Quote),
    not only those labkit's content uses: a paragraph in every paragraph style and a run in every character style
    of the template passes the contrast check."""
    with zipfile.ZipFile(template) as package:
        styles = package.read("word/styles.xml")
        core = package.read("docProps/core.xml")
    root = docx.oxml.parse_xml(styles)
    ids = {
        kind: [s.get(f"{W}styleId") for s in root.iter(f"{W}style") if s.get(f"{W}type") == kind]
        for kind in ("paragraph", "character")
    }
    paragraphs = [
        f'<w:p><w:pPr><w:pStyle w:val="{sid}"/></w:pPr><w:r><w:t>paragraph style {sid}</w:t></w:r></w:p>'
        for sid in ids["paragraph"]
    ] + [
        f'<w:p><w:r><w:rPr><w:rStyle w:val="{sid}"/></w:rPr><w:t>character style {sid}</w:t></w:r></w:p>'
        for sid in ids["character"]
    ]
    body = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + "".join(paragraphs)
        + "</w:body></w:document>"
    )
    assert len(ids["paragraph"]) > 30 and len(ids["character"]) > 10  # Word's built-in styles are there
    findings = check_docx(
        {"word/document.xml": body.encode(), "word/styles.xml": styles, "docProps/core.xml": core}
    )
    assert [f"{f.place}: {f.message}" for f in findings if f.criterion == "1.4.3"] == []


def test_a_document_can_be_checked_from_its_parts_without_zipping():
    with zipfile.ZipFile(BROKEN_DOCX) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    assert check_docx(parts) == check_docx(BROKEN_DOCX)
    with pytest.raises(ValueError, match=r"word/document\.xml is missing"):
        check_docx({"word/styles.xml": parts["word/styles.xml"]})


def test_shading_is_read_from_the_nearest_run_paragraph_or_cell():
    """The background of text is its run's shading, else its paragraph's, else its table cell's; "auto" is none."""
    body = (
        '<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:shd w:fill="000000"/></w:tcPr>'
        '<w:p><w:pPr><w:shd w:fill="auto"/></w:pPr><w:r><w:rPr><w:color w:val="111111"/></w:rPr>'
        "<w:t>dark on black</w:t></w:r></w:p></w:tc>"
        '<w:tc><w:p><w:r><w:rPr><w:color w:val="111111"/><w:shd w:fill="FFFFFF"/></w:rPr><w:t>dark on white</w:t>'
        "</w:r></w:p></w:tc></w:tr></w:tbl>"
        '<w:p><w:pPr><w:shd w:fill="222222"/></w:pPr><w:r><w:rPr><w:color w:val="333333"/></w:rPr>'
        "<w:t>grey on grey</w:t></w:r></w:p>"
    )
    document = (f'<w:document xmlns:w="{W[1:-1]}"><w:body>{body}</w:body></w:document>').encode()
    contrast = [f for f in check_docx({"word/document.xml": document}) if f.criterion == "1.4.3"]
    assert [(f.place, f.message.split(" has")[0]) for f in contrast] == [
        ("“dark on black”", "text colour #111111 on #000000"),
        ("“grey on grey”", "text colour #333333 on #222222"),
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=word_documents)
def test_the_contrast_shortcut_never_hides_a_finding(document):
    """The check reads every run only when some look could fail on some fill; the findings are the same as when
    every run is read."""
    from labkit.accessibility import _docx

    parts = {"word/document.xml": document, "word/styles.xml": word_styles}
    root = _docx.etree.fromstring(document)
    styles = _docx._styles(word_styles)
    every_run = list(_docx._contrast(root, styles, "word/document.xml"))
    shown = [f for f in check_docx(parts) if f.criterion == "1.4.3"]
    assert shown == every_run
    if every_run:
        assert _docx._contrast_may_fail(root, styles)


def _document(body: str) -> dict[str, bytes]:
    return {
        "word/document.xml": f'<w:document xmlns:w="{W[1:-1]}"><w:body>{body}</w:body></w:document>'.encode(),
        "word/styles.xml": word_styles,
    }


def _table(first_cell_properties: str) -> str:
    header = "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + "<w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc>" * 2
    return (
        f"<w:tbl>{header}</w:tr><w:tr><w:tc><w:tcPr>{first_cell_properties}</w:tcPr><w:p/></w:tc>"
        "<w:tc><w:p/></w:tc></w:tr></w:tbl>"
    )


@pytest.mark.parametrize(
    ("properties", "merged"),
    [
        ('<w:gridSpan w:val="2"/>', True),
        ("<w:vMerge/>", True),
        ('<w:gridSpan w:val="1"/>', False),
        # A tracked change keeps the cell's earlier properties inside its own: they do not merge it now.
        (
            '<w:tcPrChange w:id="1" w:author="a"><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr></w:tcPrChange>',
            False,
        ),
    ],
)
def test_merged_cells_are_read_from_the_cells_own_properties(properties, merged):
    found = [f for f in check_docx(_document(_table(properties))) if "merged cells" in f.message]
    assert bool(found) is merged


def test_a_size_that_is_not_a_number_is_the_default_size():
    body = '<w:p><w:pPr><w:rPr><w:color w:val="000000"/><w:sz w:val="²"/></w:rPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>'
    assert [f for f in check_docx(_document(body)) if f.criterion != "2.4.2"] == []  # (no properties part)


@pytest.mark.parametrize(
    "paragraph",
    [
        '<w:p><w:pPr><w:outlineLvl w:val="²"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>',  # no level: body text
        f'<w:p><w:pPr><w:outlineLvl w:val="{"9" * 5000}"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>',  # beyond 9
        # thousands of digits: large text, on which #777777 (4.5:1) passes
        f'<w:p><w:r><w:rPr><w:color w:val="777777"/><w:sz w:val="{"4" * 5000}"/></w:rPr><w:t>x</w:t></w:r></w:p>',
    ],
)
def test_numbers_word_would_not_write_are_read_without_error(paragraph):
    """A level or size that is not ASCII digits, or has thousands of them, neither crashes the check nor counts as
    something it is not."""
    assert [f for f in check_docx(_document(paragraph)) if f.criterion != "2.4.2"] == []


def test_a_span_of_thousands_of_digits_merges_cells():
    span = "2" * 5000
    rows = f'<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr>'
    body = f"<w:tbl>{rows}{rows.replace('<w:trPr><w:tblHeader/></w:trPr>', '')}</w:tbl><w:p/>"
    assert [f.message for f in check_docx(_document(body)) if f.criterion == "1.3.1"] == [
        "merged cells: give every row the same cells"
    ]


def test_a_symbol_counts_in_a_cell():
    symbol = '<w:r><w:sym w:font="Wingdings" w:char="F06F"/></w:r>'
    in_cell = _table("").replace(
        "<w:tc><w:p/></w:tc></w:tr></w:tbl>", f"<w:tc><w:p>{symbol}</w:p></w:tc></w:tr></w:tbl>"
    )
    assert any("symbol-font" in f.message for f in check_docx(_document(in_cell)))
