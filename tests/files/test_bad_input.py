"""Bad input: every mistake gives one exact message naming file, line and field ("file:line: path: message").

One test per kind of bad input. A small valid method file (``METHOD``, line numbers in the comments of
:func:`test_the_base_file_is_valid`) is edited to introduce one mistake at a time.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from labkit import model as m
from labkit.errors import InvalidDataError
from labkit.files import MAX_FILE_BYTES, dump_json, load, load_forms, load_indicators, load_method, loads
from labkit.files._yaml import MAX_DEPTH, MAX_VALUES

METHOD = """\
id: walk-and-talk
version: 1.2.0
name: {sv: Gå och prata, en: Walk and talk}
summary: {sv: En promenad med grannar., en: A walk with neighbours.}
purpose: {sv: Lära känna området., en: Get to know the area.}
when_to_use: {sv: När grannar inte känner varandra., en: When neighbours do not know each other.}
focus_areas: [safety, services]
target_groups:
  - {sv: Boende, en: Residents}
roles:
  - id: host
    actor: housing-company
    name: {sv: Värd, en: Host}
    responsibility: {sv: Bjuder in., en: Sends the invitations.}
  - id: guide
    actor: tenants-association
    name: {sv: Guide, en: Guide}
    responsibility: {sv: Leder promenaden., en: Leads the walk.}
steps:
  - id: invite
    title: {sv: Bjud in, en: Invite}
    description: {sv: Sätt upp lappar., en: Put up notes.}
    responsible: [host]
    consulted: [guide]
    duration: {sv: 1 vecka, en: 1 week}
    phase: explore
  - id: walk
    title: {sv: Gå, en: Walk}
    description: {sv: Gå runt i området., en: Walk around the area.}
    responsible: [guide]
    duration: {sv: 2 timmar, en: 2 hours}
    phase: test
resources:
  staff: {sv: En person, en: One person}
  premises: {sv: Inga, en: None}
  budget: {min_sek: 1000, max_sek: 5000, per: {sv: per promenad, en: per walk}}
  time_span: {sv: En månad, en: One month}
