"""The built-in lab documents: the lab plan, a checklist for each partner and the outcome report."""

from __future__ import annotations

from typing import Any

from ..documents.document import Document
from ..documents.engine import Image
from ..documents.render import render_docx
from ..documents.views import Localizer, doc_view, format_number, format_version, toc
from ..errors import NotFoundError
from ..generators import Request
from ..labs.context import LabContext
from ..model import Lab, Partner

__all__ = ["lab_plan", "lab_view", "partner_checklist"]


def lab_view(tr: Localizer, lab: Lab) -> dict[str, Any]:
    area = f"{lab.area.name}, {lab.area.municipality}"
    codes = [
        c
        for c in (lab.area.deso and f"DeSO {lab.area.deso}", lab.area.regso and f"RegSO {lab.area.regso}")
        if c
    ]
    if codes:
        area += f" ({', '.join(codes)})"
    period = ""
    if lab.phases:
        period = (
            f"{min(p.start for p in lab.phases).isoformat()} – {max(p.end for p in lab.phases).isoformat()}"
        )
    return {
        "id": lab.id,
        "name": tr(lab.name, "name"),
        "host": lab.host,
        "area": area,
        "period": period,
        "focus_areas": ", ".join(tr.term("focus", f.value) for f in lab.focus_areas),
        "challenge": tr(lab.challenge, tr.labels["challenge"]),
        "target_group": tr(lab.target_group, tr.labels["target_group"]),
    }


def _names(tr: Localizer, partners: tuple[Partner, ...]) -> str:
    return ", ".join(_org(tr, p) for p in partners)


def _org(tr: Localizer, partner: Partner) -> str:
    return tr(partner.organisation, tr.labels["partners"])


def _timeline(tr: Localizer, lab: Lab) -> Image | str:
    from ..documents.charts import timeline_chart

    phases = [(tr.term("phase", p.phase.value), p.start, p.end) for p in lab.phases]
    milestones = [(m.date, tr(m.title, tr.labels["milestones"])) for p in lab.phases for m in p.milestones]
    chart = timeline_chart(phases, milestones, lang=tr.lang)
    return Image(chart.png, width_cm=16.0, description=chart.alt)


def lab_plan(request: Request) -> Document:
    ctx: LabContext = request.subject
    lab = ctx.lab
    tr = Localizer(request.lang)
    L = tr.labels
    indicators = ctx.catalog.indicator_entries

    def value(v: float, period: str, indicator_id: str) -> str:
        unit = indicators[indicator_id].item.unit.value if indicator_id in indicators else ""
        suffix = " %" if unit == "share" else ""
        return f"{format_number(v, tr.lang, 0 if float(v).is_integer() else 1)}{suffix} ({period})"

    partners = []
    for p in lab.partners:
        contact = ""
        if p.contact is not None:
            bits = [b for b in (p.contact.name, p.contact.email, p.contact.phone) if b]
            contact = f" – {', '.join(bits)}" if bits else ""
        partners.append(
            {
                "organisation": _org(tr, p),
                "actor": tr.term("actor", p.actor.value),
                "role": tr(p.role, L["partners"]),
                "contact": contact,
            }
        )
    methods = []
    for chosen, method in ctx.chosen_methods():
        methods.append(
            {
                "id": method.id,
                "name": tr(method.name, L["methods"]),
                "version": format_version(method.version),
                "pin": chosen.version,
                "summary": tr(method.summary, L["methods"]),
                "responsible": _org(tr, lab.partner(chosen.responsible)),
                "adaptation": tr(chosen.adaptation, L["local_adaptation"]) if chosen.adaptation else "",
            }
        )
    raci = []
    for chosen, method in ctx.chosen_methods():
        rows = [
            {
                "step": tr(item.step.title, L["steps"]),
                "phase": tr.term("phase", item.step.phase.value),
                "r": _names(tr, item.responsible),
                "c": _names(tr, item.consulted),
                "i": _names(tr, item.informed),
            }
            for item in sorted(
                (a for a in ctx.assignments() if a.method.id == method.id), key=lambda a: a.index
            )
        ]
        raci.append(
            {
                "method": tr(method.name, L["methods"]),
                "accountable": _org(tr, lab.partner(chosen.responsible)),
                "rows": rows,
            }
        )
    phases = [
        {
            "name": tr.term("phase", p.phase.value),
            "start": p.start.isoformat(),
            "end": p.end.isoformat(),
            "milestones": "; ".join(
                f"{m.date.isoformat()} {tr(m.title, L['milestones'])}" for m in p.milestones
            ),
        }
        for p in lab.phases
    ]
    goals = []
    for g in lab.goals:
        ind = indicators.get(g.indicator)
        goals.append(
            {
                "indicator": tr(ind.item.name, L["goals"]) if ind else g.indicator,
                "baseline": value(g.baseline.value, g.baseline.period, g.indicator),
                "target": value(g.target.value, g.target.period, g.indicator),
                "source": tr(ind.item.source, L["goals"]) if ind else "",
            }
        )
    budget = []
    total = ""
    note = ""
    if lab.budget is not None:
        budget = [
            {
                "label": tr(b.label, L["budget"]),
                "funder": b.funder or "",
                "amount": _sek(b.amount_sek, tr.lang),
            }
            for b in lab.budget.items
        ]
        total = _sek(lab.budget.total_sek, tr.lang)
        note = tr(lab.budget.note, L["budget"]) if lab.budget.note else ""
    risks = [
        {
            "description": tr(r.description, L["risks"]),
            "likelihood": tr.term("risk", r.likelihood.value),
            "impact": tr.term("risk", r.impact.value),
            "mitigation": tr(r.mitigation, L["risks"]),
            "owner": _org(tr, lab.partner(r.owner)),
        }
        for r in lab.risks
    ]
    view = lab_view(tr, lab)
    title = f"{view['name']} – {L['lab_plan']}"
    context = {
        "lab": view,
        "partners": partners,
        "methods": methods,
        "raci": raci,
        "timeline": _timeline(tr, lab),
        "phases": phases,
        "goals": goals,
        "budget": budget,
        "budget_total": total,
        "budget_note": note,
        "steering_group": ", ".join(_org(tr, lab.partner(p)) for p in lab.steering_group) or "–",
        "risks": risks,
        "toc": toc(
            tr,
            [
                "challenge",
                "partners",
                "methods",
                "who_does_what",
                "timeline",
                *(["goals"] if goals else []),
                *(["budget"] if budget else []),
                "governance",
                *(["risks"] if risks else []),
            ],
        ),
        "labels": L,
    }
    context["doc"] = doc_view(tr, title, lab.host, lab.example, subject=view["challenge"])
    return render_docx(
        request,
        "lab-plan",
        context,
        title=title,
        filename=f"{lab.id}-lab-plan-{request.lang}.docx",
        warnings=_missing(tr),
    )


