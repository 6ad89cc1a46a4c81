"""Safe YAML parsing that keeps line numbers and refuses hostile input.

PyYAML's safe composer builds a node tree with positions; we construct plain Python values from it ourselves so
that (a) every value's line is known for error messages, (b) only the core YAML types are accepted (never
``!!python/...`` tags, so nothing can execute), (c) duplicate keys are errors instead of silently overwritten,
and (d) alias expansion, nesting depth and file size are bounded ("billion laughs", deep nesting, huge files).
"""

from __future__ import annotations

import copy
import datetime as dt
import sys
from typing import Any

import yaml

from ..errors import Problem

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_VALUES",
    "Positions",
    "YamlError",
    "YamlLimitError",
    "parse_yaml",
]

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


class YamlLimitError(YamlError):
    """A file too large to read (refused while it is parsed, before it is all in memory)."""


_TOO_MANY = (
    f"the file holds more than {MAX_VALUES:,} values (texts, numbers, lists and mappings); labkit reads at most "
    f"{MAX_VALUES:,} from one file. Long series of measurements belong in a data file (CSV or .xlsx) named "
    "under data_files"
)
_BOMB = (
    f"the file expands to more than {MAX_VALUES:,} values; anchors and aliases that repeat each other "
    "('billion laughs') are refused"
)


class _Builder:
    """Plain values (and the line of each) straight from the parser's events, counted as they come.

    No node tree is built: a file with too many values is refused at the value that passes the limit, while it
    is being read, so an oversized file costs no more memory than the limit allows.
    """

    def __init__(self, loader: Any, filename: str) -> None:
        self.loader = loader
        self.filename = filename
        self.positions: Positions = {}
        self.count = 0
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.constructor = yaml.constructor.SafeConstructor()

    def fail(self, event: Any, path: tuple[str | int, ...], message: str) -> YamlError:
        return YamlError(Problem(message, self.filename, event.start_mark.line + 1, path))

    def document(self) -> Any:
        """The one document of the stream (None for a stream with only comments)."""
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # document start
        value = self.value((), 0, 0)
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.peek_event()
            raise self.fail(
                event, (), "not valid YAML: expected a single document, but found another document"
            )
        return value

    def tick(
        self,
        event: Any,
        path: tuple[str | int, ...],
        depth: int,
        parent: int,
        values: int = 1,
        own: bool = True,
    ) -> int:
        """Count a value (or an alias's *values*) and note its line; returns the line.

        A line is noted only where it differs from the line of the value's parent (where an error is placed when
        its path has no line of its own), so a long list of one-line items keeps one line per item. A mapping's
        value has the line of its key (*own* is False): *parent* is then returned.
        """
        self.count += values
        if self.count > MAX_VALUES:
            error = YamlLimitError(
                Problem(_BOMB if values > 1 else _TOO_MANY, self.filename, event.start_mark.line + 1, path)
            )
            raise error
        if depth > MAX_DEPTH:
            raise self.fail(event, path, f"nesting is deeper than {MAX_DEPTH} levels")
        if not own:
            return parent
        line = _line(event)
        if line != parent:
            self.positions.setdefault(path, line)
        return line

    def value(self, path: tuple[str | int, ...], depth: int, parent: int, own: bool = True) -> Any:
        loader = self.loader
        event = loader.get_event()
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise self.fail(event, path, f"not valid YAML: the alias *{event.anchor} names no anchor")
            value, values = self.anchors[event.anchor]
            self.tick(event, path, depth, parent, values, own)
            return copy.deepcopy(value)
        before = self.count
        line = self.tick(event, path, depth, parent, own=own)
        if isinstance(event, yaml.ScalarEvent):
            value = self.scalar(event, path)
        elif isinstance(event, yaml.SequenceStartEvent):
            self.check_tag(event, path, yaml.SequenceNode, "seq")
            value = []
            while not loader.check_event(yaml.SequenceEndEvent):
                value.append(self.value((*path, len(value)), depth + 1, line))
            loader.get_event()
        else:
            self.check_tag(event, path, yaml.MappingNode, "map")
            value = self.mapping(path, depth, line)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, self.count - before)
        return value

    def mapping(self, path: tuple[str | int, ...], depth: int, line: int) -> dict[Any, Any]:
        loader = self.loader
        result: dict[Any, Any] = {}
        while not loader.check_event(yaml.MappingEndEvent):
            key_event: Any = loader.peek_event()
            if not isinstance(key_event, yaml.ScalarEvent):
                raise self.fail(key_event, path, "a key must be a plain text, not a list or mapping")
            loader.get_event()
            if self.tag_of(key_event, yaml.ScalarNode) == f"{_TAG}merge":
                raise self.fail(key_event, path, "merge keys ('<<') are not supported; write the keys out")
            key = self.scalar(key_event, path)
            if isinstance(key, bool) or key is None:
                raise self.fail(key_event, path, f"{key_event.value!r} cannot be a key; put it in quotes")
            if isinstance(key, (dt.date, float)):
                key = key_event.value
            if isinstance(key, str):
                key = sys.intern(key)  # the same few keys in every item of a long list: one string each
            if key in result:
                raise self.fail(key_event, (*path, key), f"the key {key!r} appears more than once")
            key_line = _line(key_event)
            if key_line != line:
                self.positions[(*path, key)] = key_line
            result[key] = self.value((*path, key), depth + 1, key_line, own=False)
        loader.get_event()
        return result

    def tag_of(self, event: Any, kind: type[yaml.Node]) -> str:
        tag = event.tag
        if tag is None or tag == "!":
            value = event.value if isinstance(event, yaml.ScalarEvent) else None
            tag = self.loader.resolve(kind, value, event.implicit)
        return str(tag)

    def check_tag(self, event: Any, path: tuple[str | int, ...], kind: type[yaml.Node], name: str) -> None:
        tag = self.tag_of(event, kind)
        if tag != f"{_TAG}{name}":
            raise self.fail(event, path, _tag_message(tag))

    def scalar(self, event: Any, path: tuple[str | int, ...]) -> Any:
        tag = self.tag_of(event, yaml.ScalarNode)
        if tag not in _SCALARS:
            raise self.fail(event, path, _tag_message(tag))
        if tag.endswith(":str"):
            return event.value
        if tag.endswith(":null"):
            return None
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            if tag.endswith(":int"):
                return self.constructor.construct_yaml_int(node)
            if tag.endswith(":float"):
                return self.constructor.construct_yaml_float(node)
            if tag.endswith(":bool"):
                return self.constructor.construct_yaml_bool(node)
            try:
                return self.constructor.construct_yaml_timestamp(node)
            except ValueError:
                # An impossible date (2019-02-30) stays text; the date field then says what is wrong.
                return node.value
        except (ValueError, OverflowError) as exc:
            raise self.fail(event, path, f"{event.value!r} is not a valid date or number: {exc}") from None


def _line(event: Any) -> int:
    return int(event.start_mark.line) + 1


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
    loader = _Loader(text)
    builder = _Builder(loader, filename)
    try:
        value = builder.document()
    except YamlError:
        raise
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
    finally:
        loader.dispose()
    if value is None and not builder.positions:
        raise YamlError(Problem("the file holds no data (only comments?)", filename, 1))
    return value, builder.positions
