"""MkDocs hook: reference text generated from the code at build time, so it cannot go stale.

Markers in pages are replaced with generated Markdown:

- ``<!-- labkit:cli -->``: every command of ``labkit`` (walked from the click definitions) with its usage, help
  text, arguments and every option with its help and default;
- ``<!-- labkit:exit-codes -->``: the exit statuses and, for every command, the status of each kind of mistake
  (from :mod:`labkit.cli._exits`, which tests/cli/test_exit_codes.py checks against the real commands);
- ``<!-- labkit:hooks -->``: every hook specification in :mod:`labkit.hookspecs` with its signature and docstring;
- ``<!-- labkit:formats -->``: every file format from the attrs model (each class, each field with its type,
  whether it is required, its rules and the docstring written under it), with examples from real files;
- ``<!-- labkit:evidence -->``: the evidence scale from :data:`labkit.model.EVIDENCE_SCALE`.

The generating functions are plain (``cli_reference()``, ``hooks_reference()``, ``formats_reference()``,
``evidence_reference()``) so that tests can compare their output with the code. ``on_page_content`` turns the
Sphinx roles some docstrings use (``:class:`~labkit.model.Method```) into plain code in the API pages.
"""

from __future__ import annotations

import ast
import enum
import inspect
import itertools
import re
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import click

ROOT = Path(__file__).resolve().parents[2]

MARKERS = ("cli", "exit-codes", "hooks", "formats", "evidence")

_ROLE_MD = re.compile(r":(?:class|func|meth|attr|data|mod|exc|obj):`(~?)([\w.]+)`")
_ROLE_HTML = re.compile(r":(?:class|func|meth|attr|data|mod|exc|obj):<code>(~?)([\w.]+)</code>")


def _rst_to_md(text: str) -> str:
    """Docstring markup (Sphinx roles, double-backtick literals) as Markdown."""
    text = _ROLE_MD.sub(lambda m: f"`{m[2].rsplit('.', 1)[-1] if m[1] else m[2]}`", text)
    return re.sub(r"``(.+?)``", r"`\1`", text)


