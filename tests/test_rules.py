"""The content rules (labkit.rules): a clean method passes, and a method or form that breaks a rule is reported.

Every rule has a negative test here: a small method that breaks exactly that rule, and the finding it must
produce. Replacing any rule with ``return []`` makes at least one of these tests fail.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import pytest

from labkit import rules
from labkit.errors import Problem
from labkit.files import loads
from labkit.model import (
    ActorKind,
    Checklist,
    ChecklistKind,
    Form,
    FormSection,
    FormTable,
    Method,
    Observation,
    Organisation,
    PausePoint,
    Source,
    VersionNote,
)

CLEAN = (Path(__file__).parent / "data" / "rules-clean-method.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def clean() -> Method:
    return loads(CLEAN, Method, "clean.yaml")


def messages(findings: list[Any]) -> list[str]:
    return [f"{'.'.join(map(str, f.path))}: {f.message}" for f in findings]


def only(findings: list[Any]) -> str:
    """The single finding's text (fails if there is not exactly one)."""
    found = messages(findings)
    assert len(found) == 1, found
    return found[0]


def checklist(method: Method, **changes: Any) -> Method:
    return attrs.evolve(method, checklists=(attrs.evolve(method.checklists[0], **changes),))


def point(method: Method, **changes: Any) -> Method:
    first = method.checklists[0]
    return checklist(method, pause_points=(attrs.evolve(first.pause_points[0], **changes),))


def items(*pairs: tuple[str, str]) -> tuple[dict[str, str], ...]:
    return tuple({"sv": sv, "en": en} for sv, en in pairs)


FIVE = items(
    ("Lås upp rummet", "Unlock the room"),
    ("Ställ fram böcker", "Set out books"),
    ("Sätt på kaffe", "Make coffee"),
    ("Lägg fram räknelistan", "Put out the tally sheet"),
    ("Tänd lamporna", "Switch on the lights"),
)


def test_the_clean_method_passes_every_rule(clean):
    assert rules.method_findings(clean) == []
    assert rules.checklist_problems(clean) == []
    assert rules.claim_problems(clean) == []
    assert rules.source_problems(clean) == []
    assert rules.wording_problems(clean) == []
    assert rules.translation_gaps(clean) == []


# ---------------------------------------------------------------------------------------------------------------
# Checklists
# ---------------------------------------------------------------------------------------------------------------


def test_more_than_nine_items_is_reported(clean):
    ten = tuple({"sv": f"Gör steg {i}", "en": f"Do step {i}"} for i in range(10))
    assert "has 10 items; keep it to 9 or fewer" in only(rules.checklist_findings(point(clean, items=ten)))
    nine = ten[:9]
    assert rules.checklist_findings(point(clean, items=nine)) == []


def test_fewer_than_five_items_need_a_reason(clean):
    four = FIVE[:4]
    found = only(rules.checklist_findings(point(clean, items=four)))
    assert "checklists.0.pause_points.0.items: has 4 items; give 5 to 9" in found
    reason = {"sv": "Resten gör skolan.", "en": "The school does the rest."}
    assert rules.checklist_findings(point(clean, items=four, fewer_items_because=reason)) == []
    assert rules.checklist_findings(point(clean, items=FIVE)) == []


def test_a_reason_for_fewer_items_on_a_full_pause_point_is_reported(clean):
    reason = {"sv": "Kort.", "en": "Short."}
    found = only(rules.checklist_findings(point(clean, items=FIVE, fewer_items_because=reason)))
    assert "fewer_items_because: gives a reason for fewer items but has 5" in found


def test_a_checklist_must_say_what_it_is_based_on(clean):
    found = only(rules.checklist_findings(checklist(clean, based_on=None)))
    assert "'coordinator-evening' does not say what it is based on" in found


def test_a_checklist_revised_after_its_method_is_reported(clean):
    later = clean.revised + dt.timedelta(days=1)
    assert "revised: the checklist is revised" in only(
        rules.checklist_findings(checklist(clean, revised=later))
    )
    assert rules.checklist_findings(checklist(clean, revised=clean.revised)) == []


@pytest.mark.parametrize("owner", ["tenants", "residents"])
def test_read_do_is_refused_for_volunteers_and_residents(clean, owner):
    method = clean
    if owner == "residents":
        role = attrs.evolve(clean.roles[0], id="residents", actor=ActorKind.RESIDENTS)
        method = attrs.evolve(clean, roles=(*clean.roles, role))
    found = only(rules.checklist_findings(checklist(method, owner=owner)))
    assert "is read-do for" in found and "use do-confirm" in found
    assert rules.checklist_findings(checklist(method, owner=owner, kind=ChecklistKind.DO_CONFIRM)) == []


def test_one_checklist_per_role_and_moment(clean):
    first = clean.checklists[0]
    twin = attrs.evolve(first, id="coordinator-evening-2")
    found = only(rules.checklist_findings(attrs.evolve(clean, checklists=(first, twin))))
    assert "checklists.1.pause_points.0.name" in found and "keep one checklist per moment" in found
    other_owner = attrs.evolve(twin, owner="tenants", kind=ChecklistKind.DO_CONFIRM)
    assert rules.checklist_findings(attrs.evolve(clean, checklists=(first, other_owner))) == []


