"""Commands that list and show what is installed: plugins, methods, indicators, document kinds."""

from __future__ import annotations

import json
import shutil
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ..model import FocusArea, Method
from ..text import LocalizedText, localize
from ._app import State, cli, pass_state

LANG = click.option("--lang", default="sv", show_default=True, help="Language of the texts: sv or en.")


def table(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> str:
    """A plain text table (no colours, so it can be piped)."""
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=False)]
    total = shutil.get_terminal_size((120, 20)).columns
    # Let the last column wrap within the terminal.
    fixed = sum(widths[:-1]) + 2 * (len(widths) - 1)
    widths[-1] = max(20, min(widths[-1], total - fixed))
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        last = textwrap.wrap(str(row[-1]), widths[-1]) or [""]
        lines.append(
            "  ".join(str(c).ljust(w) for c, w in zip(row[:-1], widths, strict=False))
            + ("  " if len(row) > 1 else "")
            + last[0]
        )
        for more in last[1:]:
            lines.append(" " * fixed + more)
    return "\n".join(line.rstrip() for line in lines)


def _emit_conflicts(state: State) -> None:
    for conflict in state.catalog.conflicts:
        click.echo(f"error: {conflict}", err=True)


@cli.command("plugins")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_state
def plugins_command(state: State, as_json: bool) -> None:
    """List installed plugins: distribution, version, what each contributes, hooks and load errors."""
    catalog = state.catalog
    # Gather everything so contributions and their problems are known.
    methods = catalog.method_entries
    indicators = catalog.indicator_entries
    generators = catalog.generator_entries
    templates = catalog.template_dirs
    pm = catalog.plugins.pm
    out: list[dict[str, Any]] = []
    for plugin in catalog.plugins.plugins.values():
        out.append(
            {
                "name": plugin.name,
                "distribution": plugin.distribution,
                "version": plugin.version,
                "builtin": plugin.builtin,
                "module": plugin.module,
                "hooks": plugin.hooks(pm),
                "methods": sorted(k for k, e in methods.items() if e.plugin is plugin),
                "indicators": sorted(k for k, e in indicators.items() if e.plugin is plugin),
                "document_kinds": sorted(k for k, e in generators.items() if e.plugin is plugin),
                "templates": [str(path) for p, path in templates if p is plugin],
                "errors": list(plugin.errors),
            }
        )
    failed = [
        {"name": p.name, "distribution": p.distribution, "version": p.version, "errors": list(p.errors)}
        for p in catalog.plugins.failed
    ]
    conflicts = [
        {"kind": c.kind, "id": c.id, "distributions": [p.distribution for p in c.plugins], "message": str(c)}
        for c in catalog.conflicts
    ]
    if as_json:
        click.echo(
            json.dumps(
                {"plugins": out, "failed": failed, "conflicts": conflicts}, indent=2, ensure_ascii=False
            )
        )
        return
    rows = []
    for item in out:
        parts = []
        for key, label in (
            ("methods", "methods"),
            ("indicators", "indicators"),
            ("document_kinds", "documents"),
        ):
            if item[key]:
                parts.append(f"{label}: {', '.join(item[key])}")
        if item["errors"]:
            parts.append(f"ERRORS: {'; '.join(item['errors'])}")
        rows.append([item["distribution"], item["version"], " | ".join(parts) or "-"])
    for item in failed:
        rows.append([item["distribution"], item["version"], f"FAILED: {'; '.join(item['errors'])}"])
    click.echo(table(rows, ["distribution", "version", "contributes"]))
    for conflict in conflicts:
        click.echo(f"conflict: {conflict['message']}")


def _method_row(method: Method, lang: str) -> list[str]:
    return [
        method.id,
        method.version,
        ",".join(f.value for f in method.focus_areas),
        localize(method.name, lang).text,
    ]


def _focus(value: str | None) -> FocusArea | None:
    if value is None:
        return None
    try:
        return FocusArea(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a focus area; use one of {', '.join(f.value for f in FocusArea)}",
            param_hint="--focus",
        ) from None


