"""A progress bar on a terminal, silence otherwise (CI logs, pipes)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ..text import counting
from ._output import echo

if TYPE_CHECKING:
    from ..app.batch import Job, Result
    from ..catalog import Catalog

__all__ = ["progress_bars", "run_with_progress"]


@contextmanager
def _bar(total: int, label: str) -> Iterator[Callable[[Result], None]]:
    if not sys.stderr.isatty():
        yield lambda _result: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        console=__import__("rich.console").console.Console(stderr=True),
    ) as progress:
        task = progress.add_task(label, total=total)
        yield lambda _result: progress.advance(task)


def run_with_progress(
    jobs: Sequence[Job], label: str, processes: int | None = None, catalog: Catalog | None = None
) -> list[Result]:
    from ..app.batch import run_jobs

    with _bar(len(jobs), label) as advance:
        results = run_jobs(jobs, processes=processes, progress=advance, catalog=catalog)
    failed = [r for r in results if r.error]
    for result in failed:
        echo(f"error: {result.job.kind} {result.job.subject} ({result.job.lang}): {result.error}", err=True)
    return results


def summary(results: Sequence[Result], out: Any) -> str:
    made = sum(1 for r in results if r.path)
    return f"wrote {counting(made, 'document')} to {out}"


@contextmanager
def progress_bars(label: str) -> Iterator[Callable[[int], Callable[[Result], None]] | None]:
    """For :func:`labkit.build` and ``build_site``: a function that opens a progress bar for N documents (None
    when not a terminal). Whatever happens inside (a failed build, Ctrl-C), the bar is stopped on the way out, so
    the terminal gets its cursor back and no refresh thread keeps drawing."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    opened: list[Progress] = []

    def start(total: int) -> Callable[[Result], None]:
        progress = Progress(
            TextColumn(label), BarColumn(), MofNCompleteColumn(), transient=True, console=Console(stderr=True)
        )
        opened.append(progress)
        progress.start()
        task = progress.add_task(label, total=total)

        def advance(_result: Result) -> None:
            progress.advance(task)
            if progress.finished:
                progress.stop()

        return advance

    try:
        yield start
    finally:
        for progress in opened:
            progress.stop()
