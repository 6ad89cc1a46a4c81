"""``labkit new-plugin``: scaffold a complete, installable method plugin.

The plugin is data-only: method, indicator and form files and a Word template in a package folder with no Python
code, found through its entry point. It starts at version 1.0.0 and requires the installed labkit-core's version.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import string
from pathlib import Path

from ..errors import ConfigurationError
from ..files import atomic_write
from ..version import __version__

__all__ = ["create_plugin", "plugin_names"]

FILES = Path(__file__).parent / "files"


def plugin_names(name: str) -> dict[str, str]:
    """Distribution, module and method id for a plugin *name* like ``breakfasts`` or ``labkit-breakfasts``."""
    method_id = name.strip().lower().removeprefix("labkit-")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", method_id) or len(method_id) > 50:
        raise ConfigurationError(
            f"{name!r} is not a usable plugin name: use lowercase letters, digits and hyphens, like 'employer-breakfasts'"
        )
    return {
        "dist": f"labkit-{method_id}",
        "module": "labkit_" + method_id.replace("-", "_"),
        "method_id": method_id,
        "today": dt.date.today().isoformat(),
        "core_version": __version__,
    }


def create_plugin(name: str, parent: str | os.PathLike[str] = ".") -> Path:
    """Create the plugin *name* in a new folder under *parent*; returns the folder.

    The plugin is made in a hidden folder beside it and renamed into place when every file is written, so it
    appears whole or not at all: an existing folder is refused, and a failure midway (a full disk, Ctrl-C) leaves
    nothing behind. Files and folders get the usual permissions (the umask's), like any the user makes.
    """
    names = plugin_names(name)
    parent = Path(parent)
    target = parent / names["dist"]
    if target.exists() or target.is_symlink():
        raise ConfigurationError(f"{target} already exists; choose another name or folder")
    parent.mkdir(parents=True, exist_ok=True)
    staging = parent / f".{names['dist']}.{os.urandom(6).hex()}.tmp"
    staging.mkdir()
    try:
        for dest, data in _files(names).items():
            atomic_write(staging / dest, data)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _files(names: dict[str, str]) -> dict[str, str | bytes]:
    """Every file of a new plugin, by its path inside the plugin folder."""
    layout = {
        "pyproject.toml.tmpl": "pyproject.toml",
        "README.md.tmpl": "README.md",
        "tests/test_plugin.py.tmpl": "tests/test_plugin.py",
        "method.yaml.tmpl": f"src/{names['module']}/method.yaml",
        "indicators.yaml.tmpl": f"src/{names['module']}/indicators.yaml",
        "documents.yaml.tmpl": f"src/{names['module']}/documents.yaml",
    }
    files: dict[str, str | bytes] = {
        dest: string.Template((FILES / source).read_text(encoding="utf-8")).substitute(names)
        for source, dest in layout.items()
    }
    guide = Path(__file__).parent.parent / "builtin" / "templates" / "guide.docx"
    files[f"src/{names['module']}/templates/{names['method_id']}/guide.docx"] = guide.read_bytes()
    return files
