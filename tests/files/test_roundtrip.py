"""Lossless round trips: unstructure -> structure, YAML dump -> load, JSON dump -> load."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from tests.strategies import forms, indicators, labs, methods

from labkit.files import dump_json, dump_yaml, from_data, loads
from labkit.files._convert import unstructure
from labkit.model import Form, Indicator, Lab, Method

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(methods())
def test_method_round_trips(method):
    assert from_data(unstructure(method), Method) == method
    assert loads(dump_yaml(method), Method, "m.yaml") == method
    assert loads(dump_json(method), Method, "m.json") == method


@SETTINGS
@given(labs())
def test_lab_round_trips(lab):
    assert from_data(unstructure(lab), Lab, semantic=False) == lab
    assert loads(dump_yaml(lab), Lab, "lab.yaml") == lab
    assert loads(dump_json(lab), Lab, "lab.json") == lab


@SETTINGS
@given(indicators)
def test_indicator_round_trips(indicator):
    assert loads(dump_yaml((indicator,)), tuple[Indicator, ...], "i.yaml") == (indicator,)
    assert loads(dump_json((indicator,)), tuple[Indicator, ...], "i.json") == (indicator,)


@SETTINGS
@given(forms)
def test_form_round_trips(form):
    assert loads(dump_yaml((form,)), tuple[Form, ...], "f.yaml") == (form,)
    assert loads(dump_json((form,)), tuple[Form, ...], "f.json") == (form,)
