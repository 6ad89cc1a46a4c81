"""A small on-disk cache of parsed plugin files, so listing commands start fast.

Parsed method and indicator files are kept in the user's cache folder (``$LABKIT_CACHE_DIR``, else the platform's
user cache folder, for example ``~/.cache/labkit``), keyed by the file's path, size, modification time,
labkit's version and the fields of the model classes; any change re-parses the file. ``LABKIT_NO_CACHE=1`` turns the cache off.

The cache can never be turned against its user:

* the folder is created private (``0700``), and a folder, key or entry that another user owns, or that the group
  or others may write to, is not used at all (like pip's cache check): labkit warns once and parses the files;
* every entry is signed with an HMAC under a random key that only the user can read (``key`` in the folder,
  ``0600``), and an entry whose signature or header does not match is a miss, never an error;
* entries are pickles, but they are read by an unpickler that only rebuilds labkit's own model classes and dates:
  a pickle that names any other callable (``os.system``, ``builtins.eval``) is refused before anything runs.

Plain JSON re-structured by cattrs was measured as the alternative: ``labkit methods`` took 2.05x the bare imports
against 1.15x with these pickles (the converter compiles its structuring code on every start), so the pickles stay,
behind the checks above.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import io
import json
import os
import pickle
import stat
import sys
import warnings
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["CacheWarning", "cache_dir", "cached_load"]

T = TypeVar("T")

_FORMAT = 3
"""Bumped whenever the layout of an entry changes."""


class CacheWarning(UserWarning):
    """The parse cache is not used because its folder is not safe; labkit still works, only slower."""


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    if os.environ.get("LABKIT_NO_CACHE", "").strip().lower() in {"1", "true", "yes", "on"}:
        return None
    configured = os.environ.get("LABKIT_CACHE_DIR")
    if configured:
        return Path(configured)
    return platform_cache_dir()


def platform_cache_dir() -> Path:
    """Where the platform keeps a user's caches, with a ``labkit`` folder in it: ``$XDG_CACHE_HOME/labkit``
    (``~/.cache/labkit`` by default) on Linux and other Unix systems, ``~/Library/Caches/labkit`` on macOS and
    ``%LOCALAPPDATA%\\labkit\\Cache`` on Windows – the folders platformdirs names, without its import on every
    start."""
    if sys.platform == "win32":  # pragma: no cover - tested on POSIX only
        local = os.environ.get("LOCALAPPDATA", "").strip()
        return Path(local or Path.home() / "AppData" / "Local") / "labkit" / "Cache"
    if sys.platform == "darwin":  # pragma: no cover
        return Path.home() / "Library" / "Caches" / "labkit"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    # Like platformdirs: a relative (or empty) XDG_CACHE_HOME is ignored, so no cache lands in the working folder.
    return (Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache") / "labkit"


def _unsafe(info: os.stat_result) -> str | None:
    """Why a folder or file with this status must not be trusted, or None if it is ours and private enough."""
    if sys.platform == "win32":  # pragma: no cover - no POSIX owners and modes
        return None
    if info.st_uid != os.getuid():
        return "it belongs to another user"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "other users may write to it"
    return None


_checked: dict[str, bool] = {}


def _usable_folder(folder: Path) -> bool:
    """Create *folder* privately if needed; False (with one warning) if it exists but is not safe to use."""
    key = str(folder)
    if key in _checked:
        return _checked[key]
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError:
        _checked[key] = False  # a read-only home folder only costs speed
        return False
    reason = "it is not a folder" if not stat.S_ISDIR(info.st_mode) else _unsafe(info)
    if reason is not None:
        warnings.warn(
            f"the cache folder {folder} is not used because {reason}; labkit reads the plugin files instead "
            "(make the folder private with 'chmod 700', or set LABKIT_CACHE_DIR to a folder of your own)",
            CacheWarning,
            stacklevel=4,
        )
    _checked[key] = reason is None
    return _checked[key]


class _ModelUnpickler(pickle.Unpickler):
    """Rebuilds only labkit's model classes (attrs classes and enums) and dates; refuses every other global."""

    def find_class(self, module: str, name: str) -> Any:
        import enum

        import attrs

        allowed = module == "labkit.model" or module.startswith(("labkit.model.", "labkit.text"))
        if allowed or (module, name) == ("datetime", "date"):
            try:
                found = super().find_class(module, name)
            except (AttributeError, ImportError):
                found = None
            if found is dt.date or (
                isinstance(found, type) and (attrs.has(found) or issubclass(found, enum.Enum))
            ):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache entry")


