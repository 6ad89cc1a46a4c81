"""Commands that make documents for methods: guide, checklist, document, render --all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import ConfigurationError
from ._app import State, cli, pass_state
from ._options import InputPath, Languages, OutputFolder
from ._output import echo
from ._progress import run_with_progress, summary

F = TypeVar("F", bound=Callable[..., Any])

LANG = click.option(
    "--lang",
    type=Languages(),
    default="sv",
    show_default=True,
    help="Language of the document (upper or lower case).",
)
#: --lang of a command that makes documents of a lab: the lab file's language unless it is given.
LAB_LANG = click.option(
    "--lang", type=Languages(), help="Language of the document (default: the lab's language)."
)
#: --lang of a command that makes documents in several languages.
LANGS = click.option(
    "--lang",
    type=Languages(multiple=True),
    default="sv,en",
    show_default=True,
    help="Languages, comma-separated.",
)
OUT = click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path),
    help="Output file (default: a name in the current folder).",
)
TEMPLATE = click.option("--template", type=InputPath(), help="Your own Word template.")
STYLE = click.option(
    "--house-style",
    type=InputPath(),
    help="House-style file (organisation, logo, colours, fonts).",
)
PDF = click.option("--pdf", is_flag=True, help="Also convert to PDF (tagged, PDF/UA) with LibreOffice.")
ALLOW = click.option(
    "--allow-inaccessible",
    is_flag=True,
    help="Make the document even if it would not be accessible (a house style, template or plugin at fault): "
    "a warning instead of an error.",
)


def _report(document, path: Path, pdf: bool) -> None:  # type: ignore[no-untyped-def]
    for warning in document.warnings:
        echo(f"warning: {warning}", err=True)
    echo(f"wrote {path}" + (f" and {path.with_suffix('.pdf')}" if pdf else ""))


def document_options(command: F) -> F:
    """The options every single-document command shares: output file, language, template, house style, PDF and
    --allow-inaccessible."""
    for option in reversed((OUT, LANG, TEMPLATE, STYLE, PDF, ALLOW)):
        command = option(command)
    return command


def lab_document_options(command: F) -> F:
    """The same options for a document of a lab, whose language defaults to the lab's."""
    for option in reversed((OUT, LAB_LANG, TEMPLATE, STYLE, PDF, ALLOW)):
        command = option(command)
    return command


def _make(
    state: State,
    kind: str,
    subject: str | Path,
    *,
    out: Path | None,
    lang: str | None,
    template: Path | None,
    house_style: Path | None,
    pdf: bool,
    allow_inaccessible: bool = False,
    **options: Any,
) -> None:
    from ..app.render import render

    document = render(
        kind,
        subject,
        lang=lang,
        template=template,
        house_style=house_style,
        catalog=state.catalog,
        allow_inaccessible=allow_inaccessible,
        **options,
    )
    path = document.save(out, pdf=pdf)
    _report(document, path, pdf)


@cli.command("guide")
@click.argument("method_id")
@document_options
@pass_state
def guide_command(state: State, /, method_id: str, **output: Any) -> None:
    """Make the method guide (metodguide) of METHOD_ID as a Word document."""
    _make(state, "guide", method_id, **output)


@cli.command("checklist")
@click.argument("method_id")
@click.option("--role", help="Only the checklists owned by this role of the method.")
@document_options
@pass_state
def checklist_command(state: State, /, method_id: str, role: str | None, **output: Any) -> None:
    """Make the printable checklists of METHOD_ID, one page per checklist."""
    _make(state, "checklist", method_id, role=role, **output)


@cli.command("document")
@click.argument("kind")
@click.argument("method_id")
@document_options
@pass_state
def document_command(state: State, /, kind: str, method_id: str, **output: Any) -> None:
    """Make a document of KIND for METHOD_ID (e.g. labkit document walk-protocol safety-walk).

    'labkit documents' lists the kinds.
    """
    _make(state, kind, method_id, **output)


@cli.command("render")
@click.option("--all", "all_methods", is_flag=True, help="Every installed method (required for now).")
@click.option("--out", "out_dir", required=True, type=OutputFolder(), help="Output folder.")
@LANGS
@click.option(
    "--jobs", "processes", type=click.IntRange(1, 64), help="Processes to use (default: all cores)."
)
@STYLE
@PDF
@ALLOW
@pass_state
def render_command(
    state: State,
    all_methods: bool,
    out_dir: Path,
    lang: tuple[str, ...],
    processes: int | None,
    house_style: Path | None,
    pdf: bool,
    allow_inaccessible: bool,
) -> None:
    """Make the documents of every method in every language: guide, checklists and each plugin's own kinds."""
    from ..app.batch import Job
    from ..app.plan import method_documents
    from ..documents.housestyle import load_house_style

    if not all_methods:
        raise click.UsageError("say which methods to render: --all")
    if pdf:
        from ..documents.pdf import require_libreoffice

        require_libreoffice()  # before anything is written
    if house_style is not None:
        # Its mistakes once, before any document is made.
        load_house_style(house_style, accessible=not allow_inaccessible)
    catalog = state.catalog
    jobs = []
    for method in catalog.methods():
        for planned in method_documents(catalog, method):
            slug = f"-{planned.variant.slug}" if planned.variant.slug else ""
            for language in lang:
                jobs.append(
                    Job(
                        planned.kind,
                        method.id,
                        language,
                        str(out_dir / method.id / f"{method.id}-{planned.kind}{slug}-{language}.docx"),
                        tuple(sorted(planned.variant.options.items())),
                        pdf=pdf,
                        house_style=str(house_style) if house_style else None,
                        allow_inaccessible=allow_inaccessible,
                    )
                )
    if not jobs:
        raise ConfigurationError("no methods are installed; 'labkit plugins' shows what is installed")
    results = run_with_progress(jobs, "rendering", processes, catalog)
    echo(summary(results, out_dir))
    if any(r.error for r in results):
        raise click.exceptions.Exit(1)
