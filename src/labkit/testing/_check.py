"""check_plugin: every check of a plugin distribution in one call (see :mod:`labkit.testing`)."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from ..catalog import Catalog, Entry, template_files
from ..errors import LabkitError, TemplateError
from ..plugins import LoadedPlugin, PluginWarning, canonical_name, load_plugins, requires
from ..rules import describe, method_findings, translation_gaps, wording_findings
from ..text import SUPPORTED_LANGUAGES
from ..version import DISTRIBUTION

__all__ = ["PluginReport", "check_plugin", "open_docx", "plugin_documents"]


@attrs.define
class PluginReport:
    """What :func:`check_plugin` found."""

    distribution: str
    methods: list[str] = attrs.field(factory=list)
    indicators: list[str] = attrs.field(factory=list)
    documents: list[str] = attrs.field(factory=list)
    """The documents rendered, as ``kind:method:lang`` (``kind:lab:lang`` for a lab document)."""
    problems: list[str] = attrs.field(factory=list)
    notes: list[str] = attrs.field(factory=list)
    """What was not checked and why, for example a document whose template another plugin ships."""

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_for_problems(self) -> None:
        if self.problems:
            listing = "\n  ".join(self.problems)
            raise AssertionError(f"{self.distribution} has {len(self.problems)} problem(s):\n  {listing}")


def open_docx(data: bytes) -> object:
    """Open .docx bytes with python-docx (raises if the package is not a valid Word document)."""
    import docx

    return docx.Document(io.BytesIO(data))


def _load(distribution: str) -> Catalog:
    """A fresh catalog of every installed plugin, with everything gathered (so every problem is known)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginWarning)  # each plugin's problems are kept in its errors
        catalog = Catalog(load_plugins(strict=False))
        for part in Catalog._GATHERED:
            getattr(catalog, part)
    return catalog


class _Checked:
    """One plugin distribution inside a loaded catalog."""

    def __init__(self, catalog: Catalog, distribution: str) -> None:
        self.catalog = catalog
        self.wanted = canonical_name(distribution)

    def ours(self, plugin: LoadedPlugin) -> bool:
        return canonical_name(plugin.distribution) == self.wanted

    def entries(self, entries: dict[str, Entry]) -> dict[str, Entry]:
        return {k: e for k, e in entries.items() if self.ours(e.plugin)}

    def plugins(self) -> list[LoadedPlugin]:
        plugins = self.catalog.plugins
        return [p for p in (*plugins.plugins.values(), *plugins.failed) if self.ours(p)]


def check_plugin(
    distribution: str, *, langs: Iterable[str] = SUPPORTED_LANGUAGES, render: bool = True
) -> PluginReport:
    """Check an installed plugin distribution; returns a report listing every problem found."""
    langs = tuple(langs)
    report = PluginReport(distribution)
    catalog = _load(distribution)
    checked = _Checked(catalog, distribution)
    found = checked.plugins()
    if not found:
        report.problems.append(
            f"{distribution} is not installed, or has no entry point in the group 'labkit'"
        )
        return report
    report.problems += [error for plugin in found for error in plugin.errors]
    report.problems += [
        str(c) for c in catalog.conflicts if c.kept is None and any(map(checked.ours, c.plugins))
    ]
    report.problems += _requirement_problems(distribution)
    report.methods = sorted(checked.entries(catalog.method_entries))
    report.indicators = sorted(checked.entries(catalog.indicator_entries))
    _check_content(checked, report, langs)
    _check_generators(checked, report)
    _check_templates(checked, report)
    if render:
        for kind, subject, lang, options in plugin_documents(distribution, catalog, langs):
            _render_one(checked, report, kind, subject, lang, options)
    return report


def _requirement_problems(distribution: str) -> list[str]:
    if canonical_name(distribution) == DISTRIBUTION or DISTRIBUTION in requires(distribution):
        return []
    return [f"{distribution} does not require {DISTRIBUTION}: add it to dependencies in pyproject.toml"]


def _check_content(checked: _Checked, report: PluginReport, langs: tuple[str, ...]) -> None:
    """The content rules (labkit.rules) for the plugin's methods and indicators, and indicator references."""
    catalog = checked.catalog
    for entry in checked.entries(catalog.indicator_entries).values():
        report.problems += [
            f"indicator {entry.item.id}: {gap}" for gap in translation_gaps(entry.item, langs)
        ]
        report.problems += describe(f"indicator {entry.item.id}", wording_findings(entry.item, langs))
    for method_id, entry in sorted(checked.entries(catalog.method_entries).items()):
        method = entry.item
        report.problems += describe(method_id, method_findings(method, langs))
        report.problems += [
            f"{method_id}: the indicator {ref!r} is in no installed indicator library"
            for ref in method.indicators
            if ref not in catalog.indicator_entries
        ]


