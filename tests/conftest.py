from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from labkit.catalog import Catalog
from labkit.files import load_method
from labkit.plugins import load_plugins

pytest_plugins = ["tests.browser"]


def pytest_configure(config: pytest.Config) -> None:
    # pytest-xdist starts its workers with Ctrl-C ignored, and every process a test starts would inherit that
    # (Python leaves an ignored SIGINT ignored): give workers Python's usual handler, so the tests of Ctrl-C
    # (in this process and in the commands they start) see what a user's terminal would.
    if os.environ.get("PYTEST_XDIST_WORKER") and signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "lab-methods"

LAB_TEXT = """
id: test-lab
name: {sv: Testlabb, en: Test lab}
host: Bostadsbolaget
area: {name: Testområdet, municipality: Testkommun}
partners:
  - {id: housing, organisation: Bostadsbolaget, actor: housing-company, role: Värd}
  - {id: tenants, organisation: Hyresgästföreningen, actor: tenants-association, role: Boende}
  - {id: police, organisation: Polisen, actor: police, role: Polis}
  - {id: ngo, organisation: Föreningen, actor: civil-society, role: Förening}
focus_areas: [safety]
challenge: Otrygghet på kvällarna.
target_group: Boende i området.
phases:
  - {phase: understand, start: 2024-01-01, end: 2024-02-29}
  - {phase: explore, start: 2024-03-01, end: 2024-04-30}
  - {phase: test, start: 2024-05-01, end: 2024-08-31}
  - {phase: evaluate, start: 2024-09-01, end: 2024-10-31}
methods:
  - id: test-walk
    version: ^1.0
    responsible: housing
    roles: {tenants: [tenants, ngo]}
  - id: test-meeting
    version: ">=2.0, <3"
    responsible: tenants
    roles: {organiser: [tenants]}
goals: []
steering_group: [housing, tenants]
"""


class _TestMethods:
    """A plugin contributing the two test methods (registered in a fresh catalog)."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths

    from labkit import hookimpl

    @hookimpl
    def labkit_methods(self) -> list[Path]:
        return self.paths


@pytest.fixture(scope="session")
def core_wheel(tmp_path_factory) -> Path:
    """labkit-core built into a wheel from this checkout, for pip to find as if it were on the package index."""
    wheels = tmp_path_factory.mktemp("wheels")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return wheels


@pytest.fixture
def soffice(tmp_path, monkeypatch):
    """A stand-in for LibreOffice (tests/processes.py); returns a function listing its calls."""
    from tests.processes import install_soffice

    return install_soffice(tmp_path, monkeypatch)


@pytest.fixture
def catalog() -> Catalog:
    cat = Catalog(load_plugins(entry_points=False))
    cat.register(_TestMethods([DATA / "walk.yaml", DATA / "meeting.yaml"]), name="test-methods")
    return cat


@pytest.fixture
def lab_file(tmp_path: Path) -> Path:
    path = tmp_path / "lab.yaml"
    path.write_text(LAB_TEXT, encoding="utf-8")
    return path


@pytest.fixture
def walk_method():
    return load_method(DATA / "walk.yaml")
