"""Layers flow one way: the site (an application) uses the catalog, documents, model and files; nothing below it
uses the site, and only the command line sits above it."""

from __future__ import annotations

import ast
from pathlib import Path

import labkit

SRC = Path(labkit.__file__).parent
# What the site may build on: the layers below the applications, and the shared helpers they use.
ALLOWED = {
    "app",
    "catalog",
    "documents",
    "model",
    "files",
    "errors",
    "text",
    "i18n",
    "generators",
    "site",
    "version",
}


def imported(path: Path) -> set[str]:
    """The labkit modules *path* imports, as dotted names below ``labkit`` (``""`` for the package itself)."""
    package = path.relative_to(SRC.parent).with_suffix("").parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join([*base, node.module or ""]).strip(".")
            else:
                name = node.module or ""
            if name == "labkit" or name.startswith("labkit."):
                found.add(name.removeprefix("labkit").lstrip("."))
        elif isinstance(node, ast.Import):
            found |= {
                a.name.removeprefix("labkit").lstrip(".") for a in node.names if a.name.startswith("labkit")
            }
    return found


def test_the_site_builds_only_on_the_layers_below_it():
    for path in sorted((SRC / "site").glob("*.py")):
        for name in imported(path):
            assert name.split(".")[0] in ALLOWED, f"{path.name} imports labkit.{name}"


def test_nothing_but_the_command_line_imports_the_site():
    for path in sorted(SRC.rglob("*.py")):
        top = path.relative_to(SRC).parts[0]
        if top in ("site", "cli"):
            continue
        for name in imported(path):
            assert not name.startswith("site"), f"{path.relative_to(SRC)} imports labkit.{name}"
