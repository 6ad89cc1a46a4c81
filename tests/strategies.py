"""Hypothesis strategies for every labkit model class, in one place.

Objects are internally consistent the way the loaders demand (step roles and checklist owners exist, evidence
references name sources, the history holds the current version, partner references resolve, phases are in
process order with their milestones inside them, goal targets come after baselines), so a property may load
anything these strategies build. Lists hold at most three items to keep tests fast.

Texts are sometimes hostile: template syntax (``{{ }}``, ``{% %}``), markup characters (``&<>``), right-to-left
Arabic and Hebrew, emoji, YAML look-alikes (``yes``, ``null``, ``2019-01-01``), line breaks, tabs and the C1
control characters that text decoded with the wrong code page carries (U+0085 is "…" in Windows-1252). Only
characters that XML 1.0 allows are used (no C0 controls other than tab, newline and carriage return, no
surrogates, no U+FFFE/U+FFFF), because every text can end up in a .docx file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from labkit import model as m
from labkit.text import SUPPORTED_LANGUAGES

__all__ = [
    "MAX_ITEMS",
    "InstalledMethod",
    "areas",
    "assumptions",
    "based_on",
    "budget_items",
    "budget_ranges",
    "budgets",
    "buildable_labs",
    "checklists",
    "chosen_methods",
    "contacts",
    "dates",
    "estimates",
    "evidence",
    "form_lists",
    "form_sections",
    "form_tables",
    "forms",
    "goal_values",
    "goals",
    "hostile_texts",
    "indicator_lists",
    "indicators",
    "lab_phases",
    "labs",
    "language_codes",
    "localized",
    "measurements",
    "methods",
    "milestones",
    "observations",
    "optional",
    "organisations",
    "partners",
    "pause_points",
    "periods",
    "phases",
    "privacies",
    "resources",
    "risks",
    "roles",
    "roundings",
    "semvers",
    "slugs",
    "small_lists",
    "sources",
    "steps",
    "texts",
    "unique_by_id",
    "urls",
    "version_constraints",
    "version_notes",
    "word_documents",
    "word_styles",
    "words",
]

T = TypeVar("T")

MAX_ITEMS = 3

# ---------------------------------------------------------------------------------------------------------------
# Scalars
# ---------------------------------------------------------------------------------------------------------------

#: Any character XML 1.0 allows, except control characters (those come from the samples below).
_CHARACTERS = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc"),
    exclude_characters="\ufffe\uffff",
)

#: Texts that break naive templating, markup, YAML or layout.
HOSTILE = (
    "{{ lab.name }}",
    "{{",
    "}}",
    "{% if x %}oops{% endif %}",
    "{# comment #}",
    "&amp; <b>bold</b> & < > \" '",
    "<w:t>xml</w:t>",
    "مرحبا بالعالم",
    "تجربة النص العربي ١٢٣",
    "שלום עולם",
    "\u200fRTL mark and \u200bzero width",
    "😀 👩\u200d👩\u200d👧 🇸🇪",
    "Åsa Öberg – ½ € “citat” «guillemets»",
    "Soo dhawoow",
    "yes",
    "no",
    "null",
    "~",
    "true",
    "1.0",
    "0x1F",
    "1e5",
    "2019-01-01",
    "12:30",
    "- not a list",
    "key: value",
    "# not a comment",
    "*not-an-alias",
    "&not-an-anchor",
    "!not-a-tag",
    "%percent",
    "@at",
    "`back` ticks",
    "[not, a, list]",
    "{not: a mapping}",
    "  leading and trailing  ",
    "line one\nline two",
    "trailing newline\n",
    "two\n\nparagraphs\n\n",
    "tab\there",
    "windows\r\nline\r\n",
    "mojibake\x85 \x92 \x96 del\x7f",
    "back\\slash \\n not a newline",
    "'single' and \"double\"",
    "very long " + "text " * 40,
    "kostar $5 000 och $\\frac{1}{2}$ – $$ \\ ^ _ {x}",
    "100 % ~ ^ \\\\ \\n \\t",
)
hostile_texts = st.sampled_from(HOSTILE)

_random_texts = st.text(_CHARACTERS, min_size=1, max_size=24)

#: Non-blank text: random characters, hostile samples, and the two mixed.
words = st.one_of(
    _random_texts,
    hostile_texts,
    st.builds(lambda a, b: f"{a} {b}", hostile_texts, _random_texts),
).filter(lambda s: s.strip() != "")
texts = words

#: Language codes as labkit accepts them (ISO 639-1/639-3, optionally with a region).
language_codes = st.sampled_from(["sv", "en", "ar", "so", "fi", "ti", "fa", "en-GB", "sv-FI", "smj"])

#: A localized text: one language-neutral string or a mapping language code -> text.
localized: st.SearchStrategy[Any] = st.one_of(
    words,
    st.fixed_dictionaries({"sv": words, "en": words}),
    st.dictionaries(language_codes, words, min_size=1, max_size=MAX_ITEMS),
)

#: Slugs (ids), including ones YAML would read as something else if they were not quoted.
slugs = st.one_of(
    st.from_regex(r"[a-z0-9]{1,10}(-[a-z0-9]{1,8}){0,2}", fullmatch=True),
    st.sampled_from(
        [
            "null",
            "yes",
            "no",
            "on",
            "off",
            "true",
            "nan",
            "inf",
            "123",
            "007",
            "1e5",
            "0x1f",
            "2019-01-01",
            "a" * 64,
        ]
    ),
)

# Pre-releases are those packaging orders (labkit compares versions with it): alpha, beta, rc with a number.
_pre_release = st.builds(
    lambda kind, number: f"-{kind}.{number}" if number is not None else f"-{kind}",
    st.sampled_from(["alpha", "beta", "rc"]),
    st.one_of(st.none(), st.integers(0, 20)),
)
semvers = st.builds(
    lambda major, minor, patch, pre, build: f"{major}.{minor}.{patch}{pre}{build}",
    st.integers(0, 30),
    st.integers(0, 30),
    st.integers(0, 30),
    st.one_of(st.just(""), _pre_release),
    st.one_of(st.just(""), st.sampled_from(["+build.5", "+20240501", "+exp.sha.5114f85"])),
)
version_constraints = st.one_of(
    st.sampled_from(
        ["*", "1.2.0", "^1.2", "~1.2.0", ">=1.0, <2", "==2.0.1", "!=1.0", "<3", "> 1.0", ">=1.0.0-alpha.2"]
    ),
    st.builds(lambda a, b: f"^{a}.{b}", st.integers(0, 9), st.integers(0, 9)),
)

dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
years = st.integers(1990, 2040)
plausible_years = st.integers(1800, 2200)


def _period_in(year: int) -> st.SearchStrategy[str]:
    return st.one_of(
        st.just(str(year)),
        st.integers(1, 2).map(lambda h: f"{year}-H{h}"),
        st.integers(1, 4).map(lambda q: f"{year}-Q{q}"),
        st.integers(1, 12).map(lambda mo: f"{year}-{mo:02d}"),
        st.just(f"{year}/{(year + 1) % 100:02d}"),
    )


#: Periods: a year, half-year, quarter, month or school year (2019, 2019-H1, 2019-Q3, 2019-05, 2018/19).
periods = years.flatmap(_period_in)

urls = st.sampled_from(
    [
        "https://example.org",
        "http://example.org/path/to/page",
        "https://www.example.se/a?b=c&d=e#frag",
        "https://xn--hgby-loa.example/%C3%A5",
    ]
)
finite = st.floats(allow_nan=False, allow_infinity=False)
_amounts = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)
_any_text = st.one_of(st.just(""), words)
_licences = st.sampled_from(["CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "MIT"])


def optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.one_of(st.none(), strategy)


def small_lists(strategy: st.SearchStrategy[T], min_size: int = 0) -> st.SearchStrategy[tuple[T, ...]]:
    """Tuples of up to :data:`MAX_ITEMS` items."""
    return st.lists(strategy, min_size=min_size, max_size=MAX_ITEMS).map(tuple)


def unique_by_id(strategy: st.SearchStrategy[T], min_size: int = 1) -> st.SearchStrategy[tuple[T, ...]]:
    """Tuples of up to :data:`MAX_ITEMS` objects with distinct ``id`` attributes."""
    return st.lists(strategy, min_size=min_size, max_size=MAX_ITEMS, unique_by=_id_of).map(tuple)


def _id_of(obj: Any) -> Any:
    return obj.id


def _refs(ids: Sequence[str], min_size: int = 0, max_size: int = 2) -> st.SearchStrategy[tuple[str, ...]]:
    """Distinct references to some of *ids*."""
    if not ids:
        return st.just(())
    return st.lists(st.sampled_from(list(ids)), min_size=min_size, max_size=max_size, unique=True).map(tuple)


# ---------------------------------------------------------------------------------------------------------------
# Common
# ---------------------------------------------------------------------------------------------------------------

sources = st.builds(
    m.Source,
    id=slugs,
    title=words,
    publisher=words,
    url=optional(urls),
    year=optional(plausible_years),
    note=optional(localized),
    reference=optional(words),
)
organisations = st.builds(
    m.Organisation, name=localized, kind=optional(st.sampled_from(m.ActorKind)), url=optional(urls)
)

# ---------------------------------------------------------------------------------------------------------------
# Methods
# ---------------------------------------------------------------------------------------------------------------

roles = st.builds(
    m.Role,
    id=slugs,
    actor=st.sampled_from(m.ActorKind),
    name=localized,
    responsibility=localized,
    volunteer=st.booleans(),
)


def steps(role_ids: Sequence[str] = ("coordinator",)) -> st.SearchStrategy[m.Step]:
    """Steps whose responsible, consulted and informed roles are among *role_ids*."""
    return st.builds(
        m.Step,
        id=slugs,
        title=localized,
        description=localized,
        responsible=_refs(role_ids, min_size=1),
        duration=localized,
        phase=st.sampled_from(m.LabPhase),
        outputs=small_lists(localized),
        consulted=_refs(role_ids),
        informed=_refs(role_ids),
    )


budget_ranges = st.integers(0, 10**8).flatmap(
    lambda low: st.builds(
        m.BudgetRange,
        min_sek=st.just(low),
        max_sek=st.integers(low, low + 10**8),
        per=localized,
        note=optional(localized),
    )
)
resources = st.builds(
    m.Resources,
    staff=localized,
    premises=localized,
    budget=budget_ranges,
    time_span=localized,
    materials=small_lists(localized),
)
pause_points = st.builds(
    m.PausePoint,
    name=localized,
    items=small_lists(localized, min_size=1),
    when=optional(localized),
    fewer_items_because=optional(localized),
)


def checklists(role_ids: Sequence[str] = ("coordinator",)) -> st.SearchStrategy[m.Checklist]:
    """Checklists owned by one of *role_ids*."""
    return st.builds(
        m.Checklist,
        id=slugs,
        title=localized,
        owner=st.sampled_from(list(role_ids)),
        kind=st.sampled_from(m.ChecklistKind),
        pause_points=small_lists(pause_points, min_size=1),
        based_on=optional(localized),
        revised=optional(dates),
    )


def observations(source_ids: Sequence[str] = ("source-a",)) -> st.SearchStrategy[m.Observation]:
    """Observed results, each reported by one of *source_ids*."""
    return st.builds(m.Observation, text=localized, source=st.sampled_from(list(source_ids)))


def evidence(source_ids: Sequence[str] = ()) -> st.SearchStrategy[m.Evidence]:
    """Evidence whose references and observed results name sources among *source_ids*."""
    return st.builds(
        m.Evidence,
        level=st.integers(1, 5),
        summary=localized,
        references=_refs(source_ids),
        observed=small_lists(observations(source_ids)) if source_ids else st.just(()),
    )


based_on = st.builds(m.BasedOn, method=slugs, version=semvers, changes=localized)
version_notes = st.builds(m.VersionNote, version=semvers, date=dates, changes=localized)


@st.composite
def methods(draw: Callable[[st.SearchStrategy[Any]], Any]) -> m.Method:
    """A method whose references (roles, checklist owners, evidence sources, history) are consistent."""
    role_list = draw(unique_by_id(roles))
    role_ids = [r.id for r in role_list]
    source_list = draw(unique_by_id(sources))
    version = draw(semvers)
    current = draw(version_notes)
    history = (
        *draw(st.lists(version_notes, max_size=MAX_ITEMS - 1)),
        m.VersionNote(version, current.date, current.changes),
    )
    return m.Method(
        id=draw(slugs),
        version=version,
        name=draw(localized),
        summary=draw(localized),
        purpose=draw(localized),
        when_to_use=draw(localized),
        focus_areas=draw(small_lists(st.sampled_from(m.FocusArea), min_size=1)),
        target_groups=draw(small_lists(localized, min_size=1)),
        roles=role_list,
        steps=draw(unique_by_id(steps(role_ids))),
        resources=draw(resources),
        owner=draw(organisations),
        licence=draw(_licences),
        revised=draw(dates),
        evidence=draw(evidence([s.id for s in source_list])),
        sources=source_list,
        prerequisites=draw(small_lists(localized)),
        success_factors=draw(small_lists(localized)),
        pitfalls=draw(small_lists(localized)),
        indicators=tuple(draw(st.lists(slugs, max_size=MAX_ITEMS, unique=True))),
        checklists=draw(unique_by_id(checklists(role_ids), min_size=0)),
        authors=draw(small_lists(organisations)),
        based_on=draw(optional(based_on)),
        history=history,
    )


# ---------------------------------------------------------------------------------------------------------------
# Indicators
# ---------------------------------------------------------------------------------------------------------------

indicators = st.builds(
    m.Indicator,
    id=slugs,
    name=localized,
    unit=st.sampled_from(m.Unit),
    polarity=st.sampled_from(m.Polarity),
    level=st.sampled_from(m.IndicatorLevel),
    source=localized,
    definition=localized,
    question=optional(st.sampled_from(m.PerformanceQuestion)),
    official=st.booleans(),
    url=optional(urls),
    note=optional(localized),
)
#: An indicator file: indicators with distinct ids.
indicator_lists = unique_by_id(indicators)

# ---------------------------------------------------------------------------------------------------------------
# Outcomes
# ---------------------------------------------------------------------------------------------------------------


@st.composite
def measurements(draw: Callable[[st.SearchStrategy[Any]], Any]) -> m.Measurement:
    counts = draw(optional(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)).map(sorted)))
    numerator, denominator = counts if counts is not None else (None, None)
    if counts is not None and draw(st.booleans()):
        numerator = None  # a share may come with its denominator only
    return m.Measurement(
        indicator=draw(slugs),
        area=draw(words),
        period=draw(periods),
        value=draw(finite),
        numerator=numerator,
        denominator=denominator,
        group=draw(optional(_any_text)),
        source=draw(optional(_any_text)),
        note=draw(optional(_any_text)),
    )


def _ordered(values: st.SearchStrategy[float]) -> st.SearchStrategy[list[float]]:
    return st.lists(values, min_size=3, max_size=3).map(sorted)


def assumptions(
    values: st.SearchStrategy[float] = finite,
) -> st.SearchStrategy[m.Assumption]:
    """Assumptions with low <= central <= high drawn from *values*."""
    return _ordered(values).flatmap(
        lambda v: st.builds(
            m.Assumption,
            low=st.just(v[0]),
            central=st.just(v[1]),
            high=st.just(v[2]),
            source=words,
            note=optional(localized),
        )
    )


_shares = st.floats(min_value=0, max_value=1, allow_nan=False)
estimates = st.builds(
    m.Estimate,
    indicator=slugs,
    value_per_person_year=assumptions(_amounts),
    duration_years=assumptions(st.floats(0, 50, allow_nan=False)),
    deadweight=assumptions(_shares),
    attribution=assumptions(_shares),
    drop_off=assumptions(_shares),
    investment_sek=optional(_amounts),
    investment_source=optional(words),
    description=optional(localized),
)

# ---------------------------------------------------------------------------------------------------------------
# Labs
# ---------------------------------------------------------------------------------------------------------------

areas = st.builds(
    m.Area,
    name=words,
    municipality=words,
    deso=optional(st.from_regex(r"[0-9]{4}[ABC][0-9]{4}", fullmatch=True)),
    regso=optional(words),
    reference_area=optional(words),
).filter(  # a reference area is another area than the lab's own (a lab file says so when it is not)
    lambda a: a.reference_area is None or a.reference_area.strip().casefold() != a.name.strip().casefold()
)
contacts = st.builds(
    m.Contact,
    name=optional(words),
    email=optional(st.sampled_from(["info@example.org", "namn.efternamn@kommun.example.se", "a@b"])),
    phone=optional(st.sampled_from(["+46 11 123 45", "011-12 34 56"])),
)
partners = st.builds(
    m.Partner,
    id=slugs,
    organisation=words,
    actor=st.sampled_from(m.ActorKind),
    role=localized,
    contact=optional(contacts),
)


def milestones(start: dt.date, end: dt.date) -> st.SearchStrategy[m.Milestone]:
    """Milestones dated within [start, end]."""
    return st.builds(m.Milestone, date=st.dates(min_value=start, max_value=end), title=localized)


@st.composite
def phases(draw: Callable[[st.SearchStrategy[Any]], Any], start: dt.date | None = None) -> m.Phase:
    """One phase (any lab phase) with its milestones inside it."""
    begin = start if start is not None else draw(st.dates(dt.date(2000, 1, 1), dt.date(2040, 1, 1)))
    end = begin + dt.timedelta(days=draw(st.integers(0, 400)))
    dated = sorted(draw(st.lists(milestones(begin, end), max_size=MAX_ITEMS)), key=lambda ms: ms.date)
    return m.Phase(
        phase=draw(st.sampled_from(m.LabPhase)),
        start=begin,
        end=end,
        description=draw(optional(localized)),
        milestones=tuple(dated),
    )


@st.composite
def lab_phases(draw: Callable[[st.SearchStrategy[Any]], Any]) -> tuple[m.Phase, ...]:
    """A lab's phases: distinct lab phases in process order, each starting no earlier than the previous one."""
    kinds = sorted(
        draw(st.sets(st.sampled_from(m.LabPhase), min_size=1, max_size=MAX_ITEMS)), key=lambda p: p.order
    )
    start = draw(st.dates(dt.date(2000, 1, 1), dt.date(2040, 1, 1)))
    out = []
    for kind in kinds:
        phase = draw(phases(start=start))
        out.append(
            m.Phase(kind, phase.start, phase.end, phase.description, phase.milestones),
        )
        # The next phase starts after this one ends, or overlaps it a little (both are allowed).
        start = max(start, phase.end + dt.timedelta(days=draw(st.integers(-5, 30))))
    return tuple(out)


