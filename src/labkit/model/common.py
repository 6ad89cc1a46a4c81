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
    """A housing company, usually the municipal housing company."""
    MUNICIPALITY = "municipality"
    """The municipality or one of its departments."""
    TENANTS_ASSOCIATION = "tenants-association"
    """The tenants' union or a local tenants' association."""
    SCHOOL = "school"
    """A school."""
    POLICE = "police"
    """The police."""
    CIVIL_SOCIETY = "civil-society"
    """An association, a faith community, an adult education association or another non-profit."""
    EMPLOYER = "employer"
    """An employer."""
    EMPLOYMENT_SERVICE = "employment-service"
    """The Public Employment Service (Arbetsförmedlingen)."""
    RESIDENTS = "residents"
    """The residents of the area, or a group of them."""
    RESEARCH = "research"
    """A university or other research organisation."""
    TRADE_BODY = "trade-body"
    """A trade body of organisations, such as Sveriges Allmännytta for the municipal housing companies."""

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
    """Short id of the source, which the method's `evidence.references` use."""
    title: str = attrs.field(validator=non_empty)
    """Title of the publication or web page, as the publisher gives it."""
    publisher: str = attrs.field(validator=non_empty)
    """The organisation that published it."""
    url: str | None = attrs.field(default=None, validator=check_http_url)
    """Where the source can be read."""
    year: int | None = attrs.field(default=None, validator=check_year)
    """Year of publication, when known."""
    reference: str | None = attrs.field(default=None, validator=attrs.validators.optional(non_empty))
    """How to find the source when it has no web address, for example a report series and number."""
    note: LocalizedText | None = attrs.field(
        default=None, validator=attrs.validators.optional(check_localized)
    )
    """What the method takes from the source."""


@attrs.frozen
class Organisation:
    """An organisation (never a private person) that owns or authored a method."""

    name: LocalizedText = attrs.field(validator=check_localized, metadata={"proper_name": True})
    """The organisation's name, as printed; give it per language when it is a description rather than a name."""
    kind: ActorKind | None = None
    """What kind of actor the organisation is."""
    url: str | None = attrs.field(default=None, validator=check_http_url)
    """The organisation's web site."""
