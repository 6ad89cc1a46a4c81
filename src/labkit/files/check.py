"""Validate labkit data files: ``python -m labkit.files.check FILE...``.

The kind of each file is guessed from its content (a method, a lab, a list of indicators or of forms).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ..errors import InvalidDataError, Problem
from ..model import Form, Indicator, Lab, Method
from . import _format_of, _parse, _read_bytes, from_data
from ._yaml import Positions

__all__ = ["check_file", "guess_kind", "load_checked", "main"]


def guess_kind(raw: Any) -> Any:
    if isinstance(raw, dict):
        if "steps" in raw:
            return Method
        return Lab
    if isinstance(raw, list) and raw and isinstance(raw[0], dict):
        if "sections" in raw[0]:
            return tuple[Form, ...]
        return tuple[Indicator, ...]
    return Method


def check_file(path: Path) -> list[Problem]:
    return load_checked(path)[2]


def load_checked(path: Path) -> tuple[Any, Positions, list[Problem]]:
    """The validated object in *path* (None if it has problems), the line of every value, and the problems."""
    positions: Positions = {}
    try:
        raw, positions = _parse(_read_bytes(path), str(path), _format_of(path.name))
        return from_data(raw, guess_kind(raw), str(path), positions), positions, []
    except InvalidDataError as exc:
        return None, positions, exc.problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    failed = False
    for name in args:
        problems = check_file(Path(name))
        for problem in problems:
            print(problem)
        if not problems:
            print(f"{name}: OK")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
