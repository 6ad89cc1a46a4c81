"""Batches: render many documents on all cores, each written to disk as soon as it is made.

Every worker process gets the catalog explicitly, through the pool's initializer: under ``fork`` (Linux) it
inherits the live catalog with its plugins already loaded; under ``spawn`` (macOS, Windows) the catalog is sent
as the recipe of its plugins (:class:`~labkit.plugins.PluginRecipe`) and loaded again in the worker, so a catalog
passed to :func:`run_jobs` (or to ``build()``) is the one documents are made with on every platform. Each worker
renders, saves atomically and returns only the path, so memory stays flat however many documents a batch holds.

PDFs are made once every document is rendered: each worker converts its share of the documents with one
LibreOffice process (starting LibreOffice costs more than converting a document). A document that cannot be
converted is an error naming it; its .docx stays, and the others are converted all the same.

Workers end with the process that started them: on Linux the kernel sends them SIGTERM when it dies
(``PR_SET_PDEATHSIG``), elsewhere a thread watches the parent. A worker that gets SIGTERM kills the LibreOffice it
runs (its own process group) and exits at once. Ctrl-C reaches only the main process (workers ignore SIGINT),
which stops the workers the same way; so does any error in the main process, such as a closed output pipe.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import ConfigurationError, LabkitError

if TYPE_CHECKING:
    from ..catalog import Catalog

__all__ = ["Job", "Result", "run_jobs", "warm_up"]


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
    """Make the document even where it would not be accessible (see :func:`labkit.render`)."""


@attrs.frozen
class Result:
    """What became of a job: the path of its .docx, or why it could not be made (or converted to PDF).

    A document whose PDF could not be made has both: its path (the .docx is kept) and the error.
    """

    job: Job
    path: str | None
    error: str | None = None
    size: int = 0
    accessible: bool = True
    """False when the document was made with ``allow_inaccessible`` despite accessibility problems."""


class _Worker:
    """What one process renders with: the catalog, and each lab file's checked context, loaded once."""

    catalog: Catalog | None = None
    labs: dict[str, Any] = {}  # noqa: RUF012 - one per process, reset by start()

    @classmethod
    def start(cls, catalog: Catalog, labs: Mapping[str, Any] | None = None) -> None:
        """The pool's initializer (and the set-up of a batch run in this process).

        *labs* are lab contexts the caller has already checked, by lab file: a forked worker inherits them
        instead of reading and checking the lab file again.
        """
        cls.catalog = catalog
        cls.labs = dict(labs or {})

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
            allow_inaccessible=job.allow_inaccessible,
            **dict(job.options),
        )
        path = document.save(job.out)  # the PDF is made later, with the other documents of this worker
        return Result(job, str(path), None, len(document.data), document.accessible)
    except LabkitError as exc:
        return Result(job, None, str(exc))


