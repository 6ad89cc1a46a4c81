"""Indicators: what a lab or method measures, with unit, polarity and level."""

from __future__ import annotations

import enum

import attrs

from ..text import LocalizedText
from ._validators import check_localized, check_optional_localized, check_slug

__all__ = ["Indicator", "IndicatorLevel", "PerformanceQuestion", "Polarity", "Unit"]


class Unit(enum.StrEnum):
    """How an indicator's values are expressed."""

    SHARE = "share"
    """A percentage (0-100) of a group, for example the share of pupils eligible for upper secondary."""
    COUNT = "count"
    """A number of people, events or things."""
    INDEX = "index"
    """A score on a fixed scale, for example a 0-100 tenant survey index."""
    SEK = "sek"
    """An amount in Swedish kronor."""
    RATE = "rate"
    """Events per a fixed population, for example crimes per 1,000 residents."""
    HOURS = "hours"
    """Time spent."""
    SCALE = "scale"
    """An average answer on a survey scale (for example 1-5)."""

    def __str__(self) -> str:
        return self.value

    @property
    def is_about_people(self) -> bool:
        """Counts and shares describe groups of people, so small values must be suppressed in outputs."""
        return self in (Unit.COUNT, Unit.SHARE)


class Polarity(enum.StrEnum):
    """Whether a higher or a lower value is better."""

    HIGHER_IS_BETTER = "higher-is-better"
    """A higher value is better, as for employment or school results."""
    LOWER_IS_BETTER = "lower-is-better"
    """A lower value is better, as for unemployment or crime."""

    def __str__(self) -> str:
        return self.value


class IndicatorLevel(enum.StrEnum):
    """Where an indicator sits in the logic model."""

    OUTPUT = "output"
    """What an activity produces: meetings held, people reached."""
    OUTCOME = "outcome"
    """A change for the people who take part."""
    IMPACT = "impact"
    """A change for the whole area or population."""

    def __str__(self) -> str:
        return self.value


class PerformanceQuestion(enum.StrEnum):
    """The three performance questions that group a method's own measures."""

    HOW_MUCH = "how-much"
    """How much did we do?"""
    HOW_WELL = "how-well"
    """How well did we do it?"""
    BETTER_OFF = "better-off"
    """Is anyone better off?"""

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Indicator:
    """An indicator in the shared indicator library."""

    id: str = attrs.field(validator=check_slug)
    """The indicator's id, which goals, measurements and methods use."""
    name: LocalizedText = attrs.field(validator=check_localized)
    """The indicator's name, as printed."""
    unit: Unit
    """How values are expressed."""
    polarity: Polarity
    """Whether a higher or a lower value is better."""
    level: IndicatorLevel
    """Where the indicator sits in the logic model."""
    source: LocalizedText = attrs.field(validator=check_localized)
    """Who publishes the figures, or how the lab collects them itself."""
    definition: LocalizedText = attrs.field(validator=check_localized)
    """Exactly what is counted, so that everyone measures the same thing."""
    counts_people: bool = True
    """False for counts of things (meetings held, walks, contracts): small numbers of those reveal no one, so
    they are not hidden. Counts and shares of people are protected by small-number suppression."""
    question: PerformanceQuestion | None = None
    """For a method's own follow-up measures: which performance question the measure answers."""
    official: bool = False
    """True for official statistics (SCB, Arbetsförmedlingen, Skolverket, Brå, Polisen, AktivBo)."""
    url: str | None = None
    """Where the figures or the definition can be found."""
    note: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)
    """What to keep in mind when using the indicator."""
