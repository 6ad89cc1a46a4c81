"""Build labkit's default Word templates (src/labkit/builtin/templates/*.docx) with python-docx.

The templates are ordinary .docx files: open them in Word or LibreOffice to restyle headings, fonts, colours,
margins, headers and footers. Jinja tags ({{ }}, {%p %}, {%tr %}) mark where labkit puts the content. This script
is how the defaults were made; run it again after changing it:  python tools/make_templates.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "labkit" / "builtin" / "templates"

INK = RGBColor(0x1F, 0x2A, 0x37)
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
MUTED = RGBColor(0x5F, 0x6B, 0x7A)
HEADER_FILL = "DCE6F1"
FONT = "Calibri"


# -- document set-up -----------------------------------------------------------------------------------------------
def new_document(landscape: bool = False) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.0)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = INK
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, color, before in (
        ("Title", 28, ACCENT, 0),
        ("Subtitle", 14, MUTED, 0),
        ("Heading 1", 16, ACCENT, 18),
        ("Heading 2", 12.5, ACCENT, 12),
        ("Heading 3", 11, INK, 10),
    ):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = color
        style.font.bold = name != "Subtitle"
        style.font.italic = False
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
        for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if fonts.get(qn(theme_attr)) is not None:
                del fonts.attrib[qn(theme_attr)]
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    title_ppr = styles["Title"].element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(border)
    for name in ("List Bullet", "List Number"):
        styles[name].font.name = FONT
        styles[name].paragraph_format.space_after = Pt(3)
    small = styles.add_style("Small", 1)
    small.base_style = normal
    small.font.size = Pt(8.5)
    small.font.color.rgb = MUTED
    note = styles.add_style("Notice", 1)
    note.base_style = normal
    note.font.italic = True
    note.font.color.rgb = RGBColor(0x8A, 0x4B, 0x00)
    meta = styles.add_style("Meta", 1)
    meta.base_style = normal
    meta.font.color.rgb = MUTED
    meta.paragraph_format.space_after = Pt(2)
    return doc


def para(container, text: str = "", style: str | None = None, bold: bool = False, align=None):
    p = container.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        run.bold = bold
    if align is not None:
        p.alignment = align
    return p


def control(container, tag: str):
    """A paragraph holding only a docxtpl paragraph tag like ``{%p for x in xs %}`` (removed when rendered)."""
    return container.add_paragraph(tag)


def add_field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """Append a Word field (PAGE, NUMPAGES, ...) to *paragraph*."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run = paragraph.add_run()
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run._r.append(sep)
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def header_footer(doc, header: str, footer: str) -> None:
    for section in doc.sections:
        hp = section.header.paragraphs[0]
        hp.text = "{{ doc.logo }}  " + header
        hp.style = doc.styles["Small"]
        hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fp = section.footer.paragraphs[0]
        fp.style = doc.styles["Small"]
        fp.add_run(footer + "    {{ labels.page }} ")
        add_field(fp, "PAGE")
        fp.add_run(" / ")
        add_field(fp, "NUMPAGES")


def shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)
    cant = OxmlElement("w:cantSplit")
    trpr.append(cant)


def field_table(container, loop: str, label: str, widths: list[float]):
    """A two-column table of labelled blanks to fill in: shaded label cells, no header row."""
    t = container.add_table(rows=3, cols=2)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.rows[0].cells[0].text = "{%tr " + loop + " %}"
    t.rows[1].cells[0].text = label
    shade(t.rows[1].cells[0], "F2F5F9")
    t.rows[1].height = Cm(0.9)
    t.rows[1]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    t.rows[2].cells[0].text = "{%tr endfor %}"
    t.autofit = False
    for i, width in enumerate(widths):
        t.columns[i].width = Cm(width)
        for row in t.rows:
            row.cells[i].width = Cm(width)
    container.add_paragraph()
    return t


def table(
    container, headers: list[str], loop: str | None, cells: list[str], widths: list[float], rows: int = 0
):
    """A table with a shaded header row and either a {%tr for %} loop row or *rows* blank rows."""
    n_rows = 1 + (3 if loop else max(rows, 1))
    t = container.add_table(rows=n_rows, cols=len(headers))
    t.style = container.part.document.styles["Table Grid"] if hasattr(container, "part") else "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, text in enumerate(headers):
        cell = t.rows[0].cells[i]
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        shade(cell, HEADER_FILL)
    repeat_header(t.rows[0])
    for row in t.rows[1:]:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    if loop:
        t.rows[1].cells[0].text = "{%tr " + loop + " %}"
        for i, text in enumerate(cells):
            t.rows[2].cells[i].text = text
        t.rows[3].cells[0].text = "{%tr endfor %}"
    else:
        for r in range(1, n_rows):
            for i, text in enumerate(cells):
                t.rows[r].cells[i].text = text
            t.rows[r].height = Cm(0.9)
    t.autofit = False
    for i, width in enumerate(widths):
        t.columns[i].width = Cm(width)
    for row in t.rows:
        for i, width in enumerate(widths):
            row.cells[i].width = Cm(width)
    container.add_paragraph()
    return t


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def bullets(doc, loop_var: str, seq: str, style: str = "List Bullet") -> None:
    control(doc, "{%p for " + loop_var + " in " + seq + " %}")
    para(doc, "{{ " + loop_var + " }}", style)
    control(doc, "{%p endfor %}")


