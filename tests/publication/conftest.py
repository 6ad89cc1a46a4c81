"""Every document labkit and its installed plugins can make, rendered once per test session and printed to PDF.

The documents are the ones a user gets: every document kind of every installed method (the catalog's generators,
so a new plugin's documents are checked as soon as it is installed) and every document ``labkit build`` makes for
the demo lab, in Swedish and English. One LibreOffice process converts them all.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from labkit.app.batch import Job, run_jobs
from labkit.catalog import Catalog, get_catalog
from labkit.generators import Takes
from labkit.i18n import labels
from labkit.labs.build import plan_jobs
from labkit.labs.check import check_lab
from labkit.labs.context import LabContext
from labkit.labs.demo import demo_lab_path

from ._checks import Document
from ._layout import read_docx, read_pdf

LANGS = ("sv", "en")


@attrs.frozen
class Planned:
    name: str
    """A unique file stem, also the test id."""
    job: Job


def _method_jobs(catalog: Catalog, lang: str, out: Path) -> Iterator[Planned]:
    """Every document of every installed method: one per variant of each method generator that applies."""
    from labkit.app.plan import method_documents

    for method in catalog.methods():
        for planned in method_documents(catalog, method):
            slug = f"-{planned.variant.slug}" if planned.variant.slug else ""
            name = f"{method.id}--{planned.kind}{slug}--{lang}"
            options = tuple(sorted(planned.variant.options.items()))
            yield Planned(name, Job(planned.kind, method.id, lang, str(out / f"{name}.docx"), options))


def _lab_jobs(catalog: Catalog, lang: str, out: Path) -> Iterator[Planned]:
    lab_file = demo_lab_path()
    result = check_lab(lab_file, catalog)
    result.raise_for_problems()
    ctx = LabContext(result.lab, catalog, lab_file)  # type: ignore[arg-type]
    for planned in plan_jobs(ctx, lab_file, out / "build", [lang]):
        job = planned.job
        if catalog.generator(job.kind).takes is Takes.METHOD:
            continue  # the method documents of the lab are checked with every method above
        options = dict(job.options)
        qualifier = f"-{options['partner']}" if "partner" in options else ""
        name = f"demo--{job.kind}{qualifier}--{lang}"
        yield Planned(name, attrs.evolve(job, out=str(out / f"{name}.docx")))


def planned_documents(out: Path) -> list[Planned]:
    catalog = get_catalog()
    planned: list[Planned] = []
    for lang in LANGS:
        planned.extend(_method_jobs(catalog, lang, out))
        planned.extend(_lab_jobs(catalog, lang, out))
    return planned


_HYPHENATED = re.compile(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")


def _natural_compounds(catalog: Catalog) -> set[str]:
    """Hyphenated words the plugins' texts use as ordinary words ("follow-up", "homework-help").

    Read from the YAML files next to each method (method, forms, indicators); lines that hold an id or mention
    labkit (a reference to a labkit document by its id) do not count.
    """
    words: set[str] = set()
    folders = {entry.path.parent for entry in catalog.method_entries.values() if entry.path is not None}
    for folder in folders:
        for path in folder.glob("*.yaml"):
            for line in path.read_text(encoding="utf-8").splitlines():
                text = line.strip().lstrip("- ")
                if "labkit" in text or re.match(r"^(id|method|owner|indicator|based_on)\s*:", text):
                    continue
                for value in re.findall(r'"([^"]*\s[^"]*)"', text):
                    words.update(_HYPHENATED.findall(value))
    return words


@functools.cache
def internal_ids(catalog: Catalog) -> frozenset[str]:
    """Ids a lay reader must never see: ids with a hyphen that methods, labs, forms and plugins use as names.

    Document kinds, labs, partners and plugin names are always ids; the ids of methods, roles,
    steps, checklists, sources and indicators count unless the method texts use them as ordinary words ("follow-up").
    """
    from importlib.metadata import distributions

    ids: set[str] = set()
    for method in catalog.methods():
        ids.add(method.id)
        ids.update(r.id for r in method.roles)
        ids.update(s.id for s in method.steps)
        ids.update(s.id for s in method.sources)
        ids.update(method.indicators)
        ids.update(c.id for c in method.checklists)
    ids.update(i.id for i in catalog.indicators())
    ids -= _natural_compounds(catalog)
    ids.update(g.name for g in catalog.generators())
    lab = check_lab(demo_lab_path(), catalog).lab
    if lab is not None:
        ids.add(lab.id)
        ids.update(p.id for p in lab.partners)
    ids.update(d.metadata["Name"] for d in distributions() if d.metadata["Name"].startswith("labkit"))
    return frozenset(i for i in ids if "-" in i)


@attrs.frozen
class Published:
    planned: Planned
    docx: Path
    pdf: Path

    def document(self, catalog: Catalog) -> Document:
        return Document(
            name=self.planned.name,
            kind=self.planned.job.kind,
            lang=self.planned.job.lang,
            pages=read_pdf(self.pdf),
            structure=read_docx(self.docx),
            labels=labels(self.planned.job.lang),
            internal_ids=internal_ids(catalog),
        )


@pytest.fixture(scope="session")
def _printed(
    tmp_path_factory: pytest.TempPathFactory, libreoffice: str
) -> tuple[dict[str, Published], dict[str, Published]]:
    """Every document (and every specimen) rendered and printed to PDF by one LibreOffice process."""
    from labkit.documents.pdf import convert_many

    from ._specimens import write_specimens

    keep = os.environ.get("LABKIT_PUBLICATION_DIR")
    out = Path(keep) if keep else tmp_path_factory.mktemp("publication")
    out.mkdir(parents=True, exist_ok=True)
    planned = planned_documents(out)
    results = run_jobs([p.job for p in planned], catalog=get_catalog())
    errors = [f"{p.name}: {r.error}" for p, r in zip(planned, results, strict=True) if r.error]
    assert not errors, "documents could not be made:\n" + "\n".join(errors)
    specimens = {
        check: Planned(path.stem, Job(kind, "specimen", "sv", str(path)))
        for check, (kind, path) in write_specimens(out / "specimens").items()
    }
    every = [*planned, *specimens.values()]
    pdfs = convert_many([Path(p.job.out) for p in every], out / "pdf")
    printed = {p.name: Published(p, Path(p.job.out), pdf) for p, pdf in zip(every, pdfs, strict=True)}
    return (
        {p.name: printed[p.name] for p in planned},
        {check: printed[p.name] for check, p in specimens.items()},
    )


@pytest.fixture(scope="session")
def published(_printed: tuple[dict[str, Published], dict[str, Published]]) -> dict[str, Published]:
    """name -> the rendered document and its PDF; rendered and converted once per session."""
    return _printed[0]


@pytest.fixture(scope="session")
def specimens(_printed: tuple[dict[str, Published], dict[str, Published]]) -> dict[str, Published]:
    """check name -> a document with exactly the fault that check is for, printed with the others."""
    return _printed[1]
