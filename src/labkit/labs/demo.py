"""The example lab shipped inside labkit (``labkit demo``)."""

from __future__ import annotations

from pathlib import Path

from ..catalog import Catalog
from ..errors import NotFoundError

__all__ = ["DEMO_METHODS", "demo_lab_path", "require_demo_methods"]

DEMO_DIR = Path(__file__).resolve().parent.parent / "builtin" / "demo"
DEMO_METHODS = {
    "innovation-lab": "labkit-innovation-lab",
    "portalen": "labkit-portalen",
    "mentoring": "labkit-mentoring",
}


def demo_lab_path() -> Path:
    """The example lab file (its measurements lie beside it)."""
    return DEMO_DIR / "lab.yaml"


def require_demo_methods(catalog: Catalog) -> None:
    """A clear error naming the plugins to install if the demo's methods are missing."""
    missing = [dist for method, dist in DEMO_METHODS.items() if method not in catalog.method_entries]
    if missing:
        raise NotFoundError(
            "the example lab uses methods from plugins that are not installed: "
            f"{', '.join(missing)}. Install them, e.g. pip install {' '.join(missing)}"
        )
