"""``labkit site``: publish the installed methods as a static method bank website."""

from __future__ import annotations

from pathlib import Path

import click

from ..text import counting
from ._app import State, cli, pass_state
from ._options import InputPath, Languages
from ._output import echo
from ._progress import progress_bars
from .documents import PDF, STYLE


@cli.command("site")
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the site (new, empty, or an earlier labkit site).",
)
@click.option(
    "--lang",
    type=Languages(multiple=True),
    default="sv,en",
    show_default=True,
    help="Languages of the pages and documents, comma-separated.",
)
@STYLE
@click.option(
    "--templates",
    type=InputPath(folder=True),
    help="Folder of site templates (Jinja2) that override labkit's and the plugins'.",
)
@PDF
@click.option(
    "--jobs", "processes", type=click.IntRange(1, 64), help="Processes to use (default: all cores)."
)
@click.option("--force", is_flag=True, help="Make every document again, even those that are up to date.")
@click.option(
    "--serve", is_flag=True, help="After building, serve the site on http://127.0.0.1 for a preview."
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port for --serve (0: any free).",
)
@pass_state
def site_command(
    state: State,
    out_dir: Path,
    lang: tuple[str, ...],
    house_style: Path | None,
    templates: Path | None,
    pdf: bool,
    processes: int | None,
    force: bool,
    serve: bool,
    port: int,
) -> None:
    """Build a static website of every installed method: a start page with search and filters, a page per method
    and per indicator, and each method's documents for download.

    The site is plain HTML and CSS (search and filters need JavaScript; everything else works without it) and
    can be put on any web server. Running it again only rebuilds what changed.

    \b
    Examples:
      labkit site --out site
      labkit site --out site --house-style style.yaml --pdf
      labkit site --out site --serve        build, then preview on http://127.0.0.1:8000
    """
    from ..site import build_site

    with progress_bars("documents") as bars:
        result = build_site(
            out_dir,
            langs=lang,
            house_style=house_style,
            templates=templates,
            pdf=pdf,
            catalog=state.catalog,
            processes=processes,
            force=force,
            progress=bars,
        )
    pages, documents = len(result.pages), len(result.documents)
    echo(
        f"wrote the site to {out_dir}: {counting(pages, 'page')} and {counting(documents, 'document')} "
        f"({counting(len(result.built), 'document')} made, {counting(len(result.written), 'file')} changed"
        + (f", {len(result.removed)} removed" if result.removed else "")
        + ")"
    )
    if serve:
        _serve(out_dir, port)
    else:
        echo(f"open {result.index} in a browser, or preview it with: labkit site --out {out_dir} --serve")


def _serve(folder: Path, port: int) -> None:
    from ..site import HOST, make_server

    server = make_server(folder, port)
    real_port = server.server_address[1]
    echo(f"serving {folder} on http://{HOST}:{real_port}/ (only this computer can reach it); Ctrl+C stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        echo("stopped")
    finally:
        server.server_close()