@pytest.mark.parametrize(
    ("sv", "en", "expected"),
    [
        ("Jag har läst rapporten", "Read the report", "(sv) should be a command"),
        ("Läs rapporten", "We have read the report", "(en) should be a command"),
        ("Den nya lampan", "Check the lamp", "(sv) should be a command"),
        ("Check the lamp", "The new lamp", "(en) should be a command"),
        ("3 lampor", "Check three lamps", "(sv) should be a command"),
        ("Är lampan hel?", "Check the lamp", "(sv) should be a command"),
        ("Kontrollera lampan?", "Check the lamp", "(sv) is a question"),
        ("Telefonen är laddad", "Charge the phone", "(sv) is a statement"),
        ("Schemat med raster är klart", "Finish the rota", "(sv) is a statement"),
        ("Ladda telefonen", "Phones are charged", "(en) is a statement"),
        ("Ladda telefonen.", "Charge the phone", "(sv) ends with a full stop"),
        ("Ladda telefonen", "Charge the phone" + " now" * 30, "(en) is 136 characters"),
        ("", "Charge the phone", "(sv) is empty"),
    ],
)
def test_items_must_be_short_commands(clean, sv, en, expected):
    bad = ({"sv": sv, "en": en}, *FIVE[1:])
    found = only(rules.checklist_findings(point(clean, items=bad)))
    assert found.startswith("checklists.0.pause_points.0.items.0: ") and expected in found


@pytest.mark.parametrize(
    ("sv", "en"),
    [
        ("Kontrollera att telefonen är laddad", "Check that the phone is charged"),
        ("Påminn de ansvariga vars datum har passerat", "Remind those whose date has passed"),
        ("Fråga om nyttan har varit ömsesidig", "Ask whether the benefit has been mutual"),
        (
            "Räkna de aktiviteter som partnern har varit med i",
            "Count the activities the partner has taken part in",
        ),
        ("Se till att inget namn står i rapporten", "Make sure every name is removed"),
    ],
)
def test_commands_with_a_subordinate_clause_are_not_statements(clean, sv, en):
    good = ({"sv": sv, "en": en}, *FIVE[1:])
    assert rules.checklist_findings(point(clean, items=good)) == []


def test_items_are_checked_only_in_the_languages_asked_for(clean):
    bad = ({"sv": "Läs rapporten", "en": "We have read it"}, *FIVE[1:])
    assert rules.checklist_findings(point(clean, items=bad), langs=("sv",)) == []
    assert rules.checklist_problems(point(clean, items=bad)) == [
        "clean-method: checklists[0].pause_points[0].items[0]: (en) should be a command that starts with a verb: "
        "'We have read it'"
    ]


# ---------------------------------------------------------------------------------------------------------------
# Translations
# ---------------------------------------------------------------------------------------------------------------


def test_a_missing_language_is_reported(clean):
    method = attrs.evolve(clean, summary={"sv": "Bara svenska."})
    assert rules.translation_gaps(method) == ["summary: missing en"]
    assert messages(rules.translation_findings(method)) == ["summary: missing en"]
    assert "summary: missing en" in messages(rules.method_findings(method))


def test_one_text_for_every_language_is_a_gap_unless_it_is_a_proper_name(clean):
    method = attrs.evolve(clean, summary="Samma text.")
    assert rules.translation_gaps(method) == ["summary: one text for all languages; give en, sv"]
    assert rules.translation_gaps(method, strict=False) == []
    named = attrs.evolve(clean, owner=Organisation("Exempelbolaget AB"))
    assert rules.translation_gaps(named) == []


# ---------------------------------------------------------------------------------------------------------------
# Claims follow evidence
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "text", "claim"),
    [
        (
            "summary",
            {"sv": "Metoden minskar brotten.", "en": "It helps."},
            "(sv) claims an effect ('minskar')",
        ),
        (
            "summary",
            {"sv": "Den hjälper.", "en": "The method reduces crime."},
            "(en) claims an effect ('reduces')",
        ),
        ("purpose", {"sv": "Den ger tryggare gårdar.", "en": "It helps."}, "'ger tryggare'"),
        ("purpose", {"sv": "Då blir området finare.", "en": "It helps."}, "'blir området finare'"),
        ("summary", {"sv": "Resultaten förbättrades.", "en": "It helps."}, "'förbättrades'"),
        ("summary", {"sv": "Den hjälper.", "en": "It makes the area safer."}, "'makes the area safer'"),
        ("summary", {"sv": "Den leder till jobb.", "en": "It helps."}, "'leder till'"),
    ],
)
def test_effect_claims_below_level_3_are_reported(clean, field, text, claim):
    found = only(rules.claim_findings(attrs.evolve(clean, **{field: text})))
    assert found.startswith(f"{field}: ") and claim in found and "evidence level 1" in found


def test_effect_claims_are_allowed_from_level_3(clean):
    proven = attrs.evolve(clean.evidence, level=3)
    method = attrs.evolve(clean, summary={"sv": "Metoden minskar brotten.", "en": "It reduces crime."})
    assert rules.claim_findings(attrs.evolve(method, evidence=proven)) == []
    assert len(rules.claim_findings(method)) == 2


