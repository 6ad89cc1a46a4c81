"""The package as published: its public API, its one version, its declared dependencies, its plugins' requirement."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import labkit
from labkit.version import DISTRIBUTION

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "labkit"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
API_PAGE = (ROOT / "docs" / "reference" / "api.md").read_text(encoding="utf-8")
PLUGINS = sorted((ROOT / "plugins").glob("labkit-*"))


# -- the public API -------------------------------------------------------------------------------------------------


def public_names() -> set[str]:
    """Every public name the root package offers: imported at the top, or imported on first use."""
    tree = ast.parse((SRC / "__init__.py").read_text(encoding="utf-8"))
    names = set(labkit._LAZY)
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            names.update(alias.asname or alias.name for alias in node.names)
    return {n for n in names if not n.startswith("_") or n == "__version__"} - {
        "annotations",
        "TYPE_CHECKING",
        "Any",
    }


def test_all_is_complete():
    assert sorted(public_names()) == sorted(labkit.__all__)
    assert sorted(dir(labkit)) == sorted(labkit.__all__)


@pytest.mark.parametrize("name", labkit.__all__)
def test_every_public_name_resolves(name):
    assert getattr(labkit, name) is not None


@pytest.mark.parametrize("name", [n for n in labkit.__all__ if n != "__version__"])
def test_every_public_name_is_in_the_api_reference(name):
    assert re.search(rf"^\s+- {re.escape(name)}$", API_PAGE, re.M), (
        f"{name} is not listed in docs/reference/api.md"
    )


def test_the_plugin_author_api_is_at_the_root():
    """What a third-party generator needs, without reaching into labkit's modules."""
    for name in (
        "hookimpl",
        "Generator",
        "Takes",
        "Request",
        "Variant",
        "lazy",
        "render_docx",
        "Localizer",
        "doc_view",
        "method_view",
        "checklist_view",
        "format_number",
        "Document",
        "Image",
        "LabContext",
        "DataPlugin",
        "forms_from_file",
        "PluginError",
    ):
        assert name in labkit.__all__


# -- one version ----------------------------------------------------------------------------------------------------


def test_one_source_for_the_version():
    assert "version" not in PYPROJECT["project"]
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "src/labkit/version.py"
    assert importlib.metadata.version(DISTRIBUTION) == labkit.__version__
    defining = [
        p.relative_to(ROOT).as_posix()
        for p in SRC.rglob("*.py")
        if re.search(r"^__version__\s*=", p.read_text(encoding="utf-8"), re.M)
    ]
    assert defining == ["src/labkit/version.py"]


def test_the_distribution_is_labkit_core():
    assert PYPROJECT["project"]["name"] == DISTRIBUTION == "labkit-core"
    assert PYPROJECT["project"]["entry-points"]["labkit"] == {"core": "labkit.builtin"}


# -- dependencies ---------------------------------------------------------------------------------------------------


def third_party_imports() -> dict[str, set[str]]:
    """Top-level modules imported by labkit's source that are not in the standard library, and where."""
    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top not in sys.stdlib_module_names and top != "labkit":
                    found.setdefault(top, set()).add(path.relative_to(SRC).as_posix())
    return found


def declared(extra: str | None = None) -> set[str]:
    requirements = PYPROJECT["project"]["dependencies"]
    if extra:
        requirements = requirements + PYPROJECT["project"]["optional-dependencies"][extra]
    return {Requirement(r).name.lower() for r in requirements}


def test_every_directly_imported_package_is_declared():
    distributions = importlib.metadata.packages_distributions()
    missing = []
    for module, where in sorted(third_party_imports().items()):
        names = {d.lower() for d in distributions.get(module, [module])}
        # The pytest plugin and the shared plugin suite run under pytest: the [test] extra brings it.
        needed = (
            declared("test") if where <= {"testing/pytest_plugin.py", "testing/_suite.py"} else declared()
        )
        if not names & needed:
            missing.append(f"{module} ({', '.join(sorted(names))}) imported in {', '.join(sorted(where))}")
    assert missing == []


def test_the_dependency_check_sees_the_packages_named_in_the_issue():
    assert {"numpy", "lxml", "markupsafe", "packaging"} <= set(third_party_imports())


# -- the plugins ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("plugin", PLUGINS, ids=lambda p: p.name)
def test_every_plugin_requires_labkit_core_and_holds_no_python(plugin):
    project = tomllib.loads((plugin / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(r) for r in project["dependencies"]]
    assert [r.name for r in requirements if r.name == DISTRIBUTION] == [DISTRIBUTION]
    assert all(r.name != "labkit" for r in requirements)
    core = next(r for r in requirements if r.name == DISTRIBUTION)
    assert core.specifier.contains(labkit.__version__)
    assert [p.name for p in (plugin / "src").rglob("*.py")] == []
    tests = list((plugin / "tests").glob("test_*.py"))
    assert len(tests) == 1 and "PluginTests" in tests[0].read_text(encoding="utf-8")


def test_docs_and_readmes_install_labkit_by_its_distribution_name():
    texts = [ROOT / "README.md", *ROOT.glob("docs/**/*.md"), *ROOT.glob("plugins/*/README.md")]
    wrong = [
        f"{path.relative_to(ROOT)}: {match[0]}"
        for path in texts
        for match in re.finditer(
            r"pip install (?:-[-\w]+ )*labkit(?![-\w])", path.read_text(encoding="utf-8")
        )
    ]
    assert wrong == []
