"""Forms (a plugin's printable extra documents) rendered with the built-in form template, and the tables of
every generated document: a header row that names the columns and repeats on each page, rows that never split,
column widths fitted to what the columns hold and blank rows high enough to write in by hand.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from markupsafe import Markup, escape

from ..model import Form, FormTable
from ._look import ANSWER_ROW_CM, BORDER_COLOUR, HEADER_FILL, LABEL_FILL, SIGNATURE_ROW_CM
from .document import Document
from .engine import clean_text
from .views import Localizer, doc_view, format_version

if TYPE_CHECKING:
    from ..generators import Request

__all__ = [
    "ANSWER_ROW_CM",
    "BORDER_COLOUR",
    "HEADER_FILL",
    "LABEL_FILL",
    "SIGNATURE_ROW_CM",
    "column_widths",
    "form_view",
    "render_form",
    "table_xml",
]

_TEXT_WIDTH_CM = {False: 16.6, True: 25.3}
_TWIPS_PER_CM = 566.93
_CM_PER_CHAR = 0.19
"""Average width of a character at 10 pt (a little generous, bold headers included)."""
_PADDING_CM = 0.4
_WRITING_CM = 5.0
"""What a column that people write sentences into wants."""
_NARROW_CM = 2.2
"""What a column for a number, a date, a time or a tick wants."""
_PLACEHOLDERS = {"…", "...", ""}
# Header words of columns that hold a number, a date, a time, a status or a tick (both languages labkit writes).
_NARROW_WORDS = {
    "nr", "no", "no.", "antal", "number", "datum", "date", "tid", "time", "klart", "done", "status",
    "deadline", "genomfört", "held", "belopp", "amount", "summa", "sum", "prioritet", "priority", "kr",
    "sek", "ja/nej", "yes/no", "✓", "☐", "poäng", "score", "betyg", "rating",
}  # fmt: skip


def is_placeholder(text: str) -> bool:
    """A cell that only marks where to write ("…"): printed blank, with room to write."""
    return text.strip() in _PLACEHOLDERS


def _narrow(header: str) -> bool:
    words = re.findall(r"[\w./✓☐]+", header.lower())
    return bool(words) and (words[0] in _NARROW_WORDS or len(header.strip()) <= 4)


def column_widths(
    header: Sequence[str], rows: Sequence[Sequence[str]], total_cm: float, answer_columns: bool = False
) -> list[float]:
    """Column widths (cm) that fit the content, the way a browser lays out an automatic table.

    No column is narrower than its longest word (so words never break inside), short columns (numbers, dates,
    ticks) stay narrow and the rest of the width goes to the columns with the most text. *answer_columns*: the
    table has rows to fill in, so its columns want room to write (except the narrow kinds).
    """
    n = len(header)
    columns = [[header[i], *(row[i] for row in rows if i < len(row))] for i in range(n)]
    minimum, natural, narrow = [], [], []
    for i, texts in enumerate(columns):
        words = [w for t in texts for w in t.split()]
        minimum.append(max((len(w) for w in words), default=1) * _CM_PER_CHAR + _PADDING_CM)
        want = max(len(t) for t in texts) * _CM_PER_CHAR + _PADDING_CM
        is_narrow = _narrow(header[i]) and all(len(t) <= 12 or is_placeholder(t) for t in texts[1:])
        if answer_columns or any(is_placeholder(t) for t in texts[1:]):
            want = max(want, _NARROW_CM if is_narrow else _WRITING_CM)
        natural.append(max(want, minimum[-1]))
        narrow.append(is_narrow)
    if sum(minimum) >= total_cm:
        scale = total_cm / sum(minimum)
        return [w * scale for w in minimum]
    if sum(natural) <= total_cm:
        growing = [i for i in range(n) if not narrow[i]] or list(range(n))
        extra = total_cm - sum(natural)
        weight = sum(natural[i] for i in growing)
        return [natural[i] + (extra * natural[i] / weight if i in growing else 0.0) for i in range(n)]
    room = total_cm - sum(minimum)
    wants = [natural[i] - minimum[i] for i in range(n)]
    return [minimum[i] + room * wants[i] / sum(wants) for i in range(n)]


def _cell(text: str, width: int, header: bool = False, keep: bool = False) -> str:
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>' if header else ""
    style = "TableHeading" if header else "TableText"
    keep_next = "<w:keepNext/>" if header or keep else ""
    run_pr = '<w:rPr><w:b/><w:sz w:val="20"/></w:rPr>' if header else '<w:rPr><w:sz w:val="20"/></w:rPr>'
    body = "" if is_placeholder(text) and not header else str(escape(clean_text(text)))
    run = f'<w:r>{run_pr}<w:t xml:space="preserve">{body}</w:t></w:r>' if body else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep_next}<w:spacing w:before="0" w:after="0"/></w:pPr>'
        f"{run}</w:p></w:tc>"
    )


def _row(cells: str, *, header: bool = False, height_cm: float | None = None) -> str:
    height = f'<w:trHeight w:val="{round(height_cm * _TWIPS_PER_CM)}"/>' if height_cm else ""
    flags = '<w:cantSplit/><w:tblHeader w:val="true"/>' if header else "<w:cantSplit/>"
    return f"<w:tr><w:trPr>{flags}{height}</w:trPr>{cells}</w:tr>"


def table_xml(header: list[str], rows: list[list[str]], blank_rows: int, landscape: bool = False) -> Markup:
    """WordprocessingML for a table in the house style (all text escaped).

    The header row names every column and repeats on each page; rows never split; the first row keeps with the
    second and the last two rows with what follows; cells holding only "…" are printed blank; blank rows and rows with blanks are high enough to
    write in; column widths follow the content.
    """
    total = _TEXT_WIDTH_CM[landscape]
    widths_cm = column_widths(header, rows, total, answer_columns=blank_rows > 0)
    widths = [round(w * _TWIPS_PER_CM) for w in widths_cm]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body: list[str] = [
        _row("".join(_cell(h, w, header=True) for h, w in zip(header, widths, strict=False)), header=True)
    ]
    all_rows = [*rows, *([[""] * len(header)] * blank_rows)]
    for index, row in enumerate(all_rows):
        # Never a single row left at the foot of a page or carried over to the next one.
        keep = index == 0 or index >= len(all_rows) - 2
        blanks = any(is_placeholder(c) for c in row)
        cells = "".join(_cell(c, w, keep=keep) for c, w in zip(row, widths, strict=False))
        body.append(_row(cells, height_cm=ANSWER_ROW_CM if blanks else None))
    sides = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{BORDER_COLOUR}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return Markup(
        f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblLayout w:type="fixed"/><w:tblBorders>{sides}</w:tblBorders>'
        '<w:tblCellMar><w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>' + "".join(body) + "</w:tbl>"
    )


#: The paragraph Word needs between two tables: without it the two become one table, and the first table's
#: header row repeats over the second table's rows on the next page.
TABLE_SEPARATOR = Markup('<w:p><w:pPr><w:spacing w:before="0" w:after="120"/></w:pPr></w:p>')


def _table(tr: Localizer, table: FormTable, landscape: bool, *, after_table: bool = False) -> Markup:
    xml = table_xml(
        tr.all(table.columns, "table"),
        [tr.all(row, "table") for row in table.rows],
        table.blank_rows,
        landscape,
    )
    return TABLE_SEPARATOR + xml if after_table else xml


def form_view(tr: Localizer, form: Form) -> dict[str, Any]:
    return {
        "id": form.id,
        "title": tr(form.title, "title"),
        "description": tr(form.description, "description"),
        "intro": tr(form.intro, "intro") if form.intro else "",
        "fields": tr.all(form.fields, "fields"),
        "signatures": tr.all(form.signatures, "signatures"),
        "sections": [
            {
                "heading": tr(section.heading, "sections"),
                "paragraphs": tr.all(section.paragraphs, "sections"),
                "entries": tr.all(section.items, "sections"),
                "checkboxes": section.checkboxes,
                "marker": "☐" if section.checkboxes else "•",
                "fields": tr.all(section.fields, "sections"),
                "table": (
                    _table(tr, section.table, form.landscape, after_table=bool(section.fields))
                    if section.table
                    else ""
                ),
            }
            for section in form.sections
        ],
    }


def _form_kind(request: Request, method_id: str, landscape: bool) -> str:
    """``form`` or ``form-landscape``; a method's own ``form.docx`` serves all its forms unless it ships
    ``form-landscape.docx`` too (see the plugin how-to)."""
    if not landscape:
        return "form"
    templates = request.catalog.template_entries
    if f"{method_id}/form" in templates and f"{method_id}/form-landscape" not in templates:
        return "form"
    return "form-landscape"


def render_form(form: Form, request: Request, default_template: Path | None = None) -> Document:
    from .render import render_docx

    method = request.subject
    tr = Localizer(request.lang)
    view = form_view(tr, form)
    method_view = {
        "id": method.id,
        "name": tr(method.name, "name"),
        "version": format_version(method.version),
        "revised": method.revised.isoformat(),
    }
    title = view["title"]
    context = {
        "form": view,
        "method": method_view,
        "labels": tr.labels,
        "doc": doc_view(tr, title, subject=view["description"]),
    }
    if request.template is None and default_template is not None:
        request = attrs.evolve(request, template=default_template)
    kind = _form_kind(request, method.id, form.landscape)
    return render_docx(
        request,
        kind,
        context,
        title=title,
        filename=f"{method.id}-{form.id}-{request.lang}.docx",
        method_id=method.id,
        warnings=tuple(f"missing translation: {w}" for w in tr.missing),
    )