@pytest.mark.parametrize(
    "text",
    [
        {"sv": "Att fler ska få jobb och att brotten minskar.", "en": "To reduce crime."},
        {"sv": "Målet är att brotten minskar.", "en": "The aim is that crime falls."},
        {"sv": "De träffas så att tryggheten växer.", "en": "They meet so that safety grows."},
        {"sv": "Metoden syftar till att minska brotten.", "en": "It aims to reduce crime."},
    ],
)
def test_aims_are_not_claims(clean, text):
    assert rules.claim_findings(attrs.evolve(clean, purpose=text)) == []


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("name", {"sv": "Evidensbaserad läxhjälp", "en": "Homework help"}),
        ("when_to_use", {"sv": "När.", "en": "When you need a proven method."}),
    ],
)
def test_evidence_based_is_refused_below_level_3(clean, field, text):
    assert "that takes level 3 or higher" in only(rules.claim_findings(attrs.evolve(clean, **{field: text})))


@pytest.mark.parametrize(
    ("path", "text", "figure"),
    [
        (("summary",), {"sv": "Hälften, 50 procent, fick jobb.", "en": "Half got jobs."}, "'50 procent'"),
        (("purpose",), {"sv": "Att fler ska få jobb.", "en": "To help 15 of 22 into work."}, "'15 of 22'"),
        (("when_to_use",), {"sv": "När 80 % vill.", "en": "When most want it."}, "'80 %'"),
    ],
)
def test_result_figures_outside_observed_are_reported(clean, path, text, figure):
    found = only(rules.claim_findings(attrs.evolve(clean, **{path[0]: text})))
    assert found.startswith(f"{path[0]}: ") and figure in found and "evidence.observed" in found


def test_result_figures_in_the_evidence_summary_are_reported_but_staffing_is_not(clean):
    evidence = attrs.evolve(clean.evidence, summary={"sv": "Nivå 1. 7 av 9 fick jobb.", "en": "Level 1."})
    assert "evidence.summary: (sv) gives the figure '7 av 9'" in only(
        rules.claim_findings(attrs.evolve(clean, evidence=evidence))
    )
    staffing = {"sv": "Använd metoden med 50 procent av heltid.", "en": "Use it at 50 per cent of full time."}
    assert rules.claim_findings(attrs.evolve(clean, when_to_use=staffing)) == []


# ---------------------------------------------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------------------------------------------


def with_source(method: Method, **changes: Any) -> Method:
    return attrs.evolve(method, sources=(attrs.evolve(method.sources[0], **changes),))


def test_a_source_needs_an_address_or_a_reference(clean):
    assert "neither a url nor a reference" in only(rules.source_findings(with_source(clean, url=None)))
    assert rules.source_findings(with_source(clean, url=None, reference="Rapport 2019:3")) == []


def test_a_home_page_under_an_articles_title_is_reported(clean):
    home = with_source(clean, url="https://example.org/")
    assert "sources.0.url: source 'guide' cites the home page" in only(rules.source_findings(home))
    assert rules.source_findings(with_source(clean, url="https://example.org/?p=12")) == []


@pytest.mark.parametrize(
    ("title", "publisher", "url"),
    [
        ("Exempelförlaget", "Exempelförlaget", "https://example.org/"),
        ("BID Gamlestaden", "Föreningen", "https://bidgamlestaden.se"),
        ("Fastighetsägare Sofielund", "Föreningen", "https://fastighetsagaresofielund.se"),
    ],
)
def test_a_home_page_may_be_cited_under_the_sites_own_name(clean, title, publisher, url):
    assert rules.source_findings(with_source(clean, title=title, publisher=publisher, url=url)) == []


def test_a_result_may_not_rest_on_an_encyclopaedia(clean):
    wiki = with_source(clean, url="https://sv.wikipedia.org/wiki/L%C3%A4xhj%C3%A4lp")
    assert "evidence.observed.0.source: a result rests on an encyclopaedia" in only(
        rules.source_findings(wiki)
    )
    no_result = attrs.evolve(wiki, evidence=attrs.evolve(wiki.evidence, observed=()))
    assert rules.source_findings(no_result) == []
    assert rules.source_problems(wiki) == [
        "clean-method: evidence.observed[0].source: a result rests on an encyclopaedia; cite the organisation that "
        "reports it, or leave it out"
    ]


# ---------------------------------------------------------------------------------------------------------------
# Wording
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sv", "en", "expected"),
    [
        ("Volontärerna har tystnadsplikt.", "They keep quiet.", "'tystnadsplikt': write 'tystnadslöfte'"),
        ("Ta med första förband.", "Bring a first-aid kit.", "'första förband'"),
        ("Skriv andra kontaktperson.", "Write contact 2.", "'andra kontaktperson'"),
        ("Bättre när lägre.", "Lower.", "'Bättre när'"),
        ("För få perioder för att säga.", "Too few.", "'För få perioder för att säga'"),
        ("Gå till pauspunkten.", "Go on.", "'pauspunkten'"),
        ("Gör en trygghetspromenad.", "Walk.", "'trygghetspromenad'"),
        ("SABO startade labben.", "It started.", "'SABO'"),
        ("Laga snabbt (broken windows).", "Repair fast.", "'broken windows' is a word"),
        ("Gå.", "At each checkpoint, stop.", "'checkpoint'"),
        ("Gå.", "Call the employment office.", "'employment office'"),
        ("Gå.", "Plan a security walk.", "'security walk'"),
        ("Gå.", "Ask the accompanying researcher.", "'accompanying researcher'"),
        ("Gå.", "Kontrollera och skriv.", "'och' is a word of another language"),
    ],
)
def test_wrong_terms_and_other_languages_are_reported(clean, sv, en, expected):
    found = only(rules.wording_findings(attrs.evolve(clean, when_to_use={"sv": sv, "en": en})))
    assert found.startswith("when_to_use: ") and expected in found


