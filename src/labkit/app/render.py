"""Making one document: find the generator of a kind, resolve its subject, call it and check what it made."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigurationError, NotFoundError, PluginError
from ..generators import Request, Takes
from ..text import DEFAULT_LANGUAGE, document_language

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..documents.document import Document
    from ..documents.housestyle import HouseStyle
    from ..model import Method

__all__ = ["check_language", "check_template", "render", "render_checklist", "render_guide"]


def check_language(lang: str) -> str:
    """*lang* as ``sv`` or ``en`` (any case), or a :class:`ConfigurationError` with the message every command uses."""
    try:
        return document_language(lang)
    except ValueError as exc:
        raise ConfigurationError(str(exc)) from None


def _default_language(subject: Any) -> str:
    """The language of a document when none is asked for: the lab's for a lab, else Swedish."""
    from ..labs.context import LabContext

    return subject.lab.language if isinstance(subject, LabContext) else DEFAULT_LANGUAGE


def _house_style(
    value: HouseStyle | str | os.PathLike[str] | None, allow_inaccessible: bool
) -> HouseStyle | None:
    from ..documents.housestyle import HouseStyle, load_house_style

    if value is None or isinstance(value, HouseStyle):
        return value
    return load_house_style(value, accessible=not allow_inaccessible)


def subject_for(kind: str, takes: Takes, methods: tuple[str, ...], subject: Any, catalog: Catalog) -> Any:
    """What a generator of *kind* gets as its subject: the method, or the checked lab as a ``LabContext``."""
    if takes is Takes.METHOD:
        method = catalog.method(subject) if isinstance(subject, str) else subject
        if methods and method.id not in methods:
            raise NotFoundError(
                f"the document kind {kind!r} belongs to {', '.join(methods)}, not to {method.id!r}"
            )
        return method
    return lab_context(subject, catalog)


def lab_context(subject: Any, catalog: Catalog) -> Any:
    """A checked lab as a ``LabContext``, from a lab file, a :class:`~labkit.model.Lab` or a ``LabContext``."""
    from ..labs.check import check_lab
    from ..labs.context import LabContext
    from ..model import Lab

    if isinstance(subject, LabContext):
        return subject
    if isinstance(subject, Lab):
        check_lab(subject, catalog).raise_for_problems()
        return LabContext(subject, catalog, None)
    if isinstance(subject, (str, os.PathLike)):
        result = check_lab(subject, catalog)
        result.raise_for_problems()
        return LabContext(result.lab, catalog, Path(subject))  # type: ignore[arg-type]
    raise ConfigurationError(f"expected a lab (a Lab or a lab file), got {type(subject).__name__}")


def render(
    kind: str,
    subject: Any,
    *,
    lang: str | None = None,
    template: str | os.PathLike[str] | None = None,
    house_style: HouseStyle | str | os.PathLike[str] | None = None,
    catalog: Catalog | None = None,
    out: str | os.PathLike[str] | None = None,
    pdf: bool = False,
    allow_inaccessible: bool = False,
    **options: Any,
) -> Document:
    """Make a document of *kind* (``guide``, ``checklist``, ``lab-plan``, a plugin's kind, ...) for *subject*.

    *subject* is a method (object or id) or a lab (file, :class:`~labkit.model.Lab` or ``LabContext``),
    depending on what the generator takes. *lang* is ``sv`` or ``en`` (default: the lab's language for a lab,
    Swedish for a method). With *out* the document is also saved there (atomically), and with
    *pdf* converted to PDF next to it. An error inside a plugin's generator is a
    :class:`~labkit.errors.PluginError` naming the plugin's distribution, version and the document kind.

    Every document is checked for accessibility (WCAG 2.1 AA): a house style, template or plugin that would make
    an inaccessible document raises :class:`~labkit.errors.DocumentError` naming each problem, unless
    *allow_inaccessible* is true, which makes the document anyway and lists the problems in its warnings.
    """
    from ..catalog import get_catalog
    from ..documents.document import Document

    catalog = catalog or get_catalog()
    entry = catalog.generator_entry(kind)
    generator = entry.item
    if template is not None and not Path(template).is_file():
        raise ConfigurationError(f"the template {template} does not exist")
    language = check_language(lang) if lang is not None else None
    resolved = subject_for(kind, generator.takes, generator.methods, subject, catalog)
    request = Request(
        subject=resolved,
        lang=language or _default_language(resolved),
        catalog=catalog,
        template=Path(template) if template is not None else None,
        house_style=_house_style(house_style, allow_inaccessible),
        options=options,
        allow_inaccessible=allow_inaccessible,
    )
    document = catalog.plugins.run(entry.plugin, f"the document kind {kind!r}", generator.generate, request)
    if not isinstance(document, Document):
        raise PluginError(
            f"plugin {entry.plugin.label} ({entry.plugin.name}): the document kind {kind!r} returned "
            f"{type(document).__name__} instead of a Document"
        )
    if out is not None:
        document.save(out, pdf=pdf)
    return document


def render_guide(method: Method | str, lang: str = DEFAULT_LANGUAGE, **kwargs: Any) -> Document:
    """Make the method guide (metodguide) for *method*: ``labkit.render_guide("portalen", lang="en", out="p.docx")``."""
    return render("guide", method, lang=lang, **kwargs)


def render_checklist(
    method: Method | str, lang: str = DEFAULT_LANGUAGE, role: str | None = None, **kwargs: Any
) -> Document:
    """Make the checklists of *method*; with *role*, only the items that role owns."""
    return render("checklist", method, lang=lang, role=role, **kwargs)


def check_template(
    kind: str, template: str | os.PathLike[str], subject: Any, *, lang: str | None = None
) -> list[str]:
    """Check a custom template against what the generator of *kind* provides, without writing anything.

    Returns notes (for example variables the template does not show); raises :class:`TemplateError` listing every
    unknown variable.
    """
    document = render(kind, subject, lang=lang, template=template)
    return list(document.warnings)
