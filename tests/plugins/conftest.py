"""Fixture plugins installed through real entry points.

:class:`FakeSite` lays out minimal installed distributions the way an installer does: a
``<name>-<version>.dist-info`` folder holding ``METADATA`` and an ``entry_points.txt`` with a ``[labkit]``
section, next to the plugin's module. The folder is put on ``PYTHONPATH`` of a ``labkit`` subprocess, which then
discovers the plugins exactly like any installed package.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

SAMPLE = Path(__file__).parent.parent / "data" / "sample-method.yaml"

#: A plugin whose labkit_methods hook returns the method file shipped next to its module.
METHOD_FILE_PLUGIN = """\
from pathlib import Path

from labkit import hookimpl


@hookimpl
def labkit_methods():
    return [Path(__file__).parent / "method.yaml"]
"""


def _sample_method(method_id: str, version: str = "1.0.0") -> str:
    """The text of tests/data/sample-method.yaml with another id (and version)."""
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("id: example-method", f"id: {method_id}", 1)
    if version != "1.0.0":
        text = text.replace("version: 1.0.0", f"version: {version}", 1)
        text = text.replace("{version: 1.0.0,", f"{{version: {version},", 1)
    return text


def _dist_folder_name(dist: str) -> str:
    """How installers escape a distribution name in its ``.dist-info`` folder (``labkit-good`` -> ``labkit_good``)."""
    return re.sub(r"[-_.]+", "_", dist)


class FakeSite:
    """A folder of fake installed distributions and a way to run ``labkit`` against it.

    Test modules reach the helpers through the ``fake_site`` fixture (conftest modules are not importable).
    """

    method_file_plugin = METHOD_FILE_PLUGIN
    sample_method = staticmethod(_sample_method)

    def __init__(self, path: Path, cache: Path) -> None:
        self.path = path
        self.cache = cache
        self.distributions: list[str] = []

    def install(
        self,
        dist: str,
        version: str,
        code: str,
        *,
        entry_name: str | None = None,
        module: str | None = None,
        target: str | None = None,
        files: Mapping[str, str] | None = None,
    ) -> Path:
        """Install a one-module plugin package; returns the package folder.

        The entry point is ``<entry_name> = <target>`` in the group ``labkit``; *module* defaults to the
        distribution name with underscores, *target* to *module* and *entry_name* to the distribution name
        without ``labkit-``.
        """
        module = module or dist.replace("-", "_")
        entry_name = entry_name or dist.removeprefix("labkit-")
        info = self.path / f"{_dist_folder_name(dist)}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\nSummary: labkit test plugin\n",
            encoding="utf-8",
        )
        (info / "entry_points.txt").write_text(
            f"[console_scripts]\n{dist}-tool = {module}:main\n\n[labkit]\n{entry_name} = {target or module}\n",
            encoding="utf-8",
        )
        (info / "RECORD").write_text("", encoding="utf-8")
        package = self.path / module
        package.mkdir()
        (package / "__init__.py").write_text(code, encoding="utf-8")
        for name, text in (files or {}).items():
            dest = package / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(text, encoding="utf-8")
        self.distributions.append(dist)
        return package

    def install_method(
        self, dist: str, version: str, method_id: str, *, extra_code: str = "", **kw: Any
    ) -> Path:
        """Install a plugin contributing one method, a copy of the sample method with *method_id*."""
        return self.install(
            dist,
            version,
            METHOD_FILE_PLUGIN + extra_code,
            files={"method.yaml": _sample_method(method_id, version)},
            **kw,
        )

    def env(self, env: Mapping[str, str | None] | None = None) -> dict[str, str]:
        # No terminal size either (pytest-xdist sets COLUMNS=80): the commands print to a pipe, as a script sees them.
        environment = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("LABKIT_", "PYTHON")) and k not in {"COLUMNS", "LINES"}
        }
        environment["PYTHONPATH"] = str(self.path)
        environment["PYTHONIOENCODING"] = "utf-8"
        environment["LABKIT_CACHE_DIR"] = str(self.cache)
        # Only the fixture distributions: the published plugins are installed (editable) in this environment too.
        environment["LABKIT_PLUGINS"] = ",".join(self.distributions)
        for key, value in (env or {}).items():
            if value is None:
                environment.pop(key, None)
            else:
                environment[key] = value
        return environment

    def run(
        self, *args: str, env: Mapping[str, str | None] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "labkit", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=self.env(env),
            cwd=self.path,
            check=False,
        )

    def plugins_json(
        self, *args: str, env: Mapping[str, str | None] | None = None
    ) -> tuple[dict[str, Any], subprocess.CompletedProcess[str]]:
        result = self.run(*args, "plugins", "--json", env=env)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout), result

    def check_plugin(self, distribution: str) -> dict[str, Any]:
        """:func:`labkit.testing.check_plugin` of *distribution*, run against this site, as a dict."""
        code = (
            "import json, sys, attrs; from labkit.testing import check_plugin; "
            "print(json.dumps(attrs.asdict(check_plugin(sys.argv[1]))))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code, distribution],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=self.env(),
            cwd=self.path,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]

    @staticmethod
    def by_distribution(data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
        """``labkit plugins --json`` output keyed by distribution."""
        return {p["distribution"]: p for p in data["plugins"]}

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line for line in text.splitlines() if line.strip()]


@pytest.fixture
def fake_site(tmp_path: Path) -> FakeSite:
    site = tmp_path / "site"
    site.mkdir()
    return FakeSite(site, tmp_path / "cache")
