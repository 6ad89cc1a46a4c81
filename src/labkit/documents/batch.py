"""Batches: render many documents on all cores, each written to disk as soon as it is made.

Workers are forked from the parent where possible, so they inherit the loaded plugins and compiled templates;
each worker renders, saves atomically and returns only the path, so memory stays flat however many documents a
batch holds.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import Any

import attrs

from ..errors import LabkitError

__all__ = ["Job", "Result", "run_jobs"]


@attrs.frozen
class Job:
    """One document to make: its kind, subject (method id or lab file), language and where to save it."""

    kind: str
    subject: str
    lang: str
    out: str
    options: tuple[tuple[str, Any], ...] = ()
    pdf: bool = False
    template: str | None = None
    house_style: str | None = None
    allow_inaccessible: bool = False


@attrs.frozen
class Result:
    job: Job
    path: str | None
    error: str | None = None
    size: int = 0


# The subject of lab jobs is a lab file; workers load it once.
_LAB_CACHE: dict[str, Any] = {}


def _subject(job: Job) -> Any:
    if job.kind in _LAB_KINDS:
        lab = _LAB_CACHE.get(job.subject)
        if lab is None:
            from ..labs.context import load_lab_context

            lab = load_lab_context(job.subject, _CATALOG)
            _LAB_CACHE[job.subject] = lab
        return lab
    return job.subject


_LAB_KINDS = {"lab-plan", "partner-checklist", "report"}


# The catalog jobs render with; set by run_jobs before workers are forked so they inherit it.
_CATALOG: Any = None


def run_job(job: Job) -> Result:
    from .render import render

    try:
        document = render(
            job.kind,
            _subject(job),
            catalog=_CATALOG,
            lang=job.lang,
            template=job.template,
            house_style=job.house_style,
            allow_inaccessible=job.allow_inaccessible,
            **dict(job.options),
        )
        path = document.save(job.out, pdf=job.pdf)
        return Result(job, str(path), None, len(document.data))
    except LabkitError as exc:
        return Result(job, None, str(exc))


def _context() -> Any:
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def run_jobs(
    jobs: Sequence[Job],
    *,
    processes: int | None = None,
    progress: Callable[[Result], None] | None = None,
    catalog: Any = None,
) -> list[Result]:
    """Run *jobs* on *processes* cores (default: all); returns one result per job, in the jobs' order.

    *catalog* (default: the installed plugins) is what the documents are rendered with.
    """
    global _CATALOG
    from ..catalog import get_catalog

    _CATALOG = catalog if catalog is not None else get_catalog()
    _LAB_CACHE.clear()
    processes = processes or os.cpu_count() or 1
    processes = max(1, min(processes, len(jobs) or 1))
    results: dict[int, Result] = {}
    if processes == 1:
        for index, job in enumerate(jobs):
            results[index] = run_job(job)
            if progress:
                progress(results[index])
    else:
        # Load plugins before forking so every worker inherits them.
        _CATALOG.method_entries  # noqa: B018
        _CATALOG.generator_entries  # noqa: B018
        with ProcessPoolExecutor(max_workers=processes, mp_context=_context()) as pool:
            futures: dict[Future[Result], int] = {}
            for index, job in enumerate(jobs):
                futures[pool.submit(run_job, job)] = index
            for future in as_completed(futures):
                result = future.result()
                results[futures[future]] = result
                if progress:
                    progress(result)
    return [results[i] for i in range(len(jobs))]
