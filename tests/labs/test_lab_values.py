"""Values a lab file can hold that say nothing sensible are problems where the file is read, with file and line.

(Found while making ``lab check`` and ``build`` agree: each of these passed the check before and made documents
that silently said less than the file seemed to.)
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from labkit.labs.check import check_lab

CASES = {
    "steering group twice": (
        "steering_group: [housing, tenants]",
        "steering_group: [housing, tenants, housing]",
        ("steering_group", 2),
        "the partner 'housing' is listed twice",
    ),
    "a role taken by no one": (
        "roles: {tenants: [tenants, ngo]}",
        "roles: {tenants: []}",
        ("methods", 0, "roles", "tenants"),
        "no partner is named: name the partners that take the role",
    ),
    "a partner twice in a role": (
        "roles: {tenants: [tenants, ngo]}",
        "roles: {tenants: [tenants, ngo, tenants]}",
        ("methods", 0, "roles", "tenants", 2),
        "the partner 'tenants' is listed twice",
    ),
    "a data file twice": (
        "goals: []",
        "goals: []\ndata_files: [a.csv, a.csv]",
        ("data_files", 1),
        "the data file 'a.csv' is listed twice",
    ),
}


@pytest.mark.parametrize(("old", "new", "path", "message"), list(CASES.values()), ids=list(CASES))
def test_a_value_that_says_nothing_sensible_is_a_problem(lab_file: Path, catalog, old, new, path, message):
    text = lab_file.read_text(encoding="utf-8")
    assert old in text
    lab_file.write_text(text.replace(old, new), encoding="utf-8")
    (lab_file.parent / "a.csv").write_text("indicator,area,period,value\n", encoding="utf-8")
    result = check_lab(lab_file, catalog)
    assert [(p.path, p.message) for p in result.problems] == [(path, message)]
    assert result.problems[0].line is not None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("kind", ["folder", "named pipe"])
def test_a_data_file_that_is_not_a_regular_file(lab_file: Path, catalog, kind):
    text = lab_file.read_text(encoding="utf-8")
    lab_file.write_text(text.replace("goals: []", "goals: []\ndata_files: [data.csv]"), encoding="utf-8")
    target = lab_file.parent / "data.csv"
    target.mkdir() if kind == "folder" else os.mkfifo(target)
    [problem] = check_lab(lab_file, catalog).problems
    assert problem.path == ("data_files", 0)
    assert problem.message == f"the data file 'data.csv' is not a regular file ({target})"
