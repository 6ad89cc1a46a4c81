"""Plugin discovery through real entry points, and what ``labkit`` prints when a plugin is broken.

Every fixture plugin is a minimal installed distribution (see ``conftest.py``) found through ``PYTHONPATH`` by a
``labkit`` subprocess. A broken plugin is skipped with one warning naming its distribution, version and entry
point; the other plugins and labkit's built-in plugin keep working. Two plugins contributing one id is an error
naming both, unless one declares that it replaces the other. ``--strict`` / ``LABKIT_STRICT=1`` turn warnings
into errors, and ``LABKIT_PLUGINS`` restricts which distributions are loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

import labkit
from labkit.builtin import TEMPLATES

IMPORT_ERROR = "raise ImportError('needs the optional package shapely')\n"
BROKEN_WARNING = (
    "warning: plugin labkit-broken 0.1.0 (broken): failed to load: ImportError: "
    "needs the optional package shapely"
)
CONFLICT = (
    "the method 'same-method' is contributed by both labkit-a 1.0.0 and labkit-b 2.0.0; uninstall one of "
    "them, or let one declare that it replaces the other: labkit_replaces returning "
    "{'same-method': <the other distribution>}"
)
BUILTIN_HOOKS = ["labkit_generators", "labkit_indicators", "labkit_jinja_filters", "labkit_templates"]
PLUGIN_KEYS = {
    "name",
    "distribution",
    "version",
    "module",
    "data_only",
    "hooks",
    "methods",
    "indicators",
    "document_kinds",
    "templates",
    "replaces",
    "load_seconds",
    "errors",
}


def hook(name: str, body: str) -> str:
    """Source of a plugin module implementing one hook with *body* (one line)."""
    return (
        f"from pathlib import Path\n\nfrom labkit import hookimpl\n\n\n@hookimpl\ndef {name}():\n    {body}\n"
    )


def builtin_entry(data: dict) -> dict:
    """labkit's own plugin, as ``labkit plugins --json`` lists it (by its distribution, like any other)."""
    (entry,) = [p for p in data["plugins"] if p["distribution"] == "labkit-core"]
    return entry


# -- the JSON schema of `labkit plugins --json` -----------------------------------------------------------------------


FULL_PLUGIN = """\
from pathlib import Path

from labkit import Generator, Takes, hookimpl
from labkit.generators import lazy

HERE = Path(__file__).parent


@hookimpl
def labkit_methods():
    return [HERE / "method.yaml"]


@hookimpl
def labkit_indicators():
    return HERE / "indicators.yaml"


@hookimpl
def labkit_templates():
    return [HERE / "templates"]


@hookimpl
def labkit_generators():
    return [
        Generator(
            name="full-protocol",
            title={"sv": "Protokoll", "en": "Protocol"},
            description={"sv": "Ett protokoll.", "en": "A protocol."},
            takes=Takes.METHOD,
            generate=lazy("labkit_full.docs:make"),
            methods=("full-method",),
        )
    ]
"""

OWN_INDICATOR = """\
- id: full-own-measure
  name: {sv: Eget mått, en: Own measure}
  unit: count
  polarity: higher-is-better
  level: output
  official: false
  source: {sv: Metodens egen uppföljning, en: The method's own follow-up}
  definition: {sv: Antal deltagare., en: Number of participants.}
"""


