"""The who-does-what matrix and partner checklists on a lab with two methods and overlapping roles."""

from __future__ import annotations

import docx

from labkit.builtin.lab_docs import partner_tasks
from labkit.documents.render import render
from labkit.documents.views import Localizer
from labkit.labs.check import check_lab
from labkit.labs.context import LabContext


def _ctx(lab_file, catalog) -> LabContext:
    result = check_lab(lab_file, catalog)
    assert result.ok, result.problems
    return LabContext(result.lab, catalog, lab_file)


def _row(ctx, method_id, step_id):
    (found,) = [a for a in ctx.assignments() if a.method.id == method_id and a.step.id == step_id]
    return found


def ids(partners):
    return [p.id for p in partners]


def test_raci_uses_explicit_role_mapping_and_actor_kinds(lab_file, catalog):
    ctx = _ctx(lab_file, catalog)
    walk = _row(ctx, "test-walk", "walk")
    # organiser is not mapped: it goes to the housing-company partner; tenants is mapped to two partners.
    assert ids(walk.responsible) == ["housing", "tenants", "ngo"]
    assert ids(walk.accountable) == ["housing"]
    assert ids(walk.consulted) == ["police"]
    assert ids(walk.informed) == []


def test_raci_overlapping_roles_are_listed_once_in_the_strongest_column(lab_file, catalog):
    ctx = _ctx(lab_file, catalog)
    # In test-meeting the organiser role is mapped to the tenants' association, which also takes the tenants
    # role: informed (tenants) must not repeat a partner that is already responsible.
    plan = _row(ctx, "test-meeting", "plan")
    assert ids(plan.responsible) == ["tenants"]
    assert ids(plan.accountable) == ["tenants"]
    assert ids(plan.consulted) == ["police"]
    assert "tenants" not in ids(plan.informed)
    follow_up = _row(ctx, "test-meeting", "follow-up")
    assert ids(follow_up.responsible) == ["tenants"]
    # tenants (informed) is already responsible as organiser, so only the police remain informed.
    assert ids(follow_up.informed) == ["police"]


def test_assignments_follow_the_lab_timeline(lab_file, catalog):
    ctx = _ctx(lab_file, catalog)
    order = [(a.step.phase.value, a.method.id, a.step.id) for a in ctx.assignments()]
    assert order == [
        ("understand", "test-walk", "plan"),
        ("explore", "test-meeting", "plan"),
        ("test", "test-walk", "walk"),
        ("test", "test-meeting", "walk"),
        ("evaluate", "test-walk", "follow-up"),
        ("evaluate", "test-meeting", "follow-up"),
    ]


def test_partner_checklist_collects_steps_where_the_partner_acts(lab_file, catalog):
    ctx = _ctx(lab_file, catalog)
    tr = Localizer("en")
    groups = partner_tasks(ctx, "police", tr)
    # Police is consulted in plan and walk of both methods, and only informed in follow-ups (no task).
    assert [g["phase"] for g in groups] == [
        "Understand the challenge",
        "Explore ideas",
        "Test at small scale",
    ]
    tasks = [(t["method"], t["step"], t["raci"]) for g in groups for t in g["tasks"]]
    assert tasks == [
        ("Test walk", "Plan", "Consulted"),
        ("Test meeting", "Plan", "Consulted"),
        ("Test walk", "Walk", "Consulted"),
        ("Test meeting", "Walk", "Consulted"),
    ]
    assert groups[0]["dates"] == "2024-01-01 – 2024-02-29"
    tenants = [
        (t["method"], t["step"], t["raci"]) for g in partner_tasks(ctx, "tenants", tr) for t in g["tasks"]
    ]
    assert ("Test meeting", "Plan", "Responsible") in tenants
    assert ("Test walk", "Walk", "Responsible") in tenants
    assert ("Test walk", "Plan", "Responsible") not in tenants


def test_partner_checklist_document(lab_file, catalog):
    document = render("partner-checklist", lab_file, lang="sv", catalog=catalog, partner="police")
    text = "\n".join(p.text for p in docx.Document(__import__("io").BytesIO(document.data)).paragraphs)
    assert "Polisen" in text
    table_text = [
        c.text
        for t in docx.Document(__import__("io").BytesIO(document.data)).tables
        for r in t.rows
        for c in r.cells
    ]
    assert "Vandra" in table_text and "Testmöte" in table_text


def test_lab_plan_has_raci_table(lab_file, catalog):
    import io

    document = render("lab-plan", lab_file, lang="en", catalog=catalog)
    opened = docx.Document(io.BytesIO(document.data))
    rows = [[c.text for c in r.cells] for t in opened.tables for r in t.rows]
    # The columns are named in words, the same words as the legend above the matrix.
    assert ["Step (Phase)", "Responsible", "Consulted", "Informed"] in rows
    assert [
        "Walk\n(Test at small scale)",
        "Bostadsbolaget, Hyresgästföreningen, Föreningen",
        "Polisen",
        "",
    ] in rows
    text = [p.text for p in opened.paragraphs]
    assert "Accountable: Bostadsbolaget" in text and "Accountable: Hyresgästföreningen" in text
    legend = next(t for t in text if t.startswith("Responsible:"))
    assert all(f"{word}:" in legend for word in ("Responsible", "Consulted", "Informed", "Accountable"))
    # Swedish: the legend uses the words of the column headers.
    sv = docx.Document(io.BytesIO(render("lab-plan", lab_file, lang="sv", catalog=catalog).data))
    header = next(r for t in sv.tables for r in t.rows if r.cells[0].text.startswith("Steg"))
    sv_legend = next(p.text for p in sv.paragraphs if p.text.startswith("Utför:"))
    assert all(f"{cell.text}:" in sv_legend for cell in header.cells[1:])
    # The timeline chart is embedded as an image.
    assert any(
        name.startswith("word/media/")
        for name in __import__("zipfile").ZipFile(io.BytesIO(document.data)).namelist()
    )
