"""Document generators: each kind of document labkit (or a plugin) can make.

A generator is contributed through the ``labkit_generators`` hook. The built-in kinds (method guide, checklist,
lab plan, partner checklist, outcome report) are generators too.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .model._validators import check_localized, check_slug
from .text import LocalizedText

if TYPE_CHECKING:
    from .catalog import Catalog
    from .documents import Document, HouseStyle
    from .model import Form

__all__ = ["Generator", "Request", "Takes", "forms_from_file", "lazy"]


class Takes(enum.StrEnum):
    """What a generator makes its document from."""

    METHOD = "method"
    LAB = "lab"
    OUTCOMES = "outcomes"
    """A lab together with its measurements."""

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Request:
    """Everything a generator gets: the subject, the language and the rendering options."""

    subject: Any
    """A :class:`~labkit.model.Method` or :class:`~labkit.model.Lab`."""
    lang: str
    catalog: Catalog
    template: Path | None = None
    """A template the user asked for instead of the default one."""
    house_style: HouseStyle | None = None
    options: Mapping[str, Any] = attrs.field(factory=dict)
    """Generator-specific options, for example ``{"role": "coordinator"}`` for checklists."""
    allow_inaccessible: bool = False
    """Make the document even where it would not be accessible (its warnings list why) instead of failing."""


@attrs.frozen
class Generator:
    """A kind of document."""

    name: str = attrs.field(validator=check_slug)
    """The document kind, for example ``guide`` or ``walk-protocol``."""
    title: LocalizedText = attrs.field(validator=check_localized)
    description: LocalizedText = attrs.field(validator=check_localized)
    takes: Takes
    generate: Callable[[Request], Document] = attrs.field(repr=False)
    formats: tuple[str, ...] = ("docx", "pdf")
    methods: tuple[str, ...] = ()
    """Method ids the document belongs to; empty means any method (or none, for lab documents)."""

    def applies_to(self, method_id: str) -> bool:
        return not self.methods or method_id in self.methods


def lazy(target: str) -> Callable[[Request], Document]:
    """A generate function that imports ``"package.module:function"`` only when a document is made.

    Listing commands ask every plugin for its generators; with ``lazy`` that costs no import of the rendering
    stack (Jinja2, docxtpl, matplotlib).
    """
    module_name, _, function_name = target.partition(":")

    def generate(request: Request) -> Document:
        import importlib

        function: Callable[[Request], Document] = getattr(importlib.import_module(module_name), function_name)
        return function(request)

    generate.__qualname__ = generate.__name__ = function_name
    return generate


def forms_from_file(
    path: str | os.PathLike[str], template: str | os.PathLike[str] | None = None
) -> list[Generator]:
    """Turn the forms in a ``documents.yaml`` file into generators (one document kind per form).

    Each form is rendered with the built-in form template, or with *template* when given. The file is read when
    this function is called, which is when labkit asks the plugin for its generators.
    """
    from .files import load_forms

    forms = load_forms(path)
    template_path = Path(template) if template is not None else None
    return [_form_generator(form, template_path) for form in forms]


def _form_generator(form: Form, template: Path | None) -> Generator:
    def generate(request: Request) -> Document:
        from .documents.forms import render_form

        return render_form(form, request, default_template=template)

    return Generator(
        name=form.id,
        title=form.title,
        description=form.description,
        takes=Takes.METHOD,
        generate=generate,
        methods=(form.method,),
    )