@pytest.mark.parametrize(
    "sv",
    [
        "Personalen har tystnadsplikt enligt offentlighets- och sekretesslagen.",
        "Sveriges Allmännytta (tidigare SABO) startade labben.",
        "Ta med första hjälpen-väskan.",
    ],
)
def test_right_terms_pass(clean, sv):
    assert rules.wording_findings(attrs.evolve(clean, when_to_use={"sv": sv, "en": "Fine."})) == []


@pytest.mark.parametrize(
    "text",
    ["Labkit har inte kunnat granska siffrorna.", "Dela ut handledarens checklista (supervisor-checklist)."],
)
def test_the_software_never_speaks_in_a_handout(clean, text):
    found = rules.wording_findings(attrs.evolve(clean, when_to_use={"sv": text, "en": "Fine."}))
    assert len(found) == 1 and found[0].path == ("when_to_use",)
    plain = rules.wording_findings(attrs.evolve(clean, when_to_use=text))
    assert len(plain) == 1 and not plain[0].message.startswith("(")


def test_an_owner_may_be_called_labkit_but_not_contributors(clean):
    owner = Organisation({"sv": "Labkit – öppet metodbibliotek", "en": "Labkit – open method library"})
    assert rules.method_findings(attrs.evolve(clean, owner=owner)) == []
    bad = attrs.evolve(
        clean, owner=Organisation("labkit contributors"), authors=(Organisation("Developers"),)
    )
    found = messages(rules.method_findings(bad))
    assert len(found) == 2
    assert found[0].startswith("owner.name: 'labkit contributors' is printed to lay readers")
    assert found[1].startswith("authors.0.name: 'Developers'")


def test_wording_problems_name_the_object(clean):
    method = attrs.evolve(clean, when_to_use={"sv": "Tystnadsplikt gäller.", "en": "Fine."})
    assert rules.wording_problems(method)[0].startswith("clean-method: when_to_use: (sv) 'Tystnadsplikt'")


# ---------------------------------------------------------------------------------------------------------------
# Plain language
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "score"),
    [
        ("Vi går ut. Vi ser oss om.", 3.5),
        ("Vi går ut. Vi ser oss omkring.", 3.5 + 100 / 7),
        ("", 0.0),
        ("123 456.", 0.0),
        ("Bostadsbolaget samordnar trygghetsvandringar.", 103.0),
        (["Ett kort stycke", "Två korta stycken"], 3 + 100 / 6),
        ("Sammanfattning: kort. Lång mening här!", 5 / 3 + 100 / 5),
    ],
)
def test_lix(texts, score):
    assert rules.lix(texts) == pytest.approx(score, abs=0.05)


def test_readability_gives_a_score_per_language_and_field(clean):
    scores = rules.readability(clean)
    assert set(scores) == {"sv", "en"}
    assert scores["sv"]["fields"]["summary"] == rules.lix(clean.summary["sv"])  # type: ignore[index]
    assert scores["sv"]["words"] > 20
    assert "roles.coordinator" in scores["sv"]["fields"] and "evidence.observed[0]" in scores["sv"]["fields"]


def test_a_hard_swedish_guide_is_reported_but_not_a_hard_english_one(clean):
    hard = " ".join(["Fastighetsägarsamverkansorganisationens verksamhetsutvecklingsarbete prioriteras"] * 16)
    found = only(rules.method_findings(attrs.evolve(clean, purpose={"sv": hard, "en": "Fine."})))
    assert found.startswith(": (sv) the guide's running text has LIX") and "aim for 45 or lower" in found
    assert "purpose" in found
    assert rules.method_findings(attrs.evolve(clean, purpose={"sv": "Bra.", "en": hard})) == []


# ---------------------------------------------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------------------------------------------


def form(*sections: FormSection, audience: tuple[ActorKind, ...] = ()) -> Form:
    return Form(
        id="report",
        method="clean-method",
        title={"sv": "Rapport", "en": "Report"},
        description={"sv": "En rapport.", "en": "A report."},
        sections=sections,
        audience=audience,
    )


def tick(heading: tuple[str, str], *pairs: tuple[str, str]) -> FormSection:
    return FormSection(heading={"sv": heading[0], "en": heading[1]}, items=items(*pairs), checkboxes=True)