@cli.group("methods", invoke_without_command=True)
@click.option("--focus", help="Only methods in this focus area: employment, education, services or safety.")
@LANG
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.pass_context
def methods_command(ctx: click.Context, focus: str | None, lang: str, as_json: bool) -> None:
    """List the installed methods (or show one: labkit methods show ID)."""
    if ctx.invoked_subcommand is not None:
        return
    state: State = ctx.obj
    area = _focus(focus)
    catalog = state.catalog
    found = catalog.methods(area)
    if as_json:
        data = [
            {
                "id": m.id,
                "version": m.version,
                "name": localize(m.name, lang).text,
                "summary": localize(m.summary, lang).text,
                "focus_areas": [f.value for f in m.focus_areas],
                "distribution": catalog.method_entries[m.id].plugin.distribution,
                "evidence_level": m.evidence.level,
            }
            for m in found
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        if found:
            click.echo(table([_method_row(m, lang) for m in found], ["id", "version", "focus", "name"]))
        else:
            click.echo("no methods installed" + (f" in the focus area {area.value}" if area else ""))
    _emit_conflicts(state)


@methods_command.command("show")
@click.argument("method_id")
@LANG
@pass_state
def methods_show(state: State, method_id: str, lang: str) -> None:
    """Show a readable summary of one method."""
    method = state.catalog.method(method_id)

    def tr(value: LocalizedText | None) -> str:
        return localize(value, lang).text

    width = min(shutil.get_terminal_size((100, 20)).columns, 100)

    def para(text: str, indent: str = "  ") -> None:
        click.echo(textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent))

    click.echo(click.style(f"{tr(method.name)} ({method.id} {method.version})", bold=True))
    click.echo(
        f"  focus: {', '.join(f.value for f in method.focus_areas)} · evidence level {method.evidence.level}/5"
        f" · owner: {tr(method.owner.name)}"
    )
    click.echo()
    para(tr(method.summary))
    click.echo()
    click.echo(click.style("Roles", bold=True))
    for role in method.roles:
        para(f"{role.id} ({role.actor.value}): {tr(role.responsibility)}")
    click.echo()
    click.echo(click.style("Steps", bold=True))
    for number, step in enumerate(method.steps, start=1):
        para(
            f"{number}. {tr(step.title)} [{step.phase.value}; {', '.join(step.responsible)}; {tr(step.duration)}]"
        )
    if method.checklists:
        click.echo()
        click.echo(click.style("Checklists", bold=True))
        for checklist in method.checklists:
            items = sum(len(p.items) for p in checklist.pause_points)
            para(
                f"{checklist.id}: {tr(checklist.title)} ({checklist.kind.value}, owner {checklist.owner}, {items} items)"
            )
    if method.indicators:
        click.echo()
        click.echo(click.style("Indicators", bold=True))
        para(", ".join(method.indicators))
    click.echo()
    para(f"{len(method.sources)} sources · licence {method.licence} · revised {method.revised.isoformat()}")


@cli.command("indicators")
@LANG
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_state
def indicators_command(state: State, lang: str, as_json: bool) -> None:
    """List the indicator library (built-in and contributed by plugins)."""
    found = state.catalog.indicators()
    if as_json:
        data = [
            {
                "id": i.id,
                "name": localize(i.name, lang).text,
                "unit": i.unit.value,
                "polarity": i.polarity.value,
                "level": i.level.value,
                "official": i.official,
                "question": i.question.value if i.question else None,
                "source": localize(i.source, lang).text,
            }
            for i in found
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(
        table([[i.id, i.unit.value, localize(i.name, lang).text] for i in found], ["id", "unit", "name"])
    )


@cli.command("documents")
@LANG
@pass_state
def documents_command(state: State, lang: str) -> None:
    """List the kinds of document the installed plugins can make."""
    rows = []
    for gen in state.catalog.generators():
        scope = ", ".join(gen.methods) if gen.methods else f"any {gen.takes.value}"
        rows.append([gen.name, scope, localize(gen.description, lang).text])
    click.echo(table(rows, ["kind", "for", "what it is"]))


@cli.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts: problems and LIX per file.")
def check_command(files: tuple[Path, ...], as_json: bool) -> None:
    """Validate method, indicator or form files (what a plugin ships) and apply the content rules; exit 1 if any has
    problems.

    The rules cover checklists, translations, claims against the evidence level, sources, wording and plain
    language (LIX). Give a method and its documents.yaml together to check that no form repeats a checklist.
    """
    from ._check import check_files

    if not check_files(files, as_json):
        raise click.exceptions.Exit(1)
