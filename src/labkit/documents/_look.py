"""The shared house look of every document's tables: the colours and the heights of rows to write in."""

from __future__ import annotations

__all__ = ["ANSWER_ROW_CM", "BORDER_COLOUR", "HEADER_FILL", "LABEL_FILL", "SIGNATURE_ROW_CM"]

HEADER_FILL = "DCE6F1"
"""Background of header rows (the house style's light accent)."""
LABEL_FILL = "F2F5F9"
"""Background of the label cells of fields to fill in."""
BORDER_COLOUR = "8A96A8"
ANSWER_ROW_CM = 0.9
"""The least height of a row to write in by hand."""
SIGNATURE_ROW_CM = 1.4
"""The least height of a row to sign in."""
