"""Where each page and file of the site lives, as paths relative to the site's root folder."""

from __future__ import annotations

__all__ = [
    "ASSETS",
    "download",
    "evidence",
    "evidence_scale",
    "focus",
    "indicator",
    "indicators",
    "language",
    "method",
    "root_of",
    "search_index",
    "start",
]

ASSETS = "assets"


def start(lang: str) -> str:
    return f"{lang}/index.html"


def method(lang: str, method_id: str) -> str:
    return f"{lang}/methods/{method_id}.html"


def indicators(lang: str) -> str:
    return f"{lang}/indicators/index.html"


def indicator(lang: str, indicator_id: str) -> str:
    return f"{lang}/indicators/{indicator_id}.html"


def focus(lang: str, area: str) -> str:
    return f"{lang}/focus/{area}.html"


def evidence_scale(lang: str) -> str:
    return f"{lang}/evidence/index.html"


def evidence(lang: str, level: int) -> str:
    return f"{lang}/evidence/level-{level}.html"


def language(lang: str, code: str) -> str:
    return f"{lang}/languages/{code}.html"


def search_index(lang: str) -> str:
    return f"{lang}/search-index.js"


def download(method_id: str, filename: str) -> str:
    return f"downloads/{method_id}/{filename}"


def root_of(page: str) -> str:
    """The relative link from *page* back to the site's root folder (``""``, ``"../"``, ``"../../"``)."""
    return "../" * page.count("/")
