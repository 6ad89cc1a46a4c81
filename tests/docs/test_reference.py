"""The generated reference (docs/_hooks/reference.py) covers every command, option, hook and model field.

The MkDocs hook replaces markers in pages with text generated from the code, so the reference cannot go stale;
these tests make sure nothing is left out when commands, hooks or fields are added.
"""

from __future__ import annotations

import enum
import importlib.util
import inspect
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import attrs
import click
import pytest
import yaml

from labkit import hookspecs, model
from labkit.cli import cli
from labkit.cli._app import load_commands
from labkit.documents import housestyle
from labkit.files import load_lab, load_method
from labkit.labs.demo import demo_lab_path

load_commands()  # every command's module, so the walks below see every command

DOCS = Path(__file__).parents[2] / "docs"
HOOK_FILE = DOCS / "_hooks" / "reference.py"
SAMPLE_METHOD = Path(__file__).parents[1] / "data" / "sample-method.yaml"


@pytest.fixture(scope="module")
def reference() -> ModuleType:
    spec = importlib.util.spec_from_file_location("labkit_docs_reference", HOOK_FILE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def cli_text(reference: ModuleType) -> str:
    return str(reference.cli_reference())


@pytest.fixture(scope="module")
def formats_text(reference: ModuleType) -> str:
    return str(reference.formats_reference())


def commands(command: click.Command, path: list[str]) -> Iterator[tuple[str, click.Command]]:
    yield " ".join(path), command
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            if not sub.hidden:
                yield from commands(sub, [*path, name])


def section(text: str, heading: str) -> str:
    """The text under *heading* up to the next heading of the same or a higher level."""
    assert heading in text, heading
    level = heading.split(" ", 1)[0]
    rest = text.split(heading, 1)[1]
    return re.split(rf"\n#{{1,{len(level)}}} ", rest, maxsplit=1)[0]


ALL_COMMANDS = list(commands(cli, ["labkit"]))


def test_the_command_walk_finds_nested_commands():
    names = [name for name, _ in ALL_COMMANDS]
    assert {"labkit", "labkit guide", "labkit lab new", "labkit lab check", "labkit methods show"} <= set(
        names
    )


@pytest.mark.parametrize(("name", "command"), ALL_COMMANDS, ids=[name for name, _ in ALL_COMMANDS])
def test_every_command_option_and_argument_is_in_the_cli_reference(cli_text, name, command):
    text = section(cli_text, f"### `{name}`")
    ctx = click.Context(command, info_name=name)
    assert command.get_usage(ctx).removeprefix("Usage: ") in text
    if command.help:
        first = " ".join(inspect.cleandoc(command.help).split("\n\n")[0].split())
        assert first in " ".join(text.split())
    for param in command.params:
        if isinstance(param, click.Option):
            if param.hidden:
                continue
            for opt in param.opts:
                assert f"`{opt}`" in text, (name, opt)
            if param.help:
                assert " ".join(param.help.split()) in text, (name, param.name)
            if param.show_default and param.default not in (None, False):
                assert f"`{param.default}`" in text, (name, param.name)
        else:
            assert f"`{param.human_readable_name}`" in text, (name, param.name)


def test_the_cli_reference_lists_every_command_in_its_overview(cli_text):
    overview = cli_text.split("\n### ", 1)[0]
    for name, _command in ALL_COMMANDS[1:]:
        assert f"[`{name}`](#{name.replace(' ', '-')})" in overview


def test_the_cli_reference_shows_no_internal_values(cli_text):
    assert "UNSET" not in cli_text
    assert "Sentinel" not in cli_text
    assert "\b" not in cli_text


def hookspec_functions() -> list[tuple[str, object]]:
    return [
        (name, function)
        for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(function, f"{hookspecs.PROJECT_NAME}_spec")
    ]


def test_every_hook_is_in_the_hook_reference(reference):
    text = reference.hooks_reference()
    found = hookspec_functions()
    assert len(found) >= 6
    for name, function in found:
        part = section(text, f"### `{name}`")
        signature = str(inspect.signature(function)).replace("'", "")  # type: ignore[arg-type]
        assert f"def {name}{signature}" in part
        summary = inspect.cleandoc(function.__doc__ or "").splitlines()[0]  # type: ignore[attr-defined]
        assert reference._rst_to_md(summary) in part


def model_classes() -> list[type]:
    classes = [getattr(model, name) for name in model.__all__]
    return [c for c in classes if isinstance(c, type) and attrs.has(c)] + [
        housestyle.HouseStyle,
        housestyle.Colours,
        housestyle.Fonts,
    ]


@pytest.mark.parametrize("cls", model_classes(), ids=lambda c: c.__name__)
def test_every_field_of_every_model_class_is_in_the_file_formats(formats_text, cls):
    part = section(formats_text, f"### {cls.__name__}\n")
    for field in attrs.fields(cls):
        assert f"| `{field.name}` |" in part, (cls.__name__, field.name)
        required = field.default is attrs.NOTHING
        row = next(line for line in part.splitlines() if line.startswith(f"| `{field.name}` |"))
        assert ("**required**" in row) == required, row


def test_the_file_formats_do_not_change_once_files_are_loaded(reference):
    # cattrs resolves the annotations of the model classes in place when it first structures a file; the
    # reference reads the annotations from the source, so it says "text" (not "str or Mapping") either way.
    before = reference.formats_reference()
    load_method(SAMPLE_METHOD)
    load_lab(demo_lab_path())
    after = reference.formats_reference()
    assert after == before
    assert "| `name` | [text](#texts) | **required** |" in section(after, "### Method\n")
    assert "| `budget` | [Budget](#budget) | optional |" in section(after, "### Lab\n")


def test_every_vocabulary_value_is_in_the_file_formats(formats_text):
    vocabularies = [getattr(model, n) for n in model.__all__]
    vocabularies = [v for v in vocabularies if isinstance(v, type) and issubclass(v, enum.Enum)]
    assert vocabularies
    for vocabulary in vocabularies:
        part = section(formats_text, f"### {vocabulary.__name__}\n")
        for member in vocabulary:
            assert f"| `{member.value}` |" in part, (vocabulary.__name__, member.value)


def test_docstrings_written_under_fields_reach_the_reference(reference, formats_text):
    docs = reference._attribute_docs(model.ChosenMethod)
    assert docs["responsible"] == "The partner accountable for the method in this lab."
    assert "The partner accountable for the method in this lab." in section(
        formats_text, "### ChosenMethod\n"
    )
    # Enum members carry their docstrings the same way.
    assert reference._attribute_docs(model.FocusArea)["SAFETY"]
    assert "Reduce long-term unemployment." in section(formats_text, "### FocusArea\n")


def test_the_examples_in_the_file_formats_are_valid(formats_text):
    blocks = re.findall(r"```yaml\n(.*?)```", formats_text, re.S)
    assert len(blocks) >= 5
    for block in blocks:
        assert yaml.safe_load(block) is not None


def test_the_evidence_scale_has_every_level(reference):
    text = reference.evidence_reference()
    for level in model.EVIDENCE_SCALE:
        assert f"| {level} |" in text


def test_every_marker_is_used_and_replaced(reference):
    pages = {page: page.read_text(encoding="utf-8") for page in DOCS.rglob("*.md")}
    for name in reference.MARKERS:
        marker = f"<!-- labkit:{name} -->"
        using = [page for page, text in pages.items() if marker in text]
        assert using, f"no page uses {marker}"
        for page in using:
            assert "<!-- labkit:" not in reference.on_page_markdown(pages[page])


def test_sphinx_roles_become_code(reference):
    html = "Return :class:<code>~labkit.model.Method</code> or :func:<code>labkit.render</code>."
    assert reference.on_page_content(html) == "Return <code>Method</code> or <code>labkit.render</code>."


def test_the_exit_code_table_is_the_code(reference):
    """The reference prints labkit.cli._exits, which tests/cli/test_exit_codes.py checks against the commands."""
    from labkit.cli._exits import COMMAND_MISTAKES, MISTAKES, ExitCode, Mistake

    text = reference.exit_codes_reference()
    assert "<!-- labkit:exit-codes -->" in (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    for code in ExitCode:
        assert f"| `{code.value}` |" in text
    for mistake in MISTAKES:
        assert f"| {mistake.label} | `{mistake.code.value}` |" in text
    rows = {line.split(" | ")[0]: line for line in text.splitlines() if line.startswith("| [")}
    assert len(rows) == len(COMMAND_MISTAKES) == len(ALL_COMMANDS)
    for command, mistakes in COMMAND_MISTAKES.items():
        name = command.removeprefix("labkit").strip() or "(alone)"
        row = rows[f"| [{name}](#{command.replace(' ', '-')})"]
        cells = row.strip("|").split(" | ")[1:]
        columns = [m for m in MISTAKES if m is not Mistake.USAGE]  # every command has it: said once above
        assert [c.strip() for c in cells] == [str(m.code.value) if m in mistakes else "–" for m in columns]
    assert "Every command can meet wrong usage." in text
