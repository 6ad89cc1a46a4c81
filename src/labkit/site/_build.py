"""``labkit site``: the installed methods as a static, searchable, accessible website with their documents.

The build renders every page in memory, makes the documents that are missing or out of date (in parallel,
through :mod:`labkit.site._downloads`), then writes only the files whose content changed and removes the files an
earlier build wrote that are no longer part of the site. ``.labkit/site.json`` in the output folder remembers
what was built.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from ..app.batch import Result
from ..catalog import Catalog, get_catalog
from ..documents.housestyle import load_house_style
from ..documents.views import Localizer
from ..errors import ConfigurationError, DocumentError
from ..files import atomic_write
from ..model import EVIDENCE_SCALE, FocusArea
from ..text import SUPPORTED_LANGUAGES, document_language
from ..version import __version__
from . import _paths
from ._downloads import make_downloads, plan_downloads
from ._search import search_index, search_script
from ._style import SiteStyle, site_style
from ._templates import SiteTemplates, template_folders
from ._views import (
    SiteMethod,
    card_view,
    indicator_view,
    language_dir,
    language_name,
    method_languages,
    method_page_view,
)

__all__ = ["MANIFEST", "SiteResult", "build_site"]

MANIFEST = ".labkit/site.json"


@attrs.frozen
class SiteResult:
    """What :func:`build_site` made."""

    out_dir: Path
    pages: tuple[Path, ...]
    """Every HTML page of the site."""
    documents: tuple[Path, ...]
    """Every document offered for download (.docx; the PDF beside each with ``pdf=True``)."""
    written: tuple[Path, ...]
    """Files written in this run because they were new or their content changed."""
    built: tuple[Path, ...]
    """Documents made in this run (the others were up to date)."""
    removed: tuple[Path, ...] = ()
    """Files of an earlier build that are no longer part of the site."""

    @property
    def index(self) -> Path:
        return self.out_dir / "index.html"


def _check_langs(langs: Sequence[str]) -> list[str]:
    try:
        chosen = list(dict.fromkeys(document_language(lang) for lang in langs))
    except ValueError as exc:
        raise ConfigurationError(str(exc)) from None
    if not chosen:
        raise ConfigurationError(f"give a language of the site ({', '.join(SUPPORTED_LANGUAGES)})")
    return chosen


def _read_manifest(out: Path) -> dict[str, Any]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _check_out_dir(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise ConfigurationError(f"{out} is a file; give a folder for the site")
    if out.is_dir() and not (out / MANIFEST).is_file() and any(out.iterdir()):
        raise ConfigurationError(
            f"{out} is not empty and holds no site built by labkit; choose an empty or new folder"
        )
    try:
        (out / ".labkit").mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # the user's environment (exit status 1), named by the site folder
        raise type(exc)(exc.errno, exc.strerror or str(exc), str(out)) from None


@attrs.frozen
class _Facet:
    """A focus area, evidence level or language, with the methods in it and its page."""

    group: str
    id: str
    name: str
    page: Callable[[str], str]
    """The facet's page in a language."""
    heading: str
    text: str
    methods: tuple[SiteMethod, ...]


