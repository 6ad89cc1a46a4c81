"""Text from plugins and files reaches the terminal as text: control and bidi-override characters are shown as
escapes by every listing, ``methods show``, ``lab check`` and the error lines, and JSON output keeps the data.

A plugin contributes a method, an indicator and a document kind whose every text carries an escape sequence
that would clear the screen, a bell, a C1 control and a right-to-left override.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import DATA

from labkit import hookimpl
from labkit.catalog import Catalog
from labkit.cli import main
from labkit.files import from_data, load_method, to_data
from labkit.generators import Generator, Takes
from labkit.model import Indicator, Method
from labkit.plugins import load_plugins

HOSTILE = " \x1b[2J\x07\x85\u202eevil\u202c"
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
TEXT_KEYS = {"sv", "en", "name", "title", "publisher", "organisation"}


def _hostile(data: Any, key: str | None = None) -> Any:
    """Every human-readable text in *data* with :data:`HOSTILE` appended (ids and vocabulary left alone)."""
    if isinstance(data, dict):
        return {k: _hostile(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [_hostile(v, key) for v in data]
    if isinstance(data, str) and key in TEXT_KEYS:
        return data + HOSTILE
    return data


class _HostilePlugin:
    def __init__(self) -> None:
        method = load_method(DATA / "walk.yaml")
        self.method = from_data(_hostile(to_data(method)), Method)
        self.indicator = from_data(
            {
                "id": "hostile-share",
                "name": {"sv": "Andel" + HOSTILE, "en": "Share" + HOSTILE},
                "unit": "share",
                "polarity": "higher-is-better",
                "level": "outcome",
                "source": "Källa" + HOSTILE,
                "definition": "Definition" + HOSTILE,
            },
            Indicator,
        )

    @hookimpl
    def labkit_methods(self) -> list[Method]:
        return [self.method]

    @hookimpl
    def labkit_indicators(self) -> list[Indicator]:
        return [self.indicator]

    @hookimpl
    def labkit_generators(self) -> list[Generator]:
        return [
            Generator(
                name="hostile-form",
                title="Blankett" + HOSTILE,
                description="Beskrivning" + HOSTILE,
                takes=Takes.METHOD,
                generate=lambda request: None,
            )
        ]


@pytest.fixture
def hostile_catalog(monkeypatch: pytest.MonkeyPatch) -> Catalog:
    import labkit.catalog

    catalog = Catalog(load_plugins(entry_points=False))
    catalog.register(_HostilePlugin(), name="hostile" + HOSTILE)
    monkeypatch.setattr(labkit.catalog, "_default", catalog)
    return catalog


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize(
    "argv",
    [
        ["methods"],
        ["methods", "--lang", "en"],
        ["methods", "show", "test-walk"],
        ["methods", "show", "test-walk", "--lang", "en"],
        ["indicators"],
        ["documents"],
        ["plugins"],
    ],
    ids=" ".join,
)
def test_listings_show_escapes_not_control_characters(hostile_catalog, capsys, argv):
    code, shown = _run(capsys, *argv)
    assert code == 0, shown
    assert not UNSAFE.search(shown), [m[0] for m in UNSAFE.finditer(shown)]
    # Shown, not dropped (U+0085 is a line break, so a one-line table cell has a space there).
    assert "\\x1b[2J\\x07" in shown and "\\u202eevil\\u202c" in shown


@pytest.mark.parametrize(
    ("argv", "texts"),
    [
        (["methods", "--json"], lambda data: [data[0]["name"], data[0]["summary"]]),
        (["indicators", "--json"], lambda data: [i["name"] for i in data if i["id"] == "hostile-share"]),
        (
            ["plugins", "--json"],
            lambda data: [p["name"] for p in data["plugins"] if p["name"].startswith("hostile")],
        ),
    ],
    ids=["methods", "indicators", "plugins"],
)
def test_json_output_escapes_and_keeps_the_data(hostile_catalog, capsys, argv, texts):
    code = main(argv)
    out = capsys.readouterr().out
    assert code == 0
    assert not UNSAFE.search(out)
    found = texts(json.loads(out))
    assert found and all(text.endswith(HOSTILE) for text in found)


def test_lab_check_notes_from_a_lock_file_are_escaped(hostile_catalog, capsys, lab_file: Path):
    text = lab_file.read_text(encoding="utf-8").replace("id: test-meeting", "id: test-walk-removed")
    lab_file.write_text(text.split("  - id: test-walk-removed")[0] + "goals: []\n", encoding="utf-8")
    lock = lab_file.with_name("lab.lock.json")
    lock.write_text(
        json.dumps(
            {"methods": {"test-walk": {"version": "0.9.0", "steps": {"old": {"title": "Gammalt" + HOSTILE}}}}}
        ),
        encoding="utf-8",
    )
    _code, shown = _run(capsys, "lab", "check", str(lab_file))
    assert "note: test-walk: the lab was built with 0.9.0" in shown, shown
    assert "Gammalt \\x1b[2J" in shown
    assert not UNSAFE.search(shown)


def test_error_lines_are_escaped(capsys, tmp_path: Path):
    lab = tmp_path / "lab.json"
    lab.write_text(
        json.dumps({"id": "x", "name": "Namn" + HOSTILE, "language": "fr" + HOSTILE}), encoding="utf-8"
    )
    code, shown = _run(capsys, "lab", "check", str(lab))
    assert code == 1
    assert "error: " in shown
    assert not UNSAFE.search(shown)


def test_a_file_with_thousands_of_mistakes_prints_a_hundred_and_a_count(capsys, tmp_path: Path):
    lab = tmp_path / "lab.yaml"
    partners = "".join(
        f"  - {{id: 'P{n}', organisation: '', actor: nobody, role: ''}}\n" for n in range(2000)
    )
    lab.write_text(f"id: x\npartners:\n{partners}", encoding="utf-8")
    for argv in (
        ["lab", "check", str(lab)],
        ["lab", "plan", str(lab)],
        ["build", str(lab), "--out", str(tmp_path)],
    ):
        code = main(argv)
        err = capsys.readouterr().err
        lines = err.splitlines()
        errors = [line for line in lines if line.startswith("error: ")]
        assert code == 1
        assert len(errors) == 101, (argv, len(errors))
        assert re.fullmatch(r"error: \d+ more problems are not shown \(\d+ in all\)", errors[-1])
