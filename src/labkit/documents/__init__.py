"""Word documents: the rendering engine, views, house style, PDF conversion and batches.

Imported lazily: listing commands must not pay for Jinja2, docxtpl or lxml.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = [
    "Document",
    "HouseStyle",
    "Image",
    "check_template",
    "load_house_style",
    "render",
    "render_checklist",
    "render_guide",
]

_WHERE = {
    "Document": "document",
    "HouseStyle": "housestyle",
    "load_house_style": "housestyle",
    "Image": "engine",
    "check_template": "render",
    "render": "render",
    "render_checklist": "render",
    "render_guide": "render",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'labkit.documents' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from .document import Document
    from .engine import Image
    from .housestyle import HouseStyle, load_house_style
    from .render import check_template, render, render_checklist, render_guide
