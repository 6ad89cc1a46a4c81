"""``labkit lab check``: a lab file checked against the installed methods and indicators."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import attrs

from ..catalog import Catalog, get_catalog
from ..errors import InvalidDataError, Problem
from ..files import line_of, load_located, load_raw, semantic_problems
from ..model import Lab
from ..model.versions import satisfies
from ..text import did_you_mean
from .lock import read_lock, step_changes

__all__ = ["LabCheck", "check_lab"]


@attrs.frozen
class LabCheck:
    """The result of checking a lab: problems (the lab cannot be built) and notes (worth knowing)."""

    lab: Lab | None
    problems: tuple[Problem, ...]
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_for_problems(self) -> None:
        if self.problems:
            raise InvalidDataError(self.problems)


def _reference_problems(path: Path, catalog: Catalog, known: list[Problem]) -> list[Problem]:
    """Unknown method and indicator ids in a lab file that failed to load (read from the raw data)."""
    try:
        raw, positions = load_raw(path)
    except InvalidDataError:
        return []
    if not isinstance(raw, dict):
        return []
    reported = {p.path for p in known}
    out: list[Problem] = []

    def check(section: str, key: str, entries: Mapping[str, object], what: str) -> None:
        items = raw.get(section)
        if not isinstance(items, list):
            return
        for i, item in enumerate(items):
            ident = item.get(key) if isinstance(item, dict) else None
            where = (section, i, key)
            if isinstance(ident, str) and ident not in entries and where not in reported:
                out.append(
                    Problem(
                        f"{what} {ident!r}{did_you_mean(ident, sorted(entries))}",
                        str(path),
                        line_of(positions, where),
                        where,
                    )
                )

    check("methods", "id", catalog.method_entries, "no installed plugin provides the method")
    check("goals", "indicator", catalog.indicator_entries, "unknown indicator")
    return out


def check_lab(source: str | os.PathLike[str] | Lab, catalog: Catalog | None = None) -> LabCheck:
    """Check a lab file (or a :class:`~labkit.model.Lab`); every problem of the file is reported at once."""
    catalog = catalog or get_catalog()
    filename: str | None = None
    positions: dict[tuple[str | int, ...], int] = {}
    if isinstance(source, Lab):
        lab = source
    else:
        filename = str(source)
        try:
            lab, positions = load_located(source, Lab, semantic=False)
        except InvalidDataError as exc:
            # The file does not have the right shape yet; still say which method and indicator ids are unknown,
            # so one run shows the misspelt method next to the broken date.
            extra = _reference_problems(Path(source), catalog, exc.problems)
            problems_all = sorted((*exc.problems, *extra), key=lambda p: p.line or 0)
            return LabCheck(None, tuple(problems_all))
    problems: list[Problem] = []
    notes: list[str] = []

    def problem(path: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(message, filename, line_of(positions, path), path))

    for path, message in semantic_problems(lab):
        problem(path, message)

    methods = catalog.method_entries
    known_methods = sorted(methods)
    lock = read_lock(filename) if filename else None
    for i, chosen in enumerate(lab.methods):
        if chosen.id not in methods:
            conflict = [c for c in catalog.conflicts if c.kind == "method" and c.id == chosen.id]
            if conflict:
                problem(("methods", i, "id"), str(conflict[0]))
            else:
                problem(
                    ("methods", i, "id"),
                    f"no installed plugin provides the method {chosen.id!r}{did_you_mean(chosen.id, known_methods)}",
                )
            continue
        method = methods[chosen.id].item
        if not satisfies(method.version, chosen.version):
            problem(
                ("methods", i, "version"),
                f"the lab pins {chosen.id} {chosen.version!r} but version {method.version} is installed",
            )
        role_ids = [r.id for r in method.roles]
        for role_id in chosen.roles:
            if role_id not in role_ids:
                problem(
                    ("methods", i, "roles", role_id),
                    f"the method {chosen.id!r} has no role {role_id!r}{did_you_mean(role_id, role_ids)}; "
                    f"its roles are {', '.join(role_ids)}",
                )
        for role in method.roles:
            if role.id not in chosen.roles and not any(p.actor == role.actor for p in lab.partners):
                problem(
                    ("methods", i, "roles"),
                    f"no partner takes the role {role.id!r} of {chosen.id} (no partner is a {role.actor.value}); "
                    f"map it to a partner under roles:",
                )
        if lock is not None and chosen.id in lock.get("methods", {}):
            locked = lock["methods"][chosen.id]
            if locked.get("version") != method.version:
                changes = step_changes(locked, method)
                parts = [f"{k}: {', '.join(v)}" for k, v in changes.items() if v]
                holds = "still holds" if satisfies(method.version, chosen.version) else "no longer holds"
                notes.append(
                    f"{chosen.id}: the lab was built with {locked.get('version')}, {method.version} is installed; "
                    f"the pin {chosen.version!r} {holds}; "
                    + ("; ".join(parts) if parts else "no steps changed")
                )
    indicators = catalog.indicator_entries
    known_indicators = sorted(indicators)
    for i, goal in enumerate(lab.goals):
        if goal.indicator not in indicators:
            problem(
                ("goals", i, "indicator"),
                f"unknown indicator {goal.indicator!r}{did_you_mean(goal.indicator, known_indicators)}",
            )
    for i, measurement in enumerate(lab.measurements):
        if measurement.indicator not in indicators:
            problem(
                ("measurements", i, "indicator"),
                f"unknown indicator {measurement.indicator!r}{did_you_mean(measurement.indicator, known_indicators)}",
            )
    if lab.estimate is not None and lab.estimate.indicator not in indicators:
        problem(("estimate", "indicator"), f"unknown indicator {lab.estimate.indicator!r}")
    if filename is not None:
        base = Path(filename).parent
        for i, name in enumerate(lab.data_files):
            if not (base / name).is_file():
                problem(("data_files", i), f"the data file {name!r} does not exist (looked in {base})")
    problems.sort(key=lambda p: p.line or 0)
    return LabCheck(lab, tuple(problems), tuple(notes))