def test_plugins_json_schema_documented_by_example(fake_site):
    package = fake_site.install(
        "labkit-full",
        "1.2.3",
        FULL_PLUGIN,
        files={
            "method.yaml": fake_site.sample_method("full-method", "1.2.3"),
            "indicators.yaml": OWN_INDICATOR,
            "templates/README.txt": "plugin templates\n",
        },
    )
    data, result = fake_site.plugins_json()
    assert result.stderr == ""
    # Three top-level lists: loaded plugins, plugins that failed to load, conflicts between plugins.
    assert set(data) == {"plugins", "failed", "conflicts"}
    assert data["failed"] == []
    assert data["conflicts"] == []
    # labkit's own plugin is an entry point of labkit-core, listed by distribution name like every other plugin.
    assert [p["distribution"] for p in data["plugins"]] == ["labkit-core", "labkit-full"]
    builtin, full = data["plugins"]
    assert set(builtin) == PLUGIN_KEYS
    assert builtin["name"] == "core"
    assert builtin["version"] == labkit.__version__
    assert builtin["module"] == "labkit.builtin"
    assert builtin["data_only"] is False
    assert builtin["hooks"] == BUILTIN_HOOKS
    assert builtin["methods"] == []
    assert {"participants", "participants-into-work"} <= set(builtin["indicators"])
    assert builtin["indicators"] == sorted(builtin["indicators"])
    assert {"guide", "checklist", "lab-plan", "partner-checklist", "report"} <= set(builtin["document_kinds"])
    assert builtin["templates"] == [str(TEMPLATES)]
    assert builtin["errors"] == []
    # A plugin: the entry point's name, its distribution and version (from the .dist-info folder), the entry
    # point's value, the hooks it implements (sorted), what each hook contributed and how long its import took.
    assert isinstance(full.pop("load_seconds"), float)
    assert full == {
        "name": "full",
        "distribution": "labkit-full",
        "version": "1.2.3",
        "module": "labkit_full",
        "data_only": False,
        "hooks": ["labkit_generators", "labkit_indicators", "labkit_methods", "labkit_templates"],
        "methods": ["full-method"],
        "indicators": ["full-own-measure"],
        "document_kinds": ["full-protocol"],
        "templates": [str(package / "templates")],
        "replaces": [],
        "errors": [],
    }
    # Listing never imports the lazily named generate function (labkit_full.docs does not even exist).
    methods = json.loads(fake_site.run("methods", "--json").stdout)
    assert [(m["id"], m["version"], m["distribution"]) for m in methods] == [
        ("full-method", "1.2.3", "labkit-full")
    ]


def test_failed_and_conflicts_schema(fake_site):
    fake_site.install("labkit-broken", "0.1.0", IMPORT_ERROR)
    fake_site.install_method("labkit-a", "1.0.0", "same-method")
    fake_site.install_method("labkit-b", "2.0.0", "same-method")
    data, result = fake_site.plugins_json()
    assert fake_site.lines(result.stderr) == [BROKEN_WARNING]
    assert isinstance(data["failed"][0].pop("load_seconds"), float)
    assert data["failed"] == [
        {
            "name": "broken",
            "distribution": "labkit-broken",
            "version": "0.1.0",
            "errors": ["failed to load: ImportError: needs the optional package shapely"],
        }
    ]
    assert data["conflicts"] == [
        {
            "kind": "method",
            "id": "same-method",
            "distributions": ["labkit-a", "labkit-b"],
            "kept": None,
            "message": CONFLICT,
        }
    ]
    listed = fake_site.by_distribution(data)
    assert list(listed) == ["labkit-a", "labkit-b", "labkit-core"]
    for entry in listed.values():
        assert set(entry) == PLUGIN_KEYS
    # Neither side of a conflict gets the method.
    assert listed["labkit-a"]["methods"] == listed["labkit-b"]["methods"] == []


