"""The root command group and its shared options."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..version import __version__

if TYPE_CHECKING:
    from ..catalog import Catalog

__all__ = ["cli", "pass_state"]


class State:
    def __init__(self, strict: bool, debug: bool) -> None:
        self.strict = strict
        self.debug = debug
        self._catalog: Catalog | None = None

    @property
    def catalog(self) -> Catalog:
        from ..catalog import get_catalog

        if self._catalog is None:
            self._catalog = get_catalog(strict=self.strict or None)
        return self._catalog


pass_state = click.make_pass_decorator(State)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="labkit")
@click.option(
    "--strict",
    is_flag=True,
    envvar="LABKIT_STRICT",
    help="Treat plugin problems as errors (for plugin developers).",
)
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
@click.pass_context
def cli(ctx: click.Context, strict: bool, debug: bool) -> None:
    """labkit: method guides, checklists and lab documents for innovation labs against segregation.

    \b
    Quick start:
      labkit demo                      build every document of the example lab
      labkit methods                   list the installed methods
      labkit guide portalen -o p.docx  the method guide of one method
    """
    ctx.obj = State(strict, debug)
