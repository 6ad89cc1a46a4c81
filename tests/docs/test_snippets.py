"""Documentation snippets stay true: every `labkit ...` command exists, marked Python blocks run."""

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

DOCS = Path(__file__).parents[2] / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
FENCE = re.compile(r"(<!-- test -->\n)?```(\w+)\n(.*?)```", re.S)


def _blocks(kind: str):
    for page in PAGES:
        for marker, lang, body in FENCE.findall(page.read_text(encoding="utf-8")):
            if lang == kind:
                yield page, bool(marker), body


def _resolves(words: list[str]) -> bool:
    command: click.Command = cli
    for word in words[1:]:
        if word.startswith("-") or not isinstance(command, click.Group):
            return True
        if word not in command.commands:
            return isinstance(command, click.Group) and command.invoke_without_command
        command = command.commands[word]
    return True


def test_every_labkit_command_in_the_docs_exists():
    seen = 0
    for page, _marked, body in _blocks("sh"):
        for line in body.splitlines():
            line = line.split("#")[0].strip()
            if line.startswith("labkit "):
                seen += 1
                words = shlex.split(line)
                assert _resolves(words), f"{page.relative_to(DOCS)}: {line}"
                ctx = cli.make_context("labkit", words[1:], resilient_parsing=True)
                assert ctx is not None
    assert seen > 20


@pytest.mark.parametrize(
    ("page", "index"),
    [
        (page.relative_to(DOCS).as_posix(), i)
        for page in PAGES
        for i, (marker, lang, _b) in enumerate(FENCE.findall(page.read_text(encoding="utf-8")))
        if marker and lang == "python"
    ],
)
def test_marked_python_blocks_run(page, index, tmp_path):
    body = FENCE.findall((DOCS / page).read_text(encoding="utf-8"))[index][2]
    result = subprocess.run(
        [sys.executable, "-c", body],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "LABKIT_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert result.returncode == 0, result.stderr
