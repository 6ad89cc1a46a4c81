"""Fixed labels in documents ("Syfte" / "Purpose"), translated through gettext message catalogs.

The message ids are the English labels listed in :data:`LABELS`; ``locale/<lang>/LC_MESSAGES/labkit.po`` holds the
translations and the compiled ``.mo`` files are what labkit reads at run time (``python tools/compile_catalogs.py``
rebuilds them; a test checks they are complete and up to date).
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Mapping
from pathlib import Path

from ..text import SUPPORTED_LANGUAGES

__all__ = ["LABELS", "LOCALE_DIR", "counted", "labels", "translator"]

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "labkit"


def N_(message: str) -> str:
    """Mark a message for translation without translating it (gettext convention)."""
    return message


#: key -> English message id. Templates use ``{{ labels.<key> }}``.
LABELS: dict[str, str] = {
    # guide
    "method_guide": N_("Method guide"),
    "contents": N_("Contents"),
    "summary": N_("Summary"),
    "purpose": N_("Purpose"),
    "when_to_use": N_("When to use the method"),
    "target_groups": N_("Target groups"),
    "roles": N_("Roles"),
    "role": N_("Role"),
    "actor": N_("Actor"),
    "responsibility": N_("Responsibility"),
    "steps": N_("Steps"),
    "step": N_("Step"),
    "responsible": N_("Responsible"),
    "consulted": N_("Consulted"),
    "informed": N_("Informed"),
    "accountable": N_("Accountable"),
    "duration": N_("Duration"),
    "phase": N_("Phase"),
    "outputs": N_("Results"),
    "resources": N_("Resources"),
    "staff": N_("Staff"),
    "premises": N_("Premises"),
    "budget": N_("Budget"),
    "time_span": N_("Time span"),
    "materials": N_("Materials"),
    "prerequisites": N_("Prerequisites"),
    "success_factors": N_("Success factors"),
    "pitfalls": N_("Pitfalls"),
    "indicators": N_("Indicators"),
    "indicator": N_("Indicator"),
    "unit": N_("Unit"),
    "polarity": N_("Better when"),
    "level": N_("Level"),
    "source": N_("Source"),
    "definition": N_("Definition"),
    "checklists": N_("Checklists"),
    "evidence": N_("Evidence"),
    "evidence_level": N_("Evidence level"),
    "evidence_scale": N_("The scale"),
    "observed": N_("Reported results"),
    "references": N_("References"),
    "sources": N_("Sources"),
    "based_on": N_("Based on"),
    "changes": N_("Changes"),
    "version": N_("Version"),
    "version_history": N_("Version history"),
    "date": N_("Date"),
    "focus_areas": N_("Focus areas"),
    "owner": N_("Owner"),
    "authors": N_("Authors"),
    "licence": N_("Licence"),
    "revised": N_("Revised"),
    "page": N_("Page"),
    "generated_by": N_("Made with labkit"),
    "missing_translation": N_(
        "Some texts are not available in this language and are shown in another language:"
    ),
    "resource": N_("Resource"),
    "what_is_needed": N_("What is needed"),
    "licence_CC-BY-4.0": N_("Creative Commons Attribution 4.0 (CC BY 4.0)"),
    "licence_CC-BY-SA-4.0": N_("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)"),
    "licence_CC-BY-NC-4.0": N_("Creative Commons Attribution-NonCommercial 4.0 (CC BY-NC 4.0)"),
    "licence_CC0-1.0": N_("CC0 1.0 (no rights reserved)"),
    # checklist
    "checklist": N_("Checklist"),
    "read_do": N_("READ-DO: read each item aloud and do it before moving on."),
    "do_confirm": N_(
        "DO-CONFIRM: do the work from memory, then stop at the pause point and confirm every item."
    ),
    "pause_point": N_("Pause point"),
    "done": N_("Done"),
    "signed_by": N_("Signed by"),
    "signature": N_("Signature"),
    "name": N_("Name"),
    "item_to_check": N_("Item to check"),
    "sign_off": N_("Sign-off"),
    "for_role": N_("For the role"),
    "no_items": N_("No checklist items for this role."),
    # form
    "name_and_signature": N_("Name and signature"),
    "signatures": N_("Signatures"),
    "field": N_("Detail"),
    "answer": N_("Fill in"),
    # lab plan
    "lab_plan": N_("Lab plan"),
    "challenge": N_("Challenge"),
    "target_group": N_("Target group"),
    "area": N_("Area"),
    "municipality": N_("Municipality"),
    "partners": N_("Partners"),
    "partner": N_("Partner"),
    "organisation": N_("Organisation"),
    "who_does_what": N_("Who does what"),
    "raci_explained": N_(
        "Responsible: does the work. Consulted: is asked before. Informed: is told after. "
        "Accountable: answers for the method in the lab."
    ),
    "your_part": N_("Your part"),
    "budget_item": N_("Item"),
    "timeline": N_("Timeline"),
    "phases": N_("Phases"),
    "start": N_("Start"),
    "end": N_("End"),
    "milestones": N_("Milestones"),
    "methods": N_("Methods"),
    "method": N_("Method"),
    "local_adaptation": N_("Local adaptation"),
    "goals": N_("Goals"),
    "goal": N_("Goal"),
    "baseline": N_("Baseline"),
    "target": N_("Target"),
    "total": N_("Total"),
    "funder": N_("Funder"),
    "amount": N_("Amount"),
    "governance": N_("Governance"),
    "steering_group": N_("Steering group"),
    "risks": N_("Risks"),
    "risk": N_("Risk"),
    "likelihood": N_("Likelihood"),
    "impact": N_("Impact"),
    "mitigation": N_("Mitigation"),
    "partner_checklist": N_("Partner checklist"),
    "your_tasks": N_("Your tasks in the lab, in the order of the lab's timeline."),
    "example_notice": N_("Example: the lab and all its figures are invented for demonstration."),
    # report
    "outcome_report": N_("Outcome report"),
    "status": N_("Status"),
    "latest": N_("Latest"),
    "change": N_("Change"),
    "progress": N_("Progress toward target"),
    "trend": N_("Trend"),
    "reference_area": N_("Reference area"),
    "difference_in_differences": N_("Difference in differences"),
    "on_track": N_("On track"),
    "off_track": N_("Not on track"),
    "reached": N_("Reached"),
    "not_reached": N_("Not reached"),
    "no_data": N_("No published value"),
    "period": N_("Period"),
    "value": N_("Value"),
    "group": N_("Group"),
    "gap": N_("Gap"),
    "how_calculated": N_("How it is calculated"),
    "performance_questions": N_("The method's own measures"),
    "how_much": N_("How much did we do?"),
    "how_well": N_("How well did we do it?"),
    "better_off": N_("Is anyone better off?"),
    "estimate": N_("Socio-economic estimate"),
    "estimate_invented": N_("Socio-economic estimate – invented example figures"),
    "assumptions": N_("Assumptions"),
    "assumption": N_("Assumption"),
    "measure": N_("Measure"),
    "low": N_("Low"),
    "central": N_("Central"),
    "high": N_("High"),
    "low_scenario": N_("Low scenario"),
    "central_scenario": N_("Central scenario"),
    "high_scenario": N_("High scenario"),
    "data_sources": N_("Data sources"),
    "privacy": N_("Privacy and small numbers"),
    "report_period": N_("Report period"),
    "report_period_lab": N_("the lab's period"),
    "report_period_command": N_("chosen for this report"),
    # report sentences
    "report_summary": N_("The lab's goals at the end of the report period ({goals} in all):"),
    "summary_part": N_("{status}: {n}"),
    "status_rule": N_(
        "After a goal's deadline (the end of its target period) it is reached or not reached. Before the deadline it is on track when at least as large a share of the way from the baseline to the target has been covered as of the time."
    ),
    "baseline_from_lab_file": N_(
        "The baseline of {indicator} ({period}) is the value in the lab file: there is no measurement for that period."
    ),
    "baseline_differs": N_(
        "The baseline of {indicator} is the value measured for {period}; the lab file gives {given}."
    ),
    "baseline_hidden": N_(
        "The baseline of {indicator} is hidden to protect individuals, so no change or status is given."
    ),
    "change_sentence": N_("Change since the baseline ({period}): {absolute} ({relative})."),
    "change_sentence_no_relative": N_("Change since the baseline ({period}): {absolute}."),
    "percentage_points": N_("percentage points"),
    "scale_points": N_("points on the scale"),
    "index_points": N_("index points"),
    "progress_sentence": N_(
        "{progress} % of the way from the baseline to the target ({target} by {period})."
    ),
    "status_after": N_(
        "Status: {status} – the target was {target} for {period}, and the value for {judged} is {value}."
    ),
    "status_before": N_(
        "Status: {status} – {progress} % of the way after {elapsed} % of the time from {baseline} to {target}."
    ),
    "status_none_target": N_("No status: no published value for the target period {period}."),
    "status_none": N_("No status: no published value in the report period."),
    "status_baseline_hidden": N_("No status: the baseline is hidden to protect individuals."),
    "trend_sentence": N_("Trend over {n} periods ({first} to {last}): {direction}."),
    "trend_improving": N_("improving"),
    "trend_worsening": N_("worsening"),
    "trend_flat": N_("about the same"),
    "trend_no_clear": N_("no clear trend, the direction changes"),
    "trend_too_few": N_("No trend: {n} published periods, and a trend needs at least three."),
    "trend_too_few_one": N_("No trend: 1 published period, and a trend needs at least three."),
    "trend_too_few_zero": N_("No trend: no published period, and a trend needs at least three."),
    "trend_mixed_periods": N_(
        "No trend: the {n} published periods are not all of the same length, and a trend compares periods of the "
        "same length."
    ),
    "trend_hidden": N_("Hidden periods left out of the trend: {n}."),
    "latest_suppressed": N_("The latest figure ({period}) is hidden to protect individuals."),
    "left_out": N_("Measured after the report period and not used here: {periods}."),
    "did_sentence": N_(
        "Compared with {reference}: from {before} to {after} the value in {area} changed by {area_change} and in {reference} by {reference_change}, a difference of {difference} ({direction} for {area})."
    ),
    "did_better": N_("better"),
    "did_worse": N_("worse"),
    "did_same": N_("no difference"),
    "comparison_not_effect": N_(
        "This is a comparison, not an estimate of the lab's effect: the areas can differ in other ways that change over time, and no margin of error can be computed from these figures."
    ),
    "comparison_supported": N_(
        "The methods' evidence (level {level}) and this comparison together suggest that the lab contributed to the difference; it is still an estimate without a margin of error."
    ),
    "comparison_gaps": N_(
        "The gap between the areas ({area} minus {reference}) in the periods before the lab started, to judge whether they moved in parallel:"
    ),
    "comparison_placebo": N_(
        "The same calculation for {first} to {last}, before the lab, gives {difference}: this is how much the gap moved without the lab."
    ),
    "side_by_side_few": N_(
        "{area} and {reference} are shown side by side only: a comparison of their changes needs at least two periods before the lab started with values for both areas."
    ),
    "side_by_side_none": N_(
        "{area} and {reference} are shown side by side only: no period since the lab started has values for both areas."
    ),
    "by_group": N_("By group:"),
    "groups_all_hidden": N_("All values by group are hidden to protect individuals."),
    "hidden_note": N_("..: hidden to protect individuals – {reasons}."),
    "reason_few-people": N_("fewer than {n} people"),
    "reason_few-people_one": N_("fewer than 1 person"),
    "reason_small-base": N_("the figure rests on fewer than {n} people"),
    "reason_small-base_one": N_("the figure rests on fewer than 1 person"),
    "reason_few-rest": N_("all but fewer than {n} of the people counted"),
    "reason_secondary": N_("a figure from which a hidden value could be worked out"),
    "explanation": N_(
        "Change is the latest value minus the baseline; for counts and amounts also as a share of the baseline, while shares change in percentage points and rating scales in points on the scale. Progress is the share of the distance from the baseline to the target that has been covered. Whether higher or lower is better depends on the indicator: for unemployment and crime, lower is better. A trend needs at least three periods of the same length and is only called improving or worsening when every step goes the same way. Where a reference area has at least two periods before the lab started, the difference in differences subtracts the reference area's change from the lab area's, which removes changes that happened in both; it compares, it does not measure the lab's effect. Figures hidden to protect individuals are left out of every calculation."
    ),
    "better_when": N_("{better} is better"),
    "slope_per_year": N_("slope {slope} per year over {n} periods"),
    "estimate_people": N_("People (latest measured {indicator})"),
    "estimate_value": N_("Estimated value"),
    "estimate_per_person": N_("Per person"),
    "estimate_ratio": N_("Value per krona invested (estimate, not a measured result)"),
    "estimate_ratio_sentence": N_(
        "Per krona invested, the estimate lies between {low} and {high} kronor ({central} in the central scenario) – an estimate, not a measured result."
    ),
    "value_per_person_year": N_("Value per person and year (SEK)"),
    "duration_years": N_("Duration (years)"),
    "deadweight": N_("Deadweight (would have happened anyway)"),
    "attribution": N_("Attribution (share assumed to be the lab's part)"),
    "drop_off": N_("Drop-off per year"),
    "effective_years": N_("Years of effect after drop-off"),
    "estimate_picks": N_(
        "Each column shows the values its scenario is computed with: the low scenario takes the cautious end of every assumption (the high end of deadweight and drop-off), the high scenario the generous end. Value = people × value per person and year × years of effect after drop-off × (1 − deadweight) × attribution."
    ),
    "estimate_caveat": N_(
        "An estimate, not a measured result: it shows what the outcome may be worth to society if the assumptions hold."
    ),
    "estimate_hidden": N_("The estimate is not shown because it rests on fewer than {n} people."),
    "estimate_hidden_one": N_("The estimate is not shown because it rests on fewer than 1 person."),
    "estimate_hidden_value": N_(
        "The estimate is not shown because its count of people is hidden to protect individuals."
    ),
    "estimate_no_value": N_(
        "The estimate is not shown because {indicator} has no measurement in the report period."
    ),
    "privacy_text": N_(
        'Counts of people below {n}, and shares and averages that rest on fewer than {n} people, are hidden and shown as ".." in tables, charts and text alike. Further figures are hidden where a hidden value could otherwise be worked out from anything else in the report – totals and groups, overlapping breakdowns, nested periods and goal baselines – which is checked with linear algebra and linear programming before the report is written. Counts of things, such as meetings held or job interviews, are not hidden. Participant data are kept pseudonymised; this report shows only aggregates.'
    ),
    "privacy_text_one": N_(
        'Counts of people below 1, and shares and averages that rest on fewer than 1 person, are hidden and shown as ".." in tables, charts and text alike. Further figures are hidden where a hidden value could otherwise be worked out from anything else in the report – totals and groups, overlapping breakdowns, nested periods and goal baselines – which is checked with linear algebra and linear programming before the report is written. Counts of things, such as meetings held or job interviews, are not hidden. Participant data are kept pseudonymised; this report shows only aggregates.'
    ),
    "privacy_hidden": N_("Figures hidden in this report: {n}."),
    "privacy_min_reason": N_("This lab uses a minimum of {n} instead of {default}: {reason}"),
    "privacy_round_counts": N_("Counts of people are rounded to the nearest multiple of {base}."),
    "privacy_round_shares": N_("Shares are rounded to whole per cent."),
    "example_data": N_("The measurements in this example are invented."),
    "chart_better": N_("better"),
    "chart_target": N_("target"),
    "chart_baseline": N_("baseline"),
    "chart_lab_start": N_("lab starts"),
    "chart_hidden": N_(".. = hidden value (too few people)"),
    "chart_invented": N_("Invented example data"),
    "alt_chart": N_("Chart of {title}."),
    "alt_series": N_("{label}: {values}."),
    "alt_series_long": N_(
        "{label}: {n} periods, from {first} in {first_period} to {last} in {last_period}, lowest {low} and highest {high}; hidden periods: {hidden}."
    ),
    "alt_target": N_("Target: {target} by {period}."),
    "alt_hidden": N_("hidden"),
    "alt_timeline": N_("Timeline of the lab's {n} phases from {start} to {end}: {phases}."),
    "alt_timeline_one": N_("Timeline of the lab's only phase from {start} to {end}: {phases}."),
    "alt_milestones": N_("Milestones, numbered as in the list under the chart: {n}."),
    # web pages (labkit site and the index.html of a build)
    "site_title": N_("Method bank"),
    "site_intro": N_(
        "Methods against segregation that housing companies and their partners have tried. Each method has a page with its purpose, roles, steps, resources, indicators, checklists and evidence, and its documents to download."
    ),
    "skip_to_content": N_("Skip to main content"),
    "site_nav": N_("Site"),
    "breadcrumb": N_("Breadcrumb"),
    "language_switch": N_("This page in another language"),
    "choose_language": N_("Choose a language"),
    "find_methods": N_("Find a method"),
    "search_label": N_("Search the methods' texts"),
    "search_hint": N_("Shows the methods whose text contains every word you type."),
    "search_button": N_("Search"),
    "clear_filters": N_("Clear search and filters"),
    "showing": N_("Showing {shown} of {total} methods."),
    "showing_one": N_("Showing {shown} of 1 method."),
    "no_matches": N_("No method matches. Try fewer words, or clear the search and filters."),
    "found_in": N_("Found in:"),
    "browse": N_("Browse the methods"),
    "by_focus_area": N_("By focus area"),
    "by_evidence_level": N_("By evidence level"),
    "by_language": N_("By language"),
    "all_methods": N_("All methods"),
    "all_indicators": N_("All indicators"),
    "language": N_("Language"),
    "evidence_of": N_("Level {level} of 5"),
    "evidence_scale_name": N_("labkit's evidence scale, modelled on Nesta's Standards of Evidence"),
    "evidence_scale_intro": N_(
        "Every method states how strong the evidence for it is, as a level on one five-level scale, with a summary of why and references to its sources."
    ),
    "time": N_("Time"),
    "cost": N_("Cost"),
    "published_in": N_("Published in"),
    "on_this_page": N_("On this page"),
    "downloads": N_("Documents to download"),
    "downloads_intro": N_("Word files you can edit and print, made from this page's text."),
    "file_word": N_("Word"),
    "file_pdf": N_("PDF"),
    "step_number": N_("Step {n}"),
    "used_by": N_("Used by these methods"),
    "not_used": N_("No installed method uses this indicator yet."),
    "official_statistics": N_("Official statistics"),
    "own_follow_up": N_("Own follow-up"),
    "kind_of_figures": N_("Kind of figures"),
    "where_to_find": N_("Where the figures are"),
    "note": N_("Keep in mind"),
    "performance_question": N_("Performance question"),
    "small_numbers": N_("Small numbers"),
    "small_numbers_protected": N_(
        "Counts people: small numbers are hidden in reports to protect individuals."
    ),
    "small_numbers_open": N_("Counts things, not people: small numbers reveal no one and are shown."),
    "adapts": N_("Adapts {method}, version {version}."),
    "not_installed": N_("not installed here"),
    "methods_in_focus": N_("Methods in the focus area {area}"),
    "methods_at_level": N_("Methods at evidence level {level}"),
    "methods_in_language": N_("Methods available in {language}"),
    "no_methods_here": N_("No installed method is here yet."),
    "method_count": N_("Methods: {n}"),
    "languages": N_("Languages"),
    "lang_sv": N_("Swedish"),
    "lang_en": N_("English"),
    "what_document": N_("What it is"),
    "built_with": N_("Built with labkit {version} from the installed method plugins."),
    "evidence_on_scale": N_("Level {level} of 5 on labkit's evidence scale"),
    "evidence_scale_page": N_("The evidence scale"),
    "method_version": N_("Method version"),
    "document": N_("Document"),
    "documents_built": N_("Documents built by labkit {version}."),
    "documents": N_("Documents"),
    # vocabulary (enum values)
    "focus_employment": N_("Employment"),
    "focus_education": N_("Education"),
    "focus_services": N_("Community services"),
    "focus_safety": N_("Safety"),
    "actor_housing-company": N_("Housing company"),
    "actor_municipality": N_("Municipality"),
    "actor_tenants-association": N_("Tenants' association"),
    "actor_school": N_("School"),
    "actor_police": N_("Police"),
    "actor_civil-society": N_("Civil society"),
    "actor_employer": N_("Employer"),
    "actor_employment-service": N_("Public employment service"),
    "actor_residents": N_("Residents"),
    "actor_research": N_("Research"),
    "actor_trade-body": N_("Trade body"),
    "phase_understand": N_("Understand the challenge"),
    "phase_explore": N_("Explore ideas"),
    "phase_test": N_("Test at small scale"),
    "phase_evaluate": N_("Evaluate"),
    "phase_spread": N_("Spread"),
    "unit_share": N_("per cent"),
    "unit_count": N_("number"),
    "unit_index": N_("index"),
    "unit_sek": N_("SEK"),
    "unit_rate": N_("rate"),
    "unit_hours": N_("hours"),
    "unit_scale": N_("scale value"),
    "polarity_higher-is-better": N_("higher"),
    "polarity_lower-is-better": N_("lower"),
    "level_output": N_("output"),
    "level_outcome": N_("outcome"),
    "level_impact": N_("impact"),
    "kind_read-do": N_("read-do"),
    "kind_do-confirm": N_("do-confirm"),
    "risk_low": N_("low"),
    "risk_medium": N_("medium"),
    "risk_high": N_("high"),
    "sek_range": N_("{low} – {high} SEK {per}"),
}


@functools.cache
def translator(lang: str) -> gettext.NullTranslations:
    """The gettext translations for *lang*; English message ids for unsupported languages."""
    if lang not in SUPPORTED_LANGUAGES:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


@functools.cache
def labels(lang: str) -> dict[str, str]:
    """All labels in *lang*, keyed like :data:`LABELS`."""
    tr = translator(lang)
    return {key: tr.gettext(message) for key, message in LABELS.items()}


def counted(words: Mapping[str, str], key: str, n: int, **fields: object) -> str:
    """The label *key* filled in for the count *n*, in the grammatical number that fits *n*.

    A label whose text counts something ("{n} published periods") has a singular variant ``<key>_one`` (and may
    have ``<key>_zero`` for nothing at all); Swedish and English both use the singular for exactly 1 and the
    plural otherwise.
    """
    variant = {0: f"{key}_zero", 1: f"{key}_one"}.get(n, key)
    template = words.get(variant, words[key])
    return template.format(n=n, **fields)
