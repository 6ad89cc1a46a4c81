"""``labkit lab check``: a lab file checked against the installed methods and indicators."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from ..catalog import Catalog, get_catalog
from ..errors import InvalidDataError, Problem, format_path
from ..files import Positions, from_data, line_of, load_raw, semantic_problems, to_data
from ..model import ChosenMethod, Goal, Indicator, Lab, Method, Polarity
from ..model.versions import satisfies
from ..outcomes.checks import measurement_problems, number_text, value_problem
from ..outcomes.measurements import MeasurementRow, lab_file_rows, read_measurement_rows
from ..text import did_you_mean
from .lock import read_lock, step_changes
from .new import PLACEHOLDERS, STILL_PLACEHOLDER

__all__ = ["LabCheck", "check_lab"]


@attrs.frozen
class LabCheck:
    """The result of checking a lab: problems (the lab cannot be built) and notes (worth knowing)."""

    lab: Lab | None
    problems: tuple[Problem, ...]
    notes: tuple[str, ...] = ()
    measurement_rows: tuple[MeasurementRow, ...] | None = attrs.field(default=None, eq=False, repr=False)
    """The lab file's and the data files' measurements as the check read them (None when the data files were not
    read: a lab given as an object), so that a build or report need not read them again."""

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_for_problems(self) -> None:
        if self.problems:
            raise InvalidDataError(self.problems)


def _reference_problems(
    path: Path, raw: Any, positions: Positions, catalog: Catalog, known: list[Problem]
) -> list[Problem]:
    """Unknown method and indicator ids in a lab file that failed to load (read from the raw data)."""
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
    if isinstance(source, Lab):
        return _LabChecker(source, catalog, None, {}).run()
    try:
        raw, positions = load_raw(source)  # read and parsed once; an oversized file is refused while parsing
    except InvalidDataError as exc:
        return LabCheck(None, tuple(exc.problems))
    try:
        lab: Lab = from_data(raw, Lab, str(source), positions, semantic=False)
    except InvalidDataError as exc:
        # The file does not have the right shape yet; still say which method and indicator ids are unknown,
        # so one run shows the misspelt method next to the broken date.
        extra = _reference_problems(Path(source), raw, positions, catalog, exc.problems)
        return LabCheck(None, tuple(sorted((*exc.problems, *extra), key=lambda p: p.line or 0)))
    return _LabChecker(lab, catalog, str(source), positions).run()


class _LabChecker:
    """The checks of one loaded lab, in named steps; each adds problems (with file and line) and notes."""

    def __init__(self, lab: Lab, catalog: Catalog, filename: str | None, positions: Positions) -> None:
        self.lab = lab
        self.catalog = catalog
        self.filename = filename
        self.positions = positions
        self.problems: list[Problem] = []
        self.notes: list[str] = []
        self.lock = self.read_lock()

    def read_lock(self) -> dict[str, Any] | None:
        """The lab's lock file; a damaged one is a note (the next build writes it again), not a problem."""
        if self.filename is None:
            return None
        try:
            return read_lock(self.filename)
        except InvalidDataError as exc:
            self.notes.extend(f"{problem}; the next build writes it again" for problem in exc.problems)
            return None

    def run(self) -> LabCheck:
        for path, message in semantic_problems(self.lab):
            self.problem(path, message)
        for index, chosen in enumerate(self.lab.methods):
            self.check_method(index, chosen)
        self.check_indicators()
        self.check_goals()
        self.check_placeholders()
        rows = self.check_measurements(self.check_data_files())
        own = self.filename

        def order(p: Problem) -> tuple[bool, str, int]:
            return p.file != own, p.file or "", p.line or 0

        return LabCheck(
            self.lab,
            tuple(sorted(self.problems, key=order)),
            tuple(self.notes),
            rows if self.filename is not None else None,
        )

    def problem(self, path: tuple[str | int, ...], message: str) -> None:
        self.problems.append(Problem(message, self.filename, line_of(self.positions, path), path))

    def check_method(self, index: int, chosen: ChosenMethod) -> None:
        """The method is installed, its version fits the pin, its roles exist and are taken, and what changed."""
        entry = self.catalog.method_entries.get(chosen.id)
        if entry is None:
            conflict = [c for c in self.catalog.conflicts if c.kind == "method" and c.id == chosen.id]
            known = sorted(self.catalog.method_entries)
            self.problem(
                ("methods", index, "id"),
                str(conflict[0])
                if conflict
                else f"no installed plugin provides the method {chosen.id!r}{did_you_mean(chosen.id, known)}",
            )
            return
        method: Method = entry.item
        if not satisfies(method.version, chosen.version):
            self.problem(
                ("methods", index, "version"),
                f"the lab pins {chosen.id} {chosen.version!r} but version {method.version} is installed",
            )
        self.check_roles(index, chosen, method)
        self.note_changes(chosen, method)

    def check_roles(self, index: int, chosen: ChosenMethod, method: Method) -> None:
        role_ids = [r.id for r in method.roles]
        for role_id in chosen.roles:
            if role_id not in role_ids:
                self.problem(
                    ("methods", index, "roles", role_id),
                    f"the method {chosen.id!r} has no role {role_id!r}{did_you_mean(role_id, role_ids)}; "
                    f"its roles are {', '.join(role_ids)}",
                )
        for role in method.roles:
            if role.id not in chosen.roles and not any(p.actor == role.actor for p in self.lab.partners):
                self.problem(
                    ("methods", index, "roles"),
                    f"no partner takes the role {role.id!r} of {chosen.id} (no partner is a {role.actor.value}); "
                    f"map it to a partner under roles:",
                )

    def note_changes(self, chosen: ChosenMethod, method: Method) -> None:
        """A note when the lab was last built with another version of the method: which steps changed."""
        locked = (self.lock or {}).get("methods", {}).get(chosen.id)
        if locked is None or locked.get("version") == method.version:
            return
        changes = step_changes(locked, method)
        parts = [f"{k}: {', '.join(v)}" for k, v in changes.items() if v]
        holds = "still holds" if satisfies(method.version, chosen.version) else "no longer holds"
        self.notes.append(
            f"{chosen.id}: the lab was built with {locked.get('version')}, {method.version} is installed; "
            f"the pin {chosen.version!r} {holds}; " + ("; ".join(parts) if parts else "no steps changed")
        )

    def check_indicators(self) -> None:
        known = self.catalog.indicator_entries
        # The measurements' indicators are checked with the rest of each measurement (check_measurements).
        used: list[tuple[tuple[str | int, ...], str]] = [
            *((("goals", i, "indicator"), g.indicator) for i, g in enumerate(self.lab.goals)),
        ]
        if self.lab.estimate is not None:
            used.append((("estimate", "indicator"), self.lab.estimate.indicator))
        for path, indicator in used:
            if indicator not in known:
                self.problem(path, f"unknown indicator {indicator!r}{did_you_mean(indicator, sorted(known))}")

    def check_goals(self) -> None:
        """One goal per indicator, and each target on the better side of its baseline; shares within 0-100."""
        first: dict[str, int] = {}
        for index, goal in enumerate(self.lab.goals):
            path = ("goals", index, "indicator")
            if goal.indicator in first:
                earlier = ("goals", first[goal.indicator])
                line = line_of(self.positions, earlier)
                self.problem(
                    path,
                    f"a second goal for {goal.indicator!r}; the first is {format_path(earlier)}"
                    + (f" (line {line})" if line is not None else "")
                    + ": give each indicator one goal",
                )
            first.setdefault(goal.indicator, index)
            entry = self.catalog.indicator_entries.get(goal.indicator)
            if entry is not None:
                self.check_goal_values(index, goal, entry.item)

    def check_goal_values(self, index: int, goal: Goal, indicator: Indicator) -> None:
        for side in ("baseline", "target"):
            problem = value_problem(getattr(goal, side).value, indicator)
            if problem is not None:
                self.problem(("goals", index, side, "value"), problem)
        baseline, target = goal.baseline.value, goal.target.value
        lower = indicator.polarity is Polarity.LOWER_IS_BETTER
        if (target > baseline) if lower else (target < baseline):
            self.problem(
                ("goals", index, "target", "value"),
                f"the target {number_text(target)} is {'above' if lower else 'below'} the baseline "
                f"{number_text(baseline)}, but for {goal.indicator} a {'lower' if lower else 'higher'} value "
                f"is better ({indicator.polarity})",
            )

    def check_placeholders(self) -> None:
        """A text that is still what ``labkit lab new`` wrote for the user to replace."""
        for path, text in _texts(to_data(self.lab), ()):
            hint = PLACEHOLDERS.get(text.strip())
            if hint is not None:
                self.problem(path, f"{STILL_PLACEHOLDER}: {hint}")

    def check_data_files(self) -> list[MeasurementRow]:
        """Each data file exists and reads without problems; its measurements with where they were written."""
        if self.filename is None:
            return []
        base = Path(self.filename).parent
        rows: list[MeasurementRow] = []
        for index, name in enumerate(self.lab.data_files):
            path = base / name
            if path.exists() and not path.is_file():
                self.problem(("data_files", index), f"the data file {name!r} is not a regular file ({path})")
            elif not path.is_file():
                self.problem(
                    ("data_files", index), f"the data file {name!r} does not exist (looked in {base})"
                )
            else:
                read, problems = read_measurement_rows(path)
                rows.extend(read)
                self.problems.extend(problems)
        return rows

    def check_measurements(self, from_files: list[MeasurementRow]) -> tuple[MeasurementRow, ...]:
        """The lab file's and the data files' measurements against the indicators and the lab's areas."""
        rows = (*lab_file_rows(self.lab.measurements, self.filename, self.positions), *from_files)
        indicators = {key: entry.item for key, entry in self.catalog.indicator_entries.items()}
        area = self.lab.area
        self.problems.extend(measurement_problems(rows, indicators, area.name, area.reference_area))
        return rows


def _texts(data: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string in plain data, with its path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, Mapping):
        for key, value in data.items():
            yield from _texts(value, (*path, str(key)))
    elif isinstance(data, (list, tuple)):
        for index, value in enumerate(data):
            yield from _texts(value, (*path, index))
