"""labkit plugin: Property-owner collaboration (Business Improvement District).

It uses only labkit's public hooks, so it doubles as a worked example for writing your own method plugin.
"""

from __future__ import annotations

from pathlib import Path

from labkit import hookimpl

HERE = Path(__file__).parent


@hookimpl
def labkit_methods() -> list[Path]:
    return [HERE / "method.yaml"]


@hookimpl
def labkit_indicators() -> list[Path]:
    return [HERE / "indicators.yaml"]
