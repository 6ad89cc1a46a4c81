"""``labkit build``: every document of a lab, made in parallel, with an index; unchanged documents are kept.

A build makes the documents of every installed generator that takes a lab or a method, from any plugin: the lab
plan, a checklist for each partner with tasks, the outcome report when the lab has measurements, and for each
chosen method its guide, checklists and the plugin's own documents (partner agreements, forms, ...), in each
requested language (``kinds`` chooses some). ``index.html`` and ``README.md`` list every document with its
purpose. A manifest in ``.labkit/`` remembers what each document was made from, so re-running only rebuilds what
changed.

Where documents go, for a lab ``hageby`` in Swedish: ``sv/hageby-<kind>-sv.docx`` for the lab's documents,
``sv/<kind>/hageby-<kind>-<variant>-sv.docx`` for a kind with one document per partner (and the files that go
with a document, such as the report's charts, in ``sv/<kind>/``), and
``sv/methods/<method>/<method>-<kind>-sv.docx`` for each method's documents.
"""

from __future__ import annotations

import html
import os
import urllib.parse
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import attrs

from ..app.batch import Job, Result, run_jobs
from ..app.incremental import Fingerprints, read_manifest, write_manifest
from ..app.plan import Planned, check_kinds, lab_documents
from ..app.render import check_language
from ..catalog import Catalog, get_catalog
from ..errors import DocumentError
from ..files import atomic_write, save
from ..model import Lab
from ..text import localize, markdown_text, without_controls
from ..version import __version__
from .check import check_lab
from .context import LabContext
from .lock import write_lock

__all__ = ["BuildResult", "build", "plan_jobs"]

MANIFEST = ".labkit/manifest.json"


@attrs.frozen
class BuildResult:
    out_dir: Path
    documents: tuple[Path, ...]
    built: tuple[Path, ...]
    """Documents made in this run (the others were up to date)."""
    index: Path
    notes: tuple[str, ...] = ()


@attrs.frozen
class _Planned:
    job: Job
    generator: str
    fingerprint: str
    description: str
    title: str
    name: str
    """Where the document goes, relative to the output folder (its key in the manifest)."""


def _output(lab: Lab, planned: Planned, lang: str) -> tuple[str, str | None]:
    """Where a document goes (relative to the output folder), and the folder for its files, if it has any."""
    kind, slug = planned.kind, planned.variant.slug
    if planned.method is not None:
        method_id = planned.method.id
        name = f"{lang}/methods/{method_id}/{method_id}-{kind}{'-' + slug if slug else ''}-{lang}.docx"
    elif slug:
        name = f"{lang}/{kind}/{lab.id}-{kind}-{slug}-{lang}.docx"
    else:
        name = f"{lang}/{lab.id}-{kind}-{lang}.docx"
    return name, f"{lang}/{kind}" if planned.generator.assets_option else None


def _label(planned: Planned, lang: str) -> str:
    """What the index says a document is: its kind's title, and which method or variant it is for."""
    title = localize(planned.generator.title, lang).text
    if planned.method is not None:
        title += f": {localize(planned.method.name, lang).text}"
    if planned.variant.label:
        title += f": {localize(planned.variant.label, lang).text}"
    return title


def plan_jobs(
    ctx: LabContext,
    lab_file: Path,
    out_dir: Path,
    langs: Sequence[str],
    pdf: bool = False,
    house_style: str | None = None,
    kinds: Iterable[str] | None = None,
    allow_inaccessible: bool = False,
) -> list[_Planned]:
    """The documents a build makes, each with a fingerprint of what it is made from (see
    :mod:`labkit.app.incremental`)."""
    catalog = ctx.catalog
    fingerprints = Fingerprints(catalog, house_style=house_style)
    documents = lab_documents(ctx, check_kinds(catalog, kinds))
    planned: list[_Planned] = []
    for lang in langs:
        for item in documents:
            method_id = item.method.id if item.method is not None else None
            name, assets = _output(ctx.lab, item, lang)
            options = dict(item.variant.options)
            if assets is not None:
                options[item.generator.assets_option] = assets  # type: ignore[index]
            subject = item.method if item.method is not None else ctx
            fingerprint = fingerprints.document(
                item.generator,
                subject,
                item.variant,
                lang=lang,
                options=options,
                pdf=pdf,
                method_id=method_id,
            )
            if assets is not None:
                options[item.generator.assets_option] = str(out_dir / assets)  # type: ignore[index]
            job = Job(
                item.kind,
                method_id or str(lab_file),
                lang,
                str(out_dir / name),
                tuple(sorted(options.items())),
                pdf,
                None,
                house_style,
                allow_inaccessible,
            )
            description = localize(item.generator.description, lang).text
            planned.append(_Planned(job, item.kind, fingerprint, description, _label(item, lang), name))
    return planned


