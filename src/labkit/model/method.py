"""Methods: a reusable way of working against segregation, with roles, steps, checklists and evidence."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from ..text import LocalizedText
from ._validators import (
    check_localized,
    check_optional_localized,
    check_semver,
    check_slug,
    check_slug_list,
    check_unique_ids,
    non_empty,
)
from .common import ActorKind, FocusArea, LabPhase, Organisation, Source

__all__ = [
    "EVIDENCE_SCALE",
    "BasedOn",
    "BudgetRange",
    "Checklist",
    "ChecklistKind",
    "Evidence",
    "Method",
    "PausePoint",
    "Resources",
    "Role",
    "Step",
    "VersionNote",
]

#: The evidence scale every method states its level on. Modelled on Nesta's Standards of Evidence.
EVIDENCE_SCALE: dict[int, dict[str, str]] = {
    1: {
        "sv": "Nivå 1: en sammanhängande beskrivning av vad metoden gör och varför den borde ge effekt (förändringsteori).",
        "en": "Level 1: a coherent account of what the method does and why it should have an effect (theory of change).",
    },
    2: {
        "sv": "Nivå 2: data visar förändring hos deltagarna (till exempel före/efter-mätning), men utan jämförelsegrupp.",
        "en": "Level 2: data show change among participants (for example before/after), but with no comparison group.",
    },
    3: {
        "sv": "Nivå 3: jämförelsegrupp visar att metoden orsakar en del av förändringen (till exempel skillnad i skillnader).",
        "en": "Level 3: a comparison group shows the method causes part of the change (for example difference in differences).",
    },
    4: {
        "sv": "Nivå 4: oberoende utvärdering(ar) bekräftar effekten och kan förklara varför den uppstår.",
        "en": "Level 4: independent evaluation(s) confirm the effect and can explain why it occurs.",
    },
    5: {
        "sv": "Nivå 5: effekten är upprepad på flera platser och metoden kan skalas upp med bibehållen effekt.",
        "en": "Level 5: the effect is replicated in several places and the method can be scaled with the same effect.",
    },
}


class ChecklistKind(enum.StrEnum):
    """READ-DO: follow the items step by step. DO-CONFIRM: work from memory, then pause and confirm."""

    READ_DO = "read-do"
    DO_CONFIRM = "do-confirm"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Role:
    """A role in a method: which kind of actor takes it and what it is responsible for."""

    id: str = attrs.field(validator=check_slug)
    actor: ActorKind
    name: LocalizedText = attrs.field(validator=check_localized)
    responsibility: LocalizedText = attrs.field(validator=check_localized)


@attrs.frozen
class Step:
    """One step of a method, done in a phase of the lab process by the responsible roles."""

    id: str = attrs.field(validator=check_slug)
    title: LocalizedText = attrs.field(validator=check_localized)
    description: LocalizedText = attrs.field(validator=check_localized)
    responsible: tuple[str, ...] = attrs.field(validator=[non_empty, check_slug_list])
    duration: LocalizedText = attrs.field(validator=check_localized)
    phase: LabPhase
    outputs: tuple[LocalizedText, ...] = ()
    consulted: tuple[str, ...] = attrs.field(default=(), validator=check_slug_list)
    informed: tuple[str, ...] = attrs.field(default=(), validator=check_slug_list)


@attrs.frozen
class BudgetRange:
    """A realistic cost range in Swedish kronor."""

    min_sek: int = attrs.field(validator=attrs.validators.ge(0))
    max_sek: int = attrs.field(validator=attrs.validators.ge(0))
    per: LocalizedText = attrs.field(validator=check_localized)
    """What the range covers, for example "per year" or "per walk"."""
    note: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)

    @max_sek.validator
    def _max_not_below_min(self, _attr: object, value: int) -> None:
        if value < self.min_sek:
            raise ValueError(f"max_sek ({value}) is below min_sek ({self.min_sek})")


@attrs.frozen
class Resources:
    """What a method needs: people, premises, money and time."""

    staff: LocalizedText = attrs.field(validator=check_localized)
    premises: LocalizedText = attrs.field(validator=check_localized)
    budget: BudgetRange
    time_span: LocalizedText = attrs.field(validator=check_localized)
    materials: tuple[LocalizedText, ...] = ()


@attrs.frozen
class PausePoint:
    """A moment where the team stops and goes through the checklist items."""

    name: LocalizedText = attrs.field(validator=check_localized)
    items: tuple[LocalizedText, ...] = attrs.field(validator=non_empty)
    when: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)


@attrs.frozen
class Checklist:
    """A checklist owned by one role, organised by pause points."""

    id: str = attrs.field(validator=check_slug)
    title: LocalizedText = attrs.field(validator=check_localized)
    owner: str = attrs.field(validator=check_slug)
    """The id of the role that owns and runs the checklist."""
    kind: ChecklistKind
    pause_points: tuple[PausePoint, ...] = attrs.field(validator=non_empty)
    based_on: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)


@attrs.frozen
class Evidence:
    """How strong the evidence for the method is, on the :data:`EVIDENCE_SCALE`."""

    level: int = attrs.field(validator=[attrs.validators.ge(1), attrs.validators.le(5)])
    summary: LocalizedText = attrs.field(validator=check_localized)
    references: tuple[str, ...] = attrs.field(default=(), validator=check_slug_list)
    """Ids of entries in the method's ``sources``."""


