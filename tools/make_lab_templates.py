"""Lab templates: lab plan, partner checklist and outcome report. Called by make_templates.py."""

from __future__ import annotations

from types import ModuleType
from typing import Any


def builders(t: ModuleType) -> dict[str, Any]:
    """Template builders, using the helpers of make_templates (*t*)."""

    def lab_plan() -> Any:
        doc = t.new_document()
        t.header_footer(
            doc,
            "{{ doc.organisation }}    {{ lab.name }} – {{ labels.lab_plan }}",
            "{{ lab.name }} – {{ labels.lab_plan }}",
        )
        t.cover(
            doc,
            "{{ labels.lab_plan }}",
            "{{ lab.name }}",
            [
                "{{ labels.area }}: {{ lab.area }}",
                "{{ labels.focus_areas }}: {{ lab.focus_areas }}",
                "{{ lab.host }} · {{ lab.period }}",
            ],
            "{{ labels.generated_by }} · {{ doc.date }}",
        )
        t.toc(doc)
        t.heading(doc, "challenge", page_break=True)
        t.para(doc, "{{ lab.challenge }}")
        t.para(doc, "{{ labels.target_group }}", "Heading 2")
        t.para(doc, "{{ lab.target_group }}")
        t.para(doc, "{{ labels.area }}", "Heading 2")
        t.para(doc, "{{ lab.area }}")
        t.heading(doc, "partners")
        t.table(
            doc,
            ["{{ labels.organisation }}", "{{ labels.actor }}", "{{ labels.role }}"],
            "for p in partners",
            ["{{ p.organisation }}", "{{ p.actor }}", "{{ p.role }}{{ p.contact }}"],
            [5.0, 3.8, 7.8],
        )
        t.heading(doc, "methods")
        t.control(doc, "{%p for m in methods %}")
        t.para(doc, "{{ m.name }}", "Heading 2")
        t.para(doc, "{{ m.summary }}")
        t.para(
            doc,
            "{{ labels.accountable }}: {{ m.responsible }} · {{ labels.version }} {{ m.version }}",
            "Meta",
        )
        t.control(doc, "{%p if m.adaptation %}")
        t.para(doc, "{{ labels.local_adaptation }}: {{ m.adaptation }}")
        t.control(doc, "{%p endif %}")
        t.control(doc, "{%p endfor %}")
        t.heading(doc, "who_does_what")
        t.para(doc, "{{ labels.raci_explained }}", "Meta")
        t.control(doc, "{%p for m in raci %}")
        t.para(doc, "{{ m.method }}", "Heading 2")
        t.para(doc, "{{ labels.accountable }}: {{ m.accountable }}", "Lead")
        t.table(
            doc,
            [
                "{{ labels.step }} ({{ labels.phase }})",
                "{{ labels.responsible }}",
                "{{ labels.consulted }}",
                "{{ labels.informed }}",
            ],
            "for row in m.rows",
            ["{{ row.step }}\n({{ row.phase }})", "{{ row.r }}", "{{ row.c }}", "{{ row.i }}"],
            [5.0, 3.9, 3.9, 3.8],
        )
        t.control(doc, "{%p endfor %}")
        t.heading(doc, "timeline")
        t.para(doc, "{{ timeline }}")
        t.table(
            doc,
            ["{{ labels.phase }}", "{{ labels.start }}", "{{ labels.end }}", "{{ labels.milestones }}"],
            "for ph in phases",
            ["{{ ph.name }}", "{{ ph.start }}", "{{ ph.end }}", "{{ ph.milestones }}"],
            [4.4, 2.3, 2.3, 7.6],
        )
        t.heading(doc, "goals")
        t.control(doc, "{%p if goals %}")
        t.table(
            doc,
            ["{{ labels.indicator }}", "{{ labels.baseline }}", "{{ labels.target }}", "{{ labels.source }}"],
            "for g in goals",
            ["{{ g.indicator }}", "{{ g.baseline }}", "{{ g.target }}", "{{ g.source }}"],
            [5.8, 3.2, 3.0, 4.6],
        )
        t.control(doc, "{%p endif %}")
        t.control(doc, "{%p if budget %}")
        t.heading(doc, "budget")
        t.table(
            doc,
            ["{{ labels.budget_item }}", "{{ labels.funder }}", "{{ labels.amount }}"],
            "for b in budget",
            ["{{ b.label }}", "{{ b.funder }}", "{{ b.amount }}"],
            [8.4, 4.6, 3.6],
        )
        t.para(doc, "{{ labels.total }}: {{ budget_total }}", bold=True)
        t.control(doc, "{%p if budget_note %}")
        t.para(doc, "{{ budget_note }}", "Meta")
        t.control(doc, "{%p endif %}")
        t.control(doc, "{%p endif %}")
        t.heading(doc, "governance")
        t.para(doc, "{{ labels.steering_group }}: {{ steering_group }}")
        t.control(doc, "{%p if risks %}")
        t.heading(doc, "risks")
        t.table(
            doc,
            [
                "{{ labels.risk }}",
                "{{ labels.likelihood }}",
                "{{ labels.impact }}",
                "{{ labels.mitigation }}",
                "{{ labels.owner }}",
            ],
            "for r in risks",
            [
                "{{ r.description }}",
                "{{ r.likelihood }}",
                "{{ r.impact }}",
                "{{ r.mitigation }}",
                "{{ r.owner }}",
            ],
            [3.9, 2.5, 2.4, 4.4, 3.4],
        )
        t.control(doc, "{%p endif %}")
        return doc

    def partner_checklist() -> Any:
        doc = t.new_document()
        t.header_footer(
            doc,
            "{{ doc.organisation }}    {{ lab.name }} – {{ labels.partner_checklist }}",
            "{{ partner.organisation }} · {{ lab.name }}",
        )
        t.para(doc, "{{ labels.partner_checklist }}: {{ partner.organisation }}", "Title")
        t.para(doc, "{{ lab.name }} · {{ labels.role }}: {{ partner.role }}", "Meta")
        t.para(doc, "{{ labels.your_tasks }}", "Meta")
        t.notices(doc)
        t.control(doc, "{%p if doc.example %}")
        t.para(doc, "{{ labels.example_notice }}", "Notice")
        t.control(doc, "{%p endif %}")
        t.control(doc, "{%p for group in groups %}")
        t.para(doc, "{{ group.phase }} ({{ group.dates }})", "Heading 1")
        t.table(
            doc,
            [
                "{{ labels.done }}",
                "{{ labels.step }}",
                "{{ labels.method }}",
                "{{ labels.your_part }}",
                "{{ labels.duration }}",
            ],
            "for task in group.tasks",
            ["☐", "{{ task.step }}", "{{ task.method }}", "{{ task.raci }}", "{{ task.duration }}"],
            [1.3, 5.6, 3.3, 2.6, 3.8],
            keep_rows="last-rows",
        )
        t.control(doc, "{%p endfor %}")
        t.control(doc, "{%p if not groups %}")
        t.para(doc, "{{ labels.no_items }}")
        t.control(doc, "{%p endif %}")
        t.para(doc, "{{ labels.sign_off }}", "Heading 1")
        t.signature_table(doc, [6.6, 3.4, 6.6])
        return doc

    def report() -> Any:
        doc = t.new_document()
        t.header_footer(
            doc,
            "{{ doc.organisation }}    {{ lab.name }} – {{ labels.outcome_report }}",
            "{{ lab.name }} · {{ labels.outcome_report }}",
        )
        t.cover(
            doc,
            "{{ labels.outcome_report }}",
            "{{ lab.name }}",
            ["{{ labels.area }}: {{ lab.area }}", "{{ labels.report_period }}: {{ report.period }}"],
            "{{ labels.generated_by }} · {{ doc.date }}",
        )
        t.heading(doc, "summary", page_break=True)
        t.para(doc, "{{ report.summary }}")
        t.control(doc, "{%p if summary %}")
        t.table(
            doc,
            [
                "{{ labels.goal }}",
                "{{ labels.baseline }}",
                "{{ labels.latest }}",
                "{{ labels.target }}",
                "{{ labels.status }}",
            ],
            "for row in summary",
            [
                "{{ row.indicator }}",
                "{{ row.baseline }}",
                "{{ row.latest }}",
                "{{ row.target }}",
                "{{ row.status }}",
            ],
            [6.0, 2.6, 2.6, 2.6, 2.8],
        )
        t.para(doc, "{{ report.status_rule }}", "Meta")
        t.control(doc, "{%p for note in report.baseline_notes %}")
        t.para(doc, "{{ note }}", "Meta")
        t.control(doc, "{%p endfor %}")
        t.control(doc, "{%p endif %}")
        t.control(doc, "{%p for section in sections %}")
        t.para(doc, "{{ section.title }}", "Heading 1")
        t.para(doc, "{{ section.definition }}", "Lead")
        t.para(doc, "{{ section.chart }}")
        t.control(doc, "{%p if section.chart_note %}")
        t.para(doc, "{{ section.chart_note }}", "Meta")
        t.control(doc, "{%p endif %}")
        t.control(doc, "{%p for line in section.findings %}")
        t.para(doc, "{{ line }}", "List Bullet")
        t.control(doc, "{%p endfor %}")
        t.control(doc, "{%p if section.comparison %}")
        t.control(doc, "{%p for line in section.comparison.sentences %}")
        t.para(doc, "{{ line }}")
        t.control(doc, "{%p endfor %}")
        t.control(doc, "{%p if section.comparison.table %}")
        t.para(doc, "{{p section.comparison.table }}")
        t.control(doc, "{%p endif %}")
        t.control(doc, "{%p for line in section.comparison.after %}")
        t.para(doc, "{{ line }}")
        t.control(doc, "{%p endfor %}")
        t.control(doc, "{%p endif %}")
        t.control(doc, "{%p if section.groups %}")
        t.control(doc, "{%p if section.groups.caption %}")
        t.para(doc, "{{ section.groups.caption }}")
        t.control(doc, "{%p endif %}")
        t.control(doc, "{%p if section.groups.table %}")
        t.para(doc, "{{p section.groups.table }}")
        t.control(doc, "{%p endif %}")
        t.control(doc, "{%p if section.groups.sentence %}")
        t.para(doc, "{{ section.groups.sentence }}")
        t.control(doc, "{%p endif %}")
        t.control(doc, "{%p if section.groups.note %}")
        t.para(doc, "{{ section.groups.note }}", "Meta")
        t.control(doc, "{%p endif %}")
        t.control(doc, "{%p endif %}")
        t.para(doc, "{{ labels.how_calculated }}: {{ section.explanation }}", "Meta")
        t.control(doc, "{%p endfor %}")
        t.control(doc, "{%p if measures %}")
        t.para(doc, "{{ labels.performance_questions }}", "Heading 1")
        t.control(doc, "{%p for group in measures %}")
        t.para(doc, "{{ group.question }}", "Heading 2")
        t.table(
            doc,
            ["{{ labels.indicator }}", "{{ labels.period }}", "{{ labels.value }}"],
            "for m in group.rows",
            ["{{ m.indicator }}", "{{ m.period }}", "{{ m.value }}"],
            [9.6, 3.4, 3.6],
        )
        t.control(doc, "{%p endfor %}")
        t.control(doc, "{%p endif %}")
        t.control(doc, "{%p if estimate %}")
        t.para(doc, "{{ estimate.heading }}", "Heading 1")
        t.para(doc, "{{ estimate.description }}")
        t.control(doc, "{%p if estimate.results %}")
        t.table(
            doc,
            [
                "{{ labels.measure }}",
                "{{ labels.low_scenario }}",
                "{{ labels.central_scenario }}",
                "{{ labels.high_scenario }}",
            ],
            "for row in estimate.results",
            ["{{ row.label }}", "{{ row.low }}", "{{ row.central }}", "{{ row.high }}"],
            [7.0, 3.2, 3.2, 3.2],
        )
        t.control(doc, "{%p if estimate.ratio %}")
        t.para(doc, "{{ estimate.ratio }}")
        t.control(doc, "{%p endif %}")
        t.para(doc, "{{ labels.assumptions }}", "Heading 2")
        t.table(
            doc,
            [
                "{{ labels.assumption }}",
                "{{ labels.low_scenario }}",
                "{{ labels.central_scenario }}",
                "{{ labels.high_scenario }}",
                "{{ labels.source }}",
            ],
            "for row in estimate.assumptions",
            ["{{ row.label }}", "{{ row.low }}", "{{ row.central }}", "{{ row.high }}", "{{ row.source }}"],
            [4.4, 2.2, 2.2, 2.2, 5.6],
        )
        t.para(doc, "{{ estimate.picks }}", "Meta")
        t.para(doc, "{{ estimate.caveat }}", "Meta")
        t.control(doc, "{%p endif %}")
        t.control(doc, "{%p endif %}")
        t.para(doc, "{{ labels.how_calculated }}", "Heading 1")
        t.para(doc, "{{ report.method_note }}")
        t.para(doc, "{{ labels.data_sources }}", "Heading 1")
        t.bullets(doc, "item", "data_sources")
        t.para(doc, "{{ labels.privacy }}", "Heading 1")
        t.control(doc, "{%p for paragraph in report.privacy %}")
        t.para(doc, "{{ paragraph }}")
        t.control(doc, "{%p endfor %}")
        return doc

    return {"lab-plan": lab_plan, "partner-checklist": partner_checklist, "report": report}
