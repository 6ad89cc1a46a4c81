"""The layers of labkit, read from the source: imports flow one way, there are no cycles, and no module reaches into
another package's private names.

model → files → plugins/catalog → documents (rendering only) and outcomes (calculation only) → the application
(labs, builds, batches, labkit's own plugin, the testing kit, the site) → cli. Every ``import`` counts, those inside
functions too; imports under ``if TYPE_CHECKING:`` only name types and do not count. A plugin's generate functions
are named by string (``lazy("module:function")``), which is how plugins reach the layers above the catalog without
importing them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "labkit"

#: Lowest first. A module belongs to the layer of its longest matching prefix.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("labkit.version", "labkit.errors", "labkit.text", "labkit.i18n", "labkit._gc")),
    ("model", ("labkit.model",)),
    ("files", ("labkit.files", "labkit.rules", "labkit._wordlists", "labkit._cache")),
    ("plugins and catalog", ("labkit.hookspecs", "labkit.plugins", "labkit.catalog", "labkit.generators")),
    ("documents and outcomes", ("labkit.documents", "labkit.outcomes", "labkit.accessibility")),
    (
        "application",
        (
            "labkit.app",
            "labkit.labs",
            "labkit.builtin",
            "labkit.testing",
            "labkit.scaffold",
            "labkit.site",
        ),
    ),
    ("cli", ("labkit.cli", "labkit.__main__")),
]

#: Packages of one layer that must not import each other: rendering knows nothing of calculation and back.
PEERS = [("labkit.documents", "labkit.outcomes")]

#: Known exceptions, each with the reason it is still there. Remove a line when its reason is gone.
ALLOWED = {
    # Moved to labkit.app; these modules forward their old names lazily until every caller has moved over.
    ("labkit.documents.render", "labkit.app.render"),
    ("labkit.documents.batch", "labkit.app.batch"),
}

#: Private names imported across packages, each with the reason. Remove a line when its reason is gone.
ALLOWED_PRIVATE: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def imports(name: str) -> Iterator[tuple[str, str, int]]:
    """``(imported module, imported name, line)`` for every import in module *name*, inside functions too."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if getattr(node, "lineno", 0) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, "", node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                yield target, alias.name, node.lineno


def resolve(target: str, name: str) -> str:
    """The labkit module an import refers to: ``from labkit.files import x`` is labkit.files, unless x is a module."""
    if f"{target}.{name}" in MODULES:
        return f"{target}.{name}"
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target


def edges() -> list[tuple[str, str, str, int]]:
    """``(importer, imported module, imported name, line)`` for every import of a labkit module."""
    found = []
    for name in MODULES:
        for target, imported, line in imports(name):
            if target == "labkit" or target.startswith("labkit."):
                found.append((name, resolve(target, imported), imported, line))
    return found


EDGES = edges()


def layer_of(module: str) -> int:
    best, index = "", -1
    for position, (_label, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > len(best):
                best, index = prefix, position
    return index


def test_every_module_has_a_layer():
    unplaced = [m for m in MODULES if m != "labkit" and layer_of(m) < 0]
    assert unplaced == []


def test_the_scan_sees_imports_inside_functions():
    found = {(a, b) for a, b, _name, _line in EDGES}
    # catalog imports the file loaders inside functions, on a cache miss only.
    assert ("labkit.catalog", "labkit.files") in found
    # Under TYPE_CHECKING only: not an edge.
    assert ("labkit.generators", "labkit.catalog") not in found


def test_imports_flow_down_the_layers():
    upward = [
        f"{a} ({LAYERS[layer_of(a)][0]}) imports {b} ({LAYERS[layer_of(b)][0]}) on line {line}"
        for a, b, _name, line in EDGES
        if a != "labkit" and b != "labkit" and layer_of(b) > layer_of(a) and (a, b) not in ALLOWED
    ]
    assert upward == []


def test_rendering_and_calculation_do_not_import_each_other():
    crossing = [
        f"{a} imports {b} on line {line}"
        for a, b, _name, line in EDGES
        for one, other in (*PEERS, *((o, n) for n, o in PEERS))
        if a.startswith(one) and b.startswith(other) and (a, b) not in ALLOWED
    ]
    assert crossing == []


def test_no_module_imports_the_root_package():
    """The root package is the public facade above every layer; inside labkit, import what you use from where
    it lives (the version from labkit.version)."""
    assert [f"{a} line {line}: {name}" for a, b, name, line in EDGES if b == "labkit"] == []


def test_no_import_cycles():
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for a, b, _name, _line in EDGES:
        if b in graph and a != b and (a, b) not in ALLOWED:
            graph[a].add(b)
    cycles = _cycles(graph)
    assert cycles == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_cycles():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def _package(module: str) -> str:
    return module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]


def _private_part(module: str) -> str | None:
    """The package that owns a private module (``labkit.files`` for labkit.files._convert), if it is private."""
    parts = module.split(".")
    for position, part in enumerate(parts):
        if part.startswith("_") and not part.startswith("__"):
            return ".".join(parts[:position])
    return None


def test_no_module_reaches_into_another_package_s_private_names():
    reaching = []
    for a, b, name, line in EDGES:
        if (a, b) in ALLOWED_PRIVATE:
            continue
        own = _package(a)
        owner = _private_part(b)
        if owner is not None and not (own == owner or own.startswith(owner + ".")):
            reaching.append(f"{a} line {line} imports the private module {b}")
        if name.startswith("_") and not name.startswith("__") and _package(b) != own and b != own:
            reaching.append(f"{a} line {line} imports the private name {b}.{name}")
    assert reaching == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_parses(module):
    assert ast.parse(MODULES[module].read_text(encoding="utf-8"))
