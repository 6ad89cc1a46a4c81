"""``labkit check``: validate data files and apply the content rules of :mod:`labkit.rules` to them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from .. import rules
from ..errors import Problem
from ..files import line_of
from ..files.check import load_checked
from ..model import Form, Indicator, Method
from ._output import echo, echo_json, echo_problems

__all__ = ["check_files"]


@attrs.define
class _Checked:
    path: Path
    obj: Any
    positions: dict[tuple[str | int, ...], int]
    problems: list[Problem]
    readability: dict[str, Any] = attrs.field(factory=dict)

    @property
    def kind(self) -> str:
        if isinstance(self.obj, Method):
            return "method"
        if isinstance(self.obj, tuple) and self.obj and isinstance(self.obj[0], Form):
            return "forms"
        if isinstance(self.obj, tuple) and self.obj and isinstance(self.obj[0], Indicator):
            return "indicators"
        return "lab" if self.obj is not None else "unknown"


def _located(checked: _Checked, findings: Sequence[Problem], prefix: tuple[str | int, ...] = ()) -> None:
    for finding in findings:
        path = (*prefix, *finding.path)
        line = line_of(checked.positions, path)
        checked.problems.append(Problem(finding.message, str(checked.path), line, path))


def _apply_rules(checked: _Checked, methods: dict[str, Method]) -> None:
    obj = checked.obj
    if isinstance(obj, Method):
        _located(checked, rules.method_findings(obj))
        checked.readability = {obj.id: rules.readability(obj)}
    elif checked.kind == "forms":
        for index, form in enumerate(obj):
            _located(checked, rules.form_findings(form, methods.get(form.method)), (index,))
            checked.readability[form.id] = rules.readability(form)
    elif checked.kind == "indicators":
        for index, indicator in enumerate(obj):
            found = [*rules.translation_findings(indicator), *rules.wording_findings(indicator)]
            _located(checked, found, (index,))


def check_files(files: Sequence[Path], as_json: bool) -> bool:
    """Check *files*, print what was found (as JSON with *as_json*); return True if all are clean."""
    checked = [_Checked(path, *load_checked(path)) for path in files]
    methods = {c.obj.id: c.obj for c in checked if isinstance(c.obj, Method)}
    for item in checked:
        if item.obj is not None:
            _apply_rules(item, methods)
    if as_json:
        echo_json([_as_dict(c) for c in checked])
    else:
        for item in checked:
            echo_problems(item.problems)
            if not item.problems:
                echo(f"{item.path}: OK{_lix_note(item)}")
    return not any(c.problems for c in checked)


def _lix_note(item: _Checked) -> str:
    scores = [
        f"{name} {lang} {score['lix']}"
        for name, by_lang in item.readability.items()
        for lang, score in by_lang.items()
        if lang == "sv"
    ]
    return f" (LIX: {', '.join(scores)})" if scores else ""


def _as_dict(item: _Checked) -> dict[str, Any]:
    return {
        "file": str(item.path),
        "kind": item.kind,
        "ok": not item.problems,
        "problems": [p.to_dict() for p in item.problems],
        "readability": item.readability,
    }
