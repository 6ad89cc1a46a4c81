"""The built-in document kinds. The functions that make them are imported only when a document is made."""

from __future__ import annotations

from ..generators import Generator, Takes, lazy
from .variants import lab_plan_inputs, partner_inputs, partners_with_tasks, report_inputs, with_checklists

__all__ = ["GENERATORS"]

GENERATORS = [
    Generator(
        name="guide",
        title={"sv": "Metodguide", "en": "Method guide"},
        description={
            "sv": "Hela metoden: syfte, roller, steg, resurser, indikatorer, checklistor, evidens och källor.",
            "en": "The whole method: purpose, roles, steps, resources, indicators, checklists, evidence and sources.",
        },
        takes=Takes.METHOD,
        generate=lazy("labkit.builtin.method_docs:guide"),
    ),
    Generator(
        name="checklist",
        title={"sv": "Checklistor", "en": "Checklists"},
        description={
            "sv": "Metodens checklistor att skriva ut och bocka av, en sida per checklista.",
            "en": "The method's checklists to print and tick, one page per checklist.",
        },
        takes=Takes.METHOD,
        generate=lazy("labkit.builtin.method_docs:checklists"),
        variants=with_checklists,
    ),
    Generator(
        name="lab-plan",
        title={"sv": "Labbplan", "en": "Lab plan"},
        description={
            "sv": "Utmaning, partner, vem gör vad, tidslinje, metoder, mål, budget, styrning och risker.",
            "en": "Challenge, partners, who does what, timeline, methods, goals, budget, governance and risks.",
        },
        takes=Takes.LAB,
        generate=lazy("labkit.builtin.lab_docs:lab_plan"),
        inputs=lab_plan_inputs,
    ),
    Generator(
        name="partner-checklist",
        title={"sv": "Checklista för partner", "en": "Partner checklist"},
        description={
            "sv": "En partners uppgifter i alla valda metoder, i tidsordning, att bocka av.",
            "en": "One partner's tasks in all chosen methods, in the lab's time order, to tick off.",
        },
        takes=Takes.LAB,
        generate=lazy("labkit.builtin.lab_docs:partner_checklist"),
        variants=partners_with_tasks,
        inputs=partner_inputs,
    ),
    Generator(
        name="report",
        title={"sv": "Resultatrapport", "en": "Outcome report"},
        description={
            "sv": "Måluppfyllelse, diagram per indikator, beräkningar, socioekonomisk uppskattning och skydd av små tal.",
            "en": "Goal status, a chart per indicator, calculations, socio-economic estimate and small-number protection.",
        },
        takes=Takes.OUTCOMES,
        generate=lazy("labkit.builtin.report_docs:outcome_report"),
        assets_option="charts_dir",
        inputs=report_inputs,
    ),
]
