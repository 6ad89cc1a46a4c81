"""Batches and builds make documents with the catalog they were given, in every worker, under fork and spawn.

The catalog here has plugins registered at run time (the conftest's test methods and a plugin contributing the
document kind ``stamp``), which the installed plugins do not have: a worker that fell back to the installed
plugins could not make a single ``stamp`` document.
"""

from __future__ import annotations

import io
import multiprocessing
import signal
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from tests.processes import gone, wait_until

import labkit
from labkit import Generator, Request, Takes, hookimpl
from labkit.app.batch import Job, run_jobs
from labkit.labs.build import build

START_METHODS = [m for m in ("fork", "spawn") if m in multiprocessing.get_all_start_methods()]


def stamp(request: Request) -> labkit.Document:
    """A document naming the method and the process that made it."""
    import os

    document = docx.Document()
    document.add_paragraph(f"{request.subject.id} made in process {os.getpid()}")
    out = io.BytesIO()
    document.save(out)
    return labkit.Document(
        kind="stamp",
        title="Stamp",
        lang=request.lang,
        data=out.getvalue(),
        filename=f"{request.subject.id}-stamp-{request.lang}.docx",
    )


class StampPlugin:
    """Registered at run time; sent to spawned workers as it is (it is importable from this module)."""

    @hookimpl
    def labkit_generators(self) -> list[Generator]:
        return [
            Generator(
                name="stamp",
                title={"sv": "Stämpel", "en": "Stamp"},
                description={"sv": "Vem som gjorde dokumentet.", "en": "Who made the document."},
                takes=Takes.METHOD,
                generate=stamp,
            )
        ]


@pytest.fixture
def stamping(catalog):
    catalog.register(StampPlugin(), name="stamp-plugin")
    return catalog


