"""labkit: methods against segregation as shareable plugins, and innovation labs as ready-to-use Word documents.

The public API is re-exported here, for scripts (render, build, check) and for plugin authors (hooks,
generators, the request a generator gets, the render helpers, localizer and view helpers). Heavy parts
(document rendering, charts) are imported on first use, so ``import labkit`` and listing commands stay fast.
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
from .version import __version__

__all__ = [
    "Catalog",
    "ConfigurationError",
    "DataPlugin",
    "Document",
    "DocumentError",
    "Generator",
    "HouseStyle",
    "Image",
    "InvalidDataError",
    "LabContext",
    "LabkitError",
    "Localized",
    "LocalizedText",
    "Localizer",
    "NotFoundError",
    "PluginError",
    "Problem",
    "Request",
    "StepAssignment",
    "Takes",
    "TemplateError",
    "Variant",
    "__version__",
    "build",
    "check_lab",
    "check_template",
    "checklist_view",
    "doc_view",
    "format_date",
    "format_number",
    "forms_from_file",
    "get_catalog",
    "hookimpl",
    "lazy",
    "load_house_style",
    "load_lab",
    "load_measurements",
    "load_method",
    "localize",
    "method_view",
    "render",
    "render_checklist",
    "render_docx",
    "render_guide",
    "render_lab_plan",
    "render_partner_checklist",
    "render_report",
    "report_figures",
    "save",
]

_LAZY = {
    "Catalog": ("labkit.catalog", "Catalog"),
    "get_catalog": ("labkit.catalog", "get_catalog"),
    "DataPlugin": ("labkit.plugins", "DataPlugin"),
    "Document": ("labkit.documents.document", "Document"),
    "Image": ("labkit.documents.engine", "Image"),
    "HouseStyle": ("labkit.documents.housestyle", "HouseStyle"),
    "load_house_style": ("labkit.documents.housestyle", "load_house_style"),
    "render_docx": ("labkit.documents.render", "render_docx"),
    "Localizer": ("labkit.documents.views", "Localizer"),
    "checklist_view": ("labkit.documents.views", "checklist_view"),
    "doc_view": ("labkit.documents.views", "doc_view"),
    "format_date": ("labkit.documents.views", "format_date"),
    "format_number": ("labkit.documents.views", "format_number"),
    "method_view": ("labkit.documents.views", "method_view"),
    "Generator": ("labkit.generators", "Generator"),
    "Request": ("labkit.generators", "Request"),
    "Takes": ("labkit.generators", "Takes"),
    "Variant": ("labkit.generators", "Variant"),
    "forms_from_file": ("labkit.generators", "forms_from_file"),
    "lazy": ("labkit.generators", "lazy"),
    "load_lab": ("labkit.files", "load_lab"),
    "load_method": ("labkit.files", "load_method"),
    "save": ("labkit.files", "save"),
    "render": ("labkit.app.render", "render"),
    "render_guide": ("labkit.app.render", "render_guide"),
    "render_checklist": ("labkit.app.render", "render_checklist"),
    "check_template": ("labkit.app.render", "check_template"),
    "LabContext": ("labkit.labs.context", "LabContext"),
    "StepAssignment": ("labkit.labs.context", "StepAssignment"),
    "check_lab": ("labkit.labs.check", "check_lab"),
    "build": ("labkit.labs.build", "build"),
    "render_lab_plan": ("labkit.labs.plan", "render_lab_plan"),
    "render_partner_checklist": ("labkit.labs.plan", "render_partner_checklist"),
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
    from .app.render import check_template, render, render_checklist, render_guide
    from .catalog import Catalog, get_catalog
    from .documents.document import Document
    from .documents.engine import Image
    from .documents.housestyle import HouseStyle, load_house_style
    from .documents.render import render_docx
    from .documents.views import (
        Localizer,
        checklist_view,
        doc_view,
        format_date,
        format_number,
        method_view,
    )
    from .files import load_lab, load_method, save
    from .generators import Generator, Request, Takes, Variant, forms_from_file, lazy
    from .labs.build import build
    from .labs.check import check_lab
    from .labs.context import LabContext, StepAssignment
    from .labs.plan import render_lab_plan, render_partner_checklist
    from .labs.report import render_report, report_figures
    from .outcomes.measurements import load_measurements
    from .plugins import DataPlugin