def _key(folder: Path, create: bool = True) -> bytes | None:
    """The user's signing key for cache entries (created on first use), or None if it cannot be trusted."""
    path = folder / "key"
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        if not create:
            return None
        from .files import atomic_write

        key = os.urandom(32)
        try:  # whole or not at all, and never over a key another process has just made
            atomic_write(path, key, mode=0o600, replace=False)
        except FileExistsError:
            return _key(folder, create=False)
        except OSError:
            return None
        return key
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        private = sys.platform == "win32" or not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
        if not stat.S_ISREG(info.st_mode) or _unsafe(info) is not None or not private:
            return None
        key = handle.read(64)
    return key if len(key) == 32 else None


def _signature(key: bytes, header: bytes, body: bytes) -> bytes:
    return hmac.new(key, header + body, hashlib.sha256).hexdigest().encode() + b"\n"


def _read_entry(entry: Path, key: bytes, header: bytes) -> Any:
    """The items stored in *entry* for *header*, or None if there is no trustworthy entry."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(entry, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or _unsafe(info) is not None:
            return None
        if handle.readline() != header:
            return None
        signature = handle.readline()
        body = handle.read()
    if not hmac.compare_digest(signature, _signature(key, header, body)):
        return None
    try:
        return _ModelUnpickler(io.BytesIO(body)).load()
    except Exception:  # refused, corrupt or from another layout: parse again
        return None


@functools.cache
def _model_fingerprint() -> str:
    """A digest of the model's source: an entry pickled before a field was added, removed or renamed (an editable
    install that changed without a new version) is a miss, not an object missing a field. Read from the files, not
    by importing every model module (which would cost every command's start-up the import of the whole model)."""
    return source_fingerprint(Path(__file__).with_name("model"))


def source_fingerprint(folder: Path) -> str:
    """A digest of the Python files in *folder* (names and contents)."""
    digest = hashlib.sha256()
    for source in sorted(folder.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def cached_load(kind: str, path: Path, load: Callable[[Path], Iterable[T]], item_type: type[T]) -> list[T]:
    """``load(path)``, or its result from the cache if the file has not changed since it was cached.

    Only a list of *item_type* objects (``Method``, ``Indicator``) ever comes out of the cache.
    """
    from .version import __version__

    folder = cache_dir()
    try:
        info = path.stat()
    except OSError:
        return list(load(path))
    key = _key(folder) if folder is not None and _usable_folder(folder) else None
    if folder is None or key is None:
        return list(load(path))
    resolved = str(path.resolve())
    header = (
        json.dumps(
            [_FORMAT, kind, resolved, info.st_size, info.st_mtime_ns, __version__, _model_fingerprint()]
        ).encode()
        + b"\n"
    )
    entry = folder / f"{Path(resolved).stem[:40]}-{zlib.crc32(resolved.encode()):08x}-{kind}.pickle"
    found = _read_entry(entry, key, header)
    if isinstance(found, list) and all(isinstance(item, item_type) for item in found):
        return found
    items = list(load(path))
    body = pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        from .files import atomic_write

        atomic_write(entry, header + _signature(key, header, body) + body, mode=0o600)
    except OSError:
        pass  # a full or read-only disk only costs speed
    return items
