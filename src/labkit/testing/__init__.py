"""Testing kit for plugin authors: one call checks a whole plugin distribution.

```python
from labkit.testing import check_plugin

def test_my_plugin():
    check_plugin("labkit-my-method").raise_for_problems()
```

It checks that the plugin loads through its entry point without warnings, that all of its methods, indicators
and forms validate, that its methods follow the content rules of :mod:`labkit.rules` (checklists, every text
in Swedish and English, no claim beyond the evidence level, checkable sources, wording, plain language), that its
methods only refer to known indicators, and that every document it can make (guide,
checklists, its own document kinds) renders in each language into a .docx that python-docx can open.
The pytest plugin (installed with labkit) offers the same as the ``labkit_check_plugin`` fixture.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable

import attrs

from ..catalog import Catalog
from ..errors import LabkitError
from ..plugins import PluginWarning, load_plugins
from ..rules import describe, method_findings, translation_gaps
from ..text import SUPPORTED_LANGUAGES

__all__ = ["PluginReport", "check_plugin", "open_docx"]


@attrs.define
class PluginReport:
    """What :func:`check_plugin` found."""

    distribution: str
    methods: list[str] = attrs.field(factory=list)
    indicators: list[str] = attrs.field(factory=list)
    documents: list[str] = attrs.field(factory=list)
    """The documents rendered, as ``kind:method:lang``."""
    problems: list[str] = attrs.field(factory=list)

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


def _normalize(name: str) -> str:
    return name.lower().replace("_", "-")


def check_plugin(
    distribution: str, *, langs: Iterable[str] = SUPPORTED_LANGUAGES, render: bool = True
) -> PluginReport:
    """Check an installed plugin distribution; returns a report listing every problem found."""
    langs = tuple(langs)
    report = PluginReport(distribution)
    wanted = _normalize(distribution)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PluginWarning)
        catalog = Catalog(load_plugins(strict=False))
        methods = {
            k: e for k, e in catalog.method_entries.items() if _normalize(e.plugin.distribution) == wanted
        }
        indicators = {
            k: e for k, e in catalog.indicator_entries.items() if _normalize(e.plugin.distribution) == wanted
        }
        generators = {
            k: e for k, e in catalog.generator_entries.items() if _normalize(e.plugin.distribution) == wanted
        }
        catalog.template_dirs  # noqa: B018
    for warning in caught:
        if issubclass(warning.category, PluginWarning) and wanted in _normalize(str(warning.message)):
            report.problems.append(str(warning.message))
    known = [p for p in catalog.plugins.plugins.values() if _normalize(p.distribution) == wanted]
    failed = [p for p in catalog.plugins.failed if _normalize(p.distribution) == wanted]
    if not known and not failed:
        report.problems.append(
            f"{distribution} is not installed, or has no entry point in the group 'labkit'"
        )
        return report
    for conflict in catalog.conflicts:
        if any(_normalize(p.distribution) == wanted for p in conflict.plugins):
            report.problems.append(str(conflict))
    report.methods = sorted(methods)
    report.indicators = sorted(indicators)
    for entry in indicators.values():
        report.problems += [
            f"indicator {entry.item.id}: {gap}" for gap in translation_gaps(entry.item, langs)
        ]
    for method_id, entry in sorted(methods.items()):
        method = entry.item
        report.problems += describe(method_id, method_findings(method, langs))
        for ref in method.indicators:
            if ref not in catalog.indicator_entries:
                report.problems.append(
                    f"{method_id}: the indicator {ref!r} is in no installed indicator library"
                )
        if not render:
            continue
        kinds = ["guide"] + (["checklist"] if method.checklists else [])
        kinds += [
            name
            for name, g in catalog.generator_entries.items()
            if g.item.methods and method_id in g.item.methods
        ]
        for kind in kinds:
            for lang in langs:
                _render_one(catalog, report, kind, method, lang)
    for name, entry in generators.items():
        if not entry.item.methods:
            continue
        for method_id in entry.item.methods:
            if method_id not in catalog.method_entries:
                report.problems.append(
                    f"document kind {name!r} belongs to the method {method_id!r}, which is not installed"
                )
    return report


def _render_one(catalog: Catalog, report: PluginReport, kind: str, method: object, lang: str) -> None:
    from ..documents.render import render

    label = f"{kind}:{method.id}:{lang}"  # type: ignore[attr-defined]
    try:
        document = render(kind, method, lang=lang, catalog=catalog)
        open_docx(document.data)
    except LabkitError as exc:
        report.problems.append(f"{label}: {exc}")
        return
    except Exception as exc:  # a document python-docx cannot open
        report.problems.append(f"{label}: the document is not a valid .docx: {type(exc).__name__}: {exc}")
        return
    for warning in document.warnings:
        report.problems.append(f"{label}: {warning}")
    report.documents.append(label)
