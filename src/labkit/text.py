"""Localized text: any human-facing text is a plain string or a mapping language -> string.

A plain string is language-neutral (it is shown for every language). A mapping holds one text per
language code (``sv``, ``en`` and any other ISO 639 code). :func:`localize` picks the text for a language and
says visibly when it had to fall back to another one, so a missing translation is never silently hidden.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TypeAlias

import attrs

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGE_CODE",
    "SUPPORTED_LANGUAGES",
    "Localized",
    "LocalizedText",
    "counting",
    "did_you_mean",
    "document_language",
    "is_language_code",
    "language_problem",
    "languages_of",
    "localize",
    "markdown_text",
    "printable",
    "without_controls",
]

#: Either one language-neutral string or a mapping from language code to text.
LocalizedText: TypeAlias = str | Mapping[str, str]

#: Languages that have message catalogs for fixed labels in documents.
SUPPORTED_LANGUAGES: tuple[str, ...] = ("sv", "en")
DEFAULT_LANGUAGE = "sv"

#: ISO 639-1 or 639-3 language code, lowercase, optionally with a region (``sv``, ``en``, ``so``, ``en-GB``).
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Z]{2})?\Z")

# Fallback order when a text lacks the requested language: Swedish is the source language of most content,
# English the common second language.
_FALLBACK_ORDER = ("sv", "en")


def is_language_code(code: object) -> bool:
    """Return True if *code* looks like a language code such as ``sv`` or ``en-GB``."""
    return isinstance(code, str) and LANGUAGE_CODE.match(code) is not None


# Characters a terminal acts on instead of showing (C0 and C1 controls, DEL) and the bidirectional embeddings,
# overrides and isolates that reorder what is shown ("Trojan Source", CVE-2021-42574), and line separators.
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# Characters markup formats cannot carry (XML 1.0 and HTML forbid C0 controls but tab and line breaks, and C1).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Markdown's inline syntax: emphasis, code, links, images, raw HTML (and comments), tables, entities, escapes.
# Every Markdown reads these backslash escapes; "<", ">", "&" and "~" are written as entities, which every
# Markdown reads too (Python-Markdown has no backslash escape for them).
_MARKDOWN = re.compile(r"[\\`*_\[\]<>|&~!#]")
_MARKDOWN_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "~": "&#126;"}


def printable(text: object) -> str:
    r"""*text* as it can be shown on a terminal: control and bidi-override characters written as escapes.

    Line breaks and tabs stay; ``\x1b`` (which starts a terminal command) and ``\u202e`` (which makes the rest
    of a line read backwards) are shown as those characters' escapes, so what is printed is what the file says.

    >>> print(printable("a\x1b[31mred\u202eevil"))
    a\x1b[31mred\u202eevil
    """
    return _TERMINAL_UNSAFE.sub(lambda m: repr(m[0])[1:-1], str(text))


def without_controls(text: object) -> str:
    """*text* without the control characters XML and HTML cannot carry (tab and line breaks stay)."""
    return _CONTROLS.sub("", str(text))


def markdown_text(text: object) -> str:
    r"""*text* for one line of Markdown (a heading or a table cell): shown as written, never read as markup.

    Line breaks become spaces, control and bidi-override characters are dropped, and every character with a meaning
    in Markdown is escaped, so ``<!--`` cannot hide what follows and ``|`` cannot split a table cell.

    >>> print(markdown_text("Lab <!-- | *x*"))
    Lab &lt;\!-- \| \*x\*
    """
    one_line = " ".join(_TERMINAL_UNSAFE.sub("", str(text)).split())
    return _MARKDOWN.sub(lambda m: _MARKDOWN_ENTITIES.get(m[0], "\\" + m[0]), one_line)


def language_problem(value: object) -> str:
    """What is wrong with a language a user asked for: the one message the command line, the API and lab files use."""
    return f"{value!r} is not a language labkit supports ({', '.join(SUPPORTED_LANGUAGES)})"


def document_language(value: object) -> str:
    """*value* as one of :data:`SUPPORTED_LANGUAGES` (``EN`` is ``en``); :class:`ValueError` for any other.

    >>> document_language("EN")
    'en'
    """
    code = value.strip().lower() if isinstance(value, str) else None
    if code not in SUPPORTED_LANGUAGES:
        raise ValueError(language_problem(value))
    return code


@attrs.frozen
class Localized:
    """The result of :func:`localize`: the text and, if the wanted language was missing, which one was used."""

    text: str
    lang: str | None
    """Language the text is in (``None`` for a language-neutral string)."""
    missing: bool
    """True if the requested language was missing and another language was used instead."""

    def __str__(self) -> str:
        return self.text


def localize(value: LocalizedText | None, lang: str) -> Localized:
    """Return the text of *value* for *lang*, falling back to Swedish, English, then any language.

    >>> localize({"sv": "Syfte", "en": "Purpose"}, "en").text
    'Purpose'
    >>> localize({"sv": "Syfte"}, "en")
    Localized(text='Syfte', lang='sv', missing=True)
    """
    if value is None:
        return Localized("", None, False)
    if isinstance(value, str):
        return Localized(value, None, False)
    if lang in value:
        return Localized(value[lang], lang, False)
    for other in (*_FALLBACK_ORDER, *sorted(value)):
        if other in value:
            return Localized(value[other], other, True)
    return Localized("", None, True)


def languages_of(value: LocalizedText | None) -> frozenset[str] | None:
    """Languages a text is given in; ``None`` for a language-neutral string or no text."""
    if value is None or isinstance(value, str):
        return None
    return frozenset(value)


def counting(n: int, thing: str, things: str | None = None) -> str:
    """*n* and the English word for the thing counted, singular for exactly one: ``1 problem``, ``2 problems``.

    >>> counting(1, "document"), counting(0, "document"), counting(3, "entry", "entries")
    ('1 document', '0 documents', '3 entries')
    """
    return f"{n} {thing if n == 1 else things or thing + 's'}"


def did_you_mean(wanted: str, known: Iterable[str], otherwise: str = "") -> str:
    """The hint labkit adds to a name it does not know: `` (did you mean 'portalen'?)``, else *otherwise*.

    Every "unknown id", "unknown key" and "unknown hook" message uses this one helper, so they all suggest the
    same way: the single closest known name, if one is close enough.

    >>> did_you_mean("portalne", ["portalen", "mentoring"])
    " (did you mean 'portalen'?)"
    >>> did_you_mean("xyz", ["portalen"], otherwise="; known: portalen")
    '; known: portalen'
    """
    import difflib

    close = difflib.get_close_matches(wanted, list(known), 1, 0.6)
    return f" (did you mean {close[0]!r}?)" if close else otherwise
