"""The entry-point scanner: the layouts it reads itself, and importlib.metadata for those it cannot read."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st
from packaging.utils import canonicalize_name

from labkit.plugins import canonical_name
from labkit.plugins._entrypoints import scan

ENTRY_POINTS = "[labkit]\nlegacy = labkit_legacy\n"
METHOD_PLUGIN = (
    "from pathlib import Path\nfrom labkit import hookimpl\n\n@hookimpl\ndef labkit_methods():\n"
    "    return [Path(__file__).parent / 'method.yaml']\n"
)


def legacy_egg_info(folder, name="labkit_legacy.egg-info"):
    """What ``setup.py develop`` leaves: an .egg-info folder with no version in its name."""
    info = folder / name
    info.mkdir()
    (info / "PKG-INFO").write_text(
        "Metadata-Version: 1.1\nName: labkit-legacy\nVersion: 0.9.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(ENTRY_POINTS, encoding="utf-8")
    return info


def test_a_legacy_egg_info_is_found_through_importlib_metadata(tmp_path, monkeypatch):
    legacy_egg_info(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    found = [(ep.distribution, ep.version, ep.name, ep.value) for ep in scan("labkit")]
    assert ("labkit-legacy", "0.9.0", "legacy", "labkit_legacy") in found
    # The distributions the scanner reads itself are still there, once each.
    names = [ep.distribution for ep in scan("labkit")]
    assert names.count("labkit-core") == 1


def test_a_legacy_plugin_works_end_to_end(fake_site):
    legacy_egg_info(fake_site.path)
    package = fake_site.path / "labkit_legacy"
    package.mkdir()
    (package / "__init__.py").write_text(METHOD_PLUGIN, encoding="utf-8")
    (package / "method.yaml").write_text(fake_site.sample_method("legacy-method"), encoding="utf-8")
    fake_site.distributions.append("labkit-legacy")
    data, result = fake_site.plugins_json()
    assert result.stderr == ""
    entry = fake_site.by_distribution(data)["labkit-legacy"]
    assert (entry["version"], entry["methods"]) == ("0.9.0", ["legacy-method"])
    methods = json.loads(fake_site.run("methods", "--json").stdout)
    assert [m["id"] for m in methods] == ["legacy-method"]


def test_without_legacy_layouts_importlib_metadata_is_not_asked(tmp_path, monkeypatch):
    import importlib.metadata

    def refuse(**_kwargs):
        raise AssertionError("the scanner asked importlib.metadata without need")

    monkeypatch.setattr(importlib.metadata, "entry_points", refuse)
    monkeypatch.setattr("sys.path", [p for p in __import__("sys").path if ".egg" not in p])
    assert any(ep.distribution == "labkit-core" for ep in scan("labkit"))


@given(st.text(alphabet="abcXYZ019-_. ", min_size=1, max_size=20).filter(lambda s: s.strip()))
def test_distribution_names_are_compared_as_packaging_compares_them(name):
    assert canonical_name(name) == canonicalize_name(name.strip())
