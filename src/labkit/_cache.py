"""A small on-disk cache of parsed plugin files, so listing commands start fast.

Parsed method and indicator files are pickled in the user's cache folder (``$LABKIT_CACHE_DIR``, else
``$XDG_CACHE_HOME/labkit``, else ``~/.cache/labkit``), keyed by the file's path, size, modification time and
labkit's version; any change re-parses the file. ``LABKIT_NO_CACHE=1`` turns the cache off. The cache only holds
what labkit itself wrote from files the user installed; a corrupt or foreign entry is ignored and rewritten.
"""

from __future__ import annotations

import json
import os
import pickle
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

__all__ = ["cache_dir", "cached_load"]

T = TypeVar("T")


def cache_dir() -> Path | None:
    if os.environ.get("LABKIT_NO_CACHE", "").strip().lower() in {"1", "true", "yes", "on"}:
        return None
    configured = os.environ.get("LABKIT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "labkit"


def cached_load(kind: str, path: Path, load: Callable[[Path], T]) -> T:
    """``load(path)``, or its result from the cache if the file has not changed since it was cached."""
    from .version import __version__

    folder = cache_dir()
    try:
        stat = path.stat()
    except OSError:
        return load(path)
    if folder is None:
        return load(path)
    resolved = str(path.resolve())
    key = (kind, resolved, stat.st_size, stat.st_mtime_ns, __version__)
    entry = folder / f"{Path(resolved).stem[:40]}-{zlib.crc32(resolved.encode()):08x}-{kind}.pickle"
    header = json.dumps(key).encode() + b"\n"
    try:
        with entry.open("rb") as handle:
            # The key is stored in plain text before the pickle and compared first, so nothing is unpickled from
            # a file that was not written for exactly this source file and labkit version.
            if handle.readline() == header:
                return pickle.load(handle)  # type: ignore[no-any-return]
    except Exception:  # missing, corrupt or from another version: parse again
        pass
    value = load(path)
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(header)
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        Path(tmp).replace(entry)
    except OSError:
        pass  # a read-only home folder only costs speed
    return value
