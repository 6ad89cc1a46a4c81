"""Word documents: the rendering engine, views, house style, PDF conversion and batches."""

from .document import Document
from .engine import Image
from .housestyle import HouseStyle, load_house_style
from .render import check_template, render, render_checklist, render_guide

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
