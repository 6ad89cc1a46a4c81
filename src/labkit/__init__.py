"""labkit: methods against segregation as shareable plugins, and innovation labs as ready-to-use Word documents.

The public API is re-exported here. Heavy parts (document rendering, charts) are imported on first use, so
``import labkit`` and listing commands stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    ConfigurationError,
    DocumentError,
    InvalidDataError,
    LabkitError,
    NotFoundError,
    PluginError,
    Problem,
    TemplateError,
)
from .hookspecs import hookimpl
from .text import Localized, LocalizedText, localize

__version__ = "0.1.0"

__all__ = [
    "Catalog",
    "ConfigurationError",
    "Document",
    "DocumentError",
    "Generator",
    "HouseStyle",
    "InvalidDataError",
    "LabkitError",
    "Localized",
    "LocalizedText",
    "NotFoundError",
    "PluginError",
    "Problem",
    "Request",
    "Takes",
    "TemplateError",
    "__version__",
    "build",
    "check_lab",
    "get_catalog",
    "hookimpl",
    "load_house_style",
    "load_lab",
    "load_measurements",
    "load_method",
    "localize",
    "render",
    "render_checklist",
    "render_guide",
    "render_lab_plan",
    "render_report",
    "report_figures",
    "save",
]

_LAZY = {
    "Catalog": ("labkit.catalog", "Catalog"),
    "get_catalog": ("labkit.catalog", "get_catalog"),
    "Document": ("labkit.documents.document", "Document"),
    "HouseStyle": ("labkit.documents.housestyle", "HouseStyle"),
    "load_house_style": ("labkit.documents.housestyle", "load_house_style"),
    "Generator": ("labkit.generators", "Generator"),
    "Request": ("labkit.generators", "Request"),
    "Takes": ("labkit.generators", "Takes"),
    "load_lab": ("labkit.files", "load_lab"),
    "load_method": ("labkit.files", "load_method"),
    "save": ("labkit.files", "save"),
    "render": ("labkit.documents.render", "render"),
    "render_guide": ("labkit.documents.render", "render_guide"),
    "render_checklist": ("labkit.documents.render", "render_checklist"),
    "check_lab": ("labkit.labs.check", "check_lab"),
    "build": ("labkit.labs.build", "build"),
    "render_lab_plan": ("labkit.labs.plan", "render_lab_plan"),
    "render_report": ("labkit.labs.report", "render_report"),
    "report_figures": ("labkit.labs.report", "report_figures"),
    "load_measurements": ("labkit.outcomes.measurements", "load_measurements"),
}


def __getattr__(name: str) -> Any:
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'labkit' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(target[0]), target[1])
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:
    from .catalog import Catalog, get_catalog
    from .documents.document import Document
    from .documents.housestyle import HouseStyle, load_house_style
    from .documents.render import render, render_checklist, render_guide
    from .files import load_lab, load_method, save
    from .generators import Generator, Request, Takes
    from .labs.build import build
    from .labs.check import check_lab
    from .labs.plan import render_lab_plan
    from .labs.report import render_report, report_figures
    from .outcomes.measurements import load_measurements