def chosen_methods(partner_ids: Sequence[str] = ("housing",)) -> st.SearchStrategy[m.ChosenMethod]:
    """Chosen methods whose responsible partner and role mappings name *partner_ids*."""
    return st.builds(
        m.ChosenMethod,
        id=slugs,
        responsible=st.sampled_from(list(partner_ids)),
        version=version_constraints,
        adaptation=optional(localized),
        roles=st.dictionaries(slugs, _refs(partner_ids, min_size=1), max_size=2),
    )


goal_values = st.builds(m.GoalValue, value=finite, period=periods)


@st.composite
def goals(draw: Callable[[st.SearchStrategy[Any]], Any]) -> m.Goal:
    """A goal whose target period comes after its baseline period."""
    year = draw(st.integers(1990, 2035))
    return m.Goal(
        indicator=draw(slugs),
        baseline=m.GoalValue(draw(finite), draw(_period_in(year))),
        target=m.GoalValue(draw(finite), draw(st.integers(year + 1, year + 5).flatmap(_period_in))),
        description=draw(optional(localized)),
    )


@st.composite
def _goal_for(draw: Callable[[st.SearchStrategy[Any]], Any], indicator: m.Indicator) -> m.Goal:
    """A goal *lab check* accepts for *indicator*: its target on the better side, a share from 0 to 100, a count
    not below 0."""
    goal = draw(goals())
    if indicator.unit is m.Unit.SHARE:
        values = st.floats(0, 100)
    elif indicator.unit in (m.Unit.COUNT, m.Unit.RATE, m.Unit.HOURS):
        values = finite.map(abs)
    else:
        values = finite
    low, high = sorted((draw(values), draw(values)))
    lower = indicator.polarity is m.Polarity.LOWER_IS_BETTER
    baseline, target = (high, low) if lower else (low, high)
    return attrs.evolve(
        goal,
        indicator=indicator.id,
        baseline=attrs.evolve(goal.baseline, value=baseline),
        target=attrs.evolve(goal.target, value=target),
    )


