"""View models: the plain, already-translated values that document templates print.

Templates never see model objects, only dicts, lists and strings built here, so a template cannot reach into
Python internals, a custom template can be checked against exactly what a generator provides, and every
missing translation is collected for a visible notice in the document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..i18n import labels as label_catalog
from ..model import EVIDENCE_SCALE, Checklist, Indicator, Method
from ..text import LocalizedText, localize
from ..version import __version__
from ._language import ForeignText

__all__ = [
    "Localizer",
    "TocEntry",
    "checklist_view",
    "doc_view",
    "format_date",
    "format_number",
    "format_version",
    "licence_name",
    "method_view",
]


class Localizer:
    """Picks texts in one language and remembers which ones fell back to another language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.labels = label_catalog(lang)
        self.missing: list[str] = []

    def __call__(self, value: LocalizedText | None, where: str = "") -> str:
        """The text in this language; a text shown in another language is a :class:`ForeignText`."""
        if type(value) is dict and self.lang in value:
            return value[self.lang]  # type: ignore[no-any-return]  # localize()'s answer, without its record
        result = localize(value, self.lang)
        if result.missing and where and where not in self.missing:
            self.missing.append(where)
        if result.missing and result.lang:
            return ForeignText(result.text, result.lang)
        return result.text

    def all(self, values: Iterable[LocalizedText], where: str = "") -> list[str]:
        return [self(v, where) for v in values]

    def term(self, prefix: str, value: Any) -> str:
        return self.labels.get(f"{prefix}_{value}", str(value))

    def notice(self) -> str:
        if not self.missing:
            return ""
        shown = ", ".join(self.missing[:12]) + (" …" if len(self.missing) > 12 else "")
        return f"{self.labels['missing_translation']} {shown}"


MINUS = "\u2212"


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """Format a number the way readers of *lang* expect (Swedish: 1 234 567,5; English: 1,234,567.5).

    A negative number gets the typographic minus sign (U+2212, ``−5``), never a hyphen, and a number that rounds
    to zero gets no sign (``-0.04`` with one decimal is ``0.0``).
    """
    text = f"{value:,.{decimals}f}"
    if text.startswith("-"):
        text = text[1:] if not text.strip("-0.,") else MINUS + text[1:]
    if lang == "sv":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def format_date(value: dt.date, lang: str) -> str:
    return value.isoformat()


def format_version(version: str) -> str:
    """A version as lay readers see it: ``1.0.0`` -> ``1.0``, ``1.2.3`` stays; ranges like ``^1.0`` lose the sign."""
    version = version.strip().lstrip("^~=v>< ")
    parts = version.split(".")
    if len(parts) == 3 and parts[2] == "0" and all(p.isdigit() for p in parts):
        return ".".join(parts[:2])
    return version


def licence_name(tr: Localizer, spdx: str) -> str:
    """A licence by its name (``CC-BY-4.0`` -> "Creative Commons Erkännande 4.0"), never only the identifier."""
    return tr.labels.get(f"licence_{spdx}", spdx)


class TocEntry(str):
    """A line of the contents page: the heading's text, with ``anchor``, the bookmark the heading carries."""

    anchor: str

    def __new__(cls, text: str, anchor: str) -> TocEntry:
        value = super().__new__(cls, text)
        value.anchor = anchor
        return value

    def __reduce__(self) -> tuple[type[TocEntry], tuple[str, str]]:
        return (TocEntry, (str(self), self.anchor))


def toc(tr: Localizer, keys: Sequence[str]) -> list[TocEntry]:
    """Contents entries for the headings labelled *keys*; templates put the bookmark ``_Toc_<key>`` on them."""
    return [TocEntry(tr.labels[key], f"_Toc_{key}") for key in keys]


def doc_view(
    tr: Localizer, title: str, organisation: str = "", example: bool = False, subject: str = ""
) -> dict[str, Any]:
    """What every document shows about itself: title, language, organisation, notices and date.

    *subject* (a sentence on what the document is for) goes into the document's properties.
    """
    return {
        "title": title,
        "subject": subject,
        "lang": tr.lang,
        "organisation": organisation,
        "notice": tr.notice(),
        "example": example,
        "labkit_version": __version__,
        "date": dt.date.today().isoformat(),
    }


def _join(values: Sequence[str]) -> str:
    return ", ".join(v for v in values if v)


def indicator_view(tr: Localizer, indicator: Indicator) -> dict[str, str]:
    return {
        "id": indicator.id,
        "name": tr(indicator.name, "indicators"),
        "unit": tr.term("unit", indicator.unit.value),
        "polarity": tr.term("polarity", indicator.polarity.value),
        "level": tr.term("level", indicator.level.value),
        "source": tr(indicator.source, "indicators"),
        "definition": tr(indicator.definition, "indicators"),
    }


def checklist_view(tr: Localizer, method: Method, checklist: Checklist) -> dict[str, Any]:
    role_names = {r.id: tr(r.name, tr.labels["roles"]) for r in method.roles}
    explained = tr.labels["read_do"] if checklist.kind.value == "read-do" else tr.labels["do_confirm"]
    where = tr.labels["checklists"]
    return {
        "id": checklist.id,
        "title": tr(checklist.title, where),
        "owner": role_names.get(checklist.owner, checklist.owner),
        "owner_id": checklist.owner,
        "kind": tr.term("kind", checklist.kind.value),
        "kind_explained": explained,
        "based_on": tr(checklist.based_on, where) if checklist.based_on else "",
        "revised": format_date(checklist.revised or method.revised, tr.lang),
        "pause_points": [
            {
                "name": tr(point.name, where),
                "when": tr(point.when, where) if point.when else "",
                "checks": tr.all(point.items, where),
            }
            for point in checklist.pause_points
        ],
    }


