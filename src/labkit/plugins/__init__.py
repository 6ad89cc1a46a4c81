"""Plugin discovery: every installed entry point in the group ``labkit``, labkit's own plugin included.

labkit's own indicators, templates and document kinds come from the entry point ``core`` of the distribution
``labkit-core``, found and loaded like every other plugin. Entry points are loaded one at a time, and every
import of and call into plugin code goes through one guarded boundary (:mod:`labkit.plugins._boundary`): a
plugin that fails to import, raises (or calls ``sys.exit()``) in a hook, prints to standard output, takes too long
or returns invalid data is reported with one :class:`PluginWarning` naming its distribution, version and the
problem, and every other plugin keeps working. Strict mode (``--strict`` or ``LABKIT_STRICT=1``) turns these
warnings into :class:`~labkit.errors.PluginError`. ``LABKIT_PLUGINS`` restricts loading to the named
distributions (comma-separated; labkit-core's own plugin is always loaded).

Hooks are called through pluggy, one plugin at a time (so one plugin's failure cannot cost the others their
contributions), in pluggy's order (``tryfirst``/``trylast`` honoured) and with the hook's arguments passed by
name. Hook wrappers cannot wrap other plugins' calls that way; a plugin declaring one is told so and the wrapper
is ignored.
"""

from __future__ import annotations

import os
import time
import types
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
import pluggy

from .. import hookspecs
from ..errors import LabkitError, PluginError
from ..text import did_you_mean
from ..version import DISTRIBUTION, __version__
from ._boundary import Limits, PluginFault, call
from ._data import DATA_FILES, DataPlugin
from ._entrypoints import EntryPoint, canonical_name, requires, scan

__all__ = [
    "DATA_FILES",
    "ENTRY_POINT_GROUP",
    "ENV_PLUGINS",
    "ENV_STRICT",
    "DataPlugin",
    "EntryPoint",
    "Limits",
    "LoadedPlugin",
    "PluginRecipe",
    "PluginSet",
    "PluginWarning",
    "canonical_name",
    "load_plugins",
    "requires",
]

ENTRY_POINT_GROUP = "labkit"
ENV_STRICT = "LABKIT_STRICT"
ENV_PLUGINS = "LABKIT_PLUGINS"


class PluginWarning(UserWarning):
    """A plugin was skipped (or part of what it contributes was) because it is broken."""


@attrs.define
class LoadedPlugin:
    """One registered plugin and what is known about it."""

    name: str
    """The entry point's name (``distribution:name`` if two distributions use one name)."""
    distribution: str
    version: str
    module: str
    """What the entry point loads: ``module`` or ``module:attribute``."""
    plugin: Any = attrs.field(default=None, repr=False)
    errors: list[str] = attrs.field(factory=list)
    load_seconds: float = 0.0
    """How long importing the plugin took."""
    entry_point: EntryPoint | None = None
    """Where the plugin came from; None for a plugin registered at run time."""
    data_only: bool = False
    """True for a package of data files with no hooks of its own (see :class:`DataPlugin`)."""

    @property
    def label(self) -> str:
        return f"{self.distribution} {self.version}"

    def hooks(self, pm: pluggy.PluginManager) -> list[str]:
        if self.plugin is None:
            return []
        return sorted(caller.name for caller in pm.get_hookcallers(self.plugin) or [])

    def depends_on(self, other: LoadedPlugin) -> bool:
        """True if this plugin's distribution requires *other*'s (read from the installed metadata).

        Every plugin of the group ``labkit`` depends on labkit-core, whether or not its metadata says so.
        """
        if canonical_name(other.distribution) == DISTRIBUTION:
            return canonical_name(self.distribution) != DISTRIBUTION
        if self.entry_point is None or other.entry_point is None:
            return False
        return canonical_name(other.distribution) in requires(self.distribution)


def _env_strict() -> bool:
    return os.environ.get(ENV_STRICT, "").strip().lower() in {"1", "true", "yes", "on"}


def _env_allowed() -> set[str] | None:
    raw = os.environ.get(ENV_PLUGINS)
    if raw is None:
        return None
    return {canonical_name(name) for name in raw.split(",") if name.strip()} | {DISTRIBUTION}


class _Manager(pluggy.PluginManager):
    """pluggy's plugin manager, refusing hook wrappers (labkit calls each plugin on its own)."""

    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT_NAME)
        self.add_hookspecs(hookspecs)
        self.wrappers: dict[int, list[str]] = {}

    def parse_hookimpl_opts(self, plugin: Any, name: str) -> pluggy.HookimplOpts | None:
        if name.startswith("__") and name.endswith("__"):
            return None  # Python's own attributes (most of a plugin object's names) are never hooks
        opts = super().parse_hookimpl_opts(plugin, name)
        if opts is not None and (opts.get("wrapper") or opts.get("hookwrapper")):
            self.wrappers.setdefault(id(plugin), []).append(name)
            return None
        return opts


