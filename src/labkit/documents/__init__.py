"""Word documents: the rendering engine, views, house style and PDF conversion.

Rendering only: a view and a template in, a :class:`Document` out. This package knows nothing of labs or of
which documents a lab gets (that is :mod:`labkit.app`). Imported lazily: listing commands must not pay for
Jinja2, docxtpl or lxml.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = ["Document", "HouseStyle", "Image", "Localizer", "load_house_style", "render_docx"]

_WHERE = {
    "Document": "document",
    "HouseStyle": "housestyle",
    "load_house_style": "housestyle",
    "Image": "engine",
    "Localizer": "views",
    "render_docx": "render",
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
    from .render import render_docx
    from .views import Localizer