budget_items = st.builds(
    m.BudgetItem, label=localized, amount_sek=st.integers(0, 10**9), funder=optional(words)
)
budgets = st.builds(m.Budget, items=small_lists(budget_items, min_size=1), note=optional(localized))


def risks(partner_ids: Sequence[str] = ("housing",)) -> st.SearchStrategy[m.Risk]:
    """Risks owned by one of *partner_ids*."""
    return st.builds(
        m.Risk,
        description=localized,
        likelihood=st.sampled_from(m.Level),
        impact=st.sampled_from(m.Level),
        mitigation=localized,
        owner=st.sampled_from(list(partner_ids)),
    )


roundings = st.builds(m.Rounding, counts=st.sampled_from([1, 5, 10]), whole_per_cent=st.booleans())
privacies = st.one_of(
    st.builds(m.Privacy, min_count=st.integers(10, 100), rounding=optional(roundings)),
    # A minimum below the default needs its reason.
    st.builds(m.Privacy, min_count=st.integers(1, 9), reason=words, rounding=optional(roundings)),
)


@st.composite
def labs(draw: Callable[[st.SearchStrategy[Any]], Any]) -> m.Lab:
    """A lab whose partner references, phases and goals pass the lab file's own checks."""
    partner_list = draw(unique_by_id(partners))
    ids = [p.id for p in partner_list]
    return m.Lab(
        id=draw(slugs),
        name=draw(localized),
        host=draw(words),
        area=draw(areas),
        partners=partner_list,
        focus_areas=draw(small_lists(st.sampled_from(m.FocusArea), min_size=1)),
        challenge=draw(localized),
        target_group=draw(localized),
        phases=draw(lab_phases()),
        methods=draw(unique_by_id(chosen_methods(ids))),
        goals=draw(small_lists(goals())),
        language=draw(st.sampled_from(SUPPORTED_LANGUAGES)),
        budget=draw(optional(budgets)),
        steering_group=draw(_refs(ids, max_size=MAX_ITEMS)),
        risks=draw(small_lists(risks(ids))),
        measurements=draw(small_lists(measurements())),
        data_files=tuple(
            draw(
                st.lists(
                    st.sampled_from(["measurements.csv", "data/utfall 2019.xlsx", "å.csv"]),
                    max_size=3,
                    unique=True,
                )
            )
        ),
        estimate=draw(optional(estimates)),
        privacy=draw(privacies),
        example=draw(st.booleans()),
    )