class PluginSet:
    """The loaded plugins, with per-plugin hook calls that isolate failures."""

    def __init__(self, *, strict: bool | None = None, limits: Limits | None = None) -> None:
        self.strict = _env_strict() if strict is None else strict
        self.limits = limits or Limits.from_environment()
        self.pm = _Manager()
        self.plugins: dict[str, LoadedPlugin] = {}
        self.failed: list[LoadedPlugin] = []
        """Plugins that could not be loaded or registered at all."""

    # -- problems --------------------------------------------------------------------------------------------
    def problem(self, plugin: LoadedPlugin, message: str) -> None:
        """Record a problem with *plugin*: a warning, or an error in strict mode."""
        text = f"plugin {plugin.label} ({plugin.name}): {message}"
        plugin.errors.append(message)
        if self.strict:
            raise PluginError(text)
        warnings.warn(text, PluginWarning, stacklevel=2)

    def _printed(self, plugin: LoadedPlugin, output: str, doing: str) -> None:
        if output.strip():
            shown = " ".join(output.split())
            shown = shown if len(shown) <= 200 else shown[:199] + "…"
            self.problem(plugin, f"printed to standard output while {doing} (not shown there): {shown!r}")

    # -- loading ---------------------------------------------------------------------------------------------
    def load_entry_points(self, entry_points: Iterable[EntryPoint] | None = None) -> None:
        """Load *entry_points* (default: every installed one that ``LABKIT_PLUGINS`` allows)."""
        if entry_points is None:
            allowed = _env_allowed()
            entry_points = [
                ep for ep in scan(ENTRY_POINT_GROUP) if allowed is None or ep.distribution in allowed
            ]
        for ep in entry_points:
            self.load(ep)

    def load(self, ep: EntryPoint) -> None:
        """Import one entry point's plugin (guarded and timed) and register it."""
        name = f"{ep.distribution}:{ep.name}" if ep.name in self.plugins else ep.name
        loaded = LoadedPlugin(name, ep.distribution, ep.version, ep.value, entry_point=ep)
        started = time.perf_counter()
        try:
            obj, output = call(ep.load, limits=self.limits, take=False)
        except PluginFault as fault:
            loaded.load_seconds = time.perf_counter() - started
            self.failed.append(loaded)
            self._printed(loaded, fault.output, "loading")
            self.problem(loaded, f"failed to load: {fault}")
            return
        loaded.load_seconds = time.perf_counter() - started
        self._printed(loaded, output, "loading")
        if loaded.load_seconds > self.limits.slow:
            self.problem(
                loaded,
                f"took {loaded.load_seconds:.1f} s to import; every labkit command waits for it "
                f"(labkit warns above {self.limits.slow:g} s, LABKIT_PLUGIN_SLOW)",
            )
        self.register(obj, loaded)

    def _as_data(self, obj: Any, loaded: LoadedPlugin) -> Any:
        """A package without hook implementations becomes the plugin of its data files."""
        marker = f"{hookspecs.PROJECT_NAME}_impl"  # what labkit.hookimpl sets on a hook implementation
        if not isinstance(obj, types.ModuleType) or any(hasattr(v, marker) for v in vars(obj).values()):
            return obj
        data = DataPlugin.from_module(obj)
        if data is None:
            return obj
        loaded.data_only = True
        return data

    def register(self, obj: Any, loaded: LoadedPlugin) -> bool:
        """Register a plugin object or module; returns False (and reports why) if it cannot be registered."""
        obj = self._as_data(obj, loaded)
        owner = self.pm.get_name(obj)
        if owner is not None:
            # pluggy's own message for this lists every registered plugin on extra lines.
            other = self.plugins.get(owner)
            self.failed.append(loaded)
            self.problem(
                loaded,
                f"cannot be registered: {loaded.module} is already registered as the plugin {owner!r}"
                + (f" of {other.label}" if other is not None else ""),
            )
            return False
        try:
            call(self.pm.register, obj, name=loaded.name, limits=self.limits, take=False)
        except PluginFault as fault:
            self.failed.append(loaded)
            validation = isinstance(fault.raised, (ValueError, pluggy.PluginValidationError))
            detail = str(fault.raised) if validation else str(fault)
            detail = "; ".join(line.strip() for line in detail.splitlines() if line.strip())
            self.problem(loaded, f"cannot be registered: {detail}")
            return False
        loaded.plugin = obj
        self.plugins[loaded.name] = loaded
        self._check_hooks(loaded)
        return True

    def _check_hooks(self, loaded: LoadedPlugin) -> None:
        for name in self.pm.wrappers.pop(id(loaded.plugin), []):
            self.problem(
                loaded,
                f"{name} is a hook wrapper, which labkit does not support (every plugin is called on its own, "
                "so a wrapper cannot wrap the others); it is ignored",
            )
        known = [
            c.name for c in vars(self.pm.hook).values() if isinstance(c, pluggy.HookCaller) and c.has_spec()
        ]
        for caller in self.pm.get_hookcallers(loaded.plugin) or []:
            if not caller.has_spec():
                self.problem(
                    loaded,
                    f"implements {caller.name}, which is not a labkit hook{did_you_mean(caller.name, known)}; "
                    "it is never called",
                )

    # -- calling ---------------------------------------------------------------------------------------------
    def _order(self, hook_name: str) -> list[LoadedPlugin]:
        """The plugins implementing *hook_name*, in the order pluggy calls them."""
        by_object = {id(p.plugin): p for p in self.plugins.values()}
        order: list[LoadedPlugin] = []
        for impl in reversed(getattr(self.pm.hook, hook_name).get_hookimpls()):
            plugin = by_object.get(id(impl.plugin))
            if plugin is not None and plugin not in order:
                order.append(plugin)
        return order

    def call(self, hook_name: str, **kwargs: Any) -> Iterator[tuple[LoadedPlugin, Any]]:
        """Call *hook_name* on each plugin separately, through pluggy; yield ``(plugin, result)`` for each result.

        A plugin whose call fails in any way is reported (:meth:`problem`) and skipped.
        """
        others = [p.plugin for p in self.plugins.values()]
        for plugin in self._order(hook_name):
            caller = self.pm.subset_hook_caller(hook_name, [o for o in others if o is not plugin.plugin])
            try:
                results, output = call(caller, limits=self.limits, **kwargs)
            except PluginFault as fault:
                self._printed(plugin, fault.output, f"running {hook_name}")
                self.problem(plugin, f"hook {hook_name} {fault.describe()}")
                continue
            self._printed(plugin, output, f"running {hook_name}")
            for result in results:
                if result is not None:
                    yield plugin, result

    def run(self, plugin: LoadedPlugin, what: str, function: Any, /, *args: Any) -> Any:
        """Run a function a plugin contributed (a document generator): its value, or a :class:`PluginError`.

        The error names the plugin's distribution and version, *what* failed and how; the original exception
        is chained to it (``--debug`` shows its traceback). labkit's own errors (a missing partner, a template
        that does not fit) pass through unchanged. What the function prints goes to standard error.
        """
        try:
            value, output = call(
                function, *args, limits=self.limits, take=False, timed=False, passthrough=(LabkitError,)
            )
        except PluginFault as fault:
            message = f"plugin {plugin.label} ({plugin.name}): {what} {fault.describe('failed:')}"
            raise PluginError(message) from fault.raised
        if output.strip():
            warnings.warn(
                f"plugin {plugin.label} ({plugin.name}) printed while {what}: {' '.join(output.split())[:200]!r}",
                PluginWarning,
                stacklevel=2,
            )
        return value

    # -- workers -----------------------------------------------------------------------------------------------
    def recipe(self) -> PluginRecipe:
        """What another process needs to load the same plugins (see :class:`PluginRecipe`)."""
        registered = []
        for p in self.plugins.values():
            if p.entry_point is None:
                obj = p.plugin
                registered.append((p.name, obj.__name__ if isinstance(obj, types.ModuleType) else obj))
        return PluginRecipe(
            self.strict,
            tuple(p.entry_point for p in self.plugins.values() if p.entry_point is not None),
            tuple(registered),
        )

    def register_local(self, obj: Any, name: str | None = None) -> LoadedPlugin:
        """Register a plugin object or module from a script or test (version ``local``)."""
        label = str(name or getattr(obj, "__name__", None) or type(obj).__name__)
        loaded = LoadedPlugin(label, label, "local", label)
        self.register(obj, loaded)
        return loaded


