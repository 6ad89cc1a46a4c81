"""``labkit build``: every document of a lab, made in parallel, with an index; unchanged documents are kept.

A build makes the lab plan, a guide for each chosen method, a checklist for each partner that has tasks and,
when the lab has measurements, the outcome report, in each requested language. ``index.html`` and ``README.md``
list every document with its purpose. A manifest in ``.labkit/`` remembers what each document was made from, so
re-running only rebuilds what changed.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from .. import __version__
from ..catalog import Catalog, get_catalog
from ..documents.batch import Job, Result, run_jobs
from ..errors import DocumentError
from ..files import atomic_write, save
from ..model import Lab
from ..text import localize
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


def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def _file_digest(path: Path) -> str:
    return _digest(path.read_bytes()) if path.is_file() else "missing"


def _method_digest(ctx: LabContext, method_id: str) -> str:
    from ..files import dump_json

    return _digest(dump_json(ctx.method(method_id)))


@attrs.frozen
class _Planned:
    job: Job
    generator: str
    fingerprint: str
    description: str
    title: str


def plan_jobs(
    ctx: LabContext,
    lab_file: Path,
    out_dir: Path,
    langs: Sequence[str],
    pdf: bool = False,
    house_style: str | None = None,
) -> list[_Planned]:
    """The documents a build makes, each with a fingerprint of everything it is made from."""
    catalog = ctx.catalog
    lab = ctx.lab
    base = _digest(
        __version__,
        lab_file.read_bytes(),
        *(_file_digest(ctx.base_dir / name) for name in lab.data_files),
        *(_method_digest(ctx, c.id) for c in lab.methods),
        *(_file_digest(Path(house_style)) for _ in [0] if house_style),
        json.dumps(sorted(catalog.indicator_entries)),
        str(pdf),
    )
    from ..builtin.lab_docs import partner_tasks
    from ..documents.views import Localizer

    planned: list[_Planned] = []

    def add(kind: str, subject: str, lang: str, name: str, extra: str = "", **options: Any) -> None:
        generator = catalog.generator(kind)
        method_id = subject if generator.takes.value == "method" else None
        try:
            template = catalog.find_template(kind, method_id)
            template_digest = _file_digest(template)
        except Exception:
            template_digest = "none"
        fingerprint = _digest(
            base, kind, subject, lang, extra, template_digest, json.dumps(options, sort_keys=True)
        )
        job = Job(
            kind, subject, lang, str(out_dir / name), tuple(sorted(options.items())), pdf, None, house_style
        )
        planned.append(
            _Planned(
                job,
                kind,
                fingerprint,
                localize(generator.description, lang).text,
                localize(generator.title, lang).text,
            )
        )

    for lang in langs:
        add("lab-plan", str(lab_file), lang, f"{lang}/{lab.id}-lab-plan-{lang}.docx")
        for chosen in lab.methods:
            add(
                "guide",
                chosen.id,
                lang,
                f"{lang}/guides/{chosen.id}-guide-{lang}.docx",
                _method_digest(ctx, chosen.id),
            )
        tr = Localizer(lang)
        for partner in lab.partners:
            if partner_tasks(ctx, partner.id, tr):
                add(
                    "partner-checklist",
                    str(lab_file),
                    lang,
                    f"{lang}/checklists/{lab.id}-checklist-{partner.id}-{lang}.docx",
                    partner=partner.id,
                )
        if ctx.measurements:
            add(
                "report",
                str(lab_file),
                lang,
                f"{lang}/{lab.id}-report-{lang}.docx",
                charts_dir=str(out_dir / lang / "charts"),
            )
    return planned


def _read_manifest(out_dir: Path) -> dict[str, str]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.get("documents", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}


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
) -> BuildResult:
    """Build every document of *lab* into *out_dir*; returns what was made.

    The lab is checked first: a lab with mistakes raises :class:`~labkit.errors.InvalidDataError` listing them
    all, and nothing is built. With *lock* (the default) the method versions used are recorded next to the lab
    file (``<lab>.lock.json``) for ``labkit lab check``.
    """
    catalog = catalog or get_catalog()
    out = Path(out_dir)
    if isinstance(lab, Lab):
        check_lab(lab, catalog).raise_for_problems()
        lab_file = out / ".labkit" / "lab.yaml"
        save(lab, lab_file)
    else:
        lab_file = Path(lab)
        result = check_lab(lab_file, catalog)
        result.raise_for_problems()
        lab = result.lab  # type: ignore[assignment]
    assert isinstance(lab, Lab)
    ctx = LabContext(lab, catalog, lab_file)
    if ctx.measurements:
        from ..outcomes.report import check_measurements

        check_measurements(ctx)
    languages = list(langs) if langs else [lab.language]
    planned = plan_jobs(ctx, lab_file, out, languages, pdf, str(house_style) if house_style else None)
    manifest = {} if force else _read_manifest(out)
    todo = [
        p
        for p in planned
        if manifest.get(p.job.out) != p.fingerprint
        or not Path(p.job.out).is_file()
        or (pdf and not Path(p.job.out).with_suffix(".pdf").is_file())
    ]
    advance = progress(len(todo)) if progress and todo else None
    results = (
        run_jobs([p.job for p in todo], processes=processes, progress=advance, catalog=catalog)
        if todo
        else []
    )
    failed = [r for r in results if r.error]
    done = {r.job.out for r in results if r.path}
    new_manifest = {
        p.job.out: p.fingerprint
        for p in planned
        if p.job.out in done or (p not in todo and p.job.out in manifest)
    }
    atomic_write(
        out / MANIFEST, json.dumps({"labkit": __version__, "documents": new_manifest}, indent=1) + "\n"
    )
    if failed:
        raise DocumentError("; ".join(f"{Path(r.job.out).name}: {r.error}" for r in failed))
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
    name = localize(lab.name, lab.language).text
    labels = label_catalog(lab.language)
    rows_md = []
    rows_html = []
    for p in planned:
        rel = Path(p.job.out).relative_to(out).as_posix()
        label = p.title
        if p.generator == "guide":
            label += f": {localize(ctx.method(p.job.subject).name, p.job.lang).text}"
        options = dict(p.job.options)
        if "partner" in options:
            label += f": {lab.partner(options['partner']).organisation}"
        pdf_md = f" ([PDF]({Path(rel).with_suffix('.pdf').as_posix()}))" if pdf else ""
        rows_md.append(f"| [{rel}]({rel}){pdf_md} | {p.job.lang} | {label} | {p.description} |")
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
            f"<td{row_lang}>{html.escape(p.description)}</td></tr>"
        )
    example = "\n> Example lab: every figure in it is invented for demonstration.\n" if lab.example else ""
    md = (
        f"# {name}\n{example}\nDocuments built by labkit {__version__} from `{ctx.path.name if ctx.path else 'lab'}`.\n\n"
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
