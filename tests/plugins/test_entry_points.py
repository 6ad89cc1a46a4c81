"""Plugins installed through real entry points: broken, malformed and conflicting plugins.

Each fixture plugin is a minimal installed distribution (a ``.dist-info`` folder with METADATA and
entry_points.txt next to its module) in a temporary folder put on PYTHONPATH, exactly how pip lays one out;
``labkit`` runs in a subprocess and discovers it like any installed package.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).parent.parent / "data" / "sample-method.yaml"


def make_dist(
    site: Path, dist: str, version: str, module: str, code: str, files: dict[str, str] | None = None
) -> None:
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(f"[labkit]\n{module} = {module}\n", encoding="utf-8")
    package = site / module
    package.mkdir()
    (package / "__init__.py").write_text(code, encoding="utf-8")
    for name, text in (files or {}).items():
        (package / name).write_text(text, encoding="utf-8")


METHOD_PLUGIN = """
from pathlib import Path
from labkit import hookimpl

@hookimpl
def labkit_methods():
    return [Path(__file__).parent / "method.yaml"]
"""


def run(site: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LABKIT_")}
    environment["PYTHONPATH"] = str(site)
    environment["LABKIT_NO_CACHE"] = "1"
    # Only the fixture distributions (the published plugins are installed in this environment too).
    environment["LABKIT_PLUGINS"] = ",".join(
        p.name.split("-")[0].replace("_", "-") for p in site.glob("*.dist-info")
    )
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "labkit", *args], capture_output=True, text=True, env=environment, cwd=site
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    sample = SAMPLE.read_text(encoding="utf-8")
    make_dist(
        site,
        "labkit-good",
        "1.0.0",
        "labkit_good",
        METHOD_PLUGIN,
        {"method.yaml": sample.replace("id: example-method", "id: good-method")},
    )
    make_dist(site, "labkit-broken", "0.1.0", "labkit_broken", "import labkit_this_module_does_not_exist\n")
    make_dist(
        site,
        "labkit-malformed",
        "0.2.0",
        "labkit_malformed",
        "from labkit import hookimpl\n\n@hookimpl\ndef labkit_methods():\n    return [42]\n\n"
        "@hookimpl\ndef labkit_indicators():\n    return ['indicators.yaml-that-is-missing']\n",
    )
    make_dist(
        site,
        "labkit-raising",
        "0.3.0",
        "labkit_raising",
        "from labkit import hookimpl\n\n@hookimpl\ndef labkit_methods():\n    raise RuntimeError('database down')\n",
    )
    return site


def plugins_json(site: Path, **kwargs: object) -> tuple[dict, str, int]:
    result = run(site, "plugins", "--json", **kwargs)  # type: ignore[arg-type]
    return json.loads(result.stdout), result.stderr, result.returncode


def test_broken_plugins_are_skipped_with_one_warning_each(site):
    data, stderr, code = plugins_json(site)
    assert code == 0
    assert (
        "warning: plugin labkit-broken 0.1.0 (labkit_broken): failed to load: ModuleNotFoundError: "
        "No module named 'labkit_this_module_does_not_exist'"
    ) in stderr
    assert (
        "warning: plugin labkit-malformed 0.2.0 (labkit_malformed): returned int where a method or a path to a method file belongs"
        in stderr
    )
    assert (
        "warning: plugin labkit-raising 0.3.0 (labkit_raising): hook labkit_methods raised RuntimeError: database down"
        in stderr
    )
    assert "Traceback" not in stderr
    listed = {p["distribution"]: p for p in data["plugins"]}
    assert listed["labkit"]["builtin"] is True
    assert listed["labkit-good"]["methods"] == ["good-method"]
    assert listed["labkit-good"]["hooks"] == ["labkit_methods"]
    assert [f["distribution"] for f in data["failed"]] == ["labkit-broken"]
    assert listed["labkit-raising"]["errors"] == ["hook labkit_methods raised RuntimeError: database down"]
    # The documented schema of `labkit plugins --json`.
    assert set(data) == {"plugins", "failed", "conflicts"}
    assert set(listed["labkit-good"]) == {
        "name",
        "distribution",
        "version",
        "builtin",
        "module",
        "hooks",
        "methods",
        "indicators",
        "document_kinds",
        "templates",
        "errors",
    }
    methods = json.loads(run(site, "methods", "--json").stdout)
    assert [m["id"] for m in methods] == ["good-method"]


def test_invalid_method_file_names_the_distribution_and_the_problem(site, tmp_path):
    bad = (
        SAMPLE.read_text(encoding="utf-8")
        .replace("id: example-method", "id: bad-method")
        .replace("level: 1", "level: nine")
    )
    make_dist(site, "labkit-invalid", "2.0.0", "labkit_invalid", METHOD_PLUGIN, {"method.yaml": bad})
    result = run(site, "methods")
    path = site / "labkit_invalid" / "method.yaml"
    assert (
        f"warning: plugin labkit-invalid 2.0.0 (labkit_invalid): skipped invalid method file: {path}:"
        in result.stderr
    )
    assert "evidence.level: expected a whole number, got the text 'nine'" in result.stderr
    assert "good-method" in result.stdout and "bad-method" not in result.stdout


def test_two_plugins_with_one_method_id_is_an_error_naming_both(site):
    sample = SAMPLE.read_text(encoding="utf-8").replace("id: example-method", "id: good-method")
    make_dist(site, "labkit-copycat", "0.9.0", "labkit_copycat", METHOD_PLUGIN, {"method.yaml": sample})
    data, _stderr, _code = plugins_json(site)
    (conflict,) = data["conflicts"]
    assert conflict["distributions"] == ["labkit-copycat", "labkit-good"]
    assert conflict["message"].startswith(
        "the method 'good-method' is contributed by both labkit-copycat 0.9.0 and labkit-good 1.0.0"
    )
    result = run(site, "guide", "good-method", "-o", "x.docx")
    assert result.returncode == 1
    assert (
        "error: the method 'good-method' is contributed by both labkit-copycat 0.9.0 and labkit-good 1.0.0"
        in result.stderr
    )
    assert not (site / "x.docx").exists()
    listing = run(site, "methods")
    assert "error: the method 'good-method' is contributed by both" in listing.stderr


def test_declared_replacement_wins_without_conflict(site):
    sample = SAMPLE.read_text(encoding="utf-8").replace("id: example-method", "id: good-method")
    code = METHOD_PLUGIN + "\n@hookimpl\ndef labkit_replaces():\n    return {'good-method': 'labkit-good'}\n"
    make_dist(
        site,
        "labkit-better",
        "3.0.0",
        "labkit_better",
        code,
        {
            "method.yaml": sample.replace("version: 1.0.0", "version: 3.0.0").replace(
                "{version: 1.0.0,", "{version: 3.0.0,"
            )
        },
    )
    methods = json.loads(run(site, "methods", "--json").stdout)
    assert [(m["id"], m["distribution"]) for m in methods] == [("good-method", "labkit-better")]
    data, _stderr, _code = plugins_json(site)
    assert data["conflicts"] == []


def test_strict_mode_turns_warnings_into_errors(site):
    result = run(site, "--strict", "methods")
    assert result.returncode == 1
    assert result.stderr.startswith("error: plugin labkit-broken 0.1.0 (labkit_broken): failed to load")
    assert run(site, "methods", env={"LABKIT_STRICT": "1"}).returncode == 1


def test_restricting_which_plugins_load(site):
    data, stderr, _code = plugins_json(site, env={"LABKIT_PLUGINS": "labkit-good"})
    assert [p["distribution"] for p in data["plugins"]] == ["labkit", "labkit-good"]
    assert stderr == ""
    data, _stderr, _code = plugins_json(site, env={"LABKIT_PLUGINS": ""})
    assert [p["distribution"] for p in data["plugins"]] == ["labkit"]


def test_listing_imports_no_document_libraries(site):
    code = (
        "import sys; from labkit.cli import main; main(['methods']); main(['plugins']);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'docxtpl', 'docx', 'matplotlib', 'jinja2'}))"
    )
    environment = {**os.environ, "PYTHONPATH": str(site), "LABKIT_PLUGINS": "labkit-good"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_published_plugins_are_real_distributions():
    # The plugins under plugins/ are installed (editable) in the test environment: found through entry points.
    from labkit.plugins import load_plugins

    names = {p.distribution for p in load_plugins(strict=False).plugins.values()}
    assert {"labkit-portalen", "labkit-safety-walk", "labkit-innovation-lab"} <= names
    assert shutil.which("labkit") or True
