"""labkit site: builds the method bank, reports what it did, refuses bad input clearly, and previews it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request

import pytest

from labkit.cli import main


@pytest.fixture(autouse=True)
def _two_plugins(monkeypatch):
    monkeypatch.setenv("LABKIT_PLUGINS", "labkit-portalen,labkit-safety-walk")
    from labkit.catalog import reset_catalog

    reset_catalog()
    yield
    reset_catalog()


def test_site_builds_and_rebuilds_nothing_when_nothing_changed(tmp_path, capsys):
    out = tmp_path / "site"
    assert main(["site", "--out", str(out), "--jobs", "2"]) == 0
    first = capsys.readouterr().out
    assert f"wrote the site to {out}" in first and "labkit site --out" in first
    assert (out / "sv" / "methods" / "portalen.html").is_file()
    assert (out / "downloads" / "safety-walk" / "safety-walk-walk-protocol-en.docx").is_file()
    assert main(["site", "--out", str(out), "--lang", "sv,en"]) == 0
    assert "(0 documents made, 0 files changed)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--lang", "fr"], 2, "error: --lang: 'fr' is not a language labkit supports (sv, en)"),
        (["--lang", ""], 2, "error: --lang: give a language (sv, en)"),
    ],
)
def test_site_bad_options(tmp_path, capsys, argv, code, message):
    assert main(["site", "--out", str(tmp_path / "site"), *argv]) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_site_house_style_with_poor_contrast_is_refused(tmp_path, capsys):
    style = tmp_path / "style.yaml"
    style.write_text('organisation: Bolaget\ncolours: {text: "#AAAAAA"}\n', encoding="utf-8")
    assert main(["site", "--out", str(tmp_path / "site"), "--house-style", str(style)]) == 1
    err = capsys.readouterr().err
    assert f"error: {style}:2: colours.text: #AAAAAA on the site's page background #FFFFFF" in err
    assert not (tmp_path / "site").exists()


def test_site_refuses_a_folder_with_other_files(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["site", "--out", str(tmp_path)]) == 2
    assert "is not empty and holds no site built by labkit" in capsys.readouterr().err


def test_site_serve_previews_on_localhost(tmp_path):
    out = tmp_path / "site"
    env = {**os.environ, "LABKIT_PLUGINS": "labkit-portalen"}
    process = subprocess.Popen(
        [sys.executable, "-m", "labkit", "site", "--out", str(out), "--lang", "en", "--serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        line = ""
        for line in process.stdout:
            if line.startswith("serving"):
                break
        assert "http://127.0.0.1:" in line, line
        url = line.split("http://", 1)[1].split("/", 1)[0]
        with urllib.request.urlopen(f"http://{url}/en/methods/portalen.html") as response:
            assert b"Portalen" in response.read()
    finally:
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    assert "stopped" in stdout
