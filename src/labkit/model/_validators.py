"""Field validators shared by the model classes.

Each validator raises :class:`ValueError` with a message written for the person who edits the file; the
field's path and line are added by the loader (see :mod:`labkit.files`), so messages do not repeat them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from ..text import document_language, is_language_code
from .versions import check_constraint, parse_version

__all__ = [
    "SLUG",
    "check_document_language",
    "check_http_url",
    "check_language_code",
    "check_localized",
    "check_optional_localized",
    "check_semver",
    "check_slug",
    "check_slug_list",
    "check_unique_ids",
    "check_version_constraint",
    "check_year",
    "lowercase",
    "non_empty",
]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
Validator = Callable[[Any, Any, Any], None]


def check_slug(_inst: Any, _attr: Any, value: str) -> None:
    if not isinstance(value, str) or not SLUG.match(value):
        raise ValueError(
            f"{value!r} is not a valid id: use lowercase letters a-z, digits and single hyphens, "
            "like 'safety-walk'"
        )
    if len(value) > 64:
        raise ValueError(f"id is {len(value)} characters long; the limit is 64")


def check_slug_list(inst: Any, attr: Any, value: tuple[str, ...]) -> None:
    for item in value:
        check_slug(inst, attr, item)


def check_semver(_inst: Any, _attr: Any, value: str) -> None:
    parse_version(value, full=True)


def check_version_constraint(_inst: Any, _attr: Any, value: str) -> None:
    check_constraint(value)


def check_language_code(_inst: Any, _attr: Any, value: str) -> None:
    if not is_language_code(value):
        raise ValueError(f"{value!r} is not a language code like 'sv' or 'en'")


def check_document_language(_inst: Any, _attr: Any, value: str) -> None:
    """A language labkit makes documents in (``sv`` or ``en``; see :func:`lowercase` for ``EN``)."""
    document_language(value)


def lowercase(value: Any) -> Any:
    """A converter: text in lowercase, anything else unchanged (for the validator to refuse)."""
    return value.strip().lower() if isinstance(value, str) else value


def check_localized(_inst: Any, _attr: Any, value: Any) -> None:
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("text is empty")
        return
    if not isinstance(value, Mapping) or not value:
        raise ValueError("expected a text or a mapping from language code to text, like {sv: ..., en: ...}")
    for lang, text in value.items():
        if not is_language_code(lang):
            raise ValueError(f"unknown language code {lang!r}; use codes like 'sv' and 'en'")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"the {lang!r} text is empty")


def check_optional_localized(inst: Any, attr: Any, value: Any) -> None:
    if value is not None:
        check_localized(inst, attr, value)


def check_http_url(_inst: Any, _attr: Any, value: str | None) -> None:
    if value is not None and not re.match(r"^https?://[^\s/$.?#][^\s]*\Z", value):
        raise ValueError(f"{value!r} is not a web address starting with http:// or https://")


def check_year(_inst: Any, _attr: Any, value: int | None) -> None:
    if value is not None and not 1800 <= value <= 2200:
        raise ValueError(f"{value} is not a plausible year")


def non_empty(_inst: Any, _attr: Any, value: Any) -> None:
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("must not be empty")
    elif not value:
        raise ValueError("must not be empty")


def check_unique_ids(key: str = "id") -> Validator:
    """Validator for a tuple of objects whose *key* attribute must be unique."""

    def _check(_inst: Any, _attr: Any, value: tuple[Any, ...]) -> None:
        seen: set[Any] = set()
        for item in value:
            ident = getattr(item, key)
            if ident in seen:
                raise ValueError(f"{key} {ident!r} is used more than once")
            seen.add(ident)

    return _check
