"""Build labkit's default Word templates (src/labkit/builtin/templates/*.docx) with python-docx.

The templates are ordinary .docx files: open them in Word or LibreOffice to restyle headings, fonts, colours,
margins, headers and footers. Jinja tags ({{ }}, {%p %}, {%tr %}) mark where labkit puts the content. This script
is how the defaults were made; run it again after changing it:  python tools/make_templates.py

House style, shared by every template (a plugin's own template starts from these too):
* one colour scheme (ink text, accent headings, a light blue header row) whose every text colour passes WCAG
  contrast on its background; one font; heading sizes 26/16/12.5/11 pt;
* headings keep with what they head; table rows never split and header rows repeat; widow/orphan control;
* lists are lists (bullets, and tick boxes as a list whose bullet is the ☐ character);
* no empty paragraphs for spacing (space comes from the styles), page breaks as "page break before";
* a contents page whose page numbers are page-reference fields to bookmarks on the headings (LibreOffice fills them
  when it converts to PDF; Word updates them when it opens the document).
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "labkit" / "builtin" / "templates"
sys.path.insert(0, str(ROOT / "src"))

from labkit.documents.forms import (  # noqa: E402  (the look runtime tables share)
    ANSWER_ROW_CM,
    BORDER_COLOUR,
    HEADER_FILL,
    LABEL_FILL,
    SIGNATURE_ROW_CM,
)

INK = RGBColor(0x1F, 0x2A, 0x37)
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
MUTED = RGBColor(0x4F, 0x59, 0x68)
NOTICE = RGBColor(0x8A, 0x4B, 0x00)
FONT = "Calibri"
TEXT_WIDTH_CM = {False: 16.6, True: 25.3}

# When a paragraph keeps with the next one (or starts a new page) can depend on where it is in a loop: the last
# rows of a table keep with what follows, a checklist after the first starts a new page. The template says so with
# its paragraph style, chosen by an expression in the style attribute ({{ 'KeepStyle' if condition else 'Style' }}),
# so the .docx stays well-formed and opens in Word (an unknown style name there is shown as Normal). Conditions
# use no "<" or "&", which an XML attribute cannot hold.
WHEN = {
    "last-rows": "2 >= loop.revindex",
    # A table of data: no single row left at the foot of a page or carried over to the next one.
    "rows": "loop.first or loop.revindex == 2",
    "not-last": "not loop.last",
    "last-item": "loop.last",
    # In a form's last section the last row or item keeps with the signatures that follow.
    "before-sign-off": "not loop.last or last_section",
    # Rows of fields: a short block (up to four rows) stays together; a longer one may break, but never leaves a
    # single row behind or carries one over (widow and orphan control for table rows).
    "fields": "(4 >= loop.length and not loop.last) or loop.first or loop.revindex == 2",
    "fields-before-sign-off": "(4 >= loop.length and not loop.last) or loop.first or loop.revindex == 2 "
    "or (loop.last and last_section)",
    # A section's last paragraph keeps with the fields, table or list it introduces (not with the next section).
    "introduces": "loop.last and (section.fields or section.table or section.entries)",
    "not-first": "not loop.first",
}
#: style id -> the style id of its variant that keeps with the next paragraph (or starts a new page).
KEEP_STYLE = {
    "ListCheckbox": "ListCheckboxKeep",
    "Normal": "LeadIn",
    "Heading1": "Heading1NewPage",
}
_MARKER = "labkit-when:"


# -- document set-up -----------------------------------------------------------------------------------------------
def _fonts(style) -> None:
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


def _ppr_flag(style_or_paragraph, tag: str) -> None:
    ppr = style_or_paragraph.element.get_or_add_pPr() if hasattr(style_or_paragraph, "element") else None
    if ppr is None:
        ppr = style_or_paragraph._p.get_or_add_pPr()
    if ppr.find(qn(tag)) is None:
        ppr.append(OxmlElement(tag))


def _paragraph_style(styles, name: str, base, size: float | None = None, colour=None, **fmt):
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = base
    if size is not None:
        style.font.size = Pt(size)
    if colour is not None:
        style.font.color.rgb = colour
    for key, value in fmt.items():
        setattr(style.paragraph_format, key, value)
    return style


def _defaults(doc) -> None:
    """Widow and orphan control and the document language (labkit sets the language again per document)."""
    styles_el = doc.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    ppr_default = defaults.find(qn("w:pPrDefault"))
    ppr = ppr_default.find(qn("w:pPr"))
    if ppr.find(qn("w:widowControl")) is None:
        ppr.insert(0, OxmlElement("w:widowControl"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "sv-SE")
    lang.set(qn("w:eastAsia"), "sv-SE")


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
    _defaults(doc)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = INK
    _fonts(normal)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.widow_control = True
    for name, size, color, before in (
        ("Title", 26, ACCENT, 0),
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
        _fonts(style)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.keep_together = True
    title_ppr = styles["Title"].element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(border)
    styles["Title"].paragraph_format.space_after = Pt(12)
    for name in ("List Bullet", "List Number"):
        styles[name].font.name = FONT
        styles[name].paragraph_format.space_after = Pt(3)
    _checkbox_list(doc)
    small = _paragraph_style(styles, "Small", normal, 8.5, MUTED)
    _paragraph_style(styles, "Colophon", small, space_before=Pt(24), keep_together=True)
    note = _paragraph_style(styles, "Notice", normal, colour=NOTICE)
    note.font.italic = True
    _paragraph_style(styles, "Meta", normal, colour=MUTED, space_after=Pt(2))
    _paragraph_style(styles, "Lead", normal, colour=MUTED, space_after=Pt(4), keep_with_next=True)
    cover = _paragraph_style(styles, "Cover", styles["Subtitle"], space_before=Pt(150))
    cover.font.color.rgb = MUTED
    table_text = _paragraph_style(styles, "Table Text", normal, 10, space_after=Pt(0), line_spacing=1.05)
    header_text = _paragraph_style(styles, "Table Heading", table_text, keep_with_next=True)
    header_text.font.bold = True
    # The variants templates switch to inside loops (see WHEN and KEEP_STYLE).
    _paragraph_style(styles, "List Checkbox Keep", styles["List Checkbox"], keep_with_next=True)
    _paragraph_style(styles, "Lead In", normal, keep_with_next=True)
    _paragraph_style(styles, "Heading 1 New Page", styles["Heading 1"], page_break_before=True)
    toc1 = _paragraph_style(styles, "toc 1", normal, space_after=Pt(4))
    toc1.paragraph_format.tab_stops.add_tab_stop(
        Cm(TEXT_WIDTH_CM[landscape]), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
    )
    _accessible_colours(doc)
    return doc


#: What the colours of Word's built-in styles become when they fail contrast on white: the accent blue of
#: Heading 4, Caption and Intense Quote the house accent, the grey of Subtle Emphasis the house's muted grey.
_RECOLOUR = {"4F81BD": ACCENT, "808080": MUTED}


def _accessible_colours(doc) -> None:
    """Every style's text colour passes WCAG contrast (4.5:1) on white, also in the styles labkit's templates do not
    use (Heading 4–9, Caption, Intense Quote, ...): a colleague restyling a template in Word may pick any of them,
    and the document would then fail labkit's accessibility check. A character style linked to a paragraph style
    (Heading 2 Char) gets that style's colour."""
    from labkit.accessibility import TEXT_RATIO, contrast_ratio

    by_id = {style.style_id: style for style in doc.styles}
    for style in doc.styles:
        if style.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            continue
        colour = style.font.color.rgb
        if colour is None or contrast_ratio(str(colour)) >= TEXT_RATIO:
            continue
        link = style.element.find(qn("w:link"))
        linked = by_id.get(link.get(qn("w:val"))) if link is not None else None
        linked_colour = linked.font.color.rgb if linked is not None else None
        if linked_colour is not None and contrast_ratio(str(linked_colour)) >= TEXT_RATIO:
            style.font.color.rgb = linked_colour
        else:
            style.font.color.rgb = _RECOLOUR.get(str(colour), INK)


