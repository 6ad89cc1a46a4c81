"""The parse cache cannot be turned against its user: planted entries never run, unsafe folders are not used."""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from labkit import _cache
from labkit.files import load_method
from labkit.model import Method

SAMPLE = Path(__file__).parent / "data" / "sample-method.yaml"


class _Payload:
    """Unpickling this runs ``touch MARKER``: the code an attacker would plant."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (f"touch {self.marker}",))


def _load(folder: Path, monkeypatch: pytest.MonkeyPatch, path: Path = SAMPLE) -> list[Method]:
    monkeypatch.setenv("LABKIT_CACHE_DIR", str(folder))
    monkeypatch.delenv("LABKIT_NO_CACHE", raising=False)
    _cache._checked.clear()
    return _cache.cached_load("method", path, lambda p: [load_method(p)], Method)


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle"))


def _plant(entry: Path, marker: Path, *, key: bytes | None = None) -> None:
    """Replace the body of *entry* with a pickle that runs code, keeping its header (and signing it with *key*)."""
    header, _signature, _body = entry.read_bytes().split(b"\n", 2)
    body = pickle.dumps([_Payload(marker)])
    signature = _cache._signature(key, header + b"\n", body) if key else b"0" * 64 + b"\n"
    entry.write_bytes(header + b"\n" + signature + body)


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    return tmp_path / "payload-ran"


def test_a_second_load_comes_from_the_cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    first = _load(folder, monkeypatch)
    calls = []
    monkeypatch.setenv("LABKIT_CACHE_DIR", str(folder))
    again = _cache.cached_load("method", SAMPLE, lambda p: calls.append(p) or [], Method)
    assert again == first
    assert calls == []


def test_the_folder_key_and_entries_are_private(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    _load(folder, monkeypatch)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "key").stat().st_mode) == 0o600
    for entry in _entries(folder):
        assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_planted_payload_in_a_group_writable_folder_never_runs(tmp_path, monkeypatch, marker):
    """The test from the issue: every entry of a group-writable cache folder carries an executing payload."""
    folder = tmp_path / "shared-cache"
    _load(folder, monkeypatch)
    key = (folder / "key").read_bytes()
    for entry in _entries(folder):
        _plant(entry, marker, key=key)  # even correctly signed: the attacker could write the folder
    folder.chmod(0o775)
    with pytest.warns(_cache.CacheWarning, match="other users may write to it"):
        method = _load(folder, monkeypatch)
    assert method[0].id == "example-method"
    assert not marker.exists()


def test_planted_payload_with_a_forged_signature_is_a_miss(tmp_path, monkeypatch, marker):
    folder = tmp_path / "cache"
    _load(folder, monkeypatch)
    for entry in _entries(folder):
        _plant(entry, marker)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        method = _load(folder, monkeypatch)
    assert method[0].id == "example-method"
    assert not marker.exists()


def test_planted_payload_with_a_stolen_key_is_refused_by_the_unpickler(tmp_path, monkeypatch, marker):
    """Defence in depth: even a correctly signed entry can only rebuild labkit's model classes."""
    folder = tmp_path / "cache"
    _load(folder, monkeypatch)
    key = (folder / "key").read_bytes()
    for entry in _entries(folder):
        _plant(entry, marker, key=key)
    method = _load(folder, monkeypatch)
    assert method[0].id == "example-method"
    assert not marker.exists()


@pytest.mark.parametrize(
    "name",
    [
        "os.system",
        "builtins.eval",
        "subprocess.Popen",
        "labkit.model.method.check_slug",
        "labkit.model.nothing",
        "labkit.cli.main",
    ],
)
def test_the_unpickler_refuses_anything_but_model_classes(name):
    import io

    module, _, attribute = name.rpartition(".")
    with pytest.raises(pickle.UnpicklingError, match="not allowed"):
        _cache._ModelUnpickler(io.BytesIO(b"")).find_class(module, attribute)


