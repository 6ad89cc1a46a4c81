"""A mark for tests of the demo lab, which uses methods from three of the published plugins."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

import pytest

DEMO_PLUGINS = ("labkit-innovation-lab", "labkit-portalen", "labkit-mentoring")


def _installed(name: str) -> bool:
    try:
        version(name)
    except PackageNotFoundError:
        return False
    return True


needs_demo_plugins = pytest.mark.skipif(
    not all(_installed(p) for p in DEMO_PLUGINS),
    reason="the demo lab needs the innovation-lab, portalen and mentoring method plugins",
)