@attrs.frozen
class BasedOn:
    """The method this one adapts, and what changed."""

    method: str = attrs.field(validator=check_slug)
    version: str = attrs.field(validator=check_semver)
    changes: LocalizedText = attrs.field(validator=check_localized)


@attrs.frozen
class VersionNote:
    """One entry in a method's version history."""

    version: str = attrs.field(validator=check_semver)
    date: dt.date
    changes: LocalizedText = attrs.field(validator=check_localized)


@attrs.frozen
class Method:
    """A method: purpose, roles, ordered steps, resources, checklists, indicators, evidence and sources."""

    id: str = attrs.field(validator=check_slug)
    version: str = attrs.field(validator=check_semver)
    name: LocalizedText = attrs.field(validator=check_localized)
    summary: LocalizedText = attrs.field(validator=check_localized)
    purpose: LocalizedText = attrs.field(validator=check_localized)
    when_to_use: LocalizedText = attrs.field(validator=check_localized)
    focus_areas: tuple[FocusArea, ...] = attrs.field(validator=non_empty)
    target_groups: tuple[LocalizedText, ...] = attrs.field(validator=non_empty)
    roles: tuple[Role, ...] = attrs.field(validator=[non_empty, check_unique_ids()])
    steps: tuple[Step, ...] = attrs.field(validator=[non_empty, check_unique_ids()])
    resources: Resources
    owner: Organisation
    licence: str = attrs.field(validator=non_empty)
    """An SPDX licence identifier for the method text, for example ``CC-BY-4.0``."""
    revised: dt.date
    evidence: Evidence
    sources: tuple[Source, ...] = attrs.field(validator=[non_empty, check_unique_ids()])
    prerequisites: tuple[LocalizedText, ...] = ()
    success_factors: tuple[LocalizedText, ...] = ()
    pitfalls: tuple[LocalizedText, ...] = ()
    indicators: tuple[str, ...] = attrs.field(default=(), validator=check_slug_list)
    """Ids of indicators in the indicator library (built in or contributed by plugins)."""
    checklists: tuple[Checklist, ...] = attrs.field(default=(), validator=check_unique_ids())
    authors: tuple[Organisation, ...] = ()
    based_on: BasedOn | None = None
    history: tuple[VersionNote, ...] = ()

    def role(self, role_id: str) -> Role:
        """Return the role with *role_id* (KeyError if the method has none)."""
        for role in self.roles:
            if role.id == role_id:
                return role
        raise KeyError(role_id)

    def checklist(self, checklist_id: str) -> Checklist:
        """Return the checklist with *checklist_id* (KeyError if the method has none)."""
        for checklist in self.checklists:
            if checklist.id == checklist_id:
                return checklist
        raise KeyError(checklist_id)
