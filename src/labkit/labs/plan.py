"""Python API for the lab documents."""

from __future__ import annotations

import os
from typing import Any

from ..app.render import render
from ..documents.document import Document
from ..model import Lab

__all__ = ["render_lab_plan", "render_partner_checklist"]


def render_lab_plan(lab: Lab | str | os.PathLike[str], lang: str | None = None, **kwargs: Any) -> Document:
    """The lab plan of *lab* (a lab file or :class:`~labkit.model.Lab`): ``labkit.render_lab_plan("lab.yaml", out="plan.docx")``.

    *lang* is ``sv`` or ``en``; without it, the lab's language."""
    return render("lab-plan", lab, lang=lang, **kwargs)


def render_partner_checklist(
    lab: Lab | str | os.PathLike[str], partner: str, lang: str | None = None, **kwargs: Any
) -> Document:
    """The checklist of one partner: its tasks in all chosen methods, in the order of the lab's timeline (in the
    lab's language unless *lang* says otherwise)."""
    return render("partner-checklist", lab, lang=lang, partner=partner, **kwargs)
