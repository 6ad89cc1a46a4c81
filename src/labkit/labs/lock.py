"""The lock file: which version of each method a lab was last built with, and what its steps said.

``labkit build`` writes ``<lab>.lock.json`` next to the lab file. When a plugin later brings a newer version of a
method, ``labkit lab check`` compares the installed method with the lock and says which steps were added, removed
or reworded, and whether the lab's version pin still holds.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from ..files import atomic_write, to_data
from ..model import Method, Step
from ..text import localize
from ..version import __version__
from .context import LabContext

__all__ = ["lock_path", "read_lock", "step_changes", "write_lock"]


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
    if ctx.path is None:
        return None
    data = {
        "labkit": __version__,
        "lab": ctx.lab.id,
        "methods": {method.id: method_record(method) for _chosen, method in ctx.chosen_methods()},
    }
    return atomic_write(lock_path(ctx.path), json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def read_lock(lab_path: str | os.PathLike[str]) -> dict[str, Any] | None:
    path = lock_path(lab_path)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


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
