"""Installed entry points of the group ``labkit``, found without reading every distribution's metadata.

The name and version of an installed distribution are in its ``<name>-<version>.dist-info`` folder name, and its
entry points in the ``entry_points.txt`` inside; reading just those is much cheaper than
:func:`importlib.metadata.entry_points`, which parses every METADATA file on ``sys.path``. Layouts this scanner
cannot read (a zipped egg on ``sys.path``, an ``.egg-info`` folder without a version in its name, ``.egg``
folders, ``.egg-link`` files) make it ask :mod:`importlib.metadata` for the distributions it did not find itself.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
from pathlib import Path
from typing import Any

import attrs

__all__ = ["EntryPoint", "canonical_name", "requires", "scan"]

_DIST_INFO = re.compile(r"^(?P<name>[^-]+)-(?P<version>[^-]+?)\.(?:dist|egg)-info$")
_LEGACY = re.compile(r"\.(?:egg-info|egg|egg-link)$")


_SEPARATORS = re.compile(r"[-_.]+")


def canonical_name(name: str) -> str:
    """A distribution name as the package index compares them (PEP 503): ``Labkit_Good`` is ``labkit-good``.

    The same rule as :func:`packaging.utils.canonicalize_name` (a test holds them equal), written out because
    importing ``packaging.utils`` would cost every command a noticeable part of its start.
    """
    return _SEPARATORS.sub("-", name.strip()).lower()


@attrs.frozen
class EntryPoint:
    """An installed entry point in the group ``labkit``."""

    name: str
    value: str
    """``module`` or ``module:attribute``."""
    distribution: str
    """The distribution's canonical name."""
    version: str

    @property
    def module(self) -> str:
        return self.value.partition(":")[0].strip()

    def load(self) -> Any:
        module_name, _, attribute = self.value.partition(":")
        obj = importlib.import_module(module_name.strip())
        for part in attribute.strip().split(".") if attribute.strip() else ():
            obj = getattr(obj, part)
        return obj


def _parse(text: str, group: str) -> list[tuple[str, str]]:
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


def _scan_folder(folder: str, group: str, seen: set[str], found: list[EntryPoint]) -> bool:
    """Add the entry points of the distributions in *folder*; returns False if it holds a layout not read here."""
    try:
        names = os.listdir(folder or ".")  # noqa: PTH208 - cheaper than Path objects on every start
    except NotADirectoryError:
        return not Path(folder).exists()  # a zip file on sys.path: an egg or a zipapp
    except OSError:
        return True
    readable = True
    for info in names:
        match = _DIST_INFO.match(info)
        if match is None:
            readable = readable and _LEGACY.search(info) is None
            continue
        dist = canonical_name(match["name"])
        if dist in seen:
            continue
        seen.add(dist)
        try:
            text = Path(folder or ".", info, "entry_points.txt").read_text(encoding="utf-8")
        except OSError:
            continue
        for name, value in _parse(text, group):
            found.append(EntryPoint(name, value, dist, match["version"]))
    return readable


def _from_metadata(group: str, seen: set[str], found: list[EntryPoint]) -> None:
    import importlib.metadata

    for ep in importlib.metadata.entry_points(group=group):
        dist = ep.dist
        if dist is None:
            continue
        name = canonical_name(dist.name)
        if name in seen:
            continue
        found.append(EntryPoint(ep.name, ep.value, name, dist.version))


def scan(group: str) -> list[EntryPoint]:
    """Entry points of *group* on ``sys.path``, the first distribution of a name winning, sorted by distribution."""
    found: list[EntryPoint] = []
    seen: set[str] = set()
    readable = True
    for folder in sys.path:
        readable = _scan_folder(folder, group, seen, found) and readable
    if not readable:
        _from_metadata(group, seen, found)
    return sorted(found, key=lambda ep: (ep.distribution, ep.name))


@functools.lru_cache(maxsize=256)
def requires(distribution: str) -> frozenset[str]:
    """Canonical names of the distributions *distribution* depends on (empty if it is not installed)."""
    import importlib.metadata

    from packaging.requirements import InvalidRequirement, Requirement

    try:
        lines = importlib.metadata.requires(distribution) or []
    except importlib.metadata.PackageNotFoundError:
        return frozenset()
    names = set()
    for line in lines:
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        if requirement.marker is None or "extra" not in str(requirement.marker):
            names.add(canonical_name(requirement.name))
    return frozenset(names)
