"""The ``labkit`` command line.

Every error a user can cause is printed as ``error: ...`` (one line per problem, naming file, line and field,
the first hundred of them) with the exit status of its kind of mistake (:mod:`labkit.cli._exits`: 1 for
problems in the input, 2 for wrong usage, 3 only for a bug); a traceback only appears with ``--debug``.
Listing commands import neither docxtpl nor matplotlib, so they start quickly; each command's module is imported
when the command is used (:data:`labkit.cli._app.COMMAND_MODULES`).
"""

from __future__ import annotations

import errno
import signal
import sys
import warnings
from typing import Any

import click

from ..errors import InvalidDataError, LabkitError
from ._app import cli
from ._exits import ExitCode
from ._options import MissingInput
from ._output import echo, echo_problems

__all__ = ["cli", "main"]


def _show_warning(message: Warning | str, category: type[Warning], *_args: Any, **_kwargs: Any) -> None:
    echo(f"warning: {message}", err=True)


# What to do about an operating-system fault, by its errno: each is the user's environment, never a bug.
_OS_ADVICE = {
    errno.EACCES: "permission denied; choose a folder you can write to, or change its permissions",
    errno.EPERM: "operation not permitted; choose a folder you can write to, or change its permissions",
    errno.EROFS: "the file system is read-only; choose a folder on a writable disk",
    errno.ENOSPC: "the disk is full; free some space or choose a folder on another disk",
    errno.EDQUOT: "your disk quota is used up; free some space or choose a folder on another disk",
    errno.ENOTDIR: "a part of the path is a file, not a folder; check the path",
    errno.EISDIR: "this is a folder, not a file; give a file name",
    errno.ENAMETOOLONG: "the name is too long for the file system; choose a shorter name or folder",
    errno.ENOENT: "no such file or folder",
    errno.EEXIST: "something is already there; remove it or choose another name",
}


def os_fault_message(exc: OSError) -> str:
    """One line for an operating-system fault: the path, what went wrong and what to do."""
    where = exc.filename if exc.filename is not None else None
    advice = _OS_ADVICE.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()
    return f"{where}: {advice}" if where is not None else advice


def usage_message(exc: click.UsageError) -> str:
    """One line for a wrong command line, in labkit's words, ending with where the help is."""
    if isinstance(exc, MissingInput):  # "lab.yaml: no such file", as every file problem is named
        return exc.message
    if isinstance(exc, click.BadParameter) and not isinstance(exc, click.MissingParameter):
        param = exc.param
        if isinstance(exc.param_hint, str):
            name = exc.param_hint
        elif isinstance(param, click.Option):
            name = param.opts[0]
        else:
            name = param.human_readable_name if param is not None else "a value"
        message = f"{name}: {exc.message}"
    else:
        message = exc.format_message().rstrip(".")
        message = message[:1].lower() + message[1:]
    where = exc.ctx.command_path if exc.ctx is not None else "labkit"
    return f"{message} ('{where} --help' shows how to use it)"


def _hoist_debug(args: list[str]) -> tuple[list[str], bool]:
    """Accept ``--debug`` anywhere before ``--``, also after the subcommand, by moving it to the front."""
    head, sep, tail = (
        (args[: args.index("--")], ["--"], args[args.index("--") + 1 :]) if "--" in args else (args, [], [])
    )
    if "--debug" not in head:
        return args, False
    return ["--debug", *(a for a in head if a != "--debug"), *sep, *tail], True


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args, debug = _hoist_debug(list(sys.argv[1:] if argv is None else argv))
    warnings.showwarning = _show_warning
    try:
        result = cli.main(args=args, prog_name="labkit", standalone_mode=False)
        if isinstance(result, int):  # click returns the code of an Exit raised inside a command
            return result
    except click.exceptions.Abort:
        echo("aborted", err=True)
        return ExitCode.INTERRUPTED
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.exceptions.NoArgsIsHelpError as exc:  # "labkit" or "labkit lab" alone: the help, status 2
        exc.show()
        return int(exc.exit_code)
    except click.UsageError as exc:
        echo(f"error: {usage_message(exc)}", err=True)
        return int(exc.exit_code)
    except click.ClickException as exc:
        echo(f"error: {exc.format_message()}", err=True)
        return int(exc.exit_code)
    except InvalidDataError as exc:
        if debug:
            raise
        echo_problems(exc.problems)
        return exc.exit_code
    except LabkitError as exc:
        if debug:
            raise
        echo_problems(str(exc).splitlines() or [type(exc).__name__])
        return exc.exit_code
    except KeyboardInterrupt:
        echo("interrupted", err=True)
        return ExitCode.INTERRUPTED
    except OSError as exc:
        if debug:
            raise
        echo(f"error: {os_fault_message(exc)}", err=True)
        return ExitCode.PROBLEMS
    except Exception as exc:
        if debug:
            raise
        echo(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in labkit or a plugin; run the command again with --debug to see where it happened.",
            err=True,
        )
        return ExitCode.INTERNAL
    return ExitCode.OK


def _terminated(_signal: int, _frame: Any) -> None:
    """SIGTERM: unwind like Ctrl-C, so workers and LibreOffice are stopped and no partial file is left."""
    raise SystemExit(128 + signal.SIGTERM)


def run() -> None:
    signal.signal(signal.SIGTERM, _terminated)
    sys.exit(main())
