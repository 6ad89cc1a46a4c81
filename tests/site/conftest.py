from __future__ import annotations

from pathlib import Path

import pytest

from labkit.catalog import Catalog, get_catalog
from labkit.site import SiteResult, build_site


@pytest.fixture(scope="session")
def installed() -> Catalog:
    """The catalog of the installed plugins (the eleven published methods in this repository)."""
    return get_catalog()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, installed: Catalog) -> SiteResult:
    """The method bank of every installed method, in Swedish and English, with documents (built once)."""
    return build_site(tmp_path_factory.mktemp("site") / "site", catalog=installed, processes=2)


@pytest.fixture(scope="session")
def site_url(site: SiteResult, serve_folder) -> str:
    return serve_folder(site.out_dir)


def relative(site: SiteResult, path: Path) -> str:
    return path.relative_to(site.out_dir).as_posix()
