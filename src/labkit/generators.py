"""Document generators: each kind of document labkit (or a plugin) can make.

A generator is contributed through the ``labkit_generators`` hook. labkit's own kinds (method guide, checklists,
lab plan, partner checklist, outcome report) are generators of its own plugin, made and used exactly like a
third-party plugin's. ``labkit build`` makes every generator's documents for a lab: a method generator's for each
chosen method it applies to, a lab generator's for the lab; :attr:`Generator.variants` says when a generator
makes more than one document for a subject (one per partner) or none (a method without checklists).
"""

from __future__ import annotations

import enum
import importlib
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .model import check_localized, check_slug
from .text import LocalizedText

if TYPE_CHECKING:
    from .catalog import Catalog
    from .documents.document import Document
    from .documents.housestyle import HouseStyle
    from .model import Form

__all__ = ["Generator", "Request", "Takes", "Variant", "forms_from_file", "lazy"]


class Takes(enum.StrEnum):
    """What a generator makes its document from."""

    METHOD = "method"
    """A :class:`~labkit.model.Method`: ``request.subject`` is the method."""
    LAB = "lab"
    """A lab: ``request.subject`` is a :class:`~labkit.labs.context.LabContext`."""
    OUTCOMES = "outcomes"
    """A lab together with its measurements: ``request.subject`` is a ``LabContext`` whose ``measurements``
    are loaded. A build makes these documents only for a lab that has measurements."""

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Request:
    """Everything a generator gets: the subject, the language and the rendering options.

    For a lab generator the subject is a :class:`~labkit.labs.context.LabContext`: ``subject.lab`` is the checked
    :class:`~labkit.model.Lab`, ``subject.catalog`` the catalog it was checked against, ``subject.path`` the lab
    file (or None), ``subject.chosen_methods()`` yields each chosen method with the installed
    :class:`~labkit.model.Method`, ``subject.assignments()`` lists every step with its RACI partners in timeline
    order, ``subject.partners_with_tasks()`` the partners that act in some step, and ``subject.measurements``
    the lab's measurements (its own and those in its data files).
    """

    subject: Any
    """A :class:`~labkit.model.Method` or a :class:`~labkit.labs.context.LabContext`, as the generator takes."""
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
class Variant:
    """One document a generator makes for a subject in a build."""

    options: Mapping[str, Any] = attrs.field(factory=dict)
    """The request options of this document, for example ``{"partner": "police"}``."""
    label: LocalizedText = ""
    """What tells it apart in the build's index, for example the partner's organisation."""
    slug: str = ""
    """What tells it apart in its file name, for example the partner id."""


def one_document(_subject: Any) -> Iterable[Variant]:
    """The default of :attr:`Generator.variants`: one document for each subject."""
    return (Variant(),)


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
    variants: Callable[[Any], Iterable[Variant]] = attrs.field(default=one_document, repr=False)
    """The documents a build makes for one subject (a method, or a ``LabContext``): one by default; a checklist
    generator makes none for a method without checklists, a partner generator one per partner."""
    assets_option: str | None = None
    """The option through which a build gives the generator a folder for the files that go with its document
    (the outcome report saves its charts there), or None."""
    inputs: Callable[[Any, Variant], Any] | None = attrs.field(default=None, repr=False)
    """What one document is made from, for incremental builds: given the subject and the variant, plain data
    (what JSON holds; model objects such as a ``Partner`` or a ``Method``, and a ``pathlib.Path`` standing for
    the content of a file, may be part of it) that changes
    whenever the document would. A build makes a document again only when this, its template, the house style,
    labkit or the plugin changed. None (the default) means the whole subject: the method and its indicators, or
    the lab's data with its data files and chosen methods. Say less only with care: a document whose inputs
    miss something it shows is not made again when that changes."""

    def applies_to(self, method_id: str) -> bool:
        return not self.methods or method_id in self.methods


def lazy(target: str) -> Callable[[Request], Document]:
    """A generate function that imports ``"package.module:function"`` only when a document is made.

    Listing commands ask every plugin for its generators; with ``lazy`` that costs no import of the rendering
    stack (Jinja2, docxtpl, matplotlib).
    """
    module_name, _, function_name = target.partition(":")

    def generate(request: Request) -> Document:
        function: Callable[[Request], Document] = getattr(importlib.import_module(module_name), function_name)
        return function(request)

    generate.__qualname__ = generate.__name__ = function_name
    return generate


def forms_from_file(
    path: str | os.PathLike[str], template: str | os.PathLike[str] | None = None
) -> list[Generator]:
    """Turn the forms in a ``documents.yaml`` file into generators (one document kind per form).

    Each form is rendered with the form template (a method's own ``<method-id>/form.docx`` if a plugin ships
    one), or with *template* when given. The file is read when this function is called, which is when labkit
    asks the plugin for its generators.
    """
    from .files import load_forms

    forms = load_forms(path)
    template_path = Path(template) if template is not None else None
    return [_form_generator(form, template_path) for form in forms]


@attrs.frozen
class _FormDocument:
    """The generate function of a form. Late-bound like every plugin's: the renderer is imported when used."""

    form: Form
    template: Path | None

    def __call__(self, request: Request) -> Document:
        render_form: Callable[..., Document] = importlib.import_module("labkit.documents.forms").render_form
        return render_form(self.form, request, default_template=self.template)


def _form_generator(form: Form, template: Path | None) -> Generator:
    return Generator(
        name=form.id,
        title=form.title,
        description=form.description,
        takes=Takes.METHOD,
        generate=_FormDocument(form, template),
        methods=(form.method,),
    )