def _cell(text: str) -> str:
    """Text that is safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


# -- command line ----------------------------------------------------------------------------------------------


def _walk(
    command: click.Command, path: list[str], parent: click.Context | None = None
) -> Iterator[tuple[list[str], click.Command, click.Context]]:
    """Every command below *command* (depth first, alphabetical), each with a context for its usage line."""
    ctx = click.Context(command, info_name=path[-1], parent=parent)
    yield path, command, ctx
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from _walk(sub, [*path, name], ctx)


def _anchor(text: str) -> str:
    """The id MkDocs gives a heading (Python-Markdown's default slugify)."""
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", text).strip().lower())


def _unset(value: Any) -> bool:
    return value is None or "UNSET" in repr(value) or "Sentinel" in type(value).__name__


def _help_markdown(text: str) -> str:
    """Click help text as Markdown: ``\\b`` paragraphs stay as they are written, others are reflowed."""
    text = inspect.cleandoc(text).split("\f")[0]
    out = []
    for block in re.split(r"\n\s*\n", text):
        if block.startswith("\b"):
            out.append("```text\n" + block[1:].strip("\n") + "\n```")
        elif block.strip():
            out.append(" ".join(block.split()))
    return "\n\n".join(out)


def _metavar(param: click.Parameter, ctx: click.Context) -> str:
    if isinstance(param, click.Option) and param.is_flag:
        return ""
    try:
        return param.make_metavar(ctx)
    except TypeError:  # click before 8.2
        return param.make_metavar()  # type: ignore[call-arg]


def _default(param: click.Option) -> str:
    default = param.default
    if param.is_flag or callable(default) or _unset(default) or default in ((), ""):
        return ""
    if isinstance(default, (list, tuple)):
        default = ", ".join(map(str, default))
    return f"`{default}`"


def _first_paragraph(text: str | None) -> str:
    return " ".join(inspect.cleandoc(text or "").split("\n\n")[0].split())


def cli_reference() -> str:
    """The reference of every ``labkit`` command, generated from the click definitions."""
    from labkit.cli import cli
    from labkit.cli._app import load_commands

    load_commands()

    commands = list(_walk(cli, ["labkit"]))
    out = ["| command | what it does |", "|---|---|"]
    for path, command, _ctx in commands[1:]:
        name = " ".join(path)
        summary = _cell(_first_paragraph(command.help))
        out.append(f"| [`{name}`](#{_anchor(name)}) | {summary} |")
    out.append("")
    for path, command, ctx in commands:
        name = " ".join(path)
        out.append(f"### `{name}`\n")
        out.append("```text\n" + command.get_usage(ctx).removeprefix("Usage: ") + "\n```\n")
        if command.help:
            out.append(_help_markdown(command.help) + "\n")
        if isinstance(command, click.Group):
            subs = [
                f"[`{name} {sub}`](#{_anchor(f'{name} {sub}')})"
                for sub in command.list_commands(ctx)
                if not command.commands[sub].hidden
            ]
            extra = (
                " It also works on its own, without a subcommand." if command.invoke_without_command else ""
            )
            out.append(f"Subcommands: {', '.join(subs)}.{extra}\n")
        arguments = [p for p in command.params if isinstance(p, click.Argument)]
        if arguments:
            out.append("| argument | |\n|---|---|")
            for arg in arguments:
                how = "required" if arg.required else "optional"
                if arg.nargs == -1:
                    how += ", one or more" if arg.required else ", any number"
                out.append(f"| `{arg.human_readable_name}` | {how} |")
            out.append("")
        options = [p for p in command.params if isinstance(p, click.Option) and not p.hidden]
        if options:
            out.append("| option | value | meaning | default |\n|---|---|---|---|")
            for opt in options:
                names = ", ".join(f"`{o}`" for o in [*opt.opts, *opt.secondary_opts])
                meaning = opt.help or ""
                if opt.required:
                    meaning += " Required."
                if opt.multiple:
                    meaning += " Can be given more than once."
                envvars = [opt.envvar] if isinstance(opt.envvar, str) else list(opt.envvar or ())
                if envvars:
                    meaning += " Environment variable: " + ", ".join(f"`{e}`" for e in envvars) + "."
                metavar = _metavar(opt, ctx)
                describe = getattr(opt.type, "_describe_range", None)
                if callable(describe):
                    metavar = f"{metavar.replace(' RANGE', '')} {describe()}"
                out.append(
                    f"| {names} | {f'`{_cell(metavar)}`' if metavar else ''} | {_cell(meaning)} | {_default(opt)} |"
                )
            out.append("")
    return "\n".join(out)


def exit_codes_reference() -> str:
    """The exit statuses, the kinds of mistake with their status, and which command can meet which mistake."""
    from labkit.cli._exits import COMMAND_MISTAKES, MISTAKES, ExitCode

    out = ["| status | meaning |", "|---|---|"]
    for code in ExitCode:
        meaning = _cell(" ".join(inspect.cleandoc(_attribute_docs(ExitCode).get(code.name, "")).split()))
        out.append(f"| `{code.value}` | {_rst_to_md(meaning)} |")
    out += ["", "Each kind of mistake has one exit status, whichever command meets it:", ""]
    out += ["| mistake | status | for example |", "|---|---|---|"]
    out += [f"| {m.label} | `{m.code.value}` | {_cell(m.example)} |" for m in MISTAKES]
    everywhere = [m for m in MISTAKES if all(m in ms for ms in COMMAND_MISTAKES.values())]
    columns = [m for m in MISTAKES if m not in everywhere]
    out += [
        "",
        f"Every command can meet {' and '.join(m.label for m in everywhere)}. The other mistakes each command "
        "can meet, with the status it gives (– where it cannot happen):",
        "",
    ]
    out.append("| labkit … | " + " | ".join(m.label.replace("--", "\u2011\u2011") for m in columns) + " |")
    out.append("|---|" + ":-:|" * len(columns))
    for command, mistakes in COMMAND_MISTAKES.items():
        cells = [str(m.code.value) if m in mistakes else "–" for m in columns]
        name = command.removeprefix("labkit").strip() or "(alone)"
        out.append(f"| [{name}](#{_anchor(command)}) | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


# -- hooks -----------------------------------------------------------------------------------------------------


def _hookspecs() -> list[tuple[str, Callable[..., Any]]]:
    from labkit import hookspecs

    found = [
        (name, function)
        for name, function in vars(hookspecs).items()
        if inspect.isfunction(function) and hasattr(function, f"{hookspecs.PROJECT_NAME}_spec")
    ]
    return sorted(found, key=lambda item: inspect.getsourcelines(item[1])[1])


def hooks_reference() -> str:
    """Every hook specification with its signature and docstring, in the order of labkit.hookspecs."""
    out = []
    for name, function in _hookspecs():
        signature = str(inspect.signature(function)).replace("'", "")
        out.append(f"### `{name}`\n")
        out.append(f"```python\n@hookimpl\ndef {name}{signature}: ...\n```\n")
        out.append(_rst_to_md(inspect.cleandoc(function.__doc__ or "")) + "\n")
    return "\n".join(out)


# -- file formats ----------------------------------------------------------------------------------------------


def _class_body(cls: type) -> list[ast.stmt]:
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):
        return []
    return tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []


def _assigned_name(node: ast.stmt) -> str | None:
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return node.target.id
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
        return node.targets[0].id
    return None


def _attribute_docs(cls: type) -> dict[str, str]:
    """Docstrings written under attributes: the string literal right after an assignment in the class body.

    attrs (like dataclasses) keeps no such docstring at run time, so the class source is parsed with ``ast``.
    """
    docs = {}
    for node, following in itertools.pairwise(_class_body(cls)):
        name = _assigned_name(node)
        if (
            name is not None
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[name] = _rst_to_md(" ".join(following.value.value.split()))
    return docs


def _annotations(cls: type) -> dict[str, str]:
    """Field annotations as written in the source (``tuple[Role, ...]``, ``LocalizedText``).

    ``attrs.fields(cls)[i].type`` is no substitute: cattrs resolves it in place to the real types the first time a
    file is loaded, which loses alias names such as ``LocalizedText``.
    """
    return {
        node.target.id: ast.unparse(node.annotation)
        for node in _class_body(cls)
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    }


_SCALARS = {
    "str": "text",
    "int": "whole number",
    "float": "number",
    "bool": "`true` or `false`",
    "date": "date (`YYYY-MM-DD`)",
    "LocalizedText": "[text](#texts)",
    "Period": "[period](#periods)",
    "Any": "any",
}


class _Types:
    """Renders annotation strings (``tuple[Role, ...]``) as readable Markdown with links to other sections."""

    def __init__(self, known: dict[str, type]) -> None:
        self.known = known

    def render(self, annotation: Any) -> str:
        text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", str(annotation))
        try:
            node = ast.parse(text, mode="eval").body
        except SyntaxError:
            return f"`{text}`"
        return self._node(node)

    def _node(self, node: ast.expr) -> str:
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            parts = [p for p in (node.left, node.right) if not _is_none(p)]
            return " or ".join(self._node(p) for p in parts)
        if isinstance(node, ast.Subscript):
            outer = _dotted(node.value)
            args = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            if outer in ("tuple", "Sequence", "list"):
                if len(args) == 2 and isinstance(args[1], ast.Constant) and args[1].value is Ellipsis:
                    return "list of " + self._node(args[0])
                return "list of " + ", ".join(self._node(a) for a in args)
            if outer in ("Mapping", "dict"):
                return f"mapping of {self._node(args[0])} to {self._node(args[1])}"
            return f"`{ast.unparse(node)}`"
        name = _dotted(node).rsplit(".", 1)[-1]
        if name in self.known:
            return f"[{name}](#{name.lower()})"
        return _SCALARS.get(name, f"`{name}`")


def _dotted(node: ast.expr) -> str:
    return ast.unparse(node)


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


_VALIDATOR_TEXT = {
    "check_slug": "an id: lowercase a–z, digits and single hyphens, at most 64 characters",
    "check_slug_list": "ids (lowercase a–z, digits and single hyphens)",
    "non_empty": "not empty",
    "check_semver": "a semantic version like `1.2.0`",
    "check_version_constraint": "`1.2.0`, `^1.2`, `~1.2.0`, `>=1.0, <2`, `>=1.0.0-alpha.2` or `*`",
    "check_http_url": "a web address starting with `http://` or `https://`",
    "check_year": "a year between 1800 and 2200",
    "check_language_code": "a language code like `sv` or `en`",
    "check_document_language": "`sv` or `en` (upper or lower case)",
    "check_period": "`2019`, `2019-H1`, `2019-Q3`, `2019-05` or `2018/19` (the school year's second year following the first)",
    "_finite": "a finite number",
    "_share_assumption": "low and high between 0 and 1",
    "_max_not_below_min": "not below `min_sek`",
    "_denominator_not_below_numerator": "not below `numerator`",
    "_ordered": "`low` ≤ `central` ≤ `high`",
    "_row_width": "one cell per column in every row",
}


def _validators(validator: Any) -> Iterator[Any]:
    if validator is None:
        return
    if isinstance(validator, (list, tuple)):
        for item in validator:
            yield from _validators(item)
    elif hasattr(validator, "_validators"):  # attrs.validators.and_
        yield from _validators(validator._validators)
    elif hasattr(validator, "validator") and "Optional" in type(validator).__name__:
        yield from _validators(validator.validator)
    else:
        yield validator


def _rules(field: attrs.Attribute) -> str:  # type: ignore[type-arg]
    rules: list[str] = []
    for validator in _validators(field.validator):
        name = getattr(validator, "__name__", "")
        qualname = getattr(validator, "__qualname__", "")
        if name in _VALIDATOR_TEXT:
            text = _VALIDATOR_TEXT[name]
        elif qualname.startswith("check_unique_ids"):
            text = "ids unique within the list"
        elif hasattr(validator, "compare_op") and hasattr(validator, "bound"):
            text = f"{ {'>=': '≥', '<=': '≤'}.get(validator.compare_op, validator.compare_op) } {validator.bound}"
        elif hasattr(validator, "pattern"):
            pattern = getattr(validator.pattern, "pattern", validator.pattern)
            text = f"matches `{pattern}`"
        else:
            continue
        if text not in rules:
            rules.append(text)
    return "; ".join(rules)


def _requirement(field: attrs.Attribute) -> str:  # type: ignore[type-arg]
    default = field.default
    if default is attrs.NOTHING:
        return "**required**"
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return "optional"
    if default in ((), None):
        return "optional"
    if isinstance(default, bool):
        return f"optional, default `{str(default).lower()}`"
    return f"optional, default `{default}`"


def _class_table(cls: type, types: _Types) -> str:
    docs = _attribute_docs(cls)
    written = _annotations(cls)
    hints_source = {f.name: written.get(f.name, f.type) for f in attrs.fields(cls)}
    rows = ["| field | type | | rules | meaning |", "|---|---|---|---|---|"]
    for field in attrs.fields(cls):
        rows.append(
            f"| `{field.name}` | {types.render(hints_source[field.name])} | {_requirement(field)} | "
            f"{_cell(_rules(field))} | {_cell(docs.get(field.name, ''))} |"
        )
    return "\n".join(rows)


def _nested(annotation: Any, namespace: dict[str, Any]) -> list[type]:
    """attrs classes and enums mentioned in an annotation string, in order."""
    found = []
    text = annotation if isinstance(annotation, str) else str(annotation)
    for name in re.findall(r"[A-Za-z_][\w.]*", text):
        obj = namespace.get(name.rsplit(".", 1)[-1])
        if isinstance(obj, type) and (attrs.has(obj) or issubclass(obj, enum.Enum)) and obj not in found:
            found.append(obj)
    return found


def _classes_below(root: type, namespace: dict[str, Any], seen: set[type]) -> list[type]:
    """*root* and every attrs class it contains (depth first), skipping those documented already."""
    order: list[type] = []

    def visit(cls: type) -> None:
        if cls in seen or not attrs.has(cls):
            return
        seen.add(cls)
        order.append(cls)
        written = _annotations(cls)
        for field in attrs.fields(cls):
            for inner in _nested(written.get(field.name, field.type), namespace):
                visit(inner)

    visit(root)
    return order


def _read(relative: str) -> str | None:
    path = ROOT / relative
    return path.read_text(encoding="utf-8") if path.is_file() else None


def _without_leading_comments(text: str) -> str:
    lines = text.splitlines()
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)
    return "\n".join(lines)


def _first_items(text: str) -> str:
    """A YAML mapping with every top-level list cut to its first item (a readable, still valid excerpt)."""
    out: list[str] = []
    items = 0
    skipping = False
    for line in _without_leading_comments(text).splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):  # a top-level key
            items, skipping = 0, False
        elif re.match(r"^  - ", line):
            items += 1
            if items == 2:
                out.append("  # … more items")
                skipping = True
        if not skipping:
            out.append(line)
    return "\n".join(out)


