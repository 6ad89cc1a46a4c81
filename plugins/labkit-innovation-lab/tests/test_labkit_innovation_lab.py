"""Tests of the labkit-innovation-lab plugin, through its installed entry point."""

from __future__ import annotations

import pytest

from labkit.testing import check_plugin

DOCUMENT_KINDS = ["workshop-plan"]


def test_plugin_checks_pass() -> None:
    report = check_plugin("labkit-innovation-lab")
    report.raise_for_problems()
    assert report.methods == ["innovation-lab"]
    for kind in ["guide", "checklist", *DOCUMENT_KINDS]:
        for lang in ("sv", "en"):
            assert f"{kind}:innovation-lab:{lang}" in report.documents


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", ["guide", *DOCUMENT_KINDS])
def test_documents_convert_to_pdf(kind: str, tmp_path, libreoffice) -> None:
    import labkit

    document = labkit.render(kind, "innovation-lab", lang="sv")
    path = document.save(tmp_path, pdf=True)
    assert path.with_suffix(".pdf").stat().st_size > 1000
