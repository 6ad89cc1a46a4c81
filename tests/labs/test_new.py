from __future__ import annotations

import datetime as dt

import pytest

from labkit.errors import ConfigurationError, NotFoundError
from labkit.labs.check import check_lab
from labkit.labs.new import LabAnswers, lab_file_text
from labkit.model import FocusArea


def test_new_lab_file_passes_check_and_has_comments(catalog, tmp_path):
    answers = LabAnswers(
        name='Trygghetslabb: Östra "Parken"',
        area="Östra parken",
        municipality="Exempelkommun",
        host="Bostadsbolaget",
        focus_areas=(FocusArea.SAFETY,),
        methods=("test-walk", "test-meeting"),
        lang="sv",
        start=dt.date(2025, 1, 1),
    )
    text = lab_file_text(answers, catalog)
    path = tmp_path / "lab.yaml"
    path.write_text(text, encoding="utf-8")
    result = check_lab(path, catalog)
    assert result.ok, [str(p) for p in result.problems]
    lab = result.lab
    assert lab.name == 'Trygghetslabb: Östra "Parken"'
    assert lab.id == "trygghetslabb-ostra-parken"
    assert [p.phase.value for p in lab.phases] == ["understand", "explore", "test", "evaluate", "spread"]
    # Every field has a comment above it.
    lines = text.splitlines()
    for key in ("id:", "name:", "host:", "area:", "partners:", "phases:", "methods:", "goals:", "risks:"):
        index = next(i for i, line in enumerate(lines) if line.startswith(key))
        assert lines[index - 1].startswith("#"), key


def test_new_lab_unknown_method(catalog):
    answers = LabAnswers("Labb", "Område", "Kommun", "Bolag", (FocusArea.SAFETY,), ("nope",))
    with pytest.raises(NotFoundError, match="no installed plugin provides the method 'nope'"):
        lab_file_text(answers, catalog)


def test_new_lab_empty_name(catalog):
    answers = LabAnswers(" ", "Område", "Kommun", "Bolag", (FocusArea.SAFETY,), ("test-walk",))
    with pytest.raises(ConfigurationError, match="must not be empty"):
        lab_file_text(answers, catalog)


@pytest.mark.parametrize(
    ("lang", "expected", "other"),
    [("sv", "Polisen i Exempelkommun", "The police"), ("en", "The police in Exempelkommun", "Polisen")],
)
def test_new_lab_names_descriptive_partners_in_the_lab_language(catalog, lang, expected, other):
    """A partner that is a description ('The police in …', 'Employers in …') is written in the lab's language;
    proper names (Hyresgästföreningen) stay as they are."""
    import yaml

    answers = LabAnswers(
        name="Labb",
        area="Östra parken",
        municipality="Exempelkommun",
        host="Bostadsbolaget",
        focus_areas=(FocusArea.SAFETY,),
        methods=("test-walk",),
        lang=lang,
        start=dt.date(2025, 1, 1),
    )
    partners = yaml.safe_load(lab_file_text(answers, catalog))["partners"]
    names = [p["organisation"] for p in partners]
    assert expected in names and not any(other in n for n in names)
    assert "Hyresgästföreningen" in names