class _Site:
    """Everything the pages of one build are made from."""

    def __init__(
        self,
        catalog: Catalog,
        langs: Sequence[str],
        style: SiteStyle,
        templates: SiteTemplates,
        methods: Sequence[SiteMethod],
        sizes: Mapping[str, int],
    ) -> None:
        self.catalog = catalog
        self.langs = langs
        self.style = style
        self.templates = templates
        self.methods = methods
        self.sizes = sizes
        self.indicators = {i.id: i for i in catalog.indicators()}
        self.method_names = {m.method.id: m.method.name for m in methods}

    # -- context shared by every page ------------------------------------------------------------------------
    def context(self, lang: str, page: str, alternate: Callable[[str], str], **extra: Any) -> dict[str, Any]:
        labels = Localizer(lang).labels
        title = labels["site_title"]
        return {
            "lang": lang,
            "dir": language_dir(lang),
            "labels": labels,
            "root": _paths.root_of(page),
            "page": page,
            "version": __version__,
            "site": {
                "title": f"{title} – {self.style.organisation}" if self.style.organisation else title,
                "organisation": self.style.organisation,
                "logo": _paths.ASSETS + "/logo.png" if self.style.logo else "",
            },
            "urls": {
                "home": _paths.start(lang),
                "indicators": _paths.indicators(lang),
                "evidence": _paths.evidence_scale(lang),
                "search_index": _paths.search_index(lang),
                "stylesheet": _paths.ASSETS + "/site.css",
                "script": _paths.ASSETS + "/site.js",
            },
            "alternates": [
                {"code": code, "name": language_name(code), "url": alternate(code), "current": code == lang}
                for code in self.langs
            ],
            **extra,
        }

    def render(
        self, template: str, lang: str, page: str, alternate: Callable[[str], str], **extra: Any
    ) -> str:
        return self.templates.render(template, self.context(lang, page, alternate, **extra))

    def add(
        self, pages: dict[str, str], template: str, lang: str, page: Callable[[str], str], **extra: Any
    ) -> None:
        """Render the page that *page* places in each language, in *lang*, into *pages*."""
        pages[page(lang)] = self.render(template, lang, page(lang), page, **extra)

    # -- facets -----------------------------------------------------------------------------------------------
    def facets(self, lang: str) -> list[_Facet]:
        """Every focus area, evidence level and language, each with the methods in it."""
        tr = Localizer(lang)
        labels = tr.labels
        found: list[_Facet] = []
        for area in FocusArea:
            name = tr.term("focus", area.value)
            found.append(
                _Facet(
                    "focus",
                    area.value,
                    name,
                    functools.partial(_paths.focus, area=area.value),
                    labels["methods_in_focus"].format(area=name),
                    "",
                    tuple(m for m in self.methods if area in m.method.focus_areas),
                )
            )
        for level, texts in EVIDENCE_SCALE.items():
            found.append(
                _Facet(
                    "evidence",
                    str(level),
                    labels["evidence_of"].format(level=level),
                    functools.partial(_paths.evidence, level=level),
                    labels["methods_at_level"].format(level=level),
                    texts.get(lang, texts["en"]),
                    tuple(m for m in self.methods if m.method.evidence.level == level),
                )
            )
        codes = sorted(
            {code for m in self.methods for code in m.languages},
            key=lambda c: (c not in self.langs, c not in ("sv", "en"), c != lang, c),
        )
        for code in codes:
            found.append(
                _Facet(
                    "language",
                    code,
                    language_name(code),
                    functools.partial(_paths.language, code=code),
                    labels["methods_in_language"].format(
                        language=labels.get(f"lang_{code}", language_name(code))
                    ),
                    "",
                    tuple(m for m in self.methods if code in m.languages),
                )
            )
        return found

    def cards(self, tr: Localizer, methods: Iterable[SiteMethod]) -> list[dict[str, Any]]:
        """Cards of *methods* in alphabetical order of their names in the page's language."""
        return sorted((card_view(tr, m) for m in methods), key=lambda card: _sort_key(card["name"], tr.lang))

    @staticmethod
    def facet_views(lang: str, facets: Sequence[_Facet]) -> dict[str, list[dict[str, Any]]]:
        """The facets as the templates see them: ``{"focus": [...], "evidence": [...], "language": [...]}``."""
        views: dict[str, list[dict[str, Any]]] = {"focus": [], "evidence": [], "language": []}
        for facet in facets:
            views[facet.group].append(
                {
                    "id": facet.id,
                    "name": facet.name,
                    "url": facet.page(lang),
                    "count": len(facet.methods),
                    "dir": language_dir(facet.id) if facet.group == "language" else "ltr",
                    "level": int(facet.id) if facet.group == "evidence" else None,
                }
            )
        return views

    # -- pages --------------------------------------------------------------------------------------------------
    def pages(self) -> dict[str, str]:
        pages: dict[str, str] = {}
        for lang in self.langs:
            pages.update(self.language_pages(lang))
        pages["index.html"] = self.render(
            "languages.html",
            self.langs[0],
            "index.html",
            _paths.start,
            languages=[
                {
                    "code": c,
                    "name": language_name(c),
                    "dir": language_dir(c),
                    "url": _paths.start(c),
                    "title": Localizer(c).labels["site_title"],
                    "intro": Localizer(c).labels["site_intro"],
                    "choose": Localizer(c).labels["choose_language"],
                }
                for c in self.langs
            ],
        )
        return pages

    def language_pages(self, lang: str) -> dict[str, str]:
        pages: dict[str, str] = {}
        tr = Localizer(lang)
        facets = self.facets(lang)
        views = []
        for site_method in self.methods:
            method_id = site_method.method.id
            view = method_page_view(
                Localizer(lang), site_method, self.indicators, self.method_names, self.sizes
            )
            views.append(view)
            self.add(
                pages, "method.html", lang, functools.partial(_paths.method, method_id=method_id), view=view
            )
        self.add(
            pages,
            "start.html",
            lang,
            _paths.start,
            cards=self.cards(tr, self.methods),
            facets=self.facet_views(lang, facets),
            total=len(self.methods),
        )
        pages[_paths.search_index(lang)] = search_script(search_index(lang, views, tr.labels))
        pages.update(self.facet_pages(lang, facets))
        pages.update(self.indicator_pages(lang))
        return pages

    def facet_pages(self, lang: str, facets: Sequence[_Facet]) -> dict[str, str]:
        pages: dict[str, str] = {}
        tr = Localizer(lang)
        views = self.facet_views(lang, facets)
        for facet in facets:
            self.add(
                pages,
                "facet.html",
                lang,
                facet.page,
                heading=facet.heading,
                text=facet.text,
                cards=self.cards(tr, facet.methods),
                facets=views,
            )
        self.add(
            pages,
            "evidence.html",
            lang,
            _paths.evidence_scale,
            levels=[
                {**view, "text": facet.text}
                for facet, view in zip(
                    [f for f in facets if f.group == "evidence"], views["evidence"], strict=True
                )
            ],
        )
        return pages

    def indicator_pages(self, lang: str) -> dict[str, str]:
        pages: dict[str, str] = {}
        views = []
        for indicator in self.indicators.values():
            used_by = [m for m in self.methods if indicator.id in m.method.indicators]
            view = indicator_view(Localizer(lang), indicator, used_by)
            views.append(view)
            alternate = functools.partial(_paths.indicator, indicator_id=indicator.id)
            self.add(pages, "indicator.html", lang, alternate, indicator=view)
        views.sort(key=lambda v: v["name"].casefold())
        labels = Localizer(lang).labels
        self.add(
            pages,
            "indicators.html",
            lang,
            _paths.indicators,
            groups=[
                {
                    "title": labels["official_statistics"],
                    "indicators": [v for v in views if v["official"]],
                },
                {
                    "title": labels["own_follow_up"],
                    "indicators": [v for v in views if not v["official"]],
                },
            ],
        )
        return pages

    def assets(self) -> dict[str, str | bytes]:
        files: dict[str, str | bytes] = {
            f"{_paths.ASSETS}/site.css": self.templates.render("assets/site.css", {"style": self.style}),
            f"{_paths.ASSETS}/site.js": self.templates.source("assets/site.js"),
        }
        if self.style.logo:
            files[f"{_paths.ASSETS}/logo.png"] = self.style.logo
        return files