def _cut(text: str, max_lines: int) -> str:
    """The first *max_lines* lines, cut before a list item so that the excerpt stays valid YAML."""
    lines = _without_leading_comments(text).splitlines()
    for number in range(max_lines, len(lines)):
        match = re.match(r"^(\s*)- ", lines[number])
        if match:
            return "\n".join([*lines[:number], f"{match[1]}# … ({len(lines) - number} more lines)"])
    return "\n".join(lines)


def _example(title: str, source: str, text: str, lang: str = "yaml") -> str:
    return f"{title} (from `{source}`):\n\n```{lang}\n{text.rstrip()}\n```\n"


def _csv_excerpt(text: str) -> str:
    """The header and a few rows: plain ones, rows with a group and rows with a denominator."""
    header, *rows = text.splitlines()
    columns = header.split(",")

    def has(row: str, column: str) -> bool:
        cells = row.split(",")
        index = columns.index(column) if column in columns else -1
        return 0 <= index < len(cells) and bool(cells[index].strip())

    chosen = (
        rows[:3] + [r for r in rows if has(r, "group")][:2] + [r for r in rows if has(r, "denominator")][:2]
    )
    return "\n".join([header, *sorted(set(chosen), key=rows.index)])


def _method_example() -> str:
    sample = _read("tests/data/sample-method.yaml")
    if sample is not None:
        return _example(
            "The shape of a method file, every field with a comment",
            "tests/data/sample-method.yaml",
            _without_leading_comments(sample),
        )
    portalen = "plugins/labkit-portalen/src/labkit_portalen/method.yaml"
    text = _read(portalen) or ""
    return _example("The beginning of a real method file", portalen, _cut(text, 60))


