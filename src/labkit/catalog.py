"""The catalog: every method, indicator, template, generator and Jinja filter the installed plugins provide.

Contributions are gathered per plugin, so a broken contribution is skipped with a warning naming its
distribution. Two plugins contributing the same thing (a method or indicator id, a document kind, a template, a
Jinja filter) is settled the same way for every kind and every plugin, labkit's own included:

1. a plugin that **declares** the replacement (hook ``labkit_replaces``) wins;
2. otherwise, if one plugin's distribution **depends on** the other's, the one depended on keeps it and the other
   plugin gets a warning saying how to declare the replacement: a plugin cannot silently take over what it was
   built on (labkit-core's document kinds and templates, for example);
3. otherwise it is a **conflict** naming both, and neither contribution is used until one is uninstalled or
   declares the replacement (labkit never picks one silently).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ._cache import cached_load
from .errors import InvalidDataError, NotFoundError, PluginError
from .model.common import FocusArea
from .model.method import Method
from .plugins import LoadedPlugin, PluginRecipe, PluginSet, canonical_name, load_plugins
from .text import did_you_mean

if TYPE_CHECKING:
    from .generators import Generator
    from .model.indicator import Indicator

__all__ = ["Catalog", "Conflict", "Entry", "get_catalog", "replaces_key", "reset_catalog", "template_files"]

T = TypeVar("T")

#: The kinds of contribution, and the prefix a ``labkit_replaces`` key gives each (methods need none).
KINDS = {
    "method": "method",
    "indicator": "indicator",
    "document kind": "kind",
    "template": "template",
    "Jinja filter": "filter",
}
_BY_PREFIX = {prefix: kind for kind, prefix in KINDS.items()}


@attrs.frozen
class Entry:
    """A contributed item and the plugin it came from."""

    item: Any
    plugin: LoadedPlugin
    path: Path | None = None


def replaces_key(kind: str, ident: str) -> str:
    """The ``labkit_replaces`` key that declares replacing the *kind* *ident*: ``kind:checklist``, ``portalen``."""
    return ident if kind == "method" else f"{KINDS[kind]}:{ident}"


@attrs.frozen
class Conflict:
    """Two plugins contributing one thing. With *kept*, that plugin's contribution is used and the other's is not."""

    kind: str
    id: str
    plugins: tuple[LoadedPlugin, ...]
    kept: LoadedPlugin | None = None

    def __str__(self) -> str:
        key = replaces_key(self.kind, self.id)
        if self.kept is not None:
            (other,) = (p for p in self.plugins if p is not self.kept)
            return (
                f"{other.label} contributes the {self.kind} {self.id!r}, which {self.kept.label} (a distribution "
                f"it depends on) already provides, so {other.distribution}'s is not used. To replace it, declare "
                f"that in {other.distribution}: labkit_replaces returning {{{key!r}: {self.kept.distribution!r}}}"
            )
        names = " and ".join(p.label for p in self.plugins)
        return (
            f"the {self.kind} {self.id!r} is contributed by both {names}; uninstall one of them, or let one declare "
            f"that it replaces the other: labkit_replaces returning {{{key!r}: <the other distribution>}}"
        )


class Catalog:
    """What the installed plugins contribute. Each part is gathered on first use."""

    _GATHERED = (
        "replacements",
        "method_entries",
        "indicator_entries",
        "generator_entries",
        "template_dirs",
        "template_entries",
        "jinja_filters",
    )

    def __init__(self, plugins: PluginSet | None = None) -> None:
        self.plugins = plugins if plugins is not None else load_plugins()
        self.conflicts: list[Conflict] = []

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent to a worker process as the recipe of its plugins: the worker loads them again.
        return (_from_recipe, (self.plugins.recipe(),))

    def register(self, plugin: Any, name: str | None = None) -> None:
        """Register a plugin object (a module or any object with hook methods) in this catalog at run time.

        Useful in scripts and tests: ``catalog.register(MyPlugin())``; ``catalog.register(DataPlugin(folder))``
        registers a folder of method files. What the catalog had gathered is forgotten, so the new plugin's
        contributions appear on next use.
        """
        self.plugins.register_local(plugin, name)
        for cached in self._GATHERED:
            self.__dict__.pop(cached, None)
        self.conflicts = []

    # -- settling who provides what ------------------------------------------------------------------------------
    def _settle(self, kind: str, entries: Iterable[tuple[str, Entry]]) -> dict[str, Entry]:
        """One entry per id: declared replacements, then dependencies, else a conflict (see the module docs)."""
        settled: dict[str, Entry] = {}
        lost: set[str] = set()
        for ident, entry in entries:
            if ident in lost:
                continue
            previous = settled.get(ident)
            if previous is None:
                settled[ident] = entry
            elif previous.plugin is entry.plugin:
                self.plugins.problem(
                    entry.plugin, f"contributes the {kind} {ident!r} twice; the second is not used"
                )
            else:
                winner = self._winner(kind, ident, previous, entry)
                if winner is None:
                    del settled[ident]
                    lost.add(ident)
                else:
                    settled[ident] = winner
        return settled

    def _winner(self, kind: str, ident: str, first: Entry, second: Entry) -> Entry | None:
        both = tuple(sorted((first.plugin, second.plugin), key=lambda p: p.distribution))
        for entry, other in ((first, second), (second, first)):
            if self._declares(entry.plugin, kind, ident, other.plugin):
                return entry
        for entry, other in ((first, second), (second, first)):
            if other.plugin.depends_on(entry.plugin):
                conflict = Conflict(kind, ident, both, kept=entry.plugin)
                self.conflicts.append(conflict)
                self.plugins.problem(other.plugin, str(conflict))
                return entry
        conflict = Conflict(kind, ident, both)
        self.conflicts.append(conflict)
        if self.plugins.strict:
            raise PluginError(str(conflict))
        return None

    def _declares(self, plugin: LoadedPlugin, kind: str, ident: str, other: LoadedPlugin) -> bool:
        """True if *plugin* declared that its *kind* *ident* replaces the one from *other*'s distribution."""
        declared = self.replacements.get((kind, ident), {}).get(plugin.name, set())
        return canonical_name(other.distribution) in declared

    def _conflict(self, kind: str, ident: str) -> Conflict | None:
        return next((c for c in self.conflicts if c.kind == kind and c.id == ident and c.kept is None), None)

    def _known(self, kind: str, entries: Mapping[str, Entry]) -> list[str]:
        """The ids of *kind* to suggest from: those available and those in a conflict (which says so when asked)."""
        return [*entries, *(c.id for c in self.conflicts if c.kind == kind and c.kept is None)]

    @functools.cached_property
    def replacements(self) -> dict[tuple[str, str], dict[str, set[str]]]:
        """(kind, id) -> plugin name -> distributions whose contribution it replaces."""
        out: dict[tuple[str, str], dict[str, set[str]]] = {}
        for plugin, result in self.plugins.call("labkit_replaces"):
            if not isinstance(result, Mapping):
                self.plugins.problem(plugin, "labkit_replaces must return a mapping {what: distribution}")
                continue
            for key, dist in result.items():
                parsed = self._replaces_key(plugin, str(key))
                if parsed is not None:
                    out.setdefault(parsed, {}).setdefault(plugin.name, set()).add(canonical_name(str(dist)))
        return out

    def _replaces_key(self, plugin: LoadedPlugin, key: str) -> tuple[str, str] | None:
        prefix, colon, ident = key.partition(":")
        if not colon:
            return "method", key
        if prefix in _BY_PREFIX:
            return _BY_PREFIX[prefix], ident
        self.plugins.problem(
            plugin,
            f"labkit_replaces: {key!r} names nothing labkit knows{did_you_mean(prefix, _BY_PREFIX)}; "
            "use a method id, or kind:, template:, indicator: or filter: before the name",
        )
        return None

    # -- methods and indicators -----------------------------------------------------------------------------------
    def _gather(
        self, hook: str, kind: str, item_type: type[T], load_file: Callable[[Path], Iterable[T]]
    ) -> dict[str, Entry]:
        entries = (
            (item.id, Entry(item, plugin, path))  # type: ignore[attr-defined]
            for plugin, result in self.plugins.call(hook)
            for item, path in self._items(plugin, result, kind, item_type, load_file)
        )
        return self._settle(kind, entries)

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
                    self.plugins.problem(plugin, f"skipped invalid {kind} file: {_problems(exc)}")
            else:
                self.plugins.problem(
                    plugin,
                    f"returned {type(value).__name__} where a {kind} or a path to a {kind} file belongs",
                )

    @functools.cached_property
    def method_entries(self) -> dict[str, Entry]:
        return self._gather("labkit_methods", "method", Method, _load_methods)

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
        self._raise_conflict("method", method_id)
        raise NotFoundError(
            f"no installed plugin provides the method {method_id!r}"
            f"{did_you_mean(method_id, self._known('method', self.method_entries))}; "
            "'labkit methods' lists the installed methods"
        )

    def _raise_conflict(self, kind: str, ident: str) -> None:
        conflict = self._conflict(kind, ident)
        if conflict is not None:
            raise PluginError(str(conflict))

    @functools.cached_property
    def indicator_entries(self) -> dict[str, Entry]:
        from .model.indicator import Indicator  # imported here: listing methods never needs it

        return self._gather("labkit_indicators", "indicator", Indicator, _load_indicators)

    def indicators(self) -> list[Indicator]:
        return [e.item for e in sorted(self.indicator_entries.values(), key=lambda e: e.item.id)]

    def indicator(self, indicator_id: str) -> Indicator:
        entry = self.indicator_entries.get(indicator_id)
        if entry is None:
            self._raise_conflict("indicator", indicator_id)
            raise NotFoundError(
                f"unknown indicator {indicator_id!r}"
                f"{did_you_mean(indicator_id, self._known('indicator', self.indicator_entries))}"
            )
        return entry.item  # type: ignore[no-any-return]

    # -- generators -------------------------------------------------------------------------------------------
    @functools.cached_property
    def generator_entries(self) -> dict[str, Entry]:
        return self._settle("document kind", self._generators())

    def _generators(self) -> Iterable[tuple[str, Entry]]:
        from .generators import Generator

        for plugin, result in self.plugins.call("labkit_generators"):
            items = [result] if isinstance(result, Generator) else result
            if not isinstance(items, Iterable) or isinstance(items, (str, Mapping)):
                self.plugins.problem(plugin, "labkit_generators must return generators")
                continue
            for item in items:
                if isinstance(item, Generator):
                    yield item.name, Entry(item, plugin)
                else:
                    self.plugins.problem(plugin, f"returned {type(item).__name__} where a Generator belongs")

    def generator_entry(self, name: str) -> Entry:
        """The generator of the document kind *name* and the plugin that contributes it."""
        entry = self.generator_entries.get(name)
        if entry is None:
            self._raise_conflict("document kind", name)
            raise NotFoundError(
                f"unknown document kind {name!r}"
                f"{did_you_mean(name, self._known('document kind', self.generator_entries))}; "
                "'labkit documents' lists the kinds"
            )
        return entry

    def generator(self, name: str) -> Generator:
        """The generator of the document kind *name*."""
        return self.generator_entry(name).item  # type: ignore[no-any-return]

    def generators(self) -> list[Generator]:
        return [e.item for e in self.generator_entries.values()]

    # -- templates and filters ------------------------------------------------------------------------------------
    @functools.cached_property
    def template_dirs(self) -> list[tuple[LoadedPlugin, Path]]:
        """Every plugin's template folders."""
        dirs: list[tuple[LoadedPlugin, Path]] = []
        for plugin, result in self.plugins.call("labkit_templates"):
            values = [result] if isinstance(result, (str, os.PathLike)) else result
            if not isinstance(values, Iterable) or isinstance(values, Mapping):
                values = [values]
            for value in values:
                if not isinstance(value, (str, os.PathLike)):
                    self.plugins.problem(
                        plugin, f"returned {type(value).__name__} where a path to a template folder belongs"
                    )
                elif not Path(value).is_dir():
                    self.plugins.problem(plugin, f"template folder {Path(value)} does not exist")
                else:
                    dirs.append((plugin, Path(value)))
        return dirs

    @functools.cached_property
    def template_entries(self) -> dict[str, Entry]:
        """Template name (``guide``, ``portalen/guide``) -> the template file and the plugin that ships it.

        In strict mode every template is also opened, so a plugin shipping one that is not a Word file fails at
        once, named, rather than when a document of that kind is made.
        """
        files = list(template_files(self.template_dirs))
        if self.plugins.strict:
            for name, entry in files:
                problem = _unreadable(entry.item)
                if problem:
                    self.plugins.problem(entry.plugin, f"the template {name}.docx ({entry.item}) {problem}")
        return self._settle("template", files)

    def template_entry(self, kind: str, method_id: str | None = None) -> Entry:
        """The template for a document *kind*: the method's own (``<method-id>/<kind>.docx``) if one is installed."""
        names = [f"{method_id}/{kind}", kind] if method_id else [kind]
        for name in names:
            entry = self.template_entries.get(name)
            if entry is not None:
                return entry
            self._raise_conflict("template", name)
        raise NotFoundError(f"no template for the document kind {kind!r}")

    def find_template(self, kind: str, method_id: str | None = None) -> Path:
        """The path of the template for a document *kind* (see :meth:`template_entry`)."""
        path = self.template_entry(kind, method_id).path
        assert path is not None
        return path

    def template_owner(self, path: str | os.PathLike[str]) -> LoadedPlugin | None:
        """The plugin that ships the template file *path*, if any."""
        wanted = Path(path)
        return next((e.plugin for e in self.template_entries.values() if e.path == wanted), None)

    @functools.cached_property
    def jinja_filters(self) -> dict[str, Callable[..., Any]]:
        return {name: entry.item for name, entry in self._settle("Jinja filter", self._filters()).items()}

    def _filters(self) -> Iterable[tuple[str, Entry]]:
        for plugin, result in self.plugins.call("labkit_jinja_filters"):
            if not isinstance(result, Mapping):
                self.plugins.problem(plugin, "labkit_jinja_filters must return a mapping {name: function}")
                continue
            for name, function in result.items():
                if callable(function):
                    yield str(name), Entry(function, plugin)
                else:
                    self.plugins.problem(plugin, f"the Jinja filter {name!r} is not callable")