def test_fixture_distributions_are_what_importlib_metadata_finds(fake_site):
    """The fixture layout is a real installed distribution: importlib.metadata agrees with labkit."""
    fake_site.install_method("labkit-good", "1.0.0", "good-method")
    fake_site.install("labkit-broken", "0.1.0", IMPORT_ERROR)
    code = (
        "import importlib.metadata as md, json; print(json.dumps(sorted("
        "[ep.dist.name, ep.dist.version, ep.name, ep.value] for ep in md.entry_points(group='labkit'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=fake_site.env(),
        cwd=fake_site.path,
        check=True,
    )
    found = [ep for ep in json.loads(result.stdout) if ep[0] in fake_site.distributions]
    assert found == [
        ["labkit-broken", "0.1.0", "broken", "labkit_broken"],
        ["labkit-good", "1.0.0", "good", "labkit_good"],
    ]
    data, _result = fake_site.plugins_json()
    seen = [
        [p["distribution"], p["version"], p["name"], p["module"]]
        for p in data["plugins"]
        if p["distribution"] != "labkit-core"
    ]
    seen += [[p["distribution"], p["version"], p["name"], "labkit_broken"] for p in data["failed"]]
    assert sorted(seen) == found


# -- plugins that fail to load ----------------------------------------------------------------------------------------


def test_plugin_raising_import_error_is_skipped_with_one_warning(fake_site):
    fake_site.install_method("labkit-good", "1.0.0", "good-method")
    fake_site.install("labkit-broken", "0.1.0", IMPORT_ERROR)
    data, result = fake_site.plugins_json()
    assert fake_site.lines(result.stderr) == [BROKEN_WARNING]
    assert "Traceback" not in result.stderr
    assert [p["distribution"] for p in data["plugins"]] == ["labkit-core", "labkit-good"]
    assert fake_site.by_distribution(data)["labkit-good"]["methods"] == ["good-method"]
    assert builtin_entry(data)["errors"] == []
    assert [f["distribution"] for f in data["failed"]] == ["labkit-broken"]
    # Every other command keeps working too.
    methods = fake_site.run("methods", "--json")
    assert methods.returncode == 0
    assert fake_site.lines(methods.stderr) == [BROKEN_WARNING]
    assert [(m["id"], m["distribution"]) for m in json.loads(methods.stdout)] == [
        ("good-method", "labkit-good")
    ]
    table = fake_site.run("plugins")
    assert table.returncode == 0
    assert "FAILED: failed to load: ImportError" in table.stdout


@pytest.mark.parametrize(
    ("code", "target", "error"),
    [
        (
            "import labkit_this_module_does_not_exist\n",
            None,
            "ModuleNotFoundError: No module named 'labkit_this_module_does_not_exist'",
        ),
        ("raise RuntimeError('no config file')\n", None, "RuntimeError: no config file"),
        (
            "X = 1\n",
            "labkit_broken:plugin",
            "AttributeError: module 'labkit_broken' has no attribute 'plugin'",
        ),
    ],
    ids=["missing-dependency", "raises-at-import", "missing-attribute"],
)
def test_other_load_failures_name_the_distribution(fake_site, code, target, error):
    fake_site.install_method("labkit-good", "1.0.0", "good-method")
    fake_site.install("labkit-broken", "0.1.0", code, target=target)
    data, result = fake_site.plugins_json()
    assert fake_site.lines(result.stderr) == [
        f"warning: plugin labkit-broken 0.1.0 (broken): failed to load: {error}"
    ]
    assert data["failed"][0]["errors"] == [f"failed to load: {error}"]
    assert [p["distribution"] for p in data["plugins"]] == ["labkit-core", "labkit-good"]


def test_plugin_with_a_syntax_error_is_skipped(fake_site):
    fake_site.install_method("labkit-good", "1.0.0", "good-method")
    fake_site.install("labkit-broken", "0.1.0", "def (:\n")
    data, result = fake_site.plugins_json()
    (line,) = fake_site.lines(result.stderr)
    assert line.startswith("warning: plugin labkit-broken 0.1.0 (broken): failed to load: SyntaxError: ")
    assert [p["distribution"] for p in data["plugins"]] == ["labkit-core", "labkit-good"]


