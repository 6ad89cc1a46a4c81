"""One small in-process test per hook, in the style of llm's tests/test_plugins.py.

Each test defines a plugin class with ``@hookimpl`` methods, registers an instance in a fresh catalog (labkit-core's
own plugin loaded through its entry point, nothing else) and checks what labkit makes of it through the public
API. The tests after those check how hooks are called: through pluggy, in pluggy's order, with the hook's
arguments by name, and with what labkit does not support refused with a warning that says why.
"""

from __future__ import annotations

import inspect
import io
import warnings
from pathlib import Path

import docx
import pluggy
import pytest

import labkit
from labkit import Generator, Request, Takes, hookimpl, hookspecs
from labkit.catalog import Catalog
from labkit.errors import NotFoundError, PluginError
from labkit.plugins import PluginSet, PluginWarning, load_plugins

DATA = Path(__file__).parent.parent / "data"
SAMPLE = DATA / "sample-method.yaml"
WALK = DATA / "lab-methods" / "walk.yaml"


@pytest.fixture
def catalog() -> Catalog:
    return Catalog(load_plugins(entry_points=False))


def text_of(document: labkit.Document) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(document.data)).paragraphs)


# -- one test per hook ------------------------------------------------------------------------------------------------


def test_labkit_methods(catalog):
    class MethodsPlugin:
        @hookimpl
        def labkit_methods(self):
            return [SAMPLE, labkit.load_method(WALK)]

    catalog.register(MethodsPlugin(), name="methods-plugin")
    assert [m.id for m in catalog.methods()] == ["example-method", "test-walk"]
    assert catalog.method_entries["example-method"].plugin.distribution == "methods-plugin"
    assert catalog.method_entries["example-method"].path == SAMPLE


def test_labkit_indicators(catalog):
    class IndicatorsPlugin:
        @hookimpl
        def labkit_indicators(self):
            return [
                labkit.model.Indicator(
                    id="own-measure",
                    name={"sv": "Eget mått", "en": "Own measure"},
                    unit="count",
                    polarity="higher-is-better",
                    level="output",
                    source={"sv": "Egen uppföljning", "en": "Own follow-up"},
                    definition={"sv": "Antal.", "en": "Number."},
                )
            ]

    catalog.register(IndicatorsPlugin())
    assert catalog.indicator("own-measure").name == {"sv": "Eget mått", "en": "Own measure"}
    assert "participants" in catalog.indicator_entries  # labkit's own library is still there


def test_labkit_generators(catalog):
    def make(request: Request) -> labkit.Document:
        tr = labkit.Localizer(request.lang)
        context = {"method": {"name": tr(request.subject.name)}, "doc": labkit.doc_view(tr, "Hello")}
        return labkit.Document(
            kind="hello",
            title="Hello",
            lang=request.lang,
            data=_docx(context["method"]["name"]),
            filename="hello.docx",
        )

    class GeneratorsPlugin:
        @hookimpl
        def labkit_methods(self):
            return [SAMPLE]

        @hookimpl
        def labkit_generators(self):
            return [
                Generator(
                    name="hello",
                    title={"sv": "Hej", "en": "Hello"},
                    description={"sv": "Ett hej.", "en": "A hello."},
                    takes=Takes.METHOD,
                    generate=make,
                    methods=("example-method",),
                )
            ]

    catalog.register(GeneratorsPlugin())
    document = labkit.render("hello", "example-method", lang="en", catalog=catalog)
    assert "Example method" in text_of(document)
    assert "hello" in [g.name for g in catalog.generators()]


def test_labkit_templates(catalog, tmp_path):
    # A method's own guide template: a copy of labkit's with a line of its own.
    folder = tmp_path / "templates" / "example-method"
    folder.mkdir(parents=True)
    template = docx.Document(str(catalog.find_template("guide")))
    template.add_paragraph("Our own guide template")
    template.save(str(folder / "guide.docx"))

    class TemplatesPlugin:
        @hookimpl
        def labkit_methods(self):
            return [SAMPLE]

        @hookimpl
        def labkit_templates(self):
            return [tmp_path / "templates"]

    catalog.register(TemplatesPlugin())
    assert catalog.find_template("guide", "example-method") == folder / "guide.docx"
    assert catalog.find_template("guide", "another-method") == catalog.template_entries["guide"].path
    guide = labkit.render("guide", "example-method", catalog=catalog)
    assert "Our own guide template" in text_of(guide)


def test_labkit_jinja_filters(catalog):
    class FiltersPlugin:
        @hookimpl
        def labkit_jinja_filters(self):
            return {"shout": lambda text: str(text).upper() + "!"}

    catalog.register(FiltersPlugin())
    assert catalog.jinja_filters["shout"]("hej") == "HEJ!"
    assert {"sek", "number"} <= set(catalog.jinja_filters)  # labkit's own filters are still there


def test_labkit_replaces(catalog):
    class CoreChecklist:
        @hookimpl
        def labkit_generators(self):
            return [_generator("checklist")]

        @hookimpl
        def labkit_replaces(self):
            return {"kind:checklist": "labkit-core"}

    catalog.register(CoreChecklist(), name="my-checklists")
    assert catalog.generator_entry("checklist").plugin.distribution == "my-checklists"
    assert catalog.conflicts == []


# -- how hooks are called ---------------------------------------------------------------------------------------------


def test_every_hook_has_an_in_process_test_here():
    specs = [
        name for name, _f in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("labkit_")
    ]
    tests = {name for name in globals() if name.startswith("test_labkit_")}
    assert {f"test_{name}" for name in specs} <= tests