@attrs.frozen
class InstalledMethod:
    """What :func:`buildable_labs` needs to know of an installed method."""

    id: str
    version: str
    roles: tuple[tuple[str, m.ActorKind], ...]
    """Each role's id and the kind of actor that takes it by default."""


def _pins(version: str) -> st.SearchStrategy[str]:
    """Version constraints the installed *version* satisfies."""
    major, minor, *_ = version.split(".")
    return st.sampled_from(
        ["*", version, f"^{major}.{minor}", f">={major}.0, <{int(major) + 1}", f"~{version}"]
    )


@st.composite
def _chosen(
    draw: Callable[[st.SearchStrategy[Any]], Any], method: InstalledMethod, partner_list: Sequence[m.Partner]
) -> m.ChosenMethod:
    """A chosen *method* whose every role is taken: mapped to partners, or left to a partner of its actor kind."""
    ids = [p.id for p in partner_list]
    actors = {p.actor for p in partner_list}
    roles: dict[str, tuple[str, ...]] = {}
    for role_id, actor in method.roles:
        if actor not in actors or draw(st.booleans()):
            roles[role_id] = draw(_refs(ids, min_size=1))
    return m.ChosenMethod(
        id=method.id,
        responsible=draw(st.sampled_from(ids)),
        version=draw(_pins(method.version)),
        adaptation=draw(optional(localized)),
        roles=roles,
    )