def test_entry_point_naming_an_object_with_hooks(fake_site):
    code = (
        "from labkit import hookimpl\n\n\nclass Plugin:\n    @hookimpl\n    def labkit_methods(self):\n"
        "        return []\n\n\nplugin = Plugin()\n"
    )
    fake_site.install("labkit-object", "1.0.0", code, target="labkit_object:plugin")
    data, result = fake_site.plugins_json()
    assert result.stderr == ""
    entry = fake_site.by_distribution(data)["labkit-object"]
    assert (entry["module"], entry["hooks"], entry["errors"]) == (
        "labkit_object:plugin",
        ["labkit_methods"],
        [],
    )


def test_entry_point_names_shared_by_two_distributions_stay_apart(fake_site):
    fake_site.install_method("labkit-one", "1.0.0", "one-method", entry_name="methods")
    fake_site.install_method("labkit-two", "1.0.0", "two-method", entry_name="methods")
    data, result = fake_site.plugins_json()
    assert result.stderr == ""
    names = {p["distribution"]: (p["name"], p["methods"]) for p in data["plugins"]}
    assert names["labkit-one"] == ("methods", ["one-method"])
    assert names["labkit-two"] == ("labkit-two:methods", ["two-method"])


def test_module_registered_twice_is_reported(fake_site):
    fake_site.install_method("labkit-one", "1.0.0", "one-method")
    fake_site.install("labkit-two", "1.0.0", "", target="labkit_one")
    data, result = fake_site.plugins_json()
    assert fake_site.lines(result.stderr) == [
        "warning: plugin labkit-two 1.0.0 (two): cannot be registered: labkit_one is already registered as the "
        "plugin 'one' of labkit-one 1.0.0"
    ]
    assert [f["distribution"] for f in data["failed"]] == ["labkit-two"]
    assert fake_site.by_distribution(data)["labkit-one"]["methods"] == ["one-method"]


def test_hook_with_a_wrong_signature_is_reported_on_one_line(fake_site):
    fake_site.install_method("labkit-good", "1.0.0", "good-method")
    code = "from labkit import hookimpl\n\n\n@hookimpl\ndef labkit_methods(config):\n    return []\n"
    fake_site.install("labkit-args", "1.0.0", code)
    data, result = fake_site.plugins_json()
    (line,) = fake_site.lines(result.stderr)
    assert line.startswith("warning: plugin labkit-args 1.0.0 (args): cannot be registered: ")
    assert "config" in line
    assert [f["distribution"] for f in data["failed"]] == ["labkit-args"]
    assert "\n" not in data["failed"][0]["errors"][0]
    assert fake_site.by_distribution(data)["labkit-good"]["methods"] == ["good-method"]


# -- plugins whose hooks return malformed data -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("return [42]", "returned int where a method or a path to a method file belongs"),
        ("return 42", "returned int where a method or a path to a method file belongs"),
        (
            "return [{'id': 'half-a-method'}]",
            "returned dict where a method or a path to a method file belongs",
        ),
        # A bare dict is one malformed method, not an iterable of file names.
        (
            "return {'id': 'half-a-method', 'version': '1.0.0'}",
            "returned dict where a method or a path to a method file belongs",
        ),
        ("return [None]", "returned NoneType where a method or a path to a method file belongs"),
        (
            "return [Path(__file__).parent / 'missing.yaml']",
            "skipped invalid method file: {package}/missing.yaml: no such file",
        ),
        (
            "return [Path(__file__).parent]",
            "skipped invalid method file: {package}: this is a folder, not a file",
        ),
    ],
    ids=["int-in-list", "int", "dict-in-list", "bare-dict", "none-in-list", "missing-file", "folder"],
)
def test_malformed_method_contribution_is_skipped(fake_site, body, message):
    fake_site.install_method("labkit-good", "1.0.0", "good-method")
    package = fake_site.install("labkit-malformed", "0.2.0", hook("labkit_methods", body))
    message = message.format(package=package)
    data, result = fake_site.plugins_json()
    assert fake_site.lines(result.stderr) == [
        f"warning: plugin labkit-malformed 0.2.0 (malformed): {message}"
    ]
    listed = fake_site.by_distribution(data)
    assert listed["labkit-malformed"]["errors"] == [message]
    assert listed["labkit-malformed"]["methods"] == []
    assert listed["labkit-good"]["methods"] == ["good-method"]
    assert listed["labkit-core"]["errors"] == []
    assert data["failed"] == []


