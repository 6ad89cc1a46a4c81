"""The index.html of a build passes axe-core (WCAG 2.1 AA and best practice) in headless Chromium.

Built from the example lab, in both languages and with PDFs listed, so every kind of row the index can have is
on the page; also with a lab whose language differs from some of its documents.
"""

from __future__ import annotations

import shutil

import pytest
from tests.browser import describe, run_axe

from labkit.catalog import get_catalog
from labkit.labs.build import build
from labkit.labs.demo import demo_lab_path, require_demo_methods

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_build(tmp_path_factory):
    catalog = get_catalog()
    require_demo_methods(catalog)
    folder = tmp_path_factory.mktemp("demo")
    lab = folder / "lab"
    shutil.copytree(demo_lab_path().parent, lab)
    out = folder / "out"
    build(lab / "lab.yaml", out, langs=["sv", "en"], processes=2, catalog=catalog, lock=False)
    return out


def test_build_index_passes_axe(chrome, axe_script, demo_build, serve_folder):
    chrome.get(serve_folder(demo_build) + "index.html")
    violations = run_axe(chrome, axe_script)
    assert not violations, describe(violations)


def test_build_index_links_name_their_document_and_resolve(chrome, demo_build, serve_folder):
    import urllib.request

    base = serve_folder(demo_build)
    chrome.get(base + "index.html")
    links = chrome.execute_script(
        "return Array.from(document.querySelectorAll('main a[href]')).map(a => [a.href, a.textContent.trim()]);"
    )
    assert links
    for href, text in links:
        assert text, f"the link to {href} has no text"
        with urllib.request.urlopen(href) as response:
            assert response.status == 200