# Swedish sorts å, ä and ö after z, in that order.
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}"})  # the three characters after z


def _sort_key(name: str, lang: str) -> str:
    key = name.casefold()
    return key.translate(_SWEDISH_ORDER) if lang == "sv" else key


def _write_changed(out: Path, files: Mapping[str, str | bytes]) -> list[Path]:
    written = []
    for rel, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        path = out / rel
        try:
            if path.read_bytes() == data:
                continue
        except OSError:
            pass
        atomic_write(path, data)
        written.append(path)
    return written


def _remove_stale(out: Path, old: Iterable[object], keep: set[str]) -> list[Path]:
    """Remove the files an earlier build listed that this build does not make (only inside *out*)."""
    removed = []
    root = out.resolve()
    for rel in old:
        if not isinstance(rel, str) or rel in keep:
            continue
        path = out / rel
        if not path.resolve().is_relative_to(root) or path.is_symlink() or not path.is_file():
            continue
        path.unlink()
        removed.append(path)
    return removed


def build_site(
    out_dir: str | os.PathLike[str],
    *,
    langs: Sequence[str] = SUPPORTED_LANGUAGES,
    house_style: str | os.PathLike[str] | None = None,
    templates: str | os.PathLike[str] | None = None,
    pdf: bool = False,
    catalog: Catalog | None = None,
    processes: int | None = None,
    force: bool = False,
    progress: Callable[[int], Callable[[Result], None]] | None = None,
) -> SiteResult:
    """Build the method bank website of the installed methods into *out_dir*; returns what was made.

    *langs* are the languages of the pages and of the documents offered for download. *house_style* gives the
    site the organisation's name, logo, colours and fonts (colours that fail WCAG contrast are refused).
    *templates* is a folder of site templates that override labkit's and the plugins'. Unchanged documents are
    kept unless *force*.
    """
    catalog = catalog or get_catalog()
    languages = _check_langs(langs)
    if pdf:
        from ..documents.pdf import require_libreoffice

        require_libreoffice()  # before anything is written
    style_path = Path(house_style) if house_style is not None else None
    style = site_style(load_house_style(style_path, accessible=False) if style_path else None, style_path)
    site_templates = SiteTemplates(template_folders(catalog, Path(templates) if templates else None))
    methods = catalog.methods()
    if not methods:
        raise ConfigurationError("no methods are installed; 'labkit plugins' shows what is installed")
    out = Path(out_dir)
    _check_out_dir(out)
    manifest = _read_manifest(out)
    planned = plan_downloads(catalog, methods, out, languages, pdf=pdf, house_style=style_path)
    old_documents = manifest.get("documents", {}) if isinstance(manifest.get("documents"), dict) else {}
    run = make_downloads(
        planned, out, old_documents, catalog=catalog, force=force, processes=processes, progress=progress
    )
    if run.failures:
        atomic_write(out / MANIFEST, json.dumps({**manifest, "documents": run.manifest}, indent=1) + "\n")
        raise DocumentError("; ".join(run.failures))
    entries = catalog.method_entries
    site_methods = [
        SiteMethod(
            m,
            entries[m.id].plugin.distribution,
            entries[m.id].plugin.version,
            method_languages(m) or tuple(languages),  # language-neutral text serves every language
            tuple(p.download for p in planned if p.method == m.id),
        )
        for m in methods
    ]
    documents = [p.download.docx for p in planned] + [p.download.pdf for p in planned if p.download.pdf]
    sizes = {rel: (out / rel).stat().st_size for rel in documents}
    site = _Site(catalog, languages, style, site_templates, site_methods, sizes)
    files: dict[str, str | bytes] = {**site.pages(), **site.assets()}
    written = _write_changed(out, files)
    keep = set(files) | set(documents)
    old_files = manifest.get("files", [])
    removed = _remove_stale(out, old_files if isinstance(old_files, list) else [], keep)
    atomic_write(
        out / MANIFEST,
        json.dumps({"labkit": __version__, "documents": run.manifest, "files": sorted(keep)}, indent=1)
        + "\n",
    )
    return SiteResult(
        out,
        tuple(out / rel for rel in sorted(files) if rel.endswith(".html")),
        tuple(out / rel for rel in documents),
        tuple(written),
        tuple(Path(p.job.out) for p in run.made),
        tuple(removed),
    )