def formats_reference() -> str:
    """Every file format, generated from the attrs model, with an example from a real file for each."""
    from labkit import model
    from labkit.documents import housestyle
    from labkit.outcomes import measurements

    namespace: dict[str, Any] = {name: getattr(model, name) for name in model.__all__}
    namespace.update({name: getattr(housestyle, name) for name in ("HouseStyle", "Colours", "Fonts")})
    enums = [obj for obj in namespace.values() if isinstance(obj, type) and issubclass(obj, enum.Enum)]
    types = _Types({name: obj for name, obj in namespace.items() if isinstance(obj, type)})
    seen: set[type] = set()
    lab_text = _read("src/labkit/builtin/demo/lab.yaml") or ""
    indicators_text = _read("src/labkit/builtin/indicators.yaml") or ""
    measurements_text = _read("src/labkit/builtin/demo/measurements.csv") or ""
    forms_text = _read("plugins/labkit-portalen/src/labkit_portalen/documents.yaml") or ""
    style_example = re.search(r"```yaml\n(.*?)```", housestyle.__doc__ or "", re.S)
    sections = [
        (
            "Method files",
            "A method file (`method.yaml`) describes one method. A plugin names it in its `labkit_methods` hook.",
            model.Method,
            _method_example(),
        ),
        (
            "Lab files",
            "A lab file describes one run of the lab process in an area. `labkit lab new` writes one with a "
            "comment above every field; `labkit lab check` checks it.",
            model.Lab,
            _example(
                "The example lab, each list cut to its first item",
                "src/labkit/builtin/demo/lab.yaml",
                _first_items(lab_text),
            ),
        ),
        (
            "Indicator files",
            "An indicator file is a list of indicators. labkit's own library and every plugin's `indicators.yaml` "
            "have this form; `labkit indicators` lists what is installed.",
            model.Indicator,
            _example(
                "The first indicators of labkit's library",
                "src/labkit/builtin/indicators.yaml",
                _cut(indicators_text, 24),
            ),
        ),
        (
            "Measurements",
            "Measurements come from CSV or Excel files (or YAML/JSON lists, or `measurements:` in the lab file). "
            f"Required columns: {', '.join(f'`{c}`' for c in measurements.REQUIRED)}; optional: "
            f"{', '.join(f'`{c}`' for c in measurements.OPTIONAL)}. Each row is one measurement.",
            model.Measurement,
            _example(
                "The example lab's measurements",
                "src/labkit/builtin/demo/measurements.csv",
                _csv_excerpt(measurements_text),
                "text",
            ),
        ),
        (
            "Form files",
            "A form file (`documents.yaml`) is a list of printable forms that belong to a plugin's method; each "
            "becomes a document kind (a data-only plugin's `documents.yaml` is read by labkit; in code, "
            "`labkit.forms_from_file`).",
            model.Form,
            _example(
                "The beginning of the Portalen plugin's forms",
                "plugins/labkit-portalen/src/labkit_portalen/documents.yaml",
                _cut(forms_text, 30),
            ),
        ),
        (
            "House-style files",
            "A house-style file gives every document an organisation's name, logo, colours and fonts "
            "(`--house-style FILE`).",
            housestyle.HouseStyle,
            _example(
                "A house-style file",
                "the docstring of labkit.documents.housestyle",
                style_example[1] if style_example else "",
            ),
        ),
    ]
    out = []
    for title, intro, root, example in sections:
        out.append(f"## {title}\n\n{intro}\n\n{example}")
        for cls in _classes_below(root, namespace, seen):
            out.append(f"### {cls.__name__}\n")
            doc = _first_paragraph(inspect.getdoc(cls) if cls.__doc__ else "")
            if doc:
                out.append(_rst_to_md(doc) + "\n")
            out.append(_class_table(cls, types) + "\n")
    out.append(
        "## Vocabularies\n\nFields typed with one of these take one of the listed values, written as shown.\n"
    )
    for vocabulary in enums:
        out.append(f"### {vocabulary.__name__}\n")
        doc = _first_paragraph(vocabulary.__doc__) if vocabulary.__doc__ else ""
        if doc:
            out.append(_rst_to_md(doc) + "\n")
        docs = _attribute_docs(vocabulary)
        out.append("| value | meaning |\n|---|---|")
        out.extend(f"| `{member.value}` | {_cell(docs.get(member.name, ''))} |" for member in vocabulary)
        out.append("")
    return "\n".join(out)