def test_method_file_with_errors_names_every_problem(fake_site):
    text = fake_site.sample_method("bad-method")
    text = text.replace('purpose: {sv: "...", en: "..."}\n', "").replace("level: 1 ", "level: nine ")
    lines = text.splitlines()
    first_key = next(i for i, line in enumerate(lines, start=1) if line.startswith("id:"))
    level_line = next(i for i, line in enumerate(lines, start=1) if "level: nine" in line)
    fake_site.install_method("labkit-good", "1.0.0", "good-method")
    package = fake_site.install(
        "labkit-invalid", "2.0.0", fake_site.method_file_plugin, files={"method.yaml": text}
    )
    path = package / "method.yaml"
    result = fake_site.run("methods")
    assert result.returncode == 0
    assert fake_site.lines(result.stderr) == [
        f"warning: plugin labkit-invalid 2.0.0 (invalid): skipped invalid method file: "
        f"{path}:{first_key}: purpose: this field is required but missing; "
        f"{path}:{level_line}: evidence.level: expected a whole number, got the text 'nine'"
    ]
    assert "good-method" in result.stdout
    assert "bad-method" not in result.stdout


def test_malformed_templates_and_indicators(fake_site):
    fake_site.install_method("labkit-good", "1.0.0", "good-method")
    package = fake_site.install(
        "labkit-odd",
        "0.5.0",
        "from pathlib import Path\n\nfrom labkit import hookimpl\n\n\n"
        "@hookimpl\ndef labkit_templates():\n    return [42, Path(__file__).parent / 'no-such-folder']\n\n\n"
        "@hookimpl\ndef labkit_indicators():\n    return ['/nonexistent/indicators.yaml', 3.5]\n",
    )
    data, result = fake_site.plugins_json()
    prefix = "warning: plugin labkit-odd 0.5.0 (odd): "
    assert fake_site.lines(result.stderr) == [
        prefix + "skipped invalid indicator file: /nonexistent/indicators.yaml: no such file",
        prefix + "returned float where a indicator or a path to a indicator file belongs",
        prefix + "returned int where a path to a template folder belongs",
        prefix + f"template folder {package / 'no-such-folder'} does not exist",
    ]
    listed = fake_site.by_distribution(data)
    assert len(listed["labkit-odd"]["errors"]) == 4
    assert listed["labkit-odd"]["templates"] == []
    assert listed["labkit-core"]["templates"] == [str(TEMPLATES)]
    assert listed["labkit-good"]["methods"] == ["good-method"]


@pytest.mark.parametrize("body", ["return 42", "return {'x': 1}"], ids=["int", "mapping"])
def test_templates_hook_returning_a_non_list_does_not_crash(fake_site, body):
    fake_site.install("labkit-odd", "0.5.0", hook("labkit_templates", body))
    _data, result = fake_site.plugins_json()
    (line,) = fake_site.lines(result.stderr)
    assert line.startswith("warning: plugin labkit-odd 0.5.0 (odd): returned ")
    assert line.endswith(" where a path to a template folder belongs")
    assert "internal error" not in result.stderr


# -- plugins whose hooks raise ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hook_name",
    ["labkit_methods", "labkit_indicators", "labkit_generators", "labkit_templates", "labkit_replaces"],
)
def test_raising_hook_is_skipped_and_named(fake_site, hook_name):
    fake_site.install_method("labkit-good", "1.0.0", "good-method")
    fake_site.install("labkit-raising", "0.3.0", hook(hook_name, "raise RuntimeError('database down')"))
    data, result = fake_site.plugins_json()
    message = f"hook {hook_name} raised RuntimeError: database down"
    assert fake_site.lines(result.stderr) == [f"warning: plugin labkit-raising 0.3.0 (raising): {message}"]
    listed = fake_site.by_distribution(data)
    # Still listed (it did load), with the error and the hook it implements.
    assert listed["labkit-raising"]["errors"] == [message]
    assert listed["labkit-raising"]["hooks"] == [hook_name]
    assert listed["labkit-good"]["methods"] == ["good-method"]
    assert listed["labkit-core"]["document_kinds"]
    assert data["failed"] == []


