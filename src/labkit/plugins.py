"""Plugin discovery: labkit's built-in plugin plus every installed entry point in the group ``labkit``.

Entry points are loaded one at a time. A plugin that fails to import, raises in a hook or returns invalid data is
skipped with one :class:`PluginWarning` naming its distribution, version and the error; every other plugin keeps
working. Strict mode (``--strict`` or ``LABKIT_STRICT=1``) turns these warnings into :class:`PluginError`.
``LABKIT_PLUGINS`` restricts loading to the named distributions (comma-separated; empty loads none).
"""

from __future__ import annotations

import importlib
import os
import re
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pluggy

from . import hookspecs
from .errors import PluginError

__all__ = [
    "ENTRY_POINT_GROUP",
    "ENV_PLUGINS",
    "ENV_STRICT",
    "LoadedPlugin",
    "PluginSet",
    "PluginWarning",
    "load_plugins",
]

ENTRY_POINT_GROUP = "labkit"
ENV_STRICT = "LABKIT_STRICT"
ENV_PLUGINS = "LABKIT_PLUGINS"

_BUILTIN_MODULES = ("labkit.builtin",)


class PluginWarning(UserWarning):
    """A plugin was skipped (or part of what it contributes was) because it is broken."""


@attrs.define
class LoadedPlugin:
    """One registered plugin and what is known about it."""

    name: str
    distribution: str
    version: str
    module: str
    builtin: bool = False
    plugin: Any = attrs.field(default=None, repr=False)
    errors: list[str] = attrs.field(factory=list)

    @property
    def label(self) -> str:
        return f"{self.distribution} {self.version}"

    def hooks(self, pm: pluggy.PluginManager) -> list[str]:
        if self.plugin is None:
            return []
        return sorted(caller.name for caller in pm.get_hookcallers(self.plugin) or [])


def _env_strict() -> bool:
    return os.environ.get(ENV_STRICT, "").strip().lower() in {"1", "true", "yes", "on"}


def _env_allowed() -> set[str] | None:
    raw = os.environ.get(ENV_PLUGINS)
    if raw is None:
        return None
    return {_normalize(name) for name in raw.split(",") if name.strip()}


def _normalize(name: str) -> str:
    return name.strip().lower().replace("_", "-").replace(".", "-")


