"""Labs: one run of the innovation-lab process in an area, with partners, phases, methods and goals."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Mapping
from typing import Any

import attrs

from ..text import LocalizedText
from ._validators import (
    check_document_language,
    check_localized,
    check_optional_localized,
    check_slug,
    check_slug_list,
    check_unique_ids,
    check_version_constraint,
    lowercase,
    non_empty,
)
from .common import ActorKind, FocusArea, LabPhase
from .outcome import Estimate, Measurement, Period, _finite
from .period import PERIOD_METADATA, check_period, to_period

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
    "Rounding",
]


class Level(enum.StrEnum):
    """How likely a risk is, or how much harm it would do."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Area:
    """The area the lab works in; DeSO and RegSO are Statistics Sweden's small-area codes."""

    name: str = attrs.field(validator=non_empty)
    """The area's name, as written in measurement files."""
    municipality: str = attrs.field(validator=non_empty)
    """The municipality the area is in."""
    deso: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.matches_re(r"^\d{4}[ABC]\d{4}$"))
    )
    """The area's DeSO code, like `0581C1030`."""
    regso: str | None = None
    """The RegSO the area belongs to."""
    reference_area: str | None = None
    """A comparable area without the lab, for comparisons (difference in differences)."""


@attrs.frozen
class Contact:
    """Optional contact for a partner. Only given when the partner wants it printed in the documents."""

    name: str | None = None
    """A contact person's name, printed because the partner wants it to be."""
    email: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.matches_re(r"^[^@\s]+@[^@\s]+$"))
    )
    """An e-mail address to print."""
    phone: str | None = None
    """A phone number to print."""


@attrs.frozen
class Partner:
    """An organisation that takes part in the lab (never a private person)."""

    id: str = attrs.field(validator=check_slug)
    """Short id that the rest of the lab file refers to."""
    organisation: LocalizedText = attrs.field(validator=check_localized)
    """The organisation's name, as printed: one text for a proper name (`Hyresgästföreningen`), or
    `{sv: Arbetsgivare i Norrköping, en: Employers in Norrköping}` for a description."""
    actor: ActorKind
    """What kind of actor the partner is; decides which method roles it takes by default."""
    role: LocalizedText = attrs.field(validator=check_localized)
    """What the partner does in the lab."""
    contact: Contact | None = None
    """A contact to print in the documents; leave it out unless the partner wants one printed."""


@attrs.frozen
class Milestone:
    """A dated milestone within a phase."""

    date: dt.date
    """The milestone's date, within its phase."""
    title: LocalizedText = attrs.field(validator=check_localized)
    """What is reached by then."""


@attrs.frozen
class Phase:
    """One phase of the lab process, with its dates."""

    phase: LabPhase
    """Which phase of the lab process this is; phases come in their fixed order."""
    start: dt.date
    """The first day of the phase."""
    end: dt.date
    """The last day of the phase."""
    description: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)
    """What the lab does in this phase."""
    milestones: tuple[Milestone, ...] = ()
    """Milestones within the phase."""


@attrs.frozen
class ChosenMethod:
    """A method the lab uses: which versions, how it is adapted locally and which partners take its roles."""

    id: str = attrs.field(validator=check_slug)
    """The method's id (`labkit methods` lists them)."""
    responsible: str = attrs.field(validator=check_slug)
    """The partner accountable for the method in this lab."""
    version: str = attrs.field(default="*", validator=check_version_constraint)
    """The versions of the method the lab accepts; `^1.0` accepts any 1.x version."""
    adaptation: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)
    """How the lab adapts the method locally."""
    roles: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    """Method role id -> partner ids. Roles not listed go to the partners whose actor kind matches."""


@attrs.frozen
class GoalValue:
    """A value of an indicator in a period."""

    value: float = attrs.field(validator=_finite)
    """The value, in the indicator's unit (shares in per cent)."""
    period: Period = attrs.field(converter=to_period, validator=check_period, metadata=PERIOD_METADATA)
    """The period the value is for."""


@attrs.frozen
class Goal:
    """What the lab wants to achieve, followed up with one indicator."""

    indicator: str = attrs.field(validator=check_slug)
    """The id of the indicator that measures the goal (`labkit indicators` lists them)."""
    baseline: GoalValue
    """Where the lab starts."""
    target: GoalValue
    """Where the lab wants to be, and by when."""
    description: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)
    """The goal in words."""


@attrs.frozen
class BudgetItem:
    """One line of the lab's budget."""

    label: LocalizedText = attrs.field(validator=check_localized)
    """What the money is for."""
    amount_sek: int = attrs.field(validator=attrs.validators.ge(0))
    """The amount, in kronor."""
    funder: str | None = None
    """Who pays."""


@attrs.frozen
class Budget:
    """The lab's budget."""

    items: tuple[BudgetItem, ...] = attrs.field(validator=non_empty)
    """The budget lines."""
    note: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)
    """A note printed under the budget."""

    @property
    def total_sek(self) -> int:
        return sum(item.amount_sek for item in self.items)


@attrs.frozen
class Risk:
    """A risk to the lab and how it is handled."""

    description: LocalizedText = attrs.field(validator=check_localized)
    """What could go wrong."""
    likelihood: Level
    """How likely it is."""
    impact: Level
    """How much harm it would do."""
    mitigation: LocalizedText = attrs.field(validator=check_localized)
    """What is done to prevent it or limit the harm."""
    owner: str = attrs.field(validator=check_slug)
    """The partner who watches the risk."""


