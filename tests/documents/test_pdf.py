"""PDF conversion: many documents per LibreOffice process, one failure named without stopping the others, and
nothing left running or removed. The ``soffice`` fixture is a stand-in for LibreOffice (see tests/processes.py).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from tests.processes import gone, wait_until

from labkit.documents import pdf
from labkit.errors import DocumentError


def documents(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(f"document {name}".encode())
    return [folder / name for name in names]


def test_many_documents_are_converted_by_one_process(soffice, tmp_path):
    sources = documents(tmp_path / "docs", "a.docx", "b.docx", "c.docx")
    done = pdf.convert_each(sources)
    assert [d.pdf for d in done] == [s.with_suffix(".pdf") for s in sources]
    assert [d.error for d in done] == [None, None, None]
    assert [c["documents"] for c in soffice()] == [["a.docx", "b.docx", "c.docx"]]
    assert b"% document b.docx\n" in sources[1].with_suffix(".pdf").read_bytes()
    # Nothing but the documents and their PDFs: no temporary file left beside them.
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == [
        "a.docx",
        "a.pdf",
        "b.docx",
        "b.pdf",
        "c.docx",
        "c.pdf",
    ]


def test_a_document_that_cannot_be_converted_is_named_and_the_others_are_converted(soffice, tmp_path):
    sources = documents(tmp_path, "a.docx", "broken.docx", "c.docx")
    done = pdf.convert_each(sources)
    assert done[0].pdf and done[2].pdf
    assert done[1].pdf is None
    assert (
        done[1].error
        == "LibreOffice could not convert broken.docx to PDF: Error: source file could not be loaded"
    )
    assert len(soffice()) == 1
    assert sources[1].read_bytes() == b"document broken.docx"  # the document is never touched
    with pytest.raises(DocumentError, match=r"^LibreOffice could not convert broken\.docx"):
        pdf.convert_many(sources)
    with pytest.raises(DocumentError, match=r"broken\.docx"):
        pdf.convert_to_pdf(sources[1])


def test_a_crash_is_blamed_on_its_document_and_the_rest_are_converted_in_another_call(soffice, tmp_path):
    sources = documents(tmp_path, "a.docx", "crash.docx", "c.docx", "d.docx")
    done = pdf.convert_each(sources)
    assert [d.pdf is not None for d in done] == [True, False, True, True]
    assert done[1].error == "LibreOffice was killed by signal 11 converting crash.docx"
    assert [c["documents"] for c in soffice()] == [
        ["a.docx", "crash.docx", "c.docx", "d.docx"],
        ["c.docx", "d.docx"],
    ]


def test_a_hanging_conversion_is_stopped_with_its_whole_process_group(soffice, tmp_path):
    sources = documents(tmp_path, "a.docx", "hang.docx", "c.docx")
    done = pdf.convert_each(sources, timeout=2)
    assert done[1].pdf is None
    assert done[1].error == "LibreOffice made no progress for 2 seconds and was stopped converting hang.docx"
    assert not (tmp_path / "hang.pdf").exists()  # the half-written PDF is not taken
    assert done[0].pdf and done[2].pdf
    first, second = soffice()
    assert first["group"] == first["pid"] != os.getpgid(0)  # a process group of its own
    assert second["documents"] == ["c.docx"]
    (child,) = soffice.children()
    wait_until(lambda: gone(child) and gone(first["pid"]), "LibreOffice's own child process is still running")


def test_documents_with_the_same_name_in_different_folders_each_get_their_pdf(soffice, tmp_path):
    sv = documents(tmp_path / "sv", "plan.docx", "other.docx")
    en = documents(tmp_path / "en", "plan.docx")
    done = pdf.convert_each([*sv, *en])
    assert [d.pdf for d in done] == [p.with_suffix(".pdf") for p in (*sv, *en)]
    assert [c["documents"] for c in soffice()] == [["plan.docx", "other.docx"], ["plan.docx"]]
    with pytest.raises(ValueError, match="same PDF"):
        pdf.convert_each([*sv, *en], tmp_path / "together")


def test_pdfs_go_into_the_folder_asked_for(soffice, tmp_path):
    sources = documents(tmp_path / "docs", "a.docx")
    assert pdf.convert_many(sources, tmp_path / "pdf" / "new") == [tmp_path / "pdf" / "new" / "a.pdf"]


def test_ctrl_c_during_a_conversion_leaves_no_libreoffice_running(soffice, tmp_path):
    sources = documents(tmp_path, "hang.docx")
    script = f"from labkit.documents.pdf import convert_each; convert_each([{str(sources[0])!r}])"
    process = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE)
    wait_until(soffice.children, "the conversion did not start")
    process.send_signal(signal.SIGINT)
    _, err = process.communicate()
    assert b"KeyboardInterrupt" in err
    (call,) = soffice()
    (child,) = soffice.children()
    wait_until(lambda: gone(child) and gone(call["pid"]), "LibreOffice was left running")


def test_a_failed_pdf_keeps_the_document_and_names_it(soffice, tmp_path):
    from labkit.documents.document import Document

    target = tmp_path / "broken-guide.docx"
    target.write_bytes(b"an older version")
    document = Document(kind="guide", title="Guide", lang="sv", data=b"new document", filename="x.docx")
    with pytest.raises(DocumentError) as failed:
        document.save(target, pdf=True)
    assert str(failed.value) == (
        "LibreOffice could not convert broken-guide.docx to PDF: Error: source file could not be loaded; "
        "broken-guide.docx is kept, without a PDF"
    )
    assert target.read_bytes() == b"new document"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "broken-guide.docx", "soffice.log"]


def test_without_libreoffice_the_error_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.delenv(pdf.ENV_SOFFICE, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DocumentError, match="PDF needs LibreOffice, which is not installed"):
        pdf.convert_each(documents(tmp_path, "a.docx"))


@pytest.mark.parametrize("setting", ["{tmp}", "{tmp}/no-such-soffice", "{tmp}/a.docx"])
def test_labkit_soffice_that_is_not_a_program_is_named(tmp_path, monkeypatch, setting):
    """A folder, a missing file or a file that cannot be run: the setting is named, not a folder's permissions."""
    monkeypatch.setenv(pdf.ENV_SOFFICE, setting.format(tmp=tmp_path))
    with pytest.raises(DocumentError, match=f"^{pdf.ENV_SOFFICE}=.* is not a program that can be run"):
        pdf.convert_each(documents(tmp_path, "a.docx"))


@pytest.mark.parametrize(
    "command",
    [
        ["guide", "portalen", "-o", "{out}/guide.docx"],
        ["render", "--all", "--out", "{out}"],
        ["build", "{lab}", "--out", "{out}", "--kind", "lab-plan"],
        ["site", "--out", "{out}"],
    ],
)
def test_without_libreoffice_pdf_commands_write_nothing(tmp_path, monkeypatch, capsys, command):
    """--pdf without LibreOffice is one clear error before anything is written (no .docx, no manifest)."""
    from labkit.cli import main
    from labkit.labs.demo import demo_lab_path

    monkeypatch.delenv(pdf.ENV_SOFFICE, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    out = tmp_path / "out"
    argv = [part.format(out=out, lab=demo_lab_path()) for part in command]
    assert main([*argv, "--pdf"]) == 1
    assert "PDF needs LibreOffice, which is not installed" in capsys.readouterr().err
    assert not out.exists()
