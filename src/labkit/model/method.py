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
    "Observation",
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
    """Read each item and do it, one by one."""
    DO_CONFIRM = "do-confirm"
    """Do the work from memory, then pause and confirm every item."""

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Role:
    """A role in a method: which kind of actor takes it and what it is responsible for."""

    id: str = attrs.field(validator=check_slug)
    """Short id that steps and checklists refer to, like `coordinator`."""
    actor: ActorKind
    """The kind of organisation that takes the role; a lab gives it to its partners of this kind unless it maps
    the role to partners itself.
    """
    name: LocalizedText = attrs.field(validator=check_localized)
    """The role's name, as printed."""
    responsibility: LocalizedText = attrs.field(validator=check_localized)
    """What the role does and answers for in the method."""
    volunteer: bool = False
    """The role is taken by unpaid volunteers. Volunteers work from memory, so their checklists are do-confirm,
    and they give a promise of confidentiality (tystnadslöfte), not a legal duty."""


@attrs.frozen
class Step:
    """One step of a method, done in a phase of the lab process by the responsible roles."""

    id: str = attrs.field(validator=check_slug)
    """Short id, unique within the method; used to compare versions of the method."""
    title: LocalizedText = attrs.field(validator=check_localized)
    """The step in a few words, starting with a verb."""
    description: LocalizedText = attrs.field(validator=check_localized)
    """What is done, concretely enough to be followed."""
    responsible: tuple[str, ...] = attrs.field(validator=[non_empty, check_slug_list])
    """Ids of the roles that do the work (R in the who-does-what table)."""
    duration: LocalizedText = attrs.field(validator=check_localized)
    """How long the step takes, as text, like "2–4 weeks"."""
    phase: LabPhase
    """The phase of the lab process the step belongs to; orders the steps of several methods on one timeline.
    """
    outputs: tuple[LocalizedText, ...] = ()
    """What the step produces."""
    consulted: tuple[str, ...] = attrs.field(default=(), validator=check_slug_list)
    """Ids of the roles asked before or during the step (C in the who-does-what table)."""
    informed: tuple[str, ...] = attrs.field(default=(), validator=check_slug_list)
    """Ids of the roles told about the result (I in the who-does-what table)."""


@attrs.frozen
class BudgetRange:
    """A realistic cost range in Swedish kronor."""

    min_sek: int = attrs.field(validator=attrs.validators.ge(0))
    """The lowest realistic cost, in kronor."""
    max_sek: int = attrs.field(validator=attrs.validators.ge(0))
    """The highest realistic cost, in kronor."""
    per: LocalizedText = attrs.field(validator=check_localized)
    """What the range covers, for example "per year" or "per walk"."""
    note: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)
    """What the range includes, or what makes it vary."""

    @max_sek.validator
    def _max_not_below_min(self, _attr: object, value: int) -> None:
        if value < self.min_sek:
            raise ValueError(f"max_sek ({value}) is below min_sek ({self.min_sek})")


@attrs.frozen
class Resources:
    """What a method needs: people, premises, money and time."""

    staff: LocalizedText = attrs.field(validator=check_localized)
    """Who is needed, and how much of their time."""
    premises: LocalizedText = attrs.field(validator=check_localized)
    """The premises the method needs."""
    budget: BudgetRange
    """What the method costs."""
    time_span: LocalizedText = attrs.field(validator=check_localized)
    """How long the method runs, from start to results."""
    materials: tuple[LocalizedText, ...] = ()
    """Equipment and material the method needs."""


@attrs.frozen
class PausePoint:
    """A moment where the team stops and goes through the checklist items."""

    name: LocalizedText = attrs.field(validator=check_localized)
    """When the team pauses, for example "Before the walk"."""
    items: tuple[LocalizedText, ...] = attrs.field(validator=non_empty)
    """The checks, each a command that starts with a verb; five to nine of them."""
    when: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)
    """More precisely when the pause point comes."""
    fewer_items_because: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)
    """Why the pause point has fewer than five items, when it has; the content rules ask for a reason."""


@attrs.frozen
class Checklist:
    """A checklist owned by one role, organised by pause points."""

    id: str = attrs.field(validator=check_slug)
    """Short id, unique within the method."""
    title: LocalizedText = attrs.field(validator=check_localized)
    """The checklist's objective, as its title."""
    owner: str = attrs.field(validator=check_slug)
    """The id of the role that owns and runs the checklist."""
    kind: ChecklistKind
    """How the checklist is used: `read-do` or `do-confirm`."""
    pause_points: tuple[PausePoint, ...] = attrs.field(validator=non_empty)
    """The pause points, in the order they come."""
    based_on: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)
    """What the checklist is based on: the checklist it adapts, or the guidance and practice it follows. The
    content rules ask every checklist to say it, as the WHO checklist does ("Based on ...")."""
    revised: dt.date | None = None
    """When the checklist was last revised; the method's `revised` date when not given."""


