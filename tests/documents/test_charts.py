"""Charts a statistician would accept, drawn from protected figures, safe with any user text."""

from __future__ import annotations

import datetime as dt
import itertools
import tracemalloc
import xml.dom.minidom

import pytest

from labkit.documents import charts
from labkit.documents.charts import _thin, indicator_chart, plain, timeline_chart
from labkit.i18n import labels
from labkit.model import Polarity

SV, EN = labels("sv"), labels("en")


def chart(points, **kw):
    args = {
        "title": "Inskrivna arbetslösa",
        "unit_label": "procent",
        "polarity": Polarity.LOWER_IS_BETTER,
        "words": SV,
        "area_label": "Hageby",
        "svg": True,
    }
    args.update(kw)
    return indicator_chart(points, **args)


def points(*pairs):
    from labkit.outcomes.periods import period_midpoint

    return [(p, period_midpoint(p), v) for p, v in pairs]


def axes_of(monkeypatch):
    """Capture the matplotlib axes of the next chart."""
    seen = {}
    original = charts._save

    def keep(fig, svg, alt):
        seen["ax"] = fig.axes[0]
        seen["fig"] = fig
        seen["texts"] = [t.get_text() for t in fig.texts] + [t.get_text() for t in fig.axes[0].texts]
        return original(fig, svg, alt)

    monkeypatch.setattr(charts, "_save", keep)
    return seen


def test_png_always_svg_only_when_asked_and_deterministic():
    series = points(("2018", 7.4), ("2019", None), ("2020", 6.9), ("2021", 6.5))
    first = chart(series, reference=points(("2018", 6.9), ("2019", 6.8)), reference_label="Navestad")
    second = chart(series, reference=points(("2018", 6.9), ("2019", 6.8)), reference_label="Navestad")
    assert first.png.startswith(b"\x89PNG\r\n\x1a\n")
    assert first.svg == second.svg
    svg = first.svg.decode()
    assert "bättre ↓" in svg and ".. = dolt värde" in svg and "Navestad" in svg
    assert chart(series, svg=False).svg is None


def test_counts_get_whole_ticks_and_start_at_zero(monkeypatch):
    seen = axes_of(monkeypatch)
    chart(points(("2019", 22), ("2020", 23), ("2021", 22)), counts=True)
    ax = seen["ax"]
    assert ax.get_ylim()[0] == 0
    assert all(float(t).is_integer() for t in ax.get_yticks())


def test_periods_are_spaced_by_time(monkeypatch):
    seen = axes_of(monkeypatch)
    chart(points(("2018", 10), ("2019-H1", 11), ("2019-H2", 12), ("2021", 13)))
    xs = list(seen["ax"].lines[0].get_xdata())
    assert xs == [2018.5, 2019.25, 2019.75, 2021.5]


def test_fewer_than_three_points_are_dots_with_values(monkeypatch):
    seen = axes_of(monkeypatch)
    chart(points(("2019-H1", 9), ("2019-H2", 14)), counts=True)
    line = seen["ax"].lines[0]
    assert line.get_linestyle() == "None"
    assert {"9", "14"} <= set(seen["texts"])


def test_hidden_note_and_mark_only_where_something_is_hidden(monkeypatch):
    seen = axes_of(monkeypatch)
    chart(points(("2018", 10), ("2019", 11), ("2020", 12)))
    assert SV["chart_hidden"] not in seen["texts"] and ".." not in seen["texts"]
    chart(points(("2018", 10), ("2019", None), ("2020", 12), ("2021", 12)))
    assert any(SV["chart_hidden"] in t for t in seen["texts"]) and ".." in seen["texts"]


def test_words_in_the_documents_language_and_the_invented_mark(monkeypatch):
    seen = axes_of(monkeypatch)
    chart(points(("2018", 10), ("2019", 11), ("2020", 12)), words=EN, invented=True)
    texts = " ".join(seen["texts"])
    assert "better ↓" in texts and "Invented example data" in texts and "bättre" not in texts


