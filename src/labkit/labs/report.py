"""The outcome report from a lab file: its figures (``labkit report --json``) and its Word document."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..app.render import render
from ..catalog import Catalog, get_catalog
from ..documents.document import Document
from ..errors import InvalidDataError, Problem
from ..files import make_folder
from ..model import Lab
from ..outcomes.figures import OutcomeReport
from ..outcomes.report import report_for
from .check import check_lab
from .context import LabContext

__all__ = ["figures_for", "load_report_context", "render_report", "report_figures"]


def figures_for(ctx: LabContext, period: tuple[dt.date, dt.date] | None = None) -> OutcomeReport:
    """The figures of *ctx*'s outcome report: the lab, the installed indicators and methods, the measurements."""
    return report_for(ctx, period)


def load_report_context(
    lab: Lab | str | os.PathLike[str],
    *,
    data: Sequence[str | os.PathLike[str]] = (),
    catalog: Catalog | None = None,
) -> LabContext:
    """A checked lab with its measurements (from the lab file, its data files and *data*); every problem at once."""
    catalog = catalog or get_catalog()
    result = check_lab(lab, catalog)
    result.raise_for_problems()
    assert result.lab is not None
    ctx = LabContext(
        result.lab,
        catalog,
        Path(lab) if not isinstance(lab, Lab) else None,
        tuple(Path(p) for p in data),
        result.measurement_rows,
    )
    if not ctx.measurement_rows:
        raise InvalidDataError(
            [
                Problem(
                    "the lab has no measurements; give them with --data FILE or data_files in the lab file",
                    str(lab) if not isinstance(lab, Lab) else None,
                )
            ]
        )
    return ctx


def report_figures(
    lab: Lab | str | os.PathLike[str],
    *,
    data: Sequence[str | os.PathLike[str]] = (),
    catalog: Catalog | None = None,
    period: tuple[dt.date, dt.date] | None = None,
) -> OutcomeReport:
    """Every figure of the outcome report of *lab*: what ``labkit report LAB --json`` writes."""
    return figures_for(load_report_context(lab, data=data, catalog=catalog), period)


def render_report(
    lab: Lab | str | os.PathLike[str] | LabContext,
    *,
    data: Sequence[str | os.PathLike[str]] = (),
    lang: str = "sv",
    catalog: Catalog | None = None,
    charts_dir: str | os.PathLike[str] | None = None,
    period: tuple[dt.date, dt.date] | None = None,
    figures: OutcomeReport | None = None,
    **kwargs: Any,
) -> Document:
    """The outcome report of *lab*, with measurements from the lab file, its data files and *data*.

    With *figures* (from :func:`report_figures`) the document is rendered from exactly those figures; *lab* may
    also be a :class:`~labkit.labs.context.LabContext` from :func:`load_report_context`.
    """
    if isinstance(lab, LabContext):
        ctx, catalog = lab, lab.catalog
    else:
        catalog = catalog or get_catalog()
        ctx = load_report_context(lab, data=data, catalog=catalog)
    if charts_dir is not None:
        make_folder(charts_dir)  # before the report: a file in its place is the user's mistake, said as such
    return render(
        "report",
        ctx,
        lang=lang,
        catalog=catalog,
        charts_dir=str(charts_dir) if charts_dir else None,
        period=period,
        figures=figures,
        **kwargs,
    )