@attrs.frozen
class Observation:
    """One result reported where the method was used, with the source that reports it.

    What a method *aims* for is its `purpose`; what was *observed* goes here, figure by figure, so that every
    figure names its source and no result is written as a promise.
    """

    text: LocalizedText = attrs.field(validator=check_localized)
    """What was observed, where and when, as the source reports it: "15 of 22 participating women moved on to
    work, internship, studies or their own business (Norrköping, 2018–2019)"."""
    source: str = attrs.field(validator=check_slug)
    """The id of the entry in the method's `sources` that reports it."""


@attrs.frozen
class Evidence:
    """How strong the evidence for the method is, on the :data:`EVIDENCE_SCALE`."""

    level: int = attrs.field(validator=[attrs.validators.ge(1), attrs.validators.le(5)])
    """The level on the evidence scale, 1 to 5."""
    summary: LocalizedText = attrs.field(validator=check_localized)
    """Why the method is at this level, in a few sentences: what is known and what is missing."""
    references: tuple[str, ...] = attrs.field(default=(), validator=check_slug_list)
    """Ids of entries in the method's ``sources``."""
    observed: tuple[Observation, ...] = ()
    """What was observed where the method was used, each with its source; results belong here rather than in
    the summary or purpose."""


@attrs.frozen
class BasedOn:
    """The method this one adapts, and what changed."""

    method: str = attrs.field(validator=check_slug)
    """The id of the adapted method."""
    version: str = attrs.field(validator=check_semver)
    """The version of it that was adapted."""
    changes: LocalizedText = attrs.field(validator=check_localized)
    """What is different in this method."""


@attrs.frozen
class VersionNote:
    """One entry in a method's version history."""

    version: str = attrs.field(validator=check_semver)
    """The version the entry is for."""
    date: dt.date
    """When the version was published."""
    changes: LocalizedText = attrs.field(validator=check_localized)
    """What changed in this version."""


@attrs.frozen
class Method:
    """A method: purpose, roles, ordered steps, resources, checklists, indicators, evidence and sources."""

    id: str = attrs.field(validator=check_slug)
    """The method's id, like `safety-walk`; labs and commands refer to the method by it."""
    version: str = attrs.field(validator=check_semver)
    """Semantic version of the method's content; labs pin the versions they accept."""
    name: LocalizedText = attrs.field(validator=check_localized)
    """The method's name, as printed."""
    summary: LocalizedText = attrs.field(validator=check_localized)
    """What the method is and does, in one or two sentences; what it achieved belongs in `evidence.observed`."""
    purpose: LocalizedText = attrs.field(validator=check_localized)
    """What the method aims for, written as an aim ("To help more residents ...", "Att fler ...") rather than as
    a result. Below evidence level 3 the content rules refuse outcome claims here and in the summary."""
    when_to_use: LocalizedText = attrs.field(validator=check_localized)
    """The situations the method fits."""
    focus_areas: tuple[FocusArea, ...] = attrs.field(validator=non_empty)
    """The focus areas the method serves."""
    target_groups: tuple[LocalizedText, ...] = attrs.field(validator=non_empty)
    """Who the method is for."""
    roles: tuple[Role, ...] = attrs.field(validator=[non_empty, check_unique_ids()])
    """The roles that take part."""
    steps: tuple[Step, ...] = attrs.field(validator=[non_empty, check_unique_ids()])
    """The steps, in order."""
    resources: Resources
    """What the method needs: people, premises, money and time."""
    owner: Organisation
    """The organisation that owns and maintains the method text."""
    licence: str = attrs.field(validator=non_empty)
    """An SPDX licence identifier for the method text, for example ``CC-BY-4.0``."""
    revised: dt.date
    """When the content was last revised."""
    evidence: Evidence
    """How strong the evidence for the method is."""
    sources: tuple[Source, ...] = attrs.field(validator=[non_empty, check_unique_ids()])
    """The public sources the text and its numbers rest on."""
    prerequisites: tuple[LocalizedText, ...] = ()
    """What must be in place before starting."""
    success_factors: tuple[LocalizedText, ...] = ()
    """What makes the method work."""
    pitfalls: tuple[LocalizedText, ...] = ()
    """Common ways the method goes wrong."""
    indicators: tuple[str, ...] = attrs.field(default=(), validator=check_slug_list)
    """Ids of indicators in the indicator library (built in or contributed by plugins)."""
    checklists: tuple[Checklist, ...] = attrs.field(default=(), validator=check_unique_ids())
    """Printable checklists, each owned by one role."""
    authors: tuple[Organisation, ...] = ()
    """The organisations that wrote the text (the owner when empty)."""
    based_on: BasedOn | None = None
    """The method this one adapts, if any."""
    history: tuple[VersionNote, ...] = ()
    """One entry per published version, the current one included."""

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
