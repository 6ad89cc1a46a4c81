"""Parameter types every command shares, so the same mistake gets the same answer from every command.

``--lang`` is checked by :class:`Languages` wherever it appears (case-insensitive: ``EN`` is ``en``; ``fr`` is
refused with one message), and every file or folder named on the command line by :class:`InputPath` (a missing one
is a usage error, exit status 2, with the same message everywhere).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..text import SUPPORTED_LANGUAGES, document_language

__all__ = ["InputPath", "Languages", "MissingInput"]


class MissingInput(click.BadParameter):
    """A file or folder named on the command line is not there (or is a folder where a file belongs)."""


class Languages(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.3, plain before
    """One language (``sv``), or with *multiple* a comma-separated list (``sv,en``), case-insensitive.

    Converts to the language code in lowercase, or with *multiple* a tuple of codes without repeats.
    """

    name = "language"

    def __init__(self, multiple: bool = False) -> None:
        self.multiple = multiple

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return ("," if self.multiple else "|").join(SUPPORTED_LANGUAGES)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, tuple):  # already converted (a default given as a tuple)
            return value
        text = str(value)
        wanted = [v.strip() for v in text.split(",")] if self.multiple else [text.strip()]
        wanted = [v for v in wanted if v]
        if not wanted:
            self.fail(f"give a language ({', '.join(SUPPORTED_LANGUAGES)})", param, ctx)
        try:
            codes = tuple(dict.fromkeys(document_language(item) for item in wanted))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
        return codes if self.multiple else codes[0]


class InputPath(click.Path):
    """A file (or with *folder*, a folder) that must exist: ``lab.yaml: no such file`` otherwise (exit status 2)."""

    def __init__(self, *, folder: bool = False) -> None:
        super().__init__(path_type=Path, exists=False, file_okay=not folder, dir_okay=folder)
        self.folder = folder

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = Path(value)
        problem = None
        if not path.exists():
            problem = f"no such {'folder' if self.folder else 'file'}"
        elif path.is_dir() and not self.folder:
            problem = "this is a folder, not a file"
        elif self.folder and not path.is_dir():
            problem = "this is a file, not a folder"
        if problem is not None:
            raise MissingInput(f"{path}: {problem}", ctx, param)
        return path
