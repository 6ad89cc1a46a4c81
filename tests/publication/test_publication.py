"""The publication check: every document of every installed method and of the demo lab, printed and proofread.

Run alone with ``make publication``. A finding names the document, the check, the page and what was seen; a
finding that is known and waiting for a fix elsewhere (method texts, for example) is listed with its reason in
``allowlist.yaml`` next to this file.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest
import yaml

from labkit.catalog import get_catalog

from ._checks import CHECKS, Finding, run_checks
from ._specimens import SPECIMENS
from .conftest import Published, planned_documents

pytestmark = [pytest.mark.publication, pytest.mark.libreoffice]

ALLOWLIST = yaml.safe_load((Path(__file__).with_name("allowlist.yaml")).read_text(encoding="utf-8")) or []
NAMES = [p.name for p in planned_documents(Path("never-written"))]
_USED: set[int] = set()
_CHECKED: set[str] = set()


def _allowed(name: str, finding: Finding) -> bool:
    for index, entry in enumerate(ALLOWLIST):
        if (
            fnmatch.fnmatch(name, entry["document"])
            and entry["check"] == finding.check
            and (entry["text"] in finding.text or entry["text"] in finding.context)
        ):
            _USED.add(index)
            return True
    return False


@pytest.mark.parametrize("name", NAMES)
def test_document_is_print_ready(published: dict[str, Published], name: str) -> None:
    document = published[name].document(get_catalog())
    findings = [f for f in run_checks(document) if not _allowed(name, f)]
    _CHECKED.add(name)
    assert not findings, f"{name}: {len(findings)} findings\n" + "\n".join(f"  {f}" for f in findings)


@pytest.mark.parametrize("name", NAMES)
def test_document_and_pdf_are_accessible(published: dict[str, Published], name: str) -> None:
    """labkit accessibility on the .docx and on its tagged PDF finds nothing."""
    from labkit.accessibility import check

    document = published[name]
    findings = [
        f"{path.suffix}: {finding}" for path in (document.docx, document.pdf) for finding in check(path)
    ]
    assert not findings, f"{name}:\n" + "\n".join(findings)


def test_every_allowlist_entry_is_still_needed() -> None:
    """Runs after the documents (pytest keeps the order of a module): an entry nothing matched is stale."""
    if set(NAMES) != _CHECKED:
        pytest.skip("only some documents were checked in this run")
    stale = [entry for index, entry in enumerate(ALLOWLIST) if index not in _USED]
    assert not stale, f"allowlist entries that match nothing any more (remove them): {stale}"


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_each_check_finds_its_fault(specimens: dict[str, Published], check: str) -> None:
    """Each check reports the fault of its specimen, so a green run means the fault is absent."""
    assert check in SPECIMENS, f"the check {check!r} has no specimen in _specimens.py"
    found = CHECKS[check](specimens[check].document(get_catalog()))
    assert list(found), f"the check {check!r} missed the fault it is for"


def test_allowlist_entries_all_have_reasons() -> None:
    for entry in ALLOWLIST:
        assert {"document", "check", "text", "reason"} <= set(entry), entry
        assert entry["reason"].strip(), entry
