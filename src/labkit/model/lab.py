"""Labs: one run of the innovation-lab process in an area, with partners, phases, methods and goals."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping

import attrs

from ..text import LocalizedText
from ._validators import (
    check_language_code,
    check_localized,
    check_optional_localized,
    check_slug,
    check_slug_list,
    check_unique_ids,
    check_version_constraint,
    non_empty,
)
from .common import ActorKind, FocusArea, LabPhase
from .outcome import PERIOD_METADATA, Estimate, Measurement, Period, _check_period, _to_period

__all__ = [
    "Area",
    "Budget",
    "BudgetItem",
    "ChosenMethod",
    "Contact",
    "Goal",
    "GoalValue",
    "Lab",
    "Level",
    "Milestone",
    "Partner",
    "Phase",
    "Privacy",
    "Risk",
]


class Level(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Area:
    """The area the lab works in; DeSO and RegSO are Statistics Sweden's small-area codes."""

    name: str = attrs.field(validator=non_empty)
    municipality: str = attrs.field(validator=non_empty)
    deso: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.matches_re(r"^\d{4}[ABC]\d{4}$"))
    )
    regso: str | None = None
    reference_area: str | None = None
    """A comparable area without the lab, for comparisons (difference in differences)."""


@attrs.frozen
class Contact:
    """Optional contact for a partner. Only given when the partner wants it printed in the documents."""

    name: str | None = None
    email: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.matches_re(r"^[^@\s]+@[^@\s]+$"))
    )
    phone: str | None = None


@attrs.frozen
class Partner:
    id: str = attrs.field(validator=check_slug)
    organisation: str = attrs.field(validator=non_empty)
    actor: ActorKind
    role: LocalizedText = attrs.field(validator=check_localized)
    contact: Contact | None = None


@attrs.frozen
class Milestone:
    date: dt.date
    title: LocalizedText = attrs.field(validator=check_localized)


@attrs.frozen
class Phase:
    phase: LabPhase
    start: dt.date
    end: dt.date
    description: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)
    milestones: tuple[Milestone, ...] = ()


@attrs.frozen
class ChosenMethod:
    """A method the lab uses: which versions, how it is adapted locally and which partners take its roles."""

    id: str = attrs.field(validator=check_slug)
    responsible: str = attrs.field(validator=check_slug)
    """The partner accountable for the method in this lab."""
    version: str = attrs.field(default="*", validator=check_version_constraint)
    adaptation: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)
    roles: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    """Method role id -> partner ids. Roles not listed go to the partners whose actor kind matches."""


@attrs.frozen
class GoalValue:
    value: float
    period: Period = attrs.field(converter=_to_period, validator=_check_period, metadata=PERIOD_METADATA)


@attrs.frozen
class Goal:
    indicator: str = attrs.field(validator=check_slug)
    baseline: GoalValue
    target: GoalValue
    description: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)


@attrs.frozen
class BudgetItem:
    label: LocalizedText = attrs.field(validator=check_localized)
    amount_sek: int = attrs.field(validator=attrs.validators.ge(0))
    funder: str | None = None


@attrs.frozen
class Budget:
    items: tuple[BudgetItem, ...] = attrs.field(validator=non_empty)
    note: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)

    @property
    def total_sek(self) -> int:
        return sum(item.amount_sek for item in self.items)


@attrs.frozen
class Risk:
    description: LocalizedText = attrs.field(validator=check_localized)
    likelihood: Level
    impact: Level
    mitigation: LocalizedText = attrs.field(validator=check_localized)
    owner: str = attrs.field(validator=check_slug)
    """The partner who watches the risk."""


@attrs.frozen
class Privacy:
    """Small-number protection for every outcome output."""

    min_count: int = attrs.field(default=10, validator=attrs.validators.ge(1))


@attrs.frozen
class Lab:
    """One run of the lab process in an area."""

    id: str = attrs.field(validator=check_slug)
    name: LocalizedText = attrs.field(validator=check_localized)
    host: str = attrs.field(validator=non_empty)
    """The organisation that hosts the lab (usually the housing company)."""
    area: Area
    partners: tuple[Partner, ...] = attrs.field(validator=[non_empty, check_unique_ids()])
    focus_areas: tuple[FocusArea, ...] = attrs.field(validator=non_empty)
    challenge: LocalizedText = attrs.field(validator=check_localized)
    target_group: LocalizedText = attrs.field(validator=check_localized)
    phases: tuple[Phase, ...] = attrs.field(validator=non_empty)
    methods: tuple[ChosenMethod, ...] = attrs.field(validator=[non_empty, check_unique_ids()])
    goals: tuple[Goal, ...] = ()
    language: str = attrs.field(default="sv", validator=check_language_code)
    budget: Budget | None = None
    steering_group: tuple[str, ...] = attrs.field(default=(), validator=check_slug_list)
    """Partner ids that sit in the steering group."""
    risks: tuple[Risk, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    data_files: tuple[str, ...] = ()
    """Measurement files (CSV or .xlsx), relative to the lab file."""
    estimate: Estimate | None = None
    privacy: Privacy = attrs.field(factory=Privacy)
    example: bool = False
    """True for example labs whose figures are invented; every document then says so."""

    def partner(self, partner_id: str) -> Partner:
        for partner in self.partners:
            if partner.id == partner_id:
                return partner
        raise KeyError(partner_id)
