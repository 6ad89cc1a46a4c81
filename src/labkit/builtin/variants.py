"""Which documents labkit's own generators make for a subject in a build (``Generator.variants``), and what each
is made from (``Generator.inputs``, so that a build makes again only the documents a change touches)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from ..generators import Variant
from ..text import localize

if TYPE_CHECKING:
    from ..labs.context import LabContext
    from ..model import Lab, Method

__all__ = ["lab_plan_inputs", "partner_inputs", "partners_with_tasks", "report_inputs", "with_checklists"]


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


def _lab_fields(lab: Lab, leave_out: set[str]) -> dict[str, Any]:
    fields = attrs.fields(type(lab))
    return {field.name: getattr(lab, field.name) for field in fields if field.name not in leave_out}


def lab_plan_inputs(ctx: LabContext, _variant: Variant) -> dict[str, Any]:
    """The lab plan shows everything in the lab file but the measurements, and the chosen methods."""
    return {
        "lab": _lab_fields(ctx.lab, {"measurements"}),
        "methods": [method for _chosen, method in ctx.chosen_methods()],
    }


def partner_inputs(ctx: LabContext, variant: Variant) -> dict[str, Any]:
    """A partner's checklist shows the lab's heading, that partner, and its steps with their methods and phases."""
    partner_id = variant.options.get("partner")
    lab = ctx.lab
    tasks = ctx.tasks_of(partner_id) if isinstance(partner_id, str) else []
    return {
        "lab": [
            lab.id,
            lab.name,
            lab.host,
            lab.area,
            lab.phases,
            lab.focus_areas,
            lab.challenge,
            lab.target_group,
        ],
        "example": lab.example,
        "partner": lab.partner(partner_id)
        if isinstance(partner_id, str) and lab.has_partner(partner_id)
        else None,
        "tasks": [(item.method.id, item.index, part) for item, part in tasks],
        "methods": list({item.method.id: item.method for item, _part in tasks}.values()),
    }


# What the outcome report does not show: who the partners are and what they do, the budget and the risks.
_NOT_IN_REPORT = {"partners", "risks", "budget", "steering_group", "focus_areas", "challenge", "target_group"}


def report_inputs(ctx: LabContext, _variant: Variant) -> dict[str, Any]:
    """The report shows the lab's goals, measurements (its own and its data files'), privacy and estimate."""
    return {
        "lab": _lab_fields(ctx.lab, _NOT_IN_REPORT | {"methods"}),
        "chosen": [chosen.id for chosen in ctx.lab.methods],
        "methods": [method for _chosen, method in ctx.chosen_methods()],
        "data_files": [ctx.base_dir / name for name in ctx.lab.data_files],
    }
