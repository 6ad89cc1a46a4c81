"""Hypothesis strategies for every model class, in one place.

The strategies build consistent objects (step roles exist, references resolve, phases are in order), so the
properties can check that file round trips are lossless for anything the model accepts.
"""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import strategies as st

from labkit import model as m

# Text people type, including markup-like and right-to-left text, but only characters XML allows.
_ALPHABET = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc"),
    exclude_characters="\ufffe\uffff",
)
_SPECIAL = st.sampled_from(
    ["{{ 7*7 }}", "{% raw %}", "&<>\"'", "مرحبا بالعالم", "Soo dhawoow", "😀", "Åsa-Nisse"]
)
words = st.one_of(
    st.text(_ALPHABET, min_size=1, max_size=30).filter(lambda s: s.strip() != ""),
    _SPECIAL,
)
slugs = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
semvers = st.builds(
    lambda a, b, c: f"{a}.{b}.{c}", st.integers(0, 20), st.integers(0, 20), st.integers(0, 20)
)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))
years = st.integers(1990, 2040)
periods = st.one_of(
    years.map(str),
    st.builds(lambda y, h: f"{y}-H{h}", years, st.integers(1, 2)),
    st.builds(lambda y, q: f"{y}-Q{q}", years, st.integers(1, 4)),
    st.builds(lambda y, mo: f"{y}-{mo:02d}", years, st.integers(1, 12)),
    years.map(lambda y: f"{y}/{(y + 1) % 100:02d}"),
)
localized = st.one_of(words, st.fixed_dictionaries({"sv": words, "en": words}))
finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


def small_lists(strategy, min_size=0):
    return st.lists(strategy, min_size=min_size, max_size=3).map(tuple)


def unique_by_id(strategy, min_size=1):
    return st.lists(strategy, min_size=min_size, max_size=3, unique_by=lambda x: x.id).map(tuple)


