"""Lab commands: lab new, lab check, lab plan, lab checklist, build, demo and report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..errors import ConfigurationError, InvalidDataError
from ..text import counting
from ._app import State, cli, pass_state
from ._options import InputPath, Languages, OutputFolder
from ._output import echo, echo_json, echo_problems, terminal_json
from .documents import ALLOW, LAB_LANG, LANGS, OUT, PDF, STYLE, TEMPLATE, _make, _report, lab_document_options

LAB = click.argument("lab", type=InputPath())


@cli.group("lab")
def lab_group() -> None:
    """Create and check lab files, and make single lab documents."""


@lab_group.command("new")
@click.option(
    "-o", "--out", type=click.Path(path_type=Path, dir_okay=False), default="lab.yaml", show_default=True
)
@click.option("--lang", type=Languages(), default="sv", show_default=True, help="Language of the lab.")
@click.option("--name", help="Name of the lab.")
@click.option("--area", help="Name of the area.")
@click.option("--municipality", help="Municipality.")
@click.option("--host", help="Host organisation (usually the housing company).")
@click.option("--focus", help="Focus areas, comma-separated: employment, education, services, safety.")
@click.option("--methods", "method_ids", help="Method ids, comma-separated ('labkit methods' lists them).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@pass_state
def lab_new(
    state: State,
    out: Path,
    lang: str,
    name: str | None,
    area: str | None,
    municipality: str | None,
    host: str | None,
    focus: str | None,
    method_ids: str | None,
    force: bool,
) -> None:
    """Write a new lab file with a comment above each field.

    On a terminal it asks for what is missing; otherwise give every value as an option.
    """
    from ..files import atomic_write, loads
    from ..labs.check import check_lab
    from ..labs.new import STILL_PLACEHOLDER, LabAnswers, lab_file_text, parse_methods
    from ..model import FocusArea, Lab

    if out.exists() and not force:
        raise ConfigurationError(f"{out} already exists; use --force to overwrite it or -o for another file")
    interactive = sys.stdin.isatty()
    catalog = state.catalog
    available = [m.id for m in catalog.methods()]

    def ask(value: str | None, prompt: str, default: str | None = None, option: str = "") -> str:
        if value:
            return value
        if not interactive:
            if default is not None:
                return default
            raise click.UsageError(f"{option} is required when not on a terminal")
        return str(click.prompt(prompt, default=default))

    name = ask(name, "Name of the lab" if lang == "en" else "Labbets namn", option="--name")
    area = ask(area, "Area" if lang == "en" else "Område", option="--area")
    municipality = ask(municipality, "Municipality" if lang == "en" else "Kommun", option="--municipality")
    host = ask(
        host, "Host organisation" if lang == "en" else "Värdorganisation (bostadsbolaget)", option="--host"
    )
    focus = ask(
        focus,
        "Focus areas (employment, education, services, safety)"
        if lang == "en"
        else "Fokusområden (employment, education, services, safety)",
        "employment",
        "--focus",
    )
    if not available:
        raise ConfigurationError("no methods are installed; install method plugins first ('labkit plugins')")
    method_ids = ask(
        method_ids,
        ("Methods" if lang == "en" else "Metoder") + f" ({', '.join(available)})",
        available[0],
        "--methods",
    )
    try:
        areas = tuple(FocusArea(f.strip()) for f in focus.split(",") if f.strip())
    except ValueError:
        raise click.BadParameter(
            f"{focus!r}: use employment, education, services and/or safety", param_hint="--focus"
        ) from None
    answers = LabAnswers(name, area, municipality, host, areas, parse_methods(method_ids), lang)
    text = lab_file_text(answers, catalog)
    # Checked before it is written: a file that fails (a bug in lab_file_text) is never left behind, and an
    # existing file is only replaced by one that passes.
    try:
        problems = check_lab(loads(text, Lab, str(out)), catalog).problems
    except InvalidDataError as exc:
        problems = tuple(exc.problems)
    # The challenge and the target group are left for the user to write: lab check reports them until then.
    problems = tuple(p for p in problems if not p.message.startswith(STILL_PLACEHOLDER))
    if problems:  # labkit's own bug, not the user's mistake: nothing is written
        raise RuntimeError("the new lab file did not pass its check: " + "; ".join(map(str, problems)))
    try:
        atomic_write(out, text, replace=force)
    except FileExistsError:
        raise ConfigurationError(
            f"{out} already exists; use --force to overwrite it or -o for another file"
        ) from None
    echo(
        f"wrote {out}; write its challenge and target group, check the rest, then run: labkit lab check {out}"
    )


@lab_group.command("check")
@LAB
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_state
def lab_check(state: State, lab: Path, as_json: bool) -> None:
    """Check a lab file against the installed methods: OK, or every problem with file, line and field.

    Exit status: 0 valid, 1 invalid data, 2 usage error.
    """
    from ..labs.check import check_lab

    result = check_lab(lab, state.catalog)
    if as_json:
        echo_json(
            {
                "ok": result.ok,
                "problems": [p.to_dict() for p in result.problems],
                "notes": list(result.notes),
            }
        )
    else:
        echo_problems(result.problems)
        for note in result.notes:
            echo(f"note: {note}")
        if result.ok:
            echo("OK")
        else:
            n = len(result.problems)
            files = ", ".join(dict.fromkeys(p.file or str(lab) for p in result.problems))
            echo(f"{counting(n, 'problem')} in {files}", err=True)
    if not result.ok:
        raise click.exceptions.Exit(1)


@lab_group.command("plan")
@LAB
@lab_document_options
@pass_state
def lab_plan(state: State, /, lab: Path, **output: Any) -> None:
    """Make the lab plan: challenge, partners, who does what, timeline, methods, goals, budget, risks."""
    _make(state, "lab-plan", lab, **output)


@lab_group.command("checklist")
@LAB
@click.argument("partner")
@lab_document_options
@pass_state
def lab_checklist(state: State, /, lab: Path, partner: str, **output: Any) -> None:
    """Make PARTNER's checklist: its tasks in all chosen methods, in the lab's time order."""
    _make(state, "partner-checklist", lab, partner=partner, **output)


def _kinds(values: tuple[str, ...]) -> list[str] | None:
    kinds = [k.strip() for value in values for k in value.split(",") if k.strip()]
    return kinds or None


def _build(
    state: State,
    lab: Path,
    out_dir: Path,
    lang: tuple[str, ...] | None,
    pdf: bool,
    processes: int | None,
    house_style: Path | None,
    force: bool,
    kinds: tuple[str, ...] = (),
    lock: bool = True,
    allow_inaccessible: bool = False,
) -> None:
    from ..labs.build import build
    from ._progress import progress_bars

    with progress_bars("building") as bars:
        result = build(
            lab,
            out_dir,
            langs=lang or None,
            pdf=pdf,
            processes=processes,
            catalog=state.catalog,
            house_style=house_style,
            force=force,
            progress=bars,
            lock=lock,
            kinds=_kinds(kinds),
            allow_inaccessible=allow_inaccessible,
        )
    kept = len(result.documents) - len(result.built)
    echo(
        f"built {counting(len(result.built), 'document')}"
        + (f", {kept} up to date" if kept else "")
        + f"; index: {result.index}"
    )


JOBS = click.option(
    "--jobs", "processes", type=click.IntRange(1, 64), help="Processes to use (default: all cores)."
)
KIND = click.option(
    "--kind",
    "kinds",
    multiple=True,
    help="Only documents of this kind (repeat it, or separate kinds with commas); 'labkit documents' lists them.",
)


@cli.command("build")
@LAB
@click.option("--out", "out_dir", type=OutputFolder(), required=True, help="Output folder.")
@click.option(
    "--lang", type=Languages(multiple=True), help="Languages, comma-separated (default: the lab's language)."
)
@JOBS
@click.option("--force", is_flag=True, help="Rebuild every document, even those that are up to date.")
@KIND
@STYLE
@PDF
@ALLOW
@pass_state
def build_command(
    state: State,
    lab: Path,
    out_dir: Path,
    lang: tuple[str, ...] | None,
    processes: int | None,
    force: bool,
    kinds: tuple[str, ...],
    house_style: Path | None,
    pdf: bool,
    allow_inaccessible: bool,
) -> None:
    """Build every document of a lab: plan, partner checklists, report, and each method's guide, checklists and
    the plugins' own documents."""
    _build(
        state,
        lab,
        out_dir,
        lang,
        pdf,
        processes,
        house_style,
        force,
        kinds,
        allow_inaccessible=allow_inaccessible,
    )


