"""Vocabulary shared by methods, labs and outcomes: focus areas, actor kinds, lab phases and sources."""

from __future__ import annotations

import enum

import attrs

from ..text import LocalizedText
from ._validators import check_http_url, check_localized, check_slug, check_year, non_empty

__all__ = ["ActorKind", "FocusArea", "LabPhase", "Organisation", "Source"]


class FocusArea(enum.StrEnum):
    """The four focus areas of Vinnova's call "Social innovation mot segregation" (2017)."""

    EMPLOYMENT = "employment"
    """Reduce long-term unemployment."""
    EDUCATION = "education"
    """Improve schools and pupils' results."""
    SERVICES = "services"
    """Strengthen community services and reduce housing segregation."""
    SAFETY = "safety"
    """Fight crime and strengthen perceived safety."""

    def __str__(self) -> str:
        return self.value


class ActorKind(enum.StrEnum):
    """Kinds of organisation (or group) that take part in a lab or method."""

    HOUSING_COMPANY = "housing-company"
    MUNICIPALITY = "municipality"
    TENANTS_ASSOCIATION = "tenants-association"
    SCHOOL = "school"
    POLICE = "police"
    CIVIL_SOCIETY = "civil-society"
    EMPLOYER = "employer"
    EMPLOYMENT_SERVICE = "employment-service"
    RESIDENTS = "residents"
    RESEARCH = "research"

    def __str__(self) -> str:
        return self.value


class LabPhase(enum.StrEnum):
    """The phases of the innovation-lab process, in order."""

    UNDERSTAND = "understand"
    """Understand the challenge: target-group and network analyses, SMART goals."""
    EXPLORE = "explore"
    """Explore ideas with residents and local actors in workshops and interviews."""
    TEST = "test"
    """Test ideas at small scale with partners willing to try them for real."""
    EVALUATE = "evaluate"
    """Evaluate: drop, change or develop what was tested."""
    SPREAD = "spread"
    """Spread what works to other areas and organisations."""

    def __str__(self) -> str:
        return self.value

    @property
    def order(self) -> int:
        return list(LabPhase).index(self)


@attrs.frozen
class Source:
    """A public source that a method's text or numbers rest on."""

    id: str = attrs.field(validator=check_slug)
    title: str = attrs.field(validator=non_empty)
    publisher: str = attrs.field(validator=non_empty)
    url: str | None = attrs.field(default=None, validator=check_http_url)
    year: int | None = attrs.field(default=None, validator=check_year)
    note: LocalizedText | None = attrs.field(
        default=None, validator=attrs.validators.optional(check_localized)
    )


@attrs.frozen
class Organisation:
    """An organisation (never a private person) that owns or authored a method."""

    name: str = attrs.field(validator=non_empty)
    kind: ActorKind | None = None
    url: str | None = attrs.field(default=None, validator=check_http_url)
