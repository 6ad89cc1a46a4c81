from __future__ import annotations

import pytest

from labkit.labs.versions import parse_version, satisfies


@pytest.mark.parametrize(
    ("version", "constraint", "expected"),
    [
        ("1.2.0", "*", True),
        ("1.2.0", "1.2.0", True),
        ("1.2.1", "1.2.0", False),
        ("1.2.1", "1.2", True),
        ("1.9.0", "^1.2", True),
        ("2.0.0", "^1.2", False),
        ("1.1.9", "^1.2", False),
        ("0.3.5", "^0.3", True),
        ("0.4.0", "^0.3", False),
        ("1.2.9", "~1.2", True),
        ("1.3.0", "~1.2", False),
        ("2.0.0", ">=1.0, <2", False),
        ("1.5.0", ">=1.0, <2", True),
        ("1.1.0", "!=1.1.0", False),
        ("2.0.0-rc.1", ">=2.0.0", False),
        ("2.0.0-rc.1", ">=2.0.0-rc.1", True),
    ],
)
def test_satisfies(version, constraint, expected):
    assert satisfies(version, constraint) is expected


def test_parse_version_rejects_garbage():
    with pytest.raises(ValueError, match="not a version"):
        parse_version("one.two")
