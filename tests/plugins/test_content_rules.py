"""An installed plugin whose method breaks the content rules is reported by labkit.testing.check_plugin.

The plugin is installed through a real entry point in a fake site; check_plugin runs in a subprocess that sees only
that site, exactly as a plugin author's own test would.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CLEAN = (Path(__file__).parents[1] / "data" / "rules-clean-method.yaml").read_text(encoding="utf-8")

PLUGIN = """\
from pathlib import Path

from labkit import hookimpl


@hookimpl
def labkit_methods():
    return [Path(__file__).parent / "method.yaml"]
"""

#: Each edit (old text, new text) breaks one rule; the fragment is part of the problem check_plugin must report.
BREAKS = [
    # checklists: a pause point of four items, no basis, a statement, read-do for a volunteer role
    ('          - {sv: "Sätt på kaffe", en: "Make coffee"}\n', "", "has 4 items; give 5 to 9"),
    (
        '    based_on: {sv: "Metodens steg", en: "The method\'s steps"}\n',
        "",
        "does not say what it is based on",
    ),
    (
        '{sv: "Lås upp rummet", en: "Unlock the room"}',
        '{sv: "Rummet är upplåst", en: "Unlock the room"}',
        "is a statement",
    ),
    ("    owner: coordinator\n    kind: read-do", "    owner: tenants\n    kind: read-do", "use do-confirm"),
    # claims, figures, sources, wording, translation
    (
        "Studenter hjälper elever med läxor.",
        "Läxhjälpen minskar utanförskapet.",
        "claims an effect ('minskar')",
    ),
    ("när elever vill ha hjälp.", "när 80 procent vill ha hjälp.", "gives the figure '80 procent'"),
    ("url: https://example.org/laxhjalp/", "url: https://example.org/", "cites the home page"),
    ('{sv: "Sprider inbjudan.", en:', '{sv: "Har tystnadsplikt.", en:', "'tystnadsplikt'"),
    ('{sv: "Ett rum.", en: "A room."}', '{sv: "Ett rum."}', "premises: missing en"),
]


def broken_method() -> str:
    text = CLEAN
    for old, new, _fragment in BREAKS:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def check(fake_site, dist: str) -> list[str]:
    code = (
        "import json, sys\n"
        "from labkit.testing import check_plugin\n"
        f"report = check_plugin({dist!r}, render=False)\n"
        "json.dump(report.problems, sys.stdout)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=fake_site.env(),
        cwd=fake_site.path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # The fake site's distributions declare no requirements; that check is not about content.
    problems: list[str] = [p for p in json.loads(result.stdout) if "does not require labkit-core" not in p]
    return problems


def test_a_plugin_that_follows_the_rules_has_no_problems(fake_site):
    fake_site.install("labkit-clean", "1.0.0", PLUGIN, files={"method.yaml": CLEAN})
    assert check(fake_site, "labkit-clean") == []


def test_a_plugin_that_breaks_each_rule_is_reported_for_each(fake_site):
    fake_site.install("labkit-broken", "1.0.0", PLUGIN, files={"method.yaml": broken_method()})
    problems = check(fake_site, "labkit-broken")
    for _old, _new, fragment in BREAKS:
        assert any(fragment in p for p in problems), (fragment, problems)
    assert all(p.startswith("clean-method: ") for p in problems)
