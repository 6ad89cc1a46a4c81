"""pytest plugin installed with labkit: fixtures for testing labkit plugins.

``labkit_check_plugin(distribution)`` runs :func:`labkit.testing.check_plugin` and fails the test with every
problem listed. ``labkit_catalog`` is a fresh catalog of the installed plugins. ``labkit_printed`` serves a
:class:`~labkit.testing.PluginTests` class: its documents rendered and converted to PDF by one LibreOffice process.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ..catalog import Catalog
from ._check import PluginReport, check_plugin

__all__ = ["labkit_catalog", "labkit_check_plugin", "labkit_printed", "libreoffice"]


@pytest.fixture
def labkit_catalog() -> Catalog:
    """A fresh catalog of the installed plugins."""
    from ..plugins import load_plugins

    return Catalog(load_plugins(strict=False))


@pytest.fixture
def labkit_check_plugin() -> Callable[..., PluginReport]:
    """Check a plugin distribution and fail the test on any problem; returns the report."""

    def run(distribution: str, **kwargs: object) -> PluginReport:
        report = check_plugin(distribution, **kwargs)  # type: ignore[arg-type]
        report.raise_for_problems()
        return report

    return run


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "libreoffice: converts documents with LibreOffice (skipped where it is missing, except in CI)",
    )


@pytest.fixture(scope="session")
def libreoffice() -> str:
    """The LibreOffice program. Skips the test where LibreOffice is missing, except in CI (CI=true), where it fails."""
    import os

    from ..documents.pdf import find_libreoffice

    program = find_libreoffice()
    if program is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("LibreOffice is required in CI but is not installed")
        pytest.skip("LibreOffice is not installed")
    return program


@pytest.fixture(scope="class")
def labkit_printed(
    request: pytest.FixtureRequest, libreoffice: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """For a :class:`~labkit.testing.PluginTests` class: every document it prints, rendered and converted to PDF
    by one LibreOffice process (by test id: the .docx, whether it is accessible, and its conversion)."""
    from ._suite import print_documents

    cls = request.cls
    assert cls is not None, "labkit_printed serves the test methods of a PluginTests class"
    return print_documents(cls.distribution, cls.pdf_langs, tmp_path_factory.mktemp("pdf"))
