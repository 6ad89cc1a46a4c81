"""A lab resolved against the installed methods: who takes which role, and the lab's measurements."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ..catalog import Catalog, get_catalog
from ..errors import InvalidDataError, Problem
from ..model import ChosenMethod, Lab, Measurement, Method, Partner, Step

if TYPE_CHECKING:
    from ..outcomes.measurements import MeasurementRow

__all__ = ["LabContext", "StepAssignment", "lab_measurement_rows", "load_lab_context"]


@attrs.frozen
class StepAssignment:
    """One step of a chosen method with the partners in each RACI column."""

    method: Method
    chosen: ChosenMethod
    step: Step
    index: int
    responsible: tuple[Partner, ...]
    accountable: tuple[Partner, ...]
    consulted: tuple[Partner, ...]
    informed: tuple[Partner, ...]


@attrs.frozen
class LabContext:
    """A loaded lab, the catalog it was checked against and where its files are."""

    lab: Lab
    catalog: Catalog = attrs.field(eq=False, repr=False)
    path: Path | None = None
    data: tuple[Path, ...] = ()
    """Measurement files besides the lab's own data files (``labkit report --data``)."""
    read: tuple[MeasurementRow, ...] | None = attrs.field(default=None, eq=False, repr=False)
    """The lab file's and its data files' measurements when already read (by :func:`labkit.check_lab`)."""

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path is not None else Path.cwd()

    def method(self, method_id: str) -> Method:
        return self.catalog.method(method_id)

    def chosen_methods(self) -> Iterator[tuple[ChosenMethod, Method]]:
        for chosen in self.lab.methods:
            yield chosen, self.catalog.method(chosen.id)

    def partners_for_role(self, chosen: ChosenMethod, method: Method, role_id: str) -> tuple[Partner, ...]:
        """Partners taking *role_id*: as mapped in the lab file, else every partner of the role's actor kind."""
        if role_id in chosen.roles:
            return tuple(self.lab.partner(p) for p in chosen.roles[role_id] if p in self._partner_ids)
        actor = method.role(role_id).actor
        return tuple(p for p in self.lab.partners if p.actor == actor)

    @functools.cached_property
    def _partner_ids(self) -> frozenset[str]:
        return frozenset(p.id for p in self.lab.partners)

    def assignments(self) -> list[StepAssignment]:
        """Every step of every chosen method with its RACI partners, in the order of the lab's timeline."""
        return list(self._assignments)

    @functools.cached_property
    def _assignments(self) -> tuple[StepAssignment, ...]:
        # Computed once per lab: the plan and every partner's checklist read the same matrix.
        out = []
        for chosen, method in self.chosen_methods():
            accountable = tuple(p for p in self.lab.partners if p.id == chosen.responsible)

            def partners(
                roles: tuple[str, ...], chosen: ChosenMethod = chosen, method: Method = method
            ) -> tuple[Partner, ...]:
                seen: dict[str, Partner] = {}
                for role in roles:
                    for partner in self.partners_for_role(chosen, method, role):
                        seen.setdefault(partner.id, partner)
                return tuple(seen.values())

            for index, step in enumerate(method.steps):
                # Partners are told apart by id (a set), never by comparing whole objects in a list.
                responsible = partners(step.responsible)
                taken = {p.id for p in responsible}
                consulted = tuple(p for p in partners(step.consulted) if p.id not in taken)
                taken.update(p.id for p in consulted)
                informed = tuple(p for p in partners(step.informed) if p.id not in taken)
                out.append(
                    StepAssignment(method, chosen, step, index, responsible, accountable, consulted, informed)
                )
        return tuple(sorted(out, key=self._timeline_key))

    def _timeline_key(self, item: StepAssignment) -> tuple[int, int, int]:
        method_order = [c.id for c in self.lab.methods].index(item.method.id)
        return item.step.phase.order, method_order, item.index

    def partners_with_tasks(self) -> list[Partner]:
        """The partners responsible or consulted in some step of the chosen methods, in the lab's order."""
        acting = self._tasks
        return [p for p in self.lab.partners if p.id in acting]

    def tasks_of(self, partner_id: str) -> list[tuple[StepAssignment, str]]:
        """The steps where the partner acts, in timeline order, each with its part: ``R``, ``C`` or ``R/C``."""
        return list(self._tasks.get(partner_id, ()))

    @functools.cached_property
    def _tasks(self) -> dict[str, tuple[tuple[StepAssignment, str], ...]]:
        # Every partner's checklist reads its own steps: indexed once, so a document costs the same with 1,000
        # partners as with 10.
        found: dict[str, list[tuple[StepAssignment, str]]] = {}
        for item in self._assignments:
            responsible = {p.id for p in item.responsible}
            consulted = {p.id for p in item.consulted}
            for partner_id in dict.fromkeys(
                [*(p.id for p in item.responsible), *(p.id for p in item.consulted)]
            ):
                part = "/".join(r for r, ids in (("R", responsible), ("C", consulted)) if partner_id in ids)
                found.setdefault(partner_id, []).append((item, part))
        return {partner_id: tuple(tasks) for partner_id, tasks in found.items()}

    def phase_dates(self) -> dict[str, tuple[object, object]]:
        return {p.phase.value: (p.start, p.end) for p in self.lab.phases}

    @functools.cached_property
    def measurements(self) -> tuple[Measurement, ...]:
        """The lab file's measurements plus those in its data files and :attr:`data`."""
        return tuple(row.measurement for row in self.measurement_rows)

    @functools.cached_property
    def measurement_rows(self) -> tuple[MeasurementRow, ...]:
        """Every measurement with the file, row and column it was written in; the problems of every file at once."""
        return tuple(lab_measurement_rows(self.lab, self.path, self.data, self.read))


def lab_measurement_rows(
    lab: Lab,
    path: Path | None,
    extra: tuple[Path, ...] = (),
    read: tuple[MeasurementRow, ...] | None = None,
) -> list[MeasurementRow]:
    """The measurements of *lab* (written at *path*): its own, its data files' (or those *read* already) and
    *extra*'s, each with where it was written. Raises :class:`~labkit.errors.InvalidDataError` with the problems of
    every file."""
    from ..outcomes.measurements import load_measurement_rows

    base = path.parent if path is not None else Path.cwd()
    if read is None:
        found = _lab_file_rows(lab, path)
        files = [*(base / name for name in lab.data_files), *extra]
    else:
        found, files = list(read), list(extra)
    problems: list[Problem] = []
    for file in files:
        try:
            found.extend(load_measurement_rows(file))
        except InvalidDataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InvalidDataError(problems)
    return found


def _lab_file_rows(lab: Lab, path: Path | None) -> list[MeasurementRow]:
    from ..files import load_raw
    from ..outcomes.measurements import lab_file_rows

    positions: Mapping[tuple[str | int, ...], int] = {}
    if path is not None and lab.measurements:
        try:
            positions = load_raw(path)[1]
        except InvalidDataError:  # the file changed since it was loaded: the measurements without lines
            positions = {}
    return lab_file_rows(lab.measurements, str(path) if path else None, positions)


def load_lab_context(path: str | os.PathLike[str], catalog: Catalog | None = None) -> LabContext:
    """Load a lab file and resolve it against the installed methods (see :func:`labkit.check_lab` for checks)."""
    from ..files import load_lab

    path = Path(path)
    return LabContext(load_lab(path), catalog or get_catalog(), path)
