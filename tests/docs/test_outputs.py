"""What the docs quote as output is what the commands print now.

The tutorials are followed in an empty folder exactly as written: each command is taken from the page's ``sh``
blocks, the files the page shows (the goals, the measurements) are written from its ``yaml`` and ``text`` blocks,
and the ``text`` block after a command is compared with what the command printed (or, for the outcome report,
with the text of the Word document). In a quoted block ``...`` stands for text left out; line breaks and runs of
spaces do not matter, everything else does.
"""

from __future__ import annotations

import io
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from labkit.labs.demo import demo_lab_path
from labkit.labs.report import render_report

DOCS = Path(__file__).parents[2] / "docs"
LABKIT = Path(sys.executable).with_name("labkit")
BLOCK = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.M | re.S)


def page_blocks(page: str) -> list[tuple[str, str]]:
    """The page's fenced blocks in order, as (language, body)."""
    return BLOCK.findall((DOCS / page).read_text(encoding="utf-8"))


def command(page: str, start: str) -> str:
    """The one line of a ``sh`` block of *page* that starts with *start*."""
    lines = [
        line.strip()
        for kind, body in page_blocks(page)
        if kind == "sh"
        for line in body.splitlines()
        if line.strip().startswith(start)
    ]
    assert len(lines) == 1, f"{page}: {len(lines)} command lines start with {start!r}"
    return lines[0]


def shown_after(page: str, start: str, nth: int = 0) -> str:
    """The *nth* ``text`` block that follows the ``sh`` block holding the command starting with *start*."""
    blocks = page_blocks(page)
    for index, (kind, body) in enumerate(blocks):
        if kind == "sh" and any(line.strip().startswith(start) for line in body.splitlines()):
            following = [b for k, b in blocks[index + 1 :] if k == "text"]
            return following[nth]
    raise AssertionError(f"{page}: no sh block with {start!r}")


def flat(text: str) -> str:
    return " ".join(text.replace("•", " ").split())


def not_shown(quoted: str, printed: str) -> str | None:
    """The first part of *quoted* that *printed* does not show (``...`` matches anything), or None."""
    flat_printed = flat(printed)
    parts = [flat(part) for part in quoted.split("...")]
    for end in range(1, len(parts) + 1):
        pattern = r"(?:^|(?<=\s))" + ".*?".join(re.escape(p) for p in parts[:end])
        if end == len(parts):
            pattern += r"(?=\s|$)"
        if not re.search(pattern, flat_printed):
            return parts[end - 1]
    return None


def assert_shows(quoted: str, printed: str) -> None:
    missing = not_shown(quoted, printed)
    assert missing is None, f"the docs quote {missing!r}, but the output is:\n{printed}"


def docx_text(path_or_bytes: Path | bytes) -> str:
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    document = docx.Document(source)
    return "\n".join(p.text for p in document.paragraphs)