def notices(doc) -> None:
    control(doc, "{%p if doc.notice %}")
    para(doc, "{{ doc.notice }}", "Notice")
    control(doc, "{%p endif %}")


def toc(doc) -> None:
    """A real TOC field (Word updates it) whose result is pre-filled with the headings (shown by LibreOffice)."""
    para(doc, "{{ labels.contents }}", "Heading 1")
    first = doc.add_paragraph()
    run = first.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run._r.append(begin)
    run = first.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = ' TOC \\o "1-2" \\h \\z \\u '
    run._r.append(instr)
    run = first.add_run()
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run._r.append(sep)
    control(doc, "{%p for entry in toc %}")
    para(doc, "{{ entry }}", "Normal")
    control(doc, "{%p endfor %}")
    last = doc.add_paragraph()
    run = last.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)
    para(doc, "{{ labels.toc_hint }}", "Small")


def cover(doc, kind_label: str, title: str, meta_lines: list[str]) -> None:
    for _ in range(5):
        doc.add_paragraph()
    para(doc, kind_label, "Subtitle")
    para(doc, title, "Title")
    for line in meta_lines:
        para(doc, line, "Meta")
    doc.add_paragraph()
    notices(doc)
    control(doc, "{%p if doc.example %}")
    para(doc, "{{ labels.example_notice }}", "Notice")
    control(doc, "{%p endif %}")


