"""Each command's module is imported when the command is used: the table that says where each command lives is
complete and right, and a listing command imports none of the other commands' modules."""

from __future__ import annotations

import json
import subprocess
import sys

from labkit.cli import cli
from labkit.cli._app import COMMAND_MODULES, load_commands


def test_the_table_names_every_command_and_its_module():
    load_commands()
    assert set(cli.commands) == set(COMMAND_MODULES)
    for name, command in cli.commands.items():
        assert command.callback is not None
        assert command.callback.__module__ == f"labkit.cli.{COMMAND_MODULES[name]}", name


def test_the_help_lists_every_command_without_loading_them_first():
    probe = (
        "import sys, json; from labkit.cli import main; main(['--help']); "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('labkit.cli.'))))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert all(f"  {name} " in result.stdout for name in COMMAND_MODULES)


def test_listing_methods_imports_no_other_commands_module():
    probe = (
        "import sys, json; from labkit.cli import main; main(['methods', '--json']); "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('labkit.cli.'))))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert "labkit.cli.listing" in loaded
    assert not loaded & {f"labkit.cli.{module}" for module in ("documents", "labs", "site", "scaffold")}


def test_a_mistyped_command_is_answered_with_the_nearest_one():
    result = subprocess.run(
        [sys.executable, "-m", "labkit", "metods"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "no such command 'metods'. Did you mean 'methods'?" in result.stderr
