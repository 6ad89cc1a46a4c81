"""What ``labkit lab check`` passes, ``labkit build`` builds.

Random labs (hostile texts, odd dates, every partner and role arrangement the lab file allows) for the installed
methods are written to a file, checked and built through the command line, as a user would. A lab that checks
OK must build: every value the build uses is validated where the file is read, so nothing the check lets through
can crash a document, the index, the README or the lock file later. The lab's own documents are built (the plan
and each partner's checklist); a method's documents do not depend on the lab.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from tests import strategies as s

from labkit.catalog import get_catalog
from labkit.cli import main
from labkit.files import save
from labkit.labs.lock import lock_path
from labkit.model import Lab

_catalog = get_catalog()
INSTALLED = [
    s.InstalledMethod(m.id, m.version, tuple((r.id, r.actor) for r in m.roles))
    for m in _catalog.methods()
    if m.id in ("safety-walk", "portalen", "mentoring", "innovation-lab")
]
INDICATORS = sorted(_catalog.indicator_entries)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(s.buildable_labs(INSTALLED, INDICATORS))
def test_a_lab_that_checks_ok_builds(lab: Lab) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lab.yaml"
        save(lab, path)
        assert main(["lab", "check", str(path)]) == 0
        out = Path(folder) / "out"
        argv = ["build", str(path), "--out", str(out), "--jobs", "1", "--kind", "lab-plan,partner-checklist"]
        assert main(argv) == 0
        documents = sorted(out.rglob("*.docx"))
        assert documents
        index = (out / "index.html").read_text(encoding="utf-8")
        readme = (out / "README.md").read_text(encoding="utf-8")
        for document in documents:
            assert document.name in index and document.name in readme
        assert json.loads(lock_path(path).read_text(encoding="utf-8"))["lab"] == lab.id
