"""The published method library: all eleven methods, complete in Swedish and English, following the rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from labkit import rules
from labkit.catalog import Catalog
from labkit.files import dump_yaml, load_forms
from labkit.model import ActorKind
from labkit.plugins import load_plugins
from labkit.rules import checklist_problems, translation_gaps

PLUGINS = Path(__file__).parents[1] / "plugins"

PUBLISHED = {
    "innovation-lab": {"employment", "education", "services", "safety"},
    "portalen": {"employment"},
    "mentoring": {"employment"},
    "social-procurement": {"employment"},
    "summer-jobs": {"employment", "education"},
    "homework-help": {"education"},
    "safety-walk": {"safety"},
    "area-hosts": {"safety", "employment"},
    "bid": {"safety", "services"},
    "resident-initiatives": {"services"},
    "youth-meeting-place": {"education", "safety"},
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(load_plugins(strict=True))


def test_all_eleven_are_installed_with_their_focus_areas(catalog):
    methods = {m.id: m for m in catalog.methods()}
    assert set(PUBLISHED) <= set(methods)
    for method_id, areas in PUBLISHED.items():
        assert {a.value for a in methods[method_id].focus_areas} == areas, method_id
        assert catalog.method_entries[method_id].plugin.distribution == f"labkit-{method_id}"
    safety = {m.id for m in catalog.methods("safety")}
    assert safety == {k for k, v in PUBLISHED.items() if "safety" in v}


@pytest.mark.parametrize("method_id", sorted(PUBLISHED))
def test_method_is_complete_and_follows_the_rules(catalog, method_id):
    method = catalog.method(method_id)
    assert translation_gaps(method) == []
    assert checklist_problems(method) == []
    assert rules.describe(method_id, rules.method_findings(method)) == []
    assert 1 <= method.evidence.level <= 2, "the published methods have no comparison-group evidence"
    assert all(c.based_on for c in method.checklists)
    owners = {c.owner for c in method.checklists}
    assert len(method.checklists) >= 2 and len(owners) >= 2, "a checklist for each key role"
    assert all(i in catalog.indicator_entries for i in method.indicators)
    own = [i for i in catalog.indicators() if i.id.startswith(f"{method_id}-")]
    assert own and all(i.question is not None for i in own)
    assert all(translation_gaps(i) == [] for i in own)
    assert len(method.steps) >= 6 and len({s.phase for s in method.steps}) >= 3
    text = dump_yaml(method)
    # Organisations only: no e-mail addresses or phone numbers in the content.
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text)
    assert not re.search(r"\b0\d{1,3}[- ]?\d{5,8}\b", text)


@pytest.mark.parametrize("method_id", sorted(PUBLISHED))
def test_method_documents_follow_the_rules(catalog, method_id):
    method = catalog.method(method_id)
    found = []
    for path in sorted(PLUGINS.glob(f"labkit-{method_id}/src/*/documents.yaml")):
        for form in load_forms(path):
            found += rules.describe(form.id, rules.form_findings(form, method))
    assert found == []


@pytest.mark.parametrize("method_id", sorted(PUBLISHED))
def test_plain_swedish_in_every_guide_and_resident_form(catalog, method_id):
    method = catalog.method(method_id)
    assert rules.readability(method)["sv"]["lix"] <= rules.MAX_GUIDE_LIX
    for path in sorted(PLUGINS.glob(f"labkit-{method_id}/src/*/documents.yaml")):
        for form in load_forms(path):
            if ActorKind.RESIDENTS in form.audience:
                assert rules.readability(form)["sv"]["lix"] <= rules.MAX_FORM_LIX, form.id


def test_resident_forms_are_marked_for_residents():
    forms = {f.id: f for path in PLUGINS.glob("*/src/*/documents.yaml") for f in load_forms(path)}
    for form_id in ("youth-evaluation", "initiative-application", "shift-report", "walk-protocol"):
        assert ActorKind.RESIDENTS in forms[form_id].audience, form_id


def test_owners_and_authors_are_readable_in_both_languages(catalog):
    for method_id in PUBLISHED:
        method = catalog.method(method_id)
        for organisation in (method.owner, *method.authors):
            assert isinstance(organisation.name, dict) and set(organisation.name) == {"sv", "en"}
            assert "contributors" not in str(organisation.name)
