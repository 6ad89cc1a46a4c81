"""The root command group and its shared options."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

import click

from ..version import __version__

if TYPE_CHECKING:
    from ..catalog import Catalog

__all__ = ["COMMAND_MODULES", "cli", "load_commands", "pass_state"]


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

#: Which module of labkit.cli defines each command: a command's module is imported when the command is used (or
#: the help lists it), so ``labkit methods`` does not import the code of ``labkit build``.
COMMAND_MODULES = {
    "accessibility": "accessibility",
    "build": "labs",
    "check": "listing",
    "checklist": "documents",
    "demo": "labs",
    "document": "documents",
    "documents": "listing",
    "guide": "documents",
    "indicators": "listing",
    "lab": "labs",
    "methods": "listing",
    "new-plugin": "scaffold",
    "plugins": "listing",
    "render": "documents",
    "report": "labs",
    "site": "site",
}


def load_commands() -> None:
    """Import every command's module (for what walks all commands: the reference docs, their tests)."""
    for module in sorted(set(COMMAND_MODULES.values())):
        importlib.import_module(f"{__package__}.{module}")


class _LazyGroup(click.Group):
    """The root group, importing each command's module on first use (click's documented lazy loading)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMAND_MODULES))

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in COMMAND_MODULES:
            load_commands()  # a name that is no command: click's "Did you mean" looks among all of them
        return super().resolve_command(ctx, args)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None and cmd_name not in self.commands:
            importlib.import_module(f"{__package__}.{module}")
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
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
