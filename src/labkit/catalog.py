"""The catalog: every method, indicator, template, generator and Jinja filter the installed plugins provide.

Contributions are gathered per plugin, so a broken contribution is skipped with a warning naming its
distribution, and two plugins contributing the same id is an error naming both (never a silent pick).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs

from ._cache import cached_load
from .errors import InvalidDataError, NotFoundError, PluginError
from .model.common import FocusArea
from .model.indicator import Indicator
from .model.method import Method
from .plugins import LoadedPlugin, PluginSet, load_plugins

__all__ = ["Catalog", "Conflict", "Entry", "get_catalog", "reset_catalog"]

T = TypeVar("T")


@attrs.frozen
class Entry:
    """A contributed item and the plugin it came from."""

    item: Any
    plugin: LoadedPlugin
    path: Path | None = None


@attrs.frozen
class Conflict:
    kind: str
    id: str
    plugins: tuple[LoadedPlugin, ...]

    def __str__(self) -> str:
        names = " and ".join(p.label for p in self.plugins)
        return (
            f"the {self.kind} {self.id!r} is contributed by both {names}; uninstall one of them, or let one "
            f"declare that it replaces the other (hook labkit_replaces)"
        )


def _suggest(wanted: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(wanted, list(known), 3, 0.5)
    return f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""


class Catalog:
    """What the installed plugins contribute. Each part is gathered on first use."""

    def __init__(self, plugins: PluginSet | None = None) -> None:
        self.plugins = plugins if plugins is not None else load_plugins()
        self.conflicts: list[Conflict] = []

    def register(self, plugin: Any, name: str | None = None) -> None:
        """Register a plugin object (a module or any object with hook methods) in this catalog at run time.

        Useful in scripts and tests: ``catalog.register(MyPlugin())``. What the catalog had gathered is
        forgotten, so the new plugin's contributions appear on next use.
        """
        from .plugins import LoadedPlugin

        label = str(name or getattr(plugin, "__name__", None) or type(plugin).__name__)
        self.plugins.register_module(plugin, LoadedPlugin(label, label, "local", label))
        for cached in (
            "method_entries",
            "indicator_entries",
            "generator_entries",
            "template_dirs",
            "jinja_filters",
            "replacements",
        ):
            self.__dict__.pop(cached, None)
        self.conflicts = []

    # -- helpers -------------------------------------------------------------------------------------------------
    def _gather(
        self,
        hook: str,
        kind: str,
        item_type: type[T],
        load_file: Callable[[Path], Iterable[T]],
        replaces: Mapping[str, Mapping[str, set[str]]] | None = None,
    ) -> dict[str, Entry]:
        entries: dict[str, Entry] = {}
        for plugin, result in self.plugins.call(hook):
            for item, path in self._items(plugin, result, kind, item_type, load_file):
                ident = item.id  # type: ignore[attr-defined]
                previous = entries.get(ident)
                if previous is None:
                    entries[ident] = Entry(item, plugin, path)
                    continue
                if _declares(replaces, plugin, ident, previous.plugin):
                    entries[ident] = Entry(item, plugin, path)
                elif _declares(replaces, previous.plugin, ident, plugin):
                    continue
                else:
                    conflict = Conflict(kind, ident, (previous.plugin, plugin))
                    self.conflicts.append(conflict)
                    if self.plugins.strict:
                        raise PluginError(str(conflict))
        for conflict in self.conflicts:
            if conflict.kind == kind:
                entries.pop(conflict.id, None)
        return entries

    def _items(
        self,
        plugin: LoadedPlugin,
        result: Any,
        kind: str,
        item_type: type[T],
        load_file: Callable[[Path], Iterable[T]],
    ) -> Iterable[tuple[T, Path | None]]:
        if isinstance(result, (str, Path, item_type, Mapping)) or not isinstance(result, Iterable):
            result = [result]
        for value in result:
            if isinstance(value, item_type):
                yield value, None
            elif isinstance(value, (str, Path)):
                path = Path(value)
                try:
                    for item in cached_load(kind, path, load_file, item_type):
                        yield item, path
                except InvalidDataError as exc:
                    details = "; ".join(str(p) for p in exc.problems[:20])
                    more = f" (and {len(exc.problems) - 20} more)" if len(exc.problems) > 20 else ""
                    self.plugins.problem(plugin, f"skipped invalid {kind} file: {details}{more}")
            else:
                self.plugins.problem(
                    plugin,
                    f"returned {type(value).__name__} where a {kind} or a path to a {kind} file belongs",
                )

    # -- methods ---------------------------------------------------------------------------------------------
    @functools.cached_property
    def replacements(self) -> dict[str, dict[str, set[str]]]:
        """method id -> plugin name -> distribution names it replaces."""
        out: dict[str, dict[str, set[str]]] = {}
        for plugin, result in self.plugins.call("labkit_replaces"):
            if not isinstance(result, Mapping):
                self.plugins.problem(
                    plugin, "labkit_replaces must return a mapping {method_id: distribution}"
                )
                continue
            for method_id, dist in result.items():
                out.setdefault(str(method_id), {}).setdefault(plugin.name, set()).add(_dist_key(str(dist)))
        return out

    @functools.cached_property
    def method_entries(self) -> dict[str, Entry]:
        return self._gather("labkit_methods", "method", Method, _load_methods, self.replacements)

    def methods(self, focus: FocusArea | str | None = None) -> list[Method]:
        """All methods, sorted by id, optionally only those with *focus* among their focus areas."""
        found = [e.item for e in sorted(self.method_entries.values(), key=lambda e: e.item.id)]
        if focus is not None:
            area = FocusArea(focus)
            found = [m for m in found if area in m.focus_areas]
        return found

    def method(self, method_id: str) -> Method:
        """The method with *method_id*; a clear error if it is missing or contributed twice."""
        entry = self.method_entries.get(method_id)
        if entry is not None:
            return entry.item  # type: ignore[no-any-return]
        for conflict in self.conflicts:
            if conflict.kind == "method" and conflict.id == method_id:
                raise PluginError(str(conflict))
        raise NotFoundError(
            f"no installed plugin provides the method {method_id!r}{_suggest(method_id, self.method_entries)}; "
            "'labkit methods' lists the installed methods"
        )

    # -- indicators -------------------------------------------------------------------------------------------
    @functools.cached_property
    def indicator_entries(self) -> dict[str, Entry]:
        return self._gather("labkit_indicators", "indicator", Indicator, _load_indicators)

    def indicators(self) -> list[Indicator]:
        return [e.item for e in sorted(self.indicator_entries.values(), key=lambda e: e.item.id)]

    def indicator(self, indicator_id: str) -> Indicator:
        entry = self.indicator_entries.get(indicator_id)
        if entry is None:
            raise NotFoundError(
                f"unknown indicator {indicator_id!r}{_suggest(indicator_id, self.indicator_entries)}"
            )
        return entry.item  # type: ignore[no-any-return]

    # -- generators -------------------------------------------------------------------------------------------
    @functools.cached_property
    def generator_entries(self) -> dict[str, Entry]:
        from .generators import Generator

        entries: dict[str, Entry] = {}
        for plugin, result in self.plugins.call("labkit_generators"):
            items = [result] if isinstance(result, Generator) else result
            if not isinstance(items, Iterable):
                self.plugins.problem(plugin, "labkit_generators must return generators")
                continue
            try:
                items = list(items)
            except Exception as exc:
                self.plugins.problem(plugin, f"labkit_generators failed: {type(exc).__name__}: {exc}")
                continue
            for item in items:
                if not isinstance(item, Generator):
                    self.plugins.problem(plugin, f"returned {type(item).__name__} where a Generator belongs")
                    continue
                previous = entries.get(item.name)
                if previous is not None:
                    conflict = Conflict("document kind", item.name, (previous.plugin, plugin))
                    self.conflicts.append(conflict)
                    if self.plugins.strict:
                        raise PluginError(str(conflict))
                    continue
                entries[item.name] = Entry(item, plugin)
        for conflict in self.conflicts:
            if conflict.kind == "document kind":
                entries.pop(conflict.id, None)
        return entries

    def generator(self, name: str) -> Any:
        entry = self.generator_entries.get(name)
        if entry is None:
            raise NotFoundError(f"unknown document kind {name!r}{_suggest(name, self.generator_entries)}")
        return entry.item

    def generators(self) -> list[Any]:
        return [e.item for e in self.generator_entries.values()]

    # -- templates and filters ------------------------------------------------------------------------------------
    @functools.cached_property
    def template_dirs(self) -> list[tuple[LoadedPlugin, Path]]:
        """Template folders, plugins first and labkit's own last (so plugins can override)."""
        dirs: list[tuple[LoadedPlugin, Path]] = []
        for plugin, result in self.plugins.call("labkit_templates"):
            values = [result] if isinstance(result, (str, Path)) else result
            if not isinstance(values, Iterable) or isinstance(values, Mapping):
                values = [values]
            for value in values:
                if not isinstance(value, (str, os.PathLike)):
                    self.plugins.problem(
                        plugin, f"returned {type(value).__name__} where a path to a template folder belongs"
                    )
                    continue
                path = Path(value)
                if not path.is_dir():
                    self.plugins.problem(plugin, f"template folder {path} does not exist")
                    continue
                dirs.append((plugin, path))
        return sorted(dirs, key=lambda d: d[0].builtin)

    def find_template(self, kind: str, method_id: str | None = None) -> Path:
        """The template for a document *kind*: method-specific first, then plugin overrides, then built-in."""
        names = [f"{method_id}/{kind}.docx"] if method_id else []
        names.append(f"{kind}.docx")
        for name in names:
            for _plugin, folder in self.template_dirs:
                candidate = folder / name
                if candidate.is_file():
                    return candidate
        raise NotFoundError(f"no template for the document kind {kind!r}")

    @functools.cached_property
    def jinja_filters(self) -> dict[str, Callable[..., Any]]:
        filters: dict[str, Callable[..., Any]] = {}
        owners: dict[str, LoadedPlugin] = {}
        for plugin, result in self.plugins.call("labkit_jinja_filters"):
            if not isinstance(result, Mapping):
                self.plugins.problem(plugin, "labkit_jinja_filters must return a mapping {name: function}")
                continue
            for name, function in result.items():
                if not callable(function):
                    self.plugins.problem(plugin, f"the Jinja filter {name!r} is not callable")
                elif name in filters:
                    self.plugins.problem(
                        plugin, f"the Jinja filter {name!r} is already defined by {owners[name].label}"
                    )
                else:
                    filters[name] = function
                    owners[name] = plugin
        return filters