def _checked(lab: str | os.PathLike[str] | Lab, out: Path, catalog: Catalog) -> LabContext:
    """The checked lab in its context: its file (a Lab object is saved into the output folder first) and the
    measurements the check read."""
    if isinstance(lab, Lab):
        check_lab(lab, catalog).raise_for_problems()
        lab_file = out / ".labkit" / "lab.yaml"
        save(lab, lab_file)
        return LabContext(lab, catalog, lab_file)
    lab_file = Path(lab)
    result = check_lab(lab_file, catalog)
    result.raise_for_problems()
    assert result.lab is not None
    return LabContext(result.lab, catalog, lab_file, read=result.measurement_rows)


def _outdated(planned: Sequence[_Planned], manifest: Mapping[str, str], pdf: bool) -> list[_Planned]:
    return [
        p
        for p in planned
        if manifest.get(p.name) != p.fingerprint
        or not Path(p.job.out).is_file()
        or (pdf and not Path(p.job.out).with_suffix(".pdf").is_file())
    ]


def _write_manifest(
    out: Path,
    planned: Sequence[_Planned],
    todo: Sequence[_Planned],
    results: Sequence[Result],
    old: Mapping[str, str],
) -> None:
    """Remember what each document that exists now was made from (failed ones are made again next time)."""
    done = {r.job.out for r in results if r.path}
    waiting = {p.job.out for p in todo}
    documents = {
        p.name: p.fingerprint
        for p in planned
        if p.job.out in done or (p.job.out not in waiting and old.get(p.name) == p.fingerprint)
    }
    write_manifest(out / MANIFEST, documents)


def build(
    lab: str | os.PathLike[str] | Lab,
    out_dir: str | os.PathLike[str],
    *,
    langs: Sequence[str] | None = None,
    pdf: bool = False,
    processes: int | None = None,
    catalog: Catalog | None = None,
    house_style: str | os.PathLike[str] | None = None,
    force: bool = False,
    progress: Callable[[int], Callable[[Result], None]] | None = None,
    lock: bool = True,
    kinds: Iterable[str] | None = None,
    start_method: str | None = None,
    allow_inaccessible: bool = False,
) -> BuildResult:
    """Build every document of *lab* into *out_dir*; returns what was made.

    The lab is checked first: a lab with mistakes raises :class:`~labkit.errors.InvalidDataError` listing them
    all, and nothing is built. *kinds* limits the build to those document kinds (default: every kind any
    installed plugin makes for a lab or its methods). With *lock* (the default) the method versions used are
    recorded next to the lab file (``<lab>.lock.json``) for ``labkit lab check``. *start_method* is how worker
    processes start (see :func:`labkit.app.batch.run_jobs`); *catalog* is used in every one of them. Every
    document is checked for accessibility; with *allow_inaccessible* one that fails is made anyway (see
    :func:`labkit.render`).
    """
    catalog = catalog or get_catalog()
    out = Path(out_dir)
    ctx = _checked(lab, out, catalog)
    lab, lab_file = ctx.lab, ctx.path
    assert lab_file is not None
    if ctx.measurements:
        from ..outcomes.report import check_measurements

        check_measurements(ctx)
    languages = list(dict.fromkeys(map(check_language, langs))) if langs else [lab.language]
    if pdf:
        from ..documents.pdf import require_libreoffice

        require_libreoffice()  # before anything is written
    style = str(house_style) if house_style else None
    if style is not None:
        from ..documents.housestyle import load_house_style

        # Its mistakes once, before any document is made.
        load_house_style(style, accessible=not allow_inaccessible)
    planned = plan_jobs(ctx, lab_file, out, languages, pdf, style, kinds, allow_inaccessible)
    manifest = {} if force else read_manifest(out / MANIFEST)
    todo = _outdated(planned, manifest, pdf)
    advance = progress(len(todo)) if progress and todo else None
    jobs = [p.job for p in todo]
    ctx.assignments()  # worked out once here; forked workers inherit it with the context
    results = run_jobs(
        jobs,
        processes=processes,
        progress=advance,
        catalog=catalog,
        start_method=start_method,
        labs={str(lab_file): ctx},
    )
    _write_manifest(out, planned, todo, results, manifest)
    failed = [r for r in results if r.error]
    if failed:
        raise DocumentError("\n".join(f"{Path(r.job.out).name}: {r.error}" for r in failed))
    index = _write_index(ctx, out, planned, pdf)
    if lock and not lab_file.resolve().is_relative_to(out.resolve()):
        write_lock(ctx)
    return BuildResult(
        out,
        tuple(Path(p.job.out) for p in planned),
        tuple(Path(r.job.out) for r in results if r.path),
        index,
    )


