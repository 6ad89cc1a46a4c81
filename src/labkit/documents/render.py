"""Rendering documents: find the template, check it, fill it and return a :class:`Document`."""

from __future__ import annotations

import functools
import os
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from ..errors import ConfigurationError, DocumentError, NotFoundError, TemplateError
from ..text import DEFAULT_LANGUAGE, is_language_code
from .document import Document
from .engine import DocumentProperties, Image, check_variables, compile_template, make_environment
from .housestyle import HouseStyle, apply_to_styles, inaccessible_colours, load_house_style

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..generators import Request
    from ..model import Method

__all__ = [
    "check_template",
    "render",
    "render_checklist",
    "render_docx",
    "render_guide",
]

# Environments are cached per catalog because plugins contribute Jinja filters.
_ENVIRONMENTS: dict[int, tuple[Any, jinja2.Environment]] = {}


def environment_for(catalog: Catalog) -> jinja2.Environment:
    cached = _ENVIRONMENTS.get(id(catalog))
    if cached is not None and cached[0] is catalog:
        return cached[1]
    env = make_environment(catalog.jinja_filters)
    _ENVIRONMENTS[id(catalog)] = (catalog, env)
    return env


@functools.lru_cache(maxsize=32)
def _styled(template_path: str, mtime: int, style: HouseStyle) -> bytes | None:
    with zipfile.ZipFile(template_path) as package:
        try:
            styles = package.read("word/styles.xml")
        except KeyError:
            return None
    return apply_to_styles(styles, style)


def render_docx(
    request: Request,
    kind: str,
    context: Mapping[str, Any],
    *,
    title: str,
    filename: str,
    method_id: str | None = None,
    warnings: tuple[str, ...] = (),
) -> Document:
    """Render the template for *kind* (or the user's own template) with *context*."""
    catalog = request.catalog
    custom = request.template is not None
    path = Path(request.template) if request.template is not None else catalog.find_template(kind, method_id)
    env = environment_for(catalog)
    compiled = compile_template(path, env)
    context = dict(context)
    doc = dict(context.get("doc", {}))
    style = request.house_style
    problems: list[str] = []
    if style is not None:
        doc["organisation"] = style.organisation or doc.get("organisation", "")
        logo = style.logo_bytes()
        doc["logo"] = ""
        alternative = (style.logo_alt or style.organisation).strip()
        if logo and alternative:
            doc["logo"] = Image(logo, width_cm=3.0, description=alternative)
        elif logo:
            problems.append(
                "the house style's logo has no alternative text: add logo_alt (what the logo says) "
                "or the organisation's name"
            )
        problems += inaccessible_colours(style)
    else:
        doc.setdefault("logo", "")
    context["doc"] = doc
    notes = list(warnings)
    if custom or not _is_builtin(path):
        problems = check_variables(compiled, context)
        if problems:
            raise TemplateError("; ".join(problems))
        unused = sorted(set(context) - compiled.variables - {"doc", "labels", "toc"})
        if unused:
            notes.append(f"the template {compiled.name} does not show: {', '.join(unused)}")
    styles = None
    if style is not None and (style.colours != type(style.colours)() or style.fonts != type(style.fonts)()):
        stat = path.stat()
        styles = _styled(str(path), stat.st_mtime_ns, style)
    properties = DocumentProperties(
        title=title,
        language=request.lang,
        author=doc.get("organisation") or doc.get("author") or "",
        subject=str(doc.get("subject") or ""),
    )
    data = compiled.render(context, styles=styles, properties=properties)
    problems += _accessibility(data, compiled.name if custom or not _is_builtin(path) else None)
    if problems and not request.allow_inaccessible:
        raise DocumentError(
            "the document would not be accessible: "
            + "; ".join(problems)
            + ". Fix it, or make it anyway with --allow-inaccessible (allow_inaccessible=True)"
        )
    notes += [f"not accessible: {problem}" for problem in problems]
    return Document(
        kind=kind,
        title=title,
        lang=request.lang,
        data=data,
        filename=filename,
        warnings=tuple(notes),
        accessible=not problems,
    )


