"""One bad plugin never silences, corrupts or hijacks labkit: one fault plugin per case, through real entry points.

Each test installs a healthy plugin (``labkit-good``, the method ``good-method``) and one faulty plugin, then
checks three things: every other command still works (listings with valid JSON, a guide, a build), the message
names the faulty distribution, and ``--strict`` fails. The table in docs/reference/hooks.md sums them up.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import docx
import pytest

GOOD = ("labkit-good", "1.0.0", "good-method")
LAB = """\
id: fault-lab
name: {sv: Labb, en: Lab}
host: Bolaget
area: {name: Området, municipality: Kommunen}
partners:
  - {id: host, organisation: Bolaget, actor: housing-company, role: Värd}
focus_areas: [employment]
challenge: Arbetslöshet.
target_group: Boende.
phases:
  - {phase: test, start: 2024-01-01, end: 2024-06-30}
methods:
  - {id: good-method, version: ^1.0, responsible: host}
steering_group: [host]
"""


@pytest.fixture
def site(fake_site):
    fake_site.install_method(*GOOD)
    return fake_site


def others_work(site, *, warning: str | None = None) -> None:
    """Every other command works: listings print valid JSON, a guide and a whole lab build are made."""
    for command in (["methods", "--json"], ["plugins", "--json"], ["indicators", "--json"]):
        result = site.run(*command)
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)  # valid JSON whatever the plugin printed
        if command[0] == "methods":
            assert [m["id"] for m in data] == ["good-method"]
        if warning is not None and command[0] == "plugins":  # gathers everything, so it meets every problem
            assert warning in result.stderr
    lab = site.path / "lab.yaml"
    lab.write_text(LAB, encoding="utf-8")
    check = site.run("lab", "check", str(lab), "--json")
    assert json.loads(check.stdout)["ok"] is True, check.stdout
    guide = site.run("guide", "good-method", "-o", "guide.docx")
    assert guide.returncode == 0, guide.stderr
    assert "Exempelmetod" in "\n".join(
        p.text for p in docx.Document(str(site.path / "guide.docx")).paragraphs
    )
    built = site.run("build", str(lab), "--out", "out", "--jobs", "1")
    assert built.returncode == 0, built.stderr
    assert (site.path / "out" / "sv" / "methods" / "good-method" / "good-method-guide-sv.docx").is_file()


def strict_fails(site, message: str, *command: str) -> None:
    result = site.run("--strict", *(command or ("plugins", "--json")))
    assert result.returncode == 1
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.stderr


# -- exits, interrupts, output ----------------------------------------------------------------------------------------


def test_sys_exit_at_import(site):
    site.install("labkit-quitter", "0.1.0", "import sys\nsys.exit(3)\n")
    message = "plugin labkit-quitter 0.1.0 (quitter): failed to load: called sys.exit(3)"
    others_work(site, warning=message)
    strict_fails(site, message)


def test_sys_exit_in_a_hook(site):
    site.install(
        "labkit-quitter",
        "0.1.0",
        "import sys\nfrom labkit import hookimpl\n\n@hookimpl\ndef labkit_methods():\n    sys.exit(2)\n",
    )
    message = "plugin labkit-quitter 0.1.0 (quitter): hook labkit_methods called sys.exit(2)"
    others_work(site, warning=message)
    strict_fails(site, message)


def test_keyboard_interrupt_raised_by_a_plugin_is_its_failure(site):
    site.install("labkit-interrupter", "0.1.0", "raise KeyboardInterrupt\n")
    message = "plugin labkit-interrupter 0.1.0 (interrupter): failed to load: raised KeyboardInterrupt"
    others_work(site, warning=message)
    strict_fails(site, message)


def test_ctrl_c_while_a_plugin_loads_still_stops_labkit(site):
    site.install(
        "labkit-sleeper",
        "0.1.0",
        "import pathlib, time\npathlib.Path('sleeping').touch()\ntime.sleep(60)\n",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "labkit", "methods"],
        cwd=site.path,
        env=site.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    while not (site.path / "sleeping").exists() and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate()
    assert process.returncode == 130
    assert err.strip() in {"aborted", "interrupted"}
    assert "sleeper" not in err
    assert out == ""


@pytest.mark.parametrize(
    ("code", "doing"),
    [
        ("print('hello from the plugin')\n", "loading"),
        (
            "from labkit import hookimpl\n\n@hookimpl\ndef labkit_indicators():\n    print('hello from the plugin')\n"
            "    return []\n",
            "running labkit_indicators",
        ),
    ],
    ids=["at-import", "in-a-hook"],
)
def test_a_plugin_printing_cannot_corrupt_machine_output(site, code, doing):
    site.install("labkit-chatty", "0.1.0", code)
    message = (
        f"plugin labkit-chatty 0.1.0 (chatty): printed to standard output while {doing} (not shown there): "
        "'hello from the plugin'"
    )
    others_work(site, warning=message)
    strict_fails(site, message)


# -- time and size ----------------------------------------------------------------------------------------------------


def test_a_slow_import_is_reported_with_its_time(site):
    site.install("labkit-slow", "0.1.0", "import time\ntime.sleep(0.6)\n")
    env = {"LABKIT_PLUGIN_SLOW": "0.3"}
    result = site.run("plugins", env=env)
    assert "warning: plugin labkit-slow 0.1.0 (slow): took 0." in result.stderr
    assert "s to import; every labkit command waits for it" in result.stderr
    # `labkit plugins` shows how long each import took, like pytest --durations.
    row = next(line for line in result.stdout.splitlines() if line.startswith("labkit-slow"))
    assert float(row.split()[2]) >= 0.5
    data, _result = site.plugins_json(env=env)
    assert site.by_distribution(data)["labkit-slow"]["load_seconds"] >= 0.5
    strict = site.run("--strict", "methods", env=env)
    assert strict.returncode == 1
    assert "labkit-slow 0.1.0 (slow): took" in strict.stderr


def test_an_import_that_never_ends_is_stopped(site):
    site.install("labkit-stuck", "0.1.0", "import time\ntime.sleep(120)\n")
    env = {"LABKIT_PLUGIN_TIMEOUT": "1"}
    message = "plugin labkit-stuck 0.1.0 (stuck): failed to load: took longer than 1 s and was stopped"
    result = site.run("methods", "--json", env=env)
    assert result.returncode == 0
    assert [m["id"] for m in json.loads(result.stdout)] == ["good-method"]
    assert message in result.stderr
    strict = site.run("--strict", "methods", env=env)
    assert (strict.returncode, message in strict.stderr) == (1, True)


def test_an_endless_iterator_from_a_hook_is_cut_off(site):
    site.install(
        "labkit-endless",
        "0.1.0",
        "import itertools\nfrom labkit import hookimpl\n\n@hookimpl\ndef labkit_methods():\n"
        "    return (f'method-{n}.yaml' for n in itertools.count())\n",
    )
    message = (
        "plugin labkit-endless 0.1.0 (endless): hook labkit_methods returned more than 10000 items; "
        "labkit takes at most 10000"
    )
    others_work(site, warning=message)
    strict_fails(site, message)


# -- taking over what labkit makes --------------------------------------------------------------------------------------


CHECKLIST_KIND = """\
from labkit import Generator, Takes, hookimpl
from labkit.generators import lazy


