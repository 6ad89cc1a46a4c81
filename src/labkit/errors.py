"""Errors labkit raises. Every error a user can cause says which file, line and field is wrong."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "ConfigurationError",
    "DocumentError",
    "InvalidDataError",
    "LabkitError",
    "NotFoundError",
    "PluginError",
    "Problem",
    "TemplateError",
    "format_path",
]


def format_path(path: Sequence[str | int]) -> str:
    """Format a path like ``("goals", 1, "target")`` as ``goals[1].target``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@attrs.frozen
class Problem:
    """One thing wrong with an input: where it is and what is wrong."""

    message: str
    file: str | None = None
    line: int | None = None
    path: tuple[str | int, ...] = ()

    @property
    def location(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        return where

    def __str__(self) -> str:
        field = format_path(self.path)
        return f"{self.location}: {field + ': ' if field else ''}{self.message}"

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "path": format_path(self.path), "message": self.message}


class LabkitError(Exception):
    """Base class of every error labkit raises on purpose. The CLI prints these without a traceback."""

    exit_code = 1


class InvalidDataError(LabkitError):
    """A file or object is invalid. Holds every problem found, not only the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class NotFoundError(LabkitError):
    """A method, indicator, document kind, partner or role that was asked for does not exist.

    Like a wrong command line, this is a usage error: exit status 2 on the command line.
    """

    exit_code = 2


class PluginError(LabkitError):
    """A plugin is broken or conflicts with another plugin."""


class TemplateError(LabkitError):
    """A document template is broken or does not fit the data its generator provides."""


class DocumentError(LabkitError):
    """A document could not be written or converted."""


class ConfigurationError(LabkitError):
    """The command line or environment asks for something impossible."""

    exit_code = 2
