"""Data-only plugins: a package of method files and templates, with no Python code of its own.

A distribution whose entry point names a package without hook implementations is read as data. The package may
hold, next to each other:

- ``method.yaml``: the method;
- ``indicators.yaml``: indicators added to the shared library;
- ``documents.yaml``: printable forms, each a document kind for the method;
- ``templates/``: Word templates, ``<method-id>/<kind>.docx`` for the method's own documents.

The package needs no ``__init__.py`` (a folder is a namespace package); its ``pyproject.toml`` declares the entry
point ``[project.entry-points.labkit] <name> = "<package>"``. A script or a test can build the same plugin from
any folder with ``DataPlugin(folder)`` and register it with :meth:`labkit.Catalog.register`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ..hookspecs import hookimpl

if TYPE_CHECKING:
    from ..generators import Generator

__all__ = ["DATA_FILES", "DataPlugin"]

#: What a data-only plugin's package may hold.
DATA_FILES = ("method.yaml", "indicators.yaml", "documents.yaml", "templates")


class DataPlugin:
    """The plugin made from the data files in *folder* (see the module documentation for the layout)."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    def __repr__(self) -> str:
        return f"DataPlugin({str(self.folder)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (DataPlugin, (str(self.folder),))

    @classmethod
    def from_module(cls, module: Any) -> DataPlugin | None:
        """The data plugin of a package (its folder), or None if the package holds none of the data files."""
        paths = list(getattr(module, "__path__", None) or [])
        if not paths and getattr(module, "__file__", None):
            paths = [str(Path(module.__file__).parent)]
        for path in paths:
            plugin = cls(path)
            if plugin.files():
                return plugin
        return None

    #: The hook that hands each data file to labkit.
    HOOKS: ClassVar[Mapping[str, str]] = {
        "labkit_methods": "method.yaml",
        "labkit_indicators": "indicators.yaml",
        "labkit_generators": "documents.yaml",
        "labkit_templates": "templates",
    }

    def __dir__(self) -> list[str]:
        # pluggy registers the hooks it finds in dir(): only those of the files that are there, so that
        # `labkit plugins` lists what the plugin really contributes.
        present = set(self.files())
        return [
            name
            for name in super().__dir__()
            if self.HOOKS.get(name, "") in present or name not in self.HOOKS
        ]

    def files(self) -> list[str]:
        """The data files present, of :data:`DATA_FILES`."""
        return [name for name in DATA_FILES if (self.folder / name).exists()]

    def _file(self, name: str) -> list[Path]:
        path = self.folder / name
        return [path] if path.exists() else []

    @hookimpl
    def labkit_methods(self) -> list[Path]:
        return self._file("method.yaml")

    @hookimpl
    def labkit_indicators(self) -> list[Path]:
        return self._file("indicators.yaml")

    @hookimpl
    def labkit_templates(self) -> list[Path]:
        return self._file("templates")

    @hookimpl
    def labkit_generators(self) -> list[Generator]:
        from ..generators import forms_from_file

        return [g for path in self._file("documents.yaml") for g in forms_from_file(path)]