def test_generator_hook_raising_half_way_is_skipped(fake_site):
    """A hook written as a generator only runs when iterated; its error must still be caught and named."""
    fake_site.install_method("labkit-good", "1.0.0", "good-method")
    fake_site.install(
        "labkit-raising",
        "0.3.0",
        "from pathlib import Path\n\nfrom labkit import hookimpl\n\n\n@hookimpl\ndef labkit_methods():\n"
        "    yield Path(__file__).parent / 'method.yaml'\n    raise RuntimeError('database down')\n",
        files={"method.yaml": fake_site.sample_method("half-method")},
    )
    data, result = fake_site.plugins_json()
    assert fake_site.lines(result.stderr) == [
        "warning: plugin labkit-raising 0.3.0 (raising): hook labkit_methods raised RuntimeError: database down"
    ]
    listed = fake_site.by_distribution(data)
    assert listed["labkit-raising"]["methods"] == []
    assert listed["labkit-good"]["methods"] == ["good-method"]
    assert fake_site.run("methods").returncode == 0


# -- conflicts and replacements ---------------------------------------------------------------------------------------


def test_two_plugins_with_one_method_id_is_an_error_naming_both(fake_site):
    fake_site.install_method("labkit-a", "1.0.0", "same-method")
    fake_site.install_method("labkit-b", "2.0.0", "same-method")
    fake_site.install_method("labkit-good", "1.0.0", "good-method")
    listing = fake_site.run("methods")
    assert fake_site.lines(listing.stderr) == [f"error: {CONFLICT}"]
    assert "good-method" in listing.stdout
    assert "same-method" not in listing.stdout
    methods = json.loads(fake_site.run("methods", "--json").stdout)
    assert [m["id"] for m in methods] == ["good-method"]
    # Asking for the method is an error, never a silent pick.
    show = fake_site.run("methods", "show", "same-method")
    assert show.returncode == 1
    assert f"error: {CONFLICT}" in fake_site.lines(show.stderr)
    guide = fake_site.run("guide", "same-method", "-o", "x.docx")
    assert guide.returncode == 1
    assert f"error: {CONFLICT}" in fake_site.lines(guide.stderr)
    assert not (fake_site.path / "x.docx").exists()
    # The human-readable listing names the conflict too.
    table = fake_site.run("plugins")
    assert f"conflict: {CONFLICT}" in table.stdout
    # In strict mode a conflict stops every command.
    strict = fake_site.run("--strict", "methods")
    assert strict.returncode == 1
    assert fake_site.lines(strict.stderr) == [f"error: {CONFLICT}"]


def test_indicator_contributed_twice_names_both_distributions(fake_site):
    library = yaml.safe_load((TEMPLATES.parent / "indicators.yaml").read_text(encoding="utf-8"))
    (participants,) = [i for i in library if i["id"] == "participants"]
    fake_site.install(
        "labkit-dup",
        "1.0.0",
        hook("labkit_indicators", "return [Path(__file__).parent / 'indicators.yaml']"),
        files={"indicators.yaml": yaml.safe_dump([participants], allow_unicode=True)},
    )
    data, _result = fake_site.plugins_json()
    # Every plugin depends on labkit-core: labkit's indicator stays, and the plugin is told how to replace it.
    message = (
        "labkit-dup 1.0.0 contributes the indicator 'participants', which labkit-core 0.1.0 (a distribution it "
        "depends on) already provides, so labkit-dup's is not used. To replace it, declare that in labkit-dup: "
        "labkit_replaces returning {'indicator:participants': 'labkit-core'}"
    )
    assert data["conflicts"] == [
        {
            "kind": "indicator",
            "id": "participants",
            "distributions": ["labkit-core", "labkit-dup"],
            "kept": "labkit-core",
            "message": message,
        }
    ]
    assert fake_site.lines(_result.stderr) == [f"warning: plugin labkit-dup 1.0.0 (dup): {message}"]
    listed = fake_site.by_distribution(data)
    assert "participants" in listed["labkit-core"]["indicators"]
    assert listed["labkit-dup"]["indicators"] == []


