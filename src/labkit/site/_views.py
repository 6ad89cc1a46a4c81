"""View models of the site: plain, already-translated dicts and lists that the page templates print.

Like the document views, templates never see model objects, so a company's own templates can only show what is
listed here, and user text reaches the page only through the templates' HTML escaping.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from ..documents.views import Localizer, format_number, method_view
from ..model import EVIDENCE_SCALE, Indicator, Method
from ..text import localize
from . import _paths

__all__ = [
    "Download",
    "SiteMethod",
    "card_view",
    "indicator_view",
    "language_name",
    "method_languages",
    "method_page_view",
]

#: Names of languages in the language itself, for the language filter and switch.
_ENDONYMS = {
    "sv": "Svenska",
    "en": "English",
    "fi": "Suomi",
    "ar": "العربية",
    "so": "Soomaali",
    "fa": "فارسی",
    "ti": "ትግርኛ",
    "pl": "Polski",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
    "uk": "Українська",
    "ru": "Русский",
    "bs": "Bosanski",
    "tr": "Türkçe",
    "ku": "Kurdî",
    "se": "Davvisámegiella",
    "smj": "Julevsámegiella",
    "sma": "Åarjelsaemien gïele",
    "fit": "Meänkieli",
    "rom": "Romani chib",
    "yi": "ייִדיש",
}
_RTL = {"ar", "fa", "yi"}
_SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)


def language_name(code: str) -> str:
    """A language's own name for itself (``Svenska``, ``English``), or its code when labkit does not know it."""
    return _ENDONYMS.get(code, code)


def language_dir(code: str) -> str:
    return "rtl" if code.split("-")[0] in _RTL else "ltr"


def _texts(value: Any) -> Iterator[Mapping[str, str] | str]:
    """Every localized text inside a model object (depth first)."""
    if isinstance(value, str):
        return
    if isinstance(value, Mapping):
        if all(isinstance(v, str) for v in value.values()):
            yield value
        return
    if attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _texts(getattr(value, field.name))
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _texts(item)


def method_languages(method: Method) -> tuple[str, ...]:
    """The languages every text of *method* is written in, sorted (Swedish and English first); none when every
    text is a plain string (language-neutral: the site lists such a method in each of its languages)."""
    texts = [t for t in _texts(method) if isinstance(t, Mapping)]
    if not texts:
        return ()
    common = set(texts[0])
    for text in texts[1:]:
        common &= set(text)
    return tuple(sorted(common, key=lambda c: (c not in ("sv", "en"), c != "sv", c)))


@attrs.frozen
class Download:
    """One document of a method on the site: the kind, its language and the files made (relative paths)."""

    kind: str
    lang: str
    title: Any
    description: Any
    docx: str
    pdf: str | None = None


@attrs.frozen
class SiteMethod:
    """A method as the site shows it: the method, the plugin it came from, its languages and its documents."""

    method: Method
    distribution: str
    version: str
    languages: tuple[str, ...]
    downloads: tuple[Download, ...] = ()


def _evidence(tr: Localizer, level: int) -> dict[str, Any]:
    return {
        "level": level,
        "of": tr.labels["evidence_of"].format(level=level),
        "scale": localize(EVIDENCE_SCALE[level], tr.lang).text,
    }


def _cost(tr: Localizer, method: Method) -> str:
    budget = method.resources.budget
    return tr.labels["sek_range"].format(
        low=format_number(budget.min_sek, tr.lang),
        high=format_number(budget.max_sek, tr.lang),
        per=tr(budget.per, tr.labels["budget"]),
    )


def _languages(tr: Localizer, codes: Sequence[str]) -> list[dict[str, str]]:
    return [{"code": c, "name": language_name(c), "dir": language_dir(c)} for c in codes]


def card_view(tr: Localizer, site_method: SiteMethod) -> dict[str, Any]:
    """What the start page and the browse pages show of a method."""
    method = site_method.method
    return {
        "id": method.id,
        "url": _paths.method(tr.lang, method.id),
        "name": tr(method.name, "name"),
        "summary": tr(method.summary, tr.labels["summary"]),
        "focus_areas": [
            {"id": f.value, "name": tr.term("focus", f.value), "url": _paths.focus(tr.lang, f.value)}
            for f in method.focus_areas
        ],
        "evidence": _evidence(tr, method.evidence.level),
        "time": tr(method.resources.time_span, tr.labels["time_span"]),
        "cost": _cost(tr, method),
        "plugin": site_method.distribution,
        "plugin_version": site_method.version,
        "version": method.version,
        "languages": _languages(tr, site_method.languages),
    }


