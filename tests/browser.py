"""Browser fixtures: Debian's headless Chromium driven by selenium, axe-core for accessibility checks, and a local
HTTP server (labkit's own preview server, bound to 127.0.0.1) for built sites.

Registered from tests/conftest.py. Tests that use them are marked ``browser``. When Chromium, chromedriver,
selenium or npm is missing they are skipped with the reason -- except under CI (``CI=true``), where a missing
browser is a failure, so the browser tests can never pass by not running.

axe-core comes from the npm registry, pinned with its integrity hash in ``tests/axe/package-lock.json``; the
first run installs it with ``npm ci`` into a cache folder (``$LABKIT_TEST_CACHE``, else
``$XDG_CACHE_HOME/labkit-tests``, else ``~/.cache/labkit-tests``), later runs reuse it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

AXE_PACKAGE = Path(__file__).parent / "axe"

#: What axe checks: the WCAG 2.0 and 2.1 level A and AA rules, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

#: Chromium as root in a closed network: no sandbox, no GPU, and nothing that calls home.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{reason} (CI must run the browser tests; .ci/run installs what they need)")
    pytest.skip(reason)


def _program(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def _cache_dir() -> Path:
    configured = os.environ.get("LABKIT_TEST_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "labkit-tests"


@pytest.fixture(scope="session")
def axe_script() -> str:
    """The text of axe.min.js, installed from the npm registry at the version the lock file pins."""
    lock = (AXE_PACKAGE / "package-lock.json").read_bytes()
    version = json.loads(lock)["packages"]["node_modules/axe-core"]["version"]
    target = _cache_dir() / f"axe-core-{version}-{hashlib.sha256(lock).hexdigest()[:12]}"
    script = target / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        npm = _program("npm")
        if npm is None:
            _missing("npm is not installed; the accessibility tests install axe-core with it")
        work = Path(tempfile.mkdtemp(prefix="axe-", dir=_ensure(target.parent)))
        for name in ("package.json", "package-lock.json"):
            shutil.copy(AXE_PACKAGE / name, work / name)
        result = subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=work,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            shutil.rmtree(work, ignore_errors=True)
            _missing(f"npm ci could not install axe-core {version}: {result.stderr.strip()[-500:]}")
        try:
            work.rename(target)
        except OSError:  # another test run installed it meanwhile
            shutil.rmtree(work, ignore_errors=True)
    return script.read_text(encoding="utf-8")


def _ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def chrome(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless Chromium controlled through chromedriver (one for the whole test session)."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed (pip install -e '.[test]')")
    binary = _program("chromium", "chromium-browser")
    driver_path = _program("chromedriver")
    if binary is None or driver_path is None:
        _missing(
            "Chromium and chromedriver are not installed (Debian: apt-get install chromium chromium-driver)"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_argument("--window-size=1280,900")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.set_script_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()


def run_axe(driver: Any, axe_script: str) -> list[dict[str, Any]]:
    """Run axe-core on the page open in *driver*; returns the violations (empty when the page passes)."""
    if not driver.execute_script("return typeof window.axe === 'object';"):
        driver.execute_script(axe_script)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done(r.violations), e => done([{id: 'axe-error', help: String(e), nodes: []}]));",
        AXE_TAGS,
    )
    return list(result)


def describe(violations: list[dict[str, Any]]) -> str:
    """Violations as readable lines: rule, what it asks, and where (first few elements)."""
    lines = []
    for v in violations:
        targets = [" ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])[:5]]
        lines.append(f"{v['id']} ({v.get('impact')}): {v.get('help')} at {'; '.join(targets)}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def serve_folder() -> Iterator[Any]:
    """``serve_folder(path)`` -> base URL of *path* served by labkit's preview server on 127.0.0.1."""
    from labkit.site import make_server

    servers = []

    def start(folder: Path) -> str:
        server = make_server(folder, 0, quiet=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
