"""A third-party plugin with no Python file of its own, installed with pip into a fresh virtual environment, is
listed, renders its documents with its own template, and is used in a lab that labkit builds."""

from __future__ import annotations

import json
import string
from pathlib import Path

import docx
import pytest
from tests.venvs import fresh_environment, shell, write_lab_texts

from labkit.builtin import TEMPLATES

SCAFFOLD = Path(__file__).resolve().parents[2] / "src" / "labkit" / "scaffold" / "files"

PYPROJECT = """\
[build-system]
requires = ["hatchling>=1.21"]
build-backend = "hatchling.build"

[project]
name = "labkit-breakfast-club"
version = "2.1.0"
description = "A method plugin made of data files only"
requires-python = ">=3.11"
dependencies = ["labkit-core>=0.1"]

[project.entry-points.labkit]
breakfast-club = "labkit_breakfast_club"

[tool.hatch.build.targets.wheel]
packages = ["src/labkit_breakfast_club"]
"""


def make_plugin(root: Path, sample_method: str) -> Path:
    """The plugin's source tree: pyproject.toml and a package of YAML files and a Word template."""
    plugin = root / "labkit-breakfast-club"
    package = plugin / "src" / "labkit_breakfast_club"
    (package / "templates" / "breakfast-club").mkdir(parents=True)
    (plugin / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (package / "method.yaml").write_text(sample_method, encoding="utf-8")
    names = {"method_id": "breakfast-club"}
    for name in ("indicators.yaml", "documents.yaml"):
        text = (SCAFFOLD / f"{name}.tmpl").read_text(encoding="utf-8")
        (package / name).write_text(string.Template(text).safe_substitute(names), encoding="utf-8")
    template = docx.Document(str(TEMPLATES / "guide.docx"))
    template.add_paragraph("Breakfast club house template")
    template.save(str(package / "templates" / "breakfast-club" / "guide.docx"))
    return plugin


@pytest.mark.slow
def test_a_data_only_plugin_installed_with_pip_is_listed_rendered_and_used_in_a_lab(
    tmp_path, core_wheel, fake_site
):
    plugin = make_plugin(tmp_path, fake_site.sample_method("breakfast-club", "2.1.0"))
    assert [p.name for p in plugin.rglob("*.py")] == []  # no Python file of its own
    run = shell(fresh_environment(tmp_path, core_wheel), tmp_path)
    run(f"python -m pip install --quiet labkit-core {plugin}")

    data = json.loads(run("labkit --strict plugins --json").stdout)
    (entry,) = [p for p in data["plugins"] if p["distribution"] == "labkit-breakfast-club"]
    assert entry["data_only"] is True
    assert entry["version"] == "2.1.0"
    assert entry["methods"] == ["breakfast-club"]
    assert entry["document_kinds"] == ["breakfast-club-follow-up"]
    assert entry["indicators"] == ["breakfast-club-employers", "breakfast-club-meetings"]
    assert data["conflicts"] == [] and data["failed"] == []

    run("labkit guide breakfast-club --lang en -o guide.docx")
    guide = "\n".join(p.text for p in docx.Document(str(tmp_path / "guide.docx")).paragraphs)
    assert "Breakfast club house template" in guide  # the plugin's own template for its method
    run("labkit document breakfast-club-follow-up breakfast-club -o form.docx")
    assert (tmp_path / "form.docx").stat().st_size > 5_000

    run(
        "labkit lab new -o lab.yaml --name Frukostklubben --area Hageby --municipality Norrköping "
        "--host Bostadsbolaget --focus employment --methods breakfast-club"
    )
    write_lab_texts(tmp_path / "lab.yaml")  # the challenge and target group lab new leaves to the user
    run("labkit lab check lab.yaml")
    built = run("labkit build lab.yaml --out out --jobs 1")
    assert "built" in built.stdout
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    for name in ("breakfast-club-guide-sv.docx", "breakfast-club-breakfast-club-follow-up-sv.docx"):
        assert name in index
        assert list((tmp_path / "out").rglob(name))