@st.composite
def buildable_labs(
    draw: Callable[[st.SearchStrategy[Any]], Any],
    installed: Sequence[InstalledMethod],
    indicators: Sequence[m.Indicator],
) -> m.Lab:
    """Labs that ``labkit lab check`` should pass with the *installed* methods and *indicators*.

    Every value is drawn as in :func:`labs` (hostile texts included) except what must match the installation:
    the chosen methods (with pins their installed versions satisfy and every role taken), the goals (one per
    indicator, each target on the better side of its baseline, shares from 0 to 100) and the lab's language (a language labkit makes documents in). Labs have no measurements, data
    files or estimate: the outcome report has its own properties.
    """
    partner_list = draw(unique_by_id(partners))
    ids = [p.id for p in partner_list]
    chosen_ids = draw(st.lists(st.sampled_from(list(installed)), min_size=1, max_size=2, unique_by=_id_of))
    chosen = tuple(draw(_chosen(method, partner_list)) for method in chosen_ids)
    followed = draw(st.lists(st.sampled_from(list(indicators)), max_size=MAX_ITEMS, unique_by=_id_of))
    goal_list = tuple(draw(_goal_for(indicator)) for indicator in followed)
    return m.Lab(
        id=draw(slugs),
        name=draw(localized),
        host=draw(words),
        area=draw(areas),
        partners=partner_list,
        focus_areas=draw(small_lists(st.sampled_from(m.FocusArea), min_size=1)),
        challenge=draw(localized),
        target_group=draw(localized),
        phases=draw(lab_phases()),
        methods=chosen,
        goals=goal_list,
        language=draw(st.sampled_from(SUPPORTED_LANGUAGES)),
        budget=draw(optional(budgets)),
        steering_group=draw(_refs(ids, max_size=MAX_ITEMS)),
        risks=draw(small_lists(risks(ids))),
        privacy=draw(privacies),
        example=draw(st.booleans()),
    )