def test_fonts_match_the_document():
    assert charts._fonts()[0] in ("Carlito", "Calibri", "DejaVu Sans")
    assert charts._fonts()[-1] == "DejaVu Sans" or "DejaVu Sans" not in charts._fonts()


def test_alt_text_describes_the_data():
    images = chart(
        points(("2018", 7.4), ("2019", None), ("2020", 6.9)),
        target=("2021", 2021.5, 6.0),
        reference=points(("2018", 6.9), ("2020", 7.3)),
        reference_label="Navestad",
        fmt=lambda v: f"{v:.1f}".replace(".", ","),
    )
    assert images.alt == (
        "Diagram över Inskrivna arbetslösa. Hageby: 2018: 7,4; 2019: dolt; 2020: 6,9. "
        "Navestad: 2018: 6,9; 2020: 7,3. Mål: 6,0 till 2021."
    )
    long = chart(points(*[(str(y), float(y - 1900)) for y in range(1901, 2001)]), words=EN)
    assert "100 periods, from 1 in 1901 to 100 in 2000, lowest 1 and highest 100" in long.alt


def test_user_text_is_plain_text():
    images = chart(points(("2018", 1), ("2019", 2), ("2020", 3)), title="Cost in $x^2$ and $\\alpha$")
    assert "$x^2$" in images.svg.decode()


def test_control_characters_never_break_the_svg():
    hostile = "Hage\x00by\x08 \x1b[31m\u202eröd\ufffe"
    images = chart(points(("2018", 1), ("2019", 2), ("2020", 3)), title=hostile, area_label=hostile)
    xml.dom.minidom.parseString(images.svg)  # well-formed
    assert "\x1b" not in images.alt and "\u202e" not in images.alt


def test_a_50_kb_label_is_cut_and_costs_nothing():
    label = "Område " * 8000
    tracemalloc.start()
    images = chart(points(("2018", 1), ("2019", 2), ("2020", 3)), title=label, area_label=label)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "…" in images.alt and len(images.alt) < 400
    assert peak < 60 * 2**20
    assert plain("x" * 50_000, 40) == "x" * 39 + "…"


def test_tick_labels_never_overlap_however_long_the_series():
    from labkit.outcomes.periods import period_midpoint

    months = [f"{y}-{m:02d}" for y in range(1950, 2020) for m in range(1, 13)]
    xs = [period_midpoint(p) for p in months]
    kept = _thin(xs, months)
    assert 3 <= len(kept) <= 20 and kept[0] == 0
    span = xs[-1] - xs[0]
    for a, b in itertools.pairwise(kept):
        assert (xs[b] - xs[a]) / span * 14.0 >= len(months[a]) * 0.17  # centimetres between label centres


@pytest.mark.parametrize("n", [3, 1000])
def test_a_long_series_stays_a_readable_line(n, monkeypatch):
    seen = axes_of(monkeypatch)
    chart(
        points(*[(f"{1000 + k // 12}-{k % 12 + 1:02d}", float(k % 17 + 10)) for k in range(n)]), counts=True
    )
    labels_shown = [t.get_text() for t in seen["ax"].get_xticklabels()]
    assert 1 <= len(labels_shown) <= 20


def test_timeline_chart_and_its_alt_text():
    images = timeline_chart(
        [
            ("Förstå", dt.date(2018, 8, 20), dt.date(2018, 11, 30)),
            ("Testa", dt.date(2018, 12, 1), dt.date(2019, 6, 30)),
        ],
        [(dt.date(2018, 10, 10), "Workshop $x$")],
        lang="sv",
        svg=True,
    )
    assert images.png.startswith(b"\x89PNG")
    assert "Workshop\u00a0$x$" in images.svg.decode()
    assert images.alt == (
        "Tidslinje över labbets 2 faser från 2018-08-20 till 2019-06-30: Förstå 2018-08-20–2018-11-30; "
        "Testa 2018-12-01–2019-06-30. Milstolpar, numrerade som i listan under diagrammet: 1."
    )
    assert timeline_chart([("A", dt.date(2019, 1, 1), dt.date(2019, 2, 1))]).svg is None
