"""A finding: one accessibility problem, where it is and which success criterion it fails."""

from __future__ import annotations

import attrs

__all__ = ["CRITERIA", "Finding"]

#: WCAG 2.1 success criteria labkit checks: number -> name. EN 301 549 V3.2.1 applies them to non-web documents
#: in clause 10 with the same numbering (WCAG 1.1.1 is EN 301 549 10.1.1.1).
CRITERIA: dict[str, str] = {
    "1.1.1": "Non-text Content",
    "1.3.1": "Info and Relationships",
    "1.3.2": "Meaningful Sequence",
    "1.4.1": "Use of Color",
    "1.4.3": "Contrast (Minimum)",
    "2.4.2": "Page Titled",
    "2.4.6": "Headings and Labels",
    "3.1.1": "Language of Page",
    "3.1.2": "Language of Parts",
    "3.3.2": "Labels or Instructions",
}


@attrs.frozen
class Finding:
    """One accessibility problem in a document."""

    criterion: str
    """The WCAG 2.1 success criterion, for example ``1.1.1``."""
    place: str
    """Where in the document: ``page 3``, ``table 2 (after “Roles”)``, ``document properties``."""
    message: str

    @property
    def wcag(self) -> str:
        return f"WCAG 2.1 {self.criterion} {CRITERIA[self.criterion]}"

    @property
    def en_301_549(self) -> str:
        return f"EN 301 549 10.{self.criterion}"

    def __str__(self) -> str:
        return f"{self.place}: {self.message} ({self.wcag}; {self.en_301_549})"

    def to_dict(self) -> dict[str, str]:
        return {
            "criterion": self.criterion,
            "wcag": self.wcag,
            "en_301_549": self.en_301_549,
            "place": self.place,
            "message": self.message,
        }
