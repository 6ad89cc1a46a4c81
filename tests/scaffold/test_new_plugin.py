"""`labkit new-plugin` makes a plugin that installs, lists, renders and passes its own tests in a fresh venv."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from labkit.cli import main
from labkit.errors import ConfigurationError
from labkit.scaffold import create_plugin, plugin_names

ROOT = Path(__file__).resolve().parents[2]


def test_names():
    assert plugin_names("labkit-Employer-Breakfasts".lower()) == {
        "dist": "labkit-employer-breakfasts",
        "module": "labkit_employer_breakfasts",
        "method_id": "employer-breakfasts",
        "today": plugin_names("x")["today"],
    }
    with pytest.raises(ConfigurationError, match="not a usable plugin name"):
        plugin_names("My Plugin!")


def test_scaffold_files_validate(tmp_path):
    target = create_plugin("breakfasts", tmp_path)
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == [
        "README.md",
        "pyproject.toml",
        "src/labkit_breakfasts/__init__.py",
        "src/labkit_breakfasts/documents.yaml",
        "src/labkit_breakfasts/indicators.yaml",
        "src/labkit_breakfasts/method.yaml",
        "src/labkit_breakfasts/templates/breakfasts/guide.docx",
        "tests/test_plugin.py",
    ]
    yaml_files = [str(p) for p in (target / "src" / "labkit_breakfasts").glob("*.yaml")]
    assert main(["check", *yaml_files]) == 0


def test_scaffold_refuses_an_existing_folder_and_leaves_nothing(tmp_path):
    create_plugin("breakfasts", tmp_path)
    with pytest.raises(ConfigurationError, match="already exists"):
        create_plugin("breakfasts", tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["labkit-breakfasts"]


def _howto_commands() -> list[str]:
    """Every line of every ``sh`` block of the plugin how-to, in order."""
    page = (ROOT / "docs" / "how-to" / "publish-a-plugin.md").read_text(encoding="utf-8")
    commands = []
    for block in page.split("```sh\n")[1:]:
        commands += [line.strip() for line in block.split("```", 1)[0].splitlines() if line.strip()]
    return commands


@pytest.mark.slow
def test_plugin_howto_word_by_word_in_a_fresh_virtual_environment(tmp_path):
    """Follow docs/how-to/publish-a-plugin.md exactly, in a new venv where only labkit is installed."""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    environment = {
        **os.environ,
        "LABKIT_CACHE_DIR": str(tmp_path / "cache"),
        "VIRTUAL_ENV": str(env_dir),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    environment.pop("PYTHONPATH", None)
    work = tmp_path / "work"
    work.mkdir()

    def run(command: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            command, shell=True, capture_output=True, text=True, env=environment, cwd=work
        )
        assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"
        return result

    run(f"pip install --quiet {ROOT} pytest")
    commands = _howto_commands()
    assert commands[0] == "labkit new-plugin employer-breakfasts"
    # One shell runs the page, so a `cd` in it would carry over exactly as for a reader.
    result = run("set -e\n" + "\n".join(commands))
    assert "employer-breakfasts" in result.stdout
    assert (work / "guide.docx").stat().st_size > 10_000
    assert "1 passed" in result.stdout
    assert list(
        (work / "labkit-employer-breakfasts" / "dist").glob(
            "labkit_employer_breakfasts-0.1.0-py3-none-any.whl"
        )
    )
    listed = json.loads(run("labkit methods --json").stdout)
    assert [(m["id"], m["distribution"]) for m in listed] == [
        ("employer-breakfasts", "labkit-employer-breakfasts")
    ]
    run("labkit document employer-breakfasts-follow-up employer-breakfasts -o form.docx")
    assert sys.executable != str(bin_dir / "python")