class PluginSet:
    """The loaded plugins, with per-plugin hook calls that isolate failures."""

    def __init__(self, *, strict: bool | None = None) -> None:
        self.strict = _env_strict() if strict is None else strict
        self.pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self.plugins: dict[str, LoadedPlugin] = {}
        self.failed: list[LoadedPlugin] = []
        """Plugins that could not be loaded at all (import errors)."""

    # -- problems --------------------------------------------------------------------------------------------
    def problem(self, plugin: LoadedPlugin, message: str) -> None:
        """Record a problem with *plugin*: a warning, or an error in strict mode."""
        text = f"plugin {plugin.label} ({plugin.name}): {message}"
        plugin.errors.append(message)
        if self.strict:
            raise PluginError(text)
        warnings.warn(text, PluginWarning, stacklevel=2)

    # -- loading ---------------------------------------------------------------------------------------------
    def register_module(self, module: Any, loaded: LoadedPlugin) -> None:
        owner = self.pm.get_name(module)
        if owner is not None:
            # pluggy's own message for this lists every registered plugin on extra lines.
            other = self.plugins.get(owner)
            self.failed.append(loaded)
            self.problem(
                loaded,
                f"cannot be registered: {loaded.module} is already registered as the plugin {owner!r}"
                + (f" of {other.label}" if other is not None else ""),
            )
            return
        try:
            self.pm.register(module, name=loaded.name)
        except (ValueError, pluggy.PluginValidationError) as exc:
            self.failed.append(loaded)
            detail = "; ".join(line.strip() for line in str(exc).splitlines() if line.strip())
            self.problem(loaded, f"cannot be registered: {detail}")
            return
        loaded.plugin = module
        self.plugins[loaded.name] = loaded

    def load_builtins(self) -> None:
        from . import __version__

        for module_name in _BUILTIN_MODULES:
            module = importlib.import_module(module_name)
            self.register_module(
                module,
                LoadedPlugin(module_name, "labkit", __version__, module_name, builtin=True),
            )

    def load_entry_points(self) -> None:
        allowed = _env_allowed()
        for ep in _entry_points():
            dist_name, version = ep.distribution, ep.version
            if allowed is not None and _normalize(dist_name) not in allowed:
                continue
            name = ep.name
            if name in self.plugins:
                name = f"{dist_name}:{ep.name}"
            loaded = LoadedPlugin(name, dist_name, version, ep.value)
            try:
                module = ep.load()
            except Exception as exc:  # a broken plugin must not stop the others
                self.failed.append(loaded)
                self.problem(loaded, f"failed to load: {type(exc).__name__}: {exc}")
                continue
            self.register_module(module, loaded)

    # -- calling ---------------------------------------------------------------------------------------------
    def call(self, hook_name: str) -> Iterator[tuple[LoadedPlugin, Any]]:
        """Call *hook_name* on each plugin separately; yield ``(plugin, result)`` for those that succeed."""
        caller = getattr(self.pm.hook, hook_name)
        by_module = {id(p.plugin): p for p in self.plugins.values()}
        # get_hookimpls() lists implementations in registration order: built-ins first, then plugins by name.
        for impl in caller.get_hookimpls():
            plugin = by_module.get(id(impl.plugin))
            if plugin is None:
                continue
            try:
                result = impl.function()
                if isinstance(result, Iterator):
                    # A generator hook runs only when iterated: do that here, where its errors are caught.
                    result = list(result)
            except Exception as exc:
                self.problem(plugin, f"hook {hook_name} raised {type(exc).__name__}: {exc}")
                continue
            if result is not None:
                yield plugin, result


_DIST_INFO = re.compile(r"^(?P<name>[^-]+)-(?P<version>[^-]+?)\.(?:dist|egg)-info$")


@attrs.frozen
class EntryPoint:
    """An installed entry point in the group ``labkit``, read from its distribution's metadata folder."""

    name: str
    value: str
    """``module`` or ``module:attribute``."""
    distribution: str
    version: str

    def load(self) -> Any:
        module_name, _, attribute = self.value.partition(":")
        obj = importlib.import_module(module_name.strip())
        for part in attribute.strip().split(".") if attribute.strip() else ():
            obj = getattr(obj, part)
        return obj


def _parse_entry_points(text: str, group: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section == group and "=" in line:
            name, _, value = line.partition("=")
            found.append((name.strip(), value.split("[")[0].strip()))
    return found


def _scan(group: str) -> list[EntryPoint]:
    """Entry points of *group* from the .dist-info folders on sys.path, first distribution of a name wins.

    importlib.metadata does the same but imports the email parser to read every METADATA file, which costs
    more than the rest of a listing command; the folder name already holds the normalized name and version.
    """
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")  # noqa: PTH208 - cheaper than Path objects on every start
        except OSError:
            continue
        for info in names:
            match = _DIST_INFO.match(info)
            if match is None:
                continue
            dist = match["name"].lower().replace("_", "-").replace(".", "-")
            if dist in seen:
                continue
            seen.add(dist)
            try:
                text = Path(folder or ".", info, "entry_points.txt").read_text(encoding="utf-8")
            except OSError:
                continue
            for name, value in _parse_entry_points(text, group):
                found.append(EntryPoint(name, value, dist, match["version"]))
    return sorted(found, key=lambda ep: (ep.distribution, ep.name))


def _entry_points() -> list[EntryPoint]:
    return _scan(ENTRY_POINT_GROUP)


def load_plugins(*, strict: bool | None = None, entry_points: bool = True) -> PluginSet:
    """Register labkit's built-in plugin and (unless *entry_points* is False) every installed plugin."""
    plugins = PluginSet(strict=strict)
    plugins.load_builtins()
    if entry_points:
        plugins.load_entry_points()
    return plugins
