"""The ``labkit`` command line.

Every error a user can cause is printed as ``error: ...`` (one line per problem, naming file, line and field)
with exit status 1 for invalid data and 2 for wrong usage; a traceback only appears with ``--debug``.
Listing commands import neither docxtpl nor matplotlib, so they start quickly.
"""

from __future__ import annotations

import sys
import warnings
from typing import Any

import click

from ..errors import InvalidDataError, LabkitError
from . import documents, labs, listing, scaffold  # noqa: F401 - each module adds its commands to the group
from ._app import cli

__all__ = ["cli", "main"]


def _show_warning(message: Warning | str, category: type[Warning], *_args: Any, **_kwargs: Any) -> None:
    click.echo(f"warning: {message}", err=True)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    warnings.showwarning = _show_warning
    try:
        result = cli.main(args=args, prog_name="labkit", standalone_mode=False)
        if isinstance(result, int):  # click returns the code of an Exit raised inside a command
            return result
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return int(exc.exit_code)
    except InvalidDataError as exc:
        if debug:
            raise
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        return exc.exit_code
    except LabkitError as exc:
        if debug:
            raise
        click.echo(f"error: {exc}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130
    except Exception as exc:
        if debug:
            raise
        click.echo(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in labkit or a plugin; run the command again with --debug to see where it happened.",
            err=True,
        )
        return 3
    return 0


def run() -> None:
    sys.exit(main())
