"""Exit statuses: one behaviour per mistake, the same in every command.

The table of statuses and the table of which mistake each command can meet are data, so the command-line reference
is generated from them (docs/_hooks/reference.py) and a test makes each mistake with each command and compares the
status with this table (tests/cli/test_exit_codes.py). A new command without a row here fails that test.
"""

from __future__ import annotations

import enum

__all__ = ["COMMAND_MISTAKES", "MISTAKES", "ExitCode", "Mistake"]


class ExitCode(enum.IntEnum):
    """What a ``labkit`` command's exit status means."""

    OK = 0
    """It worked (a check found no problems)."""
    PROBLEMS = 1
    """Problems were found, or the operation failed on its input: a file with mistakes, a plugin that fails, a
    folder that cannot be written. Every problem is printed."""
    USAGE = 2
    """The command line is wrong: an unknown option, a bad value, a file, method, document kind, partner or role
    that does not exist, or an output that is already there."""
    INTERNAL = 3
    """A bug in labkit or a plugin; ``--debug`` shows where."""
    INTERRUPTED = 130
    """Interrupted (Ctrl-C)."""


class Mistake(enum.Enum):
    """A kind of mistake a user can make, with its exit status and an example (the same for every command)."""

    def __init__(self, label: str, code: ExitCode, example: str) -> None:
        self.label = label
        self.code = code
        self.example = example

    USAGE = ("wrong usage", ExitCode.USAGE, "an unknown option, a missing argument")
    MISSING_FILE = ("missing file", ExitCode.USAGE, "`labkit lab plan nope.yaml`")
    UNKNOWN_NAME = (
        "unknown name",
        ExitCode.USAGE,
        "an unknown method, document kind, partner, role, focus area or plugin: `labkit guide portalne`",
    )
    BAD_LANGUAGE = ("bad --lang", ExitCode.USAGE, "`--lang fr` (`--lang EN` is English)")
    WOULD_OVERWRITE = ("output exists", ExitCode.USAGE, "`labkit lab new` over a file without `--force`")
    INVALID_INPUT = (
        "invalid input",
        ExitCode.PROBLEMS,
        "a lab file with mistakes, a broken house-style file",
    )
    CANNOT_WRITE = (
        "cannot write",
        ExitCode.PROBLEMS,
        "a folder without write permission, a full disk, a file where a folder belongs",
    )


_U, _F, _N, _L, _O, _I, _W = Mistake

#: The mistakes each command can meet (every command can be used wrongly).
COMMAND_MISTAKES: dict[str, tuple[Mistake, ...]] = {
    "labkit": (_U,),
    "labkit guide": (_U, _F, _N, _L, _I, _W),
    "labkit checklist": (_U, _F, _N, _L, _I, _W),
    "labkit document": (_U, _F, _N, _L, _I, _W),
    "labkit render": (_U, _F, _L, _I, _W),
    "labkit lab": (_U,),
    "labkit lab new": (_U, _N, _L, _O, _W),
    "labkit lab check": (_U, _F, _I),
    "labkit lab plan": (_U, _F, _L, _I, _W),
    "labkit lab checklist": (_U, _F, _N, _L, _I, _W),
    "labkit build": (_U, _F, _N, _L, _I, _W),
    "labkit demo": (_U, _N, _L, _W),
    "labkit report": (_U, _F, _L, _I, _W),
    "labkit plugins": (_U,),
    "labkit methods": (_U, _N, _L),
    "labkit methods show": (_U, _N, _L),
    "labkit indicators": (_U, _L),
    "labkit documents": (_U, _L),
    "labkit check": (_U, _F, _N, _I),
    "labkit new-plugin": (_U, _O, _W),
    "labkit site": (_U, _F, _L, _O, _I, _W),
    "labkit accessibility": (_U, _F, _I),
}

#: Every mistake, in the order of the reference's columns.
MISTAKES: tuple[Mistake, ...] = tuple(Mistake)
