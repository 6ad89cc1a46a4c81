"""Add a new kind of document in a few lines: an attendance sheet for any method's checklist owners.

    python examples/custom_generator.py [OUT_DIR]

A plugin would return the same Generator from its ``labkit_generators`` hook; here it is registered at run time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import labkit
from labkit.documents.forms import render_form
from labkit.model import Form, FormSection, FormTable


def attendance_sheet(request: labkit.Request) -> labkit.Document:
    method = request.subject
    form = Form(
        id="attendance",
        method=method.id,
        title={"sv": "Närvarolista", "en": "Attendance sheet"},
        description={"sv": "Närvaro vid metodens träffar.", "en": "Attendance at the method's meetings."},
        sections=(
            FormSection(
                heading={
                    "sv": "Deltagare (använd deltagarnummer)",
                    "en": "Participants (use participant numbers)",
                },
                table=FormTable(
                    columns=({"sv": "Nummer", "en": "Number"}, {"sv": "Närvarande", "en": "Present"}),
                    blank_rows=15,
                ),
            ),
        ),
    )
    return render_form(form, request)


class AttendancePlugin:
    @labkit.hookimpl
    def labkit_generators(self) -> list[labkit.Generator]:
        return [
            labkit.Generator(
                name="attendance",
                title={"sv": "Närvarolista", "en": "Attendance sheet"},
                description={
                    "sv": "En närvarolista för metodens träffar.",
                    "en": "An attendance sheet for the method's meetings.",
                },
                takes=labkit.Takes.METHOD,
                generate=attendance_sheet,
            )
        ]


def main(out_dir: Path) -> None:
    catalog = labkit.get_catalog()
    catalog.register(AttendancePlugin(), name="attendance-example")
    document = labkit.render("attendance", "mentoring", lang="en", out=out_dir / "attendance.docx")
    print(f"{document.title}: {out_dir / 'attendance.docx'}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "example-output"))
