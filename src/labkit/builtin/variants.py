"""Which documents labkit's own generators make for a subject in a build (see ``Generator.variants``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..generators import Variant
from ..text import localize

if TYPE_CHECKING:
    from ..labs.context import LabContext
    from ..model import Method

__all__ = ["partners_with_tasks", "with_checklists"]


def with_checklists(method: Method) -> list[Variant]:
    """One document of checklists, for a method that has any."""
    return [Variant()] if method.checklists else []


def partners_with_tasks(ctx: LabContext) -> list[Variant]:
    """One checklist for each partner responsible or consulted in some step of the lab's methods."""
    return [
        Variant(
            {"partner": partner.id},
            label=localize(partner.organisation, ctx.lab.language).text,
            slug=partner.id,
        )
        for partner in ctx.partners_with_tasks()
    ]