REPLACES = "\n\n@hookimpl\ndef labkit_replaces():\n    return {{'good-method': {target!r}}}\n"


@pytest.mark.parametrize("replacer", ["labkit-better", "labkit-zbetter"], ids=["loaded-first", "loaded-last"])
@pytest.mark.parametrize("declared", ["labkit-good", "Labkit_Good"], ids=["normalized", "as-written-by-pip"])
def test_declared_replacement_wins_without_conflict(fake_site, replacer, declared):
    fake_site.install_method("labkit-good", "1.0.0", "good-method")
    fake_site.install_method(replacer, "3.0.0", "good-method", extra_code=REPLACES.format(target=declared))
    data, result = fake_site.plugins_json("--strict")
    assert result.stderr == ""
    assert data["conflicts"] == []
    listed = fake_site.by_distribution(data)
    assert listed[replacer]["methods"] == ["good-method"]
    assert listed[replacer]["hooks"] == ["labkit_methods", "labkit_replaces"]
    assert listed["labkit-good"]["methods"] == []
    methods = json.loads(fake_site.run("methods", "--json").stdout)
    assert [(m["id"], m["version"], m["distribution"]) for m in methods] == [
        ("good-method", "3.0.0", replacer)
    ]


def test_replacing_another_distribution_is_still_a_conflict(fake_site):
    fake_site.install_method("labkit-a", "1.0.0", "same-method")
    fake_site.install_method(
        "labkit-b",
        "2.0.0",
        "same-method",
        extra_code=REPLACES.format(target="labkit-other").replace("good", "same"),
    )
    data, _result = fake_site.plugins_json()
    assert [c["message"] for c in data["conflicts"]] == [CONFLICT]


def test_replaces_hook_returning_a_list_is_reported(fake_site):
    fake_site.install("labkit-odd", "0.5.0", hook("labkit_replaces", "return ['good-method']"))
    fake_site.install_method("labkit-good", "1.0.0", "good-method")
    data, result = fake_site.plugins_json()
    assert fake_site.lines(result.stderr) == [
        "warning: plugin labkit-odd 0.5.0 (odd): labkit_replaces must return a mapping {what: distribution}"
    ]
    assert fake_site.by_distribution(data)["labkit-good"]["methods"] == ["good-method"]


# -- strict mode ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--strict"], {}),
        ([], {"LABKIT_STRICT": "1"}),
        ([], {"LABKIT_STRICT": "true"}),
    ],
    ids=["option", "env-1", "env-true"],
)
@pytest.mark.parametrize("command", [["methods"], ["plugins", "--json"], ["methods", "--json"]])
def test_strict_mode_turns_a_warning_into_an_error(fake_site, args, env, command):
    fake_site.install_method("labkit-good", "1.0.0", "good-method")
    fake_site.install("labkit-broken", "0.1.0", IMPORT_ERROR)
    result = fake_site.run(*args, *command, env=env)
    assert result.returncode == 1
    assert fake_site.lines(result.stderr) == [BROKEN_WARNING.replace("warning:", "error:", 1)]
    assert result.stdout == ""


