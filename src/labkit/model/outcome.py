"""Outcomes: measurements of indicators and the assumptions of a socio-economic estimate."""

from __future__ import annotations

import math
from typing import Any

import attrs

from ..text import LocalizedText
from ._validators import check_localized, check_optional_localized, check_slug, non_empty
from .period import PERIOD, PERIOD_METADATA, check_period, to_period

__all__ = ["PERIOD", "PERIOD_METADATA", "Assumption", "Estimate", "Measurement", "Period"]

Period = str


def _finite(_inst: Any, attr: Any, value: Any) -> None:
    if value is not None and not math.isfinite(value):
        raise ValueError(f"must be a finite number, got {value!r}")


@attrs.frozen
class Measurement:
    """One value of an indicator in an area and period, optionally for a group (e.g. women, age 16-24)."""

    indicator: str = attrs.field(validator=check_slug)
    """The id of the indicator measured."""
    area: str = attrs.field(validator=non_empty)
    """The lab's area or its reference area, as named in the lab file."""
    period: Period = attrs.field(converter=to_period, validator=check_period, metadata=PERIOD_METADATA)
    """The period the value is for."""
    value: float = attrs.field(validator=_finite)
    """The value, in the indicator's unit (shares in per cent)."""
    numerator: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.ge(0))
    )
    """For a share: how many people it counts."""
    denominator: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.ge(0))
    )
    """How many people the value rests on (the group a share is of, the respondents to a survey); small groups
    are hidden by it.
    """
    group: str | None = None
    """A breakdown of the area's figure, like `women`; empty for the whole area."""
    source: str | None = None
    """Where the figure comes from."""
    note: str | None = None
    """Anything a reader of the data should know."""

    @denominator.validator
    def _denominator_not_below_numerator(self, _attr: Any, value: int | None) -> None:
        if value is not None and self.numerator is not None and self.numerator > value:
            raise ValueError(f"numerator ({self.numerator}) is larger than denominator ({value})")

    @property
    def base(self) -> int | None:
        """How many people the value rests on: the denominator for a share, the numerator or value for a count."""
        if self.denominator is not None:
            return self.denominator
        if self.numerator is not None:
            return self.numerator
        return None


def _share(_inst: Any, _attr: Any, value: float) -> None:
    if not 0 <= value <= 1:
        raise ValueError(f"{value} is not a share between 0 and 1")


@attrs.frozen
class Assumption:
    """One assumption of an estimate with a low, central and high value and where it comes from."""

    low: float = attrs.field(validator=_finite)
    """The lowest plausible value."""
    central: float = attrs.field(validator=_finite)
    """The most likely value."""
    high: float = attrs.field(validator=_finite)
    """The highest plausible value."""
    source: LocalizedText = attrs.field(validator=check_localized)
    """Where the values come from (`{sv: …, en: …}` so that each language's report names it in its language)."""
    note: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)
    """Why these values."""

    @high.validator
    def _ordered_high(self, _attr: Any, value: float) -> None:
        if not self.low <= self.central <= value:
            raise ValueError(f"expected low <= central <= high, got {self.low}, {self.central}, {value}")


def _share_assumption(inst: Any, attr: Any, value: Assumption) -> None:
    _share(inst, attr, value.low)
    _share(inst, attr, value.high)


@attrs.frozen
class Estimate:
    """A socio-economic estimate of the value of an outcome, with every assumption stated and sourced.

    value = people x value_per_person_year x sum over years of (1 - drop_off)^year
            x (1 - deadweight) x attribution
    """

    indicator: str = attrs.field(validator=check_slug)
    """The outcome indicator whose latest measured count is the number of people (e.g. into work)."""
    value_per_person_year: Assumption
    """What the outcome is worth per person and year, in kronor."""
    duration_years: Assumption
    """How many years the effect is counted."""
    deadweight: Assumption = attrs.field(validator=_share_assumption)
    """The share (0 to 1) who would have reached the outcome without the lab."""
    attribution: Assumption = attrs.field(validator=_share_assumption)
    """The share (0 to 1) of the change that is due to the lab rather than to others."""
    drop_off: Assumption = attrs.field(validator=_share_assumption)
    """The share (0 to 1) of the effect that fades each year."""
    investment_sek: float | None = attrs.field(
        default=None, validator=[_finite, attrs.validators.optional(attrs.validators.ge(0))]
    )
    """What the lab cost, in kronor; gives the value per krona invested."""
    investment_source: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)
    """Where the investment figure comes from."""
    description: LocalizedText | None = attrs.field(default=None, validator=check_optional_localized)
    """What the estimate is about, printed above it."""
