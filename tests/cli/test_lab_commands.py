"""labkit lab new / check / plan / checklist, build, demo and the listing commands."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from labkit.cli import main
from labkit.labs.demo import demo_lab_path


def test_lab_new_without_a_terminal_needs_flags(tmp_path, capsys):
    out = tmp_path / "lab.yaml"
    assert main(["lab", "new", "-o", str(out)]) == 2
    assert "--name is required when not on a terminal" in capsys.readouterr().err
    assert not out.exists()


def test_lab_new_then_check(tmp_path, capsys):
    out = tmp_path / "lab.yaml"
    code = main(
        [
            "lab",
            "new",
            "-o",
            str(out),
            "--lang",
            "en",
            "--name",
            "Safer evenings",
            "--area",
            "Norr",
            "--municipality",
            "Exempelstad",
            "--host",
            "Bostadsbolaget",
            "--focus",
            "safety",
            "--methods",
            "safety-walk,area-hosts",
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert main(["lab", "check", str(out)]) == 0
    assert capsys.readouterr().out.strip().endswith("OK")
    assert main(["lab", "new", "-o", str(out), "--name", "x"]) == 2  # exists
    assert "already exists" in capsys.readouterr().err


def test_demo_lab_checks_ok(capsys):
    assert main(["lab", "check", str(demo_lab_path())]) == 0
    assert capsys.readouterr().out.strip() == "OK"


def test_lab_check_three_mistakes(tmp_path, capsys):
    text = demo_lab_path().read_text(encoding="utf-8")
    text = text.replace("id: mentoring\n", "id: mentorship\n").replace(
        "indicator: job-interviews", "indicator: job-interview"
    )
    text = text.replace("    owner: employment-service\n", "    owner: employment-services\n")
    lab = tmp_path / "lab.yaml"
    lab.write_text(text, encoding="utf-8")
    (tmp_path / "measurements.csv").write_text(
        (demo_lab_path().parent / "measurements.csv").read_text(), encoding="utf-8"
    )
    assert main(["lab", "check", str(lab)]) == 1
    err = capsys.readouterr().err
    assert f"error: {lab}:" in err
    assert (
        "methods[2].id: no installed plugin provides the method 'mentorship' (did you mean 'mentoring'?)"
        in err
    )
    assert "goals[2].indicator: unknown indicator 'job-interview' (did you mean 'job-interviews'?)" in err
    assert "risks[1].owner: unknown partner 'employment-services'; the lab's partners are" in err
    assert "3 problems in" in err
    assert main(["lab", "check", str(lab), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and len(data["problems"]) == 3
    assert set(data["problems"][0]) == {"file", "line", "path", "message"}


def test_lab_check_missing_file_is_a_usage_error(tmp_path, capsys):
    assert main(["lab", "check", str(tmp_path / "nope.yaml")]) == 2


def test_lab_plan_and_partner_checklist(tmp_path, capsys):
    plan = tmp_path / "plan.docx"
    assert main(["lab", "plan", str(demo_lab_path()), "-o", str(plan), "--lang", "en"]) == 0
    text = "\n".join(p.text for p in docx.Document(plan).paragraphs)
    assert "Who does what" in text and "Example: the lab and all its figures are invented" in text
    checklist = tmp_path / "police.docx"
    assert main(["lab", "checklist", str(demo_lab_path()), "rotary", "-o", str(checklist)]) == 0
    assert main(["lab", "checklist", str(demo_lab_path()), "nobody", "-o", str(tmp_path / "x.docx")]) == 2
    assert "the lab has no partner 'nobody'" in capsys.readouterr().err


@pytest.mark.libreoffice
def test_demo_builds_the_full_set_and_every_document_opens_in_libreoffice(tmp_path, libreoffice, capsys):
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out), "--pdf"]) == 0
    documents = sorted(out.rglob("*.docx"))
    kinds = {p.name.rsplit("-", 1)[0] for p in documents}
    assert {"hageby-portalen-lab-lab-plan", "hageby-portalen-lab-report", "portalen-guide"} <= kinds
    # The method plugins' own documents are part of the build, like labkit's own.
    assert {"portalen-partner-agreement", "mentoring-matching-sheet", "innovation-lab-workshop-plan"} <= kinds
    assert len(documents) >= 40
    index = (out / "index.html").read_text(encoding="utf-8")
    readme = (out / "README.md").read_text(encoding="utf-8")
    for path in documents:
        assert path.with_suffix(".pdf").stat().st_size > 3_000, path
        assert path.relative_to(out).as_posix() in index
        assert path.relative_to(out).as_posix() in readme
    assert "Partneravtal – disposition: Portalen" in index
    # The report's charts are kept as PNG; SVG only when asked for (labkit report --charts DIR --svg).
    assert list((out / "sv" / "report").glob("*.png"))
    assert not list((out / "sv" / "report").glob("*.svg"))
    # A second run keeps everything that is up to date.
    assert main(["demo", "--out", str(out), "--pdf"]) == 0
    assert "built 0 documents" in capsys.readouterr().out


def test_methods_listing_and_show(capsys):
    assert main(["methods", "--focus", "safety", "--json"]) == 0
    ids = [m["id"] for m in json.loads(capsys.readouterr().out)]
    assert "safety-walk" in ids and "portalen" not in ids
    assert main(["methods", "show", "safety-walk", "--lang", "en"]) == 0
    shown = capsys.readouterr().out
    assert "Roles" in shown and "Steps" in shown and "Checklists" in shown
    assert main(["indicators", "--json"]) == 0
    assert any(i["id"] == "feeling-unsafe-evening" for i in json.loads(capsys.readouterr().out))
    assert main(["documents"]) == 0
    assert "walk-protocol" in capsys.readouterr().out


def test_debug_shows_traceback_otherwise_not(tmp_path, capsys):
    bad = tmp_path / "lab.yaml"
    bad.write_text("id: [", encoding="utf-8")
    assert main(["lab", "plan", str(bad), "-o", str(tmp_path / "x.docx")]) == 1
    assert "Traceback" not in capsys.readouterr().err
    with pytest.raises(Exception):  # noqa: B017 - --debug re-raises whatever it was
        main(["--debug", "lab", "plan", str(bad), "-o", str(tmp_path / "x.docx")])
    assert not Path(tmp_path / "x.docx").exists()


def test_partner_checklist_takes_a_house_style_and_template_like_every_document_command(tmp_path, capsys):
    style = tmp_path / "style.yaml"
    style.write_text("organisation: Bostadsbolaget i Exempelstad\n", encoding="utf-8")
    out = tmp_path / "church.docx"
    lab = str(demo_lab_path())
    assert main(["lab", "checklist", lab, "church", "--house-style", str(style), "-o", str(out)]) == 0
    headers = " ".join(p.text for s in docx.Document(str(out)).sections for p in s.header.paragraphs)
    assert "Bostadsbolaget i Exempelstad" in headers
    missing = tmp_path / "no-such-template.docx"
    assert main(["lab", "checklist", lab, "church", "--template", str(missing), "-o", str(out)]) == 2
    assert f"{missing}: no such file" in capsys.readouterr().err


def test_partners_described_in_both_languages_are_printed_in_the_document_language(tmp_path):
    out = tmp_path / "plan-en.docx"
    assert main(["lab", "plan", str(demo_lab_path()), "--lang", "en", "-o", str(out)]) == 0
    document = docx.Document(str(out))
    text = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Employers in Norrköping" in text and "Participating women in Hageby" in text
    assert "Arbetsgivare i" not in text and "Deltagande kvinnor" not in text
    assert "Hyresgästföreningen" in text  # a proper name is the same in every language
