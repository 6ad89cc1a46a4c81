"""The fixed Swedish labels follow the same wording rules as method content: no translation-ese, no English."""

from __future__ import annotations

import pytest

from labkit import rules
from labkit.i18n import LABELS, labels

SWEDISH = labels("sv")


#: Labels that name the tool on purpose: colophons and the name of labkit's evidence scale on the method bank site.
NAMES_THE_TOOL = {"generated_by", "built_with", "documents_built", "evidence_scale_name"}


@pytest.mark.parametrize("key", sorted(set(LABELS) - NAMES_THE_TOOL))
def test_every_swedish_label_passes_the_wording_rules(key):
    assert rules.wording_findings({"sv": SWEDISH[key]}, ("sv",)) == [], SWEDISH[key]


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("polarity", "Önskad riktning"),
        ("signed_by", "Namnförtydligande"),
        ("signature", "Underskrift"),
        ("pause_point", "Kontrollpunkt"),
    ],
)
def test_known_translation_ese_is_replaced(key, words):
    if key not in SWEDISH:
        pytest.skip(f"no label {key}")
    if words is not None:
        assert SWEDISH[key] == words
    assert "Bättre när" not in SWEDISH[key] and "för att säga" not in SWEDISH[key]


def test_the_rules_catch_the_old_labels():
    for old in ("Bättre när", "för få perioder för att säga", "Signerad av"):
        assert rules.wording_findings({"sv": old}, ("sv",)), old
