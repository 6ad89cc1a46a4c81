"""Lossless round trips for anything the model accepts.

unstructure -> structure, YAML dump -> load and JSON dump -> load must all give back an equal object, for methods,
labs, indicator files and form files (and for every model class on its own).
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests import strategies as s

from labkit import model as m
from labkit.files import dump_json, dump_yaml, from_data, load, loads, save
from labkit.files._convert import unstructure

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_round_trips(obj: Any, cl: Any, name: str) -> None:
    """The three round trips, each compared with the original object."""
    assert from_data(unstructure(obj), cl) == obj
    assert loads(dump_yaml(obj), cl, f"{name}.yaml") == obj
    assert loads(dump_json(obj), cl, f"{name}.json") == obj


@SETTINGS
@given(s.methods())
def test_method_round_trips(method: m.Method) -> None:
    assert_round_trips(method, m.Method, "method")


@SETTINGS
@given(s.labs())
def test_lab_round_trips(lab: m.Lab) -> None:
    assert_round_trips(lab, m.Lab, "lab")


@SETTINGS
@given(s.indicator_lists)
def test_indicator_file_round_trips(indicators: tuple[m.Indicator, ...]) -> None:
    assert_round_trips(indicators, tuple[m.Indicator, ...], "indicators")


@SETTINGS
@given(s.form_lists)
def test_form_file_round_trips(forms: tuple[m.Form, ...]) -> None:
    assert_round_trips(forms, tuple[m.Form, ...], "documents")


# Every model class on its own (classes that need context get a fixed one).
PARTS: list[tuple[type[Any], Any]] = [
    (m.Source, s.sources),
    (m.Organisation, s.organisations),
    (m.Role, s.roles),
    (m.Step, s.steps(("coordinator", "host"))),
    (m.BudgetRange, s.budget_ranges),
    (m.Resources, s.resources),
    (m.PausePoint, s.pause_points),
    (m.Checklist, s.checklists(("coordinator",))),
    (m.Evidence, s.evidence(("source-a", "source-b"))),
    (m.Observation, s.observations(("source-a", "source-b"))),
    (m.BasedOn, s.based_on),
    (m.VersionNote, s.version_notes),
    (m.Indicator, s.indicators),
    (m.Area, s.areas),
    (m.Contact, s.contacts),
    (m.Partner, s.partners),
    (m.Milestone, s.milestones(dt.date(2020, 1, 1), dt.date(2020, 12, 31))),
    (m.Phase, s.phases()),
    (m.ChosenMethod, s.chosen_methods(("housing", "tenants"))),
    (m.GoalValue, s.goal_values),
    (m.Goal, s.goals()),
    (m.BudgetItem, s.budget_items),
    (m.Budget, s.budgets),
    (m.Risk, s.risks(("housing",))),
    (m.Privacy, s.privacies),
    (m.Rounding, s.roundings),
    (m.Measurement, s.measurements()),
    (m.Assumption, s.assumptions()),
    (m.Estimate, s.estimates),
    (m.FormTable, s.form_tables),
    (m.FormSection, s.form_sections),
    (m.Form, s.forms),
]


@pytest.mark.parametrize(("cl", "strategy"), PARTS, ids=[cl.__name__ for cl, _ in PARTS])
@FEW
@given(data=st.data())
def test_every_model_class_round_trips(cl: type[Any], strategy: Any, data: st.DataObject) -> None:
    obj = data.draw(strategy)
    assert isinstance(obj, cl)
    assert_round_trips(obj, cl, cl.__name__.lower())


def test_every_model_class_has_a_strategy() -> None:
    classes = {
        getattr(m, name)
        for name in m.__all__
        if isinstance(getattr(m, name), type) and hasattr(getattr(m, name), "__attrs_attrs__")
    }
    covered = {cl for cl, _ in PARTS} | {m.Method, m.Lab}
    assert classes - covered == set()


@SETTINGS
@given(s.methods())
def test_method_from_ascii_only_json(method: m.Method) -> None:
    # Other tools (and Python's json module by default) escape every non-ASCII character, emoji as surrogate pairs.
    text = json.dumps(unstructure(method), default=str)
    assert text.isascii()
    assert loads(text, m.Method, "method.json") == method
    compact = json.dumps(unstructure(method), default=str, separators=(",", ":"))
    assert loads(compact, m.Method, "method.json") == method


@SETTINGS
@given(s.labs())
def test_lab_from_ascii_only_json(lab: m.Lab) -> None:
    assert loads(json.dumps(unstructure(lab), default=str), m.Lab, "lab.json") == lab


@SETTINGS
@given(s.methods())
def test_yaml_dump_is_plain_yaml(method: m.Method) -> None:
    # The dump holds only plain data: any YAML reader (here PyYAML's safe loader) reads it.
    plain = yaml.safe_load(dump_yaml(method))
    assert plain["id"] == method.id
    assert plain["version"] == method.version
    assert from_data(plain, m.Method) == method


@FEW
@given(s.labs(), st.sampled_from(["lab.yaml", "lab.json", "LAB.JSON", "lab.yml"]))
def test_save_then_load_file(lab: m.Lab, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = save(lab, Path(folder) / name)
        assert load(path, m.Lab) == lab
        assert [p.name for p in Path(folder).iterdir()] == [name]  # no temporary file left behind


@FEW
@given(s.labs())
def test_dumps_are_stable(lab: m.Lab) -> None:
    # Dumping what was loaded gives the same text (no drift over repeated saves).
    yaml_text = dump_yaml(lab)
    assert dump_yaml(loads(yaml_text, m.Lab, "lab.yaml")) == yaml_text
    json_text = dump_json(lab)
    assert dump_json(loads(json_text, m.Lab, "lab.json")) == json_text