indicators: [participants]
checklists:
  - id: host-checklist
    title: {sv: Värdens lista, en: The host's list}
    owner: host
    kind: read-do
    pause_points:
      - name: {sv: Före, en: Before}
        items:
          - {sv: Boka tid, en: Book a time}
evidence:
  level: 1
  summary: {sv: En beskrivning., en: A description.}
  references: [guide-2020]
sources:
  - id: guide-2020
    title: Walk guide
    publisher: Example Publisher
    url: https://example.org/walk
    year: 2020
owner: {name: Exempelbolaget, kind: housing-company}
licence: CC-BY-4.0
revised: 2024-05-01
history:
  - {version: 1.2.0, date: 2024-05-01, changes: {sv: Ny version., en: New version.}}
"""

INDICATORS = """\
- id: participants
  name: {sv: Deltagare, en: Participants}
  unit: count
  polarity: higher-is-better
  level: output
  source: {sv: Egen räkning, en: Own count}
  definition: {sv: Antal deltagare., en: Number of participants.}
- id: walks
  name: {sv: Promenader, en: Walks}
  unit: count
  polarity: higher-is-better
  level: output
  source: {sv: Egen räkning, en: Own count}
  definition: {sv: Antal promenader., en: Number of walks.}
"""


def edit(old: str, new: str, text: str = METHOD) -> str:
    """*text* with the one occurrence of *old* replaced by *new*."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def problems(data: str | bytes, cl: Any = m.Method, filename: str = "method.yaml") -> list[str]:
    """The problems of *data* as the user reads them; fails if the data is valid."""
    with pytest.raises(InvalidDataError) as info:
        loads(data, cl, filename)
    assert str(info.value) == "\n".join(str(p) for p in info.value.problems)
    return [str(p) for p in info.value.problems]


def file_problems(path: Path, cl: Any = m.Method) -> list[str]:
    with pytest.raises(InvalidDataError) as info:
        load(path, cl)
    return [str(p) for p in info.value.problems]


def test_the_base_file_is_valid() -> None:
    method = loads(METHOD, m.Method, "method.yaml")
    assert method.id == "walk-and-talk"
    assert [r.id for r in method.roles] == ["host", "guide"]  # lines 11 and 15
    assert [s.id for s in method.steps] == ["invite", "walk"]  # lines 20 and 27
    assert method.licence == "CC-BY-4.0"  # line 59
    assert loads(INDICATORS, tuple[m.Indicator, ...], "indicators.yaml")[1].id == "walks"


# --- wrong values in one field ------------------------------------------------------------------------------------


def test_wrong_type_number_for_text() -> None:
    assert problems(edit("licence: CC-BY-4.0", "licence: 1.0")) == [
        "method.yaml:59: licence: expected a text, got the number 1.0 (put it in quotes if it is meant as text)"
    ]


def test_wrong_type_text_for_number() -> None:
    assert problems(edit("    year: 2020", "    year: tjugotjugo")) == [
        "method.yaml:57: sources[0].year: expected a whole number, got the text 'tjugotjugo'"
    ]


def test_wrong_type_true_for_number() -> None:
    assert problems(edit("  level: 1", "  level: yes")) == [
        "method.yaml:49: evidence.level: expected a whole number, got true/false (true)"
    ]


def test_missing_required_field() -> None:
    assert problems(edit("licence: CC-BY-4.0\n", "")) == [
        "method.yaml:1: licence: this field is required but missing"
    ]


def test_missing_required_field_in_a_list_item() -> None:
    # The line is where the item starts.
    assert problems(edit("    phase: test\n", "")) == [
        "method.yaml:27: steps[1].phase: this field is required but missing"
    ]


def test_unknown_key_with_did_you_mean() -> None:
    assert problems(edit("licence: CC-BY-4.0", "license: CC-BY-4.0")) == [
        "method.yaml:1: licence: this field is required but missing",
        "method.yaml:59: license: unknown key 'license' (did you mean 'licence'?)",
    ]


def test_unknown_key_in_a_list_item() -> None:
    assert problems(edit("    consulted: [guide]", "    consulted: [guide]\n    informd: [host]")) == [
        "method.yaml:25: steps[0].informd: unknown key 'informd' (did you mean 'informed'?)"
    ]


def test_unknown_key_without_a_close_match_lists_the_known_keys() -> None:
    assert problems(
        edit("owner: {name: Exempelbolaget, kind: housing-company}", "owner: {name: X, colour: red}")
    ) == ["method.yaml:58: owner.colour: unknown key 'colour'; known keys: name, kind, url"]


def test_unknown_choice_with_did_you_mean() -> None:
    assert problems(edit("    actor: tenants-association", "    actor: tenants association")) == [
        "method.yaml:16: roles[1].actor: expected one of housing-company, municipality, tenants-association, "
        "school, police, civil-society, employer, employment-service, residents, research, trade-body; "
        "got the text 'tenants association' (did you mean 'tenants-association'?)"
    ]


def test_bad_slug() -> None:
    assert problems(edit("id: walk-and-talk", "id: Walk_and_Talk")) == [
        "method.yaml:1: id: 'Walk_and_Talk' is not a valid id: use lowercase letters a-z, digits and single "
        "hyphens, like 'safety-walk'"
    ]


def test_bad_slug_in_a_reference_list() -> None:
    assert problems(edit("    responsible: [guide]", "    responsible: [Guide]")) == [
        "method.yaml:30: steps[1].responsible: 'Guide' is not a valid id: use lowercase letters a-z, digits and "
        "single hyphens, like 'safety-walk'"
    ]


def test_bad_semver() -> None:
    assert problems(edit("version: 1.2.0\n", "version: '1.2'\n")) == [
        "method.yaml:2: version: '1.2' is not a semantic version like '1.2.0'"
    ]


def test_impossible_date() -> None:
    assert problems(edit("revised: 2024-05-01", "revised: 2019-02-30")) == [
        "method.yaml:60: revised: '2019-02-30' is not a real date in the form YYYY-MM-DD"
    ]


def test_date_that_is_not_a_date() -> None:
    assert problems(edit("revised: 2024-05-01", "revised: maj 2024")) == [
        "method.yaml:60: revised: 'maj 2024' is not a real date in the form YYYY-MM-DD"
    ]
    assert problems(edit("revised: 2024-05-01", "revised: 20240501")) == [
        "method.yaml:60: revised: expected a date like 2019-03-31, got the number 20240501"
    ]


def test_unknown_language_code() -> None:
    assert problems(
        edit("name: {sv: Gå och prata, en: Walk and talk}", "name: {sv: Gå och prata, english: Walk}")
    ) == ["method.yaml:3: name: unknown language code 'english'; use codes like 'sv' and 'en'"]


def test_empty_translation() -> None:
    assert problems(
        edit("name: {sv: Gå och prata, en: Walk and talk}", "name: {sv: Gå och prata, en: ''}")
    ) == ["method.yaml:3: name: the 'en' text is empty"]


def test_budget_max_below_min() -> None:
    assert problems(edit("max_sek: 5000", "max_sek: 500")) == [
        "method.yaml:36: resources.budget.max_sek: max_sek (500) is below min_sek (1000)"
    ]


@pytest.mark.parametrize(
    ("level", "message"), [(0, "must be at least 1, got 0"), (6, "must be at most 5, got 6")]
)
def test_evidence_level_outside_the_scale(level: int, message: str) -> None:
    assert problems(edit("  level: 1", f"  level: {level}")) == [f"method.yaml:49: evidence.level: {message}"]


def test_duplicate_role_ids() -> None:
    assert problems(edit("  - id: guide\n", "  - id: host\n")) == [
        "method.yaml:10: roles: id 'host' is used more than once"
    ]


def test_duplicate_ids_in_an_indicator_list() -> None:
    text = edit("- id: walks", "- id: participants", INDICATORS)
    assert problems(text, tuple[m.Indicator, ...], "indicators.yaml") == [
        "indicators.yaml:8: [1].id: the id 'participants' is already used by item 0"
    ]


def test_duplicate_ids_in_a_form_list() -> None:
    form = "- {id: walk-protocol, method: walk, title: Protokoll, description: Fylls i., sections: [{heading: A}]}\n"
    assert problems(form + form, tuple[m.Form, ...], "documents.yaml") == [
        "documents.yaml:2: [1].id: the id 'walk-protocol' is already used by item 0"
    ]


# --- wrong shapes ---------------------------------------------------------------------------------------------------


def test_a_list_where_a_mapping_belongs() -> None:
    assert problems("- id: walk-and-talk\n- version: 1.2.0\n") == [
        "method.yaml:1: expected a mapping with keys like id, version, name, summary, got a list"
    ]


def test_a_list_where_a_nested_mapping_belongs() -> None:
    text = edit("owner: {name: Exempelbolaget, kind: housing-company}", "owner: [Exempelbolaget]")
    assert problems(text) == [
        "method.yaml:58: owner: expected a mapping with keys like name, kind, url, got a list"
    ]


def test_a_mapping_where_a_list_belongs() -> None:
    assert problems(METHOD, tuple[m.Indicator, ...], "indicators.yaml") == [
        "indicators.yaml:1: expected a list, got a mapping"
    ]


def test_a_string_where_a_list_belongs() -> None:
    assert problems(edit("focus_areas: [safety, services]", "focus_areas: safety")) == [
        "method.yaml:7: focus_areas: expected a list, got the text 'safety'"
    ]


def test_none_where_text_is_required() -> None:
    assert problems(edit("purpose: {sv: Lära känna området., en: Get to know the area.}", "purpose:")) == [
        "method.yaml:5: purpose: expected a text or {sv: ..., en: ...}, got nothing (null)"
    ]


def test_none_where_plain_text_is_required() -> None:
    assert problems(edit("    publisher: Example Publisher", "    publisher: ~")) == [
        "method.yaml:55: sources[0].publisher: expected a text, got nothing (null)"
    ]


def test_comma_splitting_a_flow_mapping_text() -> None:
    text = edit("purpose: {sv: Lära känna området., en: Get to know the area.}", "purpose: {sv: a, b, en: c}")
    assert problems(text) == [
        "method.yaml:5: purpose: a comma inside {sv: ..., en: ...} split the text before 'b'; put each text in quotes"
    ]


def test_comma_splitting_a_swedish_text() -> None:
    text = edit(
        "summary: {sv: En promenad med grannar., en: A walk with neighbours.}",
        "summary: {sv: En promenad, med grannar., en: A walk with neighbours.}",
    )
    assert problems(text) == [
        "method.yaml:4: summary: a comma inside {sv: ..., en: ...} split the text before 'med grannar.'; "
        "put each text in quotes"
    ]


def test_missing_translation_is_not_mistaken_for_a_comma() -> None:
    text = edit("purpose: {sv: Lära känna området., en: Get to know the area.}", "purpose: {sv: Syfte, en: }")
    assert problems(text) == ["method.yaml:5: purpose: the 'en' text is nothing (null); expected a text"]


# --- references between fields --------------------------------------------------------------------------------------


def test_unknown_role_in_a_step() -> None:
    assert problems(edit("    consulted: [guide]", "    consulted: [gide]")) == [
        "method.yaml:24: steps[0].consulted[0]: unknown role 'gide'; the method's roles are guide, host"
    ]


def test_unknown_evidence_reference() -> None:
    assert problems(edit("  references: [guide-2020]", "  references: [guide-2021]")) == [
        "method.yaml:51: evidence.references[0]: 'guide-2021' is not the id of one of the method's sources"
    ]


def test_history_without_the_current_version() -> None:
    assert problems(edit("version: 1.2.0\n", "version: 1.3.0\n")) == [
        "method.yaml:61: history: the history has no entry for the current version 1.3.0"
    ]


# --- all problems at once -------------------------------------------------------------------------------------------


def test_all_problems_of_a_file_are_reported_at_once_in_line_order() -> None:
    text = METHOD
    for old, new in [
        ("revised: 2024-05-01", "revised: 2019-02-30"),  # line 60
        ("id: walk-and-talk", "id: Walk_and_Talk"),  # line 1
        ("    actor: housing-company", "    actor: housing-compny"),  # line 12
        ("    phase: explore", "    phase: explor"),  # line 26
        ("  level: 1", "  level: 7"),  # line 49
        ("    year: 2020", "    year: '2020'"),  # line 57
    ]:
        text = edit(old, new, text)
    found = problems(text)
    assert found == [
        "method.yaml:1: id: 'Walk_and_Talk' is not a valid id: use lowercase letters a-z, digits and single "
        "hyphens, like 'safety-walk'",
        "method.yaml:12: roles[0].actor: expected one of housing-company, municipality, tenants-association, "
        "school, police, civil-society, employer, employment-service, residents, research, trade-body; "
        "got the text 'housing-compny' (did you mean 'housing-company'?)",
        "method.yaml:26: steps[0].phase: expected one of understand, explore, test, evaluate, spread; "
        "got the text 'explor' (did you mean 'explore'?)",
        "method.yaml:49: evidence.level: must be at most 5, got 7",
        "method.yaml:57: sources[0].year: expected a whole number, got the text '2020'",
        "method.yaml:60: revised: '2019-02-30' is not a real date in the form YYYY-MM-DD",
    ]


def test_all_reference_problems_at_once() -> None:
    text = METHOD
    for old, new in [
        ("    consulted: [guide]", "    consulted: [gide]"),
        ("    owner: host", "    owner: hots"),
        ("  references: [guide-2020]", "  references: [guide-2021]"),
    ]:
        text = edit(old, new, text)
    assert problems(text) == [
        "method.yaml:24: steps[0].consulted[0]: unknown role 'gide'; the method's roles are guide, host",
        "method.yaml:42: checklists[0].owner: unknown role 'hots'; the method's roles are guide, host",
        "method.yaml:51: evidence.references[0]: 'guide-2021' is not the id of one of the method's sources",
    ]


# --- files that are not YAML text -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\n", "\n"])
def test_empty_file(text: str) -> None:
    assert problems(text) == ["method.yaml:1: the file is empty"]


def test_file_with_only_comments() -> None:
    assert problems("# a method will go here\n") == ["method.yaml:1: the file holds no data (only comments?)"]


def test_empty_file_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "method.yaml"
    path.write_bytes(b"")
    assert file_problems(path) == [f"{path}:1: the file is empty"]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nothing.yaml"
    assert file_problems(path) == [f"{path}: no such file"]


def test_a_folder_instead_of_a_file(tmp_path: Path) -> None:
    assert file_problems(tmp_path) == [f"{tmp_path}: this is a folder, not a file"]


def test_binary_garbage_with_nul(tmp_path: Path) -> None:
    path = tmp_path / "method.yaml"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(1, 128)))  # the start of a .docx (zip) file
    assert file_problems(path) == [
        f"{path}:1: the file contains a NUL character; it looks like a binary file"
    ]