def text_of(path: str | Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


@pytest.mark.parametrize("start_method", START_METHODS)
def test_a_batch_uses_the_given_catalog_in_every_worker(stamping, tmp_path, start_method):
    jobs = [
        Job("stamp", method, lang, str(tmp_path / f"{method}-{lang}.docx"))
        for method in ("test-walk", "test-meeting")
        for lang in ("sv", "en")
    ]
    results = run_jobs(jobs, processes=2, catalog=stamping, start_method=start_method)
    assert [r.error for r in results] == [None] * len(jobs)
    texts = [text_of(r.path) for r in results if r.path]
    assert [t.split()[0] for t in texts] == ["test-walk", "test-walk", "test-meeting", "test-meeting"]
    # Made in worker processes, not in this one.
    import os

    assert all(f"process {os.getpid()}" not in t for t in texts)


@pytest.mark.parametrize("start_method", START_METHODS)
def test_build_honours_its_catalog_under_every_start_method(stamping, lab_file, tmp_path, start_method):
    out = tmp_path / "out"
    result = build(lab_file, out, langs=["sv"], processes=2, catalog=stamping, start_method=start_method)
    names = {p.relative_to(out).as_posix() for p in result.built}
    assert {
        "sv/methods/test-walk/test-walk-stamp-sv.docx",
        "sv/methods/test-meeting/test-meeting-stamp-sv.docx",
    } <= names
    assert "sv/test-lab-lab-plan-sv.docx" in names
    index = (out / "README.md").read_text(encoding="utf-8")
    assert "Stämpel: " in index


def test_a_plugin_that_cannot_reach_a_spawned_worker_is_a_clear_error(catalog, tmp_path):
    class Local:  # defined in a function: pickle cannot send it to another process
        @hookimpl
        def labkit_indicators(self):
            return []

    catalog.register(Local(), name="local")
    jobs = [
        Job("guide", "test-walk", "sv", str(tmp_path / "a.docx")),
        Job("guide", "test-walk", "en", str(tmp_path / "b.docx")),
    ]
    with pytest.raises(
        labkit.ConfigurationError, match=r"the plugin local .*cannot be sent to worker processes"
    ):
        run_jobs(jobs, processes=2, catalog=catalog, start_method="spawn")


def test_kinds_choose_what_a_build_makes(stamping, lab_file, tmp_path):
    out = tmp_path / "out"
    result = build(lab_file, out, langs=["en"], processes=1, catalog=stamping, kinds=["stamp", "lab-plan"])
    assert sorted(p.relative_to(out).as_posix() for p in result.documents) == [
        "en/methods/test-meeting/test-meeting-stamp-en.docx",
        "en/methods/test-walk/test-walk-stamp-en.docx",
        "en/test-lab-lab-plan-en.docx",
    ]
    with pytest.raises(
        labkit.ConfigurationError, match=r"unknown document kind 'stmp' \(did you mean 'stamp'\?\)"
    ):
        build(lab_file, out, langs=["en"], processes=1, catalog=stamping, kinds=["stmp"])


# -- PDFs: one LibreOffice per worker; workers and LibreOffice end with the batch ------------------------------


def guide_jobs(out: Path, names: list[str], **options) -> list[Job]:
    """Guides of the installed methods, with file names chosen by the test (the stand-in LibreOffice reads them)."""
    methods = [m.id for m in labkit.get_catalog().methods()]
    return [
        Job("guide", methods[i % len(methods)], "sv", str(out / f"{name}.docx"), pdf=True, **options)
        for i, name in enumerate(names)
    ]


def test_each_worker_converts_its_documents_with_one_libreoffice(soffice, tmp_path, monkeypatch):
    import labkit.accessibility

    monkeypatch.setattr(
        labkit.accessibility, "check_pdf", lambda _path: []
    )  # the stand-in's PDFs are not tagged
    names = ["a", "b", "broken-guide", "d", "e", "f", "g"]
    jobs = guide_jobs(tmp_path, names)
    seen = []
    results = run_jobs(jobs, processes=2, catalog=labkit.get_catalog(), progress=seen.append)
    calls = soffice()
    assert len(calls) == 2  # one LibreOffice per worker, for all of its documents
    assert len({c["parent"] for c in calls}) == 2
    assert sorted(d for c in calls for d in c["documents"]) == sorted(f"{n}.docx" for n in names)
    broken = results[2]
    assert broken.error == (
        "LibreOffice could not convert broken-guide.docx to PDF: Error: source file could not be loaded; "
        "broken-guide.docx is kept, without a PDF"
    )
    assert broken.path == str(tmp_path / "broken-guide.docx") and Path(broken.path).stat().st_size > 10_000
    assert [r.error for i, r in enumerate(results) if i != 2] == [None] * 6
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [
        f"{n}.pdf" for n in names if n != "broken-guide"
    ]
    assert sorted(r.job.out for r in seen) == sorted(j.out for j in jobs)  # each reported once, when done


def test_a_pdf_that_is_not_accessible_is_removed_and_named(soffice, tmp_path):
    (result,) = run_jobs(guide_jobs(tmp_path, ["plain"]), processes=1, catalog=labkit.get_catalog())
    assert result.error.startswith("the PDF plain.pdf would not be accessible: ")
    assert Path(result.path).is_file() and not (tmp_path / "plain.pdf").exists()


_BATCH = """
import signal, sys
from pathlib import Path
import labkit
from labkit.app.batch import Job, run_jobs
from labkit.cli import _terminated
signal.signal(signal.SIGTERM, _terminated)
out = Path(sys.argv[1])
methods = [m.id for m in labkit.get_catalog().methods()]
jobs = [Job("guide", methods[i], "sv", str(out / f"hang-{i}.docx"), pdf=True) for i in range(4)]
run_jobs(jobs, processes=2)
"""


@pytest.mark.parametrize(
    "stop", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=["kill", "term", "ctrl-c"]
)
def test_workers_and_their_libreoffice_end_when_the_batch_ends(soffice, tmp_path, stop):
    """However the main process ends, no worker goes on making documents and no LibreOffice is left running."""
    batch = subprocess.Popen([sys.executable, "-c", _BATCH, str(tmp_path)], stderr=subprocess.PIPE)
    wait_until(lambda: len(soffice.children()) == 2, "both workers should be converting")
    workers = {c["parent"] for c in soffice()}
    assert len(workers) == 2 and batch.pid not in workers
    batch.send_signal(stop)
    _out, err = batch.communicate()
    assert batch.returncode == {signal.SIGKILL: -9, signal.SIGTERM: 143, signal.SIGINT: -2}[stop], err
    leftovers = [*workers, *(c["pid"] for c in soffice()), *soffice.children()]
    wait_until(lambda: all(gone(pid) for pid in leftovers), "a worker or LibreOffice was left running")
    assert len(soffice()) == 2  # no worker went on to convert anything else


def test_warm_up_compiles_before_forking_the_templates_several_jobs_share(monkeypatch, tmp_path):
    """A template of a kind only one job makes (a lab's report) is compiled by the worker that makes it, while the
    others work; the ones several jobs use are compiled once, before the workers are forked."""
    import labkit.documents.engine as engine
    from labkit.app.batch import warm_up
    from labkit.catalog import get_catalog

    compiled: list[str] = []
    monkeypatch.setattr(engine, "compile_template", lambda path, env: compiled.append(Path(path).name))
    jobs = [Job("guide", "portalen", lang, str(tmp_path / f"{lang}.docx")) for lang in ("sv", "en")]
    jobs.append(Job("report", "lab.yaml", "sv", str(tmp_path / "report.docx")))
    warm_up(jobs, get_catalog())
    assert "guide.docx" in compiled
    assert "report.docx" not in compiled


def test_warm_up_compiles_no_template_of_a_kind_the_batch_does_not_make(monkeypatch, tmp_path):
    """A batch of guides compiles the guide's template, and the form templates any form document may use, but
    not the report's, the lab plan's or the checklists'."""
    import labkit.documents.engine as engine
    from labkit.app.batch import warm_up
    from labkit.catalog import get_catalog

    compiled: list[str] = []
    monkeypatch.setattr(engine, "compile_template", lambda path, env: compiled.append(Path(path).name))
    jobs = [Job("guide", "portalen", lang, str(tmp_path / f"{lang}.docx")) for lang in ("sv", "en")]
    warm_up(jobs, get_catalog())
    assert sorted(compiled) == ["form-landscape.docx", "form.docx", "guide.docx"]