def convert_chunk(documents: Sequence[tuple[str, bool]]) -> list[str | None]:
    """Convert (.docx path, accessible) documents to PDF with one LibreOffice process; an error or None each."""
    from ..documents.document import finish_pdf
    from ..documents.pdf import convert_each

    errors: list[str | None] = []
    try:
        done = convert_each([path for path, _accessible in documents])
    except LabkitError as exc:  # LibreOffice is not installed
        return [str(exc)] * len(documents)
    for conversion, (path, accessible) in zip(done, documents, strict=True):
        try:
            finish_pdf(conversion.pdf, conversion.error, accessible=accessible, docx=Path(path))
            errors.append(None)
        except LabkitError as exc:
            errors.append(str(exc))
    return errors


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
    labs: Mapping[str, Any] | None = None,
) -> list[Result]:
    """Run *jobs* on *processes* cores (default: all); returns one result per job, in the jobs' order.

    *catalog* (default: the installed plugins) is what the documents are made with, in every worker.
    *start_method* chooses how workers start (``fork``, ``spawn``, ``forkserver``; default: ``fork`` on Linux,
    ``spawn`` elsewhere). *labs* maps a job's lab file to its already checked ``LabContext`` (a build passes the
    lab it has checked), so workers do not read and check it again.
    """
    from ..catalog import get_catalog

    catalog = catalog if catalog is not None else get_catalog()
    processes = max(1, min(processes or os.cpu_count() or 1, len(jobs) or 1))
    if processes == 1:
        _Worker.start(catalog, labs)
        return _run_all(None, jobs, 1, catalog, progress)
    # Gather what workers need before they start: forked workers inherit it, spawned ones get the recipe.
    catalog.method_entries  # noqa: B018
    catalog.generator_entries  # noqa: B018
    context = _context(start_method)
    forked = context.get_start_method() == "fork"
    if forked:
        warm_up(jobs, catalog)
    else:
        _check_sendable(catalog, context.get_start_method())
    pool = ProcessPoolExecutor(
        max_workers=processes,
        mp_context=context,
        initializer=_start_worker,
        # Spawned workers check the lab files themselves: a context would travel with a copy of the catalog.
        initargs=(os.getpid(), catalog, labs if forked else None),
    )
    try:
        return _run_all(pool, jobs, processes, catalog, progress)
    except BaseException:
        _stop(pool)  # Ctrl-C, SIGTERM, a closed output pipe: no worker goes on without us
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _run_all(
    pool: ProcessPoolExecutor | None,
    jobs: Sequence[Job],
    processes: int,
    catalog: Catalog,
    progress: Callable[[Result], None] | None,
) -> list[Result]:
    """Render every job, then convert the documents that want a PDF, one LibreOffice call per worker."""
    results: dict[int, Result] = {}
    # The longest documents first, so that no worker is left with one of them while the others are idle.
    order = sorted(range(len(jobs)), key=lambda i: _weight(jobs[i], catalog), reverse=True)
    tasks = [(chunk, [jobs[i] for i in chunk]) for chunk in _chunks(order, processes)]
    for chunk, made in _each(pool, run_chunk, tasks):
        for i, result in zip(chunk, made, strict=True):
            results[i] = result
            if progress and not _wants_pdf(result):
                progress(result)
    wanted = [i for i in range(len(jobs)) if _wants_pdf(results[i])]
    groups = _shares(wanted, results, processes)
    conversions = [
        (group, [(results[i].path or "", results[i].accessible) for i in group]) for group in groups
    ]
    for group, errors in _each(pool, convert_chunk, conversions):
        for i, error in zip(group, errors, strict=True):
            if error is not None:
                results[i] = attrs.evolve(results[i], error=error)
            if progress:
                progress(results[i])
    return [results[i] for i in range(len(jobs))]


def _each(
    pool: ProcessPoolExecutor | None,
    function: Callable[[Any], list[Any]],
    tasks: Sequence[tuple[list[int], Any]],
) -> Iterator[tuple[list[int], list[Any]]]:
    """Run *function* on each task's argument, in the pool (as they finish) or here (in order, one by one)."""
    if pool is None:
        for indexes, argument in tasks:
            yield indexes, function(argument)
        return
    futures = {pool.submit(function, argument): indexes for indexes, argument in tasks}
    for future in as_completed(futures):
        yield futures[future], future.result()


def _wants_pdf(result: Result) -> bool:
    return result.job.pdf and result.path is not None and result.error is None


def _shares(indexes: Sequence[int], results: Mapping[int, Result], processes: int) -> list[list[int]]:
    """The documents to convert, split into one share per worker of about equal size (in bytes)."""
    shares: list[list[int]] = [[] for _ in range(min(processes, len(indexes)))]
    loads = [0] * len(shares)
    for i in sorted(indexes, key=lambda i: results[i].size, reverse=True):
        least = loads.index(min(loads))
        shares[least].append(i)
        loads[least] += results[i].size + 50_000  # each document also costs a fixed time to open
    return [sorted(share) for share in shares if share]


def _start_worker(parent: int, catalog: Catalog, labs: Mapping[str, Any] | None) -> None:
    """The pool's initializer: tie the worker to its parent, then load what it renders with."""
    _die_with_parent(parent)
    _Worker.start(catalog, labs)


