"""Semantic versions and the version constraints a lab pins its methods with.

Constraints: ``1.2.0`` or ``==1.2.0`` (exactly), ``^1.2`` (compatible: >=1.2.0, <2.0.0; for 0.x, <0.(x+1).0),
``~1.2`` (>=1.2.0, <1.3.0), comparisons (``>=1.0``, ``<2``, ``!=1.1.0``), ``*`` (any), several joined by commas.
"""

from __future__ import annotations

import re

__all__ = ["Version", "parse_version", "satisfies"]

Version = tuple[int, int, int, tuple[str, ...]]

_VERSION = re.compile(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")


def parse_version(text: str) -> Version:
    match = _VERSION.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a version")
    major, minor, patch, pre = match.groups()
    return int(major), int(minor or 0), int(patch or 0), tuple(pre.split(".")) if pre else ()


def _key(version: Version) -> tuple[int, int, int, int, tuple[str, ...]]:
    # A pre-release sorts before its release.
    major, minor, patch, pre = version
    return major, minor, patch, 0 if pre else 1, pre


def _check_one(version: Version, part: str) -> bool:
    part = part.strip()
    if part in ("", "*"):
        return True
    for op in ("==", ">=", "<=", "!=", ">", "<", "^", "~"):
        if part.startswith(op):
            bound_text = part[len(op) :].strip()
            break
    else:
        op, bound_text = "==", part
    bound = parse_version(bound_text)
    v, b = _key(version), _key(bound)
    if op == "==":
        given = bound_text.count(".")
        return version[: given + 1] == bound[: given + 1] if given < 2 else v == b
    if op == "!=":
        return v != b
    if op == ">=":
        return v >= b
    if op == "<=":
        return v <= b
    if op == ">":
        return v > b
    if op == "<":
        return v < b
    if op == "~":
        upper = (bound[0], bound[1] + 1, 0, ()) if bound_text.count(".") >= 1 else (bound[0] + 1, 0, 0, ())
        return b <= v < _key(upper)
    # caret
    if bound[0] > 0:
        upper = (bound[0] + 1, 0, 0, ())
    elif bound[1] > 0:
        upper = (0, bound[1] + 1, 0, ())
    else:
        upper = (0, 0, bound[2] + 1, ())
    return b <= v < _key(upper)


def satisfies(version: str, constraint: str) -> bool:
    """True if *version* meets *constraint* (see the module docstring for the forms)."""
    parsed = parse_version(version)
    return all(_check_one(parsed, part) for part in constraint.split(","))
