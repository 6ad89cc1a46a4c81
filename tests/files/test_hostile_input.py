"""Bad input of every kind gives a clear error naming file, line and field, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from labkit.errors import InvalidDataError
from labkit.files import load_indicators, load_lab, load_method, loads
from labkit.model import Method

SAMPLE = (Path(__file__).parent.parent / "data" / "sample-method.yaml").read_text(encoding="utf-8")


def problems(path: Path, loader=load_method) -> list[str]:
    with pytest.raises(InvalidDataError) as caught:
        loader(path)
    return [str(p) for p in caught.value.problems]


def write(tmp_path: Path, text: str | bytes, name: str = "method.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_wrong_type(tmp_path):
    text = SAMPLE.replace("version: 1.0.0 ", "version: 1.0 ", 1)
    path = write(tmp_path, text)
    assert problems(path) == [
        f"{path}:{line_of(text, 'version: 1.0')}: version: expected a text, got the number 1.0 (put it in quotes if it is meant as text)"
    ]


def test_missing_required_field(tmp_path):
    text = SAMPLE.replace("licence: CC-BY-4.0\n", "")
    path = write(tmp_path, text)
    # The line of the mapping that lacks the field (the file's first key, after the comments).
    assert problems(path) == [
        f"{path}:{line_of(text, 'id: example-method')}: licence: this field is required but missing"
    ]


def test_unknown_key_with_hint(tmp_path):
    text = SAMPLE.replace("pitfalls:", "pitfals:")
    path = write(tmp_path, text)
    assert problems(path) == [
        f"{path}:{line_of(text, 'pitfals:')}: pitfals: unknown key 'pitfals' (did you mean 'pitfalls'?)"
    ]


def test_bad_slug_and_unknown_language(tmp_path):
    text = SAMPLE.replace("id: example-method", "id: Example Method").replace(
        "name: {sv: Exempelmetod, en: Example method}", "name: {sv: Exempelmetod, english: Example method}"
    )
    path = write(tmp_path, text)
    assert problems(path) == [
        f"{path}:{line_of(text, 'id: Example')}: id: 'Example Method' is not a valid id: use lowercase letters a-z, digits and single hyphens, like 'safety-walk'",
        f"{path}:{line_of(text, 'english')}: name: unknown language code 'english'; use codes like 'sv' and 'en'",
    ]


def test_impossible_date(tmp_path):
    text = SAMPLE.replace("revised: 2026-11-28", "revised: 2026-02-30")
    path = write(tmp_path, text)
    assert problems(path) == [
        f"{path}:{line_of(text, 'revised:')}: revised: '2026-02-30' is not a real date in the form YYYY-MM-DD"
    ]


def test_duplicate_ids(tmp_path):
    text = SAMPLE.replace(
        "  - id: coordinator-checklist",
        "  - id: coordinator-checklist\n    title: x\n    owner: coordinator\n    kind: read-do\n    pause_points: [{name: a, items: [Do it]}]\n  - id: coordinator-checklist",
    )
    path = write(tmp_path, text)
    assert problems(path) == [
        f"{path}:{line_of(text, 'checklists:')}: checklists: id 'coordinator-checklist' is used more than once"
    ]
    indicators = write(
        tmp_path,
        "- {id: a, name: A, unit: count, polarity: higher-is-better, level: output, source: s, definition: d}\n"
        * 2,
        "i.yaml",
    )
    assert problems(indicators, load_indicators) == [
        f"{indicators}:2: [1].id: the id 'a' is already used by item 0"
    ]


def test_empty_and_comment_only_files(tmp_path):
    assert problems(write(tmp_path, "")) == [f"{tmp_path / 'method.yaml'}:1: the file is empty"]
    assert problems(write(tmp_path, "# nothing here\n")) == [
        f"{tmp_path / 'method.yaml'}:1: the file holds no data (only comments?)"
    ]


def test_list_where_a_mapping_belongs(tmp_path):
    path = write(tmp_path, "- id: x\n- id: y\n")
    (message,) = problems(path)
    assert message.startswith(
        f"{path}:1: expected a mapping with keys like id, version, name, summary, got a list"
    )


def test_text_where_a_list_belongs_and_null_for_text(tmp_path):
    text = SAMPLE.replace("focus_areas: [employment]", "focus_areas: employment").replace(
        'when_to_use: {sv: "...", en: "..."}', "when_to_use: null"
    )
    path = write(tmp_path, text)
    found = problems(path)
    assert (
        f"{path}:{line_of(text, 'focus_areas:')}: focus_areas: expected a list, got the text 'employment'"
        in found
    )


def test_binary_garbage_and_encodings(tmp_path):
    garbage = bytes(range(256)) * 4
    (message,) = problems(write(tmp_path, garbage, "bin.yaml"))
    assert "NUL character" in message or "not UTF-8" in message
    (message,) = problems(write(tmp_path, SAMPLE.encode("utf-16"), "u16.yaml"))
    assert message.endswith("the file is UTF-16; save it as UTF-8")
    (message,) = problems(write(tmp_path, b"name: \xff\xfe bad", "latin.yaml"))
    assert "not UTF-8 text" in message


def test_utf8_bom_is_accepted(tmp_path):
    method = load_method(write(tmp_path, b"\xef\xbb\xbf" + SAMPLE.encode()))
    assert method.id == "example-method"


def test_tabs_in_yaml(tmp_path):
    text = SAMPLE.replace("  staff:", "\tstaff:")
    (message,) = problems(write(tmp_path, text))
    assert "not valid YAML" in message and "tabs" in message
    assert f":{line_of(text, chr(9) + 'staff:')}:" in message


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"summary: '")
        handle.write(b"x" * (50 * 1024 * 1024))
        handle.write(b"'\n")
    assert problems(path) == [f"{path}: the file is 52.4 MB; labkit reads files up to 10 MB"]


def test_deep_nesting(tmp_path):
    (message,) = problems(write(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n"))
    assert "nesting is deeper than 64 levels" in message or "exceeded maximum nesting depth" in message


def test_billion_laughs(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        prev = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{prev}"] * 9) + "]")
    (message,) = problems(write(tmp_path, "\n".join(lines) + "\n"))
    assert "expands to more than 200,000 values" in message and "billion laughs" in message


@pytest.mark.parametrize(
    "tag",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        "!!python/name:os.system",
        '!!python/object/new:subprocess.Popen [["touch", "{marker}"]]',
    ],
)
def test_python_tags_never_execute(tmp_path, tag):
    marker = tmp_path / "pwned"
    path = write(tmp_path, "id: x\nsummary: " + tag.format(marker=marker) + "\n")
    (message,) = problems(path)
    assert "is not allowed; labkit files hold only plain data (never objects)" in message
    assert not marker.exists()


def test_merge_keys_and_duplicate_keys(tmp_path):
    (message,) = problems(write(tmp_path, "base: &b {x: 1}\nother:\n  <<: *b\n"))
    assert "merge keys ('<<') are not supported" in message
    (message,) = problems(write(tmp_path, "id: a\nid: b\n"))
    assert message == f"{tmp_path / 'method.yaml'}:2: id: the key 'id' appears more than once"


def test_comma_inside_flow_text_gets_a_hint(tmp_path):
    text = SAMPLE.replace(
        'summary: {sv: "En eller två meningar.", en: "One or two sentences."}',
        "summary: {sv: Ett, två, en: One, two}",
    )
    (message,) = problems(write(tmp_path, text))
    assert "a comma inside {sv: ..., en: ...} split the text before" in message


def test_all_problems_reported_at_once_in_line_order(tmp_path):
    text = (
        SAMPLE.replace("version: 1.0.0 ", "version: one ", 1)
        .replace("phase: understand", "phase: understanding")
        .replace("max_sek: 150000", "max_sek: 10")
        .replace("level: 1", "level: 9")
    )
    found = problems(write(tmp_path, text))
    assert len(found) == 4
    lines = [int(p.split(":")[1]) for p in found]
    assert lines == sorted(lines)
    assert any(
        "steps[0].phase: expected one of understand, explore, test, evaluate, spread; got the text 'understanding' (did you mean 'understand'?)"
        in p
        for p in found
    )
    assert any("resources.budget.max_sek: max_sek (10) is below min_sek (50000)" in p for p in found)
    assert any("evidence.level: must be at most 5, got 9" in p for p in found)


def test_json_syntax_error_has_a_line(tmp_path):
    path = write(tmp_path, '{\n  "id": "x",\n  "name": \n}\n', "method.json")
    (message,) = problems(path)
    assert message.startswith(f"{path}:4: not valid JSON:")


def test_strict_types_in_json(tmp_path):
    with pytest.raises(InvalidDataError) as caught:
        loads('{"id": "x", "version": 1}', Method, "m.json")
    messages = [str(p) for p in caught.value.problems]
    assert (
        "m.json:1: version: expected a text, got the number 1 (put it in quotes if it is meant as text)"
        in messages
    )


def test_lab_problems_have_lines(tmp_path):
    demo = (Path(__file__).parents[2] / "src" / "labkit" / "builtin" / "demo" / "lab.yaml").read_text(
        encoding="utf-8"
    )
    text = demo.replace("end: 2018-11-30", "end: 2018-13-30")
    path = write(tmp_path, text, "lab.yaml")
    assert problems(path, load_lab) == [
        f"{path}:{line_of(text, '2018-13-30')}: phases[0].end: '2018-13-30' is not a real date in the form YYYY-MM-DD"
    ]


# -- special files: refused before anything is read, so they can neither hang labkit nor fill its memory ----------
def _special_problems(path: Path) -> list[str]:
    with pytest.raises(InvalidDataError) as info:
        load_lab(path)
    return [str(p) for p in info.value.problems]


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no named pipes on this platform")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    import os

    fifo = tmp_path / "lab.yaml"
    os.mkfifo(fifo)
    assert _special_problems(fifo) == [f"{fifo}: this is a named pipe (FIFO), not a regular file"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this platform")
def test_a_link_to_an_endless_device_is_refused(tmp_path):
    link = tmp_path / "lab.yaml"
    link.symlink_to("/dev/zero")
    assert _special_problems(link) == [f"{link}: this is a device, not a regular file"]


def test_a_socket_is_refused(tmp_path):
    import socket

    path = tmp_path / "lab.yaml"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        assert _special_problems(path) == [f"{path}: this is a socket, not a regular file"]
    finally:
        server.close()


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    import os

    from labkit import files

    path = tmp_path / "lab.yaml"
    path.write_text("id: x\n" * 10, encoding="utf-8")
    real_fstat = os.fstat

    def stale_fstat(fd):  # type: ignore[no-untyped-def]
        info = real_fstat(fd)
        return os.stat_result((info.st_mode, *info[1:6], 5, *info[7:]))  # the size when it was opened

    monkeypatch.setattr(os, "fstat", stale_fstat)
    with pytest.raises(InvalidDataError) as info:
        files._read_bytes(path, max_bytes=20)
    assert [str(p) for p in info.value.problems] == [
        f"{path}: the file grew while it was read; labkit reads files up to 20 bytes"
    ]
