"""Forms: printable documents made of fields to fill in, sections, tick lists and tables.

Method plugins describe their own extra documents (a walk protocol, an application form, a matching sheet)
as forms in a ``documents.yaml`` file; labkit renders them with the built-in form template or the plugin's own.
"""

from __future__ import annotations

import attrs

from ..text import LocalizedText
from ._validators import check_localized, check_optional_localized, check_slug, non_empty
from .common import ActorKind

__all__ = ["Form", "FormSection", "FormTable"]


@attrs.frozen
class FormTable:
    """A table in a form, with rows printed with content and empty rows to fill in."""

    columns: tuple[LocalizedText, ...] = attrs.field(validator=non_empty)
    """The column headings."""
    rows: tuple[tuple[LocalizedText, ...], ...] = attrs.field(default=())
    """Rows printed with content; each row has one cell per column."""
    blank_rows: int = attrs.field(default=0, validator=[attrs.validators.ge(0), attrs.validators.le(60)])
    """Empty rows to fill in by hand."""

    @rows.validator
    def _row_width(self, _attr: object, value: tuple[tuple[LocalizedText, ...], ...]) -> None:
        for number, row in enumerate(value, start=1):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"row {number} has {len(row)} cells but there are {len(self.columns)} columns"
                )


@attrs.frozen
class FormSection:
    """A part of a form: a heading, then text, items, fields to fill in and a table."""

    heading: LocalizedText = attrs.field(validator=check_localized)
    """The section's heading."""
    paragraphs: tuple[LocalizedText, ...] = ()
    """Text printed as it is."""
    items: tuple[LocalizedText, ...] = ()
    """Items printed as a list (or with tick boxes, see `checkboxes`)."""
    checkboxes: bool = False
    """Print the items with tick boxes instead of bullets."""
    fields: tuple[LocalizedText, ...] = ()
    """Labels of fields to fill in by hand."""
    table: FormTable | None = None
    """A table at the end of the section."""


@attrs.frozen
class Form:
    """A printable form that belongs to a method."""

    id: str = attrs.field(validator=check_slug)
    """The document kind the form becomes, as in `labkit document KIND METHOD`."""
    method: str = attrs.field(validator=check_slug)
    """The method the form belongs to."""
    title: LocalizedText = attrs.field(validator=check_localized)
    """The form's title, as printed."""
    description: LocalizedText = attrs.field(validator=check_localized)
    """One sentence on what the form is for; shown in listings and the index of a lab's documents."""
    sections: tuple[FormSection, ...] = attrs.field(validator=non_empty)
    """The sections, in order."""
    intro: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)
    """Text printed under the title."""
    fields: tuple[LocalizedText, ...] = ()
    """Header fields to fill in (date, place, ...)."""
    signatures: tuple[LocalizedText, ...] = ()
    """Sign-off lines, each with the label of who signs."""
    landscape: bool = False
    """Print the form in landscape."""
    audience: tuple[ActorKind, ...] = ()
    """Who fills in or reads the form. Forms for `residents` are held to the plain-language limit for
    resident-facing text (LIX 40 or lower in Swedish)."""
