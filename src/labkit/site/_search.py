"""The full-text search index: every method's text, by section, in one file per language.

The index is a small script (``<lang>/search-index.js``) that sets ``window.labkitSearchIndex``, so the search works
from a web server and from files opened straight from disk alike; the start page loads it the first time
someone searches. Texts are lower-cased and whitespace-collapsed; the script finds the methods whose text
contains every word searched for (anywhere in a word, so ``trygg`` finds ``trygghetsvandring``), ranks them by
where the words were found and says in which sections.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from . import _paths

__all__ = ["WEIGHTS", "search_index", "search_script"]

#: How much a hit in each section counts when ranking.
WEIGHTS = {"name": 10, "summary": 5, "focus_areas": 4, "purpose": 3, "when_to_use": 3}


def _normalize(parts: Iterable[Any]) -> str:
    return " ".join(" ".join(str(p) for p in parts if p).split()).lower()


def _sections(view: Mapping[str, Any], labels: Mapping[str, str]) -> list[tuple[str, str, list[Any]]]:
    """(key, label, texts) for every section of a method page view."""
    method = view["method"]
    card = view["card"]
    return [
        ("name", labels["method"], [method["name"]]),
        ("summary", labels["summary"], [method["summary"]]),
        ("focus_areas", labels["focus_areas"], [f["name"] for f in card["focus_areas"]]),
        ("purpose", labels["purpose"], [method["purpose"]]),
        ("when_to_use", labels["when_to_use"], [method["when_to_use"], *view["target_groups"]]),
        ("prerequisites", labels["prerequisites"], view["prerequisites"]),
        (
            "roles",
            labels["roles"],
            [v for r in view["roles"] for v in (r["name"], r["actor"], r["responsibility"])],
        ),
        (
            "steps",
            labels["steps"],
            [v for s in view["steps"] for v in (s["title"], s["description"], s["outputs"], s["duration"])],
        ),
        ("resources", labels["resources"], [r["value"] for r in view["resources"]] + view["materials"]),
        ("success_factors", labels["success_factors"], view["success_factors"]),
        ("pitfalls", labels["pitfalls"], view["pitfalls"]),
        (
            "indicators",
            labels["indicators"],
            [v for i in view["indicators"] for v in (i["name"], i["definition"])],
        ),
        (
            "checklists",
            labels["checklists"],
            [
                v
                for c in view["checklists"]
                for v in (c["title"], *(x for p in c["pause_points"] for x in (p["name"], *p["checks"])))
            ],
        ),
        ("evidence", labels["evidence"], [view["evidence"]["summary"]]),
        (
            "sources",
            labels["sources"],
            [v for s in view["sources"] for v in (s["title"], s["publisher"], s["note"])],
        ),
    ]


def search_index(lang: str, views: Iterable[Mapping[str, Any]], labels: Mapping[str, str]) -> dict[str, Any]:
    """The index of the methods in *views* (method page views in *lang*)."""
    methods = []
    for view in views:
        fields = []
        for key, label, texts in _sections(view, labels):
            text = _normalize(texts)
            if text:
                fields.append({"key": key, "label": label, "weight": WEIGHTS.get(key, 1), "text": text})
        methods.append(
            {"id": view["method"]["id"], "url": _paths.method(lang, view["method"]["id"]), "fields": fields}
        )
    return {"lang": lang, "methods": methods}


def search_script(index: Mapping[str, Any]) -> str:
    """The index as the script the start page loads."""
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    # "</" never appears raw, so the data cannot close a script element if someone inlines the file.
    data = data.replace("</", "<\\/")
    # Line and paragraph separators end a string in scripts older than ES2019; C1 controls are not text.
    data = re.sub("[\x7f-\x9f\u2028\u2029]", lambda m: f"\\u{ord(m[0]):04x}", data)
    return f"window.labkitSearchIndex = {data};\n"