# ---------------------------------------------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------------------------------------------


def _table(width: int) -> st.SearchStrategy[m.FormTable]:
    cells = st.lists(localized, min_size=width, max_size=width).map(tuple)
    return st.builds(m.FormTable, columns=cells, rows=small_lists(cells), blank_rows=st.integers(0, 60))


#: Tables whose rows all have one cell per column.
form_tables = st.integers(1, MAX_ITEMS).flatmap(_table)
form_sections = st.builds(
    m.FormSection,
    heading=localized,
    paragraphs=small_lists(localized),
    items=small_lists(localized),
    checkboxes=st.booleans(),
    fields=small_lists(localized),
    table=optional(form_tables),
)
forms = st.builds(
    m.Form,
    id=slugs,
    method=slugs,
    title=localized,
    description=localized,
    sections=small_lists(form_sections, min_size=1),
    intro=optional(localized),
    fields=small_lists(localized),
    signatures=small_lists(localized),
    landscape=st.booleans(),
    audience=small_lists(st.sampled_from(m.ActorKind)),
)
#: A plugin's documents.yaml: forms with distinct ids.
form_lists = unique_by_id(forms)


# ---------------------------------------------------------------------------------------------------------------
# Word documents for the accessibility checker: small bodies of styled, coloured and shaded text


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Colours from black to white, with pairs that pass and fail WCAG's contrast (and one that is not a colour).
_colours = st.sampled_from(["000000", "1F2A37", "4F81BD", "777777", "BBBBBB", "DCE6F1", "FFFFFF", "auto"])
#: Paragraph styles of :data:`word_styles`, one that it does not define, and none.
_paragraph_style_ids = st.sampled_from([None, "Light", "Dark", "Big", "Missing"])
_shading = optional(_colours).map(
    lambda fill: "" if fill is None else f'<w:shd w:val="clear" w:fill="{fill}"/>'
)


