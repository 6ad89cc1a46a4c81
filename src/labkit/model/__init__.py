"""The labkit data model: methods, indicators, labs and outcomes (frozen, slotted attrs classes).

Names are imported on first use, so a command that only lists methods does not pay for the lab model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = [
    "EVIDENCE_SCALE",
    "ActorKind",
    "Area",
    "Assumption",
    "BasedOn",
    "Budget",
    "BudgetItem",
    "BudgetRange",
    "Checklist",
    "ChecklistKind",
    "ChosenMethod",
    "Contact",
    "Estimate",
    "Evidence",
    "FocusArea",
    "Form",
    "FormSection",
    "FormTable",
    "Goal",
    "GoalValue",
    "Indicator",
    "IndicatorLevel",
    "Lab",
    "LabPhase",
    "Level",
    "Measurement",
    "Method",
    "Milestone",
    "Observation",
    "Organisation",
    "Partner",
    "PausePoint",
    "PerformanceQuestion",
    "Phase",
    "Polarity",
    "Privacy",
    "Resources",
    "Risk",
    "Role",
    "Rounding",
    "Source",
    "Step",
    "Unit",
    "VersionNote",
    "check_localized",
    "check_slug",
]

_WHERE = {
    # The id and text rules of every model class, for classes elsewhere that follow them (document generators).
    "check_localized": "_validators",
    "check_slug": "_validators",
    "ActorKind": "common",
    "Area": "lab",
    "Assumption": "outcome",
    "BasedOn": "method",
    "Budget": "lab",
    "BudgetItem": "lab",
    "BudgetRange": "method",
    "Checklist": "method",
    "ChecklistKind": "method",
    "ChosenMethod": "lab",
    "Contact": "lab",
    "EVIDENCE_SCALE": "method",
    "Estimate": "outcome",
    "Evidence": "method",
    "FocusArea": "common",
    "Form": "form",
    "FormSection": "form",
    "FormTable": "form",
    "Goal": "lab",
    "GoalValue": "lab",
    "Indicator": "indicator",
    "IndicatorLevel": "indicator",
    "Lab": "lab",
    "LabPhase": "common",
    "Level": "lab",
    "Measurement": "outcome",
    "Method": "method",
    "Milestone": "lab",
    "Observation": "method",
    "Organisation": "common",
    "Partner": "lab",
    "PausePoint": "method",
    "PerformanceQuestion": "indicator",
    "Phase": "lab",
    "Polarity": "indicator",
    "Privacy": "lab",
    "Resources": "method",
    "Risk": "lab",
    "Role": "method",
    "Rounding": "lab",
    "Source": "common",
    "Step": "method",
    "Unit": "indicator",
    "VersionNote": "method",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'labkit.model' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:
    from ._validators import check_localized, check_slug
    from .common import ActorKind, FocusArea, LabPhase, Organisation, Source
    from .form import Form, FormSection, FormTable
    from .indicator import Indicator, IndicatorLevel, PerformanceQuestion, Polarity, Unit
    from .lab import (
        Area,
        Budget,
        BudgetItem,
        ChosenMethod,
        Contact,
        Goal,
        GoalValue,
        Lab,
        Level,
        Milestone,
        Partner,
        Phase,
        Privacy,
        Risk,
        Rounding,
    )
    from .method import (
        EVIDENCE_SCALE,
        BasedOn,
        BudgetRange,
        Checklist,
        ChecklistKind,
        Evidence,
        Method,
        Observation,
        PausePoint,
        Resources,
        Role,
        Step,
        VersionNote,
    )
    from .outcome import Assumption, Estimate, Measurement
