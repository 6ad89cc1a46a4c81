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
import tempfile
from pathlib import Path

from ..errors import ConfigurationError
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

    Nothing is written if the folder already exists or anything fails.
    """
    names = plugin_names(name)
    target = Path(parent) / names["dist"]
    if target.exists():
        raise ConfigurationError(f"{target} already exists; choose another name or folder")
    layout = {
        "pyproject.toml.tmpl": "pyproject.toml",
        "README.md.tmpl": "README.md",
        "tests/test_plugin.py.tmpl": "tests/test_plugin.py",
        "method.yaml.tmpl": f"src/{names['module']}/method.yaml",
        "indicators.yaml.tmpl": f"src/{names['module']}/indicators.yaml",
        "documents.yaml.tmpl": f"src/{names['module']}/documents.yaml",
    }
    Path(parent).mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".labkit-new-plugin-", dir=parent))
    try:
        for source, dest in layout.items():
            text = string.Template((FILES / source).read_text(encoding="utf-8")).substitute(names)
            path = staging / dest
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        template_dir = staging / "src" / names["module"] / "templates" / names["method_id"]
        template_dir.mkdir(parents=True)
        shutil.copyfile(
            Path(__file__).parent.parent / "builtin" / "templates" / "guide.docx", template_dir / "guide.docx"
        )
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target
