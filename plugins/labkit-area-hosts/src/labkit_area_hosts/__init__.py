"""labkit plugin: Area and safety hosts (områdesvärdar, trygghetsvärdar).

It uses only labkit's public hooks, so it doubles as a worked example for writing your own method plugin.
"""

from __future__ import annotations

from pathlib import Path

from labkit import hookimpl
from labkit.generators import Generator, forms_from_file

HERE = Path(__file__).parent


@hookimpl
def labkit_methods() -> list[Path]:
    return [HERE / "method.yaml"]


@hookimpl
def labkit_indicators() -> list[Path]:
    return [HERE / "indicators.yaml"]


@hookimpl
def labkit_generators() -> list[Generator]:
    return forms_from_file(HERE / "documents.yaml")
