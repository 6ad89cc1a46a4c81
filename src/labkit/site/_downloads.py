"""The methods' documents on the site, made with the same batch machinery as ``labkit build``.

Every document kind that takes a method (the guide, the checklists and every form or document a plugin
contributes) is made for every method it applies to, in every language of the site. Each document has a
fingerprint of everything it is made from; a document whose fingerprint is unchanged and whose files exist is
kept, so a rebuild only makes what changed. This module is the one place the site uses
:mod:`labkit.app.batch`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import attrs

from ..app.batch import Job, Result, run_jobs
from ..app.incremental import Fingerprints
from ..app.plan import method_documents
from ..catalog import Catalog
from ..generators import Variant
from ..model import Method
from . import _paths
from ._views import Download

__all__ = ["DownloadRun", "Planned", "make_downloads", "plan_downloads"]


@attrs.frozen
class Planned:
    """A document the site needs, the batch job that makes it and the fingerprint of its inputs."""

    method: str
    download: Download
    job: Job
    fingerprint: str


def _kinds(catalog: Catalog, method: Method) -> list[str]:
    """Every document kind that takes a method and makes a document for *method* (its generator's variants say
    whether it does: no checklists for a method without any)."""
    kinds = list(dict.fromkeys(planned.kind for planned in method_documents(catalog, method)))
    order = {"guide": 0, "checklist": 1}
    return sorted(kinds, key=lambda k: (order.get(k, 2), k))


def plan_downloads(
    catalog: Catalog,
    methods: Sequence[Method],
    out: Path,
    langs: Sequence[str],
    *,
    pdf: bool = False,
    house_style: Path | None = None,
) -> list[Planned]:
    """The documents of *methods* in *langs*, each with its job and fingerprint (as a build's, see
    :mod:`labkit.app.incremental`)."""
    fingerprints = Fingerprints(catalog, house_style=house_style)
    planned = []
    for method in methods:
        for kind in _kinds(catalog, method):
            generator = catalog.generator(kind)
            for lang in langs:
                name = f"{method.id}-{kind}-{lang}.docx"
                docx = _paths.download(method.id, name)
                download = Download(
                    kind,
                    lang,
                    generator.title,
                    generator.description,
                    docx,
                    str(Path(docx).with_suffix(".pdf")) if pdf else None,
                )
                job = Job(
                    kind,
                    method.id,
                    lang,
                    str(out / docx),
                    pdf=pdf,
                    house_style=str(house_style) if house_style else None,
                )
                fingerprint = fingerprints.document(
                    generator, method, Variant(), lang=lang, options={}, pdf=pdf, method_id=method.id
                )
                planned.append(Planned(method.id, download, job, fingerprint))
    return planned


def _up_to_date(item: Planned, out: Path, manifest: Mapping[str, str]) -> bool:
    download = item.download
    return (
        manifest.get(download.docx) == item.fingerprint
        and (out / download.docx).is_file()
        and (download.pdf is None or (out / download.pdf).is_file())
    )


@attrs.frozen
class DownloadRun:
    """What a run of :func:`make_downloads` did."""

    made: tuple[Planned, ...]
    """The documents made in this run (the others were up to date)."""
    manifest: dict[str, str]
    """Relative path -> fingerprint of every document that exists and is up to date."""
    failures: tuple[str, ...] = ()
    """One message per document that could not be made."""


def make_downloads(
    planned: Sequence[Planned],
    out: Path,
    manifest: Mapping[str, str],
    *,
    catalog: Catalog,
    force: bool = False,
    processes: int | None = None,
    progress: Callable[[int], Callable[[Result], None]] | None = None,
) -> DownloadRun:
    """Make the planned documents that are missing or out of date, in parallel on *processes* cores."""
    todo = [p for p in planned if force or not _up_to_date(p, out, manifest)]
    waiting = {p.job.out for p in todo}
    results: list[Result] = []
    if todo:
        advance = progress(len(todo)) if progress is not None else None
        results = run_jobs([p.job for p in todo], processes=processes, progress=advance, catalog=catalog)
    made = {r.job.out for r in results if r.path}
    new_manifest = {
        p.download.docx: p.fingerprint
        for p in planned
        if p.job.out in made or (p.job.out not in waiting and p.download.docx in manifest)
    }
    return DownloadRun(
        tuple(p for p in todo if p.job.out in made),
        new_manifest,
        tuple(f"{Path(r.job.out).name}: {r.error}" for r in results if r.error),
    )