def test_a_form_that_repeats_a_checklist_moment_is_reported(clean):
    repeated = form(tick(("1. Före kvällen", "1. Before the evening"), ("Lås upp", "Unlock")))
    assert "sections.0.heading: repeats the moment of the checklist 'coordinator-evening'" in only(
        rules.form_findings(repeated, clean)
    )
    assert rules.form_findings(repeated) == []


def test_statements_in_a_forms_tick_list_are_reported_but_answer_options_are_not(clean):
    statements = form(tick(("Start", "Start"), ("Jag har läst", "Read it"), ("Läs", "The phone is charged")))
    found = messages(rules.form_findings(statements, clean))
    assert found == [
        "sections.0.items.0: (sv) should be a command that starts with a verb: 'Jag har läst'",
        'sections.0.items.1: (en) is a statement; write it as a command ("Kontrollera att …", "Check that …"):'
        " 'The phone is charged'",
    ]
    options = form(
        tick(("Vem", "Who"), ("Alla boende i området", "All residents in the area"), ("Vet inte", "No idea"))
    )
    assert rules.form_findings(options, clean) == []
    not_ticked = attrs.evolve(statements, sections=(attrs.evolve(statements.sections[0], checkboxes=False),))
    assert rules.form_findings(not_ticked, clean) == []


def test_a_hard_form_for_residents_is_reported(clean):
    hard = FormSection(
        heading={"sv": "Ansökningsförfarande", "en": "Procedure"},
        paragraphs=({"sv": "Verksamhetsberättelsen bifogas ansökningshandlingarna.", "en": "Attach it."},),
    )
    for_staff = form(hard)
    assert rules.form_findings(for_staff) == []
    for_residents = form(hard, audience=(ActorKind.RESIDENTS,))
    assert "(sv) the form for residents has LIX" in only(rules.form_findings(for_residents))


def test_form_texts_are_checked_for_wording_and_translation():
    section = FormSection(
        heading={"sv": "Kontakter", "en": "Contacts"}, fields=({"sv": "Andra kontaktperson"},)
    )
    found = messages(rules.form_findings(form(section)))
    assert "sections.0.fields.0: missing en" in found
    assert any("'Andra kontaktperson'" in f for f in found)


# ---------------------------------------------------------------------------------------------------------------
# Observations and sources in the model
# ---------------------------------------------------------------------------------------------------------------


def test_an_observation_must_name_one_of_the_methods_sources():
    text = CLEAN.replace("source: guide}", "source: elsewhere}")
    with pytest.raises(Exception, match="'elsewhere' is not the id of one of the method's sources"):
        loads(text, Method, "bad.yaml")


def test_model_objects_used_in_the_rules_are_the_public_ones():
    # The rules take the same classes a plugin author builds.
    assert Observation("x", "guide").source == "guide"
    assert Source("s", "T", "P", reference="R").reference == "R"
    assert PausePoint("n", ("Gör",)).fewer_items_because is None
    assert Checklist("c", "t", "o", ChecklistKind.DO_CONFIRM, (PausePoint("n", ("Gör",)),)).revised is None


# ---------------------------------------------------------------------------------------------------------------
# Exact findings, limits and corner cases (these tests came out of mutation testing the rules module)
# ---------------------------------------------------------------------------------------------------------------


def test_the_limits_follow_the_practice_they_declare():
    # Five to nine items per pause point (checklist practice); LIX 45 for guides and 40 for resident forms.
    assert (rules.MIN_ITEMS_PER_PAUSE_POINT, rules.MAX_ITEMS_PER_PAUSE_POINT) == (5, 9)
    assert (rules.MAX_GUIDE_LIX, rules.MAX_FORM_LIX, rules.CLAIMS_FROM_LEVEL) == (45.0, 40.0, 3)
    assert rules.MAX_ITEM_LENGTH == 120


def test_an_item_of_exactly_the_longest_length_passes(clean):
    longest = "Ladda" + " x" * 57 + "a"
    assert len(longest) == rules.MAX_ITEM_LENGTH
    fine = ({"sv": longest, "en": "Charge it"}, *FIVE[1:])
    assert rules.checklist_findings(point(clean, items=fine)) == []
    too_long = ({"sv": longest + "b", "en": "Charge it"}, *FIVE[1:])
    assert "(sv) is 121 characters" in only(rules.checklist_findings(point(clean, items=too_long)))


