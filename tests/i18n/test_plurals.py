"""Labels that count something have a singular form: "1 published period", never "1 published periods".

Every label whose count placeholder is followed by a counted noun must have a ``<key>_one`` variant (and may have
``<key>_zero``), chosen by :func:`labkit.i18n.counted`; the few whose count can never be 1 are listed with why.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from labkit.i18n import LABELS, counted, labels

#: A count placeholder, up to two words, then a plural noun (in the English message id).
COUNTED = re.compile(
    r"\{(n|count|total)\} (?:[a-z']+ ){0,2}?(periods|people|phases|methods|documents|items)\b"
)

#: Labels that count something but never with 1 or 0, and why.
NEVER_ONE = {
    "trend_sentence": "a trend is only given for three periods or more",
    "slope_per_year": "a slope is only given for three periods or more",
    "trend_mixed_periods": "periods of different lengths are only named for three periods or more",
    "alt_series_long": "the long description is only used for more than eight periods",
    "reason_few-rest": "'of the people counted' does not agree with the number",
}

PLURAL_AFTER_ONE = {
    "en": re.compile(r"\b1 (?:\w+ ){0,2}?(?:periods|people|phases|methods)\b"),
    "sv": re.compile(r"\b1 (?:\w+ ){0,2}?(?:perioder|personer|faser|metoder)\b"),
}


def counting_labels() -> list[str]:
    return [key for key, message in LABELS.items() if COUNTED.search(message) and not key.endswith("_one")]


def test_the_search_finds_the_counting_labels():
    assert {"trend_too_few", "reason_few-people", "privacy_text", "alt_timeline", "showing"} <= set(
        counting_labels()
    )


@pytest.mark.parametrize("key", counting_labels())
def test_every_counting_label_has_a_singular(key):
    assert f"{key}_one" in LABELS or key in NEVER_ONE, (
        f"{key}: {LABELS[key]!r} counts something; add {key}_one (and use labkit.i18n.counted)"
    )


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("key", [k for k in counting_labels() if k not in NEVER_ONE])
def test_the_singular_reads_right_in_both_languages(lang, key):
    fields = {"start": "2026-01-01", "end": "2026-12-31", "phases": "x", "shown": 1, "total": 1}
    text = counted(labels(lang), key, 1, **fields)
    assert text != counted(labels(lang), key, 2, **fields)
    assert not PLURAL_AFTER_ONE[lang].search(text), text


@pytest.mark.parametrize(
    ("n", "en", "sv"),
    [
        (0, "No trend: no published period", "Ingen trend: ingen publicerad period"),
        (1, "No trend: 1 published period,", "Ingen trend: 1 publicerad period,"),
        (2, "No trend: 2 published periods,", "Ingen trend: 2 publicerade perioder,"),
    ],
)
def test_counted_picks_zero_one_and_other(n, en, sv):
    assert counted(labels("en"), "trend_too_few", n).startswith(en)
    assert counted(labels("sv"), "trend_too_few", n).startswith(sv)


def test_counted_falls_back_to_the_plain_label():
    assert counted({"x": "{n} things"}, "x", 1) == "1 things"
    assert counted({"x": "{n} things", "x_one": "one thing"}, "x", 1) == "one thing"


def test_the_method_bank_counts_one_method_in_the_singular():
    from labkit.site import __file__ as site_init

    templates = Path(site_init).parent / "templates"
    start = (templates / "start.html").read_text(encoding="utf-8")
    script = (templates / "assets" / "site.js").read_text(encoding="utf-8")
    assert 'data-showing-one="{{ labels.showing_one }}"' in start
    assert 'items.length === 1 ? "data-showing-one" : "data-showing"' in script
    assert labels("sv")["showing_one"] == "Visar {shown} av 1 metod."
