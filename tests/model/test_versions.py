from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from packaging.version import Version

from labkit.model.versions import parse_version, satisfies


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
        # Pre-releases are ordered by number, not as text (packaging's rules).
        ("1.0.0-alpha.10", ">=1.0.0-alpha.2", True),
        ("1.0.0-alpha.2", ">=1.0.0-alpha.10", False),
        ("1.0.0-beta.1", ">1.0.0-alpha.10", True),
        ("1.0.0-alpha.10", "^1.0.0-alpha.2", True),
        ("1.0.0", "^1.0.0-alpha.2", True),
        # A range's upper bound keeps out the pre-releases of that bound.
        ("2.0.0-rc.1", "^1.2", False),
        ("1.3.0-alpha.1", "~1.2", False),
        ("0.0.3", "^0.0.3", True),
        ("0.0.4", "^0.0.3", False),
    ],
)
def test_satisfies(version, constraint, expected):
    assert satisfies(version, constraint) is expected


def test_parse_version_rejects_garbage():
    with pytest.raises(ValueError, match="not a semantic version"):
        parse_version("one.two")
    with pytest.raises(ValueError, match=r"not a semantic version like '1\.2\.0'"):
        parse_version("1.2", full=True)
    with pytest.raises(ValueError, match="write a pre-release like"):
        parse_version("1.2.0-banana.1", full=True)


@given(
    st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 30)),
    st.sampled_from(["", "-alpha.", "-beta.", "-rc."]),
    st.integers(0, 20),
)
def test_every_version_meets_the_constraints_it_is_the_bound_of(release, pre, number):
    version = ".".join(map(str, release)) + (f"{pre}{number}" if pre else "")
    for constraint in (version, f"=={version}", f">={version}", f"<={version}", f"^{version}", f"~{version}"):
        assert satisfies(version, constraint), constraint
    assert not satisfies(version, f"!={version}")
    assert not satisfies(version, f">{version}")


@given(
    st.lists(
        st.tuples(
            st.integers(0, 3),
            st.integers(0, 3),
            st.integers(0, 3),
            st.sampled_from(["", "-alpha.1", "-alpha.10", "-rc.2"]),
        ),
        min_size=2,
        max_size=2,
    )
)
def test_order_is_packagings(pair):
    (a, b) = ("{}.{}.{}{}".format(*v) for v in pair)
    assert satisfies(a, f"<{b}") is (Version(a) < Version(b))