def _checkbox_list(doc) -> None:
    """A list style whose bullet is the tick-box character ☐: a real list, and a box to tick on paper."""
    numbering = doc.part.numbering_part.numbering_definitions._numbering
    abstract_id, num_id = 90, 90
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            '<w:multiLevelType w:val="singleLevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="☐"/>'
            '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="397" w:hanging="397"/></w:pPr>'
            '<w:rPr><w:rFonts w:ascii="Segoe UI Symbol" w:hAnsi="Segoe UI Symbol" w:cs="Segoe UI Symbol"/></w:rPr>'
            "</w:lvl></w:abstractNum>"
        ),
    )
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    style = doc.styles.add_style("List Checkbox", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.paragraph_format.space_after = Pt(3)
    ppr = style.element.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{num_id}"/></w:numPr>'))


def para(container, text: str = "", style: str | None = None, bold: bool = False, align=None):
    p = container.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        run.bold = bold or None
    if align is not None:
        p.alignment = align
    return p


def control(container, tag: str):
    """A paragraph holding only a docxtpl paragraph tag like ``{%p for x in xs %}`` (removed when rendered)."""
    return container.add_paragraph(tag)


_BOOKMARK = [0]


def heading(doc, key: str, level: int = 1, page_break: bool = False):
    """A heading labelled ``labels.<key>`` with the bookmark ``_Toc_<key>`` the contents page refers to."""
    p = para(doc, "{{ labels." + key + " }}", f"Heading {level}")
    _BOOKMARK[0] += 1
    number = _BOOKMARK[0]
    p._p.insert(1, parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{number}" w:name="_Toc_{key}"/>'))
    p._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{number}"/>'))
    if page_break:
        p.paragraph_format.page_break_before = True
    return p


def keep_with_next(paragraph, when: str | None = None) -> None:
    """Keep *paragraph* with the next one; *when* names a condition of :data:`WHEN` (within a loop)."""
    if when is None:
        paragraph.paragraph_format.keep_with_next = True
        return
    _style_when(paragraph, when)


def break_before_unless_first(paragraph) -> None:
    """A page break before *paragraph* on every pass of the enclosing loop but the first."""
    _style_when(paragraph, "not-first")


def _style_when(paragraph, when: str) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    style = ppr.find(qn("w:pStyle"))
    base = style.get(qn("w:val")) if style is not None else "Normal"
    if base not in KEEP_STYLE:
        raise ValueError(f"no keeping variant of the style {base!r}")
    if style is None:
        style = OxmlElement("w:pStyle")
        ppr.insert(0, style)
    style.set(qn("w:val"), f"{_MARKER}{when}:{base}")


def _resolve_markers(xml: str) -> str:
    def replace(match: re.Match[str]) -> str:
        when, base = match.group(1), match.group(2)
        return f"{{{{ '{KEEP_STYLE[base]}' if {WHEN[when]} else '{base}' }}}}"

    return re.sub(re.escape(_MARKER) + r"([a-z-]+):(\w+)", replace, xml)


def add_field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """Append a Word field (PAGE, NUMPAGES, ...) to *paragraph*."""
    for kind in ("begin", None, "separate", "text", "end"):
        run = paragraph.add_run()
        if kind == "text":
            run.text = placeholder
        elif kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


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


def _row_flags(row, header: bool = False, height_cm: float | None = None) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        trpr.append(el)
    if height_cm is not None:
        row.height = Cm(height_cm)


def _borders(table) -> None:
    tblpr = table._tbl.tblPr
    sides = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{BORDER_COLOUR}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    tblpr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{sides}</w:tblBorders>"))
    tblpr.append(
        parse_xml(
            f'<w:tblCellMar {nsdecls("w")}><w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        )
    )


def _cell(cell, text: str, style: str) -> None:
    cell.text = ""
    p = cell.paragraphs[0]
    p.style = style
    if text:
        p.add_run(text)


def table(
    container,
    headers: list[str],
    loop: str | None,
    cells: list[str],
    widths: list[float],
    rows: int = 0,
    *,
    height_cm: float | None = None,
    keep_last_rows: bool = True,
    keep_rows: str = "rows",
    first_column_fill: str | None = None,
):
    """A table with a header row that names every column and repeats on each page, and either a
    ``{%tr for %}`` loop row or *rows* blank rows to fill in (*height_cm* high, room to write by hand).

    Rows never split across pages and no single row is left alone at a page break; with *keep_rows*
    ``"last-rows"`` the last two rows also keep with what follows (a checklist's items with its sign-off), with
    ``"not-last"`` every row keeps with the next (a block that must not break, a sign-off).
    A row that keeps with the next is a second version of the loop row chosen by ``{%tr if %}``: LibreOffice
    honours "keep with next" in table cells only when it is set on the paragraphs themselves.
    """
    keeps = bool(loop) and keep_last_rows
    n_rows = 1 + ((7 if keeps else 3) if loop else max(rows, 1))
    t = container.add_table(rows=n_rows, cols=len(headers))
    t.style = container.part.document.styles["Table Grid"] if hasattr(container, "part") else "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    _borders(t)
    for i, text in enumerate(headers):
        _cell(t.rows[0].cells[i], text, "Table Heading")
        shade(t.rows[0].cells[i], HEADER_FILL)
    _row_flags(t.rows[0], header=True)

    def data_row(row, keep: bool) -> None:
        for i, text in enumerate(cells):
            _cell(row.cells[i], text, "Table Text")
            if keep:
                row.cells[i].paragraphs[0].paragraph_format.keep_with_next = True
        if first_column_fill:
            shade(row.cells[0], first_column_fill)
        _row_flags(row, height_cm=height_cm)

    if loop and keeps:
        controls = {1: "{%tr " + loop + " %}", 2: "{%tr if " + WHEN[keep_rows] + " %}", 4: "{%tr else %}"}
        controls.update({6: "{%tr endif %}", 7: "{%tr endfor %}"})
        for index, tag in controls.items():
            t.rows[index].cells[0].text = tag
        data_row(t.rows[3], keep=True)
        data_row(t.rows[5], keep=False)
    elif loop:
        t.rows[1].cells[0].text = "{%tr " + loop + " %}"
        data_row(t.rows[2], keep=False)
        t.rows[3].cells[0].text = "{%tr endfor %}"
    else:
        for r in range(1, n_rows):
            for i, text in enumerate(cells):
                _cell(t.rows[r].cells[i], text, "Table Text")
            _row_flags(t.rows[r], height_cm=height_cm or ANSWER_ROW_CM)
    t.autofit = False
    for i, width in enumerate(widths):
        t.columns[i].width = Cm(width)
    for row in t.rows:
        for i, width in enumerate(widths):
            row.cells[i].width = Cm(width)
    return t


def field_table(container, loop: str, label: str, widths: list[float], keep_rows: str = "fields"):
    """Labelled blanks to fill in: a label cell next to each answer cell, under a header row that names both.

    A short block of fields stays together; a longer one breaks only where no single row is left alone."""
    return table(
        container,
        ["{{ labels.field }}", "{{ labels.answer }}"],
        loop,
        [label, ""],
        widths,
        height_cm=ANSWER_ROW_CM,
        keep_rows=keep_rows,
        first_column_fill=LABEL_FILL,
    )


def signature_table(container, widths: list[float], loop: str | None = None):
    """Sign-off: who signs (a role, when *loop* gives one), name, date and a signature box with room to sign."""
    if loop:
        return table(
            container,
            ["{{ labels.role }}", "{{ labels.name }}", "{{ labels.date }}", "{{ labels.signature }}"],
            loop,
            ["{{ who }}", "", "", ""],
            widths,
            height_cm=SIGNATURE_ROW_CM,
            keep_rows="not-last",
        )
    return table(
        container,
        ["{{ labels.name }}", "{{ labels.date }}", "{{ labels.signature }}"],
        None,
        ["", "", ""],
        widths,
        rows=1,
        height_cm=SIGNATURE_ROW_CM,
    )


def page_break(doc) -> None:
    """Kept for plugin template scripts: prefer ``heading(..., page_break=True)`` (no empty paragraph)."""
    from docx.enum.text import WD_BREAK

    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def bullets(doc, loop_var: str, seq: str, style: str = "List Bullet", keep: str = "not-last") -> None:
    control(doc, "{%p for " + loop_var + " in " + seq + " %}")
    item = para(doc, "{{ " + loop_var + " }}", style)
    if style == "List Checkbox":
        keep_with_next(item, keep)  # a list of boxes to tick is not split across pages
    control(doc, "{%p endfor %}")


def notices(doc) -> None:
    control(doc, "{%p if doc.notice %}")
    para(doc, "{{ doc.notice }}", "Notice")
    control(doc, "{%p endif %}")


def toc(doc) -> None:
    """The contents page: one line per entry of ``toc`` with a link to the heading and its page number.

    The page number is a PAGEREF field to the heading's bookmark: LibreOffice computes it when it lays out the
    document (so the PDF has real numbers) and Word updates it on opening (settings.xml asks it to).
    """
    p = para(doc, "{{ labels.contents }}", "Heading 1")
    p.paragraph_format.page_break_before = True
    control(doc, "{%p for entry in toc %}")
    entry = doc.add_paragraph(style="toc 1")
    entry._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w")} w:anchor="{{{{ entry.anchor }}}}" w:history="1">'
            '<w:r><w:t xml:space="preserve">{{ entry }}</w:t></w:r></w:hyperlink>'
        )
    )
    entry.add_run().add_tab()
    add_field(entry, "PAGEREF {{ entry.anchor }} \\h", "")
    control(doc, "{%p endfor %}")


def cover(doc, kind_label: str, title: str, meta_lines: list[str], colophon: str | None = None) -> None:
    """The first page: the kind of document, its title, facts about it, notices and the colophon."""
    para(doc, kind_label, "Cover")
    para(doc, title, "Title")
    for line in meta_lines:
        para(doc, line, "Meta")
    notices(doc)
    control(doc, "{%p if doc.example %}")
    para(doc, "{{ labels.example_notice }}", "Notice")
    control(doc, "{%p endif %}")
    if colophon:
        para(doc, colophon, "Colophon")


# -- the templates -------------------------------------------------------------------------------------------------
def guide() -> Document:
    doc = new_document()
    header_footer(
        doc,
        "{{ doc.organisation }}    {{ method.name }} – {{ labels.method_guide }}",
        "{{ method.name }} · {{ labels.version }} {{ method.version }}",
    )
    cover(
        doc,
        "{{ labels.method_guide }}",
        "{{ method.name }}",
        [
            "{{ labels.version }} {{ method.version }} · {{ labels.revised }} {{ method.revised }}",
            "{{ labels.focus_areas }}: {{ method.focus_areas }}",
            "{{ labels.owner }}: {{ method.owner }}",
        ],
        "{{ labels.authors }}: {{ method.authors }} · {{ labels.licence }}: {{ method.licence }} · "
        "{{ labels.generated_by }}",
    )
    toc(doc)
    heading(doc, "summary", page_break=True)
    para(doc, "{{ method.summary }}")
    heading(doc, "purpose")
    para(doc, "{{ method.purpose }}")
    para(doc, "{{ labels.when_to_use }}", "Heading 2")
    para(doc, "{{ method.when_to_use }}")
    para(doc, "{{ labels.target_groups }}", "Heading 2")
    bullets(doc, "group", "target_groups")
    control(doc, "{%p if prerequisites %}")
    para(doc, "{{ labels.prerequisites }}", "Heading 2")
    bullets(doc, "item", "prerequisites")
    control(doc, "{%p endif %}")
    heading(doc, "roles")
    table(
        doc,
        ["{{ labels.role }}", "{{ labels.actor }}", "{{ labels.responsibility }}"],
        "for role in roles",
        ["{{ role.name }}", "{{ role.actor }}", "{{ role.responsibility }}"],
        [4.6, 3.4, 8.6],
    )
    heading(doc, "steps")
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
    heading(doc, "resources")
    table(
        doc,
        ["{{ labels.resource }}", "{{ labels.what_is_needed }}"],
        "for row in resources",
        ["{{ row.label }}", "{{ row.value }}"],
        [3.6, 13.0],
    )
    control(doc, "{%p if materials %}")
    para(doc, "{{ labels.materials }}", "Heading 2")
    bullets(doc, "item", "materials")
    control(doc, "{%p endif %}")
    heading(doc, "success_factors")
    bullets(doc, "item", "success_factors")
    heading(doc, "pitfalls")
    bullets(doc, "item", "pitfalls")
    heading(doc, "indicators")
    table(
        doc,
        ["{{ labels.indicator }}", "{{ labels.unit }}", "{{ labels.polarity }}", "{{ labels.source }}"],
        "for ind in indicators",
        ["{{ ind.name }}", "{{ ind.unit }}", "{{ ind.polarity }}", "{{ ind.source }}"],
        [6.2, 2.2, 2.6, 5.6],
    )
    control(doc, "{%p if checklists %}")
    heading(doc, "checklists", page_break=True)  # the checklists start a page: they are printed on their own
    control(doc, "{%p for checklist in checklists %}")
    para(doc, "{{ checklist.title }}", "Heading 2")
    para(doc, "{{ labels.owner }}: {{ checklist.owner }} · {{ checklist.kind_explained }}", "Lead")
    control(doc, "{%p for point in checklist.pause_points %}")
    para(doc, "{{ point.name }}", "Heading 3")
    control(doc, "{%p if point.when %}")
    para(doc, "{{ point.when }}", "Lead")
    control(doc, "{%p endif %}")
    table(
        doc,
        ["{{ labels.done }}", "{{ labels.item_to_check }}"],
        "for item in point.checks",
        ["☐", "{{ item }}"],
        [1.4, 15.2],
    )
    control(doc, "{%p endfor %}")
    control(doc, "{%p endfor %}")
    control(doc, "{%p endif %}")
    heading(doc, "evidence")
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
    heading(doc, "sources")
    control(doc, "{%p for source in sources %}")
    para(doc, "[{{ source.number }}] {{ source.text }}")
    control(doc, "{%p endfor %}")
    control(doc, "{%p if based_on %}")
    para(doc, "{{ labels.based_on }}", "Heading 2")
    para(doc, "{{ based_on.method }}, {{ labels.version }} {{ based_on.version }}: {{ based_on.changes }}")
    control(doc, "{%p endif %}")
    control(doc, "{%p if history %}")
    para(doc, "{{ labels.version_history }}", "Heading 2")
    table(
        doc,
        ["{{ labels.version }}", "{{ labels.date }}", "{{ labels.changes }}"],
        "for entry in history",
        ["{{ entry.version }}", "{{ entry.date }}", "{{ entry.changes }}"],
        [2.2, 2.6, 11.8],
    )
    control(doc, "{%p endif %}")
    return doc


def checklist() -> Document:
    doc = new_document()
    header_footer(
        doc,
        "{{ doc.organisation }}    {{ method.name }} – {{ labels.checklist }}",
        "{{ method.name }} · {{ labels.version }} {{ method.version }} · {{ labels.revised }} {{ method.revised }}",
    )
    control(doc, "{%p for checklist in checklists %}")
    title = para(doc, "{{ checklist.title }}", "Heading 1")
    title.paragraph_format.space_before = Pt(0)
    break_before_unless_first(title)
    para(
        doc,
        "{{ method.name }} · {{ labels.owner }}: {{ checklist.owner }} · {{ labels.revised }} {{ checklist.revised }}",
        "Lead",
    )
    para(doc, "{{ checklist.kind_explained }}", "Lead")
    control(doc, "{%p if checklist.based_on %}")
    para(doc, "{{ labels.based_on }}: {{ checklist.based_on }}", "Lead")
    control(doc, "{%p endif %}")
    notices(doc)
    control(doc, "{%p for point in checklist.pause_points %}")
    para(doc, "{{ labels.pause_point }} {{ loop.index }}: {{ point.name }}", "Heading 2")
    control(doc, "{%p if point.when %}")
    para(doc, "{{ point.when }}", "Lead")
    control(doc, "{%p endif %}")
    table(
        doc,
        ["{{ labels.done }}", "{{ labels.item_to_check }}"],
        "for item in point.checks",
        ["☐", "{{ item }}"],
        [1.4, 15.2],
        keep_rows="last-rows",
    )
    control(doc, "{%p endfor %}")
    para(doc, "{{ labels.sign_off }}", "Heading 2")
    signature_table(doc, [6.6, 3.4, 6.6])
    control(doc, "{%p endfor %}")
    return doc


def form(landscape: bool = False) -> Document:
    doc = new_document(landscape)
    width = TEXT_WIDTH_CM[landscape]
    fields = [6.4, width - 6.4] if landscape else [5.6, width - 5.6]
    header_footer(
        doc,
        "{{ doc.organisation }}    {{ method.name }} – {{ form.title }}",
        "{{ form.title }} · {{ method.name }} · {{ labels.version }} {{ method.version }}",
    )
    para(doc, "{{ form.title }}", "Title")
    para(
        doc,
        "{{ method.name }} · {{ labels.version }} {{ method.version }} · {{ labels.revised }} {{ method.revised }}",
        "Meta",
    )
    control(doc, "{%p if form.intro %}")
    para(doc, "{{ form.intro }}")
    control(doc, "{%p endif %}")
    notices(doc)
    control(doc, "{%p if form.fields %}")
    field_table(doc, "for field in form.fields", "{{ field }}", fields)
    control(doc, "{%p endif %}")
    control(doc, "{%p for section in form.sections %}")
    control(doc, "{%p set last_section = loop.last and form.signatures %}")
    para(doc, "{{ section.heading }}", "Heading 1")
    control(doc, "{%p for text in section.paragraphs %}")
    keep_with_next(para(doc, "{{ text }}"), "introduces")  # instructions stay with what they introduce
    control(doc, "{%p endfor %}")
    control(doc, "{%p if section.checkboxes %}")
    bullets(doc, "item", "section.entries", "List Checkbox", keep="before-sign-off")
    control(doc, "{%p else %}")
    bullets(doc, "item", "section.entries")
    control(doc, "{%p endif %}")
    control(doc, "{%p if section.fields %}")
    field_table(doc, "for field in section.fields", "{{ field }}", fields, keep_rows="fields-before-sign-off")
    control(doc, "{%p endif %}")
    control(doc, "{%p if section.table %}")
    para(doc, "{{p section.table }}")
    control(doc, "{%p endif %}")
    control(doc, "{%p endfor %}")
    control(doc, "{%p if form.signatures %}")
    para(doc, "{{ labels.signatures }}", "Heading 1")
    signature_table(
        doc,
        [6.0, 7.3, 3.4, 8.6] if landscape else [4.4, 4.6, 2.6, 5.0],
        "for who in form.signatures",
    )
    control(doc, "{%p endif %}")
    return doc


# -- writing the package ---------------------------------------------------------------------------------------
_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>labkit</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "</Properties>"
)
_CORE_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title/><dc:subject/><dc:creator/><cp:keywords/><dc:description/><cp:lastModifiedBy/>"
    "<dc:language>sv-SE</dc:language><cp:revision>1</cp:revision></cp:coreProperties>"
)