def test_strict_mode_covers_problems_found_in_hooks(fake_site):
    fake_site.install(
        "labkit-raising", "0.3.0", hook("labkit_methods", "raise RuntimeError('database down')")
    )
    result = fake_site.run("--strict", "methods")
    assert result.returncode == 1
    assert fake_site.lines(result.stderr) == [
        "error: plugin labkit-raising 0.3.0 (raising): hook labkit_methods raised RuntimeError: database down"
    ]


@pytest.mark.parametrize("value", ["0", "", "no"])
def test_strict_off_values_keep_warnings(fake_site, value):
    fake_site.install("labkit-broken", "0.1.0", IMPORT_ERROR)
    result = fake_site.run("methods", env={"LABKIT_STRICT": value})
    assert result.returncode == 0
    assert fake_site.lines(result.stderr) == [BROKEN_WARNING]


def test_strict_mode_with_healthy_plugins_succeeds(fake_site):
    fake_site.install_method("labkit-good", "1.0.0", "good-method")
    data, result = fake_site.plugins_json("--strict")
    assert result.stderr == ""
    assert fake_site.by_distribution(data)["labkit-good"]["methods"] == ["good-method"]


# -- LABKIT_PLUGINS ---------------------------------------------------------------------------------------------------


@pytest.fixture
def three_plugins(fake_site):
    fake_site.install_method("labkit-good", "1.0.0", "good-method")
    fake_site.install_method("labkit-other", "1.1.0", "other-method")
    # Importing this one writes a marker file, so a test can tell whether it was imported at all.
    fake_site.install("labkit-broken", "0.1.0", "open('imported-broken', 'w').close()\n" + IMPORT_ERROR)
    return fake_site


@pytest.mark.parametrize(
    "value", ["labkit-good", "Labkit_Good", " labkit-good , ", "labkit.good"], ids=str.strip
)
def test_labkit_plugins_restricts_loading_to_named_distributions(three_plugins, value):
    data, result = three_plugins.plugins_json(env={"LABKIT_PLUGINS": value})
    assert result.stderr == ""
    assert [p["distribution"] for p in data["plugins"]] == ["labkit-core", "labkit-good"]
    assert data["failed"] == []
    assert not (three_plugins.path / "imported-broken").exists()


def test_labkit_plugins_lists_several_distributions(three_plugins):
    data, result = three_plugins.plugins_json(env={"LABKIT_PLUGINS": "labkit-other,labkit-broken"})
    assert three_plugins.lines(result.stderr) == [BROKEN_WARNING]
    assert [p["distribution"] for p in data["plugins"]] == ["labkit-core", "labkit-other"]
    assert [f["distribution"] for f in data["failed"]] == ["labkit-broken"]
    assert (three_plugins.path / "imported-broken").exists()


def test_empty_labkit_plugins_loads_only_the_builtin_plugin(three_plugins):
    data, result = three_plugins.plugins_json(env={"LABKIT_PLUGINS": ""})
    assert result.stderr == ""
    assert [p["distribution"] for p in data["plugins"]] == ["labkit-core"]
    assert data["failed"] == data["conflicts"] == []
    assert not (three_plugins.path / "imported-broken").exists()
    methods = three_plugins.run("methods", "--json", env={"LABKIT_PLUGINS": ""})
    assert json.loads(methods.stdout) == []
    # Built-in document kinds and indicators are still there.
    assert "guide" in builtin_entry(data)["document_kinds"]
    assert "participants" in builtin_entry(data)["indicators"]


def test_without_labkit_plugins_every_installed_plugin_loads(three_plugins):
    data, result = three_plugins.plugins_json(env={"LABKIT_PLUGINS": None})
    listed = three_plugins.by_distribution(data)
    assert {"labkit-core", "labkit-good", "labkit-other"} <= set(listed)
    assert "labkit-broken" in [f["distribution"] for f in data["failed"]]
    assert BROKEN_WARNING in three_plugins.lines(result.stderr)
    assert listed["labkit-good"]["methods"] == ["good-method"]
