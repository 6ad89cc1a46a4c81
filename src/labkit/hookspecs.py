"""The hooks a labkit plugin can implement.

A plugin is a module (or an object) registered under the entry-point group ``labkit``. It implements any of these
hooks with :data:`labkit.hookimpl`; a package that implements none is read as a data-only plugin (see
:class:`labkit.DataPlugin`). Every hook *returns* contributions instead of mutating shared state, so labkit can
call each plugin on its own, through pluggy, check what it returned, and skip one broken plugin with a warning
that names its distribution while every other plugin keeps working. labkit's own indicators, generators and
templates come through these same hooks from the entry point ``core`` of labkit-core (:mod:`labkit.builtin`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from .generators import Generator
    from .model import Indicator, Method

__all__ = ["PROJECT_NAME", "hookimpl", "hookspec"]

PROJECT_NAME = "labkit"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
#: Decorator for hook implementations in plugins: ``from labkit import hookimpl``.
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def labkit_methods() -> Iterable[Method | str | Path]:
    """Contribute methods.

    Return :class:`~labkit.model.Method` objects or paths to method files (YAML or JSON) shipped inside the
    plugin package. Files are loaded only when a command needs methods, and a file with errors is skipped with a
    warning that names the plugin's distribution and every problem in the file.
    """
    raise NotImplementedError  # a hook specification: plugins implement it


@hookspec
def labkit_indicators() -> Iterable[Indicator | str | Path]:
    """Contribute indicators to the shared indicator library.

    Return :class:`~labkit.model.Indicator` objects or paths to files holding a list of indicators. Two plugins
    contributing the same indicator id is an error that names both distributions.
    """
    raise NotImplementedError  # a hook specification: plugins implement it


@hookspec
def labkit_replaces() -> Mapping[str, str]:
    """Declare that something this plugin contributes replaces what another distribution contributes.

    Return ``{what: distribution_name}``, where *what* is a method id (``portalen``), or ``indicator:<id>``,
    ``kind:<document kind>``, ``template:<name>`` (``guide``, or ``<method-id>/guide``) or ``filter:<name>``.
    Without a declaration, a clash with a distribution this plugin depends on (labkit-core, always) keeps that
    distribution's contribution and warns, and a clash between unrelated distributions is a conflict naming both:
    labkit never picks one silently.
    """
    raise NotImplementedError  # a hook specification: plugins implement it


@hookspec
def labkit_templates() -> Iterable[str | Path]:
    """Contribute folders of document templates.

    A folder may hold ``<method-id>/<kind>.docx`` (used for that method's documents of that kind, for example
    ``portalen/guide.docx``) and ``<kind>.docx`` (the template of a document kind the plugin makes). Templates of
    every plugin are found the same way, labkit's own included; replacing another distribution's template (such as
    labkit's ``guide.docx``) needs a declaration in :func:`labkit_replaces` (``template:guide``).
    """
    raise NotImplementedError  # a hook specification: plugins implement it


@hookspec
def labkit_generators() -> Iterable[Generator]:
    """Contribute document generators: new kinds of document, each a :class:`~labkit.generators.Generator`.

    A generator has a name (its document kind), what it takes (a method, a lab or a lab with outcome data),
    its formats, and a function that makes the document. Forms described in a ``documents.yaml`` file become
    generators with :func:`labkit.generators.forms_from_file`.
    """
    raise NotImplementedError  # a hook specification: plugins implement it


@hookspec
def labkit_jinja_filters() -> Mapping[str, Callable[..., Any]]:
    """Contribute Jinja filters available in every document template: ``{name: function}``."""
    raise NotImplementedError  # a hook specification: plugins implement it