# -- the templates -------------------------------------------------------------------------------------------------
def guide() -> Document:
    doc = new_document()
    header_footer(
        doc,
        "{{ doc.organisation }}    {{ method.name }} – {{ labels.method_guide }}",
        "{{ method.name }} {{ method.version }}",
    )
    cover(
        doc,
        "{{ labels.method_guide }}",
        "{{ method.name }}",
        [
            "{{ labels.version }} {{ method.version }} · {{ labels.revised }} {{ method.revised }}",
            "{{ labels.focus_areas }}: {{ method.focus_areas }}",
            "{{ labels.owner }}: {{ method.owner }}",
            "{{ labels.licence }}: {{ method.licence }}",
        ],
    )
    page_break(doc)
    toc(doc)
    page_break(doc)
    para(doc, "{{ labels.summary }}", "Heading 1")
    para(doc, "{{ method.summary }}")
    para(doc, "{{ labels.purpose }}", "Heading 1")
    para(doc, "{{ method.purpose }}")
    para(doc, "{{ labels.when_to_use }}", "Heading 2")
    para(doc, "{{ method.when_to_use }}")
    para(doc, "{{ labels.target_groups }}", "Heading 2")
    bullets(doc, "group", "target_groups")
    control(doc, "{%p if prerequisites %}")
    para(doc, "{{ labels.prerequisites }}", "Heading 2")
    bullets(doc, "item", "prerequisites")
    control(doc, "{%p endif %}")
    para(doc, "{{ labels.roles }}", "Heading 1")
    table(
        doc,
        ["{{ labels.role }}", "{{ labels.actor }}", "{{ labels.responsibility }}"],
        "for role in roles",
        ["{{ role.name }}", "{{ role.actor }}", "{{ role.responsibility }}"],
        [4.6, 3.2, 8.8],
    )
    para(doc, "{{ labels.steps }}", "Heading 1")
    control(doc, "{%p for step in steps %}")
    para(doc, "{{ step.number }}. {{ step.title }}", "Heading 2")
    para(doc, "{{ step.description }}")
    para(
        doc,
        "{{ labels.responsible }}: {{ step.responsible }} · {{ labels.duration }}: {{ step.duration }} · {{ labels.phase }}: {{ step.phase }}",
        "Meta",
    )
    control(doc, "{%p if step.consulted %}")
    para(doc, "{{ labels.consulted }}: {{ step.consulted }}", "Meta")
    control(doc, "{%p endif %}")
    control(doc, "{%p if step.outputs %}")
    para(doc, "{{ labels.outputs }}: {{ step.outputs }}", "Meta")
    control(doc, "{%p endif %}")
    control(doc, "{%p endfor %}")
    para(doc, "{{ labels.resources }}", "Heading 1")
    table(
        doc,
        ["{{ labels.resources }}", ""],
        "for row in resources",
        ["{{ row.label }}", "{{ row.value }}"],
        [4.0, 12.6],
    )
    control(doc, "{%p if materials %}")
    para(doc, "{{ labels.materials }}", "Heading 2")
    bullets(doc, "item", "materials")
    control(doc, "{%p endif %}")
    para(doc, "{{ labels.success_factors }}", "Heading 1")
    bullets(doc, "item", "success_factors")
    para(doc, "{{ labels.pitfalls }}", "Heading 1")
    bullets(doc, "item", "pitfalls")
    para(doc, "{{ labels.indicators }}", "Heading 1")
    table(
        doc,
        ["{{ labels.indicator }}", "{{ labels.unit }}", "{{ labels.polarity }}", "{{ labels.source }}"],
        "for ind in indicators",
        ["{{ ind.name }}", "{{ ind.unit }}", "{{ ind.polarity }}", "{{ ind.source }}"],
        [6.0, 2.4, 2.8, 5.4],
    )
    control(doc, "{%p if checklists %}")
    para(doc, "{{ labels.checklists }}", "Heading 1")
    control(doc, "{%p for checklist in checklists %}")
    para(doc, "{{ checklist.title }}", "Heading 2")
    para(doc, "{{ labels.owner }}: {{ checklist.owner }} · {{ checklist.kind_explained }}", "Meta")
    control(doc, "{%p for point in checklist.pause_points %}")
    para(doc, "{{ point.name }}", "Heading 3")
    control(doc, "{%p if point.when %}")
    para(doc, "{{ point.when }}", "Meta")
    control(doc, "{%p endif %}")
    control(doc, "{%p for item in point.checks %}")
    para(doc, "☐  {{ item }}")
    control(doc, "{%p endfor %}")
    control(doc, "{%p endfor %}")
    control(doc, "{%p endfor %}")
    control(doc, "{%p endif %}")
    para(doc, "{{ labels.evidence }}", "Heading 1")
    para(doc, "{{ labels.evidence_level }}: {{ evidence.level }} / 5", bold=True)
    para(doc, "{{ evidence.summary }}")
    control(doc, "{%p if evidence.observed %}")
    para(doc, "{{ labels.observed }}", "Heading 2")
    control(doc, "{%p for result in evidence.observed %}")
    para(doc, "{{ result.text }} {{ result.source }}", "List Bullet")
    control(doc, "{%p endfor %}")
    control(doc, "{%p endif %}")
    para(doc, "{{ labels.evidence_scale }}: {{ evidence.scale }}", "Meta")
    control(doc, "{%p if evidence.references %}")
    para(doc, "{{ labels.references }}: {{ evidence.references }}", "Meta")
    control(doc, "{%p endif %}")
    para(doc, "{{ labels.sources }}", "Heading 1")
    control(doc, "{%p for source in sources %}")
    para(doc, "[{{ source.number }}] {{ source.text }}")
    control(doc, "{%p endfor %}")
    control(doc, "{%p if based_on %}")
    para(doc, "{{ labels.based_on }}", "Heading 2")
    para(doc, "{{ based_on.method }} {{ based_on.version }}: {{ based_on.changes }}")
    control(doc, "{%p endif %}")
    control(doc, "{%p if history %}")
    para(doc, "{{ labels.version_history }}", "Heading 2")
    table(
        doc,
        ["{{ labels.version }}", "{{ labels.date }}", "{{ labels.changes }}"],
        "for entry in history",
        ["{{ entry.version }}", "{{ entry.date }}", "{{ entry.changes }}"],
        [2.4, 3.0, 11.2],
    )
    control(doc, "{%p endif %}")
    para(
        doc,
        "{{ labels.authors }}: {{ method.authors }} · {{ labels.generated_by }} {{ doc.labkit_version }}",
        "Small",
    )
    return doc


