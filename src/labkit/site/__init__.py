"""The method bank website: the installed methods as a static, searchable, accessible site with their documents.

>>> from labkit.site import build_site
>>> result = build_site("site/", langs=["sv", "en"])   # doctest: +SKIP

Pages are plain HTML and CSS (a small script adds search and filters), in Swedish and English, with a page per
method and per indicator and the methods' documents for download, made with the same machinery as
``labkit build``. Templates are Jinja2 files a company can override (see :mod:`labkit.site._templates`).
"""

from __future__ import annotations

from ._build import MANIFEST, SiteResult, build_site
from ._serve import HOST, make_server
from ._style import MIN_CONTRAST, SiteStyle, contrast_ratio, site_style
from ._templates import BUILTIN_TEMPLATES, SiteTemplates, template_folders

__all__ = [
    "BUILTIN_TEMPLATES",
    "HOST",
    "MANIFEST",
    "MIN_CONTRAST",
    "SiteResult",
    "SiteStyle",
    "SiteTemplates",
    "build_site",
    "contrast_ratio",
    "make_server",
    "site_style",
    "template_folders",
]
