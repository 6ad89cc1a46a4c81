"""Checks within one file that types alone cannot express (references between fields)."""

from __future__ import annotations

from ..model import Form, Lab, Method

__all__ = ["form_problems", "lab_problems", "method_problems"]

Pairs = list[tuple[tuple[str | int, ...], str]]


def method_problems(method: Method) -> Pairs:
    out: Pairs = []
    roles = {r.id for r in method.roles}
    known = ", ".join(sorted(roles))
    for i, step in enumerate(method.steps):
        for kind in ("responsible", "consulted", "informed"):
            for j, role in enumerate(getattr(step, kind)):
                if role not in roles:
                    out.append(
                        (("steps", i, kind, j), f"unknown role {role!r}; the method's roles are {known}")
                    )
    for i, checklist in enumerate(method.checklists):
        if checklist.owner not in roles:
            out.append(
                (
                    ("checklists", i, "owner"),
                    f"unknown role {checklist.owner!r}; the method's roles are {known}",
                )
            )
    sources = {s.id for s in method.sources}
    for j, ref in enumerate(method.evidence.references):
        if ref not in sources:
            out.append(
                (("evidence", "references", j), f"{ref!r} is not the id of one of the method's sources")
            )
    for j, observation in enumerate(method.evidence.observed):
        if observation.source not in sources:
            out.append(
                (
                    ("evidence", "observed", j, "source"),
                    f"{observation.source!r} is not the id of one of the method's sources",
                )
            )
    versions = [note.version for note in method.history]
    if versions and method.version not in versions:
        out.append((("history",), f"the history has no entry for the current version {method.version}"))
    return out


def lab_problems(lab: Lab) -> Pairs:
    out: Pairs = []
    partners = {p.id for p in lab.partners}
    known = ", ".join(sorted(partners))

    def partner_ref(path: tuple[str | int, ...], ref: str) -> None:
        if ref not in partners:
            out.append((path, f"unknown partner {ref!r}; the lab's partners are {known}"))

    for i, chosen in enumerate(lab.methods):
        partner_ref(("methods", i, "responsible"), chosen.responsible)
        for role, refs in chosen.roles.items():
            for j, ref in enumerate(refs):
                partner_ref(("methods", i, "roles", role, j), ref)
    for i, ref in enumerate(lab.steering_group):
        partner_ref(("steering_group", i), ref)
        if ref in lab.steering_group[:i]:
            out.append((("steering_group", i), f"the partner {ref!r} is listed twice"))
    for i, chosen in enumerate(lab.methods):
        for role, refs in chosen.roles.items():
            if not refs:
                out.append(
                    (
                        ("methods", i, "roles", role),
                        "no partner is named: name the partners that take the role",
                    )
                )
            for j, ref in enumerate(refs):
                if ref in refs[:j]:
                    out.append((("methods", i, "roles", role, j), f"the partner {ref!r} is listed twice"))
    for i, name in enumerate(lab.data_files):
        if name in lab.data_files[:i]:
            out.append((("data_files", i), f"the data file {name!r} is listed twice"))
    for i, risk in enumerate(lab.risks):
        partner_ref(("risks", i, "owner"), risk.owner)
    previous = None
    for i, phase in enumerate(lab.phases):
        if phase.end < phase.start:
            out.append(
                (("phases", i, "end"), f"the phase ends ({phase.end}) before it starts ({phase.start})")
            )
        if previous is not None and phase.phase.order < previous.phase.order:
            out.append(
                (("phases", i, "phase"), f"{phase.phase} comes before {previous.phase} in the lab process")
            )
        if previous is not None and phase.start < previous.start:
            out.append(
                (("phases", i, "start"), f"the phase starts before the previous phase ({previous.start})")
            )
        for j, milestone in enumerate(phase.milestones):
            if not phase.start <= milestone.date <= phase.end:
                out.append(
                    (
                        ("phases", i, "milestones", j, "date"),
                        f"{milestone.date} is outside the phase ({phase.start} to {phase.end})",
                    )
                )
        previous = phase
    seen_phases: set[str] = set()
    for i, phase in enumerate(lab.phases):
        if phase.phase.value in seen_phases:
            out.append((("phases", i, "phase"), f"the phase {phase.phase} is listed twice"))
        seen_phases.add(phase.phase.value)
    for i, goal in enumerate(lab.goals):
        if goal.target.period <= goal.baseline.period:
            out.append(
                (
                    ("goals", i, "target", "period"),
                    f"the target period {goal.target.period} is not after the baseline period {goal.baseline.period}",
                )
            )
    return out


def form_problems(form: Form) -> Pairs:
    return []