def _size(path_size: int, lang: str) -> str:
    kb = max(1, round(path_size / 1024))
    return f"{format_number(kb, lang)}\u00a0kB"


def _downloads(
    tr: Localizer, downloads: Sequence[Download], sizes: Mapping[str, int]
) -> list[dict[str, Any]]:
    """The documents grouped by kind (in the order they were planned), each with its files in every language."""
    groups: dict[str, dict[str, Any]] = {}
    for d in downloads:
        group = groups.setdefault(
            d.kind,
            {
                "kind": d.kind,
                "title": localize(d.title, tr.lang).text,
                "description": localize(d.description, tr.lang).text,
                "files": [],
            },
        )
        language = tr.labels.get(f"lang_{d.lang}", language_name(d.lang))
        formats = [(tr.labels["file_word"], d.docx)] + ([(tr.labels["file_pdf"], d.pdf)] if d.pdf else [])
        for name, url in formats:
            group["files"].append(
                {
                    "lang": d.lang,
                    "language": language,
                    "format": name,
                    "url": url,
                    "size": _size(sizes.get(url, 0), tr.lang),
                }
            )
    return list(groups.values())


def _sources(tr: Localizer, method: Method) -> list[dict[str, Any]]:
    return [
        {
            "number": number,
            "id": source.id,
            "title": source.title,
            "publisher": source.publisher,
            "year": source.year or "",
            "url": source.url or "",
            "note": tr(source.note, tr.labels["sources"]) if source.note else "",
        }
        for number, source in enumerate(method.sources, start=1)
    ]


def method_page_view(
    tr: Localizer,
    site_method: SiteMethod,
    indicators: Mapping[str, Indicator],
    method_names: Mapping[str, Any],
    sizes: Mapping[str, int],
) -> dict[str, Any]:
    """Everything a method's page shows: every field of the method card, its documents and where it came from."""
    method = site_method.method
    view = method_view(tr, method, dict(indicators))
    card = card_view(tr, site_method)
    numbers = {s.id: i for i, s in enumerate(method.sources, start=1)}
    for row in view["indicators"]:
        row["url"] = _paths.indicator(tr.lang, row["id"]) if row["id"] in indicators else ""
    based_on = view["based_on"]
    if based_on is not None:
        known = method_names.get(based_on["method"])
        based_on["name"] = localize(known, tr.lang).text if known is not None else based_on["method"]
        based_on["url"] = _paths.method(tr.lang, based_on["method"]) if known is not None else ""
    view.update(
        card=card,
        sources=_sources(tr, method),
        evidence={
            **card["evidence"],
            "summary": view["evidence"]["summary"],
            "references": [
                {"number": numbers[r], "id": r} for r in method.evidence.references if r in numbers
            ],
        },
        downloads=_downloads(tr, site_method.downloads, sizes),
        notice=tr.notice(),
    )
    return view


def indicator_view(tr: Localizer, indicator: Indicator, used_by: Sequence[SiteMethod]) -> dict[str, Any]:
    """An indicator's page: definition, polarity, level, unit, source and the methods that use it."""
    where = tr.labels["indicators"]
    return {
        "id": indicator.id,
        "url": _paths.indicator(tr.lang, indicator.id),
        "name": tr(indicator.name, where),
        "definition": tr(indicator.definition, where),
        "unit": tr.term("unit", indicator.unit.value),
        "polarity": tr.term("polarity", indicator.polarity.value),
        "level": tr.term("level", indicator.level.value),
        "source": tr(indicator.source, where),
        "official": indicator.official,
        "kind_of_figures": tr.labels["official_statistics" if indicator.official else "own_follow_up"],
        "link": indicator.url if indicator.url and _SAFE_URL.match(indicator.url) else "",
        "note": tr(indicator.note, where) if indicator.note else "",
        "question": tr.labels[indicator.question.value.replace("-", "_")] if indicator.question else "",
        "small_numbers": tr.labels[
            "small_numbers_protected"
            if indicator.counts_people and indicator.unit.is_about_people
            else "small_numbers_open"
        ],
        "used_by": [
            {"id": m.method.id, "name": tr(m.method.name, "name"), "url": _paths.method(tr.lang, m.method.id)}
            for m in used_by
        ],
    }