def test_binary_garbage_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "method.yaml"
    path.write_bytes(b"id: walk\nname: \x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert file_problems(path) == [
        f"{path}:2: the file is not UTF-8 text (byte 15 cannot be read); save it as UTF-8"
    ]


def test_latin1_file() -> None:
    text = edit("name: {sv: Gå och prata, en: Walk and talk}", "name: {sv: Gå och prata, en: Walk}").encode(
        "latin-1"
    )
    assert problems(text) == [
        "method.yaml:3: the file is not UTF-8 text (byte 45 cannot be read); save it as UTF-8"
    ]


@settings(max_examples=100, deadline=None)
@given(st.binary(min_size=1, max_size=300), st.sampled_from(["method.yaml", "method.json"]))
def test_random_bytes_give_problems_never_crashes(data: bytes, filename: str) -> None:
    with pytest.raises(InvalidDataError) as info:
        loads(b"\x00" + data, m.Method, filename)
    assert info.value.problems
    assert all(str(p).startswith(filename) for p in info.value.problems)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_without_nul_give_problems_never_crashes(data: bytes) -> None:
    with pytest.raises(InvalidDataError):
        loads(data.replace(b"\x00", b""), m.Method, "method.yaml")


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "method.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + METHOD.encode())
    assert load_method(path) == loads(METHOD, m.Method, "method.yaml")
    json_path = tmp_path / "method.json"
    json_path.write_bytes(b"\xef\xbb\xbf" + dump_json(load_method(path)).encode())
    assert load(json_path, m.Method) == load_method(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_file(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "method.yaml"
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    path.write_bytes(bom + METHOD.encode(encoding))
    assert file_problems(path) == [f"{path}:1: the file is UTF-16; save it as UTF-8"]


def test_utf16_file_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "method.yaml"
    path.write_bytes(METHOD.encode("utf-16-le"))
    # ASCII characters read as UTF-8 (with NULs between them); the first "å" is where it stops.
    assert file_problems(path) == [
        f"{path}:3: the file is not UTF-8 text (byte 90 cannot be read); save it as UTF-8"
    ]


def test_control_character_in_yaml() -> None:
    text = edit("    title: Walk guide", "    title: Walk\x7f guide")
    assert problems(text) == [
        "method.yaml:54: not valid YAML: the file contains the character U+007F, which YAML does not allow "
        "(control characters are not allowed)"
    ]


def test_tabs_in_indentation() -> None:
    text = edit("    actor: housing-company", "\tactor: housing-company")
    assert problems(text) == [
        "method.yaml:12: not valid YAML: while scanning a plain scalar found a tab character that violates "
        "indentation (YAML does not allow tabs for indentation; use spaces)"
    ]


def test_tab_after_spaces_in_indentation() -> None:
    text = edit("    phase: test", "  \t  phase: test")
    [problem] = problems(text)
    assert problem.startswith("method.yaml:32: not valid YAML: ")
    assert problem.endswith(" (YAML does not allow tabs for indentation; use spaces)")


def test_tab_inside_a_text_is_fine() -> None:
    text = edit("    title: Walk guide", '    title: "Walk\\tguide"\n    # a\tcomment')
    assert loads(text, m.Method, "method.yaml").sources[0].title == "Walk\tguide"


def test_yaml_syntax_error() -> None:
    text = edit("focus_areas: [safety, services]", "focus_areas: [safety, services")
    assert problems(text) == [
        "method.yaml:8: not valid YAML: while parsing a flow sequence did not find expected ',' or ']'"
    ]


# --- hostile YAML ---------------------------------------------------------------------------------------------------


def test_file_larger_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "method.yaml"
    with path.open("wb") as handle:
        handle.write(METHOD.encode())
        handle.seek(50_000_000 - 1)
        handle.write(b"\n")
    assert path.stat().st_size == 50_000_000
    assert file_problems(path) == [f"{path}: the file is 50.0 MB; labkit reads files up to 10 MB"]


def test_data_larger_than_the_limit() -> None:
    data = b"# " + b"x" * MAX_FILE_BYTES + b"\n"
    assert problems(data) == ["method.yaml: the file is 10.5 MB; labkit reads files up to 10 MB"]
    assert problems(data, filename="method.json") == [
        "method.json: the file is 10.5 MB; labkit reads files up to 10 MB"
    ]


def test_deep_nesting_of_10000_lists() -> None:
    text = "[" * 10_000 + "]" * 10_000
    if getattr(yaml, "__with_libyaml__", False):
        expected = "method.yaml:1: not valid YAML: while increasing flow level exceeded maximum nesting depth"
    else:
        expected = f"method.yaml: nesting is deeper than {MAX_DEPTH} levels"
    assert problems(text) == [expected]


def test_deep_nesting_of_10000_block_lists() -> None:
    [problem] = problems("- " * 10_000 + "x\n")
    assert problem.startswith("method.yaml")
    assert "nesting" in problem


def test_deep_nesting_below_the_parser_limit() -> None:
    depth = MAX_DEPTH + 10
    assert problems("[" * depth + "]" * depth) == [
        f"method.yaml:1: {'[0]' * (MAX_DEPTH + 1)}: nesting is deeper than {MAX_DEPTH} levels"
    ]


def test_deep_nesting_in_json() -> None:
    assert problems("[" * 10_000 + "]" * 10_000, filename="method.json") == [
        f"method.json: nesting is deeper than {MAX_DEPTH} levels"
    ]


def test_alias_bomb() -> None:
    # "Billion laughs": nine levels of nine aliases each would expand to 9**9 (387 million) values.
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    [problem] = problems("\n".join(lines) + "\n")
    # Placed at the alias that passes the limit: the second use of a4 inside a5, on line 6.
    assert problem.startswith("method.yaml:6: a5[1]: ")
    assert problem.endswith(
        f": the file expands to more than {MAX_VALUES:,} values; anchors and aliases that repeat each other "
        "('billion laughs') are refused"
    )


def test_an_alias_used_once_is_fine() -> None:
    text = edit("    name: {sv: Guide, en: Guide}", "    name: &guide {sv: Guide, en: Guide}")
    text = edit("    title: {sv: Gå, en: Walk}", "    title: *guide", text)
    assert loads(text, m.Method, "method.yaml").steps[1].title == {"sv": "Guide", "en": "Guide"}


def test_python_object_apply_tag_is_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = edit("id: walk-and-talk", f'id: !!python/object/apply:os.system ["touch {marker}"]')
    assert problems(text) == [
        "method.yaml:1: id: the tag '!!python/object/apply:os.system' is not allowed; labkit files hold only "
        "plain data (never objects)"
    ]
    assert not marker.exists()


def test_python_object_apply_tag_in_a_file_is_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "method.yaml"
    path.write_text(f'!!python/object/apply:os.system ["touch {marker}"]\n')
    assert file_problems(path) == [
        f"{path}:1: the tag '!!python/object/apply:os.system' is not allowed; labkit files hold only plain data "
        "(never objects)"
    ]
    assert not marker.exists()


def test_python_name_tag_is_refused() -> None:
    text = edit("licence: CC-BY-4.0", "licence: !!python/name:os.system")
    assert problems(text) == [
        "method.yaml:59: licence: the tag '!!python/name:os.system' is not allowed; labkit files hold only "
        "plain data (never objects)"
    ]


def test_python_object_new_mapping_tag_is_refused(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"!!python/object/new:subprocess.Popen {{args: [[touch, {marker}]]}}\n"
    assert problems(text) == [
        "method.yaml:1: the tag '!!python/object/new:subprocess.Popen' is not allowed; labkit files hold only "
        "plain data (never objects)"
    ]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("value", "tag"),
    [("!!binary aGVsbG8=", "!!binary"), ("!include other.yaml", "!include"), ("!!str text", None)],
)
def test_other_tags_are_refused(value: str, tag: str | None) -> None:
    if tag is None:  # the tags of plain data are fine
        assert (
            loads(edit("licence: CC-BY-4.0", f"licence: {value}"), m.Method, "method.yaml").licence == "text"
        )
        return
    assert problems(edit("licence: CC-BY-4.0", f"licence: {value}")) == [
        f"method.yaml:59: licence: the tag {tag!r} is not allowed; labkit files hold only plain data (never objects)"
    ]


def test_set_tag_is_refused() -> None:
    assert problems(edit("focus_areas: [safety, services]", "focus_areas: !!set {safety, services}")) == [
        "method.yaml:7: focus_areas: the tag '!!set' is not allowed; labkit files hold only plain data (never "
        "objects)"
    ]


def test_merge_keys_are_refused() -> None:
    text = edit(
        "  - id: guide\n    actor: tenants-association\n",
        "  - <<: &common {actor: tenants-association}\n    id: guide\n",
    )
    assert problems(text) == [
        "method.yaml:15: roles[1]: merge keys ('<<') are not supported; write the keys out"
    ]


def test_duplicate_keys() -> None:
    assert problems(edit("licence: CC-BY-4.0", "licence: CC-BY-4.0\nlicence: MIT")) == [
        "method.yaml:60: licence: the key 'licence' appears more than once"
    ]


def test_duplicate_keys_in_a_flow_mapping() -> None:
    assert problems(edit("name: {sv: Gå och prata, en: Walk and talk}", "name: {sv: Gå, sv: Prata}")) == [
        "method.yaml:3: name.sv: the key 'sv' appears more than once"
    ]


@pytest.mark.parametrize(("key", "shown"), [("yes", "'yes'"), ("null", "'null'"), ("~", "'~'")])
def test_keys_that_yaml_reads_as_true_or_null(key: str, shown: str) -> None:
    assert problems(edit("licence: CC-BY-4.0", f"licence: CC-BY-4.0\n{key}: x")) == [
        f"method.yaml:60: {shown} cannot be a key; put it in quotes"
    ]


def test_a_list_as_a_key() -> None:
    assert problems(edit("licence: CC-BY-4.0", "licence: CC-BY-4.0\n? [a, b]\n: x")) == [
        "method.yaml:60: a key must be a plain text, not a list or mapping"
    ]


# --- JSON files -----------------------------------------------------------------------------------------------------


def method_json() -> str:
    return dump_json(loads(METHOD, m.Method, "method.yaml"))


def test_json_file_loads() -> None:
    assert loads(method_json(), m.Method, "method.json") == loads(METHOD, m.Method, "method.yaml")


def test_json_syntax_error_with_line_number() -> None:
    text = method_json().replace('"version": "1.2.0",', '"version": "1.2.0",,', 1)
    assert problems(text, filename="method.json") == [
        "method.json:3: not valid JSON: Expecting property name enclosed in double quotes"
    ]


def test_json_trailing_comma() -> None:
    assert problems('{\n  "id": "walk",\n}\n', filename="method.json") == [
        "method.json:3: not valid JSON: Expecting property name enclosed in double quotes"
    ]


def test_json_comment_is_a_syntax_error() -> None:
    assert problems('{\n  // comment\n  "id": "walk"\n}\n', filename="method.json") == [
        "method.json:2: not valid JSON: Expecting property name enclosed in double quotes"
    ]


def test_yaml_in_a_json_file() -> None:
    assert problems(METHOD, filename="method.json") == ["method.json:1: not valid JSON: Expecting value"]


def test_json_field_error_names_the_line() -> None:
    text = method_json().replace('"licence": "CC-BY-4.0"', '"licence": 4.0', 1)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if '"licence"' in row)
    assert problems(text, filename="method.json") == [
        f"method.json:{line}: licence: expected a text, got the number 4.0 (put it in quotes if it is meant as text)"
    ]


def test_json_duplicate_keys() -> None:
    text = method_json().replace('"licence": "CC-BY-4.0"', '"licence": "CC-BY-4.0",\n  "licence": "MIT"', 1)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if '"MIT"' in row)
    assert problems(text, filename="method.json") == [
        f"method.json:{line}: licence: the key 'licence' appears more than once"
    ]


