"""Listing commands start fast: they import neither the Word stack (docxtpl, python-docx, lxml) nor matplotlib.

Each command runs in a fresh interpreter, so ``sys.modules`` shows exactly what it imported, once with a cold
parse cache and once with a warm one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("docxtpl", "docx", "matplotlib", "lxml", "jinja2", "PIL", "numpy")

PROBE = (
    "import sys, json; from labkit.cli import main; code = main({argv!r}); "
    "print(json.dumps([code, sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r})]))"
)


def imported_by(argv: list[str], env: dict[str, str]) -> tuple[int, list[str]]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv, heavy=set(HEAVY))],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=True,
    )
    code, modules = json.loads(result.stdout.strip().splitlines()[-1])
    return code, modules


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABKIT_")}
    env["LABKIT_CACHE_DIR"] = str(tmp_path / "cache")
    env.update(extra)
    return env


COMMANDS = [
    ["methods"],
    ["methods", "--json"],
    ["methods", "--focus", "safety"],
    ["plugins"],
    ["plugins", "--json"],
    ["indicators"],
    ["documents"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_listing_with_only_the_builtin_plugin_imports_nothing_heavy(tmp_path, argv):
    env = environment(tmp_path, LABKIT_PLUGINS="")
    for _cache in ("cold", "warm"):
        code, modules = imported_by(argv, env)
        assert code == 0
        assert modules == []


@pytest.mark.parametrize("argv", [["methods"], ["plugins"]], ids=" ".join)
def test_listing_with_every_installed_plugin_imports_nothing_heavy(tmp_path, argv):
    """The published plugins are installed in the test environment; listing them must stay light too."""
    env = environment(tmp_path)
    for _cache in ("cold", "warm"):
        code, modules = imported_by(argv, env)
        assert code == 0
        assert modules == []


def test_exact_probe_from_the_brief(tmp_path):
    code = (
        "import sys; from labkit.cli import main; main(['methods']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'docxtpl','docx','matplotlib'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=environment(tmp_path),
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_import_labkit_alone_is_light(tmp_path):
    code = (
        "import sys, json, labkit; labkit.hookimpl; labkit.LocalizedText; "
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {set(HEAVY)!r} | {{'yaml', 'cattrs'}})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment(tmp_path), check=True
    )
    assert json.loads(result.stdout) == []