def _check_generators(checked: _Checked, report: PluginReport) -> None:
    for name, entry in checked.entries(checked.catalog.generator_entries).items():
        for method_id in entry.item.methods:
            if method_id not in checked.catalog.method_entries:
                report.problems.append(
                    f"document kind {name!r} belongs to the method {method_id!r}, which is not installed"
                )


def _check_templates(checked: _Checked, report: PluginReport) -> None:
    """Every template the plugin ships: readable, and for a document kind some installed plugin makes."""
    from ..documents.engine import compile_template
    from ..documents.render import environment_for

    catalog = checked.catalog
    env = environment_for(catalog)
    # Every template it ships, also one that lost a clash (it would be used once the clash is declared).
    shipped = template_files((p, folder) for p, folder in catalog.template_dirs if checked.ours(p))
    for name, entry in sorted(shipped, key=lambda pair: pair[0]):
        try:
            compile_template(entry.item, env)
        except TemplateError as exc:
            report.problems.append(f"template {name}.docx: {exc}")
            continue
        kind = name.rpartition("/")[2]
        if kind not in catalog.generator_entries and kind not in {"form", "form-landscape"}:
            report.problems.append(
                f"template {name}.docx is for the document kind {kind!r}, which no installed plugin makes"
            )


def plugin_documents(
    distribution: str, catalog: Catalog | None = None, langs: Iterable[str] = SUPPORTED_LANGUAGES
) -> Iterator[tuple[str, Any, str, dict[str, Any]]]:
    """Every document a plugin is responsible for, as ``(kind, subject, lang, options)``.

    The documents of each of its methods (every installed generator's: guide, checklists, its forms, ...), and
    its own generators' documents for other subjects: a method generator's for an installed method when the
    plugin has none, a lab generator's for labkit's example lab when the example's methods are installed.
    """
    from ..app.plan import lab_documents, method_documents
    from ..app.render import lab_context
    from ..labs.demo import DEMO_METHODS, demo_lab_path

    catalog = catalog or _load(distribution)
    checked = _Checked(catalog, distribution)
    methods = [e.item for _, e in sorted(checked.entries(catalog.method_entries).items())]
    # The kinds it makes, and those it ships the template of (a template that restyles every guide, say).
    own_kinds = set(checked.entries(catalog.generator_entries))
    own_kinds |= {name.rpartition("/")[2] for name in checked.entries(catalog.template_entries)}
    planned = [p for m in methods for p in method_documents(catalog, m)]
    if not methods and own_kinds:
        planned = [p for m in catalog.methods()[:1] for p in method_documents(catalog, m, own_kinds)]
    if own_kinds and set(DEMO_METHODS) <= set(catalog.method_entries):
        ctx = lab_context(demo_lab_path(), catalog)
        planned += [p for p in lab_documents(ctx, own_kinds) if p.method is None]
    else:
        ctx = None
    for item in planned:
        for lang in langs:
            yield item.kind, item.method or ctx, lang, dict(item.variant.options)


def _render_one(
    checked: _Checked, report: PluginReport, kind: str, subject: Any, lang: str, options: dict[str, Any]
) -> None:
    from ..app.render import render

    ident = getattr(subject, "id", None) or subject.lab.id
    label = f"{kind}:{ident}:{lang}" + "".join(f":{v}" for v in options.values() if isinstance(v, str))
    try:
        document = render(kind, subject, lang=lang, catalog=checked.catalog, **options)
        open_docx(document.data)
    except LabkitError as exc:
        owner = _template_owner(checked.catalog, kind, getattr(subject, "id", None))
        if isinstance(exc, TemplateError) and owner is not None and not checked.ours(owner):
            report.notes.append(f"{label}: not checked: the template is {owner.label}'s, which fails: {exc}")
        else:
            report.problems.append(f"{label}: {exc}")
        return
    except Exception as exc:  # a document python-docx cannot open
        report.problems.append(f"{label}: the document is not a valid .docx: {type(exc).__name__}: {exc}")
        return
    report.problems += [f"{label}: {warning}" for warning in document.warnings]
    report.documents.append(label)


def _template_owner(catalog: Catalog, kind: str, method_id: str | None) -> LoadedPlugin | None:
    try:
        return catalog.template_entry(kind, method_id).plugin
    except LabkitError:
        return None
