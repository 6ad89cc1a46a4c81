"""`labkit new-plugin` makes a plugin that installs, lists, renders and passes its own tests in a fresh venv."""

from __future__ import annotations

import json
import os
import stat
import tomllib
from pathlib import Path

import pytest
from tests.venvs import fresh_environment, shell

import labkit
from labkit.cli import main
from labkit.errors import ConfigurationError
from labkit.files import load_method
from labkit.labs.new import pin_for
from labkit.model.versions import satisfies
from labkit.scaffold import create_plugin, plugin_names

ROOT = Path(__file__).resolve().parents[2]


def test_names():
    assert plugin_names("labkit-Employer-Breakfasts".lower()) == {
        "dist": "labkit-employer-breakfasts",
        "module": "labkit_employer_breakfasts",
        "method_id": "employer-breakfasts",
        "today": plugin_names("x")["today"],
        "core_version": labkit.__version__,
    }
    with pytest.raises(ConfigurationError, match="not a usable plugin name"):
        plugin_names("My Plugin!")


def test_scaffold_files_validate(tmp_path):
    target = create_plugin("breakfasts", tmp_path)
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == [
        "README.md",
        "pyproject.toml",
        "src/labkit_breakfasts/documents.yaml",
        "src/labkit_breakfasts/indicators.yaml",
        "src/labkit_breakfasts/method.yaml",
        "src/labkit_breakfasts/templates/breakfasts/guide.docx",
        "tests/test_plugin.py",
    ]
    yaml_files = [str(p) for p in (target / "src" / "labkit_breakfasts").glob("*.yaml")]
    assert main(["check", *yaml_files]) == 0
    # A data-only plugin: no Python in the package, version 1.0.0, requiring the labkit-core it was made with.
    assert not list((target / "src").rglob("*.py"))
    project = tomllib.loads((target / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == "1.0.0"
    assert project["dependencies"] == [f"labkit-core>={labkit.__version__}"]
    assert project["optional-dependencies"]["test"] == ["pytest>=8"]
    assert project["entry-points"]["labkit"] == {"breakfasts": "labkit_breakfasts"}
    assert load_method(target / "src" / "labkit_breakfasts" / "method.yaml").version == "1.0.0"


def test_lab_new_pins_the_installed_version():
    assert [pin_for(v) for v in ("1.4.2", "2.0.0", "0.3.1", "0.0.4", "1.0.0-rc.1")] == [
        "^1.0",
        "^2.0",
        "^0.3",
        "^0.0.4",
        "^1.0.0-rc.1",
    ]
    for version in ("1.4.2", "0.3.1", "0.0.4", "1.0.0-rc.1"):
        assert satisfies(version, pin_for(version))


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
def test_plugin_howto_word_by_word_in_a_fresh_virtual_environment(tmp_path, core_wheel):
    """Follow docs/how-to/publish-a-plugin.md exactly, in a new venv with nothing installed: the page installs
    labkit-core and everything else its commands need (pip finds labkit-core in a wheel built from this checkout,
    as it would on the package index)."""
    environment = fresh_environment(tmp_path, core_wheel)
    work = tmp_path / "work"
    work.mkdir()
    run = shell(environment, work)
    installed = {line.split("==")[0] for line in run("python -m pip list --format=freeze").stdout.split()}
    assert installed <= {"pip", "setuptools"}  # nothing else: no labkit, no pytest
    commands = _howto_commands()
    assert commands[:2] == ["python -m pip install labkit-core", "labkit new-plugin employer-breakfasts"]
    # One shell runs the page, so a `cd` in it would carry over exactly as for a reader.
    result = run("set -e\n" + "\n".join(commands))
    assert "employer-breakfasts" in result.stdout
    assert (work / "guide.docx").stat().st_size > 10_000
    assert " passed" in result.stdout and "failed" not in result.stdout
    assert list(
        (work / "labkit-employer-breakfasts" / "dist").glob(
            "labkit_employer_breakfasts-1.0.0-py3-none-any.whl"
        )
    )
    listed = json.loads(run("labkit methods --json").stdout)
    assert [(m["id"], m["distribution"]) for m in listed] == [
        ("employer-breakfasts", "labkit-employer-breakfasts")
    ]
    run("labkit document employer-breakfasts-follow-up employer-breakfasts -o form.docx")
    # A scaffolded plugin can be used by a new lab at once: lab new pins the installed version.
    run(
        "labkit lab new -o lab.yaml --name Frukost --area Hageby --municipality Norrköping --host Bolaget "
        "--focus employment --methods employer-breakfasts"
    )
    run("labkit lab check lab.yaml")


def test_a_scaffold_that_fails_midway_leaves_nothing(tmp_path, monkeypatch):
    import labkit.scaffold

    real = labkit.scaffold.atomic_write
    written: list[str] = []

    def disk_full_at_the_fourth_file(path, data, **kwargs):  # type: ignore[no-untyped-def]
        written.append(str(path))
        if len(written) == 4:
            raise OSError(28, "No space left on device", str(path))
        return real(path, data, **kwargs)

    monkeypatch.setattr(labkit.scaffold, "atomic_write", disk_full_at_the_fourth_file)
    with pytest.raises(OSError, match="No space left"):
        create_plugin("breakfasts", tmp_path)
    assert len(written) == 4
    assert list(tmp_path.iterdir()) == []


def test_a_scaffold_interrupted_midway_leaves_nothing(tmp_path, monkeypatch):
    import labkit.scaffold

    def interrupted(path, data, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(labkit.scaffold, "atomic_write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        create_plugin("breakfasts", tmp_path)
    assert list(tmp_path.iterdir()) == []


def _umask() -> int:
    """The process umask, read without changing it where the system says it (Linux), else set and restored."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def test_a_scaffold_gets_the_usual_permissions(tmp_path):
    umask = _umask()
    target = create_plugin("breakfasts", tmp_path)
    assert stat.S_IMODE(target.stat().st_mode) == 0o777 & ~umask
    assert stat.S_IMODE((target / "pyproject.toml").stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE((target / "src").stat().st_mode) == 0o777 & ~umask