def test_json_numbers_with_an_exponent_are_numbers() -> None:
    # YAML 1.1 reads 1e-05 as text; in JSON it is a number (Python writes small floats this way).
    data = {"low": 1e-05, "central": 2e-05, "high": 1e20, "source": "Antagande"}
    text = json.dumps(data)
    assert "1e-05" in text
    assert "1e+20" in text
    assert loads(text, m.Assumption, "assumption.json") == m.Assumption(1e-05, 2e-05, 1e20, "Antagande")


def test_json_nan_is_not_a_number() -> None:
    text = '{"low": NaN, "central": 1, "high": 2, "source": "Antagande"}'
    assert problems(text, m.Assumption, "assumption.json") == [
        "assumption.json:1: low: expected a number, got the text 'NaN'"
    ]


def test_ascii_escaped_json_loads() -> None:
    # Python's json module (and many other tools) write emoji as escaped surrogate pairs.
    method = loads(METHOD, m.Method, "method.yaml")
    method_with_emoji = attrs.evolve(method, summary={"sv": "Promenad 🚶 och fika ☕", "en": "Walk 🚶"})
    ascii_text = json.dumps(json.loads(dump_json(method_with_emoji)), indent=2)
    assert "\\ud83d\\udeb6" in ascii_text
    assert loads(ascii_text, m.Method, "method.json") == method_with_emoji


