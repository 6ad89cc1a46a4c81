"""The shared test suite every labkit plugin runs (see :class:`PluginTests`)."""

from __future__ import annotations

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
    and so does its PDF conversion where LibreOffice is installed.
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
        self, pdf_document: tuple[str, Any, str, dict[str, Any]], libreoffice: str, tmp_path: Any
    ) -> None:
        from ..app.render import render

        kind, subject, lang, options = pdf_document
        path = render(kind, subject, lang=lang, **options).save(tmp_path, pdf=True)
        assert path.with_suffix(".pdf").stat().st_size > 1000
