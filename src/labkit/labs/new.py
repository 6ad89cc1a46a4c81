"""``labkit lab new``: write a lab file with a comment above every field, ready for ``labkit lab check``."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence

import attrs

from ..catalog import Catalog
from ..errors import ConfigurationError
from ..model import ActorKind, FocusArea, LabPhase

__all__ = ["LabAnswers", "lab_file_text", "pin_for"]


@attrs.frozen
class LabAnswers:
    name: str
    area: str
    municipality: str
    host: str
    focus_areas: tuple[FocusArea, ...]
    methods: tuple[str, ...]
    lang: str = "sv"
    start: dt.date = attrs.field(factory=dt.date.today)


_DEFAULT_PARTNERS: dict[ActorKind, tuple[str, str, str, str, str]] = {
    # actor: (id, organisation sv, organisation en (format with area/municipality), role sv, role en)
    ActorKind.MUNICIPALITY: (
        "municipality",
        "{municipality_genitive} kommun",
        "{municipality_genitive} kommun",
        "Kommunens verksamheter i området",
        "The municipality's services in the area",
    ),
    ActorKind.TENANTS_ASSOCIATION: (
        "tenants",
        "Hyresgästföreningen",
        "Hyresgästföreningen",
        "Boendeinflytande",
        "Tenant influence",
    ),
    ActorKind.SCHOOL: (
        "school",
        "Skolorna i {area}",
        "The schools in {area}",
        "Skolans del i labbet",
        "The schools' part in the lab",
    ),
    ActorKind.POLICE: (
        "police",
        "Polisen i {municipality}",
        "The police in {municipality}",
        "Lokal polis",
        "Local police",
    ),
    ActorKind.CIVIL_SOCIETY: (
        "civil-society",
        "Föreningar i {area}",
        "Associations in {area}",
        "Föreningslivet",
        "Local associations",
    ),
    ActorKind.EMPLOYER: (
        "employers",
        "Arbetsgivare i {municipality}",
        "Employers in {municipality}",
        "Arbetsgivare",
        "Employers",
    ),
    ActorKind.EMPLOYMENT_SERVICE: (
        "employment-service",
        "Arbetsförmedlingen",
        "Arbetsförmedlingen",
        "Matchning mot arbete",
        "Job matching",
    ),
    ActorKind.RESIDENTS: (
        "residents",
        "Boende i {area}",
        "Residents of {area}",
        "De boende som labbet är till för",
        "The residents the lab is for",
    ),
    ActorKind.RESEARCH: (
        "research",
        "Forskningspartner",
        "Research partner",
        "Följeforskning",
        "Embedded research",
    ),
    ActorKind.TRADE_BODY: (
        "trade-body",
        "Sveriges Allmännytta",
        "Sveriges Allmännytta",
        "Branschorganisation",
        "Trade body",
    ),
}

_PHASE_WEEKS = {
    LabPhase.UNDERSTAND: 14,
    LabPhase.EXPLORE: 12,
    LabPhase.TEST: 26,
    LabPhase.EVALUATE: 10,
    LabPhase.SPREAD: 8,
}


def _genitive(name: str) -> str:
    """Swedish genitive: Norrköping -> Norrköpings, Borås -> Borås."""
    return name if name.endswith(("s", "x", "z")) else name + "s"


def _q(text: str) -> str:
    """A YAML scalar for any text (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower().translate(str.maketrans("åäöéü", "aaoeu"))).strip("-")
    return slug[:60].strip("-") or "lab"


