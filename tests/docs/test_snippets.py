"""Documentation snippets stay true.

Every line of a ```sh block in docs/ that starts with ``labkit `` must be a real command line: its words resolve
to a click command, every option exists for that command (or a group above it) and the number of arguments fits.
Every ```python block with ``<!-- test -->`` on the line above runs, in an empty folder, exactly as written.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import click
import pytest

from labkit.cli import cli
from labkit.cli._app import load_commands

load_commands()  # every command's module, so the walks below see every command

DOCS = Path(__file__).parents[2] / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
FENCE = re.compile(r"^(<!-- test -->\n)?```(\w*)[^\n]*\n(.*?)^```", re.M | re.S)
HELP = ("-h", "--help")


def blocks(lang: str) -> list[tuple[str, bool, str]]:
    found = []
    for page in PAGES:
        for marker, kind, body in FENCE.findall(page.read_text(encoding="utf-8")):
            if kind == lang:
                found.append((page.relative_to(DOCS).as_posix(), bool(marker), body))
    return found


def command_lines() -> list[tuple[str, str]]:
    lines = []
    for page, _marked, body in blocks("sh"):
        for line in body.splitlines():
            if line.strip().startswith("labkit "):
                lines.append((page, line.strip()))
    return lines


def find_option(chain: list[click.Command], name: str) -> click.Option | None:
    """The option *name* of the last command in *chain*, or of a group above it (options before a subcommand)."""
    for command in reversed(chain):
        for param in command.params:
            if isinstance(param, click.Option) and name in (*param.opts, *param.secondary_opts):
                return param
    return None


def check_command_line(line: str) -> str | None:
    """Why *line* is not a valid labkit command line, or None if it is."""
    words = shlex.split(line, comments=True)[1:]
    chain: list[click.Command] = [cli]
    positionals: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if word == "--":
            positionals += words[index:]
            break
        if word.startswith("-") and word != "-":
            name, has_value = word.split("=", 1)[0], "=" in word
            if name in HELP:
                continue
            option = find_option(chain if not positionals else chain[-1:], name)
            if option is None:
                return f"no option {name} for {' '.join(['labkit', *words[: index - 1]])}"
            if not (option.is_flag or option.count) and not has_value:
                index += option.nargs
            continue
        command = chain[-1]
        if isinstance(command, click.Group) and not positionals and word in command.commands:
            chain.append(command.commands[word])
            continue
        if isinstance(command, click.Group) and not positionals:
            return f"{word!r} is not a subcommand of {command.name}"
        positionals.append(word)
    command = chain[-1]
    if isinstance(command, click.Group) and not command.invoke_without_command:
        return f"{command.name} needs a subcommand"
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    required = sum(max(a.nargs, 1) for a in arguments if a.required)
    unlimited = any(a.nargs == -1 for a in arguments)
    most = sum(a.nargs for a in arguments if a.nargs > 0)
    if len(positionals) < required:
        return f"{command.name} needs {required} argument(s), got {positionals}"
    if not unlimited and len(positionals) > most:
        return f"{command.name} takes at most {most} argument(s), got {positionals}"
    return None


COMMAND_LINES = command_lines()


def test_the_docs_show_many_commands():
    assert len(COMMAND_LINES) > 40


@pytest.mark.parametrize(("page", "line"), COMMAND_LINES)
def test_every_labkit_command_in_the_docs_exists(page, line):
    assert check_command_line(line) is None, f"{page}: {line}: {check_command_line(line)}"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("labkit guide", "needs 1 argument"),
        ("labkit guides portalen", "not a subcommand"),
        ("labkit guide portalen --colour red", "no option --colour"),
        ("labkit lab", "needs a subcommand"),
        ("labkit lab check a.yaml b.yaml", "at most 1"),
    ],
)
def test_the_command_check_catches_mistakes(line, problem):
    assert problem in (check_command_line(line) or "")


def test_the_command_check_accepts_group_options_and_values():
    assert check_command_line("labkit --strict plugins --json") is None
    assert check_command_line("labkit methods --focus safety --lang en") is None
    assert check_command_line("labkit methods show safety-walk --lang=en") is None
    assert check_command_line("labkit report lab.yaml --data a.csv --data b.xlsx -o r.docx") is None


def test_every_test_marker_is_followed_by_a_python_block():
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r"<!-- test -->\n(.*)", text):
            assert match[1].startswith("```python"), f"{page.relative_to(DOCS)}: {match[1]!r}"


MARKED = [(page, body) for page, marked, body in blocks("python") if marked]


def test_the_docs_have_tested_python_blocks():
    assert len(MARKED) >= 5


@pytest.mark.parametrize(
    ("page", "body"), MARKED, ids=[f"{page}-{n}" for n, (page, _body) in enumerate(MARKED)]
)
def test_marked_python_blocks_run(page, body, tmp_path):
    environment = {**os.environ, "LABKIT_CACHE_DIR": str(tmp_path / ".cache")}
    result = subprocess.run(
        [sys.executable, "-c", body],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )
    assert result.returncode == 0, f"{page}:\n{body}\n{result.stderr}"