def test_every_checklist_finding_in_full(clean):
    long_statement = "Telefonen är laddad och har rätt nummer till gruppledaren, jouren och felanmälan"
    pause = attrs.evolve(
        clean.checklists[0].pause_points[0],
        items=(
            {"sv": "Vad gör vi nu och varför gör vi det, och vem ska göra det i kväll, och när?", "en": "Go"},
            {"sv": long_statement, "en": "Go"},
            {"sv": "Kontrollera lampan?", "en": "Go"},
            {"sv": "Lås dörren.", "en": "Go"},
        ),
    )
    bad = attrs.evolve(
        clean.checklists[0],
        owner="tenants",
        based_on=None,
        revised=clean.revised + dt.timedelta(days=1),
        pause_points=(pause,),
    )
    twin = attrs.evolve(
        bad, id="second", kind=ChecklistKind.DO_CONFIRM, based_on={"sv": "X", "en": "X"}, revised=None
    )
    found = messages(rules.checklist_findings(attrs.evolve(clean, checklists=(bad, twin))))
    first = "'Vad gör vi nu och varför gör vi det, och vem ska göra det i '"
    assert found == [
        "checklists.0: checklist 'coordinator-evening' does not say what it is based on (based_on)",
        "checklists.0.revised: the checklist is revised 2026-01-11, after the method (2026-01-10)",
        "checklists.0.kind: checklist 'coordinator-evening' is read-do for 'tenants', who are residents or "
        "volunteers; they work from memory, so use do-confirm",
        "checklists.0.pause_points.0.items: has 4 items; give 5 to 9, or say why fewer are enough "
        "(fewer_items_because)",
        f"checklists.0.pause_points.0.items.0: (sv) should be a command that starts with a verb: {first}",
        'checklists.0.pause_points.0.items.1: (sv) is a statement; write it as a command ("Kontrollera att …", '
        "\"Check that …\"): 'Telefonen är laddad och har rätt nummer till gruppledaren, j'",
        "checklists.0.pause_points.0.items.2: (sv) is a question; write it as a command: 'Kontrollera lampan?'",
        "checklists.0.pause_points.0.items.3: (sv) ends with a full stop; checklist items are written without one:"
        " 'Lås dörren.'",
        "checklists.1.pause_points.0.items: has 4 items; give 5 to 9, or say why fewer are enough "
        "(fewer_items_because)",
        f"checklists.1.pause_points.0.items.0: (sv) should be a command that starts with a verb: {first}",
        'checklists.1.pause_points.0.items.1: (sv) is a statement; write it as a command ("Kontrollera att …", '
        "\"Check that …\"): 'Telefonen är laddad och har rätt nummer till gruppledaren, j'",
        "checklists.1.pause_points.0.items.2: (sv) is a question; write it as a command: 'Kontrollera lampan?'",
        "checklists.1.pause_points.0.items.3: (sv) ends with a full stop; checklist items are written without one:"
        " 'Lås dörren.'",
        "checklists.1.pause_points.0.name: 'tenants' already has a checklist for this moment in "
        "'coordinator-evening'; keep one checklist per moment",
    ]


def test_too_many_items_in_full(clean):
    ten = tuple({"sv": f"Gör steg {i}", "en": f"Do step {i}"} for i in range(10))
    assert messages(rules.checklist_findings(point(clean, items=ten))) == [
        "checklists.0.pause_points.0.items: has 10 items; keep it to 9 or fewer"
    ]
    reason = {"sv": "Kort.", "en": "Short."}
    assert messages(rules.checklist_findings(point(clean, items=FIVE, fewer_items_because=reason))) == [
        "checklists.0.pause_points.0.fewer_items_because: gives a reason for fewer items but has 5"
    ]


def test_default_languages_are_swedish_and_english(clean):
    bad = ({"sv": "Jag har läst", "en": "Read it"}, *FIVE[1:])
    method = point(clean, items=bad)
    assert len(rules.checklist_problems(method)) == 1
    assert (
        len(rules.claim_problems(attrs.evolve(clean, summary={"sv": "Den minskar brott.", "en": "Fine."})))
        == 1
    )
    worded = attrs.evolve(clean, when_to_use={"sv": "Bra.", "en": "At the checkpoint."})
    assert len(rules.wording_problems(worded)) == 1
    assert len(rules.translation_findings(attrs.evolve(clean, summary={"sv": "Bara svenska."}))) == 1


def test_translation_findings_in_full(clean):
    method = attrs.evolve(clean, summary="Samma text.", purpose={"fi": "Vain suomeksi."})
    assert messages(rules.translation_findings(method)) == [
        "summary: one text for all languages; give en, sv",
        "purpose: missing en, sv",
    ]
    assert messages(rules.translation_findings(method, strict=False)) == ["purpose: missing en, sv"]


@pytest.mark.parametrize(
    ("value", "gaps"),
    [
        ({"sv": "Text"}, [": missing en"]),
        ({}, []),
        ({"seventh": "x"}, []),
        ({"a": "plain", "b": 1}, []),
        ({1: "x"}, []),
        ("plain", []),
        ({"sv-FI": "Text", "en": "Text", "sv": "Text"}, []),
    ],
)
def test_translation_gaps_in_plain_data(value, gaps):
    assert rules.translation_gaps(value) == gaps


@pytest.mark.parametrize("value", [{"sv": "Labkit räknar."}, {"outer": {"sv": "Labkit räknar."}}])
def test_the_software_rule_reaches_plain_data(value):
    assert len(rules.wording_findings(value, ("sv",))) == 1


def test_claims_in_full_and_only_for_known_languages(clean):
    method = attrs.evolve(
        clean,
        summary={"sv": "Metoden minskar brotten.", "en": "It is fine."},
        name={"sv": "Evidensbaserad läxhjälp", "en": "Homework help"},
        evidence=attrs.evolve(clean.evidence, summary={"sv": "Nivå 1. 7 av 9 fick jobb.", "en": "Level 1."}),
    )
    assert messages(rules.claim_findings(method)) == [
        "summary: (sv) claims an effect ('minskar') at evidence level 1; say what the method does or aims for, and "
        "put results with their source in evidence.observed",
        "name: (sv) calls the method 'Evidensbaserad' at evidence level 1; that takes level 3 or higher",
        "evidence.summary: (sv) gives the figure '7 av 9' without its source; put results in evidence.observed, "
        "each with the source that reports it",
    ]
    assert rules.claim_findings(clean, langs=("fi",)) == []