def _sek(amount: float, lang: str) -> str:
    return f"{format_number(amount, lang)} kr" if lang == "sv" else f"SEK {format_number(amount, lang)}"


def _missing(tr: Localizer) -> tuple[str, ...]:
    if not tr.missing:
        return ()
    return (f"texts missing in {tr.lang!r}, shown in another language: {', '.join(tr.missing)}",)


def partner_tasks(ctx: LabContext, partner_id: str, tr: Localizer) -> list[dict[str, Any]]:
    """The steps of all chosen methods where the partner acts (R or C), grouped by phase in timeline order."""
    L = tr.labels
    dates = ctx.phase_dates()
    groups: dict[str, dict[str, Any]] = {}
    for item, part in ctx.tasks_of(partner_id):
        roles = [L["responsible"] if letter == "R" else L["consulted"] for letter in part.split("/")]
        phase = item.step.phase.value
        if phase not in groups:
            start_end = dates.get(phase)
            groups[phase] = {
                "phase": tr.term("phase", phase),
                "dates": f"{start_end[0]} – {start_end[1]}" if start_end else "",
                "tasks": [],
            }
        groups[phase]["tasks"].append(
            {
                "step": tr(item.step.title, L["steps"]),
                "method": tr(item.method.name, L["methods"]),
                "raci": ", ".join(roles),
                "duration": tr(item.step.duration, L["steps"]),
            }
        )
    return list(groups.values())


def partner_checklist(request: Request) -> Document:
    ctx: LabContext = request.subject
    lab = ctx.lab
    partner_id = request.options.get("partner")
    if not isinstance(partner_id, str) or not lab.has_partner(partner_id):
        ids = [p.id for p in lab.partners]
        raise NotFoundError(f"the lab has no partner {partner_id!r}; its partners are {', '.join(ids)}")
    partner = lab.partner(partner_id)
    tr = Localizer(request.lang)
    groups = partner_tasks(ctx, partner_id, tr)
    view = lab_view(tr, lab)
    title = f"{tr.labels['partner_checklist']}: {_org(tr, partner)}"
    context = {
        "lab": view,
        "partner": {
            "id": partner.id,
            "organisation": _org(tr, partner),
            "role": tr(partner.role, "partners"),
        },
        "groups": groups,
        "labels": tr.labels,
    }
    context["doc"] = doc_view(tr, title, lab.host, lab.example, subject=tr.labels["your_tasks"])
    return render_docx(
        request,
        "partner-checklist",
        context,
        title=title,
        filename=f"{lab.id}-checklist-{partner.id}-{request.lang}.docx",
        warnings=_missing(tr),
    )
