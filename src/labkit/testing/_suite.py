"""The shared test suite every labkit plugin runs (see :class:`PluginTests`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import pytest

from ..text import SUPPORTED_LANGUAGES

__all__ = ["PluginTests"]


def _id(document: tuple[str, Any, str, dict[str, Any]]) -> str:
    kind, subject, lang, options = document
    ident = getattr(subject, "id", None) or subject.lab.id
    return "-".join([kind, ident, lang, *(str(v) for v in options.values())])


class PluginTests:
    """The whole test suite of a plugin distribution; subclass it and name the distribution:

    ```python
    from labkit.testing import PluginTests

    class TestPlugin(PluginTests):
        distribution = "labkit-my-method"
    ```

    Every document the plugin can make becomes its own test case (``test_document_renders[guide-my-method-sv]``),
    and so does its PDF conversion where LibreOffice is installed (the documents are converted together, by one
    LibreOffice process for the class).
    """

    distribution: ClassVar[str] = ""
    """The distribution to test, as installed (``labkit-my-method``)."""
    langs: ClassVar[tuple[str, ...]] = SUPPORTED_LANGUAGES
    """The languages every document must render in."""
    pdf_langs: ClassVar[tuple[str, ...]] = ("sv",)
    """The languages each document is converted to PDF in (LibreOffice is slow; one is usually enough)."""

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        from ._check import plugin_documents

        if "document" in metafunc.fixturenames:
            documents = list(plugin_documents(self.distribution, langs=self.langs))
            metafunc.parametrize("document", documents, ids=[_id(d) for d in documents])
        if "pdf_document" in metafunc.fixturenames:
            documents = list(plugin_documents(self.distribution, langs=self.pdf_langs))
            metafunc.parametrize("pdf_document", documents, ids=[_id(d) for d in documents])

    def test_plugin_loads_and_its_content_checks(self) -> None:
        """No warning, conflict, invalid file, checklist-rule break, missing translation or unreadable template."""
        from ._check import check_plugin

        assert self.distribution, f"{type(self).__name__} must set distribution = '<the distribution>'"
        report = check_plugin(self.distribution, langs=self.langs, render=False)
        report.raise_for_problems()

    def test_document_renders(self, document: tuple[str, Any, str, dict[str, Any]]) -> None:
        """The document renders into a .docx python-docx opens, with no notes (missing texts, unused views)."""
        from ..app.render import render
        from ._check import open_docx

        kind, subject, lang, options = document
        made = render(kind, subject, lang=lang, **options)
        open_docx(made.data)
        assert list(made.warnings) == []

    @pytest.mark.libreoffice
    def test_document_converts_to_pdf(
        self, pdf_document: tuple[str, Any, str, dict[str, Any]], labkit_printed: dict[str, Any]
    ) -> None:
        """The document converts to a PDF that passes the accessibility check (all of them in one LibreOffice)."""
        from ..documents.document import finish_pdf

        made = labkit_printed[_id(pdf_document)]
        assert not isinstance(made, str), made
        path, accessible, conversion = made
        finish_pdf(conversion.pdf, conversion.error, accessible=accessible, docx=path)
        assert conversion.pdf.stat().st_size > 1000


def print_documents(distribution: str, langs: Sequence[str], folder: Path) -> dict[str, Any]:
    """Render every document of *distribution* in *langs* into *folder*, then convert them all to PDF with one
    LibreOffice process.

    Maps each document's test id to (its .docx, whether it is accessible, its conversion), or to the error that
    kept it from being rendered.
    """
    from ..app.render import render
    from ..documents.pdf import convert_each
    from ..errors import LabkitError
    from ._check import plugin_documents

    made: dict[str, Any] = {}
    for document in plugin_documents(distribution, langs=tuple(langs)):
        kind, subject, lang, options = document
        try:
            rendered = render(kind, subject, lang=lang, **options)
        except LabkitError as exc:
            made[_id(document)] = str(exc)
            continue
        made[_id(document)] = (rendered.save(folder / f"{_id(document)}.docx"), rendered.accessible)
    saved = {ident: value for ident, value in made.items() if not isinstance(value, str)}
    conversions = convert_each([path for path, _accessible in saved.values()])
    for (ident, (path, accessible)), conversion in zip(saved.items(), conversions, strict=True):
        made[ident] = (path, accessible, conversion)
    return made
