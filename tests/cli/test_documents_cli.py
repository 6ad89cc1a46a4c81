"""The document commands: guide, checklist, document, render --all; clear errors, no partial output."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from labkit.cli import main

SAMPLE_METHODS = ("portalen", "safety-walk")


@pytest.fixture(autouse=True)
def _quiet_plugins(monkeypatch):
    # Only the published plugins these tests use, so unrelated plugin problems cannot interfere.
    monkeypatch.setenv("LABKIT_PLUGINS", "labkit-portalen,labkit-safety-walk")
    from labkit.catalog import reset_catalog

    reset_catalog()
    yield
    reset_catalog()


def test_guide_writes_a_docx(tmp_path, capsys):
    out = tmp_path / "portalen.docx"
    assert main(["guide", "portalen", "--lang", "en", "-o", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    text = "\n".join(p.text for p in docx.Document(out).paragraphs)
    assert "Purpose" in text and "Portalen" in text


def test_guide_unknown_method_suggests(capsys):
    assert main(["guide", "portalne"]) == 2
    err = capsys.readouterr().err
    assert "error: no installed plugin provides the method 'portalne' (did you mean 'portalen'?)" in err
    assert "Traceback" not in err


def test_bad_language_is_a_usage_error(tmp_path, capsys):
    assert main(["guide", "portalen", "--lang", "svenska", "-o", str(tmp_path / "x.docx")]) == 2
    assert "error: --lang: 'svenska' is not a language labkit supports (sv, en)" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


def test_checklist_for_a_role(tmp_path):
    out = tmp_path / "c.docx"
    assert main(["checklist", "safety-walk", "--role", "walk-lead", "-o", str(out)]) == 0
    assert docx.Document(out).paragraphs


def test_checklist_unknown_role(tmp_path, capsys):
    assert main(["checklist", "safety-walk", "--role", "nobody", "-o", str(tmp_path / "c.docx")]) == 2
    err = capsys.readouterr().err
    assert "the method 'safety-walk' has no role 'nobody'; its roles are" in err
    assert not (tmp_path / "c.docx").exists()


def test_plugin_document_kind(tmp_path):
    out = tmp_path / "protocol.docx"
    assert main(["document", "walk-protocol", "safety-walk", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as package:
        assert "word/document.xml" in package.namelist()


def test_document_kind_of_another_method(tmp_path, capsys):
    assert main(["document", "walk-protocol", "portalen", "-o", str(tmp_path / "x.docx")]) == 2
    assert "belongs to safety-walk, not to 'portalen'" in capsys.readouterr().err


def test_render_all(tmp_path, capsys):
    assert main(["render", "--all", "--out", str(tmp_path), "--jobs", "2"]) == 0
    made = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.docx"))
    for method in SAMPLE_METHODS:
        for lang in ("sv", "en"):
            assert f"{method}/{method}-guide-{lang}.docx" in made
    assert "safety-walk/safety-walk-walk-protocol-en.docx" in made
    for path in tmp_path.rglob("*.docx"):
        docx.Document(io.BytesIO(path.read_bytes()))
    assert "wrote" in capsys.readouterr().out


def test_render_needs_all(tmp_path, capsys):
    assert main(["render", "--out", str(tmp_path)]) == 2


def test_custom_template_with_unknown_variable(tmp_path, capsys):
    template = tmp_path / "mine.docx"
    document = docx.Document()
    document.add_paragraph("{{ method.name }} – {{ metod.summary }}")
    document.save(template)
    out = tmp_path / "out.docx"
    assert main(["guide", "portalen", "--template", str(template), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "mine.docx uses the variable 'metod', which this document does not provide" in err
    assert not out.exists()


def test_house_style(tmp_path, capsys):
    from labkit.documents.engine import Image  # noqa: F401 - the logo is a PNG

    logo = tmp_path / "logo.png"
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.figure(figsize=(1, 1)).savefig(logo)
    style = tmp_path / "style.yaml"
    style.write_text(
        "organisation: Bostadsbolaget i Exempelstad\nlogo: logo.png\nlogo_alt: Bostadsbolaget i Exempelstad\n"
        "colours: {headings: '#7A1F3D'}\nfonts: {body: Georgia}\n",
        encoding="utf-8",
    )
    out = tmp_path / "styled.docx"
    assert main(["guide", "portalen", "--house-style", str(style), "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as package:
        styles = package.read("word/styles.xml").decode()
        assert "7A1F3D" in styles and "Georgia" in styles
        assert any(n.startswith("word/media/") for n in package.namelist())
        headers = "".join(package.read(n).decode() for n in package.namelist() if n.startswith("word/header"))
        assert "Bostadsbolaget i Exempelstad" in headers
        assert 'descr="Bostadsbolaget i Exempelstad"' in headers  # the logo's alternative text
        core = package.read("docProps/core.xml").decode()
        assert "<dc:creator>Bostadsbolaget i Exempelstad</dc:creator>" in core


def test_house_style_that_is_not_accessible_is_refused(tmp_path, capsys):
    """Pale text and a logo without alternative text are errors naming the file, line and field, the colour pair
    and its contrast; --allow-inaccessible makes the document anyway, with a warning."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.figure(figsize=(1, 1)).savefig(tmp_path / "logo.png")
    style = tmp_path / "style.yaml"
    style.write_text("logo: logo.png\ncolours: {text: '#AAAAAA'}\n", encoding="utf-8")
    out = tmp_path / "pale.docx"
    assert main(["guide", "portalen", "--house-style", str(style), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"error: {style}:2: colours.text: #AAAAAA on white (#FFFFFF) has a contrast of 2.32:1" in err
    assert "needs at least 4.5:1 (WCAG 2.1 1.4.3)" in err
    assert f"error: {style}:1: logo_alt: the logo has no alternative text: add logo_alt" in err
    assert "--allow-inaccessible" in err

    assert not out.exists()
    assert (
        main(["guide", "portalen", "--house-style", str(style), "-o", str(out), "--allow-inaccessible"]) == 0
    )
    captured = capsys.readouterr()
    assert "warning: not accessible: the house style's colours.text #AAAAAA" in captured.err
    assert out.exists()


def test_house_style_errors(tmp_path, capsys):
    style = tmp_path / "style.yaml"
    style.write_text("organisation: X\nlogo: missing.png\ncolours: {headings: red}\n", encoding="utf-8")
    assert main(["guide", "portalen", "--house-style", str(style), "-o", str(tmp_path / "x.docx")]) == 1
    err = capsys.readouterr().err
    assert f"{style}:3: colours.headings:" in err


@pytest.mark.parametrize(
    ("logo", "problem"),
    [
        ("missing.png", "the logo 'missing.png' does not exist"),
        ("style.yaml", "the logo 'style.yaml' is not a PNG image"),
        ("cut.png", "the logo 'cut.png' is a damaged or cut-off PNG image"),
    ],
)
def test_logo_mistakes_name_the_house_style_file_line_and_field(tmp_path, capsys, logo, problem):
    """A logo that is missing, not a PNG or cut off (which would be copied into every document) is an error at
    the house-style file's line of `logo`, and nothing is written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.figure(figsize=(1, 1)).savefig(tmp_path / "whole.png")
    (tmp_path / "cut.png").write_bytes((tmp_path / "whole.png").read_bytes()[:60])
    style = tmp_path / "style.yaml"
    style.write_text(f"organisation: Bolaget\nlogo: {logo}\n", encoding="utf-8")
    out = tmp_path / "x.docx"
    assert main(["guide", "portalen", "--house-style", str(style), "-o", str(out)]) == 1
    assert f"error: {style}:2: logo: {problem}" in capsys.readouterr().err
    assert not out.exists()