def lab_file_text(answers: LabAnswers, catalog: Catalog) -> str:
    """The text of a new, commented lab file for *answers* (checked against *catalog*)."""
    methods = [catalog.method(m) for m in answers.methods]
    if (
        not answers.name.strip()
        or not answers.area.strip()
        or not answers.municipality.strip()
        or not answers.host.strip()
    ):
        raise ConfigurationError("name, area, municipality and host organisation must not be empty")
    sv = answers.lang == "sv"
    kinds: list[ActorKind] = []
    for method in methods:
        for role in method.roles:
            if role.actor not in kinds and role.actor is not ActorKind.HOUSING_COMPANY:
                kinds.append(role.actor)
    lines = [
        "# A labkit lab file: one run of the innovation-lab process in an area.",
        "# Check it with `labkit lab check FILE`, then build every document with `labkit build FILE --out DIR`.",
        "# Texts can be one string, or one per language: {sv: ..., en: ...}.",
        "",
        "# Short id of the lab (lowercase letters, digits and hyphens); used in file names.",
        f"id: {_slug(answers.name)}",
        "# The lab's name, as it appears on every document.",
        f"name: {_q(answers.name)}",
        "# The organisation that hosts the lab (usually the housing company).",
        f"host: {_q(answers.host)}",
        "# Language of the documents unless `--lang` says otherwise: sv or en.",
        f"language: {answers.lang}",
        "# Where the lab works. deso/regso are Statistics Sweden's small-area codes (optional);",
        "# reference_area is a comparable area without the lab, for comparisons in the outcome report (optional).",
        "area:",
        f"  name: {_q(answers.area)}",
        f"  municipality: {_q(answers.municipality)}",
        "# The organisations in the lab (never private persons). actor is one of:",
        "# " + ", ".join(a.value for a in ActorKind) + ".",
        "# A partner may have a contact: {name: ..., email: ..., phone: ...} if it wants one printed.",
        "partners:",
        "  - id: host",
        f"    organisation: {_q(answers.host)}",
        "    actor: housing-company",
        f"    role: {_q('Värd för labbet' if sv else 'Host of the lab')}",
    ]
    for kind in kinds:
        ident, org_sv, org_en, role_sv, role_en = _DEFAULT_PARTNERS[kind]
        names = {
            "area": answers.area,
            "municipality": answers.municipality,
            "municipality_genitive": _genitive(answers.municipality),
        }
        lines += [
            f"  - id: {ident}",
            f"    organisation: {_q((org_sv if sv else org_en).format(**names))}",
            f"    actor: {kind.value}",
            f"    role: {_q(role_sv if sv else role_en)}",
        ]
    lines += [
        "# Focus areas: employment, education, services, safety.",
        f"focus_areas: [{', '.join(f.value for f in answers.focus_areas)}]",
        "# The challenge in a few sentences: what is the problem, for whom, and why now?",
        f"challenge: {_q('Beskriv utmaningen här.' if sv else 'Describe the challenge here.')}",
        "# Who the lab is for, as precisely as you can (who, how many).",
        f"target_group: {_q('Beskriv målgruppen här.' if sv else 'Describe the target group here.')}",
        "# The lab process, in order: understand, explore, test, evaluate, spread. Dates are YYYY-MM-DD.",
        "# Each phase may have milestones: [{date: ..., title: ...}].",
        "phases:",
    ]
    start = answers.start
    for phase, weeks in _PHASE_WEEKS.items():
        end = start + dt.timedelta(weeks=weeks) - dt.timedelta(days=1)
        lines += [
            f"  - phase: {phase.value}",
            f"    start: {start.isoformat()}",
            f"    end: {end.isoformat()}",
        ]
        start = end + dt.timedelta(days=1)
    lines += [
        "# The methods the lab uses ('labkit methods' lists them). version pins which versions fit (^1.0: any 1.x);",
        "# responsible is the partner accountable for the method; roles maps the method's roles to partners",
        "# (roles left out go to the partners whose actor kind matches); adaptation says what you change locally.",
        "methods:",
    ]
    for method in methods:
        lines += [
            f"  - id: {method.id}",
            f"    version: {pin_for(method.version)}",
            "    responsible: host",
            "    roles:",
        ]
        for role in method.roles:
            partner = "host" if role.actor is ActorKind.HOUSING_COMPANY else _DEFAULT_PARTNERS[role.actor][0]
            lines.append(f"      {role.id}: [{partner}]")
    lines += [
        "# Goals: an indicator ('labkit indicators' lists them) with a baseline and a target, each with a period",
        "# (2019, 2019-H1, 2019-Q3, 2019-05 or 2018/19). Example:",
        "#  - indicator: participants-into-work",
        "#    baseline: {value: 0, period: 2024}",
        "#    target: {value: 12, period: 2025}",
        "goals: []",
        "# Partner ids in the steering group.",
        "steering_group: [host]",
        "# Risks: [{description: ..., likelihood: low|medium|high, impact: low|medium|high, mitigation: ..., owner: partner id}]",
        "risks: []",
        "# Measurement files (CSV or Excel), relative to this file: indicator, area, period, value (+ numerator,",
        "# denominator, group, source, note). Outcome numbers based on fewer than 10 people are hidden in reports.",
        "data_files: []",
        "",
    ]
    return "\n".join(lines)


def pin_for(version: str) -> str:
    """The pin that accepts the installed version and its compatible successors: ^1.0 for 1.4.2, ^0.3 for 0.3.1."""
    from ..model.versions import parse_version

    parsed = parse_version(version)
    if parsed.is_prerelease:
        return f"^{version}"
    major, minor, patch = (*parsed.release, 0, 0)[:3]
    if major:
        return f"^{major}.0"
    return f"^0.{minor}" if minor else f"^0.0.{patch}"


def parse_methods(value: str | Sequence[str]) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else list(value)
    return tuple(m.strip() for m in items if m.strip())