def test_hooks_are_called_in_pluggy_order_tryfirst_first(catalog):
    calls = []

    class Late:
        @hookimpl(trylast=True)
        def labkit_methods(self):
            calls.append("late")
            return []

    class Early:
        @hookimpl(tryfirst=True)
        def labkit_methods(self):
            calls.append("early")
            return []

    class Plain:
        @hookimpl
        def labkit_methods(self):
            calls.append("plain")
            return []

    for plugin in (Late(), Early(), Plain()):
        catalog.register(plugin)
    catalog.methods()
    assert calls == ["early", "plain", "late"]


def test_hooks_pass_their_arguments_by_name():
    """A hook that gains an argument reaches implementations written before it (pluggy's argnames)."""

    class Spec:
        @hookspecs.hookspec
        def labkit_example(self, lang, catalog):  # type: ignore[empty-body]
            """An example hook with arguments."""

    class Old:
        @hookimpl
        def labkit_example(self):
            return "old"

    class New:
        @hookimpl
        def labkit_example(self, lang):
            return f"new {lang}"

    plugins = PluginSet(strict=True)
    plugins.pm.add_hookspecs(Spec)
    plugins.register_local(Old(), "old")
    plugins.register_local(New(), "new")
    results = sorted(result for _plugin, result in plugins.call("labkit_example", lang="sv", catalog=None))
    assert results == ["new sv", "old"]


@pytest.mark.parametrize("option", ["wrapper", "hookwrapper"])
def test_a_hook_wrapper_is_refused_with_a_warning(catalog, option):
    class Wrapping:
        @hookimpl(**{option: True})
        def labkit_methods(self):
            return (yield)

        @hookimpl
        def labkit_indicators(self):
            return []

    with pytest.warns(PluginWarning, match="labkit_methods is a hook wrapper, which labkit does not support"):
        catalog.register(Wrapping(), name="wrapping")
    entry = catalog.plugins.plugins["wrapping"]
    assert entry.hooks(catalog.plugins.pm) == ["labkit_indicators"]  # the rest of the plugin works
    assert catalog.methods() == []


def test_an_unknown_hook_name_is_reported_with_the_closest_one(catalog):
    class Misspelt:
        @hookimpl
        def labkit_method(self):
            return [SAMPLE]

    with pytest.warns(
        PluginWarning, match=r"implements labkit_method, which is not a labkit hook \(did you mean "
    ):
        catalog.register(Misspelt(), name="misspelt")


def test_strict_mode_turns_a_refused_hook_into_an_error():
    class Wrapping:
        @hookimpl(wrapper=True)
        def labkit_methods(self):
            return (yield)

    catalog = Catalog(load_plugins(strict=True, entry_points=False))
    with pytest.raises(PluginError, match="hook wrapper"):
        catalog.register(Wrapping(), name="wrapping")


def test_an_undeclared_core_kind_stays_labkit_s_and_the_plugin_is_told_how_to_declare(catalog):
    class Intruder:
        @hookimpl
        def labkit_generators(self):
            return [_generator("checklist")]

    catalog.register(Intruder(), name="intruder")
    with pytest.warns(PluginWarning, match=r"labkit_replaces returning \{'kind:checklist': 'labkit-core'\}"):
        entry = catalog.generator_entry("checklist")
    assert entry.plugin.distribution == "labkit-core"


def test_two_unrelated_plugins_with_one_kind_are_a_conflict_naming_both(catalog):
    class One:
        @hookimpl
        def labkit_generators(self):
            return [_generator("protocol")]

    class Two:
        @hookimpl
        def labkit_generators(self):
            return [_generator("protocol")]

    catalog.register(One(), name="one")
    catalog.register(Two(), name="two")
    with pytest.raises(
        PluginError, match="the document kind 'protocol' is contributed by both one local and two local"
    ):
        catalog.generator("protocol")
    with pytest.raises(
        NotFoundError, match="unknown document kind 'protocl' \\(did you mean 'protocol'\\?\\)"
    ):
        catalog.generator("protocl")


def test_a_replaces_key_of_an_unknown_kind_is_reported(catalog):
    class Odd:
        @hookimpl
        def labkit_replaces(self):
            return {"knd:checklist": "labkit-core"}

    catalog.register(Odd(), name="odd")
    with pytest.warns(
        PluginWarning, match=r"'knd:checklist' names nothing labkit knows \(did you mean 'kind'\?\)"
    ):
        catalog.replacements  # noqa: B018 - gathered with everything by `labkit plugins` and check_plugin


def _generator(name: str) -> Generator:
    return Generator(
        name=name,
        title={"sv": "Titel", "en": "Title"},
        description={"sv": "Text.", "en": "Text."},
        takes=Takes.METHOD,
        generate=lambda request: pytest.fail("not called"),
    )


def _docx(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_warnings_module_is_untouched():
    # The tests above use pytest.warns; make sure nothing left a global filter behind.
    assert not any(f[2] is PluginWarning and f[0] == "error" for f in warnings.filters)


def test_pluggy_is_what_calls_the_hooks(catalog, monkeypatch):
    seen = []
    original = pluggy.PluginManager.subset_hook_caller

    def spy(self, name, remove_plugins):
        seen.append(name)
        return original(self, name, remove_plugins)

    monkeypatch.setattr(pluggy.PluginManager, "subset_hook_caller", spy)
    catalog.indicators()
    assert "labkit_indicators" in seen
