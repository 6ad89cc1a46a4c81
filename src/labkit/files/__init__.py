"""Load and save labkit files (YAML and JSON) with errors that name file, line and field.

Every loader reports **all** problems of a file at once, as an :class:`~labkit.errors.InvalidDataError` whose
``problems`` read like ``lab.yaml:23: goals[1].target.value: expected a number, got the text 'tio'``.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml

from ..errors import InvalidDataError, Problem
from ..model import Form, Indicator, Lab, Method
from ._convert import flatten_errors, problems_from, structure, unstructure
from ._semantics import form_problems, lab_problems, method_problems
from ._yaml import MAX_DEPTH, MAX_FILE_BYTES, Positions, YamlError, YamlLimitError, _decode, parse_yaml

__all__ = [
    "MAX_FILE_BYTES",
    "Positions",
    "atomic_write",
    "dump_json",
    "dump_yaml",
    "from_data",
    "line_of",
    "load",
    "load_forms",
    "load_indicators",
    "load_lab",
    "load_located",
    "load_method",
    "load_raw",
    "loads",
    "make_folder",
    "read_json",
    "save",
    "semantic_problems",
    "to_data",
]

T = TypeVar("T")

_SEMANTIC_CHECKS: dict[Any, Callable[[Any], list[tuple[tuple[str | int, ...], str]]]] = {
    Method: method_problems,
    Lab: lab_problems,
    Form: form_problems,
}


def _read_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of *path*, which must be a regular file of at most *max_bytes*.

    FIFOs, devices (also behind a symbolic link, like a link to /dev/zero), sockets and folders are refused before
    anything is read, so a special file can neither hang labkit nor fill its memory; the size is checked before
    reading and again while reading, for a file that grows.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InvalidDataError([Problem("no such file", str(path))]) from None
    except IsADirectoryError:
        raise InvalidDataError([Problem("this is a folder, not a file", str(path))]) from None
    except OSError as exc:
        kind = _special_kind(path.stat().st_mode) if path.exists() else None
        if kind is not None:  # a socket cannot even be opened
            raise InvalidDataError([Problem(f"this is {kind}, not a regular file", str(path))]) from None
        raise InvalidDataError([Problem(f"cannot read the file: {exc.strerror}", str(path))]) from None
    info = os.fstat(fd)
    kind = _special_kind(info.st_mode)
    if kind is not None:
        os.close(fd)
        message = (
            "this is a folder, not a file" if kind == "a folder" else f"this is {kind}, not a regular file"
        )
        raise InvalidDataError([Problem(message, str(path))])
    with os.fdopen(fd, "rb") as handle:
        size = f"{max_bytes // 2**20} MB" if max_bytes >= 2**20 else f"{max_bytes} bytes"
        limit = f"labkit reads files up to {size}"
        if info.st_size > max_bytes:
            raise InvalidDataError([Problem(f"the file is {info.st_size / 1e6:.1f} MB; {limit}", str(path))])
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise InvalidDataError([Problem(f"cannot read the file: {exc.strerror}", str(path))]) from None
    if len(data) > max_bytes:
        raise InvalidDataError([Problem(f"the file grew while it was read; {limit}", str(path))])
    return data


def _special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


# A JSON escape of a UTF-16 surrogate pair (how ASCII-only JSON writes emoji), not preceded by a backslash escape.
_SURROGATE_PAIR = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.IGNORECASE
)
_LONE_SURROGATE = re.compile(r"(?<!\\)((?:\\\\)*)\\u(d[89a-f][0-9a-f]{2})", re.IGNORECASE)
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _yaml_readable_json(text: str) -> str:
    """JSON text the YAML composer can read for positions (YAML refuses escaped surrogates; lines are kept)."""

    def pair(match: re.Match[str]) -> str:
        high, low = int(match[2], 16), int(match[3], 16)
        return match[1] + chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))

    text = _SURROGATE_PAIR.sub(pair, text)
    text = _LONE_SURROGATE.sub(lambda m: m[1] + "\\ufffd", text)
    # Characters JSON allows in a string but YAML does not (U+007F-U+009F): only positions are read here.
    return _NOT_YAML.sub("\ufffd", text)


def _parse(data: bytes | str, filename: str, fmt: str) -> tuple[Any, Positions]:
    if fmt == "json":
        # The json module gives the values (strict JSON syntax and JSON's numbers, such as 1e-05, which YAML 1.1
        # would read as text); the YAML composer then gives the positions and refuses duplicate keys.
        try:
            text = _decode(data, filename) if isinstance(data, bytes) else data  # size, encoding, NUL
        except YamlError as exc:
            raise InvalidDataError([exc.problem]) from None
        text = text.lstrip("\ufeff")
        # Positions first: the YAML reader counts values as it goes and refuses an oversized file before it is
        # all in memory; a file that is not JSON is then reported in JSON's words.
        try:
            _, positions = parse_yaml(_yaml_readable_json(text), filename)
            problem = None
        except YamlLimitError as exc:
            raise InvalidDataError([exc.problem]) from None
        except YamlError as exc:
            positions, problem = {}, exc.problem
        try:
            # NaN and Infinity are not JSON; keep them as text so the field says it expected a number.
            value = json.loads(text, parse_constant=str)
        except json.JSONDecodeError as exc:
            raise InvalidDataError([Problem(f"not valid JSON: {exc.msg}", filename, exc.lineno)]) from None
        except RecursionError:
            raise InvalidDataError(
                [Problem(f"nesting is deeper than {MAX_DEPTH} levels", filename)]
            ) from None
        if problem is not None:
            raise InvalidDataError([problem])
        return value, positions
    try:
        return parse_yaml(data, filename)
    except YamlError as exc:
        raise InvalidDataError([exc.problem]) from None


def _format_of(filename: str) -> str:
    return "json" if filename.lower().endswith(".json") else "yaml"


def loads(data: bytes | str, cl: type[T] | Any, filename: str = "<input>", fmt: str | None = None) -> T:
    """Parse and validate *data* (YAML or JSON text) as *cl*, e.g. ``Method`` or ``tuple[Indicator, ...]``."""
    raw, positions = _parse(data, filename, fmt or _format_of(filename))
    result: T = from_data(raw, cl, filename, positions)
    return result


def from_data(
    raw: Any,
    cl: type[T] | Any,
    filename: str | None = None,
    positions: Positions | None = None,
    *,
    semantic: bool = True,
) -> T:
    """Validate plain data (dicts and lists) as *cl*; every problem is reported at once.

    With *semantic* False, only types and field rules are checked, not references between fields (for callers
    that run those checks themselves together with their own, to report everything in one go).
    """
    positions = positions or {}
    try:
        obj = structure(raw, cl)
    except Exception as exc:
        raise InvalidDataError(problems_from(flatten_errors(exc, raw), filename, positions)) from None
    pairs: list[tuple[tuple[str | int, ...], str]] = []
    items = obj if isinstance(obj, tuple) else (obj,)
    for index, item in enumerate(items if semantic else ()):
        check = _SEMANTIC_CHECKS.get(type(item))
        if check is not None:
            prefix: tuple[str | int, ...] = (index,) if isinstance(obj, tuple) else ()
            pairs.extend(((*prefix, *p), m) for p, m in check(item))
    if isinstance(obj, tuple):
        pairs.extend(_duplicate_ids(obj))
    if pairs:
        raise InvalidDataError(problems_from(pairs, filename, positions))
    return obj  # type: ignore[no-any-return]


def _duplicate_ids(items: Sequence[Any]) -> list[tuple[tuple[str | int, ...], str]]:
    seen: dict[str, int] = {}
    out: list[tuple[tuple[str | int, ...], str]] = []
    for index, item in enumerate(items):
        ident = getattr(item, "id", None)
        if ident is None:
            continue
        if ident in seen:
            out.append(((index, "id"), f"the id {ident!r} is already used by item {seen[ident]}"))
        else:
            seen[ident] = index
    return out


def load(path: str | os.PathLike[str], cl: type[T] | Any) -> T:
    """Load a YAML or JSON file as *cl*."""
    path = Path(path)
    result: T = loads(_read_bytes(path), cl, str(path), _format_of(path.name))
    return result


def load_located(
    path: str | os.PathLike[str], cl: type[T] | Any, *, semantic: bool = True
) -> tuple[T, Positions]:
    """Like :func:`load`, also returning the line of every value (for later cross-checks)."""
    path = Path(path)
    raw, positions = _parse(_read_bytes(path), str(path), _format_of(path.name))
    result: T = from_data(raw, cl, str(path), positions, semantic=semantic)
    return result, positions


def load_raw(path: str | os.PathLike[str]) -> tuple[Any, Positions]:
    """Read and parse a YAML or JSON file into plain data and the line of every value, without validating it."""
    path = Path(path)
    return _parse(_read_bytes(path), str(path), _format_of(path.name))


def read_json(path: str | os.PathLike[str], max_bytes: int = MAX_FILE_BYTES) -> Any:
    """The data of a JSON file labkit keeps beside its work (a lock file, a build manifest), read with care.

    Only a regular file of at most *max_bytes* is read (see :func:`load`); a file that is not UTF-8 JSON or nests
    deeper than Python can read raises :class:`~labkit.errors.InvalidDataError` naming the file. ``NaN`` and
    ``Infinity`` are read as text.
    """
    path = Path(path)
    data = _read_bytes(path, max_bytes)
    try:
        return json.loads(data.decode("utf-8"), parse_constant=str)
    except UnicodeDecodeError:
        raise InvalidDataError([Problem("not valid JSON: the file is not UTF-8 text", str(path))]) from None
    except json.JSONDecodeError as exc:
        raise InvalidDataError([Problem(f"not valid JSON: {exc.msg}", str(path), exc.lineno)]) from None
    except RecursionError:
        raise InvalidDataError([Problem("not valid JSON: it nests too deeply", str(path))]) from None


def semantic_problems(obj: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """The problems between the fields of a :class:`Method`, :class:`Lab` or :class:`Form` (unknown role ids,
    phases out of order, ...), as ``(path, message)``; the checks :func:`load` runs after the field rules."""
    check = _SEMANTIC_CHECKS.get(type(obj))
    return check(obj) if check is not None else []


def to_data(obj: Any) -> Any:
    """A model object as plain data (dicts, lists, strings, numbers): what :func:`dump_json` writes."""
    return unstructure(obj)


def line_of(positions: Positions, path: tuple[str | int, ...]) -> int | None:
    """The line of *path*, or of its nearest parent with a known line."""
    for cut in range(len(path), -1, -1):
        if path[:cut] in positions:
            return positions[path[:cut]]
    return None


def load_method(path: str | os.PathLike[str]) -> Method:
    """Load a method file."""
    return load(path, Method)


def load_lab(path: str | os.PathLike[str]) -> Lab:
    """Load a lab file (without checking it against the installed methods; see :func:`labkit.check_lab`)."""
    return load(path, Lab)


def load_indicators(path: str | os.PathLike[str]) -> tuple[Indicator, ...]:
    """Load a file holding a list of indicators."""
    return load(path, tuple[Indicator, ...])


def load_forms(path: str | os.PathLike[str]) -> tuple[Form, ...]:
    """Load a file holding a list of forms (a plugin's ``documents.yaml``)."""
    return load(path, tuple[Form, ...])


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        # Files are edited by hand: write every value out instead of &anchors and *aliases for shared objects.
        return True


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value and not any(ord(c) < 32 and c not in "\n\t" for c in value) else None
    if "\x85" in value:
        # PyYAML writes U+0085 (NEL) unescaped with allow_unicode, and every YAML reader takes it as a line break.
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def dump_yaml(obj: Any) -> str:
    """Serialize a model object (or a tuple of them) as YAML text."""
    return yaml.dump(unstructure(obj), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def dump_json(obj: Any) -> str:
    """Serialize a model object (or a tuple of them) as JSON text."""
    return json.dumps(unstructure(obj), ensure_ascii=False, indent=2, default=str) + "\n"


def make_folder(folder: str | os.PathLike[str]) -> Path:
    """Make *folder* and its parents if they are missing. A file where a folder of the path belongs is
    :class:`NotADirectoryError` naming that file (the user's mistake), not the :class:`FileExistsError` of mkdir."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a part of the path is a file
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), exc.filename) from None
    return folder


def atomic_write(
    path: str | os.PathLike[str], data: bytes | str, *, mode: int = 0o666, replace: bool = True
) -> Path:
    """Write *data* to *path* through a temporary file and a rename, so a failure leaves no partial file.

    The file gets *mode* less the process umask (like any newly created file; the umask is never changed, so this
    is safe in threads). The data is flushed to disk before the rename, so a crash leaves the old file or the new
    one, never a mix. An existing file at *path* is replaced; a symbolic link there is replaced, not followed.
    With *replace* False an existing file is kept and :class:`FileExistsError` raised instead (checked at the
    moment the file appears, so two processes never both think they made it).

    This is the one way labkit writes a file: documents, lab and lock files, manifests, indexes, site pages,
    the plugin scaffold and the cache all go through it.
    """
    path = Path(path)
    make_folder(path.parent)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.parent / f".{path.name[:80]}.{os.urandom(6).hex()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(tmp, flags, mode)
    except OSError as exc:  # name the file the user asked for, not the temporary one
        raise type(exc)(exc.errno, exc.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            tmp.replace(path)
        else:
            _link_new(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        # An OSError without an errno ("disk full" from a file system layer) keeps its message.
        raise type(exc)(exc.errno, exc.strerror or str(exc), str(path)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _link_new(tmp: Path, path: Path) -> None:
    """Give the written *tmp* the name *path* only if nothing has that name (a hard link cannot replace)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: the best check there is
        if path.exists() or path.is_symlink():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        tmp.replace(path)
        return
    tmp.unlink()


def save(obj: Any, path: str | os.PathLike[str]) -> Path:
    """Save a model object as YAML or JSON, chosen by the file's extension."""
    path = Path(path)
    text = dump_json(obj) if _format_of(path.name) == "json" else dump_yaml(obj)
    return atomic_write(path, text)
