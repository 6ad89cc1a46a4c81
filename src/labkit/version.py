"""labkit's version: the one place it is written (the build backend reads it from here too)."""

from __future__ import annotations

__all__ = ["DISTRIBUTION", "__version__"]

__version__ = "0.1.0"

#: The name labkit is published under on the package index (the import package is ``labkit``).
DISTRIBUTION = "labkit-core"