# -- evidence --------------------------------------------------------------------------------------------------


def evidence_reference() -> str:
    """The evidence scale every method states its level on, in English and Swedish."""
    from labkit.model import EVIDENCE_SCALE

    rows = ["| level | meaning | på svenska |", "|---|---|---|"]
    for level, texts in sorted(EVIDENCE_SCALE.items()):
        english = re.sub(r"^Level \d+:\s*", "", texts.get("en", ""))
        swedish = re.sub(r"^Nivå \d+:\s*", "", texts.get("sv", ""))
        rows.append(f"| {level} | {_cell(english)} | {_cell(swedish)} |")
    return "\n".join(rows) + "\n"


# -- MkDocs events ---------------------------------------------------------------------------------------------

_GENERATORS: dict[str, Callable[[], str]] = {
    "cli": cli_reference,
    "exit-codes": exit_codes_reference,
    "hooks": hooks_reference,
    "formats": formats_reference,
    "evidence": evidence_reference,
}


def on_page_markdown(markdown: str, **_kwargs: Any) -> str:
    for name, generate in _GENERATORS.items():
        marker = f"<!-- labkit:{name} -->"
        if marker in markdown:
            markdown = markdown.replace(marker, generate())
    return markdown


def on_page_content(html: str, **_kwargs: Any) -> str:
    """Sphinx roles in docstrings (``:class:`~labkit.model.Method```) shown as plain code."""
    return _ROLE_HTML.sub(lambda m: f"<code>{m[2].rsplit('.', 1)[-1] if m[1] else m[2]}</code>", html)