@st.composite
def _runs(draw: Callable[[st.SearchStrategy[Any]], Any]) -> str:
    own = "".join(
        draw(optional(strategy)) or ""
        for strategy in (
            _colours.map(lambda c: f'<w:color w:val="{c}"/>'),
            st.sampled_from(["20", "28", "36", ""]).map(lambda s: f'<w:sz w:val="{s}"/>'),
            st.sampled_from(["", ' w:val="0"']).map(lambda v: f"<w:b{v}/>"),
            st.just('<w:rStyle w:val="Faint"/>'),
            _shading,
        )
    )
    text = draw(st.sampled_from(["text", " ", "", "\u00a0"]))
    return f'<w:r><w:rPr>{own}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


@st.composite
def _paragraphs(draw: Callable[[st.SearchStrategy[Any]], Any]) -> str:
    style = draw(_paragraph_style_ids)
    properties = (f'<w:pStyle w:val="{style}"/>' if style else "") + draw(_shading)
    runs = "".join(draw(st.lists(_runs(), max_size=3)))
    return f"<w:p><w:pPr>{properties}</w:pPr>{runs}</w:p>"


@st.composite
def _tables(draw: Callable[[st.SearchStrategy[Any]], Any]) -> str:
    rows = draw(
        st.lists(st.lists(st.tuples(_shading, _paragraphs()), min_size=1, max_size=2), min_size=1, max_size=2)
    )
    cells = [
        "".join(f"<w:tc><w:tcPr>{shading}</w:tcPr>{paragraph}</w:tc>" for shading, paragraph in row)
        for row in rows
    ]
    return "<w:tbl>" + "".join(f"<w:tr>{row}</w:tr>" for row in cells) + "</w:tbl>"


