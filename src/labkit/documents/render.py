"""Rendering a document: find the template, check it against the view, fill it and return a :class:`Document`.

Every template is checked the same way, labkit's own included: a variable the template uses that the view does
not provide is an error, and a part of the view the template does not show is a note on the document.
"""

from __future__ import annotations

import functools
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from ..errors import DocumentError, TemplateError
from ..version import DISTRIBUTION
from .document import Document
from .engine import DocumentProperties, Image, check_variables, compile_template, make_environment
from .housestyle import HouseStyle, apply_to_styles, inaccessible_colours

if TYPE_CHECKING:
    from ..app.render import check_template as check_template
    from ..app.render import render as render
    from ..app.render import render_checklist as render_checklist
    from ..app.render import render_guide as render_guide
    from ..catalog import Catalog
    from ..generators import Request

__all__ = ["environment_for", "render_docx"]
# Also, while callers move over (see __getattr__ below): check_template, render, render_checklist, render_guide.

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
    """Render the template for *kind* (or the user's own template) with *context*.

    The template is the one the request names, else the installed one for *kind* (the method's own if a plugin
    ships ``<method-id>/<kind>.docx``). A template that does not fit raises :class:`TemplateError` naming the
    template and, for an installed one, the plugin that ships it.
    """
    catalog = request.catalog
    entry = None
    if request.template is not None:
        path, owner = Path(request.template), ""
    else:
        entry = catalog.template_entry(kind, method_id)
        path, owner = entry.item, f" (shipped by {entry.plugin.label})"
    env = environment_for(catalog)
    try:
        compiled = compile_template(path, env)
    except TemplateError as exc:
        raise TemplateError(f"{exc}{owner}") from exc
    context = dict(context)
    doc = dict(context.get("doc", {}))
    style = request.house_style
    inaccessible: list[str] = []
    if style is not None:
        doc["organisation"] = style.organisation or doc.get("organisation", "")
        logo = style.logo_bytes()
        doc["logo"] = ""
        alternative = (style.logo_alt or style.organisation).strip()
        if logo and alternative:
            doc["logo"] = Image(logo, width_cm=3.0, description=alternative)
        elif logo:
            inaccessible.append(
                "the house style's logo has no alternative text: add logo_alt (what the logo says) "
                "or the organisation's name"
            )
        inaccessible += inaccessible_colours(style)
    else:
        doc.setdefault("logo", "")
    context["doc"] = doc
    notes = list(warnings)
    problems = check_variables(compiled, context)
    if problems:
        raise TemplateError("; ".join(problems) + owner)
    unused = sorted(set(context) - compiled.variables - {"doc", "labels", "toc"})
    if unused:
        notes.append(f"the template {compiled.name}{owner} does not show: {', '.join(unused)}")
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
    parts: dict[str, bytes] = {}
    data = compiled.render(context, styles=styles, properties=properties, parts=parts)
    builtin = entry is not None and entry.plugin.distribution == DISTRIBUTION
    inaccessible += _accessibility(parts, None if builtin else f"{compiled.name}{owner}")
    if inaccessible and not request.allow_inaccessible:
        raise DocumentError(
            "the document would not be accessible: "
            + "; ".join(inaccessible)
            + ". Fix it, or make it anyway with --allow-inaccessible (allow_inaccessible=True)"
        )
    notes += [f"not accessible: {problem}" for problem in inaccessible]
    return Document(
        kind=kind,
        title=title,
        lang=request.lang,
        data=data,
        filename=filename,
        warnings=tuple(notes),
        accessible=not inaccessible,
    )


def _accessibility(parts: Mapping[str, bytes], template: str | None) -> list[str]:
    """The accessibility problems of a rendered document (its XML parts as written), blamed on the template
    when it is not labkit's."""
    from ..accessibility import check_docx

    where = f"the template {template}: " if template else ""
    return [f"{where}{finding}" for finding in check_docx(parts)]


def __getattr__(name: str) -> Any:
    # render(), render_guide(), render_checklist() and check_template() moved to labkit.app.render: resolving a
    # lab is the application's job, not the renderer's. Kept here while callers move over.
    if name in {"render", "render_guide", "render_checklist", "check_template"}:
        from ..app import render  # layer exception, allowed in tests/test_layers.py until callers have moved

        return getattr(render, name)
    raise AttributeError(f"module 'labkit.documents.render' has no attribute {name!r}")
