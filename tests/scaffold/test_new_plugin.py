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


@pytest.mark.slow
def test_scaffolded_plugin_in_a_fresh_virtual_environment(tmp_path):
    target = create_plugin("employer-breakfasts", tmp_path)
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    labkit = env_dir / "bin" / "labkit"
    environment = {**os.environ, "LABKIT_CACHE_DIR": str(tmp_path / "cache")}
    environment.pop("PYTHONPATH", None)

    def run(*command: str | os.PathLike[str]) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(c) for c in command], capture_output=True, text=True, env=environment, cwd=tmp_path
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    run(python, "-m", "pip", "install", "--quiet", str(ROOT), str(target), "pytest")
    listed = json.loads(run(labkit, "methods", "--json").stdout)
    assert [m["id"] for m in listed] == ["employer-breakfasts"]
    assert listed[0]["distribution"] == "labkit-employer-breakfasts"
    run(labkit, "guide", "employer-breakfasts", "--lang", "en", "-o", tmp_path / "guide.docx")
    assert (tmp_path / "guide.docx").stat().st_size > 10_000
    run(
        labkit,
        "document",
        "employer-breakfasts-follow-up",
        "employer-breakfasts",
        "-o",
        tmp_path / "form.docx",
    )
    tests = run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", target / "tests")
    assert "1 passed" in tests.stdout
    assert sys.executable != str(python)
