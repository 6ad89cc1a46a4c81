"""The method guide and the checklists as Word documents: real structure, languages, roles and safe saving."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import attrs
import docx
import pytest
from docx.enum.section import WD_ORIENT

import labkit
from labkit.catalog import Catalog
from labkit.errors import DocumentError, NotFoundError
from labkit.files import load_method
from labkit.i18n import labels
from labkit.model import ActorKind, ChecklistKind, Role
from labkit.plugins import load_plugins

SAMPLE = Path(__file__).parent.parent / "data" / "sample-method.yaml"
A4_TWIPS = (11906, 16838)  # 210 x 297 mm
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(load_plugins(entry_points=False))


@pytest.fixture(scope="module")
def method():
    return load_method(SAMPLE)


@pytest.fixture(scope="module")
def two_roles(method):
    """The sample method with a second role owning its own checklist, and a third role owning none."""
    host = Role(
        id="host",
        actor=ActorKind("tenants-association"),
        name={"sv": "Värd", "en": "Host"},
        responsibility={"sv": "Tar emot besökare.", "en": "Welcomes visitors."},
    )
    observer = Role(
        id="observer",
        actor=ActorKind("research"),
        name={"sv": "Observatör", "en": "Observer"},
        responsibility={"sv": "Följer arbetet.", "en": "Follows the work."},
    )
    (coordinator_list,) = method.checklists
    point = attrs.evolve(
        coordinator_list.pause_points[0],
        name={"sv": "Vid dörren", "en": "At the door"},
        items=({"sv": "Lås upp lokalen", "en": "Unlock the premises"},),
    )
    host_list = attrs.evolve(
        coordinator_list,
        id="host-checklist",
        owner="host",
        kind=ChecklistKind("read-do"),
        title={"sv": "Värdens checklista", "en": "The host's checklist"},
        pause_points=(point,),
    )
    return attrs.evolve(
        method, roles=(*method.roles, host, observer), checklists=(coordinator_list, host_list)
    )


def open_docx(document: labkit.Document) -> docx.document.Document:
    return docx.Document(io.BytesIO(document.data))


def all_text(opened) -> str:
    parts = [p.text for p in opened.paragraphs]
    parts += [cell.text for table in opened.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def headings(opened, level: int) -> list[str]:
    return [p.text for p in opened.paragraphs if p.style.name == f"Heading {level}"]


# -- the guide's Word structure ---------------------------------------------------------------------------------------


def test_guide_uses_real_heading_styles(catalog, method):
    opened = open_docx(labkit.render("guide", method, lang="sv", catalog=catalog))
    L = labels("sv")
    assert headings(opened, 1) == [
        L["contents"],
        L["summary"],
        L["purpose"],
        L["roles"],
        L["steps"],
        L["resources"],
        L["success_factors"],
        L["pitfalls"],
        L["indicators"],
        L["checklists"],
        L["evidence"],
        L["sources"],
    ]
    assert headings(opened, 1)[:4] == ["Innehåll", "Sammanfattning", "Syfte", "Roller"]
    level2 = headings(opened, 2)
    assert level2[:4] == [L["when_to_use"], L["target_groups"], L["prerequisites"], "1. ..."]
    assert L["version_history"] in level2
    # The styles are Word's own heading styles (what the navigation pane and the TOC field use), not look-alikes.
    for level in (1, 2):
        style = opened.styles[f"Heading {level}"]
        assert style.style_id == f"Heading{level}"
        assert style.builtin
        outline = style.element.find(f"{W}pPr/{W}outlineLvl")
        assert outline is not None and outline.get(f"{W}val") == str(level - 1)


def test_guide_contents_page_refers_to_bookmarked_headings(catalog, method):
    """Each contents line links to its heading and shows its page through a PAGEREF field to the heading's
    bookmark: LibreOffice fills the numbers in the PDF, and Word updates them on opening (updateFields)."""
    document = labkit.render("guide", method, lang="en", catalog=catalog)
    opened = open_docx(document)
    body = opened.element.body
    bookmarks = {e.get(f"{W}name") for e in body.iter(f"{W}bookmarkStart")}
    references = [e.text.split()[1] for e in body.iter(f"{W}instrText") if "PAGEREF" in e.text]
    links = [e.get(f"{W}anchor") for e in body.iter(f"{W}hyperlink")]
    assert references and references == links
    assert set(references) <= bookmarks
    contents = [p.text for p in opened.paragraphs if p.style.name == "toc 1"]
    assert contents[0].startswith(labels("en")["summary"])
    settings = zipfile.ZipFile(io.BytesIO(document.data)).read("word/settings.xml").decode()
    assert '<w:updateFields w:val="true"/>' in settings
    # No instruction to the software is printed.
    assert not any("Word" in p.text for p in opened.paragraphs)


def test_guide_footer_has_a_page_field(catalog, method):
    opened = open_docx(labkit.render("guide", method, lang="en", catalog=catalog))
    for section in opened.sections:
        footer = section.footer
        assert not footer.is_linked_to_previous
        instructions = [e.text.strip() for e in footer._element.iter(f"{W}instrText")]
        simple = [e.get(f"{W}instr", "").strip() for e in footer._element.iter(f"{W}fldSimple")]
        assert "PAGE" in instructions + simple
        assert labels("en")["page"] in footer._element.xml


@pytest.mark.parametrize("kind", ["guide", "checklist"])
def test_documents_are_a4_portrait(catalog, method, kind):
    opened = open_docx(labkit.render(kind, method, lang="sv", catalog=catalog))
    for section in opened.sections:
        assert (section.page_width.twips, section.page_height.twips) == A4_TWIPS
        assert section.orientation == WD_ORIENT.PORTRAIT


def test_guide_title_and_file_name(catalog, method):
    document = labkit.render("guide", method, lang="en", catalog=catalog)
    assert (document.kind, document.lang, document.filename) == (
        "guide",
        "en",
        "example-method-guide-en.docx",
    )
    assert document.title == "Example method – Method guide"
    opened = open_docx(document)
    assert opened.core_properties.title == document.title
    assert [p.text for p in opened.paragraphs if p.style.name == "Title"] == ["Example method"]


# -- languages --------------------------------------------------------------------------------------------------------


def test_swedish_and_english_labels_differ(catalog, method):
    sv = open_docx(labkit.render("guide", method, lang="sv", catalog=catalog))
    en = open_docx(labkit.render("guide", method, lang="en", catalog=catalog))
    assert "Syfte" in headings(sv, 1) and "Purpose" not in headings(sv, 1)
    assert "Purpose" in headings(en, 1) and "Syfte" not in headings(en, 1)
    assert set(headings(sv, 1)).isdisjoint(headings(en, 1))
    assert headings(en, 1) == [labels("en")[k] for k in _heading_keys(headings(sv, 1))]
    # The method's own texts follow the language too.
    assert "Exempelmetod" in all_text(sv) and "Example method" in all_text(en)
    assert "Före start" in all_text(sv) and "Before starting" in all_text(en)


def _heading_keys(texts: list[str]) -> list[str]:
    by_text = {v: k for k, v in labels("sv").items()}
    return [by_text[t] for t in texts]


def test_checklist_labels_follow_the_language(catalog, method):
    sv = all_text(open_docx(labkit.render("checklist", method, lang="sv", catalog=catalog)))
    en = all_text(open_docx(labkit.render("checklist", method, lang="en", catalog=catalog)))
    assert labels("sv")["sign_off"] in sv and labels("en")["sign_off"] not in sv
    assert labels("en")["sign_off"] in en and labels("sv")["sign_off"] not in en
    assert labels("sv")["signature"] in sv and labels("en")["signature"] in en
    assert "Boka lokalen" in sv and "Book the premises" in en


def test_missing_translation_gives_a_visible_notice_and_a_warning(catalog, method):
    only_swedish = attrs.evolve(
        method, summary={"sv": "Bara på svenska."}, purpose={"sv": "Syftet på svenska."}
    )
    document = labkit.render("guide", only_swedish, lang="en", catalog=catalog)
    assert document.warnings == ("texts missing in 'en', shown in another language: Summary, Purpose",)
    opened = open_docx(document)
    notice = f"{labels('en')['missing_translation']} Summary, Purpose"
    notices = [p for p in opened.paragraphs if p.text == notice]
    assert len(notices) == 1
    # Visible: its own paragraph near the top, before the first section heading.
    texts = [p.text for p in opened.paragraphs]
    assert texts.index(notice) < texts.index("Summary")
    # The Swedish text is shown in its place.
    assert "Bara på svenska." in texts and "Syftet på svenska." in texts


def test_missing_translation_notice_in_swedish(catalog, method):
    only_english = attrs.evolve(method, summary={"en": "Only in English."})
    document = labkit.render("guide", only_english, lang="sv", catalog=catalog)
    assert document.warnings == ("texts missing in 'sv', shown in another language: Sammanfattning",)
    assert f"{labels('sv')['missing_translation']} Sammanfattning" in all_text(open_docx(document))


def test_complete_translations_give_no_notice(catalog, method):
    for lang in ("sv", "en"):
        document = labkit.render("guide", method, lang=lang, catalog=catalog)
        assert document.warnings == ()
        assert labels(lang)["missing_translation"] not in all_text(open_docx(document))


def test_missing_translation_in_a_checklist(catalog, method):
    (checklist,) = method.checklists
    point = attrs.evolve(checklist.pause_points[0], items=({"sv": "Boka lokalen"},))
    changed = attrs.evolve(method, checklists=(attrs.evolve(checklist, pause_points=(point,)),))
    document = labkit.render("checklist", changed, lang="en", catalog=catalog)
    assert document.warnings == ("texts missing in 'en', shown in another language: Checklists",)
    text = all_text(open_docx(document))
    assert "Boka lokalen" in text
    assert f"{labels('en')['missing_translation']} Checklists" in text


# -- checklists and roles ---------------------------------------------------------------------------------------------


def test_all_checklists_without_a_role(catalog, two_roles):
    document = labkit.render("checklist", two_roles, lang="en", catalog=catalog)
    text = all_text(open_docx(document))
    assert "Book the premises ..." in text and "Unlock the premises" in text
    assert document.filename == "example-method-checklists-en.docx"


def test_role_filters_to_the_checklists_the_role_owns(catalog, two_roles):
    host = labkit.render_checklist(two_roles, lang="en", role="host", catalog=catalog)
    text = all_text(open_docx(host))
    assert "Unlock the premises" in text and "At the door" in text
    assert "Book the premises ..." not in text and "Before starting" not in text
    assert host.filename == "example-method-checklists-host-en.docx"
    coordinator = all_text(
        open_docx(labkit.render("checklist", two_roles, lang="en", role="coordinator", catalog=catalog))
    )
    assert "Book the premises ..." in coordinator and "Unlock the premises" not in coordinator


def test_unknown_role_is_a_clear_error(catalog, two_roles):
    with pytest.raises(NotFoundError) as caught:
        labkit.render("checklist", two_roles, role="mentor", catalog=catalog)
    assert str(caught.value) == (
        "the method 'example-method' has no role 'mentor'; its roles are coordinator, host, observer"
    )


def test_role_without_checklists_is_a_clear_error(catalog, two_roles):
    with pytest.raises(NotFoundError) as caught:
        labkit.render("checklist", two_roles, role="observer", catalog=catalog)
    assert str(caught.value) == (
        "the role 'observer' owns no checklist in 'example-method'; checklists are owned by coordinator, host"
    )


def test_method_without_checklists_is_a_clear_error(catalog, method):
    with pytest.raises(NotFoundError, match=r"^the method 'example-method' has no checklists$"):
        labkit.render("checklist", attrs.evolve(method, checklists=()), catalog=catalog)


def test_guide_of_a_method_without_checklists_leaves_out_the_section(catalog, method):
    opened = open_docx(
        labkit.render("guide", attrs.evolve(method, checklists=()), lang="en", catalog=catalog)
    )
    assert "Checklists" not in headings(opened, 1)
    assert "Checklists" not in [p.text for p in opened.paragraphs]  # nor in the contents


# -- saving -----------------------------------------------------------------------------------------------------------


@pytest.fixture
def document(catalog, method) -> labkit.Document:
    return labkit.render("guide", method, lang="sv", catalog=catalog)


def test_save_writes_the_bytes_and_returns_the_path(document, tmp_path):
    target = tmp_path / "out" / "guide.docx"
    assert document.save(target) == target
    assert target.read_bytes() == document.data
    assert document.save(tmp_path) == tmp_path / document.filename
    assert sorted(p.name for p in tmp_path.iterdir()) == [document.filename, "out"]
    assert zipfile.ZipFile(target).testzip() is None


@pytest.mark.parametrize("where", ["os.replace", "pathlib.Path.replace"])
def test_failed_replace_leaves_no_partial_file(document, tmp_path, monkeypatch, where):
    target = tmp_path / "guide.docx"

    def refuse(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(where, refuse)
    with pytest.raises(OSError, match="No space left"):
        document.save(target)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_failed_save_keeps_the_previous_file(document, tmp_path, monkeypatch):
    target = tmp_path / "guide.docx"
    target.write_bytes(b"the previous version")

    def refuse(*_args, **_kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        document.save(target)
    monkeypatch.undo()
    assert target.read_bytes() == b"the previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["guide.docx"]


def test_write_failing_half_way_leaves_no_partial_file(document, tmp_path, monkeypatch):
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **kw: HalfWriter(real_fdopen(fd, *a, **kw)))
    with pytest.raises(OSError, match="No space left"):
        document.save(tmp_path / "guide.docx")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_interrupted_save_leaves_no_partial_file(document, tmp_path, monkeypatch):
    def interrupt(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        document.save(tmp_path / "guide.docx")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_save_into_a_read_only_folder_fails_cleanly(document, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running with privileges that ignore folder permissions")
        with pytest.raises(PermissionError):
            document.save(folder / "guide.docx")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_save_into_a_read_only_folder_simulated(document, tmp_path, monkeypatch):
    import os

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    # atomic_write creates its temporary file with os.open.
    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(PermissionError):
        document.save(tmp_path / "guide.docx")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_without_libreoffice_a_pdf_is_an_error_before_anything_is_written(document, tmp_path, monkeypatch):
    from labkit.documents import pdf

    monkeypatch.delenv(pdf.ENV_SOFFICE, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    (tmp_path / "guide.docx").write_bytes(b"an older version")
    with pytest.raises(DocumentError, match="PDF needs LibreOffice"):
        document.save(tmp_path / "guide.docx", pdf=True)
    assert (tmp_path / "guide.docx").read_bytes() == b"an older version"  # asked before anything is written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["guide.docx"]
