"""The method bank in a real browser: accessibility, search, filters, the language switch, keyboard and zoom.

Expectations come from the catalog (the installed methods), never from hard-coded method texts.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from typing import Any

import pytest

from labkit.catalog import Catalog
from labkit.model import FocusArea
from labkit.site import SiteResult
from labkit.text import localize
from tests.browser import describe, run_axe

from .conftest import relative

pytestmark = pytest.mark.browser


def visible_ids(chrome: Any) -> list[str]:
    return chrome.execute_script(
        "return Array.from(document.querySelectorAll('#methods > li'))"
        ".filter(li => !li.hidden).map(li => li.dataset.id);"
    )


def open_start(chrome: Any, site_url: str, lang: str = "sv", query: str = "") -> None:
    chrome.get(f"{site_url}{lang}/index.html{query}")
    # The script shows the finder and fills the status line once it has run.
    wait_for(
        chrome, lambda: chrome.execute_script("return document.getElementById('status').textContent !== '';")
    )


def wait_for(chrome: Any, condition: Callable[[], Any]) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(chrome, 30).until(lambda _driver: condition())


def click(chrome: Any, css: str) -> None:
    from selenium.webdriver.common.by import By

    chrome.find_element(By.CSS_SELECTOR, css).click()


def test_every_page_passes_axe(chrome, axe_script, site: SiteResult, site_url: str):
    failures = {}
    for page in site.pages:
        chrome.get(site_url + relative(site, page))
        violations = run_axe(chrome, axe_script)
        if violations:
            failures[relative(site, page)] = describe(violations)
    assert not failures, "\n\n".join(f"{page}:\n{text}" for page, text in failures.items())


def test_start_page_with_search_results_and_filters_applied_passes_axe(chrome, axe_script, site_url):
    open_start(chrome, site_url, query="?focus=safety&evidence=1")
    assert not run_axe(chrome, axe_script)
    open_start(chrome, site_url, query="?q=zzzxqj")
    assert not run_axe(chrome, axe_script)


@pytest.mark.parametrize("area", list(FocusArea))
def test_focus_filter_shows_the_methods_of_that_area(chrome, site_url, installed: Catalog, area):
    open_start(chrome, site_url)
    click(chrome, f"#focus-{area.value}")
    expected = sorted(m.id for m in installed.methods(area))
    assert sorted(visible_ids(chrome)) == expected
    status = chrome.find_element("id", "status").text
    assert str(len(expected)) in status or not expected


def test_filters_combine_and_clear(chrome, site_url, installed: Catalog):
    open_start(chrome, site_url)
    methods = installed.methods()
    level = methods[0].evidence.level
    area = methods[0].focus_areas[0]
    click(chrome, f"#evidence-{level}")
    assert sorted(visible_ids(chrome)) == sorted(m.id for m in methods if m.evidence.level == level)
    click(chrome, f"#focus-{area.value}")
    both = sorted(m.id for m in methods if m.evidence.level == level and area in m.focus_areas)
    assert sorted(visible_ids(chrome)) == both
    assert methods[0].id in both
    # The state is in the address, so a filtered list can be linked to and survives a reload.
    assert f"evidence={level}" in chrome.current_url and f"focus={area.value}" in chrome.current_url
    chrome.refresh()
    wait_for(chrome, lambda: sorted(visible_ids(chrome)) == both)
    click(chrome, "#finder button[type=reset]")
    wait_for(chrome, lambda: len(visible_ids(chrome)) == len(methods))


def test_language_filter(chrome, site_url, installed: Catalog):
    open_start(chrome, site_url)
    click(chrome, "#language-en")
    from labkit.site._views import method_languages

    assert sorted(visible_ids(chrome)) == sorted(
        m.id for m in installed.methods() if "en" in method_languages(m)
    )


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w{6,}", text)}


def _method_text(method: Any, lang: str) -> str:
    from labkit.site._views import _texts

    return " ".join(localize(t, lang).text for t in _texts(method)).lower()


def test_search_finds_a_word_that_only_one_method_uses_deep_in_its_steps(
    chrome, site_url, installed: Catalog
):
    methods = installed.methods()
    texts = {m.id: _method_text(m, "sv") for m in methods}
    checked = 0
    for method in methods:
        step_words = _words(" ".join(localize(s.description, "sv").text for s in method.steps))
        unique = sorted(w for w in step_words if all(w not in texts[o] for o in texts if o != method.id))
        if not unique:
            continue
        open_start(chrome, site_url)
        box = chrome.find_element("id", "q")
        box.clear()
        box.send_keys(unique[0])
        wait_for(chrome, lambda m=method: visible_ids(chrome) == [m.id])
        found_in = chrome.find_element("css selector", f"li[data-id='{method.id}'] .matches").text
        assert found_in, "a search hit says in which sections the words were found"
        checked += 1
        if checked == 3:
            break
    assert checked, "no method has a word of its own in its steps; the test found nothing to search for"


def test_search_needs_every_word_and_ranks_the_name_first(chrome, site_url, installed: Catalog):
    method = installed.methods()[0]
    name = localize(method.name, "sv").text
    word = max(re.findall(r"\w+", name), key=len).lower()
    open_start(chrome, site_url, query="?q=" + urllib.parse.quote(word))
    wait_for(chrome, lambda: method.id in visible_ids(chrome))
    expected = sorted(m.id for m in installed.methods() if word in _method_text(m, "sv"))
    assert sorted(visible_ids(chrome)) == expected
    named = [m.id for m in installed.methods() if word in localize(m.name, "sv").text.lower()]
    assert visible_ids(chrome)[0] in named, "a method with the word in its name comes first"
    open_start(chrome, site_url, query="?q=" + urllib.parse.quote(f"{word} qqxxzzy"))
    assert visible_ids(chrome) == []
    assert chrome.find_element("id", "status").text


def test_language_switch_lands_on_the_same_method(chrome, site_url, installed: Catalog):
    from selenium.webdriver.common.by import By

    for method in installed.methods():
        chrome.get(f"{site_url}sv/methods/{method.id}.html")
        assert chrome.find_element(By.TAG_NAME, "h1").text == localize(method.name, "sv").text
        chrome.find_element(By.CSS_SELECTOR, ".language-switch a[hreflang='en']").click()
        assert chrome.current_url.endswith(f"/en/methods/{method.id}.html")
        assert chrome.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
        assert chrome.find_element(By.TAG_NAME, "h1").text == localize(method.name, "en").text
        chrome.find_element(By.CSS_SELECTOR, ".language-switch a[hreflang='sv']").click()
        assert chrome.current_url.endswith(f"/sv/methods/{method.id}.html")


def test_keyboard_skip_link_and_visible_focus(chrome, site_url):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    open_start(chrome, site_url)
    ActionChains(chrome).send_keys(Keys.TAB).perform()
    focused = chrome.switch_to.active_element
    assert focused.get_attribute("class") == "skip-link"
    assert focused.is_displayed() and focused.rect["y"] >= 0
    outline = chrome.execute_script("return getComputedStyle(document.activeElement).outlineStyle;")
    assert outline not in ("", "none"), "the focused element shows a visible outline"
    ActionChains(chrome).send_keys(Keys.ENTER).perform()
    assert chrome.switch_to.active_element.get_attribute("id") == "main"
    # Every filter is reachable and usable with the keyboard alone.
    chrome.find_element("id", "focus-safety").send_keys(Keys.SPACE)
    wait_for(chrome, lambda: "focus=safety" in chrome.current_url)


@pytest.mark.parametrize("width", [390, 640])
def test_narrow_screens_and_200_percent_zoom_need_no_sideways_scrolling(
    chrome, site, site_url, installed, width
):
    """390 px is a phone; 640 px is a 1280 px window at 200 % zoom (WCAG 1.4.4 and 1.4.10)."""
    chrome.set_window_size(width, 900)
    try:
        pages = ["sv/index.html", "en/indicators/index.html", "sv/evidence/index.html", "index.html"]
        pages += [f"sv/methods/{m.id}.html" for m in installed.methods()]
        for page in pages:
            chrome.get(site_url + page)
            overflow = chrome.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"
            )
            assert overflow <= 0, f"{page} scrolls sideways by {overflow}px at {width}px"
    finally:
        chrome.set_window_size(1280, 900)


def test_axe_finds_what_is_wrong_in_a_broken_page(chrome, axe_script, tmp_path, serve_folder):
    """The accessibility check itself works: a page with known faults fails it with those faults."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head><title>x</title></head><body><img src="a.png">'
        '<p style="color:#aaa;background:#fff">faint</p><a href="#"></a></body></html>',
        encoding="utf-8",
    )
    chrome.get(serve_folder(tmp_path) + "index.html")
    found = {v["id"] for v in run_axe(chrome, axe_script)}
    assert {"html-has-lang", "image-alt", "color-contrast", "link-name"} <= found


def test_a_house_styled_site_passes_axe(chrome, axe_script, tmp_path, serve_folder):
    from labkit.site import build_site

    from .test_site import small_catalog, write_style

    style = write_style(
        tmp_path,
        "organisation: Bostadsbolaget i Exempelstad\nlogo: logo.png\n"
        'colours: {headings: "#7A1F3D", text: "#222222"}\n',
    )
    out = tmp_path / "site"
    build_site(out, catalog=small_catalog(), house_style=style, processes=1)
    base = serve_folder(out)
    for page in ("index.html", "sv/index.html", "en/methods/test-walk.html"):
        chrome.get(base + page)
        violations = run_axe(chrome, axe_script)
        assert not violations, f"{page}: {describe(violations)}"
