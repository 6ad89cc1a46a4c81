"""One way to write a file: every module writes through :func:`labkit.files.atomic_write`.

atomic_write writes a temporary file, flushes it to disk and renames it into place, never follows a symbolic link
at the target, never changes the umask and names the target in its errors, so a failure (a full disk, Ctrl-C)
leaves the old file or none, never half a file. This test reads the source and finds every other way of writing:
``open()`` for writing, ``Path.write_text``/``write_bytes``, ``os.open`` with ``O_CREAT`` or ``O_WRONLY``,
temporary files, copies, and renames. Each exception below says why it is one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "labkit"

#: (module, what) pairs allowed to write on their own, with the reason.
ALLOWED = {
    # atomic_write itself.
    ("files/__init__.py", "fdopen for writing"),
    ("files/__init__.py", "rename"),
    # The scaffold writes every file with atomic_write into a hidden folder, then renames the whole folder into
    # place, so a plugin appears complete or not at all.
    ("scaffold/__init__.py", "rename"),
    # LibreOffice writes each PDF into a temporary folder of labkit's (with its temporary profile); labkit then
    # saves the finished PDF with atomic_write.
    ("documents/pdf.py", "temporary folder"),
}

_WRITE_MODES = set("wax+")
_TEMPORARY = {"mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"}
_TEMPORARY_FOLDER = {"TemporaryDirectory"}
_COPIES = {"copy", "copy2", "copyfile", "copytree", "copyfileobj", "move"}


def _writes(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        owner = ast.unparse(func.value) if isinstance(func, ast.Attribute) else ""
        if name == "open" and owner == "os":
            flags = ast.unparse(node.args[1]) if len(node.args) > 1 else ""
            if any(flag in flags for flag in ("O_CREAT", "O_WRONLY", "O_RDWR", "O_APPEND", "O_TRUNC")):
                yield node.lineno, "os.open for writing"
        elif name == "open":
            at = 1 if owner in ("", "io", "builtins", "codecs") else 0  # open(path, mode) or path.open(mode)
            mode = node.args[at] if len(node.args) > at else None
            mode = next((k.value for k in node.keywords if k.arg == "mode"), mode)
            if (
                isinstance(mode, ast.Constant)
                and isinstance(mode.value, str)
                and _WRITE_MODES & set(mode.value)
            ):
                yield node.lineno, "open for writing"
        elif name == "fdopen" and any(
            isinstance(a, ast.Constant) and isinstance(a.value, str) and _WRITE_MODES & set(a.value)
            for a in node.args[1:]
        ):
            yield node.lineno, "fdopen for writing"
        elif name in ("write_text", "write_bytes"):
            yield node.lineno, name
        elif name in _TEMPORARY:
            yield node.lineno, "temporary file"
        elif name in _TEMPORARY_FOLDER:
            yield node.lineno, "temporary folder"
        elif name in _COPIES and owner == "shutil":
            yield node.lineno, "copy"
        elif name in ("rename", "replace") and (owner == "os" or (len(node.args) == 1 and not node.keywords)):
            yield node.lineno, "rename"


def _found() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        for line, what in _writes(ast.parse(path.read_text(encoding="utf-8"))):
            found.append((module, line, what))
    return found


def test_every_file_is_written_through_atomic_write():
    unexpected = [
        f"{module}:{line}: {what}" for module, line, what in _found() if (module, what) not in ALLOWED
    ]
    assert unexpected == [], "write through labkit.files.atomic_write (or add a reasoned exception here)"


def test_every_exception_is_still_needed():
    used = {(module, what) for module, _line, what in _found()}
    assert sorted(ALLOWED - used) == []


@pytest.mark.parametrize(
    ("source", "what"),
    [
        ("open(p, 'w')", "open for writing"),
        ("open(p, mode='ab')", "open for writing"),
        ("path.open('w', encoding='utf-8')", "open for writing"),
        ("p.write_text('x')", "write_text"),
        ("os.open(p, os.O_WRONLY | os.O_CREAT)", "os.open for writing"),
        ("tempfile.mkstemp()", "temporary file"),
        ("shutil.copyfile(a, b)", "copy"),
        ("os.replace(a, b)", "rename"),
        ("tmp.replace(path)", "rename"),
    ],
)
def test_the_scan_finds_each_way_of_writing(source, what):
    assert [w for _line, w in _writes(ast.parse(source))] == [what]


@pytest.mark.parametrize(
    "source", ["open(p)", "open(p, 'rb')", "text.replace('a', 'b')", "os.open(p, os.O_RDONLY)"]
)
def test_the_scan_leaves_reading_alone(source):
    assert list(_writes(ast.parse(source))) == []