def test_sources_in_full(clean):
    no_address = with_source(clean, url=None)
    home = with_source(clean, url="https://example.org/")
    assert messages(rules.source_findings(no_address)) == [
        "sources.0: source 'guide' has neither a url nor a reference"
    ]
    assert messages(rules.source_findings(home)) == [
        "sources.0.url: source 'guide' cites the home page https://example.org/ under the title 'Läxhjälp i praktiken';"
        " give the address of the page itself, or the site's own name as the title"
    ]
    assert rules.source_findings(with_source(clean, url="https://example.org/X")) == []


def test_wording_in_full(clean):
    method = attrs.evolve(
        clean,
        when_to_use={"sv": "Med tystnadsplikt, the och and.", "en": "Fine."},
        purpose="Labkit säger detta.",
    )
    assert messages(rules.wording_findings(method)) == [
        "purpose: the text is handed out by a housing company; do not name or speak for the software in it",
        "when_to_use: (sv) 'tystnadsplikt': write 'tystnadslöfte': volunteers, residents and most staff of a housing "
        "company have no legal duty of confidentiality unless a law gives it (then name the law)",
        "when_to_use: (sv) 'the' is a word of another language; translate it",
    ]


def test_describe_without_a_path():
    assert rules.describe("m", [Problem("overall")]) == ["m: overall"]


def test_lix_is_rounded_to_one_decimal():
    assert rules.lix("Sammanfattning: kort. Lång mening här!") == 21.7


def test_readability_fields_of_a_guide(clean):
    note = {"sv": "Bara en uppskattning.", "en": "Only an estimate."}
    method = attrs.evolve(
        clean,
        prerequisites=({"sv": "En lokal.", "en": "A room."},),
        success_factors=({"sv": "Tid.", "en": "Time."},),
        pitfalls=({"sv": "Stress.", "en": "Stress."},),
    )
    assert set(rules.readability(method)["sv"]["fields"]) == {
        "summary",
        "purpose",
        "when_to_use",
        "roles.coordinator",
        "roles.tenants",
        "steps.start",
        "resources.staff",
        "resources.premises",
        "resources.time_span",
        "prerequisites[0]",
        "success_factors[0]",
        "pitfalls[0]",
        "evidence.summary",
        "evidence.observed[0]",
    }
    budget = attrs.evolve(clean.resources.budget, note=note)
    noted = attrs.evolve(clean, resources=attrs.evolve(clean.resources, budget=budget))
    assert "resources.budget.note" in rules.readability(noted)["sv"]["fields"]


def test_readability_fields_of_a_form():
    table = FormTable(
        columns=({"sv": "Tid", "en": "Time"},),
        rows=(({"sv": "☐", "en": "☐"},), ({"sv": "Kväll", "en": "Evening"},)),
    )
    section = FormSection(
        heading={"sv": "Rubrik", "en": "Heading"},
        paragraphs=({"sv": "Text.", "en": "Text."},),
        items=({"sv": "Punkt", "en": "Item"},),
        fields=({"sv": "Fält", "en": "Field"},),
        table=table,
    )
    found = attrs.evolve(
        form(section), intro={"sv": "Inledning.", "en": "Intro."}, fields=({"sv": "Datum", "en": "Date"},)
    )
    scores = rules.readability(found)["sv"]
    assert set(scores["fields"]) == {
        "title",
        "intro",
        "fields[0]",
        "sections[0].heading",
        "sections[0]",
        "sections[0].table",
    }
    # Paragraph, item and field count as three short sentences; the tick box in the table is not a word.
    assert scores["words"] == 9


def test_the_readability_limit_is_inclusive(clean):
    score = rules.readability(clean)["sv"]["lix"]
    assert rules._readability_findings(clean, score, "x", ("sv",)) == []
    assert len(rules._readability_findings(clean, score - 0.1, "x", ("sv", "en"))) == 1


def test_the_readability_finding_names_the_three_hardest_fields(clean):
    found = only(rules._readability_findings(clean, 0.0, "the guide", ("sv",)))
    scores = sorted(rules.readability(clean)["sv"]["fields"].items(), key=lambda kv: -kv[1])[:3]
    listed = ", ".join(f"{name} {value}" for name, value in scores)
    assert (
        found
        == f": (sv) the guide has LIX {rules.readability(clean)['sv']['lix']}; aim for 0 or lower (hardest: {listed})"
    )


def test_every_tick_list_of_a_form_is_checked(clean):
    plain = FormSection(heading={"sv": "Om", "en": "About"}, paragraphs=({"sv": "Text.", "en": "Text."},))
    statements = tick(("Start", "Start"), ("Jag har läst", "Read it"))
    assert len(rules.form_findings(form(plain, statements))) == 1


