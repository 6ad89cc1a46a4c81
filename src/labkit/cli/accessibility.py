"""``labkit accessibility``: check Word documents and PDFs against WCAG 2.1 AA (EN 301 549)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..text import counting
from ._app import cli
from ._options import InputPath


@cli.command("accessibility")
@click.argument("files", nargs=-1, required=True, type=InputPath())
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def accessibility_command(files: tuple[Path, ...], as_json: bool) -> None:
    """Check FILES (.docx or .pdf, made by labkit or not) for accessibility problems.

    Each problem is printed with where it is and the WCAG 2.1 / EN 301 549 criterion it fails. Exit status 0
    when every file passes, 1 when a problem is found or a file cannot be read, 2 when a file does not exist.
    """
    from ..accessibility import check

    report = []
    failed = False
    for path in files:
        entry: dict[str, object] = {"file": str(path)}
        try:
            findings = check(path)
        except FileNotFoundError:
            entry["error"] = "the file does not exist"
            findings = []
        except (OSError, ValueError) as exc:
            entry["error"] = str(exc) if str(exc) else type(exc).__name__
            findings = []
        entry["findings"] = [f.to_dict() for f in findings]
        failed = failed or bool(findings) or "error" in entry
        report.append(entry)
        if as_json:
            continue
        if "error" in entry:
            click.echo(f"error: {path}: {entry['error']}", err=True)
        elif findings:
            click.echo(f"{path}: {counting(len(findings), 'problem')}")
            for finding in findings:
                click.echo(f"  {finding}")
        else:
            click.echo(f"{path}: no problems found")
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    if failed:
        raise click.exceptions.Exit(1)