def method_view(
    tr: Localizer,
    method: Method,
    indicators: dict[str, Indicator],
    method_names: Mapping[str, LocalizedText] | None = None,
) -> dict[str, Any]:
    """Everything a method guide shows, translated into ``tr.lang``.

    *method_names* (method id -> name) names the method this one is based on; without it the id is shown.
    """
    L = tr.labels
    role_names = {r.id: tr(r.name, L["roles"]) for r in method.roles}
    budget = method.resources.budget
    sek = L["sek_range"].format(
        low=format_number(budget.min_sek, tr.lang),
        high=format_number(budget.max_sek, tr.lang),
        per=tr(budget.per, L["budget"]),
    )
    if budget.note:
        sek += f". {tr(budget.note, L['budget'])}"
    source_numbers = {s.id: i for i, s in enumerate(method.sources, start=1)}
    sources = []
    for number, source in enumerate(method.sources, start=1):
        parts = [source.title, source.publisher]
        if source.year:
            parts.append(str(source.year))
        text = ". ".join(parts) + "."
        if source.url:
            text += f" {source.url}"
        if source.note:
            text += f" – {tr(source.note, L['sources'])}"
        sources.append({"number": number, "text": text, "url": source.url or "", "id": source.id})
    indicator_rows = []
    for ident in method.indicators:
        found = indicators.get(ident)
        if found is not None:
            indicator_rows.append(indicator_view(tr, found))
        else:
            indicator_rows.append(
                {
                    "id": ident,
                    "name": ident,
                    "unit": "",
                    "polarity": "",
                    "level": "",
                    "source": "",
                    "definition": "",
                }
            )
    view: dict[str, Any] = {
        "method": {
            "id": method.id,
            "name": tr(method.name, "name"),
            "version": format_version(method.version),
            "summary": tr(method.summary, L["summary"]),
            "purpose": tr(method.purpose, L["purpose"]),
            "when_to_use": tr(method.when_to_use, L["when_to_use"]),
            "focus_areas": _join([tr.term("focus", f.value) for f in method.focus_areas]),
            "owner": tr(method.owner.name, L["owner"]),
            "authors": _join([tr(a.name, L["authors"]) for a in method.authors])
            or tr(method.owner.name, L["owner"]),
            "licence": licence_name(tr, method.licence),
            "licence_id": method.licence,
            "revised": format_date(method.revised, tr.lang),
        },
        "target_groups": tr.all(method.target_groups, L["target_groups"]),
        "roles": [
            {
                "id": r.id,
                "name": role_names[r.id],
                "actor": tr.term("actor", r.actor.value),
                "responsibility": tr(r.responsibility, L["roles"]),
            }
            for r in method.roles
        ],
        "steps": [
            {
                "number": number,
                "id": step.id,
                "title": tr(step.title, L["steps"]),
                "description": tr(step.description, L["steps"]),
                "responsible": _join([role_names.get(r, r) for r in step.responsible]),
                "consulted": _join([role_names.get(r, r) for r in step.consulted]),
                "informed": _join([role_names.get(r, r) for r in step.informed]),
                "duration": tr(step.duration, L["steps"]),
                "phase": tr.term("phase", step.phase.value),
                "outputs": "; ".join(tr.all(step.outputs, L["steps"])),
            }
            for number, step in enumerate(method.steps, start=1)
        ],
        "resources": [
            {"label": L["staff"], "value": tr(method.resources.staff, L["resources"])},
            {"label": L["premises"], "value": tr(method.resources.premises, L["resources"])},
            {"label": L["budget"], "value": sek},
            {"label": L["time_span"], "value": tr(method.resources.time_span, L["resources"])},
        ],
        "materials": tr.all(method.resources.materials, L["materials"]),
        "prerequisites": tr.all(method.prerequisites, L["prerequisites"]),
        "success_factors": tr.all(method.success_factors, L["success_factors"]),
        "pitfalls": tr.all(method.pitfalls, L["pitfalls"]),
        "indicators": indicator_rows,
        "checklists": [checklist_view(tr, method, c) for c in method.checklists],
        "evidence": {
            "level": method.evidence.level,
            "scale": localize(EVIDENCE_SCALE[method.evidence.level], tr.lang).text,
            "summary": tr(method.evidence.summary, L["evidence"]),
            "observed": [
                {
                    "text": tr(o.text, L["evidence"]),
                    "source": f"[{source_numbers[o.source]}]" if o.source in source_numbers else "",
                }
                for o in method.evidence.observed
            ],
            "references": _join(
                [f"[{source_numbers[r]}]" for r in method.evidence.references if r in source_numbers]
            ),
        },
        "sources": sources,
        "based_on": (
            {
                "method": _method_name(tr, method.based_on.method, method_names),
                "version": format_version(method.based_on.version),
                "changes": tr(method.based_on.changes, L["based_on"]),
            }
            if method.based_on
            else None
        ),
        "history": [
            {
                "version": format_version(h.version),
                "date": format_date(h.date, tr.lang),
                "changes": tr(h.changes, L["version_history"]),
            }
            for h in method.history
        ],
    }
    keys = ["summary", "purpose", "roles", "steps", "resources", "success_factors", "pitfalls", "indicators"]
    if method.checklists:
        keys.append("checklists")
    keys += ["evidence", "sources"]
    view["toc"] = toc(tr, keys)
    return view


def _method_name(tr: Localizer, method_id: str, names: Mapping[str, LocalizedText] | None) -> str:
    if names and method_id in names:
        return tr(names[method_id], "name")
    return method_id