@cli.command("demo")
@click.option(
    "--out",
    "out_dir",
    type=OutputFolder(),
    default="labkit-demo",
    show_default=True,
    help="Output folder.",
)
@LANGS
@JOBS
@KIND
@PDF
@pass_state
def demo_command(
    state: State,
    out_dir: Path,
    lang: tuple[str, ...],
    processes: int | None,
    kinds: tuple[str, ...],
    pdf: bool,
) -> None:
    """Build the documents of the example lab shipped with labkit (no input needed)."""
    from ..labs.demo import demo_lab_path, require_demo_methods

    require_demo_methods(state.catalog)
    # The example lab lives inside the installed package: no lock file is written next to it.
    _build(state, demo_lab_path(), out_dir, lang, pdf, processes, None, False, kinds, lock=False)


@cli.command("report")
@LAB
@click.option(
    "--data",
    "data_files",
    multiple=True,
    type=InputPath(),
    help="Measurement files (CSV or .xlsx), in addition to those named in the lab file.",
)
@OUT
@LAB_LANG
@TEMPLATE
@STYLE
@PDF
@ALLOW
@click.option(
    "--charts",
    "charts_dir",
    type=OutputFolder(),
    help="Also save every chart as PNG in this folder.",
)
@click.option("--svg", "chart_svg", is_flag=True, help="With --charts: save each chart as SVG too.")
@click.option(
    "--period",
    help="The report period if not the lab's: a period (2019), two periods (2018-H2:2019-H2) or two dates.",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Write every figure of the report as JSON (to -o FILE, or to standard output) instead of Word.",
)
@pass_state
def report_command(
    state: State,
    lab: Path,
    data_files: tuple[Path, ...],
    out: Path | None,
    lang: str | None,
    template: Path | None,
    house_style: Path | None,
    pdf: bool,
    allow_inaccessible: bool,
    charts_dir: Path | None,
    chart_svg: bool,
    period: str | None,
    as_json: bool,
) -> None:
    """Make the outcome report: goal status, a chart per indicator, calculations, estimate, suppression notes.

    The Word report is rendered from exactly the figures --json writes.
    """
    from ..files import atomic_write, dump_json
    from ..labs.report import figures_for, load_report_context, render_report
    from ..outcomes.report import parse_report_period

    try:
        chosen = parse_report_period(period) if period else None
    except ValueError as exc:
        raise ConfigurationError(f"--period: {exc}") from None
    ctx = load_report_context(lab, data=list(data_files), catalog=state.catalog)
    figures = figures_for(ctx, chosen)
    if as_json:
        text = dump_json(figures)
        if out is None:
            click.echo(terminal_json(text), nl=False)
        else:
            echo(f"wrote {atomic_write(out, text)}")
        return
    document = render_report(
        ctx,
        lang=lang or ctx.lab.language,
        template=template,
        house_style=house_style,
        catalog=state.catalog,
        charts_dir=charts_dir,
        chart_svg=chart_svg,
        period=chosen,
        figures=figures,
        allow_inaccessible=allow_inaccessible,
    )
    path = document.save(out, pdf=pdf)
    _report(document, path, pdf)