def _declares(
    replaces: Mapping[str, Mapping[str, set[str]]] | None,
    plugin: LoadedPlugin,
    ident: str,
    other: LoadedPlugin,
) -> bool:
    """True if *plugin* declared that its *ident* replaces the one from *other*'s distribution."""
    if not replaces:
        return False
    return _dist_key(other.distribution) in replaces.get(ident, {}).get(plugin.name, set())


def _dist_key(name: str) -> str:
    """A distribution name normalized like pip does (PEP 503): ``Labkit_Good`` and ``labkit-good`` are one."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _load_methods(path: Path) -> list[Method]:
    # Imported here: on a cache hit the YAML parser and converter are never needed.
    from .files import load_method

    return [load_method(path)]


def _load_indicators(path: Path) -> list[Indicator]:
    from .files import load_indicators

    return list(load_indicators(path))


_default: Catalog | None = None


def get_catalog(*, strict: bool | None = None) -> Catalog:
    """The catalog of the installed plugins, loaded once per process."""
    global _default
    if _default is None or (strict is not None and _default.plugins.strict != strict):
        _default = Catalog(load_plugins(strict=strict))
    return _default


def reset_catalog() -> None:
    """Forget the loaded catalog (after installing or removing plugins in the same process)."""
    global _default
    _default = None
