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

__all__ = [
    "ASSUMPTIONS",
    "SCENARIO_PICKS",
    "Scenario",
    "discounted_years",
    "estimate_scenarios",
    "scenario_value",
]

#: The assumptions of an estimate, in the order the report lists them.
ASSUMPTIONS = ("value_per_person_year", "duration_years", "deadweight", "attribution", "drop_off")

#: Which end of each assumption a scenario takes: the low scenario is cautious everywhere, so it takes the
#: *high* deadweight and drop-off; the high scenario is generous everywhere and takes their low ends.
SCENARIO_PICKS: dict[str, dict[str, str]] = {
    "low": {
        "value_per_person_year": "low",
        "duration_years": "low",
        "deadweight": "high",
        "attribution": "low",
        "drop_off": "high",
    },
    "central": dict.fromkeys(ASSUMPTIONS, "central"),
    "high": {
        "value_per_person_year": "high",
        "duration_years": "high",
        "deadweight": "low",
        "attribution": "high",
        "drop_off": "low",
    },
}


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
    effective_years: float = 0.0
    """1 + (1 - drop-off) + (1 - drop-off)^2 + ... over the duration: the years of effect after drop-off."""

    def used(self, assumption: str) -> float:
        """The value of *assumption* this scenario is computed with."""
        value: float = getattr(self, assumption)
        return value


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
    """Low, central and high scenarios for *people* (the measured outcome count), as :data:`SCENARIO_PICKS` says."""
    out = []
    for name, picks in SCENARIO_PICKS.items():
        used = {key: float(getattr(getattr(estimate, key), end)) for key, end in picks.items()}
        total = scenario_value(people, **{_ARGS[k]: v for k, v in used.items()})
        ratio = total / estimate.investment_sek if estimate.investment_sek else None
        out.append(
            Scenario(
                name,
                used["value_per_person_year"],
                used["duration_years"],
                used["deadweight"],
                used["attribution"],
                used["drop_off"],
                total,
                total / people if people else 0.0,
                ratio,
                discounted_years(used["duration_years"], used["drop_off"]),
            )
        )
    return out


_ARGS = {
    "value_per_person_year": "value",
    "duration_years": "duration",
    "deadweight": "deadweight",
    "attribution": "attribution",
    "drop_off": "drop_off",
}
