"""Tests of the labkit-summer-jobs plugin, through its installed entry point."""

from __future__ import annotations

import pytest

from labkit.testing import check_plugin

DOCUMENT_KINDS = ["supervisor-checklist", "youth-evaluation"]


def test_plugin_checks_pass() -> None:
    report = check_plugin("labkit-summer-jobs")
    report.raise_for_problems()
    assert report.methods == ["summer-jobs"]
    for kind in ["guide", "checklist", *DOCUMENT_KINDS]:
        for lang in ("sv", "en"):
            assert f"{kind}:summer-jobs:{lang}" in report.documents


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", ["guide", *DOCUMENT_KINDS])
def test_documents_convert_to_pdf(kind: str, tmp_path, libreoffice) -> None:
    import labkit

    document = labkit.render(kind, "summer-jobs", lang="sv")
    path = document.save(tmp_path, pdf=True)
    assert path.with_suffix(".pdf").stat().st_size > 1000
