"""Fresh virtual environments for tests that install labkit and plugins the way a user does, with pip.

pip finds labkit-core in a wheel built from this checkout (``core_wheel`` in tests/conftest.py), as it would find
it on the package index; everything else comes from the configured index.
"""

from __future__ import annotations

import os
import subprocess
import venv
from collections.abc import Callable
from pathlib import Path

Run = Callable[[str], subprocess.CompletedProcess[str]]


def fresh_environment(tmp_path: Path, wheels: Path) -> dict[str, str]:
    """A new virtual environment with nothing installed, whose pip finds labkit-core in *wheels*."""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    environment = {
        **os.environ,
        "LABKIT_CACHE_DIR": str(tmp_path / "cache"),
        "VIRTUAL_ENV": str(env_dir),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PIP_FIND_LINKS": f"{os.environ.get('PIP_FIND_LINKS', '')} {wheels}".strip(),
    }
    for name in [k for k in environment if k.startswith("LABKIT_") and k != "LABKIT_CACHE_DIR"]:
        del environment[name]
    environment.pop("PYTHONPATH", None)
    return environment


def shell(environment: dict[str, str], cwd: Path) -> Run:
    """Run a shell command in the environment; fails the test, with its output, if it fails."""

    def run(command: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(command, shell=True, capture_output=True, text=True, env=environment, cwd=cwd)
        assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"
        return result

    return run


def write_lab_texts(lab: Path) -> None:
    """Write the challenge and target group of a lab file from ``labkit lab new``, as its user would before the
    lab checks OK (lab new leaves them as placeholders for the user to replace)."""
    from labkit.labs.new import PLACEHOLDERS

    text = lab.read_text(encoding="utf-8")
    for placeholder in PLACEHOLDERS:
        text = text.replace(placeholder, "Written by the lab.")
    lab.write_text(text, encoding="utf-8")
