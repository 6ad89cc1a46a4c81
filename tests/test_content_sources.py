"""Every web address the published content cites is one of the sources in the project's domain facts.

The domain facts (a folder of Markdown files kept outside the repository, see the brief) name each public source
the method texts may rest on. ``tests/data/domain-addresses.txt`` holds the addresses found in them, normalised;
a test rebuilds that list from the domain folder when it is available (``LABKIT_DOMAIN_FACTS`` or
``/work/shared/domain``), so the copy cannot drift.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).parents[1]
ADDRESSES = ROOT / "tests" / "data" / "domain-addresses.txt"
CONTENT = [
    *sorted((ROOT / "plugins").glob("*/src/*/*.yaml")),
    ROOT / "src" / "labkit" / "builtin" / "indicators.yaml",
    ROOT / "src" / "labkit" / "builtin" / "demo" / "lab.yaml",
]
URL = re.compile(r"https?://[^\s\"'<>)\]]+")
#: Addresses in the domain facts are written without a scheme ("eurhonet.eu/19/04/2018/...").
BARE = re.compile(r"(?<![\w@/.-])(?:[a-z0-9-]+\.)+(?:se|eu|org|com|net|nu)\b(?:/[^\s;,)\]]*)?", re.IGNORECASE)


def normalise(address: str) -> str:
    """scheme, 'www.', case of the host, percent-escapes and a trailing slash do not make another address."""
    if "://" not in address:
        address = "https://" + address
    parts = urlsplit(address.rstrip(".,;"))
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = unquote(parts.path).rstrip("/")
    return host + path + (f"?{parts.query}" if parts.query else "")


def domain_addresses(folder: Path) -> set[str]:
    found: set[str] = set()
    for page in sorted(folder.glob("*.md")):
        found.update(normalise(m.group(0)) for m in BARE.finditer(page.read_text(encoding="utf-8")))
    return found


def cited() -> dict[str, list[str]]:
    """Every address cited in the content, with the files that cite it."""
    out: dict[str, list[str]] = {}
    for path in CONTENT:
        for match in URL.finditer(path.read_text(encoding="utf-8")):
            out.setdefault(normalise(match.group(0)), []).append(str(path.relative_to(ROOT)))
    return out


def test_the_content_cites_addresses():
    assert len(cited()) >= 25


def test_every_cited_address_is_in_the_domain_facts():
    known = set(ADDRESSES.read_text(encoding="utf-8").split())
    unknown = {address: files for address, files in cited().items() if address not in known}
    assert unknown == {}


@pytest.mark.parametrize(
    ("written", "address"),
    [
        ("https://www.Skolverket.se/a/b/", "skolverket.se/a/b"),
        ("sv.wikipedia.org/wiki/Stiftelsen_Läxhjälpen", "sv.wikipedia.org/wiki/Stiftelsen_Läxhjälpen"),
        (
            "https://sv.wikipedia.org/wiki/Stiftelsen_L%C3%A4xhj%C3%A4lpen",
            "sv.wikipedia.org/wiki/Stiftelsen_Läxhjälpen",
        ),
        ("http://example.org/?p=1", "example.org?p=1"),
    ],
)
def test_addresses_are_compared_without_scheme_www_case_or_escapes(written, address):
    assert normalise(written) == address


def test_an_address_outside_the_domain_facts_is_found(tmp_path):
    page = tmp_path / "facts.md"
    page.write_text("- A fact. Source: example.org/page/ ; other.se\n", encoding="utf-8")
    assert domain_addresses(tmp_path) == {"example.org/page", "other.se"}
    assert "example.org/other" not in domain_addresses(tmp_path)


def test_the_copied_address_list_matches_the_domain_facts():
    folder = Path(os.environ.get("LABKIT_DOMAIN_FACTS", "/work/shared/domain"))
    if not folder.is_dir():
        pytest.skip(f"the domain facts are not on this machine ({folder})")
    assert set(ADDRESSES.read_text(encoding="utf-8").split()) == domain_addresses(folder)
