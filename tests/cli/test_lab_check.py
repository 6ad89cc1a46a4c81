"""``labkit lab check``: OK for the demo lab, every problem with file and line otherwise, exit codes 0/1/2.

The demo lab uses the methods of the labkit-innovation-lab, labkit-portalen and labkit-mentoring plugins, which
must be installed (they are in the development environment).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.demo_plugins import needs_demo_plugins
from tests.lab_files import replace

from labkit.cli import main

DEMO = Path(__file__).resolve().parents[2] / "src" / "labkit" / "builtin" / "demo"
DEMO_LAB = DEMO / "lab.yaml"
LABKIT = Path(sys.executable).parent / "labkit"


pytestmark = needs_demo_plugins


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def errors(err: str) -> list[str]:
    """The error lines (plugin warnings about other plugins are not part of the check)."""
    return [line for line in err.splitlines() if line.startswith("error: ")]


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    """A copy of the demo lab folder (the lab file, its measurements and its lock file)."""
    folder = tmp_path / "demo"
    shutil.copytree(DEMO, folder)
    return folder / "lab.yaml"


def test_demo_lab_is_ok(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "lab", "check", str(DEMO_LAB))
    assert code == 0
    assert out.splitlines()[-1] == "OK"
    assert errors(err) == []


def test_demo_lab_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lab", "check", "--json", str(DEMO_LAB))
    assert code == 0
    assert json.loads(out) == {"ok": True, "problems": [], "notes": []}


def test_copy_of_the_demo_lab_is_ok(capsys: pytest.CaptureFixture[str], demo_copy: Path) -> None:
    assert run(capsys, "lab", "check", str(demo_copy))[0] == 0


def three_mistakes(lab: Path) -> dict[str, int]:
    """Put three mistakes into a copy of the demo lab; return the line of each."""
    return {
        "method": replace(lab, "  - id: mentoring\n", "  - id: mentorng\n"),
        "indicator": replace(lab, "  - indicator: job-interviews", "  - indicator: job-interveiws"),
        "end": replace(
            lab, "    start: 2019-09-01\n    end: 2019-11-15", "    start: 2019-09-01\n    end: 2019-08-15"
        )
        + 1,
    }


def test_three_mistakes_are_all_reported(capsys: pytest.CaptureFixture[str], demo_copy: Path) -> None:
    lines = three_mistakes(demo_copy)
    code, out, err = run(capsys, "lab", "check", str(demo_copy))
    assert code == 1
    assert "OK" not in out.split()
    # The phase that now ends before it starts also no longer holds its milestone.
    assert errors(err) == [
        f"error: {demo_copy}:{lines['end']}: phases[3].end: the phase ends (2019-08-15) before it starts (2019-09-01)",
        f"error: {demo_copy}:{lines['end'] + 2}: phases[3].milestones[0].date: 2019-11-06 is outside the phase "
        "(2019-09-01 to 2019-08-15)",
        f"error: {demo_copy}:{lines['method']}: methods[2].id: no installed plugin provides the method "
        "'mentorng' (did you mean 'mentoring'?)",
        f"error: {demo_copy}:{lines['indicator']}: goals[2].indicator: unknown indicator 'job-interveiws' "
        "(did you mean 'job-interviews'?)",
    ]
    assert err.splitlines()[-1] == f"4 problems in {demo_copy}"


def test_three_mistakes_as_json(capsys: pytest.CaptureFixture[str], demo_copy: Path) -> None:
    lines = three_mistakes(demo_copy)
    code, out, _ = run(capsys, "lab", "check", "--json", str(demo_copy))
    assert code == 1
    report = json.loads(out)
    assert set(report) == {"ok", "problems", "notes"}
    assert report["ok"] is False
    assert report["notes"] == []
    assert [(p["file"], p["line"], p["path"]) for p in report["problems"]] == [
        (str(demo_copy), lines["end"], "phases[3].end"),
        (str(demo_copy), lines["end"] + 2, "phases[3].milestones[0].date"),
        (str(demo_copy), lines["method"], "methods[2].id"),
        (str(demo_copy), lines["indicator"], "goals[2].indicator"),
    ]
    assert report["problems"][2]["message"] == (
        "no installed plugin provides the method 'mentorng' (did you mean 'mentoring'?)"
    )


def test_one_problem_is_counted_in_the_singular(capsys: pytest.CaptureFixture[str], demo_copy: Path) -> None:
    line = replace(demo_copy, "  - indicator: job-interviews", "  - indicator: job-interveiws")
    code, _, err = run(capsys, "lab", "check", str(demo_copy))
    assert code == 1
    assert errors(err) == [
        f"error: {demo_copy}:{line}: goals[2].indicator: unknown indicator 'job-interveiws' "
        "(did you mean 'job-interviews'?)"
    ]
    assert err.splitlines()[-1] == f"1 problem in {demo_copy}"


def test_unknown_partner_and_missing_data_file(capsys: pytest.CaptureFixture[str], demo_copy: Path) -> None:
    line = replace(
        demo_copy,
        "steering_group: [allmannyttan, housing, municipality, tenants]",
        "steering_group: [allmannyttan, hosuing]",
    )
    (demo_copy.parent / "measurements.csv").unlink()
    code, _, err = run(capsys, "lab", "check", str(demo_copy))
    assert code == 1
    data_line = next(
        n
        for n, row in enumerate(demo_copy.read_text(encoding="utf-8").splitlines(), 1)
        if row.startswith("data_files")
    )
    partners = "abf, allmannyttan, church, employers, employment-service, housing, municipality, research, residents, rotary, tenants"
    assert errors(err) == [
        f"error: {demo_copy}:{line}: steering_group[1]: unknown partner 'hosuing'; the lab's partners are {partners}",
        f"error: {demo_copy}:{data_line}: data_files[0]: the data file 'measurements.csv' does not exist "
        f"(looked in {demo_copy.parent})",
    ]


def test_missing_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "no-such-lab.yaml"
    code, out, err = run(capsys, "lab", "check", str(missing))
    assert code == 2
    assert errors(err) == [f"error: {missing}: no such file"]
    assert out == ""


def test_missing_file_as_json_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "lab", "check", "--json", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert errors(err) == [f"error: {tmp_path / 'nope.yaml'}: no such file"]


def test_yaml_syntax_error_exits_1_with_the_line(capsys: pytest.CaptureFixture[str], demo_copy: Path) -> None:
    line = replace(demo_copy, "focus_areas: [employment]", "focus_areas: [employment")
    code, out, err = run(capsys, "lab", "check", str(demo_copy))
    assert code == 1
    [problem] = errors(err)
    assert problem.startswith(f"error: {demo_copy}:{line + 1}: not valid YAML: ")
    assert "did not find expected ',' or ']'" in problem
    assert "OK" not in out.split()


def test_yaml_syntax_error_as_json(capsys: pytest.CaptureFixture[str], demo_copy: Path) -> None:
    replace(demo_copy, "  name: Hageby\n", "  name: Hageby\n\tmunicipality: x\n")
    code, out, _ = run(capsys, "lab", "check", "--json", str(demo_copy))
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False
    [problem] = report["problems"]
    assert problem["file"] == str(demo_copy)
    assert isinstance(problem["line"], int)
    assert problem["message"].startswith("not valid YAML: ")
    assert problem["message"].endswith("(YAML does not allow tabs for indentation; use spaces)")


def test_invalid_field_exits_1(capsys: pytest.CaptureFixture[str], demo_copy: Path) -> None:
    line = replace(
        demo_copy,
        '    likelihood: medium\n    impact: high\n    mitigation: {sv: "Lägg',
        '    likelihood: medium\n    impact: hihg\n    mitigation: {sv: "Lägg',
    )
    code, _, err = run(capsys, "lab", "check", str(demo_copy))
    assert code == 1
    assert errors(err) == [
        f"error: {demo_copy}:{line + 1}: risks[0].impact: expected one of low, medium, high; got the text 'hihg' "
        "(did you mean 'high'?)"
    ]


def test_binary_file_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "lab.yaml"
    path.write_bytes(b"\x00\xff" * 100)
    code, _, err = run(capsys, "lab", "check", str(path))
    assert code == 1
    assert errors(err) == [
        f"error: {path}:1: the file is not UTF-8 text (byte 1 cannot be read); save it as UTF-8"
    ]


def test_folder_instead_of_a_file_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "lab", "check", str(tmp_path))
    assert code == 2
    assert errors(err) == [f"error: {tmp_path}: this is a folder, not a file"]


def test_no_argument_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "lab", "check")
    assert code == 2
    assert errors(err) == ["error: missing argument 'LAB' ('labkit lab check --help' shows how to use it)"]


def test_debug_shows_the_exception(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from labkit.errors import ConfigurationError

    (tmp_path / "lab.yaml").write_text("an existing file", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="already exists"):
        main(["--debug", "lab", "new", "-o", str(tmp_path / "lab.yaml"), "--name", "Labbet"])


def test_real_command_exit_codes(demo_copy: Path, tmp_path: Path) -> None:
    """The installed ``labkit`` script, as a user runs it."""
    if not LABKIT.exists():
        pytest.skip("the labkit script is not installed next to this Python")

    def labkit(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(LABKIT), *args], capture_output=True, text=True, check=False)

    ok = labkit("lab", "check", str(DEMO_LAB))
    assert (ok.returncode, ok.stdout.splitlines()[-1]) == (0, "OK")

    three_mistakes(demo_copy)
    bad = labkit("lab", "check", str(demo_copy))
    assert bad.returncode == 1
    assert len([line for line in bad.stderr.splitlines() if line.startswith(f"error: {demo_copy}:")]) == 4

    missing = labkit("lab", "check", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2

    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nname: [a\n", encoding="utf-8")
    syntax = labkit("lab", "check", str(broken))
    assert syntax.returncode == 1
    assert f"error: {broken}:3: not valid YAML:" in syntax.stderr
    for result in (ok, bad, missing, syntax):
        assert "Traceback" not in result.stdout + result.stderr
