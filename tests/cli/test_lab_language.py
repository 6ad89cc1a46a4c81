"""The lab file's ``language:`` is the language of every lab command's documents unless ``--lang`` says otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from labkit.cli import main
from labkit.labs.demo import DEMO_DIR


@pytest.fixture
def english_lab(tmp_path: Path) -> Path:
    shutil.copy(DEMO_DIR / "measurements.csv", tmp_path / "measurements.csv")
    text = (DEMO_DIR / "lab.yaml").read_text(encoding="utf-8")
    assert "\nlanguage: sv\n" in text
    lab = tmp_path / "lab.yaml"
    lab.write_text(text.replace("\nlanguage: sv\n", "\nlanguage: EN\n"), encoding="utf-8")
    return lab


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["lab", "plan"], "hageby-portalen-lab-lab-plan-{lang}.docx"),
        (["lab", "checklist", "{lab}", "church"], "hageby-portalen-lab-checklist-church-{lang}.docx"),
        (["report"], "hageby-portalen-lab-report-{lang}.docx"),
    ],
    ids=["lab plan", "lab checklist", "report"],
)
def test_single_lab_documents_default_to_the_lab_language(english_lab, monkeypatch, capsys, argv, name):
    monkeypatch.chdir(english_lab.parent)
    args = [a.replace("{lab}", str(english_lab)) for a in argv]
    if "{lab}" not in argv:
        args.append(str(english_lab))
    assert main(args) == 0, capsys.readouterr().err
    assert (english_lab.parent / name.format(lang="en")).is_file()
    assert main([*args, "--lang", "SV"]) == 0
    assert (english_lab.parent / name.format(lang="sv")).is_file()


def test_build_defaults_to_the_lab_language(english_lab, tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(english_lab), "--out", str(out), "--kind", "lab-plan", "--jobs", "1"]) == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx")) == [
        "en/hageby-portalen-lab-lab-plan-en.docx"
    ]
    assert main(["build", str(english_lab), "--out", str(out), "--kind", "lab-plan", "--lang", "Sv,EN"]) == 0
    assert (out / "sv" / "hageby-portalen-lab-lab-plan-sv.docx").is_file()


def test_a_lab_in_another_language_is_refused_where_it_is_written(tmp_path, capsys):
    lab = tmp_path / "lab.yaml"
    text = (DEMO_DIR / "lab.yaml").read_text(encoding="utf-8")
    lab.write_text(text.replace("\nlanguage: sv\n", "\nlanguage: fi\n"), encoding="utf-8")
    line = text.split("\nlanguage: sv\n")[0].count("\n") + 2
    for argv in (["lab", "check", str(lab)], ["build", str(lab), "--out", str(tmp_path / "out")]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert f"error: {lab}:{line}: language: 'fi' is not a language labkit supports (sv, en)" in err