@hookimpl
def labkit_generators():
    return [
        Generator(
            name="checklist",
            title={"sv": "Lista", "en": "List"},
            description={"sv": "En lista.", "en": "A list."},
            takes=Takes.METHOD,
            generate=lazy("labkit_hijack.nowhere:make"),
        )
    ]
"""


def test_a_generator_named_like_a_core_kind_does_not_take_it_over(site):
    site.install("labkit-hijack", "0.1.0", CHECKLIST_KIND)
    message = (
        "plugin labkit-hijack 0.1.0 (hijack): labkit-hijack 0.1.0 contributes the document kind 'checklist', which "
        "labkit-core 0.1.0 (a distribution it depends on) already provides, so labkit-hijack's is not used. To "
        "replace it, declare that in labkit-hijack: labkit_replaces returning {'kind:checklist': 'labkit-core'}"
    )
    others_work(site)
    checklist = site.run("checklist", "good-method", "-o", "checklist.docx")
    assert checklist.returncode == 0, checklist.stderr  # labkit's own checklist, for every method
    assert message in checklist.stderr
    strict_fails(site, message, "checklist", "good-method", "-o", "strict.docx")


def test_a_declared_takeover_of_a_core_kind_works_and_is_shown(site):
    site.install(
        "labkit-hijack",
        "0.1.0",
        CHECKLIST_KIND
        + "\n\n@hookimpl\ndef labkit_replaces():\n    return {'kind:checklist': 'labkit-core'}\n",
    )
    data, result = site.plugins_json("--strict")
    assert result.stderr == ""
    entry = site.by_distribution(data)["labkit-hijack"]
    assert entry["document_kinds"] == ["checklist"]
    assert entry["replaces"] == [{"what": "kind:checklist", "distribution": "labkit-core"}]
    assert "REPLACES kind:checklist of labkit-core" in site.run("plugins").stdout
    # The declaration is honoured: labkit checklist is now the plugin's (whose generate function does not exist).
    checklist = site.run("checklist", "good-method", "-o", "checklist.docx")
    assert checklist.returncode == 1
    assert (
        "plugin labkit-hijack 0.1.0 (hijack): the document kind 'checklist' failed: ModuleNotFoundError"
        in (checklist.stderr)
    )


def test_a_broken_top_level_template_does_not_break_every_guide(site):
    site.install(
        "labkit-restyle",
        "0.1.0",
        "from pathlib import Path\nfrom labkit import hookimpl\n\n@hookimpl\ndef labkit_templates():\n"
        "    return [Path(__file__).parent / 'templates']\n",
        files={"templates/guide.docx": "this is not a Word file"},
    )
    message = (
        "plugin labkit-restyle 0.1.0 (restyle): labkit-restyle 0.1.0 contributes the template 'guide', which "
        "labkit-core 0.1.0 (a distribution it depends on) already provides"
    )
    others_work(site, warning=None)
    guide = site.run("guide", "good-method", "-o", "again.docx")
    assert guide.returncode == 0
    assert message in guide.stderr
    # Strict mode stops at the first problem: here the template itself, which it opens at once.
    strict_fails(
        site, "plugin labkit-restyle 0.1.0 (restyle): the template guide.docx (", "guide", "good-method"
    )
    # Checking the plugin blames it, for the template it ships; checking an innocent plugin does not.
    report = site.check_plugin("labkit-restyle")
    assert any("template guide.docx" in p and "not a readable .docx" in p for p in report["problems"]), report
    checked = site.run("check", "--plugin", "labkit-restyle")
    assert checked.returncode == 1
    assert "error: labkit-restyle: template guide.docx: " in checked.stderr
    assert not [p for p in site.check_plugin("labkit-good")["problems"] if "restyle" in p or "template" in p]


def test_a_broken_template_for_a_method_fails_strict_mode_at_once(site):
    site.install(
        "labkit-restyle",
        "0.1.0",
        "from pathlib import Path\nfrom labkit import hookimpl\n\n@hookimpl\ndef labkit_templates():\n"
        "    return [Path(__file__).parent / 'templates']\n",
        files={"templates/good-method/guide.docx": "this is not a Word file"},
    )
    # No clash: the template is the method's own. Normal mode finds out when a guide is made, naming the plugin.
    guide = site.run("guide", "good-method", "-o", "guide.docx")
    assert guide.returncode == 1
    assert "(shipped by labkit-restyle 0.1.0)" in guide.stderr
    assert site.run("methods", "--json").returncode == 0
    # Strict mode opens every template at once.
    strict_fails(
        site, "plugin labkit-restyle 0.1.0 (restyle): the template good-method/guide.docx (", "plugins"
    )


def test_a_declared_broken_template_is_blamed_on_the_plugin_that_ships_it(site):
    site.install(
        "labkit-restyle",
        "0.1.0",
        "from pathlib import Path\nfrom labkit import hookimpl\n\n@hookimpl\ndef labkit_templates():\n"
        "    return [Path(__file__).parent / 'templates']\n\n@hookimpl\ndef labkit_replaces():\n"
        "    return {'template:guide': 'labkit-core'}\n",
        files={"templates/guide.docx": "this is not a Word file"},
    )
    guide = site.run("guide", "good-method", "-o", "guide.docx")
    assert guide.returncode == 1
    assert "not a readable .docx file" in guide.stderr
    assert "(shipped by labkit-restyle 0.1.0)" in guide.stderr
    assert "Traceback" not in guide.stderr
    assert site.run("methods", "--json").returncode == 0
    report = site.check_plugin("labkit-restyle")
    assert any("template guide.docx" in p for p in report["problems"])
    good = site.check_plugin("labkit-good")
    assert not [p for p in good["problems"] if "restyle" in p or "template" in p]
    assert any("labkit-restyle 0.1.0's, which fails" in note for note in good["notes"])


# -- generators that fail while rendering -------------------------------------------------------------------------------


RAISING_KIND = """\
from labkit import Generator, Takes, hookimpl


