"""The model's own rules: field validators, unique ids, frozen objects and localized text."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests import strategies as s

from labkit import model as m
from labkit.errors import InvalidDataError
from labkit.files import from_data
from labkit.text import Localized, is_language_code, languages_of, localize

SETTINGS = settings(max_examples=50, deadline=None)

ROLE = m.Role("host", m.ActorKind.HOUSING_COMPANY, {"sv": "Värd", "en": "Host"}, "Bjuder in.")
GUIDE = m.Role("guide", m.ActorKind.TENANTS_ASSOCIATION, "Guide", "Leder promenaden.")
STEP = m.Step("invite", "Bjud in", "Sätt upp lappar.", ("host",), "1 vecka", m.LabPhase.EXPLORE)
SOURCE = m.Source("guide-2020", "Walk guide", "Example Publisher")
RESOURCES = m.Resources("En person", "Inga", m.BudgetRange(0, 100, "per år"), "En månad")
PAUSE = m.PausePoint("Före", ("Boka tid",))


def method(**changes: Any) -> m.Method:
    fields: dict[str, Any] = {
        "id": "walk-and-talk",
        "version": "1.2.0",
        "name": {"sv": "Gå och prata", "en": "Walk and talk"},
        "summary": "En promenad.",
        "purpose": "Lära känna området.",
        "when_to_use": "När grannar inte känner varandra.",
        "focus_areas": (m.FocusArea.SAFETY,),
        "target_groups": ("Boende",),
        "roles": (ROLE, GUIDE),
        "steps": (STEP,),
        "resources": RESOURCES,
        "owner": m.Organisation("Exempelbolaget"),
        "licence": "CC-BY-4.0",
        "revised": dt.date(2024, 5, 1),
        "evidence": m.Evidence(1, "En beskrivning.", ("guide-2020",)),
        "sources": (SOURCE,),
    }
    fields.update(changes)
    return m.Method(**fields)


PARTNER = m.Partner("housing", "Bostadsbolaget", m.ActorKind.HOUSING_COMPANY, "Värd")
PHASE = m.Phase(m.LabPhase.UNDERSTAND, dt.date(2024, 1, 1), dt.date(2024, 2, 29))
CHOSEN = m.ChosenMethod("walk-and-talk", "housing")


def lab(**changes: Any) -> m.Lab:
    fields: dict[str, Any] = {
        "id": "test-lab",
        "name": "Testlabb",
        "host": "Bostadsbolaget",
        "area": m.Area("Testområdet", "Testkommun"),
        "partners": (PARTNER,),
        "focus_areas": (m.FocusArea.SAFETY,),
        "challenge": "Otrygghet.",
        "target_group": "Boende.",
        "phases": (PHASE,),
        "methods": (CHOSEN,),
    }
    fields.update(changes)
    return m.Lab(**fields)


def test_the_helpers_build_valid_objects() -> None:
    assert method().role("guide") is GUIDE
    assert lab().partner("housing") is PARTNER


# --- ids (slugs) ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("good", ["a", "safety-walk", "2019", "a1-b2-c3", "a" * 64])
def test_good_slugs(good: str) -> None:
    assert m.Source(good, "T", "P").id == good


@pytest.mark.parametrize(
    "bad",
    [
        "Safety-Walk",
        "safety_walk",
        "safety--walk",
        "-walk",
        "walk-",
        "",
        "safety walk",
        "trygghetsvandring-å",
        "walk\n",
    ],
)
def test_bad_slug(bad: str) -> None:
    with pytest.raises(ValueError) as info:
        m.Source(bad, "T", "P")
    assert str(info.value) == (
        f"{bad!r} is not a valid id: use lowercase letters a-z, digits and single hyphens, like 'safety-walk'"
    )


def test_slug_longer_than_64_characters() -> None:
    with pytest.raises(ValueError, match=r"^id is 65 characters long; the limit is 64$"):
        m.Role("a" * 65, m.ActorKind.POLICE, "Polis", "Patrullerar.")


@pytest.mark.parametrize("bad", [None, 12])
def test_slug_of_the_wrong_type(bad: Any) -> None:
    with pytest.raises(ValueError, match="is not a valid id"):
        m.Indicator(bad, "n", m.Unit.COUNT, m.Polarity.HIGHER_IS_BETTER, m.IndicatorLevel.OUTPUT, "s", "d")


def test_slug_lists_are_checked_item_by_item() -> None:
    with pytest.raises(ValueError, match=r"^'Host' is not a valid id"):
        m.Step("invite", "t", "d", ("host", "Host"), "1 vecka", m.LabPhase.TEST)
    with pytest.raises(ValueError, match="must not be empty"):
        m.Step("invite", "t", "d", (), "1 vecka", m.LabPhase.TEST)


# --- versions -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "good", ["0.0.0", "1.2.0", "10.20.30", "1.0.0-rc.1", "1.0.0-alpha.1+build.5", "1.0.0+20240501"]
)
def test_good_semver(good: str) -> None:
    assert method(version=good, history=()).version == good


def test_a_pre_release_labkit_cannot_order_is_refused() -> None:
    # Versions are compared with packaging, which orders alpha, beta and rc pre-releases (by number).
    with pytest.raises(ValueError, match=r"write a pre-release like '1\.2\.0-alpha\.2'"):
        method(version="1.0.0-alpha.beta", history=())


@pytest.mark.parametrize(
    "bad",
    ["1.0", "1", "01.0.0", "1.02.0", "v1.0.0", "1.0.0-", "1.0.0+", "1.0.0-01", " 1.0.0", "1.0.0\n", "latest"],
)
def test_bad_semver(bad: str) -> None:
    with pytest.raises(ValueError) as info:
        m.VersionNote(bad, dt.date(2024, 1, 1), "Ändrat.")
    assert str(info.value) == f"{bad!r} is not a semantic version like '1.2.0'"


def test_bad_semver_in_based_on() -> None:
    with pytest.raises(ValueError, match=r"^'1\.0' is not a semantic version"):
        m.BasedOn("portalen", "1.0", "Anpassad.")


@pytest.mark.parametrize(
    "good", ["*", "1.2.0", "^1.2", "~1.2.0", ">=1.0, <2", "==2.0.1", "!=1.0", "< 3", ">=1.0.0-alpha.2"]
)
def test_good_version_constraint(good: str) -> None:
    assert m.ChosenMethod("walk", "housing", version=good).version == good


@pytest.mark.parametrize("bad", ["", "latest", "1.x", "^", ">=1.0;<2", "1.2.3.4", "**"])
def test_bad_version_constraint(bad: str) -> None:
    with pytest.raises(ValueError) as info:
        m.ChosenMethod("walk", "housing", version=bad)
    assert str(info.value) == (
        f"{bad!r} is not a version constraint; use for example '1.2.0', '^1.2', '~1.2.0', '>=1.0, <2', "
        "'>=1.0.0-alpha.2' or '*'"
    )


# --- numbers and ranges -------------------------------------------------------------------------------------------


def test_budget_max_below_min() -> None:
    with pytest.raises(ValueError) as info:
        m.BudgetRange(50_000, 10_000, "per år")
    assert str(info.value) == "max_sek (10000) is below min_sek (50000)"


def test_budget_max_equal_to_min_is_fine() -> None:
    assert m.BudgetRange(10_000, 10_000, "per år").max_sek == 10_000


def test_budget_min_below_zero() -> None:
    with pytest.raises(ValueError, match="'min_sek' must be >= 0: -1"):
        m.BudgetRange(-1, 10, "per år")


@pytest.mark.parametrize("level", [0, 6, -1, 100])
def test_evidence_level_outside_the_scale(level: int) -> None:
    with pytest.raises(ValueError, match="'level' must be"):
        m.Evidence(level, "Sammanfattning.")


@pytest.mark.parametrize("level", [1, 2, 3, 4, 5])
def test_evidence_levels_on_the_scale(level: int) -> None:
    assert m.Evidence(level, "Sammanfattning.").level == level
    assert set(m.EVIDENCE_SCALE[level]) == {"sv", "en"}


@pytest.mark.parametrize(
    ("level", "expected"), [(0, "must be at least 1, got 0"), (6, "must be at most 5, got 6")]
)
def test_evidence_level_message_in_a_file(level: int, expected: str) -> None:
    with pytest.raises(InvalidDataError) as info:
        from_data({"level": level, "summary": "x"}, m.Evidence, "method.yaml")
    assert [str(p) for p in info.value.problems] == [f"method.yaml: level: {expected}"]


def test_measurement_numerator_above_denominator() -> None:
    with pytest.raises(ValueError, match=r"^numerator \(12\) is larger than denominator \(10\)$"):
        m.Measurement("participants", "Hageby", "2019", 120.0, numerator=12, denominator=10)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_measurement_value_must_be_finite(value: float) -> None:
    with pytest.raises(ValueError, match=r"^must be a finite number, got"):
        m.Measurement("participants", "Hageby", "2019", value)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_goal_values_and_assumptions_must_be_finite(value: float) -> None:
    with pytest.raises(ValueError, match=r"^must be a finite number, got"):
        m.GoalValue(value, "2019")
    with pytest.raises(ValueError, match=r"finite number"):
        m.Assumption(1.0, 2.0, value, "source")
    with pytest.raises(ValueError, match=r"finite number"):
        m.Assumption(value, 2.0, 3.0, "source")


def test_goal_values_that_are_not_finite_are_refused_with_their_place() -> None:
    with pytest.raises(InvalidDataError) as info:
        from_data({"value": float("nan"), "period": "2019"}, m.GoalValue, "lab.yaml")
    assert [str(p) for p in info.value.problems] == ["lab.yaml: value: must be a finite number, got nan"]


@pytest.mark.parametrize("period", ["2018/20", "2019/19", "1999/01"])
def test_a_school_year_must_be_two_following_years(period: str) -> None:
    with pytest.raises(ValueError, match="not a school year: the second year must follow the first"):
        m.Measurement("participants", "Hageby", period, 1.0)
    with pytest.raises(ValueError, match="not a school year"):
        m.GoalValue(1.0, period)
    assert m.Measurement("participants", "Hageby", "1999/00", 1.0).period == "1999/00"


def test_a_lower_minimum_needs_a_reason_and_rounding_is_checked() -> None:
    with pytest.raises(ValueError, match=r"a minimum below 10 \(min_count: 5\) needs a reason"):
        m.Privacy(min_count=5)
    assert m.Privacy(min_count=5, reason="Only 30 pupils; agreed with the school").min_count == 5
    with pytest.raises(ValueError, match="counts"):
        m.Rounding(counts=3)


def test_measurement_period_from_a_year_number() -> None:
    assert m.Measurement("participants", "Hageby", 2019, 1.0).period == "2019"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "bad", ["19", "2019-H3", "2019-Q5", "2019-13", "2019-00", "2018/2019", "2019\n", "H1-2019"]
)
def test_bad_period(bad: str) -> None:
    with pytest.raises(ValueError) as info:
        m.GoalValue(1.0, bad)
    assert str(info.value) == f"{bad!r} is not a period like 2019, 2019-H1, 2019-Q3, 2019-05 or 2018/19"


def test_period_of_the_wrong_type() -> None:
    with pytest.raises(TypeError, match="expected a period like 2019"):
        m.GoalValue(1.0, 2019.5)  # type: ignore[arg-type]


def test_assumption_out_of_order() -> None:
    with pytest.raises(ValueError, match=r"^expected low <= central <= high, got 3, 2, 4$"):
        m.Assumption(3, 2, 4, "Källa")


def test_estimate_shares_between_0_and_1() -> None:
    share = m.Assumption(0.1, 0.2, 0.3, "Källa")
    money = m.Assumption(100, 200, 300, "Källa")
    with pytest.raises(ValueError, match=r"^100 is not a share between 0 and 1$"):
        m.Estimate("participants-into-work", money, share, money, share, share)


def test_form_table_row_width() -> None:
    with pytest.raises(ValueError, match=r"^row 2 has 1 cells but there are 2 columns$"):
        m.FormTable(("Namn", "Datum"), (("a", "b"), ("c",)))
    with pytest.raises(ValueError, match="must not be empty"):
        m.FormTable(())
    with pytest.raises(ValueError, match="'blank_rows' must be <= 60"):
        m.FormTable(("Namn",), blank_rows=61)


def test_privacy_min_count() -> None:
    assert m.Privacy().min_count == 10
    with pytest.raises(ValueError, match="'min_count' must be >= 1"):
        m.Privacy(0)


@pytest.mark.parametrize("year", [1799, 2201])
def test_implausible_source_year(year: int) -> None:
    with pytest.raises(ValueError, match=f"^{year} is not a plausible year$"):
        m.Source("s", "T", "P", year=year)


@pytest.mark.parametrize(
    "url", ["example.org", "ftp://example.org", "https://", "https://exa mple.org", "https://x.org\n"]
)
def test_bad_url(url: str) -> None:
    with pytest.raises(ValueError) as info:
        m.Organisation("Bolaget", url=url)
    assert str(info.value) == f"{url!r} is not a web address starting with http:// or https://"


def test_deso_and_email_forms() -> None:
    assert m.Area("Hageby", "Norrköping", deso="0581C1010").deso == "0581C1010"
    with pytest.raises(ValueError, match="must match regex"):
        m.Area("Hageby", "Norrköping", deso="0581-1010")
    with pytest.raises(ValueError, match="must match regex"):
        m.Contact(email="info at example.org")


def test_deso_message_in_a_file() -> None:
    with pytest.raises(InvalidDataError) as info:
        from_data({"name": "Hageby", "municipality": "Norrköping", "deso": "0581-1010"}, m.Area, "lab.yaml")
    assert [str(p) for p in info.value.problems] == [
        r"lab.yaml: deso: '0581-1010' has the wrong form (expected to match '^\\d{4}[ABC]\\d{4}$')"
    ]


@pytest.mark.parametrize(("language", "code"), [("sv", "sv"), ("en", "en"), ("EN", "en"), (" Sv ", "sv")])
def test_good_lab_language(language: str, code: str) -> None:
    # A lab's language is the language of its documents: one labkit has texts for, in any case.
    assert lab(language=language).language == code


@pytest.mark.parametrize("language", ["", "so", "smj", "en-GB", "fr", "svenska", "e"])
def test_bad_lab_language(language: str) -> None:
    with pytest.raises(ValueError) as info:
        lab(language=language)
    assert str(info.value) == f"{language.strip().lower()!r} is not a language labkit supports (sv, en)"


# --- texts --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "text is empty"),
        ("  \n", "text is empty"),
        ({}, "expected a text or a mapping from language code to text, like {sv: ..., en: ...}"),
        ({"svenska": "Hej"}, "unknown language code 'svenska'; use codes like 'sv' and 'en'"),
        ({"sv": "Hej", "en": " "}, "the 'en' text is empty"),
        ({"sv": None}, "the 'sv' text is empty"),
        (["Hej"], "expected a text or a mapping from language code to text, like {sv: ..., en: ...}"),
    ],
)
def test_bad_localized_text(value: Any, message: str) -> None:
    with pytest.raises(ValueError) as info:
        m.Role("host", m.ActorKind.HOUSING_COMPANY, value, "Bjuder in.")
    assert str(info.value) == message


@pytest.mark.parametrize("value", ["", "   "])
def test_empty_plain_text(value: str) -> None:
    with pytest.raises(ValueError, match=r"^must not be empty$"):
        m.Source("s", value, "P")


def test_optional_text_may_be_missing_but_not_empty() -> None:
    assert m.PausePoint("Före", ("Boka",)).when is None
    with pytest.raises(ValueError, match=r"^text is empty$"):
        m.PausePoint("Före", ("Boka",), when="")


# --- unique ids and non-empty lists -------------------------------------------------------------------------------


def test_duplicate_role_ids() -> None:
    with pytest.raises(ValueError, match=r"^id 'host' is used more than once$"):
        method(roles=(ROLE, GUIDE, attrs.evolve(GUIDE, id="host")))


def test_duplicate_step_ids() -> None:
    with pytest.raises(ValueError, match=r"^id 'invite' is used more than once$"):
        method(steps=(STEP, attrs.evolve(STEP, title="Igen")))


def test_duplicate_source_ids() -> None:
    with pytest.raises(ValueError, match=r"^id 'guide-2020' is used more than once$"):
        method(sources=(SOURCE, SOURCE))


def test_duplicate_checklist_ids() -> None:
    checklist = m.Checklist("host-list", "Lista", "host", m.ChecklistKind.READ_DO, (PAUSE,))
    with pytest.raises(ValueError, match=r"^id 'host-list' is used more than once$"):
        method(checklists=(checklist, checklist))


def test_duplicate_partner_ids() -> None:
    with pytest.raises(ValueError, match=r"^id 'housing' is used more than once$"):
        lab(partners=(PARTNER, attrs.evolve(PARTNER, organisation="Ett annat bolag")))


def test_duplicate_chosen_methods() -> None:
    with pytest.raises(ValueError, match=r"^id 'walk-and-talk' is used more than once$"):
        lab(methods=(CHOSEN, attrs.evolve(CHOSEN, version="^1.0")))


@pytest.mark.parametrize("field", ["roles", "steps", "sources", "focus_areas", "target_groups"])
def test_method_lists_that_must_not_be_empty(field: str) -> None:
    with pytest.raises(ValueError, match=r"^must not be empty$"):
        method(**{field: ()})


@pytest.mark.parametrize("field", ["partners", "phases", "methods", "focus_areas"])
def test_lab_lists_that_must_not_be_empty(field: str) -> None:
    with pytest.raises(ValueError, match=r"^must not be empty$"):
        lab(**{field: ()})


def test_lookup_by_id() -> None:
    checklist = m.Checklist("host-list", "Lista", "host", m.ChecklistKind.DO_CONFIRM, (PAUSE,))
    meth = method(checklists=(checklist,))
    assert meth.checklist("host-list") is checklist
    with pytest.raises(KeyError):
        meth.role("nobody")
    with pytest.raises(KeyError):
        meth.checklist("nothing")
    with pytest.raises(KeyError):
        lab().partner("nobody")


# --- frozen -------------------------------------------------------------------------------------------------------


def test_assigning_a_field_raises() -> None:
    meth = method()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        meth.id = "other"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del meth.version  # type: ignore[misc]
    with pytest.raises(AttributeError):
        meth.colour = "red"  # type: ignore[attr-defined]  # slotted: no new attributes either
    assert meth.id == "walk-and-talk"


OBJECTS = st.one_of(
    s.methods(),
    s.labs(),
    s.indicators,
    s.forms,
    s.measurements(),
    s.estimates,
    s.goals(),
    s.risks(),
    s.phases(),
    s.form_tables,
    s.budgets,
    s.contacts,
    s.checklists(),
)


@SETTINGS
@given(OBJECTS, st.data())
def test_every_object_is_frozen(obj: Any, data: st.DataObject) -> None:
    field = data.draw(st.sampled_from([a.name for a in attrs.fields(type(obj))]))
    before = getattr(obj, field)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(obj, field, before)
    assert getattr(obj, field) is before


@SETTINGS
@given(s.methods())
def test_strategies_build_valid_methods(meth: m.Method) -> None:
    # Evolving with no changes reruns every validator.
    assert attrs.evolve(meth) == meth
    assert meth.version in [note.version for note in meth.history]


def test_enums_print_as_their_values() -> None:
    assert str(m.ActorKind.HOUSING_COMPANY) == "housing-company"
    assert str(m.LabPhase.SPREAD) == "spread"
    assert [p.order for p in m.LabPhase] == [0, 1, 2, 3, 4]
    assert m.Unit.SHARE.is_about_people and not m.Unit.SEK.is_about_people
    assert m.Budget((m.BudgetItem("a", 100), m.BudgetItem("b", 250))).total_sek == 350


# --- localize -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        ("Syfte", "en", Localized("Syfte", None, False)),
        ({"sv": "Syfte", "en": "Purpose"}, "en", Localized("Purpose", "en", False)),
        ({"sv": "Syfte", "en": "Purpose"}, "sv", Localized("Syfte", "sv", False)),
        # A missing language falls back to Swedish, then English, then any language, and says so.
        ({"sv": "Syfte"}, "en", Localized("Syfte", "sv", True)),
        ({"en": "Purpose"}, "sv", Localized("Purpose", "en", True)),
        ({"en": "Purpose", "ar": "الغرض"}, "so", Localized("Purpose", "en", True)),
        ({"sv": "Syfte", "en": "Purpose"}, "so", Localized("Syfte", "sv", True)),
        ({"so": "Ujeeddo", "ar": "الغرض"}, "sv", Localized("الغرض", "ar", True)),
        ({"en": "Colour"}, "en-GB", Localized("Colour", "en", True)),
        (None, "sv", Localized("", None, False)),
        ({}, "sv", Localized("", None, True)),
    ],
)
def test_localize(value: Any, lang: str, expected: Localized) -> None:
    assert localize(value, lang) == expected
    assert str(localize(value, lang)) == expected.text


@SETTINGS
@given(s.localized, s.language_codes)
def test_localize_is_visible_about_fallbacks(value: Any, lang: str) -> None:
    result = localize(value, lang)
    if isinstance(value, str):
        assert result == Localized(value, None, False)
    else:
        assert result.text in value.values()
        assert result.lang in value
        assert value[result.lang] == result.text
        assert result.missing == (lang not in value)
        if result.missing and "sv" in value:
            assert result.lang == "sv"


def test_languages_of() -> None:
    assert languages_of(None) is None
    assert languages_of("Syfte") is None
    assert languages_of({"sv": "Syfte", "en": "Purpose"}) == frozenset({"sv", "en"})


@pytest.mark.parametrize(
    ("code", "ok"),
    [("sv", True), ("smj", True), ("en-GB", True), ("EN", False), ("sv_SE", False), (1, False)],
)
def test_is_language_code(code: Any, ok: bool) -> None:
    assert is_language_code(code) is ok