#: A styles part whose paragraph styles :data:`word_documents` use: light and dark text, large text, and a faint
#: character style.
word_styles = (
    f'<w:styles xmlns:w="{_W_NS}">'
    '<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="sv-SE"/><w:sz w:val="22"/></w:rPr></w:rPrDefault>'
    "</w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Light"><w:name w:val="Light"/>'
    '<w:rPr><w:color w:val="BBBBBB"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Dark"><w:name w:val="Dark"/><w:basedOn w:val="Normal"/>'
    '<w:rPr><w:color w:val="1F2A37"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Big"><w:name w:val="Big"/><w:basedOn w:val="Dark"/>'
    '<w:rPr><w:color w:val="4F81BD"/><w:sz w:val="40"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="Faint"><w:name w:val="Faint"/>'
    '<w:rPr><w:color w:val="DCE6F1"/></w:rPr></w:style>'
    "</w:styles>"
).encode()

#: The document.xml of a small document: paragraphs and tables of runs with and without their own colour, size,
#: bold, character style and shading, in styled and shaded paragraphs and cells.
word_documents = st.lists(st.one_of(_paragraphs(), _tables()), min_size=1, max_size=6).map(
    lambda blocks: f'<w:document xmlns:w="{_W_NS}"><w:body>{"".join(blocks)}</w:body></w:document>'.encode()
)
