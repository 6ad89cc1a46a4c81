from __future__ import annotations

import datetime as dt

import attrs
import pytest

from labkit.app.render import render
from labkit.errors import ConfigurationError, InvalidDataError, NotFoundError
from labkit.labs.check import check_lab
from labkit.labs.new import PLACEHOLDERS, STILL_PLACEHOLDER, LabAnswers, lab_file_text
from labkit.model import FocusArea


def test_new_lab_file_passes_check_once_its_texts_are_written_and_has_comments(catalog, tmp_path):
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
    # Only the two texts left for the user to write stand between the new file and a lab that checks OK.
    result = check_lab(path, catalog)
    assert [(p.path, p.message.split(":")[0]) for p in result.problems] == [
        (("challenge",), STILL_PLACEHOLDER),
        (("target_group",), STILL_PLACEHOLDER),
    ]
    text = text.replace("Beskriv utmaningen här.", "Otrygghet på kvällen.").replace(
        "Beskriv målgruppen här.", "Boende i området."
    )
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


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_placeholder_lab_new_writes_is_a_problem_naming_its_field(catalog, tmp_path, lang):
    answers = LabAnswers("Labb", "Område", "Kommun", "Bolag", (FocusArea.SAFETY,), ("test-walk",), lang)
    text = lab_file_text(answers, catalog)
    assert sum(placeholder in text for placeholder in PLACEHOLDERS) == 2
    path = tmp_path / "lab.yaml"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    got = [str(p) for p in check_lab(path, catalog).problems]
    challenge = next(i for i, line in enumerate(lines, 1) if line.startswith("challenge:"))
    target = next(i for i, line in enumerate(lines, 1) if line.startswith("target_group:"))
    assert got == [
        f"{path}:{challenge}: challenge: still the text `labkit lab new` wrote: describe the challenge in a few "
        "sentences: what the problem is, for whom, and why now",
        f"{path}:{target}: target_group: still the text `labkit lab new` wrote: describe who the lab is for, as "
        "precisely as you can (who, how many)",
    ]


def test_a_placeholder_in_either_language_anywhere_in_the_lab_is_found(catalog, lab_file):
    lab = check_lab(lab_file, catalog).lab
    lab = attrs.evolve(lab, challenge={"sv": "Otrygghet.", "en": "  Describe the challenge here. "})
    lab = attrs.evolve(lab, host="Beskriv målgruppen här.")
    problems = check_lab(lab, catalog).problems
    assert [(p.path, p.message.startswith(STILL_PLACEHOLDER)) for p in problems] == [
        (("host",), True),
        (("challenge", "en"), True),
    ]


def test_lab_plan_refuses_a_lab_with_a_placeholder(catalog, tmp_path):
    answers = LabAnswers("Labb", "Område", "Kommun", "Bolag", (FocusArea.SAFETY,), ("test-walk",), "en")
    path = tmp_path / "lab.yaml"
    path.write_text(lab_file_text(answers, catalog), encoding="utf-8")
    with pytest.raises(InvalidDataError, match="challenge: still the text `labkit lab new` wrote"):
        render("lab-plan", path, lang="en", catalog=catalog)


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
