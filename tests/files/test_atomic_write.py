"""atomic_write, the one way labkit writes a file: whole or not at all, flushed to disk, never through a link,
the umask left alone (threads write at the same time), and the target named in every error."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from labkit.files import atomic_write


def _umask() -> int:
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("Umask:"):
            return int(line.split()[1], 8)
    raise AssertionError("no Umask line")


pytestmark = pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="reads the umask from /proc")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_the_umask_is_never_changed_and_gives_the_mode(tmp_path, monkeypatch):
    def no_umask(_mask: int) -> int:
        raise AssertionError("atomic_write changed the umask")

    umask = _umask()
    monkeypatch.setattr(os, "umask", no_umask)
    shared = atomic_write(tmp_path / "shared.txt", "text")
    private = atomic_write(tmp_path / "private.bin", b"key", mode=0o600)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE(private.stat().st_mode) == 0o600 & ~umask
    assert shared.read_text(encoding="utf-8") == "text"


def test_the_data_is_on_disk_before_the_name_changes(tmp_path, monkeypatch):
    events: list[str] = []
    real_fsync, real_replace = os.fsync, Path.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(
        Path, "replace", lambda self, target: (events.append("rename"), real_replace(self, target))[1]
    )
    atomic_write(tmp_path / "a.txt", "x")
    assert events == ["fsync", "rename"]


def test_a_link_at_the_target_is_replaced_not_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (tmp_path / "out.txt").symlink_to(victim)
    atomic_write(tmp_path / "out.txt", "new")
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "out.txt").is_symlink()
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "new"


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "doc.docx"
    target.write_bytes(b"old")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError) as caught:
        atomic_write(target, b"new")
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(target)
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    def interrupted(_fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "doc.docx", b"new")
    assert list(tmp_path.iterdir()) == []


def test_without_replace_an_existing_file_is_kept(tmp_path):
    target = tmp_path / "lab.yaml"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError) as caught:
        atomic_write(target, "theirs", replace=False)
    assert caught.value.filename == str(target)
    assert target.read_text(encoding="utf-8") == "mine"
    assert _leftovers(tmp_path) == []
    atomic_write(tmp_path / "new.yaml", "made", replace=False)
    assert (tmp_path / "new.yaml").read_text(encoding="utf-8") == "made"
    assert _leftovers(tmp_path) == []


def test_without_replace_only_one_of_many_writers_makes_the_file(tmp_path):
    target = tmp_path / "key"
    made: list[int] = []
    refused: list[int] = []

    def write(n: int) -> None:
        try:
            atomic_write(target, f"{n}", replace=False)
            made.append(n)
        except FileExistsError:
            refused.append(n)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 1 and len(refused) == 15
    assert target.read_text(encoding="utf-8") == str(made[0])
    assert _leftovers(tmp_path) == []


def test_threads_writing_one_file_leave_one_whole_file(tmp_path):
    target = tmp_path / "manifest.json"
    texts = [str(n) * 100_000 for n in range(10)]
    threads = [threading.Thread(target=atomic_write, args=(target, text)) for text in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert target.read_text(encoding="utf-8") in texts
    assert _leftovers(tmp_path) == []


def test_a_file_in_the_path_is_named(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(NotADirectoryError) as caught:
        atomic_write(tmp_path / "file" / "sub" / "a.txt", "x")
    assert caught.value.errno == errno.ENOTDIR