def template_files(dirs: Iterable[tuple[LoadedPlugin, Path]]) -> Iterable[tuple[str, Entry]]:
    """``(name, entry)`` for every ``<kind>.docx`` and ``<method-id>/<kind>.docx`` in the template folders."""
    for plugin, folder in dirs:
        for path in sorted(folder.glob("*.docx")):
            yield path.stem, Entry(path, plugin, path)
        for path in sorted(folder.glob("*/*.docx")):
            yield f"{path.parent.name}/{path.stem}", Entry(path, plugin, path)


def _unreadable(path: Path) -> str | None:
    """Why *path* is not a Word document, or None (a quick look: a zip holding word/document.xml)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as package:
            return (
                None
                if "word/document.xml" in package.namelist()
                else "is a zip file without word/document.xml"
            )
    except (OSError, zipfile.BadZipFile) as exc:
        return f"is not a readable .docx file ({exc})"


def _problems(exc: InvalidDataError, limit: int = 20) -> str:
    details = "; ".join(str(p) for p in exc.problems[:limit])
    more = len(exc.problems) - limit
    return details + (f" (and {more} more)" if more > 0 else "")


def _load_methods(path: Path) -> list[Method]:
    # Imported here: on a cache hit the YAML parser and converter are never needed.
    from .files import load_method

    return [load_method(path)]


def _load_indicators(path: Path) -> list[Indicator]:
    from .files import load_indicators

    return list(load_indicators(path))


def _from_recipe(recipe: PluginRecipe) -> Catalog:
    return Catalog(recipe.load())


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
