"""The methods' documents on the site, made with the same batch machinery as ``labkit build``.

Every document kind that takes a method (the guide, the checklists and every form or document a plugin
contributes) is made for every method it applies to, in every language of the site. Each document has a
fingerprint of everything it is made from; a document whose fingerprint is unchanged and whose files exist is
kept, so a rebuild only makes what changed. This module is the one place the site uses
:mod:`labkit.app.batch`.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import attrs

from ..app.batch import Job, Result, run_jobs
from ..app.plan import method_documents
from ..catalog import Catalog
from ..errors import NotFoundError
from ..files import dump_json
from ..model import Method
from ..version import __version__
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


def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def _file_digest(path: Path | None) -> str:
    if path is None:
        return "none"
    try:
        return _digest(path.read_bytes())
    except OSError:
        return "missing"


def _package_digest(module: str) -> str:
    """Names, sizes and modification times of the files of the package *module* belongs to (cheap: no reading).

    Catches a changed ``documents.yaml`` of an editable plugin, which would not change the plugin's version.
    """
    try:
        spec = importlib.util.find_spec(module.split(":")[0])
    except (ImportError, ValueError):
        return "unknown"
    if spec is None:
        return "unknown"
    # A data-only plugin is a namespace package: no origin, its folders are its search locations.
    folders = (
        [Path(spec.origin).parent]
        if spec.origin
        else [Path(p) for p in spec.submodule_search_locations or ()]
    )
    if not folders:
        return "unknown"
    parts = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                parts.append(f"{path.relative_to(folder)}:{stat.st_size}:{stat.st_mtime_ns}")
    return _digest(*parts)


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
    """The documents of *methods* in *langs*, each with its job and fingerprint."""
    style_digest = "none"
    if house_style is not None:
        from ..documents.housestyle import load_house_style

        logo = load_house_style(house_style, accessible=False).logo
        style_digest = _digest(_file_digest(house_style), _file_digest(Path(logo) if logo else None))
    package_digests: dict[str, str] = {}
    planned = []
    for method in methods:
        method_digest = _digest(
            dump_json(method),
            *(
                dump_json(catalog.indicator_entries[i].item)
                for i in method.indicators
                if i in catalog.indicator_entries
            ),
        )
        for kind in _kinds(catalog, method):
            entry = catalog.generator_entries[kind]
            module = entry.plugin.module
            if module not in package_digests:
                package_digests[module] = _package_digest(module)
            try:
                template = catalog.find_template(kind, method.id)
            except NotFoundError:
                template = None
            for lang in langs:
                name = f"{method.id}-{kind}-{lang}.docx"
                docx = _paths.download(method.id, name)
                download = Download(
                    kind,
                    lang,
                    entry.item.title,
                    entry.item.description,
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
                fingerprint = _digest(
                    __version__,
                    kind,
                    lang,
                    str(pdf),
                    method_digest,
                    _file_digest(template),
                    style_digest,
                    package_digests[module],
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
