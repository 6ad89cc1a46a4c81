from __future__ import annotations

import datetime as dt

from labkit.model import Polarity
from labkit.outcomes.charts import indicator_chart, timeline_chart


def test_indicator_chart_png_and_deterministic_svg():
    args = {
        "title": "Inskrivna arbetslösa",
        "unit_label": "procent",
        "polarity": Polarity.LOWER_IS_BETTER,
        "baseline": ("2018", 7.4),
        "target": ("2021", 6.0),
        "reference": [("2018", 6.9), ("2019", 6.8)],
        "lang": "sv",
        "area_label": "Hageby",
        "reference_label": "Navestad",
    }
    first = indicator_chart([("2018", 7.4), ("2019", None), ("2020", 6.9)], **args)
    second = indicator_chart([("2018", 7.4), ("2019", None), ("2020", 6.9)], **args)
    assert first.png.startswith(b"\x89PNG\r\n\x1a\n")
    assert first.svg == second.svg
    svg = first.svg.decode()
    assert "bättre ↓" in svg and ".. = dolt värde" in svg and "Navestad" in svg


def test_timeline_chart():
    images = timeline_chart(
        [
            ("Förstå", dt.date(2018, 8, 20), dt.date(2018, 11, 30)),
            ("Testa", dt.date(2018, 12, 1), dt.date(2019, 6, 30)),
        ],
        [(dt.date(2018, 10, 10), "Workshop")],
        lang="sv",
    )
    assert images.png.startswith(b"\x89PNG")
    assert "Workshop" in images.svg.decode()