def make(request):
    {body}


@hookimpl
def labkit_generators():
    return [
        Generator(
            name="boom",
            title={{"sv": "Bom", "en": "Boom"}},
            description={{"sv": "Går sönder.", "en": "Breaks."}},
            takes=Takes.METHOD,
            generate=make,
        )
    ]
"""


@pytest.mark.parametrize(
    ("body", "failure"),
    [
        ("raise RuntimeError('kaputt')", "failed: RuntimeError: kaputt"),
        ("import sys; sys.exit(4)", "called sys.exit(4)"),
        ("return 'not a document'", "returned str instead of a Document"),
    ],
    ids=["raises", "exits", "wrong-type"],
)
def test_a_generator_failing_is_a_plugin_error_naming_it(site, body, failure):
    site.install("labkit-boom", "1.2.3", RAISING_KIND.format(body=body))
    result = site.run("document", "boom", "good-method", "-o", "boom.docx")
    assert result.returncode == 1
    assert site.lines(result.stderr) == [
        f"error: plugin labkit-boom 1.2.3 (boom): the document kind 'boom' {failure}"
    ]
    assert not (site.path / "boom.docx").exists()
    debug = site.run("--debug", "document", "boom", "good-method", "-o", "boom.docx")
    assert debug.returncode != 0 and "Traceback" in debug.stderr
    # A build of a lab reports it the same way and the other documents are made.
    lab = site.path / "lab.yaml"
    lab.write_text(LAB, encoding="utf-8")
    built = site.run("build", str(lab), "--out", "out", "--jobs", "1")
    assert built.returncode == 1
    assert f"plugin labkit-boom 1.2.3 (boom): the document kind 'boom' {failure}" in built.stderr
    assert (site.path / "out" / "sv" / "methods" / "good-method" / "good-method-guide-sv.docx").is_file()
    assert site.run("guide", "good-method", "-o", "guide.docx").returncode == 0
    strict_fails(
        site, f"the document kind 'boom' {failure}", "document", "boom", "good-method", "-o", "s.docx"
    )
    assert site.check_plugin("labkit-boom")["problems"] != []


def test_a_generator_printing_while_rendering_keeps_stdout_clean(site):
    body = (
        "print('rendering!')\n    from labkit.app.render import render\n"
        "    return render('guide', request.subject, lang=request.lang, catalog=request.catalog)"
    )
    site.install("labkit-chatty", "0.1.0", RAISING_KIND.format(body=body))
    result = site.run("document", "boom", "good-method", "-o", "boom.docx")
    assert result.returncode == 0
    assert result.stdout.strip() == "wrote boom.docx"
    assert (
        "plugin labkit-chatty 0.1.0 (chatty) printed while the document kind 'boom': 'rendering!'"
        in result.stderr
    )
