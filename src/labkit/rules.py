"""Quality rules for content: checklist conventions and translation completeness.

The checklist rules follow the "checklist for checklists" (Gawande, Boorman) and the WHO surgical safety checklist:
a declared type (read-do or do-confirm), pause points, fewer than 10 items per pause point, items that start with a
verb and are short enough to read aloud.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs

from .errors import format_path
from .model import Method
from .text import localize

__all__ = ["MAX_ITEMS_PER_PAUSE_POINT", "MAX_ITEM_LENGTH", "checklist_problems", "translation_gaps"]

MAX_ITEMS_PER_PAUSE_POINT = 9
MAX_ITEM_LENGTH = 120

# Words an item must not start with: articles, pronouns, numbers and question words. Imperative verbs cannot be
# recognised reliably without a dictionary, so the rule rejects the common ways an item fails to be an action.
_NOT_VERBS = {
    "sv": {
        "en",
        "ett",
        "den",
        "det",
        "de",
        "alla",
        "att",
        "om",
        "vem",
        "vad",
        "när",
        "hur",
        "varför",
        "är",
        "har",
        "ingen",
        "inga",
        "vi",
        "du",
        "ni",
    },
    "en": {
        "a",
        "an",
        "the",
        "all",
        "to",
        "if",
        "who",
        "what",
        "when",
        "how",
        "why",
        "is",
        "are",
        "has",
        "have",
        "no",
        "we",
        "you",
        "our",
    },
}


def checklist_problems(method: Method, langs: Iterable[str] = ("sv", "en")) -> list[str]:
    """Problems with *method*'s checklists under the checklist rules (empty list: all good)."""
    out: list[str] = []
    for checklist in method.checklists:
        for p, point in enumerate(checklist.pause_points):
            where = f"{method.id}: checklist {checklist.id!r}, pause point {p + 1}"
            if len(point.items) > MAX_ITEMS_PER_PAUSE_POINT:
                out.append(f"{where} has {len(point.items)} items; keep it under 10")
            for i, item in enumerate(point.items):
                for lang in langs:
                    text = localize(item, lang).text.strip()
                    first = re.split(r"\W+", text.lower(), maxsplit=1)[0] if text else ""
                    label = f"{where}, item {i + 1} ({lang})"
                    if not text:
                        out.append(f"{label} is empty")
                    elif text[0].isdigit() or first in _NOT_VERBS.get(lang, set()):
                        out.append(f"{label} should start with a verb: {text[:60]!r}")
                    elif text.endswith("?"):
                        out.append(f"{label} is a question; write it as an action: {text[:60]!r}")
                    elif len(text) > MAX_ITEM_LENGTH:
                        out.append(
                            f"{label} is {len(text)} characters; keep items under {MAX_ITEM_LENGTH} so they can be read aloud"
                        )
    return out


def _is_localized_type(annotation: Any) -> bool:
    # Annotations are strings until attrs/cattrs resolve them; after that LocalizedText reads str | Mapping[str, str].
    text = str(annotation)
    return "LocalizedText" in text or "Mapping[str, str]" in text


def translation_gaps(obj: Any, langs: Iterable[str] = ("sv", "en"), *, strict: bool = True) -> list[str]:
    """Paths of texts in *obj* (a model object) that are given in some languages but not in all of *langs*.

    With *strict*, a human-facing text given as one plain string (not per language) is a gap too.
    """
    wanted = set(langs)
    out: list[str] = []

    def walk(value: Any, path: tuple[str | int, ...], localized: bool = False) -> None:
        if localized and strict and isinstance(value, str):
            out.append(f"{format_path(path)}: one text for all languages; give {', '.join(sorted(wanted))}")
            return
        if attrs.has(type(value)):
            for a in attrs.fields(type(value)):
                walk(getattr(value, a.name), (*path, a.name), _is_localized_type(a.type))
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                walk(item, (*path, index), localized)
        elif isinstance(value, dict):
            if (
                value
                and all(isinstance(v, str) for v in value.values())
                and all(isinstance(k, str) and len(k) <= 6 for k in value)
            ):
                missing = sorted(wanted - set(value))
                if missing:
                    out.append(f"{format_path(path)}: missing {', '.join(missing)}")
            else:
                for key, item in value.items():
                    walk(item, (*path, key))

    walk(obj, ())
    return out
