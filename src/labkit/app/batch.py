"""Batches: render many documents on all cores, each written to disk as soon as it is made.

Every worker process gets the catalog explicitly, through the pool's initializer: under ``fork`` (Linux) it
inherits the live catalog with its plugins already loaded; under ``spawn`` (macOS, Windows) the catalog is sent
as the recipe of its plugins (:class:`~labkit.plugins.PluginRecipe`) and loaded again in the worker, so a catalog
passed to :func:`run_jobs` (or to ``build()``) is the one documents are made with on every platform. Each worker
renders, saves atomically and returns only the path, so memory stays flat however many documents a batch holds.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import ConfigurationError, LabkitError

if TYPE_CHECKING:
    from ..catalog import Catalog

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


@attrs.frozen
class Result:
    job: Job
    path: str | None
    error: str | None = None
    size: int = 0


class _Worker:
    """What one process renders with: the catalog, and each lab file's checked context, loaded once."""

    catalog: Catalog | None = None
    labs: dict[str, Any] = {}  # noqa: RUF012 - one per process, reset by start()

    @classmethod
    def start(cls, catalog: Catalog) -> None:
        """The pool's initializer (and the set-up of a batch run in this process)."""
        cls.catalog = catalog
        cls.labs = {}

    @classmethod
    def subject(cls, job: Job) -> Any:
        from ..generators import Takes
        from .render import lab_context

        assert cls.catalog is not None
        if cls.catalog.generator(job.kind).takes is Takes.METHOD:
            return job.subject
        if job.subject not in cls.labs:
            cls.labs[job.subject] = lab_context(job.subject, cls.catalog)
        return cls.labs[job.subject]


def run_job(job: Job) -> Result:
    """Make and save one document with the worker's catalog; a labkit error becomes the result's error."""
    from .render import render

    try:
        document = render(
            job.kind,
            _Worker.subject(job),
            catalog=_Worker.catalog,
            lang=job.lang,
            template=job.template,
            house_style=job.house_style,
            **dict(job.options),
        )
        path = document.save(job.out, pdf=job.pdf)
        return Result(job, str(path), None, len(document.data))
    except LabkitError as exc:
        return Result(job, None, str(exc))


def _context(start_method: str | None) -> Any:
    if start_method is None:
        start_method = "fork" if sys.platform == "linux" else "spawn"
    return multiprocessing.get_context(start_method)


def run_jobs(
    jobs: Sequence[Job],
    *,
    processes: int | None = None,
    progress: Callable[[Result], None] | None = None,
    catalog: Catalog | None = None,
    start_method: str | None = None,
) -> list[Result]:
    """Run *jobs* on *processes* cores (default: all); returns one result per job, in the jobs' order.

    *catalog* (default: the installed plugins) is what the documents are made with, in every worker.
    *start_method* chooses how workers start (``fork``, ``spawn``, ``forkserver``; default: ``fork`` on Linux,
    ``spawn`` elsewhere).
    """
    from ..catalog import get_catalog

    catalog = catalog if catalog is not None else get_catalog()
    processes = max(1, min(processes or os.cpu_count() or 1, len(jobs) or 1))
    if processes == 1:
        _Worker.start(catalog)
        return _collect(enumerate(map(run_job, jobs)), len(jobs), progress)
    # Gather what workers need before they start: forked workers inherit it, spawned ones get the recipe.
    catalog.method_entries  # noqa: B018
    catalog.generator_entries  # noqa: B018
    context = _context(start_method)
    if context.get_start_method() != "fork":
        _check_sendable(catalog, context.get_start_method())
    with ProcessPoolExecutor(
        max_workers=processes,
        mp_context=context,
        initializer=_Worker.start,
        initargs=(catalog,),
    ) as pool:
        futures: dict[Future[Result], int] = {pool.submit(run_job, job): i for i, job in enumerate(jobs)}
        return _collect(((futures[f], f.result()) for f in as_completed(futures)), len(jobs), progress)


def _check_sendable(catalog: Catalog, start_method: str) -> None:
    """Plugins registered at run time travel to spawned workers pickled: say clearly which one cannot."""
    import pickle

    for name, plugin in catalog.plugins.recipe().registered:
        try:
            pickle.dumps(plugin)
        except Exception as exc:
            raise ConfigurationError(
                f"the plugin {name} was registered at run time and cannot be sent to worker processes started "
                f"with {start_method!r} ({type(exc).__name__}: {exc}); define its class at the top level of a "
                "module, or make the documents in one process (processes=1)"
            ) from None


def _collect(results: Any, count: int, progress: Callable[[Result], None] | None) -> list[Result]:
    by_index: dict[int, Result] = {}
    for index, result in results:
        by_index[index] = result
        if progress:
            progress(result)
    return [by_index[i] for i in range(count)]