@attrs.frozen
class PluginRecipe:
    """The plugins of a :class:`PluginSet`, in a form that can be sent to a worker process (pickled).

    Entry points are loaded again by name; plugins registered at run time are sent as they are (a module by its
    name), so they must be importable or picklable in the worker.
    """

    strict: bool
    entry_points: tuple[EntryPoint, ...]
    registered: tuple[tuple[str, Any], ...]

    def load(self) -> PluginSet:
        """Load the plugins again. Their problems were reported where the recipe was made, so none is here."""
        import importlib

        plugins = PluginSet(strict=False)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PluginWarning)
            plugins.load_entry_points(self.entry_points)
            for name, obj in self.registered:
                plugins.register_local(importlib.import_module(obj) if isinstance(obj, str) else obj, name)
        plugins.strict = self.strict
        return plugins


def load_plugins(*, strict: bool | None = None, entry_points: bool = True) -> PluginSet:
    """Load every installed plugin; with *entry_points* False only labkit-core's own (scripts and tests then
    register theirs with :meth:`labkit.Catalog.register`)."""
    plugins = PluginSet(strict=strict)
    if entry_points:
        plugins.load_entry_points()
    else:
        plugins.load_entry_points(ep for ep in scan(ENTRY_POINT_GROUP) if ep.distribution == DISTRIBUTION)
    _check_core(plugins)
    return plugins


def _check_core(plugins: PluginSet) -> None:
    """labkit-core's own plugin is an entry point like the others: say so clearly when it is missing."""
    if any(
        canonical_name(p.distribution) == DISTRIBUTION for p in (*plugins.plugins.values(), *plugins.failed)
    ):
        return
    missing = LoadedPlugin("core", DISTRIBUTION, __version__, "labkit.builtin")
    plugins.problem(
        missing,
        "labkit's own plugin (entry point 'core' in the group 'labkit') is not installed, so the built-in "
        "document kinds and indicators are missing; install labkit with pip (pip install -e . in a checkout)",
    )
