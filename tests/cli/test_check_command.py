"""``labkit check FILE...``: validation plus the content rules, with file and line, as text or JSON with LIX."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from labkit.cli import main

DATA = Path(__file__).parents[1] / "data"
CLEAN = (DATA / "rules-clean-method.yaml").read_text(encoding="utf-8")
PLUGINS = Path(__file__).parents[2] / "plugins"

FORMS = """\
- id: evening-report
  method: clean-method
  title: {sv: "Kvällsrapport", en: "Evening report"}
  description: {sv: "Rapport för en kväll.", en: "Report for an evening."}
  sections:
    - heading: {sv: "1. Före kvällen", en: "1. Before the evening"}
      checkboxes: true
      items:
        - {sv: "Vi har låst upp", en: "We have unlocked"}
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_clean_method_is_ok_and_shows_its_lix(tmp_path, capsys):
    path = write(tmp_path, "method.yaml", CLEAN)
    code, out, err = run(capsys, str(path))
    assert code == 0 and err == ""
    assert out.startswith(f"{path}: OK (LIX: clean-method sv ")


def test_a_rule_finding_fails_the_check_with_file_and_line(tmp_path, capsys):
    path = write(
        tmp_path,
        "method.yaml",
        CLEAN.replace("Studenter hjälper elever", "Läxhjälpen minskar utanförskapet hos elever"),
    )
    code, out, err = run(capsys, str(path))
    assert code == 1 and out == ""
    line = next(n for n, text in enumerate(CLEAN.splitlines(), start=1) if text.startswith("summary:"))
    assert f"error: {path}:{line}: summary: (sv) claims an effect ('minskar')" in err


def test_json_gives_problems_and_readability_per_file(tmp_path, capsys):
    good = write(tmp_path, "method.yaml", CLEAN)
    bad = write(
        tmp_path,
        "other.yaml",
        CLEAN.replace("id: clean-method", "id: other-method").replace(
            '    based_on: {sv: "Metodens steg", en: "The method\'s steps"}\n', ""
        ),
    )
    code, out, _ = run(capsys, "--json", str(good), str(bad))
    assert code == 1
    report = json.loads(out)
    assert [item["ok"] for item in report] == [True, False]
    assert report[0]["kind"] == "method"
    lix = report[0]["readability"]["clean-method"]
    assert set(lix) == {"sv", "en"} and 0 < lix["sv"]["lix"] < 45 and "summary" in lix["sv"]["fields"]
    problem = report[1]["problems"][0]
    assert problem["path"] == "checklists[0]" and "does not say what it is based on" in problem["message"]
    assert problem["line"] and problem["file"] == str(bad)


def test_a_form_is_checked_against_the_method_given_with_it(tmp_path, capsys):
    method = write(tmp_path, "method.yaml", CLEAN)
    forms = write(tmp_path, "documents.yaml", FORMS)
    code, _, err = run(capsys, str(method), str(forms))
    assert code == 1
    assert (
        "documents.yaml:6: [0].sections[0].heading: repeats the moment of the checklist 'coordinator-evening'"
        in err
    )
    assert "[0].sections[0].items[0]: (sv) should be a command" in err
    # Alone, the form cannot be compared with the method's checklists, but its items are still checked.
    code, _, err = run(capsys, str(forms))
    assert code == 1 and "repeats the moment" not in err and "should be a command" in err


def test_indicator_files_get_the_wording_rules(tmp_path, capsys):
    indicators = """\
- id: walks
  name: {sv: "Trygghetspromenader", en: "Safety walks"}
  unit: count
  polarity: higher-is-better
  level: output
  source: {sv: "Egen räkning", en: "Own count"}
  definition: {sv: "Antal trygghetspromenader.", en: "Number of safety walks."}
"""
    path = write(tmp_path, "indicators.yaml", indicators)
    code, _, err = run(capsys, str(path))
    assert code == 1 and "[0].name: (sv) 'Trygghetspromenader': write 'trygghetsvandring'" in err


def test_validation_problems_are_still_reported_first(tmp_path, capsys):
    path = write(tmp_path, "method.yaml", CLEAN.replace("level: 1", "level: 9"))
    code, _, err = run(capsys, str(path))
    assert code == 1 and "evidence.level" in err and "claims" not in err


def test_every_published_plugin_is_clean(capsys):
    files = [str(p) for p in sorted(PLUGINS.glob("*/src/*/*.yaml"))]
    assert len(files) >= 30
    code, out, err = run(capsys, *files)
    assert (code, err) == (0, "")
    assert out.count(": OK") == len(files)
