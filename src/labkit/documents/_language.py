"""Languages in documents: the language tag Word and PDF readers use, and text shown in another language.

A text that is missing in the document's language is shown in another one (with a visible notice). Screen
readers must then switch voice, so such text is a :class:`ForeignText`: a ``str`` that remembers its language,
which the rendering engine marks on the runs that print it (``<w:lang>``, WCAG 3.1.2 Language of Parts).
"""

from __future__ import annotations

__all__ = ["ForeignText", "language_tag"]

_TAGS = {"sv": "sv-SE", "en": "en-GB"}


def language_tag(lang: str) -> str:
    """The language tag for documents: ``sv`` -> ``sv-SE``, ``en`` -> ``en-GB``; other codes as given."""
    return _TAGS.get(lang, lang)


class ForeignText(str):
    """Text in another language than the document's (``ForeignText("Purpose", "en")``)."""

    lang: str

    def __new__(cls, text: str, lang: str) -> ForeignText:
        value = super().__new__(cls, text)
        value.lang = lang
        return value

    def __reduce__(self) -> tuple[type[ForeignText], tuple[str, str]]:
        return (ForeignText, (str(self), self.lang))
