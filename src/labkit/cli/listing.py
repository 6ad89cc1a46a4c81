"""Commands that list and show what is installed: plugins, methods, indicators, document kinds."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..model import FocusArea, Method
from ..text import LocalizedText, counting, localize, printable
from ._app import State, cli, pass_state
from ._options import InputPath, Languages
from ._output import echo, echo_json

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..plugins import LoadedPlugin

LANG = click.option(
    "--lang",
    type=Languages(),
    default="sv",
    show_default=True,
    help="Language of the texts (upper or lower case).",
)


def table(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> str:
    """A plain text table (no colours, so it can be piped); each cell on one line, safe for a terminal."""
    rows = [[printable(" ".join(str(cell).split())) for cell in row] for row in rows]
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
        echo(f"error: {conflict}", err=True)


def _plugin_entry(catalog: Catalog, plugin: LoadedPlugin) -> dict[str, Any]:
    """What ``labkit plugins --json`` says about one registered plugin."""
    from ..catalog import replaces_key

    def ids(entries: dict[str, Any]) -> list[str]:
        return sorted(k for k, e in entries.items() if e.plugin is plugin)

    replaces = [
        {"what": replaces_key(kind, ident), "distribution": dist}
        for (kind, ident), by_plugin in sorted(catalog.replacements.items())
        for dist in sorted(by_plugin.get(plugin.name, ()))
    ]
    return {
        "name": plugin.name,
        "distribution": plugin.distribution,
        "version": plugin.version,
        "module": plugin.module,
        "data_only": plugin.data_only,
        "hooks": plugin.hooks(catalog.plugins.pm),
        "methods": ids(catalog.method_entries),
        "indicators": ids(catalog.indicator_entries),
        "document_kinds": ids(catalog.generator_entries),
        "templates": [str(path) for p, path in catalog.template_dirs if p is plugin],
        "replaces": replaces,
        "load_seconds": round(plugin.load_seconds, 4),
        "errors": list(plugin.errors),
    }


def _plugins_data(catalog: Catalog) -> dict[str, Any]:
    for part in type(catalog)._GATHERED:  # gather everything, so every contribution and problem is known
        getattr(catalog, part)
    plugins = catalog.plugins
    return {
        "plugins": [_plugin_entry(catalog, p) for p in plugins.plugins.values()],
        "failed": [
            {
                "name": p.name,
                "distribution": p.distribution,
                "version": p.version,
                "load_seconds": round(p.load_seconds, 4),
                "errors": list(p.errors),
            }
            for p in plugins.failed
        ],
        "conflicts": [
            {
                "kind": c.kind,
                "id": c.id,
                "distributions": [p.distribution for p in c.plugins],
                "kept": c.kept.distribution if c.kept is not None else None,
                "message": str(c),
            }
            for c in catalog.conflicts
        ],
    }


def _contributes(item: dict[str, Any]) -> str:
    parts = []
    for key, label in (("methods", "methods"), ("indicators", "indicators"), ("document_kinds", "documents")):
        if item[key]:
            parts.append(f"{label}: {', '.join(item[key])}")
    if item["replaces"]:
        parts.append("REPLACES " + ", ".join(f"{r['what']} of {r['distribution']}" for r in item["replaces"]))
    if item["errors"]:
        parts.append(f"ERRORS: {'; '.join(item['errors'])}")
    return " | ".join(parts) or "-"


@cli.command("plugins")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_state
def plugins_command(state: State, as_json: bool) -> None:
    """List installed plugins: distribution, version, load time, what each contributes or replaces, errors."""
    data = _plugins_data(state.catalog)
    if as_json:
        echo_json(data)
        return
    rows = [
        [item["distribution"], item["version"], f"{item['load_seconds']:.2f} s", _contributes(item)]
        for item in data["plugins"]
    ]
    rows += [
        [
            item["distribution"],
            item["version"],
            f"{item['load_seconds']:.2f} s",
            f"FAILED: {'; '.join(item['errors'])}",
        ]
        for item in data["failed"]
    ]
    echo(table(rows, ["distribution", "version", "load", "contributes"]))
    for conflict in data["conflicts"]:
        echo(f"conflict: {conflict['message']}")


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
        echo_json(data)
    else:
        if found:
            echo(table([_method_row(m, lang) for m in found], ["id", "version", "focus", "name"]))
        else:
            echo("no methods installed" + (f" in the focus area {area.value}" if area else ""))
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
        echo(textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent))

    echo(f"{tr(method.name)} ({method.id} {method.version})", bold=True)
    echo(
        f"  focus: {', '.join(f.value for f in method.focus_areas)} · evidence level {method.evidence.level}/5"
        f" · owner: {tr(method.owner.name)}"
    )
    echo()
    para(tr(method.summary))
    echo()
    echo("Roles", bold=True)
    for role in method.roles:
        para(f"{role.id} ({role.actor.value}): {tr(role.responsibility)}")
    echo()
    echo("Steps", bold=True)
    for number, step in enumerate(method.steps, start=1):
        para(
            f"{number}. {tr(step.title)} [{step.phase.value}; {', '.join(step.responsible)}; {tr(step.duration)}]"
        )
    if method.checklists:
        echo()
        echo("Checklists", bold=True)
        for checklist in method.checklists:
            items = sum(len(p.items) for p in checklist.pause_points)
            para(
                f"{checklist.id}: {tr(checklist.title)} ({checklist.kind.value}, owner {checklist.owner}, {items} items)"
            )
    if method.indicators:
        echo()
        echo("Indicators", bold=True)
        para(", ".join(method.indicators))
    echo()
    para(
        f"{counting(len(method.sources), 'source')} · licence {method.licence} · revised {method.revised.isoformat()}"
    )


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
        echo_json(data)
        return
    echo(table([[i.id, i.unit.value, localize(i.name, lang).text] for i in found], ["id", "unit", "name"]))


@cli.command("documents")
@LANG
@pass_state
def documents_command(state: State, lang: str) -> None:
    """List the kinds of document the installed plugins can make."""
    rows = []
    for gen in state.catalog.generators():
        scope = ", ".join(gen.methods) if gen.methods else f"any {gen.takes.value}"
        rows.append([gen.name, scope, localize(gen.description, lang).text])
    echo(table(rows, ["kind", "for", "what it is"]))


@cli.command("check")
@click.argument("files", nargs=-1, type=InputPath())
@click.option(
    "--plugin",
    "distributions",
    multiple=True,
    help="Check an installed plugin distribution as its tests do: files, rules, translations, templates and "
    "every document it makes (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts: problems and LIX per file.")
def check_command(files: tuple[Path, ...], distributions: tuple[str, ...], as_json: bool) -> None:
    """Validate method, indicator or form files (what a plugin ships) and apply the content rules, or check a whole
    installed plugin; exit 1 if any has problems.

    The rules cover checklists, translations, claims against the evidence level, sources, wording and plain
    language (LIX). Give a method and its documents.yaml together to check that no form repeats a checklist.
    """
    from ._check import check_files

    if not files and not distributions:
        raise click.UsageError("name files to check, or a plugin with --plugin DISTRIBUTION")
    failed = bool(files) and not check_files(files, as_json)
    for distribution in distributions:
        failed = _check_plugin(distribution) or failed
    if failed:
        raise click.exceptions.Exit(1)


def _check_plugin(distribution: str) -> bool:
    """Print what :func:`labkit.testing.check_plugin` finds; True if it found problems."""
    import importlib.metadata

    from ..testing import check_plugin

    try:
        importlib.metadata.distribution(distribution)
    except importlib.metadata.PackageNotFoundError:
        raise click.BadParameter(
            f"{distribution!r} is not installed ('labkit plugins' lists the plugins)", param_hint="--plugin"
        ) from None
    report = check_plugin(distribution)
    for problem in report.problems:
        echo(f"error: {distribution}: {problem}", err=True)
    for note in report.notes:
        echo(f"note: {distribution}: {note}")
    if report.ok:
        echo(f"{distribution}: OK ({counting(len(report.documents), 'document')} made)")
    return not report.ok
