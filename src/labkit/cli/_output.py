"""What commands print: text a terminal shows as written, JSON, and lists of problems with a cap.

Every command prints through these, so a method, lab or plugin text can never move the cursor, change colours
or reverse a line on the user's terminal: control and bidi-override characters are shown as escapes
(:func:`labkit.text.printable`). A file with a million mistakes prints the first hundred and a count.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import click

from ..text import printable

__all__ = ["MAX_PROBLEMS", "echo", "echo_json", "echo_problems", "terminal_json"]

#: How many problems a command prints at most; the rest are counted.
MAX_PROBLEMS = 100

# What json.dumps(ensure_ascii=False) leaves raw that a terminal acts on: C1 controls, bidi overrides and
# isolates, line separators (C0 controls and DEL are escaped by json already; these only occur inside strings).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def echo(message: object = "", *, err: bool = False, bold: bool = False) -> None:
    """Print one line (or several) of text made safe for a terminal."""
    text = printable(message)
    click.echo(click.style(text, bold=True) if bold else text, err=err)


def terminal_json(text: str) -> str:
    """JSON text with the characters a terminal acts on written as JSON escapes (the data is the same)."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def echo_json(data: Any) -> None:
    """Print *data* as JSON, safe for a terminal (see :func:`terminal_json`)."""
    click.echo(terminal_json(json.dumps(data, indent=2, ensure_ascii=False)))


def echo_problems(problems: Sequence[object], prefix: str = "error: ") -> None:
    """Print each problem on its own line, at most :data:`MAX_PROBLEMS`, then how many more there are."""
    for problem in problems[:MAX_PROBLEMS]:
        echo(f"{prefix}{problem}", err=True)
    hidden = len(problems) - MAX_PROBLEMS
    if hidden > 0:
        more = f"{hidden} more problem is" if hidden == 1 else f"{hidden} more problems are"
        echo(f"{prefix}{more} not shown ({len(problems)} in all)", err=True)