#: The minimum number of people a published figure may rest on unless the lab file gives a reason for another.
DEFAULT_MIN_COUNT = 10


def _check_rounding_base(_inst: Any, _attr: Any, value: int) -> None:
    if value not in (1, 5, 10):
        raise ValueError(f"counts are rounded to 1 (not at all), 5 or 10, not {value!r}")


@attrs.frozen
class Rounding:
    """Rounding of published figures, on top of small-number protection, as some statistics producers publish."""

    counts: int = attrs.field(default=1, validator=_check_rounding_base)
    """Round counts of people to this base: 1 (no rounding), 5 or 10."""
    whole_per_cent: bool = False
    """Round shares to whole per cent."""


@attrs.frozen
class Privacy:
    """Small-number protection for every outcome output."""

    min_count: int = attrs.field(default=DEFAULT_MIN_COUNT, validator=attrs.validators.ge(1))
    """Counts below this, and shares or averages resting on fewer people, are hidden in outcome reports."""
    reason: str | None = attrs.field(default=None)
    """Why the lab uses a minimum below the default of 10; required for such a minimum, printed in the report."""
    rounding: Rounding | None = None
    """Optional rounding of what is published (for example counts to base 5, shares to whole per cent)."""

    @reason.validator
    def _reason_for_a_lower_minimum(self, _attr: Any, value: str | None) -> None:
        if self.min_count < DEFAULT_MIN_COUNT and not (value and value.strip()):
            raise ValueError(
                f"a minimum below {DEFAULT_MIN_COUNT} (min_count: {self.min_count}) needs a reason: "
                "say why in privacy.reason; the report prints it"
            )


def _check_printed_names(inst: Any, attr: Any, value: Mapping[str, LocalizedText]) -> None:
    for name in value.values():
        check_localized(inst, attr, name)


@attrs.frozen
class Lab:
    """One run of the lab process in an area."""

    id: str = attrs.field(validator=check_slug)
    """Short id of the lab, used in the file names of its documents."""
    name: LocalizedText = attrs.field(validator=check_localized)
    """The lab's name, as printed on every document."""
    host: str = attrs.field(validator=non_empty)
    """The organisation that hosts the lab (usually the housing company)."""
    area: Area
    """The area the lab works in."""
    partners: tuple[Partner, ...] = attrs.field(validator=[non_empty, check_unique_ids()])
    """The organisations in the lab (never private persons)."""
    focus_areas: tuple[FocusArea, ...] = attrs.field(validator=non_empty)
    """The focus areas the lab works on."""
    challenge: LocalizedText = attrs.field(validator=check_localized)
    """The challenge in a few sentences: what the problem is, for whom, and why now."""
    target_group: LocalizedText = attrs.field(validator=check_localized)
    """Who the lab is for, as precisely as possible."""
    phases: tuple[Phase, ...] = attrs.field(validator=non_empty)
    """The phases of the lab process with their dates, in order."""
    methods: tuple[ChosenMethod, ...] = attrs.field(validator=[non_empty, check_unique_ids()])
    """The methods the lab uses."""
    goals: tuple[Goal, ...] = ()
    """The goals the outcome report follows up."""
    language: str = attrs.field(default="sv", converter=lowercase, validator=check_document_language)
    """The language of the documents when a command does not say otherwise: `sv` or `en`."""
    budget: Budget | None = None
    """The lab's budget."""
    steering_group: tuple[str, ...] = attrs.field(default=(), validator=check_slug_list)
    """Partner ids that sit in the steering group."""
    risks: tuple[Risk, ...] = ()
    """Risks to the lab and how they are handled."""
    measurements: tuple[Measurement, ...] = ()
    """Measurements written in the lab file itself."""
    data_files: tuple[str, ...] = ()
    """Measurement files (CSV or .xlsx), relative to the lab file."""
    group_names: Mapping[str, LocalizedText] = attrs.field(factory=dict, validator=_check_printed_names)
    """Printed names of the measurement groups, keyed by the group as written in the data (`born-in-europe:
    {sv: Födda i Europa, en: Born in Europe}`); groups not listed are printed as written."""
    source_names: Mapping[str, LocalizedText] = attrs.field(factory=dict, validator=_check_printed_names)
    """Printed names of the measurements' sources, keyed by the source as written in the data
    (`"Egen enkät": {sv: Egen enkät, en: Own survey}`); sources not listed are printed as written."""
    estimate: Estimate | None = None
    """A socio-economic estimate of what an outcome may be worth."""
    privacy: Privacy = attrs.field(factory=Privacy)
    """Small-number protection for the outcome report."""
    example: bool = False
    """True for example labs whose figures are invented; every document then says so."""

    def partner(self, partner_id: str) -> Partner:
        """The partner with the id *partner_id* (``KeyError`` if the lab has none)."""
        try:
            return self._partners_by_id[partner_id]
        except KeyError:
            raise KeyError(partner_id) from None

    def has_partner(self, partner_id: str) -> bool:
        return partner_id in self._partners_by_id

    @functools.cached_property
    def _partners_by_id(self) -> dict[str, Partner]:
        # Looked up for every step and every document: an index, not a scan (a lab may have a thousand partners).
        return {partner.id: partner for partner in self.partners}
