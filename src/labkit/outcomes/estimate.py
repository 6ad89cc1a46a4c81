"""The socio-economic estimate: what an outcome may be worth, with every assumption stated.

value = people x value per person and year x sum over the years of (1 - drop-off)^year
        x (1 - deadweight) x attribution

The low scenario combines the cautious end of every assumption (low value, short duration, high deadweight,
low attribution, high drop-off), the high scenario the generous end; so the range is honest about what the
numbers cannot claim. No proxy values are bundled: every number comes from the lab file with its source.
"""

from __future__ import annotations

import math

import attrs

from ..model import Estimate

__all__ = ["Scenario", "discounted_years", "estimate_scenarios", "scenario_value"]


@attrs.frozen
class Scenario:
    name: str
    value_per_person_year: float
    duration_years: float
    deadweight: float
    attribution: float
    drop_off: float
    value_sek: float
    per_person_sek: float
    return_ratio: float | None
    """Value divided by the investment, when the investment is given."""


def discounted_years(duration: float, drop_off: float) -> float:
    """Effective years of effect: 1 + (1-d) + (1-d)^2 + ..., with a partial last year for fractional durations."""
    if duration <= 0:
        return 0.0
    whole = math.floor(duration)
    total = sum((1 - drop_off) ** year for year in range(whole))
    total += (duration - whole) * (1 - drop_off) ** whole
    return total


def scenario_value(
    people: float, value: float, duration: float, deadweight: float, attribution: float, drop_off: float
) -> float:
    return people * value * discounted_years(duration, drop_off) * (1 - deadweight) * attribution


def estimate_scenarios(estimate: Estimate, people: float) -> list[Scenario]:
    """Low, central and high scenarios for *people* (the measured outcome count)."""
    picks = {
        "low": ("low", "low", "high", "low", "high"),
        "central": ("central", "central", "central", "central", "central"),
        "high": ("high", "high", "low", "high", "low"),
    }
    out = []
    for name, (v, d, dw, a, do) in picks.items():
        value = getattr(estimate.value_per_person_year, v)
        duration = getattr(estimate.duration_years, d)
        deadweight = getattr(estimate.deadweight, dw)
        attribution = getattr(estimate.attribution, a)
        drop_off = getattr(estimate.drop_off, do)
        total = scenario_value(people, value, duration, deadweight, attribution, drop_off)
        ratio = total / estimate.investment_sek if estimate.investment_sek else None
        out.append(
            Scenario(
                name,
                value,
                duration,
                deadweight,
                attribution,
                drop_off,
                total,
                total / people if people else 0.0,
                ratio,
            )
        )
    return out
