"""labkit build: the document set, the index, incremental rebuilds, and labs with mistakes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest

from labkit.errors import InvalidDataError
from labkit.labs.build import build
from labkit.labs.check import check_lab
from labkit.labs.lock import lock_path


def test_build_makes_the_set_and_an_index(lab_file, catalog, tmp_path):
    out = tmp_path / "out"
    result = build(lab_file, out, langs=["sv", "en"], processes=1, catalog=catalog)
    names = sorted(p.relative_to(out).as_posix() for p in result.documents)
    assert "sv/test-lab-lab-plan-sv.docx" in names
    assert "en/methods/test-walk/test-walk-guide-en.docx" in names
    assert "sv/partner-checklist/test-lab-partner-checklist-police-sv.docx" in names
    # No measurements: no report.
    assert not any("report" in n for n in names)
    for path in result.documents:
        docx.Document(io.BytesIO(path.read_bytes()))
    index = (out / "index.html").read_text(encoding="utf-8")
    readme = (out / "README.md").read_text(encoding="utf-8")
    for name in names:
        assert name in index
        assert name in readme
    assert "Partner checklist" in readme or "Checklista för partner" in readme
    assert lock_path(lab_file).exists()


def test_rebuild_only_rebuilds_what_changed(lab_file, catalog, tmp_path):
    out = tmp_path / "out"
    first = build(lab_file, out, langs=["sv"], processes=1, catalog=catalog)
    assert len(first.built) == len(first.documents)
    second = build(lab_file, out, langs=["sv"], processes=1, catalog=catalog)
    assert second.built == ()
    # Changing the lab file rebuilds the lab documents (they all depend on it).
    lab_file.write_text(
        lab_file.read_text(encoding="utf-8").replace("Otrygghet", "Otrygghet och oro"), encoding="utf-8"
    )
    third = build(lab_file, out, langs=["sv"], processes=1, catalog=catalog)
    assert any("lab-plan" in p.name for p in third.built)
    # A deleted document is made again.
    victim = next(p for p in first.documents if "guide" in p.name)
    victim.unlink()
    fourth = build(lab_file, out, langs=["sv"], processes=1, catalog=catalog)
    assert fourth.built == (victim,)


def test_lab_with_mistakes_reports_all_and_builds_nothing(lab_file, catalog, tmp_path):
    text = lab_file.read_text(encoding="utf-8")
    text = text.replace("id: test-walk", "id: test-wlak")
    text = text.replace("end: 2024-02-29", "end: 2023-12-31")
    text = text.replace("steering_group: [housing, tenants]", "steering_group: [housing, tenant]")
    lab_file.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(InvalidDataError) as caught:
        build(lab_file, out, catalog=catalog, processes=1)
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 3, messages
    assert any("methods[0].id: no installed plugin provides the method 'test-wlak'" in m for m in messages)
    assert any(
        "phases[0].end: the phase ends (2023-12-31) before it starts (2024-01-01)" in m for m in messages
    )
    assert any("steering_group[1]: unknown partner 'tenant'" in m for m in messages)
    assert not out.exists()
    lab_file.write_text(
        text.replace("end: 2023-12-31", "end: 2024-02-29").replace("tenant]", "tenants]"), encoding="utf-8"
    )
    result = check_lab(lab_file, catalog)
    (problem,) = result.problems
    assert str(problem) == (
        f"{lab_file}:20: methods[0].id: no installed plugin provides the method 'test-wlak' (did you mean 'test-walk'?)"
    )


def test_lock_reports_changed_steps(lab_file, catalog, tmp_path, walk_method):
    build(lab_file, tmp_path / "out", langs=["sv"], processes=1, catalog=catalog)
    data = json.loads(lock_path(lab_file).read_text())
    assert data["methods"]["test-walk"]["version"] == "1.2.0"
    # Pretend the lab was built with an older version whose 'walk' step was worded differently and which had
    # an extra step that was later removed.
    data["methods"]["test-walk"]["version"] = "1.1.0"
    data["methods"]["test-walk"]["steps"]["walk"]["hash"] = "0" * 16
    data["methods"]["test-walk"]["steps"]["old-step"] = {"title": "Old step", "hash": "1" * 16}
    del data["methods"]["test-walk"]["steps"]["follow-up"]
    lock_path(lab_file).write_text(json.dumps(data))
    result = check_lab(lab_file, catalog)
    assert result.ok
    (note,) = result.notes
    assert note.startswith(
        "test-walk: the lab was built with 1.1.0, 1.2.0 is installed; the pin '^1.0' still holds;"
    )
    assert "added: follow-up (Follow up)" in note
    assert "removed: old-step (Old step)" in note
    assert "reworded: walk (Walk)" in note


def test_pin_that_no_longer_holds_is_a_problem(lab_file, catalog):
    lab_file.write_text(
        lab_file.read_text(encoding="utf-8").replace("version: ^1.0", "version: ~1.1"), encoding="utf-8"
    )
    result = check_lab(lab_file, catalog)
    (problem,) = result.problems
    assert "the lab pins test-walk '~1.1' but version 1.2.0 is installed" in str(problem)


def test_build_of_a_lab_object(catalog, tmp_path, lab_file):
    from labkit.files import load_lab

    lab = load_lab(lab_file)
    result = build(lab, tmp_path / "out", processes=1, catalog=catalog)
    assert result.documents
    assert Path(tmp_path / "out" / "index.html").exists()


def test_unknown_method_is_reported_even_when_the_file_has_type_errors(lab_file, catalog):
    text = lab_file.read_text(encoding="utf-8").replace("id: test-walk", "id: test-wlak")
    text = text.replace("start: 2024-03-01", "start: 2024-02-30")
    lab_file.write_text(text, encoding="utf-8")
    result = check_lab(lab_file, catalog)
    messages = [str(p) for p in result.problems]
    assert len(messages) == 2, messages
    assert "phases[1].start: '2024-02-30' is not a real date in the form YYYY-MM-DD" in messages[0]
    assert messages[1].endswith(
        "methods[0].id: no installed plugin provides the method 'test-wlak' (did you mean 'test-walk'?)"
    )


def test_an_inaccessible_house_style_is_refused_once_before_anything_is_built(lab_file, catalog, tmp_path):
    """A colour without enough contrast is one problem naming file, line and field, and nothing is written;
    with allow_inaccessible the build goes ahead (each document then carries the warning)."""
    style = tmp_path / "style.yaml"
    style.write_text("organisation: Bolaget\ncolours: {headings: '#BBBBBB'}\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(InvalidDataError) as raised:
        build(lab_file, out, langs=["sv"], processes=1, catalog=catalog, house_style=style)
    (problem,) = raised.value.problems
    assert (problem.file, problem.line, problem.path) == (str(style), 2, ("colours", "headings"))
    assert "#BBBBBB on white (#FFFFFF) has a contrast of 1.92:1" in problem.message
    assert not out.exists()
    result = build(
        lab_file, out, langs=["sv"], processes=1, catalog=catalog, house_style=style, allow_inaccessible=True
    )
    assert result.documents
