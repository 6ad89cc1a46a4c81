"""The message catalogs: complete in both languages, compiled files up to date, every template label known."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from labkit.i18n import LABELS, LOCALE_DIR, labels
from labkit.text import SUPPORTED_LANGUAGES

TEMPLATES = Path(__file__).parents[2] / "src" / "labkit" / "builtin" / "templates"


def test_both_catalogs_translate_every_label():
    for lang in SUPPORTED_LANGUAGES:
        with (LOCALE_DIR / lang / "LC_MESSAGES" / "labkit.po").open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        missing = [m for m in set(LABELS.values()) if not (catalog.get(m) and catalog.get(m).string)]
        assert missing == [], f"{lang}: {missing}"


def test_compiled_catalogs_match_the_sources():
    for lang in SUPPORTED_LANGUAGES:
        folder = LOCALE_DIR / lang / "LC_MESSAGES"
        with (folder / "labkit.po").open("rb") as handle:
            source = {m.id: m.string for m in read_po(handle) if m.id}
        with (folder / "labkit.mo").open("rb") as handle:
            compiled = {m.id: m.string for m in read_mo(handle) if m.id}
        assert compiled == source, f"{lang}: run python tools/compile_catalogs.py"


def test_swedish_labels_are_swedish():
    assert labels("sv")["purpose"] == "Syfte"
    assert labels("en")["purpose"] == "Purpose"
    # Placeholders survive translation.
    for key, message in LABELS.items():
        wanted = set(re.findall(r"\{(\w+)\}", message))
        assert set(re.findall(r"\{(\w+)\}", labels("sv")[key])) == wanted, key


def test_templates_use_only_known_labels():
    used = set()
    for template in TEMPLATES.glob("*.docx"):
        with zipfile.ZipFile(template) as package:
            for name in package.namelist():
                if re.match(r"word/(document|header\d*|footer\d*)\.xml$", name):
                    text = re.sub(r"<[^>]+>", "", package.read(name).decode())
                    used |= set(re.findall(r"labels\.(\w+)", text))
    assert used, "no labels found in the templates"
    assert sorted(used - set(LABELS)) == []