def runner(folder: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    environment = {**os.environ, "LABKIT_CACHE_DIR": str(folder / ".cache"), "COLUMNS": "120"}

    def run(line: str, status: int | None = 0) -> subprocess.CompletedProcess[str]:
        words = shlex.split(line)
        assert words[0] == "labkit", line
        result = subprocess.run(
            [str(LABKIT), *words[1:]], cwd=folder, capture_output=True, text=True, env=environment
        )
        if status is not None:
            assert result.returncode == status, f"{line}\n{result.stdout}\n{result.stderr}"
        return result

    return run


def test_the_comparison_allows_left_out_text_and_nothing_else():
    printed = "built 44 documents; index: labkit-demo/index.html\n"
    assert not_shown("built 44 documents; index: labkit-demo/index.html", printed) is None
    assert not_shown("built 32 documents; index: labkit-demo/index.html", printed) == (
        "built 32 documents; index: labkit-demo/index.html"
    )
    assert not_shown("built 4 documents", printed) == "built 4 documents"
    assert not_shown("built ... documents; ...", printed) is None
    assert not_shown("• Trend over 2 periods: improving.", "• No trend: 2 published periods") is not None


# -- Run a lab -------------------------------------------------------------------------------------------------

RUN_A_LAB = "tutorials/run-a-lab.md"


def with_goals(lab: str, snippet: str) -> str:
    """The lab file edited as the tutorial says: the reference area and the goals from the page's snippet."""
    reference = re.search(r"^  reference_area: .*$", snippet, re.M)
    goals = re.search(r"^goals:\n(?:  .*\n)+", snippet, re.M)
    assert reference and goals, snippet
    lab = re.sub(r"^(  municipality: .*\n)", rf"\1{reference[0]}\n", lab, count=1, flags=re.M)
    return lab.replace("goals: []\n", goals[0], 1)


@pytest.fixture(scope="module")
def tutorial(tmp_path_factory):
    """The tutorial followed step by step; what each step printed, keyed by the step."""
    folder = tmp_path_factory.mktemp("run-a-lab")
    run = runner(folder)
    printed: dict[str, str] = {}
    printed["new"] = run(command(RUN_A_LAB, "labkit lab new -o safer-evenings.yaml --lang en")).stdout
    lab_file = folder / "safer-evenings.yaml"
    snippet = next(body for kind, body in page_blocks(RUN_A_LAB) if kind == "yaml" and "goals:" in body)
    lab_file.write_text(with_goals(lab_file.read_text(encoding="utf-8"), snippet), encoding="utf-8")
    printed["check"] = run(command(RUN_A_LAB, "labkit lab check ")).stdout
    # The same file with a misspelt method and a misspelt indicator, as the page shows.
    good = lab_file.read_text(encoding="utf-8")
    bad = good.replace("- id: safety-walk\n", "- id: safety-walks\n").replace(
        "indicator: feeling-unsafe-evening", "indicator: feeling-unsafe"
    )
    lab_file.write_text(bad, encoding="utf-8")
    printed["misspelt"] = run(command(RUN_A_LAB, "labkit lab check "), status=1).stderr
    lab_file.write_text(good, encoding="utf-8")
    run(command(RUN_A_LAB, "labkit lab plan"))
    run(command(RUN_A_LAB, "labkit lab checklist"))
    build = command(RUN_A_LAB, "labkit build")
    printed["build"] = run(build).stdout
    printed["rebuild"] = run(build).stdout
    measurements = next(b for k, b in page_blocks(RUN_A_LAB) if k == "text" and b.startswith("indicator,"))
    (folder / "measurements.csv").write_text(measurements, encoding="utf-8")
    run(command(RUN_A_LAB, "labkit report"))
    printed["report"] = docx_text(folder / "report.docx")
    lab_file.write_text(good.replace("data_files: []", "data_files: [measurements.csv]"), encoding="utf-8")
    run(build)
    return folder, printed


def test_run_a_lab_lab_new(tutorial):
    _folder, printed = tutorial
    assert_shows(shown_after(RUN_A_LAB, "labkit lab new -o safer-evenings.yaml --lang en"), printed["new"])


def test_run_a_lab_check(tutorial):
    _folder, printed = tutorial
    assert printed["check"].strip() == "OK"
    assert "It prints `OK`" in (DOCS / RUN_A_LAB).read_text(encoding="utf-8")
    assert_shows(shown_after(RUN_A_LAB, "labkit lab check "), printed["misspelt"])


def test_run_a_lab_build(tutorial):
    folder, printed = tutorial
    assert_shows(shown_after(RUN_A_LAB, "labkit build"), printed["build"])
    assert_shows(shown_after(RUN_A_LAB, "labkit build", nth=2), printed["rebuild"])
    tree = shown_after(RUN_A_LAB, "labkit build", nth=1)
    built = {path.name for path in (folder / "documents").rglob("*.docx")}
    for name in re.findall(r"[\w-]+\.docx", tree):
        assert name in built, f"the tree in {RUN_A_LAB} shows {name}, which the build does not make"


def test_run_a_lab_report(tutorial):
    _folder, printed = tutorial
    page = (DOCS / RUN_A_LAB).read_text(encoding="utf-8")
    summary = re.search(r"here \*(.+?)\*", page, re.S)
    assert summary, "the page quotes the report's summary as *...*"
    assert_shows(summary[1], printed["report"])
    assert_shows(shown_after(RUN_A_LAB, "labkit report"), printed["report"])


def test_run_a_lab_build_saves_the_charts_as_the_page_says(tutorial):
    folder, _printed = tutorial
    page = (DOCS / RUN_A_LAB).read_text(encoding="utf-8")
    assert "`documents/en/report/*.png`" in page and "PNG and SVG" not in page
    charts = sorted(p.name for p in (folder / "documents" / "en" / "report").iterdir())
    assert charts and all(name.endswith(".png") for name in charts), charts
    assert not list((folder / "documents").rglob("*.svg"))


# -- Your first guide ------------------------------------------------------------------------------------------

FIRST_GUIDE = "tutorials/first-guide.md"


@pytest.fixture(scope="module")
def first_guide(tmp_path_factory):
    folder = tmp_path_factory.mktemp("first-guide")
    run = runner(folder)
    printed = {
        "demo": run(command(FIRST_GUIDE, "labkit demo")).stdout,
        "methods": run("labkit methods").stdout,
        "guide": run(command(FIRST_GUIDE, "labkit guide safety-walk")).stdout,
    }
    return folder, printed


def test_first_guide_outputs(first_guide):
    _folder, printed = first_guide
    assert_shows(shown_after(FIRST_GUIDE, "labkit demo"), printed["demo"])
    assert_shows(shown_after(FIRST_GUIDE, "labkit methods"), printed["methods"])
    assert_shows(shown_after(FIRST_GUIDE, "labkit guide safety-walk"), printed["guide"])


def test_first_guide_lists_every_kind_of_document_the_demo_builds(first_guide):
    folder, _printed = first_guide
    page = flat((DOCS / FIRST_GUIDE).read_text(encoding="utf-8")).lower()
    english = sorted((folder / "labkit-demo" / "en").rglob("*.docx"))
    per_language = re.search(r"\((\d+) documents in each\)", page)
    assert per_language and int(per_language[1]) == len(english)
    for path in english:
        stem = path.stem.removesuffix("-en")
        if path.parent.name == "partner-checklist":
            kind = "checklist for each partner"
        elif path.parent.parent.name == "methods":
            kind = stem.removeprefix(path.parent.name + "-")
        else:
            kind = "lab-plan" if stem.endswith("-lab-plan") else stem.rsplit("-", 1)[-1]
        words = {"report": "outcome report", "checklist": "method's checklists", "guide": "method guide"}
        expected = words.get(kind, kind.replace("-", " "))
        assert expected in page, f"{FIRST_GUIDE} does not say the demo builds {expected!r} ({path.name})"


# -- Track outcomes and read the report ------------------------------------------------------------------------

OUTCOMES = "how-to/outcomes.md"


def test_outcomes_quotes_the_demo_report():
    text = docx_text(render_report(demo_lab_path(), lang="en").data)
    page = (DOCS / OUTCOMES).read_text(encoding="utf-8")
    summary = re.search(r"a sentence such as \*(.+?)\*", page, re.S)
    assert summary
    assert_shows(summary[1], text)
    findings = next(
        b for k, b in page_blocks(OUTCOMES) if k == "text" and b.startswith("Registered unemployed")
    )
    assert_shows(findings, text)


# -- Write and publish a method plugin -------------------------------------------------------------------------

PLUGIN = "how-to/publish-a-plugin.md"


def test_publish_a_plugin_outputs(tmp_path):
    run = runner(tmp_path)
    assert_shows(shown_after(PLUGIN, "labkit new-plugin"), run(command(PLUGIN, "labkit new-plugin")).stdout)
    tree = shown_after(PLUGIN, "labkit new-plugin", nth=1)
    for name in re.findall(r"[\w-]+\.(?:toml|md|yaml|docx|py)", tree):
        assert list(tmp_path.rglob(name)), f"{PLUGIN} shows {name}, which new-plugin does not make"
    check = command(PLUGIN, "labkit check labkit-employer-breakfasts/")
    words = shlex.split(check)
    expanded = [str(p.relative_to(tmp_path)) for w in words[2:] for p in sorted(tmp_path.glob(w))]
    assert_shows(
        shown_after(PLUGIN, "labkit check labkit-employer-breakfasts/"),
        run(shlex.join([*words[:2], *expanded])).stdout,
    )


# -- Accessibility ---------------------------------------------------------------------------------------------


def test_accessibility_quotes_the_check_of_an_untagged_pdf(tmp_path):
    untagged = Path(__file__).parents[1] / "files" / "untagged.pdf"
    (tmp_path / "report.pdf").write_bytes(untagged.read_bytes())
    printed = runner(tmp_path)("labkit accessibility report.pdf", status=1).stdout
    quoted = next(
        b
        for k, b in page_blocks("explanation/accessibility.md")
        if k == "text" and b.startswith("report.pdf:")
    )
    assert_shows(quoted, printed)


# -- House styles ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "start", "style", "quoted_start"),
    [
        (
            "how-to/house-style.md",
            "labkit guide portalen --house-style",
            "colours:\n  headings: red\n",
            "error: house-style.yaml:2: colours.headings:",
        ),
        (
            "how-to/house-style.md",
            "labkit guide portalen --house-style",
            'organisation: Bostadsbolaget\ncolours:\n  headings: "#1F3864"\n  text: "#AAAAAA"\n',
            "error: house-style.yaml:4: colours.text:",
        ),
        (
            "how-to/publish-a-method-bank.md",
            "labkit site --out method-bank --house-style",
            'organisation: Bostadsbolaget\ncolours:\n  text: "#999999"\n',
            "error: house-style.yaml:3: colours.text:",
        ),
    ],
)
def test_house_style_mistakes_are_quoted_as_printed(tmp_path, page, start, style, quoted_start):
    (tmp_path / "house-style.yaml").write_text(style, encoding="utf-8")
    result = runner(tmp_path)(command(page, start), status=None)
    assert result.returncode != 0
    printed = result.stderr
    quoted = next(b for k, b in page_blocks(page) if k == "text" and b.startswith(quoted_start))
    assert_shows(quoted, printed)
    assert not list(tmp_path.glob("*.docx")) and not (tmp_path / "method-bank").exists()


def test_outcomes_quotes_the_errors_of_bad_measurement_files(tmp_path):
    import openpyxl

    (tmp_path / "measurements.csv").write_text(
        "indicator,area,period,value\nparticipants,Hageby,2019-H1,20\nparticipants,Hageby,2019-H2,21\n"
        "participants,Hageby,2018-H2,tjugo\n",
        encoding="utf-8",
    )
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Data"
    for row in (["indicator", "area", "period", "value"], ["participants", "Hageby", "2019-H2", 20]):
        sheet.append(row)
    sheet.append(["participants", "Hageby", "2019-H1", "trettio"])
    workbook.save(tmp_path / "measurements.xlsx")
    line = f"labkit report {demo_lab_path()} --data measurements.csv --data measurements.xlsx -o report.docx"
    printed = runner(tmp_path)(line, status=1).stderr
    quoted = next(b for k, b in page_blocks(OUTCOMES) if k == "text" and b.startswith("error: measurements"))
    assert_shows(quoted, printed)
    assert not (tmp_path / "report.docx").exists()
