"""Batches and builds make documents with the catalog they were given, in every worker, under fork and spawn.

The catalog here has plugins registered at run time (the conftest's test methods and a plugin contributing the
document kind ``stamp``), which the installed plugins do not have: a worker that fell back to the installed
plugins could not make a single ``stamp`` document.
"""

from __future__ import annotations

import io
import multiprocessing
from pathlib import Path

import docx
import pytest

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
