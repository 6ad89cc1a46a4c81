"""Incremental builds by dependency: a change makes again exactly the documents it touches.

The example lab is built once; each test changes one thing and counts the documents the next build makes. The
last test checks the other direction for many kinds of change: every document whose content a change alters is
made again (a fingerprint that leaves out something a document shows would keep a stale document).
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from labkit.catalog import get_catalog
from labkit.labs.build import build
from labkit.labs.demo import DEMO_DIR, require_demo_methods

LANGS = ["sv", "en"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The example lab (lab file and measurements) and a complete build of it, made once for the module."""
    require_demo_methods(get_catalog())
    folder = tmp_path_factory.mktemp("lab")
    for name in ("lab.yaml", "measurements.csv"):
        shutil.copy(DEMO_DIR / name, folder / name)
    result = build(folder / "lab.yaml", folder / "out", langs=LANGS, processes=1, lock=False)
    assert len(result.built) == len(result.documents) > 30
    return folder


@pytest.fixture
def lab(built: Path, tmp_path: Path) -> Path:
    """A copy of the built lab for one test to change: returns the lab file (its build is in ``out`` beside it)."""
    folder = tmp_path / "lab"
    shutil.copytree(built, folder)
    return folder / "lab.yaml"


def rebuilt(lab: Path, out: Path | None = None) -> list[str]:
    result = build(lab, out or lab.parent / "out", langs=LANGS, processes=1, lock=False)
    return sorted(p.name for p in result.built)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_nothing_changed_nothing_is_made(lab):
    assert rebuilt(lab) == []


def test_the_manifest_is_keyed_on_resolved_paths(lab, monkeypatch):
    out = lab.parent / "out"
    assert rebuilt(lab, out.resolve()) == []
    monkeypatch.chdir(lab.parent)
    assert rebuilt(Path("lab.yaml"), Path("out")) == []
    assert rebuilt(Path("lab.yaml"), Path("./out/../out")) == []
    # The folder moved elsewhere is the same build.
    moved = lab.parent.parent / "moved"
    shutil.move(lab.parent, moved)
    assert rebuilt(moved / "lab.yaml") == []


def test_one_partners_role_makes_that_partners_checklist_and_the_lab_plan(lab):
    edit(lab, "Volontärer och språkcafé", "Volontärer, läxhjälp och språkcafé")
    assert rebuilt(lab) == [
        "hageby-portalen-lab-lab-plan-en.docx",
        "hageby-portalen-lab-lab-plan-sv.docx",
        "hageby-portalen-lab-partner-checklist-church-en.docx",
        "hageby-portalen-lab-partner-checklist-church-sv.docx",
    ]


def test_a_measurement_row_makes_the_report_only(lab):
    data = lab.parent / "measurements.csv"
    row = "registered-unemployed-12-months,Navestad,2021,7.1,,,,Exempel,Påhittat exempel\n"
    data.write_text(data.read_text(encoding="utf-8") + row, encoding="utf-8")
    assert rebuilt(lab) == ["hageby-portalen-lab-report-en.docx", "hageby-portalen-lab-report-sv.docx"]


def test_a_comment_in_the_lab_file_makes_nothing(lab):
    lab.write_text(
        lab.read_text(encoding="utf-8") + "\n# Checked with the steering group.\n", encoding="utf-8"
    )
    assert rebuilt(lab) == []


def test_the_labs_name_makes_every_lab_document_and_no_method_document(lab):
    edit(lab, "sv: Innovationslabb Hageby", "sv: Innovationslabbet Hageby")
    made = rebuilt(lab)
    assert all(name.startswith("hageby-portalen-lab-") for name in made)
    lab_documents = [p.name for p in (lab.parent / "out").rglob("hageby-portalen-lab-*.docx")]
    assert sorted(lab_documents) == made


def test_a_deleted_document_is_made_again(lab):
    victim = lab.parent / "out/sv/methods/portalen/portalen-guide-sv.docx"
    victim.unlink()
    assert rebuilt(lab) == [victim.name]


# Changes of every kind, each with the documents it must touch at least (a build may make more, never fewer).
CHANGES = [
    ("partner organisation", "organisation: ABF Norrköping", "organisation: ABF Östergötland"),
    (
        "partner actor",
        "organisation: Rotary i Norrköping\n    actor: civil-society",
        "organisation: Rotary i Norrköping\n    actor: employer",
    ),
    ("challenge", "Många utrikes födda kvinnor i Hageby", "Många kvinnor i Hageby"),
    ("phase date", "end: 2019-02-28", "end: 2019-02-27"),
    ("milestone", "Idéer valda för test", "Idéer valda för test och utvärdering"),
    ("goal target", "target: {value: 25, period: 2019-H2}", "target: {value: 30, period: 2019-H2}"),
    ("budget", "amount_sek: 150000", "amount_sek: 160000"),
    ("risk owner", "owner: employment-service", "owner: municipality"),
    (
        "steering group",
        "steering_group: [allmannyttan, housing, municipality, tenants]",
        "steering_group: [allmannyttan, housing, tenants]",
    ),
    ("method adaptation", "barnpassning under träffarna.", "barnpassning under alla träffar."),
    ("role mapping", "local-partners: [church, abf, research]", "local-partners: [church, research]"),
    (
        "method responsible",
        "    responsible: housing\n    adaptation:\n      sv: Mentorerna",
        "    responsible: rotary\n    adaptation:\n      sv: Mentorerna",
    ),
    ("privacy", "min_count: 10", "min_count: 12"),
    ("group name", "born-in-europe: {sv: Födda i Europa", "born-in-europe: {sv: Född i Europa"),
    ("area", "reference_area: Navestad", "reference_area: Ljura"),
]


def _content(path: Path) -> dict[str, bytes]:
    """What a document shows: its XML parts and images (the package's own metadata left out)."""
    with zipfile.ZipFile(path) as package:
        return {n: package.read(n) for n in package.namelist() if n.startswith("word/")}


@pytest.mark.slow
@pytest.mark.parametrize(("what", "old", "new"), CHANGES, ids=[c[0] for c in CHANGES])
def test_every_document_a_change_alters_is_made_again(lab, tmp_path, what, old, new):
    edit(lab, old, new)
    if (
        what == "area"
    ):  # the reference area's measurements are named as in the lab file (any other is refused)
        data = lab.parent / "measurements.csv"
        data.write_text(data.read_text(encoding="utf-8").replace(",Navestad,", ",Ljura,"), encoding="utf-8")
    made = set(rebuilt(lab))
    # The lab's documents made afresh (in one language: the fingerprints do not depend on it).
    kinds = ["lab-plan", "partner-checklist", "report"]
    fresh = build(lab, tmp_path / "fresh", langs=["sv"], processes=1, lock=False, kinds=kinds)
    out = lab.parent / "out"
    stale = [
        p.name
        for p in fresh.documents
        if p.name not in made and _content(p) != _content(out / os.path.relpath(p, tmp_path / "fresh"))
    ]
    assert stale == [], f"{what}: documents whose content changed but were kept"
    # A change that alters nothing is allowed to rebuild, but the method documents never depend on the lab.
    assert not [n for n in made if not re.match(r"hageby-portalen-lab-", n)]