def test_a_resident_form_keeps_its_other_findings_when_it_is_also_hard():
    hard = FormSection(
        heading={"sv": "Ansökningsförfarande", "en": "Procedure"},
        paragraphs=(
            {"sv": "Verksamhetsberättelsen bifogas ansökningshandlingarna med tystnadsplikt.", "en": "Fine."},
        ),
    )
    found = messages(rules.form_findings(form(hard, audience=(ActorKind.RESIDENTS,))))
    assert len(found) == 2 and "'tystnadsplikt'" in found[0] and "LIX" in found[1]


def test_the_owner_finding_in_full(clean):
    found = messages(rules.method_findings(attrs.evolve(clean, owner=Organisation("labkit contributors"))))
    assert found == [
        "owner.name: 'labkit contributors' is printed to lay readers as owner or author; name the organisation so "
        "that a reader understands who it is, per language if it is a description"
    ]


def test_localized_types_are_recognised_before_and_after_resolution():
    assert rules._is_localized_type("LocalizedText | None")
    assert rules._is_localized_type("str | collections.abc.Mapping[str, str]")
    assert not rules._is_localized_type("str")


def test_long_questions_and_full_stops_are_quoted_to_sixty_characters(clean):
    question = "Kontrollera att alla lampor i trapphus och entréer fungerar som de ska?"
    stop = "Kontrollera att alla lampor i trapphus och entréer fungerar som de ska."
    bad = ({"sv": question, "en": "Go"}, {"sv": stop, "en": "Go"}, *FIVE[2:])
    found = messages(rules.checklist_findings(point(clean, items=bad)))
    assert found == [
        f"checklists.0.pause_points.0.items.0: (sv) is a question; write it as a command: {question[:60]!r}",
        "checklists.0.pause_points.0.items.1: (sv) ends with a full stop; checklist items are written without one: "
        f"{stop[:60]!r}",
    ]


def test_texts_in_languages_with_a_region_are_texts():
    assert rules.translation_gaps({"smj-NO": "Teaksta"}) == [": missing en, sv"]


def test_english_claims_are_checked_by_default(clean):
    method = attrs.evolve(clean, summary={"sv": "Den hjälper.", "en": "It reduces crime."})
    assert len(rules.claim_problems(method)) == 1


def test_the_software_rule_names_the_language(clean):
    method = attrs.evolve(clean, when_to_use={"sv": "Bra.", "en": "Labkit says so."})
    assert messages(rules.wording_findings(method)) == [
        "when_to_use: (en) the text is handed out by a housing company; do not name or speak for the software in it"
    ]


def test_a_text_without_words_does_not_stop_the_count():
    assert rules.lix(["123", "Vi går ut."]) == rules.lix("Vi går ut.") == 3.0


def test_the_form_moment_finding_in_full(clean):
    repeated = form(tick(("1. Före kvällen", "1. Before the evening"), ("Lås upp", "Unlock")))
    assert messages(rules.form_findings(repeated, clean)) == [
        "sections.0.heading: repeats the moment of the checklist 'coordinator-evening'; keep one checklist per "
        "moment and point to it"
    ]


def note(changes: Any) -> VersionNote:
    return VersionNote(version="1.1.0", date=dt.date(2026, 11, 29), changes=changes)


@pytest.mark.parametrize(
    ("changes", "word"),
    [
        ({"sv": "Programmet talar inte längre i texten.", "en": "Fine."}, "(sv) 'Programmet'"),
        ({"sv": "Bra.", "en": "The software no longer speaks in the text."}, "(en) 'The software'"),
        ({"sv": "Engelska ord i den svenska texten är borttagna.", "en": "Fine."}, "(sv) 'Engelska ord'"),
        ({"sv": "Bra.", "en": "English words in the Swedish text are removed."}, "(en) 'English words'"),
        ("The tool now prints the history.", "(en) 'The tool'"),
    ],
)
def test_history_entries_do_not_talk_about_the_software_or_the_wording(clean, changes, word):
    method = attrs.evolve(clean, history=(note(changes),))
    found = [f for f in rules.method_findings(method) if f.path == ("history", 0, "changes")]
    assert any(f.message.startswith(word) for f in found), messages(found)


def test_a_history_entry_that_says_what_changed_in_the_method_passes(clean):
    method = attrs.evolve(
        clean,
        history=(
            note(
                {
                    "sv": "Mentorns checklista används nu för att stämma av det som redan är gjort.",
                    "en": "The mentor's checklist is now used to confirm what has already been done.",
                }
            ),
        ),
    )
    assert rules.history_findings(method) == [] and rules.method_findings(method) == []
    # "programmet" is a word of the method elsewhere (a mentoring programme): only history entries are checked.
    mentoring = attrs.evolve(clean, when_to_use={"sv": "När programmet startar.", "en": "When it starts."})
    assert rules.method_findings(mentoring) == []


def test_software_names_in_history_entries_are_caught_too(clean):
    method = attrs.evolve(clean, history=(note({"sv": "Labkit har rättat texten.", "en": "Fine."}),))
    assert any(f.path == ("history", 0, "changes") for f in rules.method_findings(method))


def test_the_published_history_entries_pass(clean):
    from labkit.catalog import get_catalog

    methods = get_catalog().methods()
    assert len(methods) >= 11
    for method in methods:
        assert rules.history_findings(method) == [], method.id
