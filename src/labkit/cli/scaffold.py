"""labkit new-plugin: scaffold a method plugin."""

from __future__ import annotations

from pathlib import Path

import click

from ._app import cli
from ._output import echo


@cli.command("new-plugin")
@click.argument("name")
@click.option(
    "--dir",
    "parent",
    type=click.Path(path_type=Path, file_okay=False),
    default=".",
    show_default=True,
    help="Folder to create the plugin in.",
)
def new_plugin_command(name: str, parent: Path) -> None:
    """Create a complete method plugin NAME: pyproject, method file, checklist, Word template, tests, README.

    \b
    Then:
      pip install ./labkit-NAME
      labkit methods
      pytest labkit-NAME
    """
    from ..scaffold import create_plugin

    target = create_plugin(name, parent)
    shown = target if target.is_absolute() or str(target).startswith(".") else f"./{target}"
    echo(f"created {target}")
    echo(f"next: pip install {shown} && labkit methods && pytest {shown}")
