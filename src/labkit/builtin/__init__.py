"""labkit's built-in plugin: the shared indicator library, the default templates and the core document kinds.

It is registered through the same hooks as every other plugin; there is no private back door.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..hookspecs import hookimpl

if TYPE_CHECKING:
    from ..generators import Generator

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"

__all__ = ["TEMPLATES"]


@hookimpl
def labkit_indicators() -> Iterable[Path]:
    return [HERE / "indicators.yaml"]


@hookimpl
def labkit_templates() -> Iterable[Path]:
    return [TEMPLATES]


@hookimpl
def labkit_generators() -> Iterable[Generator]:
    from .generators import GENERATORS

    return GENERATORS


@hookimpl
def labkit_jinja_filters() -> Mapping[str, Callable[..., Any]]:
    from .filters import FILTERS

    return FILTERS
