"""Versions and the version constraints a lab pins its methods with: the one grammar of them in labkit.

A method's version is a semantic version, ``MAJOR.MINOR.PATCH`` with an optional pre-release such as
``-alpha.2``, ``-beta.1`` or ``-rc.1`` (the kinds of pre-release :mod:`packaging` orders), and versions are
compared with ``packaging.version.Version``: ``1.0.0-alpha.10`` comes after ``1.0.0-alpha.2``, and every
pre-release comes before its release.

Constraints: ``1.2.0`` or ``==1.2.0`` (exactly; ``1.2`` is any 1.2.x), ``^1.2`` (compatible: >=1.2.0, <2.0.0;
for 0.x, <0.(x+1).0), ``~1.2`` (>=1.2.0, <1.3.0), comparisons (``>=1.0``, ``<2``, ``!=1.1.0``,
``>=1.0.0-alpha.2``), ``*`` (any), several joined by commas. The upper bound of ``^`` and ``~`` excludes the
pre-releases of that bound: ``^1.2`` does not accept ``2.0.0-rc.1``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from packaging.version import Version

__all__ = ["CONSTRAINT_HINT", "VERSION_HINT", "check_constraint", "parse_version", "satisfies"]

VERSION_HINT = "a semantic version like '1.2.0'"
CONSTRAINT_HINT = "'1.2.0', '^1.2', '~1.2.0', '>=1.0, <2', '>=1.0.0-alpha.2' or '*'"

_SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\Z"
)
_PART = re.compile(r"^(?P<op>\^|~|==|>=|<=|>|<|!=)?\s*(?P<bound>\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?)\Z")


def parse_version(text: str, *, full: bool = False) -> Version:
    """*text* as a comparable version; with *full*, it must be a whole semantic version (``1.2.0``)."""
    from packaging.version import InvalidVersion, Version

    text = (text if full else text.strip()) if isinstance(text, str) else ""
    if full and not _SEMVER.match(text):
        raise ValueError(f"{text!r} is not {VERSION_HINT}")
    try:
        return Version(text)
    except InvalidVersion:
        if _SEMVER.match(text):
            raise ValueError(
                f"{text!r} is not a version labkit can compare: write a pre-release like '1.2.0-alpha.2', "
                "'1.2.0-beta.1' or '1.2.0-rc.1'"
            ) from None
        raise ValueError(f"{text!r} is not {VERSION_HINT}") from None


def _release(version: Version) -> tuple[int, int, int]:
    major, minor, patch = (*version.release, 0, 0)[:3]
    return major, minor, patch


def _below(upper: tuple[int, int, int]) -> Version:
    """The bound under which a range ends: before every pre-release of *upper* too."""
    return parse_version(f"{upper[0]}.{upper[1]}.{upper[2]}.dev0")


def _check_one(version: Version, part: str) -> bool:
    if part in ("", "*"):
        return True
    match = _PART.match(part)
    if match is None:
        raise ValueError(f"{part!r} is not a version constraint; use for example {CONSTRAINT_HINT}")
    op, text = match["op"] or "==", match["bound"]
    bound = parse_version(text)
    given = text.split("-", 1)[0].count(".") + 1
    if op in ("==", "!="):
        same = (
            version.release[:given] == bound.release[:given]
            if given < 3 and not bound.pre
            else version == bound
        )
        return same if op == "==" else not same
    if op in (">=", "<=", ">", "<"):
        return {">=": version >= bound, "<=": version <= bound, ">": version > bound, "<": version < bound}[
            op
        ]
    major, minor, patch = _release(bound)
    if op == "~":
        upper = (major, minor + 1, 0) if given >= 2 else (major + 1, 0, 0)
    elif major:
        upper = (major + 1, 0, 0)
    elif minor:
        upper = (0, minor + 1, 0)
    else:
        upper = (0, 0, patch + 1)
    return bound <= version < _below(upper)


def satisfies(version: str, constraint: str) -> bool:
    """True if *version* meets *constraint* (see the module docstring for the forms)."""
    parsed = parse_version(version)
    return all(_check_one(parsed, part.strip()) for part in constraint.split(","))


def check_constraint(constraint: str) -> None:
    """Raise ValueError naming the first part of *constraint* that is not a version constraint."""
    for part in constraint.split(",") if isinstance(constraint, str) else [""]:
        part = part.strip()
        if part != "*" and _PART.match(part) is None:
            raise ValueError(f"{constraint!r} is not a version constraint; use for example {CONSTRAINT_HINT}")
        if part != "*":
            parse_version(_PART.match(part)["bound"])  # type: ignore[index]
