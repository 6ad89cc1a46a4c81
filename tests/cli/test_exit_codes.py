"""One behaviour per mistake: every command, every kind of mistake it can meet, the exit status in the table.

The table is :mod:`labkit.cli._exits` (the command-line reference prints it). This test walks the real command
tree: a command without a row in the table fails, a row without a way to make its mistake here fails, and each
mistake is made for real with each command and must give the table's exit status, an ``error:`` line and no
traceback. ``--lang`` is checked the same way everywhere, in any case.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import click
import pytest

from labkit.cli import cli, main
from labkit.cli._app import load_commands
from labkit.cli._exits import COMMAND_MISTAKES, ExitCode, Mistake
from labkit.cli._options import Languages
from labkit.labs.demo import DEMO_DIR

load_commands()  # every command's module, so the walks below see every command


def _walk(command: click.Command, path: list[str]) -> Iterator[tuple[str, click.Command]]:
    yield " ".join(path), command
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            if not sub.hidden:
                yield from _walk(sub, [*path, name])


COMMANDS = dict(_walk(cli, ["labkit"]))


@attrs.frozen
class Files:
    """What the mistakes are made with, in a fresh folder (also the working folder)."""

    root: Path

    @property
    def lab(self) -> str:
        return str(self.root / "lab.yaml")

    @property
    def invalid_lab(self) -> str:
        return str(self.root / "invalid.yaml")

    @property
    def missing(self) -> str:
        return str(self.root / "no-such-file.yaml")

    @property
    def bad_style(self) -> str:
        return str(self.root / "style.yaml")

    @property
    def bad_method(self) -> str:
        return str(self.root / "method.yaml")

    @property
    def blocked(self) -> str:
        """A path below a file: nothing can be written there."""
        return str(self.root / "a-file" / "out")

    @property
    def a_file(self) -> str:
        """A file where an output folder is asked for: a folder that cannot be written, like :attr:`blocked`."""
        return str(self.root / "a-file")

    @property
    def not_a_site(self) -> str:
        return str(self.root / "my-files")

    def out(self, name: str) -> str:
        return str(self.root / "out" / name)


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Files:
    shutil.copy(DEMO_DIR / "lab.yaml", tmp_path / "lab.yaml")
    shutil.copy(DEMO_DIR / "measurements.csv", tmp_path / "measurements.csv")
    (tmp_path / "invalid.yaml").write_text("id: Not An Id\nname: ''\n", encoding="utf-8")
    (tmp_path / "style.yaml").write_text("organisation: X\ncolours: {headings: red}\n", encoding="utf-8")
    (tmp_path / "method.yaml").write_text("id: half-a-method\nversion: one\n", encoding="utf-8")
    (tmp_path / "a-file").write_text("a file, not a folder", encoding="utf-8")
    (tmp_path / "labkit-breakfasts").mkdir()
    (tmp_path / "my-files").mkdir()
    (tmp_path / "my-files" / "notes.txt").write_text("mine", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return Files(tmp_path)


LAB_NEW = [
    "lab",
    "new",
    "--name",
    "L",
    "--area",
    "A",
    "--municipality",
    "M",
    "--host",
    "H",
    "--focus",
    "safety",
]

Recipe = Callable[[Files], list[list[str]]]
_U, _F, _N, _L, _O, _I, _W = Mistake

#: How to make each mistake with each command (one or more command lines; each must give the table's status).
RECIPES: dict[tuple[str, Mistake], Recipe] = {
    ("labkit", _U): lambda f: [["--no-such-option"], ["no-such-command"]],
    # Documents of one method.
    ("labkit guide", _U): lambda f: [["guide"], ["guide", "portalen", "--no-such-option"]],
    ("labkit guide", _F): lambda f: [["guide", "portalen", "--template", f.missing]],
    ("labkit guide", _N): lambda f: [["guide", "portalne"]],
    ("labkit guide", _L): lambda f: [["guide", "portalen", "--lang", "fr"]],
    ("labkit guide", _I): lambda f: [
        ["guide", "portalen", "--house-style", f.bad_style, "-o", f.out("g.docx")]
    ],
    ("labkit guide", _W): lambda f: [["guide", "portalen", "-o", f"{f.blocked}/g.docx"]],
    ("labkit checklist", _U): lambda f: [["checklist"], ["checklist", "portalen", "--role"]],
    ("labkit checklist", _F): lambda f: [["checklist", "portalen", "--house-style", f.missing]],
    ("labkit checklist", _N): lambda f: [
        ["checklist", "nope"],
        ["checklist", "safety-walk", "--role", "nobody"],
    ],
    ("labkit checklist", _L): lambda f: [["checklist", "safety-walk", "--lang", "fr"]],
    ("labkit checklist", _I): lambda f: [["checklist", "safety-walk", "--house-style", f.bad_style]],
    ("labkit checklist", _W): lambda f: [["checklist", "safety-walk", "-o", f"{f.blocked}/c.docx"]],
    ("labkit document", _U): lambda f: [["document", "walk-protocol"]],
    ("labkit document", _F): lambda f: [
        ["document", "walk-protocol", "safety-walk", "--template", f.missing]
    ],
    ("labkit document", _N): lambda f: [
        ["document", "no-such-kind", "safety-walk"],
        ["document", "walk-protocol", "nope"],
        ["document", "walk-protocol", "portalen"],
    ],
    ("labkit document", _L): lambda f: [["document", "walk-protocol", "safety-walk", "--lang", "fr"]],
    ("labkit document", _I): lambda f: [
        ["document", "walk-protocol", "safety-walk", "--house-style", f.bad_style]
    ],
    ("labkit document", _W): lambda f: [
        ["document", "walk-protocol", "safety-walk", "-o", f"{f.blocked}/d.docx"]
    ],
    ("labkit render", _U): lambda f: [["render", "--out", f.out("r")], ["render", "--all"]],
    ("labkit render", _F): lambda f: [["render", "--all", "--out", f.out("r"), "--house-style", f.missing]],
    ("labkit render", _L): lambda f: [["render", "--all", "--out", f.out("r"), "--lang", "sv,fr"]],
    ("labkit render", _I): lambda f: [["render", "--all", "--out", f.out("r"), "--house-style", f.bad_style]],
    ("labkit render", _W): lambda f: [
        ["render", "--all", "--out", f.blocked, "--jobs", "1"],
        ["render", "--all", "--out", f.a_file, "--jobs", "1"],
    ],
    # Labs.
    ("labkit lab", _U): lambda f: [["lab"], ["lab", "no-such-command"]],
    ("labkit lab new", _U): lambda f: [[*LAB_NEW, "--methods", "portalen", "--no-such-option"]],
    ("labkit lab new", _N): lambda f: [
        [*LAB_NEW, "--methods", "nope", "-o", f.out("n.yaml")],
        [*LAB_NEW[:-1], "nowhere", "--methods", "portalen", "-o", f.out("n.yaml")],
    ],
    ("labkit lab new", _L): lambda f: [
        [*LAB_NEW, "--methods", "portalen", "-o", f.out("n.yaml"), "--lang", "fr"]
    ],
    ("labkit lab new", _O): lambda f: [[*LAB_NEW, "--methods", "portalen", "-o", f.lab]],
    ("labkit lab new", _W): lambda f: [[*LAB_NEW, "--methods", "portalen", "-o", f"{f.blocked}/lab.yaml"]],
    ("labkit lab check", _U): lambda f: [["lab", "check"], ["lab", "check", f.lab, "--lang", "sv"]],
    ("labkit lab check", _F): lambda f: [["lab", "check", f.missing], ["lab", "check", "--json", f.missing]],
    ("labkit lab check", _I): lambda f: [["lab", "check", f.invalid_lab]],
    ("labkit lab plan", _U): lambda f: [["lab", "plan"]],
    ("labkit lab plan", _F): lambda f: [
        ["lab", "plan", f.missing],
        ["lab", "plan", f.lab, "--template", f.missing],
    ],
    ("labkit lab plan", _L): lambda f: [["lab", "plan", f.lab, "--lang", "fr"]],
    ("labkit lab plan", _I): lambda f: [["lab", "plan", f.invalid_lab]],
    ("labkit lab plan", _W): lambda f: [["lab", "plan", f.lab, "-o", f"{f.blocked}/p.docx"]],
    ("labkit lab checklist", _U): lambda f: [["lab", "checklist", f.lab]],
    ("labkit lab checklist", _F): lambda f: [["lab", "checklist", f.missing, "church"]],
    ("labkit lab checklist", _N): lambda f: [["lab", "checklist", f.lab, "nobody"]],
    ("labkit lab checklist", _L): lambda f: [["lab", "checklist", f.lab, "church", "--lang", "fr"]],
    ("labkit lab checklist", _I): lambda f: [["lab", "checklist", f.invalid_lab, "church"]],
    ("labkit lab checklist", _W): lambda f: [
        ["lab", "checklist", f.lab, "church", "-o", f"{f.blocked}/c.docx"]
    ],
    ("labkit build", _U): lambda f: [["build", f.lab], ["build", f.lab, "--out", f.out("b"), "--jobs", "0"]],
    ("labkit build", _F): lambda f: [
        ["build", f.missing, "--out", f.out("b")],
        ["build", f.lab, "--out", f.out("b"), "--house-style", f.missing],
    ],
    ("labkit build", _N): lambda f: [["build", f.lab, "--out", f.out("b"), "--kind", "lab-plan,nope"]],
    ("labkit build", _L): lambda f: [["build", f.lab, "--out", f.out("b"), "--lang", "fr"]],
    ("labkit build", _I): lambda f: [
        ["build", f.invalid_lab, "--out", f.out("b")],
        ["build", f.lab, "--out", f.out("b"), "--house-style", f.bad_style],
    ],
    ("labkit build", _W): lambda f: [
        ["build", f.lab, "--out", f.blocked, "--kind", "lab-plan", "--jobs", "1"],
        ["build", f.lab, "--out", f.a_file, "--kind", "lab-plan", "--jobs", "1"],
    ],
    ("labkit demo", _U): lambda f: [["demo", "--out"]],
    ("labkit demo", _N): lambda f: [["demo", "--out", f.out("d"), "--kind", "nope"]],
    ("labkit demo", _L): lambda f: [["demo", "--out", f.out("d"), "--lang", "fr"]],
    ("labkit demo", _W): lambda f: [
        ["demo", "--out", f.blocked, "--kind", "lab-plan", "--lang", "sv", "--jobs", "1"],
        ["demo", "--out", f.a_file, "--kind", "lab-plan", "--lang", "sv", "--jobs", "1"],
    ],
    ("labkit report", _U): lambda f: [["report"]],
    ("labkit report", _F): lambda f: [["report", f.missing], ["report", f.lab, "--data", f.missing]],
    ("labkit report", _L): lambda f: [["report", f.lab, "--lang", "fr"]],
    ("labkit report", _I): lambda f: [["report", f.invalid_lab]],
    ("labkit report", _W): lambda f: [
        ["report", f.lab, "-o", f"{f.blocked}/r.docx"],
        ["report", f.lab, "-o", f.out("r.docx"), "--charts", f.blocked],
        ["report", f.lab, "-o", f.out("r.docx"), "--charts", f.a_file],
        ["report", f.lab, "--json", "-o", f"{f.blocked}/r.json"],
    ],
    # Listings.
    ("labkit plugins", _U): lambda f: [["plugins", "extra-argument"]],
    ("labkit methods", _U): lambda f: [["methods", "--json", "extra"]],
    ("labkit methods", _N): lambda f: [["methods", "--focus", "nowhere"]],
    ("labkit methods", _L): lambda f: [["methods", "--lang", "fr"]],
    ("labkit methods show", _U): lambda f: [["methods", "show"]],
    ("labkit methods show", _N): lambda f: [["methods", "show", "portalne"]],
    ("labkit methods show", _L): lambda f: [["methods", "show", "portalen", "--lang", "fr"]],
    ("labkit indicators", _U): lambda f: [["indicators", "--no-such-option"]],
    ("labkit indicators", _L): lambda f: [["indicators", "--lang", "fr"]],
    ("labkit documents", _U): lambda f: [["documents", "--json"]],
    ("labkit documents", _L): lambda f: [["documents", "--lang", "fr"]],
    ("labkit check", _U): lambda f: [["check"]],
    ("labkit check", _F): lambda f: [["check", f.missing]],
    ("labkit check", _N): lambda f: [["check", "--plugin", "labkit-no-such-plugin"]],
    ("labkit check", _I): lambda f: [["check", f.bad_method]],
    # Publishing.
    ("labkit new-plugin", _U): lambda f: [["new-plugin"], ["new-plugin", "Not A Name"]],
    ("labkit new-plugin", _O): lambda f: [["new-plugin", "breakfasts", "--dir", str(f.root)]],
    ("labkit new-plugin", _W): lambda f: [
        ["new-plugin", "breakfasts", "--dir", f.blocked],
        ["new-plugin", "breakfasts", "--dir", f.a_file],
    ],
    ("labkit site", _U): lambda f: [["site"], ["site", "--out", f.out("s"), "--port", "99999"]],
    ("labkit site", _F): lambda f: [
        ["site", "--out", f.out("s"), "--templates", f.missing],
        ["site", "--out", f.out("s"), "--house-style", f.missing],
    ],
    ("labkit site", _L): lambda f: [["site", "--out", f.out("s"), "--lang", "fr"]],
    ("labkit site", _O): lambda f: [["site", "--out", f.not_a_site]],
    ("labkit site", _I): lambda f: [["site", "--out", f.out("s"), "--house-style", f.bad_style]],
    ("labkit site", _W): lambda f: [
        ["site", "--out", f.blocked, "--jobs", "1"],
        ["site", "--out", f.a_file, "--jobs", "1"],
    ],
    # Checking documents.
    ("labkit accessibility", _U): lambda f: [["accessibility"], ["accessibility", f.lab, "--no-such-option"]],
    ("labkit accessibility", _F): lambda f: [["accessibility", f.missing]],
    ("labkit accessibility", _I): lambda f: [
        ["accessibility", f.lab],
        ["accessibility", str(f.root / "a-file")],
    ],
}

CASES = [(command, mistake) for command, mistakes in COMMAND_MISTAKES.items() for mistake in mistakes]


def test_every_command_has_a_row_in_the_exit_code_table():
    assert sorted(COMMANDS) == sorted(COMMAND_MISTAKES), "add the new command to labkit.cli._exits"


def test_every_row_can_be_made_here_and_every_recipe_is_in_the_table():
    assert sorted(RECIPES, key=str) == sorted(CASES, key=str)


def test_every_command_can_be_used_wrongly():
    assert all(Mistake.USAGE in mistakes for mistakes in COMMAND_MISTAKES.values())


def test_the_table_keeps_3_for_bugs():
    assert {m.code for m in Mistake} == {ExitCode.PROBLEMS, ExitCode.USAGE}


@pytest.mark.parametrize(
    ("command", "mistake"), CASES, ids=[f"{c[7:] or 'labkit'}:{m.name}" for c, m in CASES]
)
def test_each_mistake_gives_its_exit_status(files, capsys, command, mistake):
    blocker = files.root / "a-file"
    for argv in RECIPES[command, mistake](files):
        status = main(argv)
        out, err = capsys.readouterr()
        assert status == mistake.code, (argv, out, err)
        assert "Traceback" not in out + err and "bug in labkit" not in err, argv
        if argv == ["lab"]:  # a group alone prints its help (status 2, as click has it)
            continue
        errors = [line for line in err.splitlines() if line.startswith("error: ")]
        assert errors, (argv, err)
        if mistake is Mistake.BAD_LANGUAGE:
            assert errors == [
                "error: --lang: 'fr' is not a language labkit supports (sv, en) "
                f"('{command} --help' shows how to use it)"
            ], argv
        if "--house-style" in argv and mistake is Mistake.INVALID_INPUT:
            assert len(errors) == 1, ("a house style's mistake once, not once per document", errors)
        if mistake is Mistake.CANNOT_WRITE:  # the path in the way is named, not a plugin that failed on it
            assert "a-file" in errors[0] and "plugin" not in errors[0], (argv, errors)
        if mistake is Mistake.MISSING_FILE:
            assert errors[0] in (f"error: {files.missing}: no such {what}" for what in ("file", "folder")), (
                argv
            )
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_bug_is_exit_status_3(monkeypatch, capsys, command):
    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("a bug")

    target = COMMANDS[command]
    monkeypatch.setattr(target, "callback", broken)
    argv = command.split()[1:]
    if command == "labkit":
        argv = ["plugins"]
    args = {
        "labkit guide": ["portalen"],
        "labkit checklist": ["portalen"],
        "labkit document": ["guide", "portalen"],
        "labkit lab checklist": [str(DEMO_DIR / "lab.yaml"), "church"],
        "labkit methods show": ["portalen"],
        "labkit new-plugin": ["x"],
        "labkit render": ["--all", "--out", "x"],
        "labkit build": [str(DEMO_DIR / "lab.yaml"), "--out", "x"],
        "labkit site": ["--out", "x"],
        "labkit accessibility": [str(DEMO_DIR / "lab.yaml")],
    }
    if command in ("labkit lab check", "labkit lab plan", "labkit report"):
        argv.append(str(DEMO_DIR / "lab.yaml"))
    if command == "labkit lab":
        argv.append("check")
        argv.append(str(DEMO_DIR / "lab.yaml"))
    argv += args.get(command, [])
    assert main(argv) == ExitCode.INTERNAL
    assert "internal error: RuntimeError: a bug" in capsys.readouterr().err


def _lang_options() -> list[tuple[str, click.Option]]:
    found = []
    for name, command in COMMANDS.items():
        for param in command.params:
            if isinstance(param, click.Option) and "--lang" in param.opts:
                found.append((name, param))
    return found


@pytest.mark.parametrize(("command", "option"), _lang_options(), ids=[c for c, _ in _lang_options()])
def test_every_lang_option_is_checked_the_same_way(command, option):
    assert isinstance(option.type, Languages)
    assert option.type.convert("EN", option, None) in ("en", ("en",))
    with pytest.raises(click.BadParameter, match=r"^'fr' is not a language labkit supports \(sv, en\)$"):
        option.type.convert("fr", option, None)
