"""The gettext catalogs behind document labels: complete, compiled, and matching the templates.

* every label in :data:`labkit.i18n.LABELS` has a non-empty, non-fuzzy translation in the Swedish and English
  ``.po`` files, keeping its ``{placeholders}``;
* the shipped ``.mo`` files hold exactly what compiling the ``.po`` files gives (``python
  tools/compile_catalogs.py`` rebuilds them);
* every ``{{ labels.X }}`` the built-in templates use is a known label.
"""

from __future__ import annotations

import gettext
import io
import re
import zipfile
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from labkit.builtin import TEMPLATES
from labkit.documents.engine import CompiledTemplate, make_environment
from labkit.i18n import DOMAIN, LABELS, LOCALE_DIR, labels
from labkit.text import SUPPORTED_LANGUAGES

TEMPLATE_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$")
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(lang: str):
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def messages(catalog) -> dict[str, str]:
    return {m.id: m.string for m in catalog if m.id}


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_every_label_has_a_translation(lang):
    catalog = read_catalog(lang)
    problems = []
    for key, message_id in LABELS.items():
        message = catalog.get(message_id)
        if message is None:
            problems.append(f"{key}: {message_id!r} is not in {po_path(lang).name}")
        elif not (isinstance(message.string, str) and message.string.strip()):
            problems.append(f"{key}: {message_id!r} has no translation")
        elif message.fuzzy:
            problems.append(f"{key}: {message_id!r} is marked fuzzy (fuzzy translations are not compiled)")
    assert problems == []


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_translations_keep_their_placeholders(lang):
    catalog = read_catalog(lang)
    for key, message_id in LABELS.items():
        translated = catalog.get(message_id).string
        assert sorted(PLACEHOLDER.findall(translated)) == sorted(PLACEHOLDER.findall(message_id)), key
        # str.format must accept the translation with the placeholders of the original.
        translated.format(**dict.fromkeys(PLACEHOLDER.findall(message_id), "x"))


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_catalogs_hold_no_stale_messages(lang):
    stale = set(messages(read_catalog(lang))) - set(LABELS.values())
    assert stale == set(), f"{lang}: messages no label uses; run python tools/compile_catalogs.py"


def test_template_catalog_lists_every_label():
    with (LOCALE_DIR / f"{DOMAIN}.pot").open("rb") as handle:
        pot = read_po(handle)
    assert set(messages(pot)) == set(LABELS.values())


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_compiled_catalogs_are_up_to_date(lang):
    source = read_catalog(lang)
    buffer = io.BytesIO()
    write_mo(buffer, source, use_fuzzy=False)
    buffer.seek(0)
    fresh = messages(read_mo(buffer))
    mo_file = po_path(lang).with_suffix(".mo")
    with mo_file.open("rb") as handle:
        shipped = messages(read_mo(handle))
    assert shipped == fresh, f"{mo_file} is out of date: run python tools/compile_catalogs.py"
    # What gettext (what labkit reads at run time) finds in the shipped file agrees too.
    with mo_file.open("rb") as handle:
        runtime = gettext.GNUTranslations(handle)
    assert {key: runtime.gettext(message) for key, message in LABELS.items()} == {
        key: source.get(message).string for key, message in LABELS.items()
    }


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_labels_are_what_the_catalogs_say(lang):
    catalog = read_catalog(lang)
    assert labels(lang) == {key: catalog.get(message).string for key, message in LABELS.items()}


def test_swedish_is_translated_and_english_reads_naturally():
    sv, en = labels("sv"), labels("en")
    assert (sv["purpose"], en["purpose"]) == ("Syfte", "Purpose")
    assert (sv["summary"], en["summary"]) == ("Sammanfattning", "Summary")
    # Most Swedish labels differ from the English message ids; identical ones are rare loan words.
    same = [key for key in LABELS if sv[key] == LABELS[key]]
    assert len(same) < len(LABELS) // 10, same


def template_parts() -> list[tuple[str, str, str]]:
    parts = []
    for template in sorted(TEMPLATES.glob("*.docx")):
        with zipfile.ZipFile(template) as package:
            for name in package.namelist():
                if TEMPLATE_PARTS.match(name):
                    parts.append((template.name, name, package.read(name).decode("utf-8")))
    return parts


def test_built_in_templates_use_only_known_labels():
    used: dict[str, set[str]] = {}
    for template, part, xml in template_parts():
        # Word may split a tag over several runs: look at the text without the XML markup.
        text = re.sub(r"<[^>]+>", "", xml)
        for key in re.findall(r"labels\.(\w+)", text) + re.findall(r"labels\[['\"](\w+)['\"]\]", text):
            used.setdefault(key, set()).add(f"{template} ({part})")
    assert len(used) > 20, "found hardly any labels in the templates"
    unknown = {key: sorted(where) for key, where in used.items() if key not in LABELS}
    assert unknown == {}
    # Headers and footers are searched too.
    assert any("header" in where or "footer" in where for places in used.values() for where in places)


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.docx")))
def test_compiled_templates_read_only_known_labels(template):
    """The same check through Jinja's own parse of the compiled template (what rendering really reads)."""
    compiled = CompiledTemplate(TEMPLATES / template, make_environment())
    read = compiled.attribute_uses().get("labels", set())
    assert read, f"{template} shows no labels"
    assert read - set(LABELS) == set()
