"""The one cattrs converter that turns plain data into model objects and back.

cattrs is lenient by default (``"10"`` becomes ``10``, a string becomes a list of characters, ``None``
becomes ``"None"``). People edit these files by hand, so every primitive hook here is strict and every
message says what was expected and what was found.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ..errors import Problem
from ..text import LocalizedText, did_you_mean, is_language_code

__all__ = ["converter", "describe", "flatten_errors", "structure", "unstructure", "validate_tree"]

Path = tuple[str | int, ...]


def describe(value: Any) -> str:
    """Describe a wrong value briefly for a message: its kind and a short repr."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class StrictTypeError(TypeError):
    pass


def _str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        hint = " (put it in quotes if it is meant as text)" if isinstance(value, (int, float, bool)) else ""
        raise StrictTypeError(f"expected a text, got {describe(value)}{hint}")
    return value


def _int(value: Any, _: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise StrictTypeError(f"expected a whole number, got {describe(value)}")
    return value


def _float(value: Any, _: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise StrictTypeError(f"expected a number, got {describe(value)}")
    return float(value)


def _bool(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise StrictTypeError(f"expected true or false, got {describe(value)}")
    return value


def _date(value: Any, _: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise StrictTypeError(f"{value!r} is not a real date in the form YYYY-MM-DD") from None
    raise StrictTypeError(f"expected a date like 2019-03-31, got {describe(value)}")


def _localized(value: Any, _: Any) -> LocalizedText:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        bad = [k for k, v in value.items() if not isinstance(k, str) or not isinstance(v, str)]
        if bad:
            key = bad[0]
            # {sv: Hej, världen, en: Hello} reads as {sv: Hej, världen: null, en: Hello}: a key that is no
            # language code and has no text is the piece of a text after a comma.
            if value[key] is None and isinstance(key, str) and not is_language_code(key):
                raise StrictTypeError(
                    f"a comma inside {{sv: ..., en: ...}} split the text before {key!r}; put each text in quotes"
                )
            raise StrictTypeError(f"the {key!r} text is {describe(value[key])}; expected a text")
        return dict(value)
    raise StrictTypeError(f"expected a text or {{sv: ..., en: ...}}, got {describe(value)}")


def _is_enum(cl: Any) -> bool:
    return isinstance(cl, type) and issubclass(cl, enum.Enum)


def _enum_hook(cl: type[enum.Enum]) -> Callable[[Any, Any], Any]:
    values = [str(m.value) for m in cl]

    def structure_enum(value: Any, _: Any) -> Any:
        if isinstance(value, str) and value in values:
            return cl(value)
        hint = ""
        if isinstance(value, str):
            hint = did_you_mean(value.lower().replace("_", "-").replace(" ", "-"), values)
        raise StrictTypeError(f"expected one of {', '.join(values)}; got {describe(value)}{hint}")

    return structure_enum


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def _model_enums() -> list[type[enum.Enum]]:
    from .. import model

    return [obj for obj in (getattr(model, name) for name in model.__all__) if _is_enum(obj)]


def _is_tuple_seq(cl: Any) -> bool:
    return typing.get_origin(cl) is tuple


def _is_optional(cl: Any) -> bool:
    return typing.get_origin(cl) in (typing.Union, types.UnionType) and type(None) in typing.get_args(cl)


def _is_mapping(cl: Any) -> bool:
    return typing.get_origin(cl) in (Mapping, dict)


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _str)
    conv.register_structure_hook(int, _int)
    conv.register_structure_hook(float, _float)
    conv.register_structure_hook(bool, _bool)
    conv.register_structure_hook(dt.date, _date)
    # Class-based hooks win over factories in cattrs, and the ``str`` hook would catch str-based enums,
    # so every model enum gets its own class-based hook.
    for enum_class in _model_enums():
        conv.register_structure_hook(enum_class, _enum_hook(enum_class))
        conv.register_unstructure_hook(enum_class, _enum_value)
    conv.register_unstructure_hook(dt.date, lambda d: d)
    conv.register_structure_hook_func(lambda t: t == LocalizedText, _localized)
    conv.register_structure_hook_factory(_is_enum, _enum_hook)
    conv.register_unstructure_hook_func(_is_enum, lambda e: e.value)

    def tuple_factory(cl: Any) -> Callable[[Any, Any], Any]:
        args = typing.get_args(cl)
        item_type = args[0] if args else Any
        item_hook = conv.get_structure_hook(item_type)

        def structure_tuple(value: Any, _: Any) -> tuple[Any, ...]:
            if not isinstance(value, (list, tuple)):
                raise StrictTypeError(f"expected a list, got {describe(value)}")
            errors: list[Exception] = []
            out: list[Any] = []
            for index, item in enumerate(value):
                try:
                    out.append(item_hook(item, item_type))
                except Exception as exc:
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"Structuring {cl} @ index {index}", index, item_type),
                    ]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {cl!r}", errors, cl)
            return tuple(out)

        return structure_tuple

    conv.register_structure_hook_factory(_is_tuple_seq, tuple_factory)

    def optional_factory(cl: Any) -> Callable[[Any, Any], Any]:
        rest = tuple(a for a in typing.get_args(cl) if a is not type(None))
        inner_type: Any = rest[0] if len(rest) == 1 else typing.Union[rest]  # noqa: UP007
        inner_hook = conv.get_structure_hook(inner_type)

        def structure_optional(value: Any, _: Any) -> Any:
            return None if value is None else inner_hook(value, inner_type)

        return structure_optional

    conv.register_structure_hook_factory(_is_optional, optional_factory)

    def mapping_factory(cl: Any) -> Callable[[Any, Any], Any]:
        key_type, value_type = typing.get_args(cl) or (Any, Any)
        key_hook = conv.get_structure_hook(key_type)
        value_hook = conv.get_structure_hook(value_type)

        def structure_mapping(value: Any, _: Any) -> dict[Any, Any]:
            if not isinstance(value, Mapping):
                raise StrictTypeError(f"expected a mapping, got {describe(value)}")
            errors: list[Exception] = []
            out: dict[Any, Any] = {}
            for key, item in value.items():
                try:
                    out[key_hook(key, key_type)] = value_hook(item, value_type)
                except Exception as exc:
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"Structuring {cl} @ key {key!r}", key, value_type),
                    ]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {cl!r}", errors, cl)
            return out

        return structure_mapping

    conv.register_structure_hook_factory(_is_mapping, mapping_factory)

    def attrs_structure_factory(cl: Any) -> Callable[[Any, Any], Any]:
        overrides: dict[str, Any] = {
            a.name: override(struct_hook=_field_hook(a.metadata["labkit_structure"]))
            for a in attrs.fields(cl)
            if "labkit_structure" in a.metadata
        }
        inner = make_dict_structure_fn(cl, conv, _cattrs_forbid_extra_keys=True, **overrides)

        fields = attrs.fields(cl)

        def structure_attrs(value: Any, _: Any) -> Any:
            if not isinstance(value, Mapping):
                raise StrictTypeError(
                    f"expected a mapping with keys like {_field_names(cl)}, got {describe(value)}"
                )
            try:
                obj = inner(value, cl)
            except ClassValidationError as exc:
                # Also run the validators of the fields that did structure, so one pass reports everything.
                failed = {p[0] for sub in exc.exceptions for p in [_note_path(sub)] if p}
                extra = []
                for a in fields:
                    if a.name in failed or a.name not in value or a.validator is None:
                        continue
                    try:
                        special = a.metadata.get("labkit_structure")
                        field_value = (
                            special(value[a.name]) if special else conv.structure(value[a.name], a.type)
                        )
                        a.validator(None, a, field_value)
                    except AttributeError:
                        continue  # the validator compares with another field, which did not structure
                    except (ValueError, TypeError) as err:
                        extra.append(_noted(ValueError(_validator_message(err)), a))
                    except Exception:
                        continue
                if extra:
                    raise ClassValidationError(exc.message, [*exc.exceptions, *extra], cl) from None
                raise
            errors = []
            for a in fields:
                if a.validator is None:
                    continue
                try:
                    a.validator(obj, a, getattr(obj, a.name))
                except (ValueError, TypeError) as err:
                    errors.append(_noted(ValueError(_validator_message(err)), a))
            if errors:
                raise ClassValidationError(f"While structuring {cl.__name__}", errors, cl)
            return obj

        return structure_attrs

    conv.register_structure_hook_factory(attrs.has, attrs_structure_factory)

    def attrs_unstructure_factory(cl: Any) -> Callable[[Any], Any]:
        return make_dict_unstructure_fn(cl, conv, _cattrs_omit_if_default=True)

    conv.register_unstructure_hook_factory(attrs.has, attrs_unstructure_factory)
    conv.register_unstructure_hook_func(
        lambda t: t is tuple or _is_tuple_seq(t), lambda v: [conv.unstructure(i) for i in v]
    )
    conv.register_unstructure_hook(tuple, lambda v: [conv.unstructure(i) for i in v])
    conv.register_unstructure_hook_func(
        lambda t: t == LocalizedText, lambda v: v if isinstance(v, str) else dict(v)
    )
    return conv


