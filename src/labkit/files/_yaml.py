"""Safe YAML parsing that keeps line numbers and refuses hostile input.

PyYAML's safe composer builds a node tree with positions; we construct plain Python values from it ourselves so
that (a) every value's line is known for error messages, (b) only the core YAML types are accepted (never
``!!python/...`` tags, so nothing can execute), (c) duplicate keys are errors instead of silently overwritten,
and (d) alias expansion, nesting depth and file size are bounded ("billion laughs", deep nesting, huge files).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from ..errors import Problem

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "MAX_VALUES", "Positions", "YamlError", "parse_yaml"]

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
MAX_VALUES = 200_000

Positions = dict[tuple[str | int, ...], int]

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
_SCALARS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}


class YamlError(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class _Builder:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.positions: Positions = {}
        self.count = 0
        self.constructor = yaml.constructor.SafeConstructor()

    def fail(self, node: yaml.Node, path: tuple[str | int, ...], message: str) -> YamlError:
        return YamlError(Problem(message, self.filename, node.start_mark.line + 1, path))

    def build(self, node: yaml.Node, path: tuple[str | int, ...], depth: int) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self.fail(
                node,
                path,
                f"the file expands to more than {MAX_VALUES:,} values; anchors and aliases that repeat "
                "each other ('billion laughs') are refused",
            )
        if depth > MAX_DEPTH:
            raise self.fail(node, path, f"nesting is deeper than {MAX_DEPTH} levels")
        self.positions.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            if node.tag != f"{_TAG}map":
                raise self.fail(node, path, _tag_message(node.tag))
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == f"{_TAG}merge":
                    raise self.fail(key_node, path, "merge keys ('<<') are not supported; write the keys out")
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail(key_node, path, "a key must be a plain text, not a list or mapping")
                key = self.scalar(key_node, path)
                if isinstance(key, bool) or key is None:
                    raise self.fail(key_node, path, f"{key_node.value!r} cannot be a key; put it in quotes")
                if isinstance(key, (dt.date, float)):
                    key = key_node.value
                if key in result:
                    raise self.fail(key_node, (*path, key), f"the key {key!r} appears more than once")
                self.positions[(*path, key)] = key_node.start_mark.line + 1
                result[key] = self.build(value_node, (*path, key), depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            if node.tag != f"{_TAG}seq":
                raise self.fail(node, path, _tag_message(node.tag))
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self.scalar(node, path)

    def scalar(self, node: yaml.ScalarNode, path: tuple[str | int, ...]) -> Any:
        tag = node.tag
        if tag not in _SCALARS:
            raise self.fail(node, path, _tag_message(tag))
        try:
            if tag.endswith(":str"):
                return node.value
            if tag.endswith(":int"):
                return self.constructor.construct_yaml_int(node)
            if tag.endswith(":float"):
                return self.constructor.construct_yaml_float(node)
            if tag.endswith(":bool"):
                return self.constructor.construct_yaml_bool(node)
            if tag.endswith(":null"):
                return None
            try:
                return self.constructor.construct_yaml_timestamp(node)
            except ValueError:
                # An impossible date (2019-02-30) stays text; the date field then says what is wrong.
                return node.value
        except (ValueError, OverflowError) as exc:
            raise self.fail(node, path, f"{node.value!r} is not a valid date or number: {exc}") from None


def _tag_message(tag: str) -> str:
    shown = tag.replace(_TAG, "!!")
    return f"the tag {shown!r} is not allowed; labkit files hold only plain data (never objects)"


def _decode(data: bytes, filename: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise YamlError(
            Problem(
                f"the file is {len(data) / 1e6:.1f} MB; labkit reads files up to {MAX_FILE_BYTES // 2**20} MB",
                filename,
            )
        )
    if data.startswith(b"\xef\xbb\xbf"):
        # Notepad on Windows writes a byte-order mark; it carries no meaning in UTF-8, so drop it.
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlError(Problem("the file is UTF-16; save it as UTF-8", filename, 1))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlError(
            Problem(
                f"the file is not UTF-8 text (byte {exc.start} cannot be read); save it as UTF-8",
                filename,
                line,
            )
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise YamlError(
            Problem("the file contains a NUL character; it looks like a binary file", filename, line)
        )
    return text


def parse_yaml(data: bytes | str, filename: str) -> tuple[Any, Positions]:
    """Parse YAML (or JSON) text into plain Python values and a map from value path to line number."""
    text = _decode(data, filename) if isinstance(data, bytes) else data
    if not text.strip():
        raise YamlError(Problem("the file is empty", filename, 1))
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        message = " ".join(p for p in (exc.context, exc.problem) if p) or str(exc)
        lines = text.splitlines()
        source_line = lines[line - 1] if line is not None and 0 < line <= len(lines) else ""
        indent = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
        # libyaml's messages do not show the tab itself ("found character that cannot start any token").
        if "\t" in message or "'\\t'" in message or "tab character" in message or "\t" in indent:
            message += " (YAML does not allow tabs for indentation; use spaces)"
        raise YamlError(Problem(f"not valid YAML: {message}", filename, line)) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow (a control character such as U+007F). libyaml gives its offset in
        # UTF-8 bytes, PyYAML in characters; the reader stops at the first one, so find that instead.
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        where = text.find(chr(code))
        line = text[:where].count("\n") + 1 if where >= 0 else None
        raise YamlError(
            Problem(
                f"not valid YAML: the file contains the character U+{code:04X}, which YAML does not allow "
                f"({exc.reason})",
                filename,
                line,
            )
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError(Problem(f"not valid YAML: {exc}", filename)) from None
    except RecursionError:
        raise YamlError(Problem(f"nesting is deeper than {MAX_DEPTH} levels", filename)) from None
    if node is None:
        raise YamlError(Problem("the file holds no data (only comments?)", filename, 1))
    builder = _Builder(filename)
    try:
        value = builder.build(node, (), 0)
    except RecursionError:
        raise YamlError(Problem(f"nesting is deeper than {MAX_DEPTH} levels", filename)) from None
    return value, builder.positions