def _die_with_parent(parent: int) -> None:
    """End this worker when *parent* ends, and on SIGTERM; leave Ctrl-C to the parent."""
    from ..documents.pdf import stop_conversions

    def terminated(_signal: int = signal.SIGTERM, _frame: Any = None) -> None:
        stop_conversions()
        os._exit(128 + signal.SIGTERM)

    signal.signal(signal.SIGTERM, terminated)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _kernel_watches_parent():
        threading.Thread(target=_watch, args=(parent, terminated), daemon=True, name="labkit-parent").start()
    if os.getppid() != parent:  # the parent ended before this worker was tied to it
        terminated()


def _kernel_watches_parent() -> bool:
    """Ask Linux to send this process SIGTERM when its parent ends (``prctl(PR_SET_PDEATHSIG)``)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(1, int(signal.SIGTERM), 0, 0, 0) == 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return False


def _watch(parent: int, terminated: Callable[[], None]) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    terminated()


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop every worker of *pool* now (each kills its LibreOffice first), and drop the jobs not yet started."""
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        with contextlib.suppress(Exception):
            worker.terminate()
    for worker in workers:
        with contextlib.suppress(Exception):
            worker.join(5)
            if worker.is_alive():
                worker.kill()


def run_chunk(jobs: Sequence[Job]) -> list[Result]:
    """Make a few documents in a worker: one message each way instead of one per document."""
    return [run_job(job) for job in jobs]


def _chunks(order: Sequence[int], processes: int) -> list[list[int]]:
    """Jobs in groups sent to workers together: about 16 groups per worker, each at most 16 jobs.

    Small batches (a lab's documents) go one job at a time, so the workers stay evenly loaded; large ones (a
    site, every method in every language) in groups, so the main process does not spend a core on messages.
    """
    size = max(1, min(16, len(order) // (processes * 16)))
    return [list(order[i : i + size]) for i in range(0, len(order), size)]


def _weight(job: Job, catalog: Catalog) -> int:
    """A rough cost of a job: documents about a lab draw charts and read measurements (PDFs are made after)."""
    from ..generators import Takes

    takes = catalog.generator(job.kind).takes if job.kind in catalog.generator_entries else Takes.METHOD
    return {Takes.OUTCOMES: 4, Takes.LAB: 2}.get(takes, 1)


def warm_up(jobs: Sequence[Job], catalog: Catalog) -> None:
    """Do once, before workers are forked, what every worker would otherwise do for itself.

    The rendering stack is imported, the templates the jobs can use are compiled (labkit's and each plugin's
    for the jobs' methods, and any template a job names), and matplotlib is imported with its fonts when the
    batch makes lab documents (the lab plan's timeline and the report's charts). Forked workers inherit all of
    it, so none of them starts cold. A template of a kind only one job makes (a lab's report, its lab plan) is
    left to the worker that makes it: it is compiled there while the other workers already make documents,
    instead of before any of them starts.
    """
    from ..documents.engine import compile_template
    from ..documents.render import environment_for
    from ..errors import TemplateError
    from ..generators import Takes

    env = environment_for(catalog)
    methods = {job.subject for job in jobs}
    jobs_of_kind = Counter(job.kind for job in jobs)
    paths = {Path(job.template) for job in jobs if job.template is not None}
    for name, entry in catalog.template_entries.items():
        owner, _, kind = name.rpartition("/")
        # Not the template of a kind of document the batch does not make (a batch of guides compiles no report
        # template); a template that is no document kind of its own (form-landscape) may be used by any.
        wanted = jobs_of_kind[kind] > 1 or (kind not in catalog.generator_entries)
        if entry.path is not None and (not owner or owner in methods) and wanted:
            paths.add(entry.path)
    from docxtpl import DocxTemplate  # noqa: F401 - what compiling a template imports, for those compiled after the fork

    for path in sorted(paths):
        with contextlib.suppress(TemplateError):  # the job that uses the template reports it
            compile_template(path, env)
    kinds = {job.kind for job in jobs if job.kind in catalog.generator_entries}
    if any(catalog.generator(kind).takes is not Takes.METHOD for kind in kinds):
        from ..documents.charts import warm_up as warm_charts

        warm_charts()


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
