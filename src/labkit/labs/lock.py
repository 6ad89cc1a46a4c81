"""The lock file: which version of each method a lab was last built with, and what its steps said.

``labkit build`` writes ``<lab>.lock.json`` next to the lab file. When a plugin later brings a newer version of a
method, ``labkit lab check`` compares the installed method with the lock and says which steps were added, removed
or reworded, and whether the lab's version pin still holds.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from pathlib import Path
from typing import Any

from ..errors import InvalidDataError, Problem
from ..files import atomic_write, read_json, to_data
from ..model import Method, Step
from ..text import localize
from ..version import __version__
from .context import LabContext

__all__ = ["LockWarning", "lock_path", "read_lock", "step_changes", "write_lock"]


class LockWarning(UserWarning):
    """The lock file of a lab could not be written."""


def lock_path(lab_path: str | os.PathLike[str]) -> Path:
    path = Path(lab_path)
    return path.with_name(path.stem + ".lock.json")


def _step_hash(step: Step) -> str:
    text = json.dumps(to_data(step), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def method_record(method: Method) -> dict[str, Any]:
    return {
        "version": method.version,
        "steps": {
            step.id: {"title": localize(step.title, "en").text, "hash": _step_hash(step)}
            for step in method.steps
        },
    }


def write_lock(ctx: LabContext) -> Path | None:
    """Record the version and steps of each method next to the lab file.

    A lock file that cannot be written (a read-only folder, a full disk) is a warning, not a failure: the documents
    are made, and only ``labkit lab check`` loses what it compares with.
    """
    if ctx.path is None:
        return None
    data = {
        "labkit": __version__,
        "lab": ctx.lab.id,
        "methods": {method.id: method_record(method) for _chosen, method in ctx.chosen_methods()},
    }
    path = lock_path(ctx.path)
    try:
        return atomic_write(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    except OSError as exc:
        warnings.warn(
            f"{path}: the method versions of this build could not be recorded ({exc.strerror or exc}); "
            "'labkit lab check' cannot say what changed since",
            LockWarning,
            stacklevel=2,
        )
        return None


def read_lock(lab_path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The lock file of a lab, or None if there is none.

    A lock file that labkit did not write (damaged, edited by hand, a special file, or not what a lock holds) raises
    :class:`~labkit.errors.InvalidDataError` naming it; the next build writes a new one.
    """
    path = lock_path(lab_path)
    if not path.exists() and not path.is_symlink():
        return None
    data = read_json(path)
    problem = _lock_problem(data)
    if problem is not None:
        raise InvalidDataError([Problem(f"this is not a lock file labkit wrote: {problem}", str(path))])
    return data  # type: ignore[no-any-return]


def _lock_problem(data: Any) -> str | None:
    """What in *data* is not the shape :func:`write_lock` writes, or None."""
    if not isinstance(data, dict) or not isinstance(data.get("methods"), dict):
        return "it has no mapping 'methods'"
    for method_id, record in data["methods"].items():
        if not isinstance(record, dict) or not isinstance(record.get("version"), str):
            return f"the method {method_id!r} has no version"
        steps = record.get("steps", {})
        if not isinstance(steps, dict) or not all(
            isinstance(step, dict)
            and isinstance(step.get("title", ""), str)
            and isinstance(step.get("hash", ""), str)
            for step in steps.values()
        ):
            return f"the steps of {method_id!r} are not a mapping of step ids to titles and hashes"
    return None


def step_changes(locked: dict[str, Any], method: Method) -> dict[str, list[str]]:
    """Steps added, removed and reworded in *method* compared with its *locked* record."""
    old = locked.get("steps", {})
    new = method_record(method)["steps"]
    return {
        "added": [f"{k} ({v['title']})" for k, v in new.items() if k not in old],
        "removed": [f"{k} ({v.get('title', '')})" for k, v in old.items() if k not in new],
        "reworded": [
            f"{k} ({v['title']})" for k, v in new.items() if k in old and old[k].get("hash") != v["hash"]
        ],
    }