def test_ascii_escaped_json_error_keeps_its_line() -> None:
    text = json.dumps({"id": "walk", "title": "Promenad 🚶", "publisher": 1}, indent=2)
    assert problems(text, m.Source, "source.json") == [
        "source.json:4: publisher: expected a text, got the number 1 (put it in quotes if it is meant as text)"
    ]


def test_binary_json_file(tmp_path: Path) -> None:
    path = tmp_path / "method.json"
    path.write_bytes(b"\x00\x01\x02{}")
    assert file_problems(path) == [
        f"{path}:1: the file contains a NUL character; it looks like a binary file"
    ]


def test_utf16_json_file(tmp_path: Path) -> None:
    path = tmp_path / "method.json"
    path.write_bytes(method_json().encode("utf-16"))
    assert file_problems(path) == [f"{path}:1: the file is UTF-16; save it as UTF-8"]


# --- other file kinds -----------------------------------------------------------------------------------------------


def test_indicator_file_problems(tmp_path: Path) -> None:
    path = tmp_path / "indicators.yaml"
    path.write_text(
        edit(
            "  name: {sv: Promenader, en: Walks}\n  unit: count",
            "  name: Promenader\n  unit: number",
            INDICATORS,
        )
    )
    with pytest.raises(InvalidDataError) as info:
        load_indicators(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:10: [1].unit: expected one of share, count, index, sek, rate, hours, scale; got the text 'number'"
    ]


def test_form_file_problems(tmp_path: Path) -> None:
    path = tmp_path / "documents.yaml"
    path.write_text(
        "- id: walk-protocol\n"
        "  method: walk\n"
        "  title: Protokoll\n"
        "  description: Fylls i under promenaden.\n"
        "  sections:\n"
        "    - heading: Deltagare\n"
        "      table:\n"
        "        columns: [Namn, Organisation]\n"
        "        rows:\n"
        "          - [Anna]\n"
        "        blank_rows: 100\n"
    )
    with pytest.raises(InvalidDataError) as info:
        load_forms(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:9: [0].sections[0].table.rows: row 1 has 1 cells but there are 2 columns",
        f"{path}:11: [0].sections[0].table.blank_rows: must be at most 60, got 100",
    ]


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    path = tmp_path / "method.yaml"
    path.write_text(METHOD)
    path.chmod(0)
    assert file_problems(path) == [f"{path}: cannot read the file: Permission denied"]