sources = st.builds(
    m.Source,
    id=slugs,
    title=words,
    publisher=words,
    url=st.one_of(st.none(), st.just("https://example.org/a?b=c")),
    year=st.one_of(st.none(), years),
    note=st.one_of(st.none(), localized),
)
organisations = st.builds(m.Organisation, name=words, kind=st.one_of(st.none(), st.sampled_from(m.ActorKind)))
roles = st.builds(
    m.Role, id=slugs, actor=st.sampled_from(m.ActorKind), name=localized, responsibility=localized
)
budget_ranges = st.integers(0, 10**7).flatmap(
    lambda low: st.builds(
        m.BudgetRange,
        min_sek=st.just(low),
        max_sek=st.integers(low, low + 10**7),
        per=localized,
        note=st.one_of(st.none(), localized),
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
    m.PausePoint, name=localized, items=small_lists(localized, 1), when=st.one_of(st.none(), localized)
)
indicators = st.builds(
    m.Indicator,
    id=slugs,
    name=localized,
    unit=st.sampled_from(m.Unit),
    polarity=st.sampled_from(m.Polarity),
    level=st.sampled_from(m.IndicatorLevel),
    source=localized,
    definition=localized,
    question=st.one_of(st.none(), st.sampled_from(m.PerformanceQuestion)),
    official=st.booleans(),
)
version_notes = st.builds(m.VersionNote, version=semvers, date=dates, changes=localized)
based_on = st.builds(m.BasedOn, method=slugs, version=semvers, changes=localized)


@st.composite
def methods(draw):
    role_list = draw(unique_by_id(roles))
    role_ids = [r.id for r in role_list]
    role_refs = st.lists(st.sampled_from(role_ids), max_size=2, unique=True).map(tuple)
    steps = draw(
        unique_by_id(
            st.builds(
                m.Step,
                id=slugs,
                title=localized,
                description=localized,
                responsible=st.lists(st.sampled_from(role_ids), min_size=1, max_size=2, unique=True).map(
                    tuple
                ),
                duration=localized,
                phase=st.sampled_from(m.LabPhase),
                outputs=small_lists(localized),
                consulted=role_refs,
                informed=role_refs,
            )
        )
    )
    checklists = draw(
        st.lists(
            st.builds(
                m.Checklist,
                id=slugs,
                title=localized,
                owner=st.sampled_from(role_ids),
                kind=st.sampled_from(m.ChecklistKind),
                pause_points=small_lists(pause_points, 1),
                based_on=st.one_of(st.none(), localized),
            ),
            max_size=2,
            unique_by=lambda c: c.id,
        ).map(tuple)
    )
    source_list = draw(unique_by_id(sources))
    references = draw(
        st.lists(st.sampled_from([s.id for s in source_list]), max_size=2, unique=True).map(tuple)
    )
    version = draw(semvers)
    history = (*draw(small_lists(version_notes)), m.VersionNote(version, draw(dates), draw(localized)))
    return m.Method(
        id=draw(slugs),
        version=version,
        name=draw(localized),
        summary=draw(localized),
        purpose=draw(localized),
        when_to_use=draw(localized),
        focus_areas=draw(small_lists(st.sampled_from(m.FocusArea), 1)),
        target_groups=draw(small_lists(localized, 1)),
        roles=role_list,
        steps=steps,
        resources=draw(resources),
        owner=draw(organisations),
        licence="CC-BY-4.0",
        revised=draw(dates),
        evidence=m.Evidence(draw(st.integers(1, 5)), draw(localized), references),
        sources=source_list,
        prerequisites=draw(small_lists(localized)),
        success_factors=draw(small_lists(localized)),
        pitfalls=draw(small_lists(localized)),
        indicators=draw(small_lists(slugs)),
        checklists=checklists,
        authors=draw(small_lists(organisations)),
        based_on=draw(st.one_of(st.none(), based_on)),
        history=history,
    )


measurements = st.builds(
    lambda ind, area, period, value, base, group, source: m.Measurement(
        ind,
        area,
        period,
        value,
        None if base is None else min(base[0], base[1]),
        None if base is None else max(base[0], base[1]),
        group,
        source,
    ),
    slugs,
    words,
    periods,
    finite,
    st.one_of(st.none(), st.tuples(st.integers(0, 500), st.integers(0, 500))),
    st.one_of(st.none(), words),
    st.one_of(st.none(), words),
)
assumptions = (
    st.lists(st.floats(0, 1, allow_nan=False), min_size=3, max_size=3)
    .map(sorted)
    .flatmap(
        lambda v: st.builds(
            m.Assumption,
            low=st.just(v[0]),
            central=st.just(v[1]),
            high=st.just(v[2]),
            source=words,
            note=st.one_of(st.none(), localized),
        )
    )
)
estimates = st.builds(
    m.Estimate,
    indicator=slugs,
    value_per_person_year=assumptions,
    duration_years=assumptions,
    deadweight=assumptions,
    attribution=assumptions,
    drop_off=assumptions,
    investment_sek=st.one_of(st.none(), st.floats(0, 1e8)),
)


@st.composite
def labs(draw):
    partners = draw(
        unique_by_id(
            st.builds(
                m.Partner,
                id=slugs,
                organisation=words,
                actor=st.sampled_from(m.ActorKind),
                role=localized,
                contact=st.one_of(
                    st.none(),
                    st.builds(
                        m.Contact,
                        name=st.one_of(st.none(), words),
                        email=st.one_of(st.none(), st.just("info@example.org")),
                    ),
                ),
            )
        )
    )
    ids = [p.id for p in partners]
    start = draw(dates)
    phase_list = []
    for phase in sorted(draw(st.sets(st.sampled_from(m.LabPhase), min_size=1)), key=lambda p: p.order):
        end = start + dt.timedelta(days=draw(st.integers(0, 200)))
        phase_list.append(
            m.Phase(
                phase,
                start,
                end,
                draw(st.one_of(st.none(), localized)),
                (m.Milestone(start, draw(localized)),) if draw(st.booleans()) else (),
            )
        )
        start = end + dt.timedelta(days=1)
    chosen = draw(
        unique_by_id(
            st.builds(
                m.ChosenMethod,
                id=slugs,
                responsible=st.sampled_from(ids),
                version=st.sampled_from(["*", "^1.0", ">=1.0, <2"]),
                adaptation=st.one_of(st.none(), localized),
                roles=st.dictionaries(
                    slugs, st.lists(st.sampled_from(ids), min_size=1, max_size=2).map(tuple), max_size=2
                ),
            )
        )
    )
    goals = draw(
        small_lists(
            st.builds(
                lambda ind, b, t, by: m.Goal(ind, m.GoalValue(b, str(by)), m.GoalValue(t, str(by + 2))),
                slugs,
                finite,
                finite,
                st.integers(1990, 2030),
            )
        )
    )
    return m.Lab(
        id=draw(slugs),
        name=draw(localized),
        host=draw(words),
        area=m.Area(draw(words), draw(words), None, None, draw(st.one_of(st.none(), words))),
        partners=partners,
        focus_areas=draw(small_lists(st.sampled_from(m.FocusArea), 1)),
        challenge=draw(localized),
        target_group=draw(localized),
        phases=tuple(phase_list),
        methods=chosen,
        goals=goals,
        language=draw(st.sampled_from(["sv", "en"])),
        budget=draw(
            st.one_of(
                st.none(),
                st.builds(
                    m.Budget,
                    items=small_lists(
                        st.builds(
                            m.BudgetItem,
                            label=localized,
                            amount_sek=st.integers(0, 10**8),
                            funder=st.one_of(st.none(), words),
                        ),
                        1,
                    ),
                ),
            )
        ),
        steering_group=tuple(draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))),
        risks=draw(
            small_lists(
                st.builds(
                    m.Risk,
                    description=localized,
                    likelihood=st.sampled_from(m.Level),
                    impact=st.sampled_from(m.Level),
                    mitigation=localized,
                    owner=st.sampled_from(ids),
                )
            )
        ),
        measurements=draw(small_lists(measurements)),
        estimate=draw(st.one_of(st.none(), estimates)),
        privacy=m.Privacy(draw(st.integers(1, 20))),
        example=draw(st.booleans()),
    )


forms = st.builds(
    m.Form,
    id=slugs,
    method=slugs,
    title=localized,
    description=localized,
    sections=small_lists(
        st.builds(
            m.FormSection,
            heading=localized,
            paragraphs=small_lists(localized),
            items=small_lists(localized),
            checkboxes=st.booleans(),
            fields=small_lists(localized),
            table=st.one_of(
                st.none(),
                st.integers(1, 3).flatmap(
                    lambda n: st.builds(
                        m.FormTable,
                        columns=st.lists(localized, min_size=n, max_size=n).map(tuple),
                        rows=small_lists(st.lists(localized, min_size=n, max_size=n).map(tuple)),
                        blank_rows=st.integers(0, 5),
                    )
                ),
            ),
        ),
        1,
    ),
    intro=st.one_of(st.none(), localized),
    fields=small_lists(localized),
    signatures=small_lists(localized),
    landscape=st.booleans(),
)

__all__ = [
    "estimates",
    "forms",
    "indicators",
    "labs",
    "localized",
    "measurements",
    "methods",
    "periods",
    "slugs",
    "words",
]
_ = string
