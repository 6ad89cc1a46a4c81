"""labkit site without a browser: pages, documents, links, incremental rebuilds, house style, templates, bad input.

Expectations come from the catalog, so the tests stay true when the methods' texts change.
"""

from __future__ import annotations

import io
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
import yaml

import labkit.site
from labkit import hookimpl
from labkit.catalog import Catalog
from labkit.documents.views import format_version
from labkit.errors import ConfigurationError, InvalidDataError, TemplateError
from labkit.generators import Takes
from labkit.i18n import labels
from labkit.plugins import load_plugins
from labkit.site import MANIFEST, SiteResult, build_site, contrast_ratio, make_server
from labkit.site._views import method_languages
from labkit.text import localize

from .conftest import relative

DATA = Path(__file__).parents[1] / "data" / "lab-methods"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\x0bIDATx\x9cc\xf8\x0f\x04\x00\t\xfb\x03\xfd\xfb^k+\x00\x00\x00\x00IEND\xaeB`\x82"
)


class Page(HTMLParser):
    """The parts of a page the tests look at: text, links, alternates, ids and the html element's lang."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.links: list[str] = []
        self.alternates: dict[str, str] = {}
        self.ids: set[str] = set()
        self.lang = ""
        self._skip = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang", "")
        if "id" in a:
            self.ids.add(a["id"])
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "link" and a.get("rel") == "alternate":
            self.alternates[a["hreflang"]] = a["href"]
        for name in ("href", "src"):
            if a.get(name):
                self.links.append(a[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.texts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())


def read(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def squash(text: str) -> str:
    return " ".join(text.split())


class Methods:
    """A plugin contributing method files (a fresh catalog gets it registered)."""

    def __init__(self, *paths: Path) -> None:
        self.paths = list(paths)

    @hookimpl
    def labkit_methods(self):
        return self.paths


def small_catalog(*paths: Path) -> Catalog:
    catalog = Catalog(load_plugins(entry_points=False))
    catalog.register(Methods(*(paths or (DATA / "walk.yaml", DATA / "meeting.yaml"))), name="test-methods")
    return catalog


# -- the published site ----------------------------------------------------------------------------------------


def test_public_api_is_complete():
    public = {
        name
        for module in ("_build", "_serve", "_style", "_templates")
        for name in getattr(labkit.site, module).__all__
    }
    assert set(labkit.site.__all__) == public
    for name in labkit.site.__all__:
        assert getattr(labkit.site, name) is not None


def test_a_page_per_method_and_indicator_in_every_language(site: SiteResult, installed: Catalog):
    pages = {relative(site, p) for p in site.pages}
    for lang in ("sv", "en"):
        assert f"{lang}/index.html" in pages
        for method in installed.methods():
            assert f"{lang}/methods/{method.id}.html" in pages
        for indicator in installed.indicators():
            assert f"{lang}/indicators/{indicator.id}.html" in pages
    assert "index.html" in pages


def test_start_page_lists_every_method_with_its_facts(site: SiteResult, installed: Catalog):
    for lang in ("sv", "en"):
        page = read(site.out_dir / lang / "index.html")
        assert page.lang == lang
        for method in installed.methods():
            entry = installed.method_entries[method.id]
            text = page.text
            assert squash(localize(method.name, lang).text) in text
            assert squash(localize(method.summary, lang).text) in text
            assert squash(localize(method.resources.time_span, lang).text) in text
            assert f"{entry.plugin.distribution} {entry.plugin.version}" in text
        scale = "labkits evidensskala" if lang == "sv" else "labkit's evidence scale"
        assert text.count(scale) >= len(installed.methods()), (
            "every card names the scale of its evidence level"
        )


def test_method_page_shows_every_field_of_the_method_card(site: SiteResult, installed: Catalog):
    for method in installed.methods():
        for lang in ("sv", "en"):
            text = read(site.out_dir / lang / "methods" / f"{method.id}.html").text

            def shown(value, where, text=text, lang=lang, method=method):
                assert squash(localize(value, lang).text) in text, f"{method.id} ({lang}): {where} missing"

            for where in ("name", "summary", "purpose", "when_to_use"):
                shown(getattr(method, where), where)
            for value in (
                method.target_groups + method.prerequisites + method.success_factors + method.pitfalls
            ):
                shown(value, "list item")
            for role in method.roles:
                shown(role.name, "role")
                shown(role.responsibility, "responsibility")
            for step in method.steps:
                shown(step.title, "step")
                shown(step.duration, "step duration")
            for value in (method.resources.staff, method.resources.premises, method.resources.time_span):
                shown(value, "resources")
            for ident in method.indicators:
                shown(installed.indicator(ident).name, f"indicator {ident}")
                shown(installed.indicator(ident).source, f"indicator source {ident}")
            for checklist in method.checklists:
                shown(checklist.title, "checklist")
                for point in checklist.pause_points:
                    for item in point.items:
                        shown(item, "checklist item")
            shown(method.evidence.summary, "evidence")
            for source in method.sources:
                assert squash(source.title) in text
            if method.based_on:
                shown(method.based_on.changes, "based on")
            # Lay readers see "1.0" and the licence by its name (CC BY 4.0), not the version or SPDX id.
            assert format_version(method.version) in text
            assert labels(lang)[f"licence_{method.licence}"] in text


def test_documents_of_every_kind_in_both_languages_linked_from_both_pages(
    site: SiteResult, installed: Catalog
):
    for method in installed.methods():
        kinds = [
            g.name
            for g in installed.generators()
            if g.takes is Takes.METHOD
            and g.applies_to(method.id)
            and (g.name != "checklist" or method.checklists)
        ]
        assert "guide" in kinds
        pages = {lang: read(site.out_dir / lang / "methods" / f"{method.id}.html") for lang in ("sv", "en")}
        for kind in kinds:
            for lang in ("sv", "en"):
                rel = f"downloads/{method.id}/{method.id}-{kind}-{lang}.docx"
                document = docx.Document(io.BytesIO((site.out_dir / rel).read_bytes()))
                assert document.paragraphs
                for page in pages.values():
                    assert f"../../{rel}" in page.links


def test_every_link_and_download_resolves_over_http(site: SiteResult, site_url: str):
    checked: set[str] = set()
    for page in site.pages:
        url = site_url + relative(site, page)
        for link in read(page).links:
            target = urllib.parse.urljoin(url, link)
            if not target.startswith(site_url):
                assert target.startswith("https://") or target.startswith("http://"), target
                continue
            target = target.split("#")[0]
            if target in checked:
                continue
            checked.add(target)
            try:
                with urllib.request.urlopen(target) as response:
                    assert response.status == 200
            except urllib.error.HTTPError as exc:
                pytest.fail(f"{relative(site, page)} links to {link}: {exc.code}")
    assert any(t.endswith(".docx") for t in checked)
    assert len(checked) > len(site.pages) // 2
    # The search index is not a link but loaded by the start page's script from the form's data-index.
    for lang in ("sv", "en"):
        start = (site.out_dir / lang / "index.html").read_text(encoding="utf-8")
        index = re.search(r'data-index="([^"]+)"', start)[1]
        with urllib.request.urlopen(urllib.parse.urljoin(f"{site_url}{lang}/index.html", index)) as response:
            assert response.read().startswith(b"window.labkitSearchIndex = ")


def test_in_page_anchors_exist(site: SiteResult):
    for path in site.pages:
        page = read(path)
        for link in page.links:
            if "#" in link:
                target, anchor = link.split("#", 1)
                holder = page if not target else read((path.parent / target).resolve())
                assert anchor in holder.ids, f"{relative(site, path)}: no #{anchor} in {target or 'the page'}"


def test_languages_are_linked_with_hreflang(site: SiteResult):
    for path in site.pages:
        page = read(path)
        assert page.lang in ("sv", "en")
        assert set(page.alternates) == {"sv", "en"}, relative(site, path)
        for href in page.alternates.values():
            assert (path.parent / href).resolve().is_file()
        rel = relative(site, path)
        if rel != "index.html":
            assert page.alternates[page.lang].endswith(rel.split("/", 1)[1])


def test_filters_work_without_javascript_as_pages(site: SiteResult, installed: Catalog):
    start = (site.out_dir / "sv" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<form id="finder"[^>]*\shidden', start), (
        "the live filter form only appears with JavaScript"
    )
    for method in installed.methods():
        for area in method.focus_areas:
            page = read(site.out_dir / "sv" / "focus" / f"{area.value}.html")
            assert f"../../sv/methods/{method.id}.html" in page.links
        level = read(site.out_dir / "en" / "evidence" / f"level-{method.evidence.level}.html")
        assert f"../../en/methods/{method.id}.html" in level.links
        for code in method_languages(method):
            assert (
                f"../../en/methods/{method.id}.html"
                in read(site.out_dir / "en" / "languages" / f"{code}.html").links
            )


def test_search_index_holds_every_method_by_section(site: SiteResult, installed: Catalog):
    script = (site.out_dir / "en" / "search-index.js").read_text(encoding="utf-8")
    index = json.loads(script.removeprefix("window.labkitSearchIndex = ").rstrip().removesuffix(";"))
    assert {m["id"] for m in index["methods"]} == {m.id for m in installed.methods()}
    for entry in index["methods"]:
        method = installed.method(entry["id"])
        sections = {f["key"]: f["text"] for f in entry["fields"]}
        assert localize(method.name, "en").text.lower() in sections["name"]
        assert squash(localize(method.steps[-1].description, "en").text).lower() in sections["steps"]


def test_indicator_page_has_definition_polarity_and_source(site: SiteResult, installed: Catalog):
    for indicator in installed.indicators():
        text = read(site.out_dir / "en" / "indicators" / f"{indicator.id}.html").text
        assert squash(localize(indicator.definition, "en").text) in text
        assert squash(localize(indicator.source, "en").text) in text
        better = "higher" if indicator.polarity.value == "higher-is-better" else "lower"
        assert f"Better when {better}" in text
        users = [m for m in installed.methods() if indicator.id in m.indicators]
        for method in users:
            assert localize(method.name, "en").text in text


# -- rebuilding ------------------------------------------------------------------------------------------------


def test_rebuild_makes_only_what_changed(tmp_path):
    walk = tmp_path / "walk.yaml"
    walk.write_text((DATA / "walk.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "site"
    first = build_site(out, catalog=small_catalog(walk, DATA / "meeting.yaml"), processes=1)
    assert len(first.built) == len(first.documents) > 0
    again = build_site(out, catalog=small_catalog(walk, DATA / "meeting.yaml"), processes=1)
    assert again.built == () and again.written == () and again.removed == ()
    walk.write_text(
        walk.read_text(encoding="utf-8").replace("Testvandring", "Kvällsvandring"), encoding="utf-8"
    )
    changed = build_site(out, catalog=small_catalog(walk, DATA / "meeting.yaml"), processes=1)
    assert changed.built and all("test-walk" in p.name for p in changed.built)
    assert out / "sv" / "methods" / "test-walk.html" in changed.written
    assert out / "sv" / "methods" / "test-meeting.html" not in changed.written
    assert "Kvällsvandring" in (out / "sv" / "index.html").read_text(encoding="utf-8")
    (out / changed.built[0]).unlink()
    repaired = build_site(out, catalog=small_catalog(walk, DATA / "meeting.yaml"), processes=1)
    assert repaired.built == (changed.built[0],)


def test_files_of_a_removed_method_are_removed(tmp_path):
    out = tmp_path / "site"
    build_site(out, catalog=small_catalog(), processes=1, langs=["sv"])
    assert (out / "sv" / "methods" / "test-meeting.html").is_file()
    result = build_site(out, catalog=small_catalog(DATA / "walk.yaml"), processes=1, langs=["sv"])
    assert not (out / "sv" / "methods" / "test-meeting.html").exists()
    assert not list((out / "downloads").glob("test-meeting/*.docx"))
    assert out / "sv" / "methods" / "test-meeting.html" in result.removed
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert not any("test-meeting" in f for f in manifest["files"])


# -- bad input ---------------------------------------------------------------------------------------------------


def test_refuses_a_folder_that_is_not_a_site(tmp_path):
    (tmp_path / "thesis.docx").write_bytes(b"mine")
    with pytest.raises(ConfigurationError, match="not empty"):
        build_site(tmp_path, catalog=small_catalog())
    assert (tmp_path / "thesis.docx").read_bytes() == b"mine"
    with pytest.raises(ConfigurationError, match="is a file"):
        build_site(tmp_path / "thesis.docx", catalog=small_catalog())
    with pytest.raises(
        NotADirectoryError
    ) as caught:  # the user's environment: exit status 1 on the command line
        build_site(tmp_path / "thesis.docx" / "site", catalog=small_catalog())
    assert caught.value.filename == str(tmp_path / "thesis.docx" / "site")


def test_unknown_language_and_no_methods(tmp_path):
    with pytest.raises(ConfigurationError, match=r"^'fr' is not a language labkit supports \(sv, en\)$"):
        build_site(tmp_path / "a", catalog=small_catalog(), langs=["fr"])
    with pytest.raises(ConfigurationError, match="no methods are installed"):
        build_site(tmp_path / "b", catalog=Catalog(load_plugins(entry_points=False)))


def test_hostile_text_is_escaped_everywhere(tmp_path):
    text = (DATA / "walk.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "{sv: Testvandring, en: Test walk}", '{sv: "<script>alert(1)</script>{{ 7*7 }}", en: "<b>x</b>"}'
    )
    hostile = tmp_path / "walk.yaml"
    hostile.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    build_site(out, catalog=small_catalog(hostile), processes=1)
    for path in out.rglob("*.html"):
        content = path.read_text(encoding="utf-8")
        assert "<script>alert" not in content and "<b>x</b>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}" in (out / "sv" / "index.html").read_text(
        encoding="utf-8"
    )
    index = (out / "sv" / "search-index.js").read_text(encoding="utf-8")
    assert "</script>" not in index


def test_control_characters_never_reach_a_page(tmp_path):
    """HTML cannot carry control characters: a method's texts lose them on every page (a JSON file can hold any)."""
    data = yaml.safe_load((DATA / "walk.yaml").read_text(encoding="utf-8"))
    data["name"] = {"sv": "Vandring\x1b[2J\x07\x85 med\u2028rader", "en": "Walk\x00\x9b"}
    hostile = tmp_path / "walk.json"
    hostile.write_text(json.dumps(data, default=str), encoding="utf-8")
    out = tmp_path / "site"
    build_site(out, catalog=small_catalog(hostile), processes=1)
    controls = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
    pages = list(out.rglob("*.html"))
    assert pages
    for path in pages:
        assert not controls.search(path.read_text(encoding="utf-8")), path
    assert "Vandring[2J med" in (out / "sv" / "index.html").read_text(encoding="utf-8")
    script = (out / "sv" / "search-index.js").read_text(encoding="utf-8")
    assert not controls.search(script) and "\u2028" not in script


def test_indicator_links_are_only_web_addresses(tmp_path):
    from labkit.documents.views import Localizer
    from labkit.model import Indicator, IndicatorLevel, Polarity, Unit
    from labkit.site._views import indicator_view

    indicator = Indicator(
        id="x",
        name="X",
        unit=Unit.COUNT,
        polarity=Polarity.HIGHER_IS_BETTER,
        level=IndicatorLevel.OUTPUT,
        source="S",
        definition="D",
        url="javascript:alert(1)",
    )
    assert indicator_view(Localizer("en"), indicator, [])["link"] == ""


# -- house style ---------------------------------------------------------------------------------------------------


def write_style(folder: Path, text: str) -> Path:
    (folder / "logo.png").write_bytes(PNG)
    path = folder / "style.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_house_style_gives_the_site_its_name_logo_colours_and_fonts(tmp_path):
    style = write_style(
        tmp_path,
        "organisation: Bostadsbolaget i Exempelstad\nlogo: logo.png\n"
        'colours: {headings: "#7A1F3D", text: "#222222"}\nfonts: {body: Georgia, headings: Verdana}\n',
    )
    out = tmp_path / "site"
    build_site(out, catalog=small_catalog(), house_style=style, processes=1, langs=["sv"])
    css = (out / "assets" / "site.css").read_text(encoding="utf-8")
    assert (
        "--accent: #7A1F3D" in css and "--text: #222222" in css and '"Georgia"' in css and '"Verdana"' in css
    )
    assert (out / "assets" / "logo.png").read_bytes() == PNG
    start = (out / "sv" / "index.html").read_text(encoding="utf-8")
    assert "Bostadsbolaget i Exempelstad" in start and "assets/logo.png" in start
    assert "Bostadsbolaget i Exempelstad" in read(out / "sv" / "index.html").text


@pytest.mark.parametrize(
    ("colours", "field", "ratio"),
    [('{text: "#999999"}', "colours.text", "2.85:1"), ('{headings: "#7FB3E0"}', "colours.headings", "2.")],
)
def test_house_style_colours_that_fail_contrast_are_refused(tmp_path, colours, field, ratio):
    style = write_style(tmp_path, f"organisation: Bolaget\ncolours: {colours}\n")
    with pytest.raises(InvalidDataError) as caught:
        build_site(tmp_path / "site", catalog=small_catalog(), house_style=style)
    message = str(caught.value)
    assert str(style) in message and field in message and ratio in message and "4.5:1" in message
    assert not (tmp_path / "site").exists()


def test_house_style_logo_needs_the_organisation_and_fonts_must_be_names(tmp_path):
    style = write_style(tmp_path, 'logo: logo.png\nfonts: {body: "x;} body{display:none"}\n')
    with pytest.raises(InvalidDataError) as caught:
        build_site(tmp_path / "site", catalog=small_catalog(), house_style=style)
    messages = [p.message for p in caught.value.problems]
    assert any("organisation" in m for m in messages) and any("not a font name" in m for m in messages)


def test_contrast_ratio_matches_wcag():
    assert round(contrast_ratio("#000000", "#FFFFFF"), 1) == 21.0
    assert round(contrast_ratio("#777777", "#FFFFFF"), 2) == 4.48
    assert contrast_ratio("#123456", "#123456") == 1.0


# -- templates -------------------------------------------------------------------------------------------------------


def test_a_template_folder_overrides_one_part(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "_card.html").write_text(
        '<article class="card"><h2><a href="{{ root }}{{ card.url }}">{{ card.name }}</a></h2>'
        "<p>Vår egen ruta: {{ card.cost }}</p></article>\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    build_site(out, catalog=small_catalog(), templates=folder, processes=1, langs=["sv"])
    assert "Vår egen ruta" in (out / "sv" / "index.html").read_text(encoding="utf-8")
    assert "Vår egen ruta" not in (out / "sv" / "methods" / "test-walk.html").read_text(encoding="utf-8")


def test_a_plugin_overrides_templates_through_the_template_hook(tmp_path):
    folder = tmp_path / "plugin-templates"
    (folder / "site").mkdir(parents=True)
    (folder / "site" / "indicator.html").write_text(
        '{% extends "base.html" %}{% block title %}{{ indicator.name }}{% endblock %}'
        "{% block main %}<h1>{{ indicator.name }}</h1><p>Plugin page</p>{% endblock %}\n",
        encoding="utf-8",
    )

    class Templates:
        @hookimpl
        def labkit_templates(self):
            return [folder]

    catalog = small_catalog()
    catalog.register(Templates(), name="company-look")
    out = tmp_path / "site"
    build_site(out, catalog=catalog, processes=1, langs=["en"])
    pages = [p for p in (out / "en" / "indicators").glob("*.html") if p.name != "index.html"]
    assert pages and all("Plugin page" in p.read_text(encoding="utf-8") for p in pages)
    assert "Plugin page" not in (out / "en" / "index.html").read_text(encoding="utf-8")
    # A folder given to the command comes before the plugins'.
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "indicator.html").write_text(
        '{% extends "base.html" %}{% block title %}x{% endblock %}{% block main %}<h1>Mine</h1>{% endblock %}\n',
        encoding="utf-8",
    )
    build_site(out, catalog=catalog, processes=1, langs=["en"], templates=mine)
    assert "<h1>Mine</h1>" in pages[0].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{% extends 'base.html' %}{% block main %}{% if %}{% endblock %}\n", r"method\.html:1"),
        (
            "{% extends 'base.html' %}{% block title %}{{ view.no_such_thing.x }}{% endblock %}\n",
            r"method\.html:1",
        ),
        (  # site templates are sandboxed like document templates: no way to Python or the system
            "{% extends 'base.html' %}{% block title %}{{ cycler.__init__.__globals__.os }}{% endblock %}\n",
            r"method\.html:1: access to attribute '__init__' of 'type' object is unsafe",
        ),
    ],
)
def test_template_mistakes_name_the_file_and_line(tmp_path, text, expected):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "method.html").write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError, match=expected):
        build_site(tmp_path / "site", catalog=small_catalog(), templates=folder, processes=1, langs=["sv"])


# -- languages of a method -----------------------------------------------------------------------------------------


def test_a_method_missing_english_is_filtered_and_flagged(tmp_path):
    text = (DATA / "walk.yaml").read_text(encoding="utf-8")
    swedish_only = tmp_path / "walk.yaml"
    swedish_only.write_text(
        text.replace("{sv: Planera vandringen., en: Plan the walk.}", "{sv: Planera vandringen.}"),
        encoding="utf-8",
    )
    out = tmp_path / "site"
    catalog = small_catalog(swedish_only, DATA / "meeting.yaml")
    build_site(out, catalog=catalog, processes=1)
    assert method_languages(catalog.method("test-walk")) == ("sv",)
    assert "../../en/methods/test-walk.html" not in read(out / "en" / "languages" / "en.html").links
    assert "../../en/methods/test-meeting.html" in read(out / "en" / "languages" / "en.html").links
    english = read(out / "en" / "methods" / "test-walk.html").text
    assert "Some texts are not available in this language" in english and "Planera vandringen." in english


def test_a_method_in_language_neutral_text_is_under_every_language(tmp_path):
    """A method whose texts are all plain strings (no language keys) is listed under each language of the site."""
    import re

    text = (DATA / "walk.yaml").read_text(encoding="utf-8")
    plain = tmp_path / "walk.yaml"
    plain.write_text(re.sub(r"\{sv: ([^,{}]*), en: [^{}]*\}", r'"\1"', text), encoding="utf-8")
    catalog = small_catalog(plain, DATA / "meeting.yaml")
    assert method_languages(catalog.method("test-walk")) == ()
    out = tmp_path / "site"
    build_site(out, catalog=catalog, processes=1)
    for lang in ("sv", "en"):
        assert f"../../{lang}/methods/test-walk.html" in read(out / lang / "languages" / f"{lang}.html").links


# -- preview server -------------------------------------------------------------------------------------------------


def test_preview_server_serves_the_site_on_localhost_only_and_hides_bookkeeping(site: SiteResult):
    import threading

    server = make_server(site.out_dir, 0, quiet=True)
    host, port = server.server_address[:2]
    assert host == "127.0.0.1"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/sv/index.html") as response:
            assert response.headers["Content-Type"].startswith("text/html")
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/{MANIFEST}")
        assert caught.value.code == 404
        with pytest.raises(ConfigurationError, match="already in use"):
            make_server(site.out_dir, port)
    finally:
        server.shutdown()
        server.server_close()


def test_preview_server_needs_a_built_site(tmp_path):
    with pytest.raises(ConfigurationError, match="holds no site"):
        make_server(tmp_path)


def test_pdf_beside_every_word_file_and_removed_when_no_longer_asked_for(tmp_path):
    out = tmp_path / "site"
    catalog = small_catalog(DATA / "walk.yaml")
    result = build_site(out, catalog=catalog, processes=2, langs=["en"], pdf=True)
    pdfs = [p for p in result.documents if p.suffix == ".pdf"]
    assert pdfs and len(pdfs) == len(result.documents) / 2
    page = read(out / "en" / "methods" / "test-walk.html")
    for pdf in pdfs:
        assert pdf.read_bytes().startswith(b"%PDF")
        assert f"../../{relative(result, pdf)}" in page.links
    assert "(PDF, " in page.text
    again = build_site(out, catalog=catalog, processes=2, langs=["en"])
    assert set(pdfs) <= set(again.removed)
    assert not any(p.exists() for p in pdfs)


def test_a_tampered_manifest_never_removes_files_outside_the_site(tmp_path):
    out = tmp_path / "site"
    build_site(out, catalog=small_catalog(DATA / "walk.yaml"), processes=1, langs=["sv"])
    outside = tmp_path / "precious.txt"
    outside.write_text("keep", encoding="utf-8")
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"] += ["../precious.txt", str(outside), ["not", "a", "name"], 7]
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    result = build_site(out, catalog=small_catalog(DATA / "walk.yaml"), processes=1, langs=["sv"])
    assert outside.read_text(encoding="utf-8") == "keep" and result.removed == ()
