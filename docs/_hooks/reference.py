"""MkDocs hook: reference pages generated from the code at build time, so they cannot go stale.

Markers in pages are replaced:
``<!-- labkit:cli -->`` (every command, from the click definitions), ``<!-- labkit:hooks -->`` (every hook
specification) and ``<!-- labkit:formats -->`` (every field of the file formats, from the attrs model).
The functions are plain so that tests can check the output against the code.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
import typing
from pathlib import Path
from typing import Any

import attrs
import click

ROOT = Path(__file__).resolve().parents[2]


def _walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            found += _walk(command.commands[name], [*path, name])
    return found


def cli_reference() -> str:
    from labkit.cli import cli

    out = []
    for path, command in _walk(cli, ["labkit"]):
        ctx = click.Context(command, info_name=" ".join(path))
        out.append(f"### `{' '.join(path)}`\n")
        out.append(f"```text\n{command.get_usage(ctx)}\n```\n")
        help_text = inspect.cleandoc(command.help or "").replace("\b\n", "")
        if help_text:
            out.append(help_text + "\n")
        rows = []
        for param in command.params:
            if isinstance(param, click.Option):
                names = ", ".join(f"`{o}`" for o in param.opts)
                default = (
                    ""
                    if param.default in (None, False, ()) or callable(param.default)
                    else f" (default: `{param.default}`)"
                )
                rows.append(f"| {names} | {(param.help or '').replace('|', '/')}{default} |")
            elif isinstance(param, click.Argument):
                rows.append(
                    f"| `{param.human_readable_name}` | argument{'' if param.required else ' (optional)'} |"
                )
        if rows:
            out.append("| option | meaning |\n|---|---|\n" + "\n".join(rows) + "\n")
    return "\n".join(out)


def hooks_reference() -> str:
    from labkit import hookspecs

    out = []
    for name, function in inspect.getmembers(hookspecs, inspect.isfunction):
        if not name.startswith("labkit_"):
            continue
        signature = str(inspect.signature(function)).replace("'", "")
        out.append(f"### `{name}{signature}`\n")
        out.append(inspect.cleandoc(function.__doc__ or "") + "\n")
    return "\n".join(out)


def _field_docs(cls: type) -> dict[str, str]:
    """Docstrings written under attrs fields (a string literal right after the annotated assignment)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError):
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs = {}
    for node, following in itertools.pairwise(body):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and (
                isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            )
        ):
            docs[node.target.id] = " ".join(following.value.value.split())
    return docs


def _type_name(tp: Any) -> str:
    text = tp if isinstance(tp, str) else getattr(tp, "__name__", str(tp))
    return str(text).replace("typing.", "").replace("collections.abc.", "").replace("labkit.model.", "")


def _nested(tp: Any) -> list[type]:
    found = []
    if attrs.has(tp):
        found.append(tp)
    for arg in typing.get_args(tp):
        found += _nested(arg)
    return found


def formats_reference() -> str:
    from labkit import model

    roots = [model.Method, model.Lab, model.Indicator, model.Measurement, model.Form]
    seen: list[type] = []

    def visit(cls: type) -> None:
        if cls in seen:
            return
        seen.append(cls)
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            for inner in _nested(hints.get(field.name)):
                visit(inner)

    for root in roots:
        visit(root)
    out = []
    for cls in seen:
        out.append(f"### {cls.__name__}\n")
        doc = inspect.getdoc(cls) or ""
        if doc:
            out.append(doc.split("\n\n")[0] + "\n")
        docs = _field_docs(cls)
        rows = []
        for field in attrs.fields(cls):
            if field.default is attrs.NOTHING:
                required = "required"
            elif isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                required = "optional"
            else:
                required = (
                    f"optional (default `{field.default!r}`)"
                    if field.default not in ((), None)
                    else "optional"
                )
            rows.append(
                f"| `{field.name}` | `{_type_name(field.type)}` | {required} | {docs.get(field.name, '')} |"
            )
        out.append("| field | type | | meaning |\n|---|---|---|---|\n" + "\n".join(rows) + "\n")
    enums = [
        obj
        for name in model.__all__
        if isinstance(obj := getattr(model, name), type) and issubclass(obj, __import__("enum").Enum)
    ]
    out.append("### Vocabularies\n")
    out.append(
        "| name | values |\n|---|---|\n"
        + "\n".join(f"| `{e.__name__}` | {', '.join(f'`{m.value}`' for m in e)} |" for e in enums)
        + "\n"
    )
    return "\n".join(out)


def _example(path: Path, lines: int) -> str:
    text = "\n".join(path.read_text(encoding="utf-8").splitlines()[:lines])
    return f"```yaml\n{text}\n```\n"


def on_page_markdown(markdown: str, **_kwargs: Any) -> str:
    if "<!-- labkit:cli -->" in markdown:
        markdown = markdown.replace("<!-- labkit:cli -->", cli_reference())
    if "<!-- labkit:hooks -->" in markdown:
        markdown = markdown.replace("<!-- labkit:hooks -->", hooks_reference())
    if "<!-- labkit:formats -->" in markdown:
        markdown = markdown.replace("<!-- labkit:formats -->", formats_reference())
    if "<!-- labkit:example-method -->" in markdown:
        markdown = markdown.replace(
            "<!-- labkit:example-method -->",
            _example(
                ROOT / "plugins" / "labkit-safety-walk" / "src" / "labkit_safety_walk" / "method.yaml", 90
            ),
        )
    if "<!-- labkit:example-lab -->" in markdown:
        markdown = markdown.replace(
            "<!-- labkit:example-lab -->",
            _example(ROOT / "src" / "labkit" / "builtin" / "demo" / "lab.yaml", 80),
        )
    return markdown