def test_a_corrupt_entry_is_a_miss(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    _load(folder, monkeypatch)
    for entry in _entries(folder):
        header = entry.read_bytes().split(b"\n", 1)[0]
        entry.write_bytes(header + b"\nnot a signature\n\x80\x05garbage")
    assert _load(folder, monkeypatch)[0].id == "example-method"


def test_an_entry_that_is_a_symbolic_link_is_not_followed(tmp_path, monkeypatch, marker):
    folder = tmp_path / "cache"
    _load(folder, monkeypatch)
    key = (folder / "key").read_bytes()
    (entry,) = _entries(folder)
    planted = tmp_path / "elsewhere.pickle"
    planted.write_bytes(entry.read_bytes())
    _plant(planted, marker, key=key)
    entry.unlink()
    entry.symlink_to(planted)
    assert _load(folder, monkeypatch)[0].id == "example-method"
    assert not marker.exists()


def test_a_key_readable_by_others_is_not_trusted(tmp_path, monkeypatch, marker):
    folder = tmp_path / "cache"
    _load(folder, monkeypatch)
    key_file = folder / "key"
    key_file.chmod(0o644)
    calls = []
    monkeypatch.setenv("LABKIT_CACHE_DIR", str(folder))
    _cache.cached_load("method", SAMPLE, lambda p: calls.append(p) or [load_method(p)], Method)
    assert calls == [SAMPLE]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing owners needs root")
def test_a_folder_owned_by_another_user_is_not_used(tmp_path, monkeypatch, marker):
    folder = tmp_path / "cache"
    _load(folder, monkeypatch)
    os.chown(folder, 65534, 65534)
    with pytest.warns(_cache.CacheWarning, match="belongs to another user"):
        method = _load(folder, monkeypatch)
    assert method[0].id == "example-method"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing owners needs root")
def test_an_entry_owned_by_another_user_is_a_miss(tmp_path, monkeypatch, marker):
    folder = tmp_path / "cache"
    _load(folder, monkeypatch)
    key = (folder / "key").read_bytes()
    for entry in _entries(folder):
        _plant(entry, marker, key=key)
        os.chown(entry, 65534, 65534)
    assert _load(folder, monkeypatch)[0].id == "example-method"
    assert not marker.exists()


def test_the_cli_with_a_planted_group_writable_cache_runs_no_code_and_warns_once(tmp_path, marker):
    folder = tmp_path / "cache"
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABKIT_")}
    env["LABKIT_CACHE_DIR"] = str(folder)
    subprocess.run([sys.executable, "-m", "labkit", "methods"], env=env, check=True, capture_output=True)
    key = (folder / "key").read_bytes()
    entries = _entries(folder)
    assert entries
    for entry in entries:
        _plant(entry, marker, key=key)
    folder.chmod(0o777)
    result = subprocess.run(
        [sys.executable, "-m", "labkit", "methods"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "portalen" in result.stdout
    assert result.stderr.count("is not used because other users may write to it") == 1
    assert not marker.exists()


def test_an_unwritable_cache_folder_only_costs_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert _load(blocker / "cache", monkeypatch)[0].id == "example-method"


def test_an_entry_from_before_a_model_change_is_a_miss(tmp_path, monkeypatch):
    """An editable install whose model gained a field (same version, same file) parses again: an old pickle would
    rebuild objects without the new field (found when a merge added ``Role.volunteer``)."""
    folder = tmp_path / "cache"
    first = _load(folder, monkeypatch)
    monkeypatch.setattr(_cache, "_model_fingerprint", lambda: "another model")
    calls = []
    again = _cache.cached_load("method", SAMPLE, lambda p: calls.append(p) or first, Method)
    assert calls == [SAMPLE]
    assert again == first


def test_the_model_fingerprint_follows_the_model_source(tmp_path):
    """A field added to a model class (an editable install, same version) changes the fingerprint; computing it
    imports no model module (start-up stays cheap)."""
    import shutil
    import subprocess
    import sys

    from labkit import model

    copy = tmp_path / "model"
    shutil.copytree(Path(model.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = _cache.source_fingerprint(copy)
    assert before == _cache._model_fingerprint()
    method = copy / "method.py"
    method.write_text(method.read_text(encoding="utf-8") + "\n# volunteer: bool = False\n", encoding="utf-8")
    assert _cache.source_fingerprint(copy) != before
    imported = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, labkit._cache as c; c._model_fingerprint(); "
            "print(sorted(m for m in sys.modules if m.startswith('labkit.model')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert imported.strip() == "[]"


@pytest.mark.skipif(
    sys.platform in {"win32", "darwin"}, reason="the XDG folders are Linux's and other Unix systems'"
)
def test_the_default_folder_is_the_platforms_user_cache(tmp_path, monkeypatch):
    monkeypatch.delenv("LABKIT_CACHE_DIR", raising=False)
    monkeypatch.delenv("LABKIT_NO_CACHE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert _cache.cache_dir() == tmp_path / ".cache" / "labkit"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert _cache.cache_dir() == tmp_path / "xdg" / "labkit"
    monkeypatch.setenv(
        "XDG_CACHE_HOME", "relative/cache"
    )  # ignored, as platformdirs does: never the work folder
    assert _cache.cache_dir() == tmp_path / ".cache" / "labkit"
    monkeypatch.setenv("LABKIT_CACHE_DIR", str(tmp_path / "mine"))
    assert _cache.cache_dir() == tmp_path / "mine"
    monkeypatch.setenv("LABKIT_NO_CACHE", "1")
    assert _cache.cache_dir() is None
