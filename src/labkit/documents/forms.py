"""Forms (a plugin's printable extra documents) rendered with the built-in form template."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from markupsafe import Markup, escape

from ..model import Form, FormTable
from .document import Document
from .engine import clean_text
from .views import Localizer, doc_view

if TYPE_CHECKING:
    from ..generators import Request

__all__ = ["form_view", "render_form", "table_xml"]

_PAGE_WIDTH_TWIPS = {False: 9354, True: 14400}


def table_xml(header: list[str], rows: list[list[str]], blank_rows: int, landscape: bool = False) -> Markup:
    """WordprocessingML for a bordered table with a shaded header row (all text escaped)."""
    width = _PAGE_WIDTH_TWIPS[landscape] // max(len(header), 1)

    def cell(text: str, fill: str | None = None, bold: bool = False) -> str:
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        run_pr = "<w:rPr><w:b/></w:rPr>" if bold else ""
        body = str(escape(clean_text(text)))
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
            f'<w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r>{run_pr}<w:t xml:space="preserve">{body}</w:t></w:r></w:p></w:tc>'
        )

    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in header)
    head = (
        "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
        + "".join(cell(h, "DCE6F1", True) for h in header)
        + "</w:tr>"
    )
    body_rows = "".join(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(cell(c) for c in row) + "</w:tr>" for row in rows
    )
    blank = (
        '<w:tr><w:trPr><w:trHeight w:val="510"/><w:cantSplit/></w:trPr>'
        + "".join(cell("") for _ in header)
        + "</w:tr>"
    )
    return Markup(
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        '<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders>'
        f'<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        + head
        + body_rows
        + blank * blank_rows
        + "</w:tbl>"
    )


def _table(tr: Localizer, table: FormTable, landscape: bool) -> Markup:
    return table_xml(
        tr.all(table.columns, "table"),
        [tr.all(row, "table") for row in table.rows],
        table.blank_rows,
        landscape,
    )


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
                "marker": "☐" if section.checkboxes else "•",
                "fields": tr.all(section.fields, "sections"),
                "table": _table(tr, section.table, form.landscape) if section.table else "",
            }
            for section in form.sections
        ],
    }


def render_form(form: Form, request: Request, default_template: Path | None = None) -> Document:
    from .render import render_docx

    method = request.subject
    tr = Localizer(request.lang)
    view = form_view(tr, form)
    method_view = {
        "id": method.id,
        "name": tr(method.name, "name"),
        "version": method.version,
        "revised": method.revised.isoformat(),
    }
    title = view["title"]
    context = {
        "form": view,
        "method": method_view,
        "labels": tr.labels,
        "doc": doc_view(tr, title),
    }
    if request.template is None and default_template is not None:
        request = attrs.evolve(request, template=default_template)
    kind = "form-landscape" if form.landscape else "form"
    return render_docx(
        request,
        kind,
        context,
        title=title,
        filename=f"{method.id}-{form.id}-{request.lang}.docx",
        method_id=method.id,
        warnings=tuple(f"missing translation: {w}" for w in tr.missing),
    )