def save(doc, path: Path) -> None:
    """Save *doc* as a template: raw template code in place of the markers, no python-docx thumbnail or credits."""
    buffer = io.BytesIO()
    doc.save(buffer)
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            name = info.filename
            if name == "docProps/thumbnail.jpeg":
                continue
            data = source.read(name)
            if name == "_rels/.rels":
                data = re.sub(rb"<Relationship [^>]*thumbnail[^>]*/>", b"", data)
            elif name == "[Content_Types].xml":
                data = data.replace(b'<Default Extension="jpeg" ContentType="image/jpeg"/>', b"")
            elif name == "docProps/app.xml":
                data = _APP_XML.encode()
            elif name == "docProps/core.xml":
                data = _CORE_XML.encode()
            elif name == "word/document.xml":
                text = data.decode("utf-8")
                text = _resolve_markers(text)
                data = text.encode("utf-8")
            new = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            new.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(new, data)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    builders = {"guide": guide, "checklist": checklist, "form": form, "form-landscape": lambda: form(True)}
    builders.update(_more_builders())
    for name, build in builders.items():
        path = OUT / f"{name}.docx"
        _BOOKMARK[0] = 0
        save(build(), path)
        print(f"wrote {path.relative_to(ROOT)}")
    # The safety-walk plugin's own form template (templates/<method-id>/form.docx, found like any plugin's): the
    # landscape form in the shared house style, with the walk's title in the running head (see its README).
    walk = (
        ROOT / "plugins" / "labkit-safety-walk" / "src" / "labkit_safety_walk" / "templates" / "safety-walk"
    )
    walk.mkdir(parents=True, exist_ok=True)
    doc = form(True)
    doc.sections[0].header.paragraphs[0].text = "{{ doc.logo }}  {{ doc.organisation }}    {{ form.title }}"
    save(doc, walk / "form.docx")
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