def _accessibility(data: bytes, template: str | None) -> list[str]:
    """The accessibility problems of a rendered document, blamed on the template when it is not labkit's."""
    from ..accessibility import check_docx

    where = f"the template {template}: " if template else ""
    return [f"{where}{finding}" for finding in check_docx(data)]


def _is_builtin(path: Path) -> bool:
    builtin = Path(__file__).resolve().parent.parent / "builtin" / "templates"
    try:
        return path.resolve().is_relative_to(builtin)
    except OSError:
        return False


def _check_lang(lang: str) -> str:
    if not is_language_code(lang):
        raise ConfigurationError(f"{lang!r} is not a language code; use 'sv' or 'en'")
    return lang


def _house_style(value: HouseStyle | str | os.PathLike[str] | None) -> HouseStyle | None:
    if value is None or isinstance(value, HouseStyle):
        return value
    return load_house_style(value)


def render(
    kind: str,
    subject: Any,
    *,
    lang: str = DEFAULT_LANGUAGE,
    template: str | os.PathLike[str] | None = None,
    house_style: HouseStyle | str | os.PathLike[str] | None = None,
    catalog: Catalog | None = None,
    out: str | os.PathLike[str] | None = None,
    pdf: bool = False,
    allow_inaccessible: bool = False,
    **options: Any,
) -> Document:
    """Make a document of *kind* (``guide``, ``checklist``, ``lab-plan``, a plugin's kind, ...) for *subject*.

    *subject* is a method (object or id) or a lab, depending on what the generator takes. With *out* the document
    is also saved there (atomically), and with *pdf* converted to PDF next to it.

    Every document is checked for accessibility (WCAG 2.1 AA): a house style, template or plugin that would make
    an inaccessible document raises :class:`~labkit.errors.DocumentError` naming each problem, unless
    *allow_inaccessible* is true, which makes the document anyway and lists the problems in its warnings.
    """
    from ..catalog import get_catalog
    from ..generators import Request, Takes

    catalog = catalog or get_catalog()
    generator = catalog.generator(kind)
    if generator.takes is Takes.METHOD:
        method = catalog.method(subject) if isinstance(subject, str) else subject
        if not generator.applies_to(method.id):
            raise NotFoundError(
                f"the document kind {kind!r} belongs to {', '.join(generator.methods)}, not to {method.id!r}"
            )
        subject = method
    else:
        subject = _lab_context(subject, catalog)
    if template is not None and not Path(template).is_file():
        raise ConfigurationError(f"the template {template} does not exist")
    request = Request(
        subject=subject,
        lang=_check_lang(lang),
        catalog=catalog,
        template=Path(template) if template is not None else None,
        house_style=_house_style(house_style),
        options=options,
        allow_inaccessible=allow_inaccessible,
    )
    document = generator.generate(request)
    if not isinstance(document, Document):
        raise TemplateError(
            f"the generator {kind!r} returned {type(document).__name__} instead of a Document"
        )
    if out is not None:
        document.save(out, pdf=pdf)
    return document


def _lab_context(subject: Any, catalog: Catalog) -> Any:
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


def render_guide(method: Method | str, lang: str = DEFAULT_LANGUAGE, **kwargs: Any) -> Document:
    """Make the method guide (metodguide) for *method*: ``labkit.render_guide("portalen", lang="en", out="p.docx")``."""
    return render("guide", method, lang=lang, **kwargs)


def render_checklist(
    method: Method | str, lang: str = DEFAULT_LANGUAGE, role: str | None = None, **kwargs: Any
) -> Document:
    """Make the checklists of *method*; with *role*, only the items that role owns."""
    return render("checklist", method, lang=lang, role=role, **kwargs)


def check_template(
    kind: str, template: str | os.PathLike[str], subject: Any, *, lang: str = DEFAULT_LANGUAGE
) -> list[str]:
    """Check a custom template against what the generator of *kind* provides, without writing anything.

    Returns notes (for example variables the template does not show); raises :class:`TemplateError` listing every
    unknown variable.
    """
    document = render(kind, subject, lang=lang, template=template)
    return list(document.warnings)