def _field_hook(fn: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
    def hook(value: Any, _type: Any) -> Any:
        return fn(value)

    return hook


def _noted(exc: Exception, a: Any) -> Exception:
    exc.__notes__ = [AttributeValidationNote(f"Structuring field {a.name}", a.name, a.type)]
    return exc


def _field_names(cl: Any) -> str:
    names = [a.name for a in attrs.fields(cl)][:4]
    return ", ".join(names)


converter = _make_converter()


def structure(data: Any, cl: type[Any]) -> Any:
    """Structure *data* into *cl* with attrs validators switched off (see :func:`validate_tree`)."""
    with attrs.validators.disabled():
        return converter.structure(data, cl)


def unstructure(obj: Any) -> Any:
    return converter.unstructure(obj)


def _note_path(exc: BaseException) -> Path:
    for note in getattr(exc, "__notes__", []):
        if isinstance(note, AttributeValidationNote):
            return (note.name,)
        if isinstance(note, IterableValidationNote):
            return (note.index,)
    return ()


def flatten_errors(exc: BaseException, data: Any, path: Path = ()) -> list[tuple[Path, str]]:
    """Turn a cattrs exception tree into ``(path, message)`` pairs, one per problem."""
    out: list[tuple[Path, str]] = []
    if isinstance(exc, ForbiddenExtraKeysError):
        allowed = [a.name for a in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        for key in sorted(exc.extra_fields):
            hint = did_you_mean(key, allowed, otherwise=f"; known keys: {', '.join(allowed)}")
            out.append(((*path, key), f"unknown key {key!r}{hint}"))
        return out
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        for sub in exc.exceptions:
            sub_path = (*path, *_note_path(sub))
            if isinstance(sub, KeyError) and not isinstance(sub, ForbiddenExtraKeysError):
                out.append((sub_path, "this field is required but missing"))
            else:
                out.extend(flatten_errors(sub, data, sub_path))
        return out
    message = str(exc) if isinstance(exc, (StrictTypeError, ValueError, TypeError)) else repr(exc)
    out.append((path, message))
    return out


def validate_tree(obj: Any, path: Path = ()) -> list[tuple[Path, str]]:
    """Run every attrs validator of *obj* and its children, collecting all failures with their paths."""
    out: list[tuple[Path, str]] = []
    if attrs.has(type(obj)):
        for a in attrs.fields(type(obj)):
            value = getattr(obj, a.name)
            if a.validator is not None:
                try:
                    a.validator(obj, a, value)
                except (ValueError, TypeError) as exc:
                    out.append(((*path, a.name), _validator_message(exc)))
                    continue
            out.extend(validate_tree(value, (*path, a.name)))
    elif isinstance(obj, tuple):
        for index, item in enumerate(obj):
            out.extend(validate_tree(item, (*path, index)))
    elif isinstance(obj, Mapping):
        for key, item in obj.items():
            out.extend(validate_tree(item, (*path, key)))
    return out


def _validator_message(exc: BaseException) -> str:
    """A readable message from a validator error (attrs' built-in validators word theirs for programmers)."""
    if not isinstance(exc, ValueError) or not exc.args or not isinstance(exc.args[0], str):
        return str(exc)
    text = exc.args[0]
    if text.startswith("'") and " must be " in text:
        rule, _, got = text.split(" must be ", 1)[1].rpartition(": ")
        words = {"<=": "at most", ">=": "at least", "<": "less than", ">": "more than"}
        op, _, limit = rule.partition(" ")
        return f"must be {words.get(op, op)} {limit}, got {got}"
    # attrs' matches_re says "'x' must match regex '...' ('v' doesn't)" (older releases: "does not match").
    if (
        text.startswith("'")
        and (" does not match " in text or " must match regex " in text)
        and len(exc.args) > 2
    ):
        return f"{exc.args[-1]!r} has the wrong form (expected to match {exc.args[2].pattern!r})"
    return text


def problems_from(
    pairs: list[tuple[Path, str]], filename: str | None, positions: Mapping[Path, int]
) -> list[Problem]:
    """Attach the line of the nearest known position to each ``(path, message)`` pair."""
    problems = []
    for path, message in pairs:
        line = None
        for cut in range(len(path), -1, -1):
            if path[:cut] in positions:
                line = positions[path[:cut]]
                break
        problems.append(Problem(message, filename, line, path))
    return sorted(problems, key=lambda p: p.line or 0)
