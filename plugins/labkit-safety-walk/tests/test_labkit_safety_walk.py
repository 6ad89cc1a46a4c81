"""Tests of the labkit-safety-walk plugin, through its installed entry point."""

from __future__ import annotations

import pytest

from labkit.testing import check_plugin

DOCUMENT_KINDS = ["walk-protocol", "action-list"]


def test_plugin_checks_pass() -> None:
    report = check_plugin("labkit-safety-walk")
    report.raise_for_problems()
    assert report.methods == ["safety-walk"]
    for kind in ["guide", "checklist", *DOCUMENT_KINDS]:
        for lang in ("sv", "en"):
            assert f"{kind}:safety-walk:{lang}" in report.documents


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", ["guide", *DOCUMENT_KINDS])
def test_documents_convert_to_pdf(kind: str, tmp_path, libreoffice) -> None:
    import labkit

    document = labkit.render(kind, "safety-walk", lang="sv")
    path = document.save(tmp_path, pdf=True)
    assert path.with_suffix(".pdf").stat().st_size > 1000
