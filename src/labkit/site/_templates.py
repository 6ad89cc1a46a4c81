"""The site's Jinja2 templates: found in a folder given on the command line, then in the ``site/`` subfolder of
every plugin's template folder (the ``labkit_templates`` hook), then labkit's own.

A company overrides one page (``method.html``), one part (``_card.html``), the stylesheet (``assets/site.css``)
or all of them by putting files of the same name first in that order. Templates are HTML-escaped and strict: a
name a template uses that the page does not provide is an error naming the template file and line.
"""

from __future__ import annotations

import re
import types
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
import markupsafe

from ..catalog import Catalog
from ..errors import ConfigurationError, TemplateError
from ..text import without_controls

__all__ = ["BUILTIN_TEMPLATES", "SiteTemplates", "template_folders"]

#: labkit's own site templates.
BUILTIN_TEMPLATES = Path(__file__).parent / "templates"


def template_folders(catalog: Catalog, folder: Path | None = None) -> list[Path]:
    """The folders searched for site templates, first match wins."""
    folders = []
    if folder is not None:
        if not folder.is_dir():
            raise ConfigurationError(f"the template folder {folder} does not exist")
        folders.append(folder)
    for _plugin, path in catalog.template_dirs:
        if (path / "site").is_dir():
            folders.append(path / "site")
    folders.append(BUILTIN_TEMPLATES)
    return folders


def _paragraphs(text: str) -> list[str]:
    """Split a text into paragraphs at blank lines."""
    return [p.strip() for p in re.split(r"\n\s*\n", str(text)) if p.strip()]


def _template_line(exc: BaseException) -> str:
    """``file:line`` of the innermost template frame of *exc*'s traceback, if any."""
    where = ""
    tb: types.TracebackType | None = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".css", ".js")):
            where = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def _without_controls(value: Any) -> Any:
    """Every value a page shows, without the control characters HTML cannot carry (escaping is kept as it is)."""
    if isinstance(value, markupsafe.Markup):
        return markupsafe.Markup(without_controls(value))
    if isinstance(value, str):
        return without_controls(value)
    return value


class SiteTemplates:
    """A Jinja2 environment over the site's template folders."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = list(folders)
        # Sandboxed like the document templates: a site template reads its values, it cannot reach Python.
        self.env = jinja2.sandbox.ImmutableSandboxedEnvironment(
            loader=jinja2.FileSystemLoader([str(f) for f in self.folders]),
            autoescape=jinja2.select_autoescape(["html"], default_for_string=True, default=False),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            finalize=_without_controls,
        )
        self.env.filters["paragraphs"] = _paragraphs

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        """Render the template *name* with *context*; errors name the template file and line."""
        try:
            return self.env.get_template(name).render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{exc.filename or name}:{exc.lineno}: {exc.message}") from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(
                f"the site template {exc.name!r} was not found in {', '.join(map(str, self.folders))}"
            ) from None
        except (
            jinja2.UndefinedError,
            jinja2.exceptions.SecurityError,
            TypeError,
            AttributeError,
            KeyError,
            ValueError,
        ) as exc:
            where = _template_line(exc) or name
            raise TemplateError(f"{where}: {exc}") from None

    def source(self, name: str) -> str:
        """The text of a static file among the templates (a script), as it is."""
        try:
            text, _filename, _uptodate = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            raise TemplateError(f"the site file {name!r} was not found") from None
        return text
