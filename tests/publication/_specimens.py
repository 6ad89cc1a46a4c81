"""Specimens: small Swedish documents with one fault each, printed with the real documents, so every check of
the publication test is shown to find what it is for (a check that cannot fail proves nothing)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm

Builder = Callable[[docx.document.Document], None]
SPECIMENS: dict[str, tuple[str, Builder]] = {}
"""check name -> (document kind, builder)"""


def specimen(check: str, kind: str = "guide") -> Callable[[Builder], Builder]:
    def register(builder: Builder) -> Builder:
        SPECIMENS[check] = (kind, builder)
        return builder

    return register


def _filler(doc, lines: int) -> None:
    for number in range(lines):
        doc.add_paragraph(f"Rad {number + 1} med vanlig brödtext om arbetet i området.")


@specimen("empty-page")
def _empty_page(doc) -> None:
    doc.add_paragraph("Text på första sidan.")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("Text på tredje sidan.")


@specimen("lonely-trailer")
def _lonely_trailer(doc) -> None:
    doc.add_paragraph("Checklista", "Heading 1")
    _filler(doc, 5)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    table = doc.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Namn", "Datum", "Underskrift"), strict=True):
        cell.text = text


@specimen("orphaned-heading")
def _orphaned_heading(doc) -> None:
    doc.add_paragraph("Första avsnittet", "Heading 1")
    _filler(doc, 3)
    doc.add_paragraph("Nästa avsnitt", "Heading 1")
    moved = doc.add_paragraph("Texten under rubriken hamnar på nästa sida.")
    moved.paragraph_format.page_break_before = True


@specimen("contents")
def _contents(doc) -> None:
    doc.add_paragraph("Innehåll", "Heading 1")
    doc.add_paragraph("Syfte")
    doc.add_paragraph("Roller")
    doc.add_paragraph("Uppdatera innehållsförteckningen i Word.")
    doc.add_paragraph("Syfte", "Heading 1").paragraph_format.page_break_before = True
    doc.add_paragraph("Roller", "Heading 1")


@specimen("other-language")
def _other_language(doc) -> None:
    doc.add_paragraph("Syftet är att fler får arbete, and the rest of this sentence is English.")


@specimen("internal-id")
def _internal_id(doc) -> None:
    doc.add_paragraph("Metod: portalen ^1.0, se labkit-dokumentet partner-agreement. Licens: CC-BY-4.0.")


@specimen("broken-word")
def _broken_word(doc) -> None:
    table = doc.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    for row in table.rows:
        row.cells[0].width = Cm(1.2)
        row.cells[1].width = Cm(10)
    table.rows[0].cells[0].text = "Sannolikhet"
    table.rows[0].cells[1].text = "Åtgärd"
    for column in table.columns:
        column.width = Cm(1.2)
    grid = table._tbl.tblGrid
    grid.getchildren()[0].set(qn("w:w"), str(int(Cm(1.2).twips)))


@specimen("table-header")
def _table_header(doc) -> None:
    doc.add_paragraph("Resurser", "Heading 1")
    table = doc.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "Resurser"
    table.rows[0].cells[1].text = "Värde"
    table.rows[1].cells[0].text = "Lokal"


@specimen("joined-tables")
def _joined_tables(doc) -> None:
    doc.add_paragraph("Nästa steg", "Heading 1")
    fields = doc.add_table(rows=2, cols=2)
    fields.rows[0].cells[0].text = "Uppgift"
    fields.rows[0].cells[1].text = "Fyll i"
    fields.rows[1].cells[0].text = "Datum"
    grid = doc.add_table(rows=2, cols=2)
    grid.rows[0].cells[0].text = "Vad"
    grid.rows[0].cells[1].text = "Ansvarig"


@specimen("placeholder")
def _placeholder(doc) -> None:
    table = doc.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "Part"
    table.rows[0].cells[1].text = "Ger"
    table.rows[1].cells[0].text = "Partnern"
    table.rows[1].cells[1].text = "…"


@specimen("spill-over", kind="checklist")
def _spill_over(doc) -> None:
    doc.add_paragraph("Checklista för värdar", "Heading 1")
    _filler(doc, 10)
    moved = doc.add_paragraph("Sista punkten hamnade ensam på nästa sida.")
    moved.paragraph_format.page_break_before = True


@specimen("split-list")
def _split_list(doc) -> None:
    doc.add_paragraph("Att titta efter", "Heading 1")
    doc.add_paragraph("☐ Trasig belysning")
    doc.add_paragraph("☐ Skymda hörn")
    carried = doc.add_paragraph("☐ Olåsta dörrar")
    carried.paragraph_format.page_break_before = True
    doc.add_paragraph("Nästa stycke.")


@specimen("repeated-line")
def _repeated_line(doc) -> None:
    doc.add_paragraph("Kontrollpunkt 1: Före start", "Heading 2")
    doc.add_paragraph("Före start")
    doc.add_paragraph("Boka lokalen.")


def write_specimens(folder: Path) -> dict[str, tuple[str, Path]]:
    """check -> (kind, .docx path) for every specimen, written into *folder*."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for check, (kind, build) in SPECIMENS.items():
        document = docx.Document()
        build(document)
        path = folder / f"specimen--{check}--sv.docx"
        document.save(path)
        made[check] = (kind, path)
    return made