def checklist() -> Document:
    doc = new_document()
    header_footer(
        doc,
        "{{ doc.organisation }}    {{ method.name }} – {{ labels.checklist }}",
        "{{ method.name }} {{ method.version }} · {{ labels.revised }} {{ method.revised }}",
    )
    control(doc, "{%p for checklist in checklists %}")
    para(doc, "{{ checklist.title }}", "Title")
    para(
        doc,
        "{{ method.name }} · {{ labels.owner }}: {{ checklist.owner }} · {{ labels.revised }} {{ checklist.revised }}",
        "Meta",
    )
    para(doc, "{{ checklist.kind_explained }}", "Meta")
    control(doc, "{%p if checklist.based_on %}")
    para(doc, "{{ labels.based_on }}: {{ checklist.based_on }}", "Meta")
    control(doc, "{%p endif %}")
    notices(doc)
    control(doc, "{%p for point in checklist.pause_points %}")
    para(doc, "{{ labels.pause_point }} {{ loop.index }}: {{ point.name }}", "Heading 2")
    control(doc, "{%p if point.when %}")
    para(doc, "{{ point.when }}", "Meta")
    control(doc, "{%p endif %}")
    table(doc, ["✓", "{{ point.name }}"], "for item in point.checks", ["☐", "{{ item }}"], [1.0, 15.6])
    control(doc, "{%p endfor %}")
    table(
        doc,
        ["{{ labels.signed_by }}", "{{ labels.date }}", "{{ labels.signature }}"],
        None,
        ["", "", ""],
        [6.0, 3.6, 7.0],
        rows=1,
    )
    control(doc, "{%p if not loop.last %}")
    page_break(doc)
    control(doc, "{%p endif %}")
    control(doc, "{%p endfor %}")
    return doc


def form(landscape: bool = False) -> Document:
    doc = new_document(landscape)
    header_footer(
        doc,
        "{{ doc.organisation }}    {{ method.name }}",
        "{{ form.title }} · {{ method.name }} {{ method.version }}",
    )
    para(doc, "{{ form.title }}", "Title")
    para(doc, "{{ method.name }} · {{ labels.revised }} {{ method.revised }}", "Meta")
    control(doc, "{%p if form.intro %}")
    para(doc, "{{ form.intro }}")
    control(doc, "{%p endif %}")
    notices(doc)
    control(doc, "{%p if form.fields %}")
    field_table(doc, "for field in form.fields", "{{ field }}", [6.0, 19.2] if landscape else [5.0, 11.6])
    control(doc, "{%p endif %}")
    control(doc, "{%p for section in form.sections %}")
    para(doc, "{{ section.heading }}", "Heading 2")
    control(doc, "{%p for text in section.paragraphs %}")
    para(doc, "{{ text }}")
    control(doc, "{%p endfor %}")
    control(doc, "{%p for item in section.entries %}")
    para(doc, "{{ section.marker }}  {{ item }}")
    control(doc, "{%p endfor %}")
    control(doc, "{%p if section.fields %}")
    field_table(doc, "for field in section.fields", "{{ field }}", [6.0, 19.2] if landscape else [5.0, 11.6])
    control(doc, "{%p endif %}")
    control(doc, "{%p if section.table %}")
    para(doc, "{{p section.table }}")
    control(doc, "{%p endif %}")
    control(doc, "{%p endfor %}")
    control(doc, "{%p if form.signatures %}")
    table(
        doc,
        ["{{ labels.name_and_signature }}", "{{ labels.date }}", ""],
        "for who in form.signatures",
        ["\n\n{{ who }}", "", ""],
        [8.0, 3.6, 5.0],
    )
    control(doc, "{%p endif %}")
    return doc


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    builders = {"guide": guide, "checklist": checklist, "form": form, "form-landscape": lambda: form(True)}
    builders.update(_more_builders())
    for name, build in builders.items():
        path = OUT / f"{name}.docx"
        build().save(path)
        print(f"wrote {path.relative_to(ROOT)}")
    # The safety-walk plugin's own form template (templates/<method-id>/form.docx, found like any plugin's):
    # the landscape form with the plugin's own colours and header.
    walk = (
        ROOT / "plugins" / "labkit-safety-walk" / "src" / "labkit_safety_walk" / "templates" / "safety-walk"
    )
    walk.mkdir(parents=True, exist_ok=True)
    doc = form(True)
    for style in ("Title", "Heading 1", "Heading 2"):
        doc.styles[style].font.color.rgb = RGBColor(0x2E, 0x5E, 0x3A)
    doc.sections[0].header.paragraphs[
        0
    ].text = "{{ doc.logo }}  {{ doc.organisation }}    {{ method.name }} – {{ form.title }}"
    doc.save(walk / "form.docx")
    print(f"wrote {(walk / 'form.docx').relative_to(ROOT)}")


def _more_builders() -> dict:
    sys.path.insert(0, str(Path(__file__).parent))
    try:
        import make_lab_templates  # lab plan, partner checklist and outcome report
    except ImportError:
        return {}
    return make_lab_templates.builders(sys.modules[__name__])


if __name__ == "__main__":
    main()