def _write_index(ctx: LabContext, out: Path, planned: Sequence[_Planned], pdf: bool) -> Path:
    from ..i18n import labels as label_catalog

    lab = ctx.lab
    # User and plugin text is data in both formats: escaped for Markdown and HTML, without control characters.
    name = without_controls(localize(lab.name, lab.language).text)
    labels = label_catalog(lab.language)
    rows_md = []
    rows_html = []
    for p in planned:
        rel = Path(p.job.out).relative_to(out).as_posix()
        label = without_controls(p.title)
        description = without_controls(p.description)
        pdf_md = f" ([PDF]({urllib.parse.quote(Path(rel).with_suffix('.pdf').as_posix())}))" if pdf else ""
        rows_md.append(
            f"| [{markdown_text(rel)}]({urllib.parse.quote(rel)}){pdf_md} | {p.job.lang} | "
            f"{markdown_text(label)} | {markdown_text(description)} |"
        )
        pdf_rel = Path(rel).with_suffix(".pdf")
        pdf_html = (
            f' (<a href="{html.escape(pdf_rel.as_posix())}">{html.escape(pdf_rel.name)}</a>)' if pdf else ""
        )
        lang = html.escape(p.job.lang)
        # Rows in another language than the page say so, for screen readers (WCAG 3.1.2).
        row_lang = f' lang="{lang}"' if p.job.lang != lab.language else ""
        language = html.escape(labels.get(f"lang_{p.job.lang}", p.job.lang))
        rows_html.append(
            f'<tr><td><a href="{html.escape(rel)}">{html.escape(Path(rel).name)}</a>{pdf_html}</td>'
            f"<td>{language}</td><td{row_lang}>{html.escape(label)}</td>"
            f"<td{row_lang}>{html.escape(description)}</td></tr>"
        )
    example = "\n> Example lab: every figure in it is invented for demonstration.\n" if lab.example else ""
    source = markdown_text(ctx.path.name) if ctx.path else "lab"
    md = (
        f"# {markdown_text(name)}\n{example}\nDocuments built by labkit {__version__} from {source}.\n\n"
        "| document | language | what | purpose |\n|---|---|---|---|\n" + "\n".join(rows_md) + "\n"
    )
    atomic_write(out / "README.md", md)
    note = f'<p class="note">{html.escape(labels["example_notice"])}</p>' if lab.example else ""
    page = f"""<!doctype html>
<html lang="{html.escape(lab.language)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(name)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1f2a37; line-height: 1.5; }}
a {{ color: #1d4f91; }} a:focus-visible {{ outline: 3px solid #b35900; outline-offset: 2px; }}
.table {{ overflow-x: auto; }} table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }}
td:first-child {{ overflow-wrap: anywhere; }} caption {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }} th {{ background: #dce6f1; }} .note {{ color: #8a4b00; font-style: italic; }}
</style></head><body>
<main>
<h1>{html.escape(name)}</h1>
{note}
<p>{html.escape(labels["documents_built"].format(version=__version__))}</p>
<div class="table" role="region" aria-labelledby="documents" tabindex="0">
<table><caption id="documents">{html.escape(labels["document"] if len(planned) == 1 else labels["documents"])}</caption>
<thead><tr><th scope="col">{html.escape(labels["document"])}</th><th scope="col">{html.escape(labels["language"])}</th>
<th scope="col">{html.escape(labels["what_document"])}</th><th scope="col">{html.escape(labels["purpose"])}</th></tr></thead>
<tbody>
{chr(10).join(rows_html)}
</tbody></table></div>
</main></body></html>
"""
    return atomic_write(out / "index.html", page)
