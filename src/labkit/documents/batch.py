"""Moved to :mod:`labkit.app.batch` (batches are the application layer's; rendering knows nothing of labs).

Kept so that ``from labkit.documents.batch import Job, run_jobs`` goes on working while code is moved over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..app.batch import Job, Result, run_jobs

__all__ = ["Job", "Result", "run_jobs"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from ..app import batch  # layer exception, allowed in tests/test_layers.py until callers have moved

        return getattr(batch, name)
    raise AttributeError(f"module 'labkit.documents.batch' has no attribute {name!r}")
